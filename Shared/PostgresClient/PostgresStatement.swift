/// One parameterised SQL statement, as sent in a pipeline.
public struct PostgresStatement: Sendable {
  /// SQL text with `$1`, `$2`, ... placeholders; never values spliced in.
  public var sql: String
  /// The values for the placeholders, in order.
  public var binds: [PostgresBind]

  /// Creates a statement from SQL text and its parameter values.
  public init(_ sql: String, _ binds: [PostgresBind] = []) {
    self.sql = sql
    self.binds = binds
  }
}

/// A message received through LISTEN/NOTIFY.
public struct PostgresNotification: Sendable {
  /// The channel the notification was sent on.
  public var channel: String
  /// The payload string given to NOTIFY (may be empty).
  public var payload: String
  /// The server process id of the notifying session.
  public var processID: Int32

  /// Creates a notification value.
  public init(channel: String, payload: String, processID: Int32) {
    self.channel = channel
    self.payload = payload
    self.processID = processID
  }
}
