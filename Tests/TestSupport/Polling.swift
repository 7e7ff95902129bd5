/// Waiting in tests for something the servers do in their own time.
public enum Polling {
  /// Checks `condition` every `interval` until it holds; throws ``HarnessError/timedOut(_:)``
  /// naming `what` once `limit` has passed.
  public static func waitUntil(
    _ what: String, within limit: Duration = .seconds(60),
    every interval: Duration = .milliseconds(50), _ condition: () async throws -> Bool
  ) async throws {
    let deadline = ContinuousClock.now + limit
    while try await !condition() {
      guard ContinuousClock.now < deadline else { throw HarnessError.timedOut(what) }
      try await Task.sleep(for: interval)
    }
  }
}
