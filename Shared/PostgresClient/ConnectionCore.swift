import CLibPQ
import Foundation
import Logging

/// The libpq connection of one `PostgresConnection`, confined to its `ConnectionThread`:
/// connects lazily, reconnects when the connection went bad, and re-LISTENs afterwards.
final class ConnectionCore {
  let configuration: PostgresConfiguration
  let logger: Logger
  /// The libpq handle, nil until the first session or after a failure.
  private(set) var connection: OpaquePointer?
  /// Channels this connection LISTENs on, re-issued after a reconnect.
  private(set) var listeningChannels: [String] = []
  /// Nesting depth of `PostgresSession.transaction` (savepoints below the first level).
  var transactionDepth = 0
  private var isClosed = false
  /// Set by libpq's notice receiver when the server announced it is closing the connection.
  private var fatalNotice = FatalNoticeFlag()

  init(configuration: PostgresConfiguration, logger: Logger) {
    self.configuration = configuration
    self.logger = logger
  }

  deinit {
    if let connection { PQfinish(connection) }
  }

  /// Runs one session body on a healthy connection, then cleans up what the body left behind.
  func runSession<T>(_ body: (PostgresSession) throws -> T) throws -> T {
    guard !isClosed else { throw PostgresError.closed }
    let live = try ensureConnected()
    let session = PostgresSession(core: self, connection: live)
    defer {
      session.invalidate()
      finishSession(live)
    }
    return try body(session)
  }

  /// Closes the libpq connection for good; later sessions throw `PostgresError.closed`.
  func close() {
    isClosed = true
    disconnect()
  }

  /// Records a channel to re-LISTEN on after a reconnect.
  func rememberListening(_ channel: String) {
    if !listeningChannels.contains(channel) { listeningChannels.append(channel) }
  }

  /// Forgets a channel after UNLISTEN.
  func forgetListening(_ channel: String) {
    listeningChannels.removeAll { $0 == channel }
  }

  /// Drops the libpq connection; the next session connects again.
  func disconnect() {
    if let connection { PQfinish(connection) }
    connection = nil
    transactionDepth = 0
  }

  /// Returns a usable connection: connects the first time, and reconnects when the old one
  /// is bad (including one the server closed while it sat idle).
  private func ensureConnected() throws -> OpaquePointer {
    if let connection, isHealthy(connection) { return connection }
    if connection != nil {
      logger.warning("PostgreSQL connection went bad; reconnecting")
      disconnect()
    }
    let fresh = try connect()
    connection = fresh
    do {
      for channel in listeningChannels {
        try PostgresSession.runSimple(fresh, "LISTEN " + PostgresIdentifier.quoted(channel))
      }
    } catch {
      disconnect()
      throw error
    }
    return fresh
  }

  /// Whether `connection` is still usable. Reads whatever the server sent while idle: a
  /// terminated backend leaves an error and end-of-file there, which marks it bad.
  private func isHealthy(_ connection: OpaquePointer) -> Bool {
    for _ in 0..<8 {
      guard PQstatus(connection) == CONNECTION_OK, !fatalNotice.isSet else { return false }
      var descriptor = pollfd(fd: PQsocket(connection), events: Int16(POLLIN), revents: 0)
      guard poll(&descriptor, 1, 0) > 0 else { return true }
      if PQconsumeInput(connection) == 0 { return false }
      // PQconsumeInput only reads; PQisBusy parses, which runs the notice receiver.
      _ = PQisBusy(connection)
    }
    return PQstatus(connection) == CONNECTION_OK && !fatalNotice.isSet
  }

  private func connect() throws -> OpaquePointer {
    let parameters: [(String, String)] = [
      ("host", configuration.host),
      ("port", String(configuration.port)),
      ("dbname", configuration.database),
      ("user", configuration.username),
      ("password", configuration.password),
      ("application_name", configuration.applicationName),
      ("connect_timeout", String(max(1, configuration.connectTimeoutSeconds))),
      ("client_encoding", "UTF8"),
      ("options", "-c TimeZone=UTC -c DateStyle=ISO"),
      ("keepalives", "1"),
      ("keepalives_idle", "30"),
      ("keepalives_interval", "10"),
      ("keepalives_count", "3"),
    ]
    let keywords = parameters.map { strdup($0.0).map { UnsafePointer($0) } }
    let values = parameters.map { strdup($0.1).map { UnsafePointer($0) } } + [nil]
    defer {
      for pointer in keywords + values { free(UnsafeMutablePointer(mutating: pointer)) }
    }
    let connection = (keywords + [nil]).withUnsafeBufferPointer { keywordBuffer in
      values.withUnsafeBufferPointer { valueBuffer in
        PQconnectdbParams(keywordBuffer.baseAddress, valueBuffer.baseAddress, 0)
      }
    }
    guard let connection else {
      throw PostgresError.connectionFailed("libpq could not allocate a connection")
    }
    guard PQstatus(connection) == CONNECTION_OK else {
      let message = PostgresSession.errorMessage(connection)
      PQfinish(connection)
      logger.warning(
        "PostgreSQL connection failed",
        metadata: ["host": "\(configuration.host)", "port": "\(configuration.port)"])
      throw PostgresError.connectionFailed(message)
    }
    // Terse errors: libpq's formatted messages then never include DETAIL (row values).
    PQsetErrorVerbosity(connection, PQERRORS_TERSE)
    // Notices (e.g. "schema already exists, skipping") are dropped instead of going to stderr,
    // except that a FATAL one (an idle connection being terminated) marks the connection dead
    // even before the end-of-file arrives.
    fatalNotice = FatalNoticeFlag()
    PQsetNoticeReceiver(
      connection,
      { argument, result in
        guard let argument, let result,
          let severity = PQresultErrorField(result, Int32(UInt8(ascii: "V")))
        else { return }
        let text = String(cString: severity)
        if text == "FATAL" || text == "PANIC" {
          Unmanaged<FatalNoticeFlag>.fromOpaque(argument).takeUnretainedValue().isSet = true
        }
      }, Unmanaged.passUnretained(fatalNotice).toOpaque())
    logger.debug(
      "PostgreSQL connected",
      metadata: [
        "host": "\(configuration.host)", "database": "\(configuration.database)",
        "backendPID": "\(PQbackendPID(connection))",
      ])
    return connection
  }

  /// After a body: roll back a transaction it left open, drop a connection left mid-command.
  private func finishSession(_ live: OpaquePointer) {
    transactionDepth = 0
    guard connection == live, PQstatus(live) == CONNECTION_OK else { return }
    if PQpipelineStatus(live) != PQ_PIPELINE_OFF {
      logger.warning("session ended in pipeline mode; dropping the connection")
      disconnect()
      return
    }
    switch PQtransactionStatus(live) {
    case PQTRANS_IDLE:
      return
    case PQTRANS_INTRANS, PQTRANS_INERROR:
      logger.warning("session ended inside a transaction; rolling back")
      if (try? PostgresSession.runSimple(live, "ROLLBACK")) == nil { disconnect() }
    default:
      logger.warning("session ended with a command in progress; dropping the connection")
      disconnect()
    }
  }
}

/// Whether the server sent a FATAL notice on an idle connection (it is about to close it).
/// Kept alive by `ConnectionCore` for as long as the libpq connection it is registered with.
private final class FatalNoticeFlag {
  var isSet = false
}
