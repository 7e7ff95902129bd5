import AMQPClient
import ArgumentParser
import Foundation
import HubConfiguration
import Logging
import ServiceRuntime

/// How the CLI reaches the broker: `--amqp-url`, else `RJHUB_AMQP_URL` (or `_FILE`); the
/// provisioned `operator` account (`.local/env/operator.env`) is meant for it.
struct BrokerOptions: ParsableArguments {
  @Option(
    name: .customLong("amqp-url"),
    help: "amqp://user:password@host:port/vhost (default: $RJHUB_AMQP_URL).")
  var amqpURL: String?

  func connect() async throws -> AMQPConnection {
    let url: String
    if let amqpURL {
      url = amqpURL
    } else {
      url = try EnvironmentReader().secret("RJHUB_AMQP_URL").value
    }
    var logger = Logger(label: "rjhub.cli")
    logger.logLevel = .warning
    let connection = AMQPConnection(
      configuration: try AMQPConfiguration(url: url, connectionName: "rjhub-cli"), logger: logger)
    try await connection.connect()
    return connection
  }
}
