import Logging
import Synchronization

/// Installs the process-wide swift-log backend for a service, in the configured format.
///
/// swift-log allows `LoggingSystem.bootstrap` once per process; ``bootstrap(format:level:serviceName:)``
/// performs it on the first call and ignores later calls, so it is safe to call from `main`
/// without further guards. Tests should build handlers directly (``JSONLogHandler``) instead.
public enum LoggingBootstrap {
  private static let done = Mutex(false)

  /// Bootstraps `LoggingSystem` with ``JSONLogHandler`` (format `json`) or swift-log's
  /// `StreamLogHandler` on standard output (format `text`), at `level`, with `service`
  /// identifying every line.
  ///
  /// - Returns: `true` if this call bootstrapped the logging system, `false` if an earlier call
  ///   already had.
  @discardableResult
  public static func bootstrap(
    format: LogFormat, level: Logger.Level, serviceName: String
  ) -> Bool {
    done.withLock { done in
      guard !done else { return false }
      done = true
      LoggingSystem.bootstrap(makeFactory(format: format, level: level, serviceName: serviceName))
      return true
    }
  }

  /// Bootstraps logging from a runtime configuration's format, level and service name.
  @discardableResult
  public static func bootstrap(_ configuration: RuntimeConfiguration) -> Bool {
    bootstrap(
      format: configuration.logFormat, level: configuration.logLevel,
      serviceName: configuration.serviceName)
  }

  /// The handler factory ``bootstrap(format:level:serviceName:)`` installs, exposed for tests
  /// and for tools that build loggers without touching the global logging system.
  public static func makeFactory(
    format: LogFormat, level: Logger.Level, serviceName: String
  ) -> @Sendable (String) -> any LogHandler {
    switch format {
    case .json:
      return { label in
        JSONLogHandler(label: label, serviceName: serviceName, logLevel: level)
      }
    case .text:
      return { label in
        var handler = StreamLogHandler.standardOutput(label: label)
        handler.logLevel = level
        handler[metadataKey: "service"] = .string(serviceName)
        return handler
      }
    }
  }
}
