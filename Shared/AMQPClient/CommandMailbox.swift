import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The lock-protected queue between async callers and a connection's owning thread, plus a
/// self-pipe that wakes the thread out of `poll()` when the queue becomes non-empty (one
/// byte per wake-up, not per command).
final class CommandMailbox: @unchecked Sendable {
  /// Lifecycle of the owning thread, as callers see it.
  enum Phase {
    case idle, running, closed
  }

  private let lock = NSLock()
  private var commands: [ConnectionCommand] = []
  private var wakePending = false
  private var phase = Phase.idle
  private var connected = false
  private var lastConsumerID = 0
  /// Read end of the wake pipe; the owning thread polls it.
  let wakeReadFD: Int32
  private let wakeWriteFD: Int32

  init() {
    var fds: [Int32] = [-1, -1]
    if pipe(&fds) == 0 {
      for fd in fds {
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
      }
    }
    wakeReadFD = fds[0]
    wakeWriteFD = fds[1]
  }

  deinit {
    close(wakeReadFD)
    close(wakeWriteFD)
  }

  /// Whether the broker connection is currently up (readiness probes).
  var isConnected: Bool {
    lock.withLock { connected }
  }

  /// A fresh consumer id, unique for this connection.
  func nextConsumerID() -> Int {
    lock.withLock {
      lastConsumerID += 1
      return lastConsumerID
    }
  }

  func setConnected(_ value: Bool) {
    lock.withLock { connected = value }
  }

  /// Moves idle -> running; false when already running or closed.
  func startIfIdle() -> Phase {
    lock.withLock {
      let before = phase
      if phase == .idle { phase = .running }
      return before
    }
  }

  /// The owning thread ended: back to idle (first connect failed) or closed for good; returns
  /// the commands still queued so the caller can fail them.
  func stopped(closed: Bool) -> [ConnectionCommand] {
    lock.withLock {
      phase = closed ? .closed : .idle
      connected = false
      let left = commands
      commands = []
      return left
    }
  }

  /// Queues `command` for the owning thread; returns the phase when it was not accepted.
  func submit(_ command: ConnectionCommand) -> Phase? {
    let shouldWake: Bool
    lock.lock()
    guard phase == .running else {
      let current = phase
      lock.unlock()
      return current
    }
    commands.append(command)
    shouldWake = !wakePending
    wakePending = true
    lock.unlock()
    if shouldWake {
      var byte: UInt8 = 1
      _ = write(wakeWriteFD, &byte, 1)
    }
    return nil
  }

  /// Takes every queued command. Empties the pipe first, so a command submitted after this
  /// returns always leaves a wake-up byte behind.
  func drain() -> [ConnectionCommand] {
    var sink = [UInt8](repeating: 0, count: 64)
    while read(wakeReadFD, &sink, sink.count) > 0 {}
    return lock.withLock {
      wakePending = false
      let taken = commands
      commands = []
      return taken
    }
  }
}
