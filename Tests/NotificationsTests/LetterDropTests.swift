import AccessControl
import EventContracts
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PostgresClient
import TestSupport
import Testing

@testable import Notifications

/// Letters from request to the print provider's spool and back: rendered by the real
/// delivery loop into a real schema, sealed at rest, written by the real letter drop into a
/// scratch folder, their returns recorded through the real routes behind the access gate.
@Suite("letter drop", .serialized)
struct LetterDropTests {
  /// This suite's test exchange is its own (`notifications-letters-test.events`): it runs
  /// beside the delivery suite, whose loops must not see these requests.
  static let exchangeName = "notifications-letters-test"

  /// A new, empty drop folder.
  static func scratchFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("rjhub-letter-drop-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }

  /// Every name in `folder`, hidden ones included.
  static func files(in folder: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
  }

  /// A letter request to a synthetic person.
  static func letterRequest(largePrint: Bool? = nil) -> EventEnvelope<NotificationRequested> {
    NotificationsHarness.request(
      .victimRJInformation, channel: .letter,
      recipient: .init(name: "Dana Drop", address: "2 Synthetic Road\nExampletown\nEX2 2BB"),
      largePrint: largePrint)
  }

  @Test("a letter: sealed at rest, one file in the drop, queued then handed over, never twice")
  func handOver() async throws {
    let folder = try Self.scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try await NotificationsHarness.with(name: Self.exchangeName) { h in
      let request = Self.letterRequest()
      let id = request.data.notificationId
      try await h.request([request])
      _ = try await h.running([try h.delivery()]) { try await h.settled([id]) }

      // Queued, sealed at rest: neither the PDF nor the person is readable in the column.
      let queued = try #require(try await h.storedLetter(id))
      #expect(queued.status == "queued")
      #expect(queued.sealedDocument.hasPrefix("v1."))
      #expect(!queued.sealedDocument.contains("PDF"))
      #expect(!queued.sealedDocument.contains("Dana"))
      #expect(queued.pdf.starts(with: Array("%PDF-".utf8)))
      #expect(try Self.files(in: folder).isEmpty)
      #expect(try await h.events(NotificationSent.self, notificationId: id).isEmpty)

      // Handed over: one file, named by the notification id, the same PDF.
      let drop = h.letterDrop(folder: folder)
      #expect(try await drop.handOverQueued() == 1)
      let name = LetterDropDirectory.fileName(notificationId: id)
      #expect(name == id.replacingOccurrences(of: "/", with: "%2F") + ".pdf")
      #expect(!name.contains("Dana"))
      #expect(try Self.files(in: folder) == [name])
      let file = folder.appendingPathComponent(name)
      #expect(Array(try Data(contentsOf: file)) == queued.pdf)
      let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
      #expect((attributes[.posixPermissions] as? Int) == 0o600)
      let poppler = try Poppler(queued.pdf)
      defer { poppler.remove() }
      #expect(try poppler.info()["Page size"] == "595.28 x 841.89 pts (A4)")
      #expect(try poppler.text().contains("2 Synthetic Road"))
      #expect(try poppler.text().contains("PO Box 999"))

      let handed = try #require(try await h.storedLetter(id))
      #expect(handed.status == "handed-over")
      #expect(handed.dropFile == name)
      #expect(try await h.stored(id)?.status == "sent")
      let sent = try await h.events(NotificationSent.self, notificationId: id)
      #expect(sent.map(\.data.channel) == [.letter])
      #expect(sent.first?.causationId == request.id)

      // Requested again, delivered again, dropped again: nothing more is written or sent.
      try await h.request([NotificationsHarness.resent(request)])
      try await h.running([try h.delivery()]) { try await Task.sleep(for: .milliseconds(500)) }
      #expect(try await drop.handOverQueued() == 0)
      #expect(try Self.files(in: folder) == [name])
      #expect(try await h.events(NotificationSent.self, notificationId: id).count == 1)
      #expect(try await h.storedLetter(id)?.status == "handed-over")
    }
  }

  @Test("two letter drops on one schema hand each of many letters over exactly once")
  func concurrentDrops() async throws {
    let folder = try Self.scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try await NotificationsHarness.with(name: Self.exchangeName) { h in
      let requests = (0..<8).map { _ in Self.letterRequest() }
      let ids = requests.map(\.data.notificationId)
      try await h.request(requests)
      _ = try await h.running([try h.delivery()]) { try await h.settled(ids) }
      let (a, b) = (h.letterDrop(folder: folder), h.letterDrop(folder: folder))
      async let first = a.handOverQueued()
      async let second = b.handOverQueued()
      #expect(try await first + second == 8)
      #expect(
        try Self.files(in: folder)
          == ids.map { LetterDropDirectory.fileName(notificationId: $0) }.sorted())
      for id in ids {
        #expect(try await h.events(NotificationSent.self, notificationId: id).count == 1, "\(id)")
      }
    }
  }

