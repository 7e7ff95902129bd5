/// Something a test starts (servers, queues, a schema) that must be released when the test
/// ends, however it ends.
public protocol ScopedTestRig {
  /// Stops what the rig started and removes what it made.
  func tearDown() async
}

/// Runs `body` against `rig` and tears the rig down afterwards, whether `body` returns or
/// throws (a failed `#require` throws), so no test leaves a service consuming real queues or a
/// schema behind for the next one.
public func withTearDown<Rig: ScopedTestRig, T>(
  of rig: Rig, _ body: (Rig) async throws -> T
) async throws -> T {
  do {
    let value = try await body(rig)
    await rig.tearDown()
    return value
  } catch {
    await rig.tearDown()
    throw error
  }
}
