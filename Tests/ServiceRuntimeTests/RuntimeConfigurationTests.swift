import HubConfiguration
import Testing

@testable import ServiceRuntime

@Suite("RuntimeConfiguration")
struct RuntimeConfigurationTests {
  @Test("defaults apply when nothing is set")
  func defaults() throws {
    let configuration = try RuntimeConfiguration(
      serviceName: "intake", defaultHTTPPort: 8081, environment: EnvironmentReader([:]))
    #expect(configuration.serviceName == "intake")
    #expect(configuration.httpHost == "127.0.0.1")
    #expect(configuration.httpPort == 8081)
    #expect(configuration.logLevel == .info)
    #expect(configuration.logFormat == .text)
    #expect(configuration.shutdownGracePeriod == .seconds(30))
  }

  @Test("every variable is read")
  func reads() throws {
    let configuration = try RuntimeConfiguration(
      serviceName: "intake", defaultHTTPPort: 8081,
      environment: EnvironmentReader([
        "RJHUB_HTTP_HOST": "0.0.0.0", "RJHUB_HTTP_PORT": "9000", "RJHUB_LOG_LEVEL": "debug",
        "RJHUB_LOG_FORMAT": "json", "RJHUB_SHUTDOWN_GRACE": "500ms",
      ]))
    #expect(configuration.httpHost == "0.0.0.0")
    #expect(configuration.httpPort == 9000)
    #expect(configuration.logLevel == .debug)
    #expect(configuration.logFormat == .json)
    #expect(configuration.shutdownGracePeriod == .milliseconds(500))
  }

  @Test("a bad variable is named in the error")
  func badVariable() {
    let error = #expect(throws: ConfigurationError.self) {
      try RuntimeConfiguration(
        serviceName: "intake", defaultHTTPPort: 8081,
        environment: EnvironmentReader(["RJHUB_LOG_FORMAT": "xml"]))
    }
    #expect(error?.variable == "RJHUB_LOG_FORMAT")
    #expect(error?.description.contains("text, json") == true)
  }

  @Test("every variable read is documented")
  func documentation() {
    let names = RuntimeConfiguration.documentation.map(\.name)
    #expect(
      names == [
        "RJHUB_HTTP_HOST", "RJHUB_HTTP_PORT", "RJHUB_LOG_LEVEL", "RJHUB_LOG_FORMAT",
        "RJHUB_SHUTDOWN_GRACE",
      ])
    #expect(RuntimeConfiguration.documentation.allSatisfy { !$0.meaning.isEmpty })
    #expect(RuntimeConfiguration.documentation.last?.default == "30s")
  }
}
