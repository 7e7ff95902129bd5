import Foundation
import Logging
import Testing

@testable import ServiceRuntime

@Suite("JSONLogHandler")
struct JSONLogHandlerTests {
  struct Failure: Error {}

  func makeLogger(_ collector: LineCollector, level: Logger.Level = .info) -> Logger {
    Logger(label: "rjhub.test") { label in
      JSONLogHandler(
        label: label, serviceName: "intake", logLevel: level, sink: collector.sink,
        metadataProvider: nil)
    }
  }

  @Test("each call writes one JSON object per line with the fixed fields")
  func fixedFields() throws {
    let collector = LineCollector()
    let logger = makeLogger(collector)
    logger.info("first")
    logger.warning("second")
    logger.debug("below the level")

    #expect(collector.lines.count == 2)
    #expect(collector.lines.allSatisfy { !$0.contains("\n") })
    let objects = try collector.objects()
    let first = try #require(objects.first)
    #expect(first["level"] as? String == "info")
    #expect(first["service"] as? String == "intake")
    #expect(first["label"] as? String == "rjhub.test")
    #expect(first["msg"] as? String == "first")
    #expect(first["source"] as? String == "ServiceRuntimeTests")
    let timestamp = try #require(first["ts"] as? String)
    #expect(
      timestamp.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/) != nil,
      "timestamp \(timestamp) is RFC 3339 UTC with milliseconds")
    #expect(objects[1]["level"] as? String == "warning")
    #expect(collector.lines[0].hasPrefix("{\"ts\":"))
  }

  @Test("metadata becomes fields, nested metadata objects and arrays")
  func metadata() throws {
    let collector = LineCollector()
    var logger = makeLogger(collector)
    logger[metadataKey: "case.id"] = "c-1"
    logger.info(
      "handled",
      metadata: [
        "count": .stringConvertible(3),
        "nested": .dictionary(["a": "1", "list": .array(["x", .dictionary(["y": "z"])])]),
        "msg": "collides with a fixed field",
        "case.id": "c-2",
      ])
    let object = try #require(try collector.objects().first)
    #expect(object["msg"] as? String == "handled")
    #expect(object["md.msg"] as? String == "collides with a fixed field")
    #expect(object["count"] as? String == "3")
    #expect(object["case.id"] as? String == "c-2", "call metadata wins over logger metadata")
    let nested = try #require(object["nested"] as? [String: Any])
    #expect(nested["a"] as? String == "1")
    let list = try #require(nested["list"] as? [Any])
    #expect(list.first as? String == "x")
    #expect((list.last as? [String: Any])?["y"] as? String == "z")
  }

  @Test("metadata from the provider is merged")
  func provider() throws {
    let collector = LineCollector()
    let logger = Logger(label: "rjhub.test") { label in
      JSONLogHandler(
        label: label, serviceName: "intake", sink: collector.sink,
        metadataProvider: Logger.MetadataProvider { ["request.id": "r-9"] })
    }
    logger.info("with provider")
    let object = try #require(try collector.objects().first)
    #expect(object["request.id"] as? String == "r-9")
  }

  @Test("quotes, backslashes, newlines and control characters are escaped")
  func escaping() throws {
    let collector = LineCollector()
    let logger = makeLogger(collector)
    let tricky = "say \"hi\"\\\nnext\tline\r\u{01}\u{2028}é"
    logger.info("\(tricky)", metadata: ["k\"ey": "\(tricky)"])
    #expect(collector.lines.count == 1)
    #expect(!collector.lines[0].contains("\n"))
    #expect(collector.lines[0].contains("\\u0001"))
    let object = try #require(try collector.objects().first)
    #expect(object["msg"] as? String == tricky)
    #expect(object["k\"ey"] as? String == tricky)
  }

  @Test("an attached error is written as its type only")
  func error() throws {
    let collector = LineCollector()
    let logger = makeLogger(collector)
    logger.error("failed", error: Failure())
    let object = try #require(try collector.objects().first)
    #expect((object["error"] as? String)?.hasSuffix("Failure") == true)
  }

  @Test("timestamps format as RFC 3339 UTC")
  func timestampFormat() {
    #expect(RFC3339Timestamp.format(seconds: 0, milliseconds: 5) == "1970-01-01T00:00:00.005Z")
    #expect(
      RFC3339Timestamp.format(seconds: 1_740_821_405, milliseconds: 123)
        == "2025-03-01T09:30:05.123Z")
  }

  @Test("the bootstrap factory builds JSON or text handlers at the configured level")
  func factory() {
    let json = LoggingBootstrap.makeFactory(format: .json, level: .debug, serviceName: "s")("l")
    #expect(json is JSONLogHandler)
    #expect(json.logLevel == .debug)
    let text = LoggingBootstrap.makeFactory(format: .text, level: .error, serviceName: "s")("l")
    #expect(text is StreamLogHandler)
    #expect(text.logLevel == .error)
  }
}
