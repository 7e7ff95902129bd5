import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A child process started with `posix_spawn` and reaped with `waitpid` on its own pid.
///
/// Tests use this instead of Foundation's `Process`, whose exit detection on Linux was seen
/// to miss a child's exit (leaving it a zombie and the test waiting forever) when a script
/// starts a daemon. The child starts with every signal at its default disposition and none
/// blocked, so SIGTERM reaches it whatever the test runner's threads have masked.
public final class ChildProcess: Sendable {
  /// The child's process id.
  public let pid: pid_t
  private let reaped = Mutex<Int32?>(nil)

  /// Starts `executable` with `arguments` and exactly `environment`; standard output and
  /// error append to `outputFile` (created if needed); standard input is `/dev/null`.
  public init(
    executable: String, arguments: [String], environment: [String: String], outputFile: String
  ) throws {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outputFile, O_WRONLY | O_CREAT | O_APPEND, 0o644)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)

    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    var allSignals = sigset_t()
    sigfillset(&allSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    posix_spawnattr_setsigdefault(&attributes, &allSignals)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      for pointer in argv + envp { free(pointer) }
    }
    var pid: pid_t = 0
    let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
    guard result == 0 else {
      throw ChildProcessError.spawnFailed(executable: executable, errno: result)
    }
    self.pid = pid
  }

  /// Sends `signal` unless the child has already been reaped.
  public func send(_ signal: Int32) {
    if reaped.withLock({ $0 }) == nil { kill(pid, signal) }
  }

  /// The exit status if the child has ended (128 + the signal number when a signal ended
  /// it), or nil while it runs. Never blocks.
  public func exitStatus() -> Int32? {
    reaped.withLock { status in
      if let status { return status }
      var raw: Int32 = 0
      guard waitpid(pid, &raw, WNOHANG) == pid else { return nil }
      let signal = raw & 0x7f
      status = signal == 0 ? (raw >> 8) & 0xff : 128 + signal
      return status
    }
  }

  /// Waits up to `timeout` for the child to end; its exit status, or nil if it still runs.
  public func waitForExit(timeout: Duration) async throws -> Int32? {
    let deadline = ContinuousClock.now + timeout
    while true {
      if let status = exitStatus() { return status }
      if ContinuousClock.now >= deadline { return nil }
      try await Task.sleep(for: .milliseconds(20))
    }
  }

  /// Waits for the child to end without a time limit, blocking the calling thread.
  public func waitForExitBlocking() -> Int32 {
    while true {
      if let status = exitStatus() { return status }
      usleep(20_000)
    }
  }
}

/// Why a child process could not be started.
public enum ChildProcessError: Error, CustomStringConvertible {
  /// `posix_spawn` failed with `errno`.
  case spawnFailed(executable: String, errno: Int32)

  public var description: String {
    switch self {
    case .spawnFailed(let executable, let errno):
      "could not start \(executable): \(String(cString: strerror(errno)))"
    }
  }
}
