import Logging

/// A swift-log `LogHandler` that writes one JSON object per line, for log collectors.
///
/// Each line holds, in this order: `ts` (RFC 3339 UTC with milliseconds), `level`, `service`,
/// `label` (the logger's label), `msg`, `source` (the emitting module), then `error` (the type
/// of an attached error, never its description) and every metadata key as a field of its own,
/// sorted by key. Nested metadata becomes JSON objects and arrays. A metadata key that would
/// collide with one of the fixed fields is written with a `md.` prefix instead.
///
/// Metadata precedence follows swift-log: the handler's own metadata, then the metadata
/// provider's, then the metadata passed to the log call, later ones winning.
///
/// Log only ids, counts and codes: never message bodies, personal data or secrets.
public struct JSONLogHandler: LogHandler {
  /// The fields every line starts with; metadata keys with these names are prefixed with `md.`.
  public static let reservedFields: Set<String> = [
    "ts", "level", "service", "label", "msg", "source", "error",
  ]

  /// The lowest level this handler writes.
  public var logLevel: Logger.Level
  /// Metadata attached to every line of this logger.
  public var metadata: Logger.Metadata = [:]
  /// Supplies contextual metadata (for example a request id) at each log call.
  public var metadataProvider: Logger.MetadataProvider?

  private let label: String
  private let serviceName: String
  private let sink: JSONLogSink

  /// Creates a handler for the logger labelled `label` in service `serviceName`.
  ///
  /// - Parameters:
  ///   - label: The logger's label, written as `label`.
  ///   - serviceName: The service's name, written as `service`.
  ///   - logLevel: The lowest level written.
  ///   - sink: Where lines go; standard output by default, a collector in tests.
  ///   - metadataProvider: Contextual metadata; swift-log's global provider by default.
  public init(
    label: String,
    serviceName: String,
    logLevel: Logger.Level = .info,
    sink: JSONLogSink = .standardOutput,
    metadataProvider: Logger.MetadataProvider? = LoggingSystem.metadataProvider
  ) {
    self.label = label
    self.serviceName = serviceName
    self.logLevel = logLevel
    self.sink = sink
    self.metadataProvider = metadataProvider
  }

  /// Gets or sets one metadata value of this logger.
  public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  /// Formats `event` as one JSON line and hands it to the sink.
  public func log(event: LogEvent) {
    var merged = metadata
    if let provided = metadataProvider?.get() {
      merged.merge(provided) { _, new in new }
    }
    if let explicit = event.metadata {
      merged.merge(explicit) { _, new in new }
    }
    sink.write(
      Self.line(
        timestamp: RFC3339Timestamp.now(), level: event.level, service: serviceName,
        label: label, message: event.message.description, source: event.source,
        error: event.error, metadata: merged))
  }

  /// Builds one JSON log line (without newline) from its parts.
  static func line(
    timestamp: String, level: Logger.Level, service: String, label: String, message: String,
    source: String, error: (any Error)?, metadata: Logger.Metadata
  ) -> String {
    var output = "{"
    var isFirstField = true
    func field(_ key: String, _ value: String) {
      if !isFirstField { output.append(",") }
      isFirstField = false
      JSONText.appendString(key, to: &output)
      output.append(":")
      JSONText.appendString(value, to: &output)
    }
    field("ts", timestamp)
    field("level", level.rawValue)
    field("service", service)
    field("label", label)
    field("msg", message)
    field("source", source)
    if let error {
      field("error", String(reflecting: type(of: error)))
    }
    for key in metadata.keys.sorted() {
      output.append(",")
      let name = reservedFields.contains(key) ? "md." + key : key
      JSONText.appendString(name, to: &output)
      output.append(":")
      JSONText.appendMetadataValue(metadata[key]!, to: &output)
    }
    output.append("}")
    return output
  }
}
