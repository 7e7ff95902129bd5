import Logging
import ServiceLifecycle

/// Runs the services of one RJ Hub process until it is asked to stop, then stops them in order.
///
/// The services run concurrently in a swift-service-lifecycle `ServiceGroup`. The first SIGTERM or
/// SIGINT starts a graceful shutdown: services are asked to finish **one at a time, in reverse
/// order of the list**, each being waited for before the next is told. So list them from the
/// most fundamental to the most outward-facing:
///
/// 1. database connections,
/// 2. broker connections,
/// 3. the outbox relay,
/// 4. the consumers,
/// 5. the HTTP server last,
///
/// and the HTTP server stops accepting requests first, consumers then finish their in-flight
/// deliveries, the relay publishes what it holds, and the connections close last.
///
/// A graceful shutdown that takes longer than ``RuntimeConfiguration/shutdownGracePeriod``, or
/// a second signal during it, escalates to task cancellation of every service.
///
/// If a service throws, the others are shut down gracefully (in the same order) and the error
/// is rethrown. If a service returns before shutdown was requested, the group is cancelled and
/// `ServiceGroupError.serviceFinishedUnexpectedly` is thrown: every service is expected to run
/// until shutdown.
public enum ServiceHost {
  /// Runs `services` until SIGTERM or SIGINT, then shuts them down as described above.
  ///
  /// - Parameters:
  ///   - services: The process's services, most fundamental first, HTTP last.
  ///   - configuration: Supplies the graceful shutdown period.
  ///   - logger: The logger of the service group (start, stop, errors).
  /// - Throws: The first error a service threw, `ServiceGroupError` for lifecycle failures, or
  ///   ``ServiceHostError/cancelledBySecondSignal`` when a second signal forced the stop.
  public static func run(
    services: [any Service], configuration: RuntimeConfiguration, logger: Logger
  ) async throws {
    let group = makeServiceGroup(
      services: services, configuration: configuration, logger: logger)
    try await run(group: group, signals: ShutdownSignals.stream(), logger: logger)
  }

  /// Builds the service group ``run(services:configuration:logger:)`` runs, without signal
  /// handling: call `triggerGracefulShutdown()` on it to stop it. Tests and embedding tools use
  /// this.
  public static func makeServiceGroup(
    services: [any Service], configuration: RuntimeConfiguration, logger: Logger
  ) -> ServiceGroup {
    var groupConfiguration = ServiceGroupConfiguration(
      services: services.map { service in
        ServiceGroupConfiguration.ServiceConfiguration(
          service: service,
          successTerminationBehavior: .cancelGroup,
          failureTerminationBehavior: .gracefullyShutdownGroup
        )
      },
      logger: logger
    )
    groupConfiguration.maximumGracefulShutdownDuration = configuration.shutdownGracePeriod
    return ServiceGroup(configuration: groupConfiguration)
  }

  /// Runs `group`, starting a graceful shutdown at the first element of `signals` and cancelling
  /// the group at the second.
  static func run<Signals: AsyncSequence & Sendable>(
    group: ServiceGroup, signals: Signals, logger: Logger
  ) async throws where Signals.Element == Int32, Signals.Failure == Never {
    let (groupResult, forced) = await withTaskGroup(of: Outcome.self) { tasks in
      tasks.addTask {
        do {
          try await group.run()
          return .groupEnded(.success(()))
        } catch {
          return .groupEnded(.failure(error))
        }
      }
      tasks.addTask {
        var received = 0
        for await signal in signals {
          received += 1
          if received == 1 {
            logger.notice(
              "Shutdown signal received, shutting down gracefully",
              metadata: ["signal": "\(signal)"])
            await group.triggerGracefulShutdown()
          } else {
            logger.warning(
              "Second shutdown signal received, cancelling services",
              metadata: ["signal": "\(signal)"])
            return .forced
          }
        }
        return .signalsEnded
      }
      var forced = false
      var groupResult: Result<Void, any Error> = .success(())
      while let next = await tasks.next() {
        switch next {
        case .groupEnded(let result):
          groupResult = result
          // Stops the signal watcher; the loop ends once it has returned.
          tasks.cancelAll()
        case .forced:
          forced = true
          tasks.cancelAll()
        case .signalsEnded:
          continue
        }
      }
      return (groupResult, forced)
    }
    if forced {
      throw ServiceHostError.cancelledBySecondSignal
    }
    try groupResult.get()
  }

  /// How one of the two tasks of ``run(group:signals:logger:)`` ended.
  private enum Outcome: Sendable {
    case groupEnded(Result<Void, any Error>)
    case forced
    case signalsEnded
  }
}

/// Why ``ServiceHost`` stopped abnormally.
public enum ServiceHostError: Error, Sendable, Hashable {
  /// A second shutdown signal arrived during the graceful shutdown, so services were cancelled
  /// and may not have finished their in-flight work.
  case cancelledBySecondSignal
}
