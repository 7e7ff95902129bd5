import Foundation

/// A dedicated thread that alone runs the jobs touching one connection's libpq state.
///
/// libpq's calls block and a `PGconn` must never be used by two threads at once, so each
/// connection gets its own thread with a lock-protected FIFO job queue and a condition
/// variable; async callers are resumed through continuations from the jobs. Blocking libpq
/// calls therefore never run on Swift's cooperative thread pool.
final class ConnectionThread<State>: @unchecked Sendable {
  /// A unit of work, run on the thread with exclusive access to `State`.
  typealias Job = @Sendable (State) -> Void

  private let condition = NSCondition()
  // Guarded by `condition`.
  private var jobs: [Job] = []
  private var nextJob = 0
  private var stopping = false
  // Touched only by the thread itself once started.
  private let state: State

  init(name: String, state: State) {
    self.state = state
    let thread = Thread { [self] in self.runLoop() }
    thread.name = name
    thread.stackSize = 1 << 20
    thread.start()
  }

  /// Queues `job`; returns false (without running it) once `stop()` has been called.
  func submit(_ job: @escaping Job) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    guard !stopping else { return false }
    jobs.append(job)
    condition.signal()
    return true
  }

  /// Refuses new jobs; the thread runs the jobs already queued and then exits.
  func stop() {
    condition.lock()
    stopping = true
    condition.signal()
    condition.unlock()
  }

  private func runLoop() {
    while let job = takeJob() {
      job(state)
    }
  }

  private func takeJob() -> Job? {
    condition.lock()
    defer { condition.unlock() }
    while nextJob == jobs.count && !stopping {
      condition.wait()
    }
    guard nextJob < jobs.count else { return nil }
    let job = jobs[nextJob]
    nextJob += 1
    if nextJob == jobs.count {
      jobs.removeAll(keepingCapacity: true)
      nextJob = 0
    }
    return job
  }
}
