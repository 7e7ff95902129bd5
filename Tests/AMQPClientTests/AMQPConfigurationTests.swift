import AMQPClient
import Testing

@Suite("AMQP configuration")
struct AMQPConfigurationTests {
  @Test("parses user, password, host, port and vhost, percent-decoded")
  func parsesFullURL() throws {
    let configuration = try AMQPConfiguration(
      url: "amqp://svc%40hub:p%2Fss%3Aw@broker.local:5673/rj%2Fhub", connectionName: "test")
    #expect(configuration.host == "broker.local")
    #expect(configuration.port == 5673)
    #expect(configuration.username == "svc@hub")
    #expect(configuration.password == "p/ss:w")
    #expect(configuration.virtualHost == "rj/hub")
    #expect(configuration.connectionName == "test")
    #expect(configuration.heartbeatSeconds == 10)
    #expect(configuration.reconnectInitialDelay == .milliseconds(100))
    #expect(configuration.reconnectMaxDelay == .seconds(5))
  }

  @Test("an empty path means the default vhost, a missing port 5672")
  func defaults() throws {
    let bare = try AMQPConfiguration(url: "amqp://u:p@localhost", connectionName: "c")
    #expect(bare.virtualHost == "/")
    #expect(bare.port == 5672)
    let slash = try AMQPConfiguration(url: "amqp://u:p@localhost/", connectionName: "c")
    #expect(slash.virtualHost == "/")
    let encodedSlash = try AMQPConfiguration(url: "amqp://u:p@localhost/%2F", connectionName: "c")
    #expect(encodedSlash.virtualHost == "/")
  }

  @Test("rejects other schemes and URLs without a host")
  func rejectsBadURLs() {
    #expect(throws: AMQPError.self) {
      try AMQPConfiguration(url: "http://u:p@localhost/", connectionName: "c")
    }
    #expect(throws: AMQPError.self) {
      try AMQPConfiguration(url: "amqp:///vhost", connectionName: "c")
    }
  }

  @Test("topologies merge without duplicates")
  func topologyMerge() {
    let exchange = ExchangeDeclaration(name: "e", kind: .topic)
    let first = AMQPTopology(exchanges: [exchange], queues: [QueueDeclaration(name: "q")])
    let second = AMQPTopology(
      exchanges: [exchange], bindings: [QueueBinding(queue: "q", exchange: "e", routingKey: "#")])
    let merged = first.merging(second)
    #expect(merged.exchanges == [exchange])
    #expect(merged.queues.map(\.name) == ["q"])
    #expect(merged.bindings.count == 1)
    #expect(AMQPTopology.empty.merging(.empty).isEmpty)
  }
}
