/// A named yes/no answer to "can this service do its work right now?", served by
/// `GET /health/ready`.
///
/// Typical checks report whether the database connection is up or the broker channel is open.
/// A check should answer from state the component already keeps (a flag, a connection state),
/// quickly and without side effects: probes call it every few seconds.
public struct ReadinessCheck: Sendable {
  /// A short, stable name such as `database` or `broker`, shown in the readiness response.
  public var name: String
  /// Returns `true` when the component is ready.
  public var isReady: @Sendable () async -> Bool

  /// Creates a check called `name` that asks `isReady`.
  public init(_ name: String, isReady: @escaping @Sendable () async -> Bool) {
    self.name = name
    self.isReady = isReady
  }
}

/// The outcome of running every readiness check once.
public struct ReadinessReport: Sendable, Codable, Equatable {
  /// The outcome of one check.
  public struct CheckResult: Sendable, Codable, Equatable {
    /// The check's name.
    public var name: String
    /// `ok` or `failing`.
    public var status: String
  }

  /// `ready` when every check passed, otherwise `not_ready`.
  public var status: String
  /// Each check's outcome, in the order the checks were given.
  public var checks: [CheckResult]

  /// Whether every check passed.
  public var isReady: Bool { status == "ready" }

  /// Runs `checks` concurrently and collects their outcomes in their original order.
  public static func evaluate(_ checks: [ReadinessCheck]) async -> ReadinessReport {
    let outcomes = await withTaskGroup(of: (Int, Bool).self) { group in
      for (index, check) in checks.enumerated() {
        group.addTask { (index, await check.isReady()) }
      }
      var outcomes = [Bool](repeating: false, count: checks.count)
      for await (index, ok) in group {
        outcomes[index] = ok
      }
      return outcomes
    }
    let results = zip(checks, outcomes).map { check, ok in
      CheckResult(name: check.name, status: ok ? "ok" : "failing")
    }
    return ReadinessReport(
      status: outcomes.allSatisfy { $0 } ? "ready" : "not_ready", checks: results)
  }
}
