import AMQPClient
import DurableMessaging
import Foundation
import TestSupport
import Testing

/// `rjhub dead-letters list|show|replay`, run as an operator would: the built executable,
/// the provisioned `operator` broker account, a real dead-letter queue.
@Suite("rjhub dead-letters", .serialized)
struct DeadLetterCommandTests {
  let logger = TestServers.logger("dead-letter-command-test")

  /// Runs `rjhub <arguments>`; its exit status and output.
  func rjhub(_ arguments: [String]) async throws -> (status: Int32, output: String) {
    let output = FileManager.default.temporaryDirectory
      .appendingPathComponent("rjhub-cli-\(UUID().uuidString).log").path
    defer { try? FileManager.default.removeItem(atPath: output) }
    let operatorURL = try #require(
      try TestServers.serviceEnvironment("operator")["RJHUB_AMQP_URL"])
    let child = try ChildProcess(
      executable: try TestServers.binDirectory().appendingPathComponent("rjhub").path,
      arguments: arguments + ["--amqp-url", operatorURL],
      environment: ["PATH": "/usr/bin:/bin"], outputFile: output)
    let status = try #require(try await child.waitForExit(timeout: .seconds(60)))
    return (status, try String(contentsOfFile: output, encoding: .utf8))
  }

  @Test("lists and shows a dead letter without its body, then replays it to its queue")
  func listShowReplay() async throws {
    let admin = AMQPConnection(
      configuration: try AMQPConfiguration(
        url: try TestServers.amqpURL(), connectionName: "dead-letter-command-test"),
      logger: logger)
    try await admin.connect()
    let queue = ServiceQueue(
      service: "intake", purpose: TestServers.uniqueName("cli-test"), bindings: [])
    try await admin.declare(queue.topology)

    // A message the service rejected: the broker dead-letters it with its x-death record.
    let id = UUID().uuidString.lowercased()
    var properties = AMQPMessageProperties()
    properties.messageId = id
    properties.headers["x-origin"] = .string("synthetic test")
    let marker = "synthetic-body-\(UUID().uuidString)"
    let published = try await admin.publish([
      OutgoingMessage(
        exchange: "", routingKey: queue.name, body: Array(marker.utf8), properties: properties)
    ])
    #expect(published == [.confirmed])
    let delivery = try #require(try await admin.get(queue: queue.name))
    await admin.nack(delivery, requeue: false)

    var listed = (status: Int32(-1), output: "")
    for _ in 0..<50 where !listed.output.contains(id) {
      listed = try await rjhub(["dead-letters", "list", "--service", "intake"])
      try await Task.sleep(for: .milliseconds(100))
    }
    #expect(listed.status == 0)
    let line = try #require(listed.output.split(separator: "\n").first { $0.contains(id) })
    #expect(line.contains("rejected"))
    #expect(line.contains(queue.name))

    let shown = try await rjhub(["dead-letters", "show", "--service", "intake", id])
    #expect(shown.status == 0)
    #expect(shown.output.contains(queue.name))
    #expect(shown.output.contains("x-origin"), "the original headers are shown")
    #expect(!shown.output.contains(marker), "the body is shown only on request")
    let withBody = try await rjhub(
      ["dead-letters", "show", "--service", "intake", "--include-body", id])
    #expect(withBody.output.contains(marker))

    let unknown = try await rjhub(["dead-letters", "replay", "--service", "intake", "no-such-id"])
    #expect(unknown.status != 0)
    #expect(unknown.output.contains("not found: no-such-id"))

    let replayed = try await rjhub(["dead-letters", "replay", "--service", "intake", id])
    #expect(replayed.status == 0, "\(replayed.output)")
    #expect(replayed.output.contains("replayed 1 message(s)"))
    let back = try #require(try await admin.get(queue: queue.name))
    #expect(back.properties.messageId == id)
    #expect(back.body == Array(marker.utf8))
    await admin.ack(back)
    let after = try await rjhub(["dead-letters", "list", "--service", "intake"])
    #expect(!after.output.contains(id))

    try await admin.deleteQueue(queue.name)
    await admin.close()
  }
}
