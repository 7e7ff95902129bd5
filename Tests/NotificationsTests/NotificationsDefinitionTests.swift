import EventContracts
import HubConfiguration
import ServiceRuntime
import TestSupport
import Testing

@testable import Notifications

@Suite("notifications definition and settings")
struct NotificationsDefinitionTests {
  static let environment = EnvironmentReader(
    [
      "RJHUB_SMTP_URL": "smtp://127.0.0.1:2525",
      "RJHUB_JWT_HS256_KEY": "synthetic-test-key-synthetic-test-key-0123",
    ].merging(TestPersonalData.environment) { $1 })

  @Test("the service is named for its broker prefix and owns its own schema")
  func naming() throws {
    let definition = try NotificationsService.definition(environment: Self.environment)
    #expect(definition.name == "notifications")
    #expect(definition.schema == "notifications")
    #expect(definition.defaultHTTPPort == 8084)
    #expect(definition.migrations.map(\.version) == [100, 101, 102])
  }

  @Test("it consumes notifications.requests, bound to rj.events for notification.requested.v1")
  func queue() throws {
    let definition = try NotificationsService.definition(environment: Self.environment)
    #expect(definition.consumers.map(\.queue.name) == ["notifications.requests"])
    #expect(NotificationsService.requestQueue.name == "notifications.requests")
    let bindings = try #require(definition.consumers.first).queue.bindings
    #expect(bindings.map(\.exchange) == [EventExchange.events])
    #expect(bindings.map(\.routingKey) == ["notification.requested.v1"])
  }

  @Test("it refuses to start without an SMTP relay URL, naming the variable")
  func needsRelay() {
    #expect {
      try NotificationsService.definition(environment: EnvironmentReader([:]))
    } throws: { error in
      "\(error)".contains("RJHUB_SMTP_URL")
    }
    #expect {
      try NotificationsSettings(
        environment: EnvironmentReader(["RJHUB_SMTP_URL": "http://relay.example.org"]))
    } throws: { error in
      "\(error)".contains("RJHUB_SMTP_URL") && !"\(error)".contains("relay.example.org")
    }
  }

  @Test("settings have the documented defaults and read every variable")
  func settings() throws {
    let defaults = try NotificationsSettings(environment: Self.environment)
    #expect(defaults.smtp.url == "smtp://127.0.0.1:2525")
    #expect(defaults.smtp.from == "rj-hub@localhost")
    #expect(defaults.smtp.username == nil)
    #expect(defaults.smtp.password == nil)
    #expect(!defaults.smtp.startTLS)
    #expect(defaults.delivery.maxAttempts == 5)
    #expect(defaults.delivery.retryBackoff.initial == .seconds(30))
    #expect(defaults.delivery.batchSize == 50)
    #expect(defaults.senders == 4)
    #expect(defaults.delivery.claimLease == .seconds(300))
    #expect(defaults.letterDrop.folder == ".local/letter-drop")
    #expect(defaults.letterDrop.pollInterval == .seconds(5))
    #expect(defaults.directory.ids == ["cambridgeshire", "norfolk", "suffolk"])
    let underState = try NotificationsSettings(
      environment: EnvironmentReader([
        "RJHUB_SMTP_URL": "smtp://127.0.0.1:2525", "RJHUB_STATE_DIR": "/var/lib/rjhub",
      ]))
    #expect(underState.letterDrop.folder == "/var/lib/rjhub/letter-drop")

    let set = try NotificationsSettings(
      environment: EnvironmentReader([
        "RJHUB_SMTP_URL": "smtps://relay.example.org:465",
        "RJHUB_SMTP_FROM": "hub@example.org", "RJHUB_SMTP_USERNAME": "hub",
        "RJHUB_SMTP_PASSWORD": "synthetic-password", "RJHUB_SMTP_STARTTLS": "true",
        "RJHUB_NOTIFY_MAX_ATTEMPTS": "2", "RJHUB_NOTIFY_RETRY_BACKOFF": "5s",
        "RJHUB_NOTIFY_BATCH": "7", "RJHUB_NOTIFY_SENDERS": "2",
        "RJHUB_NOTIFY_CLAIM_LEASE": "2m", "RJHUB_LETTER_DROP_DIR": "/srv/print-spool/rjhub",
        "RJHUB_LETTER_DROP_INTERVAL": "30s",
      ]))
    #expect(set.letterDrop.folder == "/srv/print-spool/rjhub")
    #expect(set.letterDrop.pollInterval == .seconds(30))
    #expect(set.smtp.from == "hub@example.org")
    #expect(set.smtp.username == "hub")
    #expect(set.smtp.password?.value == "synthetic-password")
    #expect(set.smtp.startTLS)
    #expect(set.delivery.maxAttempts == 2)
    #expect(set.delivery.retryBackoff.initial == .seconds(5))
    #expect(set.delivery.batchSize == 7)
    #expect(set.senders == 2)
    #expect(set.delivery.claimLease == .seconds(120))

    #expect(throws: ConfigurationError.self) {
      try NotificationsSettings(
        environment: EnvironmentReader([
          "RJHUB_SMTP_URL": "smtp://127.0.0.1:2525", "RJHUB_SMTP_FROM": "not an address",
        ]))
    }
    #expect(throws: ConfigurationError.self) {
      try NotificationsSettings(
        environment: EnvironmentReader([
          "RJHUB_SMTP_URL": "smtp://127.0.0.1:2525", "RJHUB_NOTIFY_MAX_ATTEMPTS": "0",
        ]))
    }
    #expect(throws: ConfigurationError.self) {
      try NotificationsSettings(
        environment: EnvironmentReader([
          "RJHUB_SMTP_URL": "smtp://127.0.0.1:2525", "RJHUB_NOTIFY_SENDERS": "0",
        ]))
    }
    #expect {
      try NotificationsSettings(
        environment: EnvironmentReader([
          "RJHUB_SMTP_URL": "smtp://127.0.0.1:2525", "RJHUB_NOTIFY_CLAIM_LEASE": "90s",
        ]))
    } throws: { error in
      "\(error)".contains("RJHUB_NOTIFY_CLAIM_LEASE") && "\(error)".contains("at least 2m")
    }
    #expect {
      try NotificationsSettings(
        environment: EnvironmentReader([
          "RJHUB_SMTP_URL": "smtp://127.0.0.1:2525", "RJHUB_LETTER_DROP_INTERVAL": "0s",
        ]))
    } throws: { error in
      "\(error)".contains("RJHUB_LETTER_DROP_INTERVAL")
    }
  }

  @Test("every variable it reads is documented")
  func documentation() {
    #expect(
      NotificationsSettings.documentation.map(\.name) == [
        "RJHUB_SMTP_URL", "RJHUB_SMTP_FROM", "RJHUB_SMTP_USERNAME", "RJHUB_SMTP_PASSWORD",
        "RJHUB_SMTP_STARTTLS", "RJHUB_NOTIFY_MAX_ATTEMPTS", "RJHUB_NOTIFY_RETRY_BACKOFF",
        "RJHUB_NOTIFY_BATCH", "RJHUB_NOTIFY_CLAIM_LEASE", "RJHUB_NOTIFY_SENDERS",
        "RJHUB_LETTER_DROP_DIR", "RJHUB_LETTER_DROP_INTERVAL", "RJHUB_STATE_DIR",
      ])
    #expect(NotificationsSettings.documentation.allSatisfy { !$0.meaning.isEmpty })
  }
}
