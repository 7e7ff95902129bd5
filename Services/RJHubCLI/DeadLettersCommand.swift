import AMQPClient
import ArgumentParser
import DurableMessaging
import Foundation

/// `rjhub dead-letters list|show|replay`: a service's dead-letter queue for operators.
struct DeadLettersCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "dead-letters",
    abstract: "List, show and replay the messages a service could not handle.",
    subcommands: [List.self, Show.self, Replay.self])

  struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List dead letters (oldest first) without removing them.")
    @OptionGroup var broker: BrokerOptions
    @Option(help: "The service, e.g. intake.") var service: String
    @Option(help: "At most this many.") var limit = 100

    func run() async throws {
      let connection = try await broker.connect()
      let letters = try await DeadLetterQueue(service: service, connection: connection)
        .list(limit: limit)
      await connection.close()
      print("\(letters.count) dead letter(s) in \(ServiceQueue.deadLetterQueue(service: service))")
      for letter in letters { print(DeadLetterText.summary(letter)) }
    }
  }

  struct Show: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Show one dead letter in full, without removing it.")
    @OptionGroup var broker: BrokerOptions
    @Option(help: "The service, e.g. intake.") var service: String
    @Argument(help: "The message id.") var messageId: String
    @Flag(
      help: "Also print the body. It can hold personal data: only where you are allowed to read it."
    )
    var includeBody = false

    func run() async throws {
      let connection = try await broker.connect()
      let letter = try await DeadLetterQueue(service: service, connection: connection)
        .show(messageId: messageId)
      await connection.close()
      guard let letter else {
        throw ValidationError("no dead letter with message id \(messageId) in \(service)")
      }
      print(DeadLetterText.detail(letter, includeBody: includeBody))
    }
  }

  struct Replay: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Send dead letters back to the queue they failed in.")
    @OptionGroup var broker: BrokerOptions
    @Option(help: "The service, e.g. intake.") var service: String
    @Argument(help: "Message ids to replay.") var messageIds: [String] = []
    @Flag(help: "Replay every dead letter of the service.") var all = false

    func validate() throws {
      guard all != !messageIds.isEmpty else {
        throw ValidationError("name message ids to replay, or --all (not both)")
      }
    }

    func run() async throws {
      let connection = try await broker.connect()
      let replayed = try await DeadLetterQueue(service: service, connection: connection)
        .replay(messageIds: all ? nil : Set(messageIds))
      await connection.close()
      print("replayed \(replayed.count) message(s)")
      for id in replayed { print("  \(id)") }
      let missing = Set(messageIds).subtracting(replayed)
      if !missing.isEmpty {
        print("not found: \(missing.sorted().joined(separator: ", "))")
        throw ExitCode(1)
      }
    }
  }
}

/// How dead letters are printed: what happened and where, never the body unless asked.
enum DeadLetterText {
  static func summary(_ letter: DeadLetter) -> String {
    [
      letter.messageId ?? "(no message id)", letter.reason, letter.queue ?? "-",
      letter.originalRoutingKey ?? "-", letter.deadLetteredAt ?? "-",
      "deliveries=\(letter.deliveryCount.map(String.init) ?? "-")",
      letter.error.map { "error=\($0)" } ?? "",
    ].joined(separator: "  ")
  }

  static func detail(_ letter: DeadLetter, includeBody: Bool) -> String {
    var lines = [
      "message id:        \(letter.messageId ?? "-")",
      "reason:            \(letter.reason)",
      "error:             \(letter.error ?? "-")",
      "failed in queue:   \(letter.queue ?? "-")",
      "first published:   exchange \(letter.originalExchange ?? "-"), routing key \(letter.originalRoutingKey ?? "-")",
      "dead-lettered at:  \(letter.deadLetteredAt ?? "-")",
      "deliveries:        \(letter.deliveryCount.map(String.init) ?? "-")",
      "correlation id:    \(letter.properties.correlationId ?? "-")",
      "content type:      \(letter.properties.contentType ?? "-")",
      "body:              \(letter.body.count) bytes",
    ]
    // The message's own headers (hub headers carry identifiers, never personal data), without
    // the bookkeeping of its dead-lettering shown above.
    let original = letter.properties.headers.filter { !DeadLetterHeaders.all.contains($0.key) }
    if !original.isEmpty {
      lines.append("original headers:")
      for (name, value) in original.sorted(by: { $0.key < $1.key }) {
        if case .string(let text) = value {
          lines.append("  \(name): \(text)")
        } else {
          lines.append("  \(name): \(value)")
        }
      }
    }
    if includeBody { lines.append(String(decoding: letter.body, as: UTF8.self)) }
    return lines.joined(separator: "\n")
  }
}
