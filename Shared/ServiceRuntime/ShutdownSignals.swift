import Dispatch

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Delivers Unix signals as an async sequence, for ``ServiceHost``'s shutdown handling.
///
/// Uses Dispatch signal sources (as swift-service-lifecycle does), so the signals no longer
/// terminate the process while the stream is alive; ending the iteration cancels the sources.
enum ShutdownSignals {
  /// The signals that ask a service to stop: SIGTERM (from the supervisor) and SIGINT (Ctrl-C).
  static let standard: [Int32] = [SIGTERM, SIGINT]

  private static let queue = DispatchQueue(label: "rjhub.service-runtime.signals")

  /// A stream yielding each arrival of any of `signals`, by number.
  static func stream(_ signals: [Int32] = standard) -> AsyncStream<Int32> {
    AsyncStream { continuation in
      let sources = SignalSources(
        signals.map { number -> any DispatchSourceSignal in
          #if canImport(Darwin)
            // Darwin delivers to kqueue only when the default action is ignored.
            signal(number, SIG_IGN)
          #endif
          let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
          source.setEventHandler { continuation.yield(number) }
          source.resume()
          return source
        })
      continuation.onTermination = { _ in sources.cancel() }
    }
  }
}

/// Keeps dispatch signal sources alive until the stream that uses them ends.
private final class SignalSources: @unchecked Sendable {
  // Written once in init, then only read by `cancel`: safe to share.
  private let sources: [any DispatchSourceSignal]

  init(_ sources: [any DispatchSourceSignal]) {
    self.sources = sources
  }

  func cancel() {
    for source in sources {
      source.cancel()
    }
  }
}
