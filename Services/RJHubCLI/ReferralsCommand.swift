import AMQPClient
import ArgumentParser
import EventContracts
import Foundation

/// `rjhub referrals publish`: sends referrals exactly as a police record system does — raw
/// JSON bodies to `rj.referrals` with routing key `referral.submitted.v1`, persistent, a
/// fresh `message_id` each, `content_type` application/json — and, with `--reply-queue`,
/// waits for intake's answers on that `police.*` queue and prints them. Use the provisioned
/// `police-publisher` account (`.local/env/police-publisher.env`).
struct ReferralsCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "referrals",
    abstract: "Publish referrals as a police system would, and read intake's answers.",
    subcommands: [Publish.self])

  struct Publish: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Publish a file of referrals (one JSON object, or an array of them).")
    @OptionGroup var broker: BrokerOptions
    @Argument(help: "The referral file.") var file: String
    @Option(help: "A police.* queue for intake's answers; waits for one answer per referral.")
    var replyQueue: String?
    @Option(help: "Seconds to wait for the answers.") var wait = 60

    func validate() throws {
      if let replyQueue, !replyQueue.hasPrefix("police.") {
        throw ValidationError(
          "--reply-queue must start with police. (the only queues a police publisher owns)")
      }
    }

    func run() async throws {
      let bodies = try ReferralFile.bodies(at: file)
      let connection = try await broker.connect()
      var answers: AMQPConsumer?
      if let replyQueue {
        try await connection.declare(AMQPTopology(queues: [QueueDeclaration(name: replyQueue)]))
        answers = try await connection.consume(queue: replyQueue, prefetch: 100)
      }
      let correlation = UUID().uuidString.lowercased()
      let messages = bodies.map { body in
        var properties = AMQPMessageProperties()
        properties.messageId = UUID().uuidString.lowercased()
        properties.contentType = "application/json"
        properties.correlationId = correlation
        properties.replyTo = replyQueue
        properties.persistent = true
        return OutgoingMessage(
          exchange: EventExchange.referrals, routingKey: ReferralSubmission.routingKey, body: body,
          properties: properties, mandatory: true)
      }
      let outcomes = try await connection.publish(messages)
      let confirmed = outcomes.filter { $0 == .confirmed }.count
      print("published \(confirmed) of \(bodies.count) referral(s) to \(EventExchange.referrals)")
      if let answers {
        let received = await ReferralAnswers.collect(
          from: answers, connection: connection, count: confirmed, seconds: wait)
        for line in received { print(line) }
        if received.count < confirmed {
          print("only \(received.count) answer(s) within \(wait) s")
        }
        await answers.cancel()
      }
      await connection.close()
      if confirmed < bodies.count { throw ExitCode(1) }
    }
  }
}

/// Reading a referral file.
enum ReferralFile {
  /// Each referral's JSON body: the file's object, or each element of its array.
  static func bodies(at path: String) throws -> [[UInt8]] {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    let json = try JSONSerialization.jsonObject(with: data)
    let objects: [Any] = (json as? [Any]) ?? [json]
    return try objects.map {
      Array(try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys]))
    }
  }
}

/// Intake's answers as one line each: accepted with the case id, or rejected with errors.
enum ReferralAnswers {
  static func collect(
    from consumer: AMQPConsumer, connection: AMQPConnection, count: Int, seconds: Int
  ) async -> [String] {
    await withTaskGroup(of: [String].self) { group in
      group.addTask {
        var lines: [String] = []
        for await delivery in consumer {
          lines.append(describe(delivery.body))
          await connection.ack(delivery)
          if lines.count >= count { break }
        }
        return lines
      }
      group.addTask {
        try? await Task.sleep(for: .seconds(seconds))
        await consumer.cancel()
        return []
      }
      let lines = await group.next() ?? []
      group.cancelAll()
      return lines
    }
  }

  static func describe(_ body: [UInt8]) -> String {
    if let accepted = try? EventCoding.decode(ReferralAccepted.self, from: body) {
      return
        "accepted  \(accepted.data.sourceSystem)/\(accepted.data.referralId)  case \(accepted.data.caseId)"
    }
    if let rejected = try? EventCoding.decode(ReferralRejected.self, from: body) {
      let errors = rejected.data.errors.map { "\($0.path) \($0.code): \($0.message)" }
      return "rejected  \(rejected.data.sourceSystem ?? "-")/\(rejected.data.referralId ?? "-")  "
        + errors.joined(separator: "; ")
    }
    return "unrecognised answer (\(body.count) bytes)"
  }
}
