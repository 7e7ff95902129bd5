import CoreMetrics
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Testing

@testable import ServiceRuntime

@Suite("HealthRoutes and HTTPServerFactory")
struct HealthRoutesTests {
  let configuration = RuntimeConfiguration(serviceName: "intake", httpPort: 0)

  func json(_ body: ByteBuffer) throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: Data(body.readableBytesView))
    return try #require(object as? [String: Any])
  }

  func text(_ body: ByteBuffer) -> String {
    String(decoding: body.readableBytesView, as: UTF8.self)
  }

  @Test("GET /health/live answers 200 live")
  func live() async throws {
    let app = try HTTPServerFactory.makeApplication(
      configuration: configuration, logger: Logger(label: "test"))
    try await app.test(.router) { client in
      try await client.execute(uri: "/health/live", method: .get) { response in
        #expect(response.status == .ok)
        let body = try json(response.body)
        #expect(body["status"] as? String == "live")
      }
    }
  }

  @Test("GET /health/ready answers 200 when every check passes")
  func ready() async throws {
    let app = try HTTPServerFactory.makeApplication(
      configuration: configuration,
      readinessChecks: [
        ReadinessCheck("database") { true }, ReadinessCheck("broker") { true },
      ],
      logger: Logger(label: "test"))
    try await app.test(.router) { client in
      try await client.execute(uri: "/health/ready", method: .get) { response in
        #expect(response.status == .ok)
        #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
        let body = try json(response.body)
        #expect(body["status"] as? String == "ready")
        let checks = try #require(body["checks"] as? [[String: String]])
        #expect(
          checks == [["name": "database", "status": "ok"], ["name": "broker", "status": "ok"]])
      }
    }
  }

  @Test("GET /health/ready answers 503 and names the failing check when one fails")
  func notReady() async throws {
    let brokerUp = Atomic<Bool>(false)
    let app = try HTTPServerFactory.makeApplication(
      configuration: configuration,
      readinessChecks: [
        ReadinessCheck("database") { true },
        ReadinessCheck("broker") { brokerUp.load(ordering: .relaxed) },
      ],
      logger: Logger(label: "test"))
    try await app.test(.router) { client in
      try await client.execute(uri: "/health/ready", method: .get) { response in
        #expect(response.status == .serviceUnavailable)
        let body = try json(response.body)
        #expect(body["status"] as? String == "not_ready")
        let checks = try #require(body["checks"] as? [[String: String]])
        #expect(
          checks == [
            ["name": "database", "status": "ok"], ["name": "broker", "status": "failing"],
          ])
      }
      brokerUp.store(true, ordering: .relaxed)
      try await client.execute(uri: "/health/ready", method: .get) { response in
        #expect(response.status == .ok)
      }
    }
  }

  @Test("GET /metrics serves the registry in Prometheus text format")
  func metrics() async throws {
    let metrics = MetricsBootstrap()
    let counter = Counter(label: "rjhub_test_events_total", factory: metrics.factory)
    counter.increment(by: 3)
    let app = try HTTPServerFactory.makeApplication(
      configuration: configuration, metrics: metrics, logger: Logger(label: "test"))
    try await app.test(.router) { client in
      try await client.execute(uri: "/metrics", method: .get) { response in
        #expect(response.status == .ok)
        #expect(response.headers[.contentType] == "text/plain; version=0.0.4")
        let body = text(response.body)
        #expect(body.contains("# TYPE rjhub_test_events_total counter"))
        #expect(body.contains("rjhub_test_events_total 3"))
      }
    }
    #expect(metrics.render().contains("rjhub_test_events_total 3"))
  }

  @Test("without metrics, /metrics is not served")
  func noMetrics() async throws {
    let app = try HTTPServerFactory.makeApplication(
      configuration: configuration, logger: Logger(label: "test"))
    try await app.test(.router) { client in
      try await client.execute(uri: "/metrics", method: .get) { response in
        #expect(response.status == .notFound)
      }
    }
  }

  @Test("requests are logged with the route template, status and duration, never the raw path")
  func requestLogging() async throws {
    let collector = LineCollector()
    let logger = Logger(label: "rjhub.http") { label in
      JSONLogHandler(
        label: label, serviceName: "intake", logLevel: .debug, sink: collector.sink,
        metadataProvider: nil)
    }
    let app = HTTPServerFactory.makeApplication(configuration: configuration, logger: logger) {
      router in
      router.get("/cases/{id}") { _, context in
        try context.parameters.require("id")
      }
      router.get("/broken") { _, _ -> String in
        throw HTTPError(.conflict)
      }
    }
    try await app.test(.router) { client in
      try await client.execute(uri: "/cases/victim-4711?name=Jane", method: .get) { response in
        #expect(response.status == .ok)
        #expect(text(response.body) == "victim-4711")
      }
      try await client.execute(uri: "/broken", method: .get) { response in
        #expect(response.status == .conflict)
      }
      try await client.execute(uri: "/nowhere/victim-4711", method: .get) { response in
        #expect(response.status == .notFound)
      }
      try await client.execute(uri: "/health/live", method: .get) { _ in }
    }
    let requestLines = try collector.objects().filter { $0["msg"] as? String == "HTTP request" }
    let routes = requestLines.map { $0["http.route"] as? String }
    #expect(routes == ["/cases/{id}", "/broken", "NotFound", "/health/live"])
    #expect(requestLines.map { $0["http.status"] as? String } == ["200", "409", "404", "200"])
    #expect(requestLines.map { $0["level"] as? String } == ["info", "info", "info", "debug"])
    #expect(requestLines.allSatisfy { $0["http.method"] as? String == "GET" })
    #expect(
      requestLines.allSatisfy { ($0["http.duration_ms"] as? String).flatMap(Double.init) != nil })
    for line in collector.lines {
      #expect(!line.contains("victim-4711"))
      #expect(!line.contains("Jane"))
    }
  }

  @Test("a live server binds, answers and stops on graceful shutdown")
  func liveServer() async throws {
    let app = try HTTPServerFactory.makeApplication(
      configuration: configuration, readinessChecks: [ReadinessCheck("database") { true }],
      logger: Logger(label: "test"))
    try await app.test(.live) { client in
      try await client.execute(uri: "/health/ready", method: .get) { response in
        #expect(response.status == .ok)
      }
    }
  }
}