  @Test("a participant who asked for large print gets the large-print letter")
  func largePrint() async throws {
    try await NotificationsHarness.with(name: Self.exchangeName) { h in
      let large = Self.letterRequest(largePrint: true)
      let standard = Self.letterRequest()
      let ids = [large, standard].map(\.data.notificationId)
      try await h.request([large, standard])
      _ = try await h.running([try h.delivery()]) { try await h.settled(ids) }
      let largeLetter = try #require(try await h.storedLetter(ids[0]))
      let standardLetter = try #require(try await h.storedLetter(ids[1]))
      #expect(largeLetter.format == "large-print")
      #expect(standardLetter.format == "standard")
      #expect(largeLetter.pageCount > standardLetter.pageCount)
      /// The height of the body's first word on page 1.
      func wordHeight(_ pdf: [UInt8]) throws -> Double {
        let poppler = try Poppler(pdf)
        defer { poppler.remove() }
        return try #require(try poppler.words(page: 1).first { $0.text == "Restorative" }).height
      }
      // pdftotext measures 11 pt words 10.5 high and 16 pt words 16.3.
      #expect(try wordHeight(largeLetter.pdf) >= 15)
      #expect(try wordHeight(standardLetter.pdf) < 12)
    }
  }

  // MARK: Returns, through the routes

  static let key = "synthetic-test-key-synthetic-test-key-0123"

  /// One answer of the routes.
  struct Answer {
    var status: HTTPResponse.Status
    var body: String
  }

  /// `method` on `uri` of the letter routes over `h`'s schema, with `token` and `body`.
  static func call(
    _ h: NotificationsHarness, _ method: HTTPRequest.Method, _ uri: String, token: String?,
    body: String? = nil
  ) async throws -> Answer {
    let router = Router()
    LetterRoutes(schema: h.schema, gate: AccessGate(signingKey: key), pool: h.pool)
      .register(on: router)
    var headers: HTTPFields = [.contentType: "application/json"]
    if let token { headers[.authorization] = "Bearer \(token)" }
    let fields = headers
    return try await Application(router: router).test(.router) { client in
      try await client.execute(
        uri: uri, method: method, headers: fields,
        body: body.map { ByteBuffer(string: $0) }
      ) { response in
        Answer(status: response.status, body: String(buffer: response.body))
      }
    }
  }

  @Test("a return is recorded by the area's staff, once, and only for a handed-over letter")
  func returns() async throws {
    let folder = try Self.scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try await NotificationsHarness.with(name: Self.exchangeName) { h in
      let request = Self.letterRequest()
      let id = request.data.notificationId
      let path = "/letters/\(id.replacingOccurrences(of: "/", with: "%2F"))"
      try await h.request([request])
      _ = try await h.running([try h.delivery()]) { try await h.settled([id]) }
      let issuer = TokenIssuer(signingKey: Self.key)
      let caseWorker = try await issuer.issue(
        subject: "cw-synthetic", roles: [.caseWorker], areas: [NotificationsHarness.area])
      let elsewhere = try await issuer.issue(
        subject: "cw-elsewhere", roles: [.caseWorker], areas: ["norfolk"])
      let commissioner = try await issuer.issue(
        subject: "co-synthetic", roles: [.commissioner], areas: [NotificationsHarness.area])
      let goneAway = #"{"reason": "gone-away"}"#

      let shown = try await Self.call(h, .get, path, token: caseWorker)
      #expect(shown.status == .ok)
      #expect(shown.body.contains(#""status":"queued""#))
      #expect(!shown.body.contains("Dana"))
      // Not handed over yet: nothing to return.
      #expect(
        try await Self.call(h, .post, path + "/return", token: caseWorker, body: goneAway)
          .status == .conflict)

      #expect(try await h.letterDrop(folder: folder).handOverQueued() == 1)
      #expect(
        try await Self.call(h, .post, path + "/return", token: nil, body: goneAway)
          .status == .unauthorized)
      #expect(
        try await Self.call(h, .post, path + "/return", token: commissioner, body: goneAway)
          .status == .forbidden)
      #expect(
        try await Self.call(h, .post, path + "/return", token: elsewhere, body: goneAway)
          .status == .forbidden)
      let invalid = try await Self.call(
        h, .post, path + "/return", token: caseWorker, body: #"{"reason": "lost"}"#)
      #expect(invalid.status == .badRequest)
      #expect(invalid.body.contains("/reason"))
      #expect(
        try await Self.call(
          h, .post, "/letters/no-such-letter/return", token: caseWorker,
          body: goneAway
        ).status == .notFound)

      let recorded = try await Self.call(
        h, .post, path + "/return", token: caseWorker, body: goneAway)
      #expect(recorded.status == .ok)
      #expect(recorded.body.contains(#""status":"returned""#))
      #expect(recorded.body.contains(#""returnReason":"gone-away""#))
      #expect(
        try await Self.call(h, .post, path + "/return", token: caseWorker, body: goneAway)
          .status == .conflict)
      let stored = try #require(try await h.storedLetter(id))
      #expect(stored.status == "returned")
      #expect(stored.returnReason == "gone-away")
      #expect(
        try await Self.call(h, .get, path, token: caseWorker).body
          .contains(#""status":"returned""#))
    }
  }

  @Test("drop file names stand for notification ids, and back")
  func fileNames() {
    for id in [
      "case-1/victim-rj-information", "case-2/facilitator-allocation/FAC-NFK-001",
      "odd id.with~chars",
    ] {
      let name = LetterDropDirectory.fileName(notificationId: id)
      #expect(name.hasSuffix(".pdf"))
      #expect(!name.contains("/") && !name.hasPrefix("."))
      #expect(LetterDropDirectory.notificationId(fileName: name) == id)
    }
    #expect(
      LetterDropDirectory.fileName(notificationId: "case-1/victim-rj-information")
        == "case-1%2Fvictim-rj-information.pdf")
  }
}
