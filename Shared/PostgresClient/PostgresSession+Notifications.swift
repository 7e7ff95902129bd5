import CLibPQ
import Foundation

extension PostgresSession {
  /// Starts listening on `channel` (a validated identifier). The connection re-LISTENs after
  /// a reconnect; notifications sent while it was disconnected are lost.
  public func listen(_ channel: String) throws {
    let quoted = try PostgresIdentifier.quoted(channel)
    try Self.runSimple(try live(), "LISTEN " + quoted)
    core.rememberListening(channel)
  }

  /// Stops listening on `channel`.
  public func unlisten(_ channel: String) throws {
    let quoted = try PostgresIdentifier.quoted(channel)
    try Self.runSimple(try live(), "UNLISTEN " + quoted)
    core.forgetListening(channel)
  }

  /// Sends a notification (`pg_notify`, parameterised); delivered when the transaction commits.
  public func notify(_ channel: String, payload: String = "") throws {
    _ = try PostgresIdentifier.quoted(channel)
    try query("SELECT pg_notify($1, $2)", [.text(channel), .text(payload)])
  }

  /// Returns the notifications that have arrived, waiting up to `timeout` for the first one;
  /// returns as soon as any arrives, and `[]` when the timeout passes without one.
  /// - Throws: `PostgresError.connectionLost` when the connection dies while waiting.
  public func waitForNotifications(timeout: Duration) throws -> [PostgresNotification] {
    let connection = try live()
    let pending = drainNotifications(connection)
    if !pending.isEmpty { return pending }
    let deadline = ContinuousClock.now + timeout
    while true {
      let remaining = ContinuousClock.now.duration(to: deadline)
      guard remaining > .zero else { return [] }
      let components = remaining.components
      let milliseconds = min(
        Int64(Int32.max),
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
          + 1)
      var descriptor = pollfd(fd: PQsocket(connection), events: Int16(POLLIN), revents: 0)
      let ready = poll(&descriptor, 1, Int32(milliseconds))
      if ready < 0 {
        if errno == EINTR { continue }
        throw PostgresError.connectionLost("poll failed while waiting for notifications")
      }
      if ready > 0 {
        guard PQconsumeInput(connection) == 1, PQstatus(connection) == CONNECTION_OK else {
          throw PostgresError.connectionLost(Self.errorMessage(connection))
        }
        let arrived = drainNotifications(connection)
        if !arrived.isEmpty { return arrived }
      }
    }
  }

  private func drainNotifications(_ connection: OpaquePointer) -> [PostgresNotification] {
    var notifications = [PostgresNotification]()
    while let notify = PQnotifies(connection) {
      let value = notify.pointee
      notifications.append(
        PostgresNotification(
          channel: String(cString: value.relname),
          payload: value.extra.map { String(cString: $0) } ?? "",
          processID: value.be_pid))
      PQfreemem(notify)
    }
    return notifications
  }
}
