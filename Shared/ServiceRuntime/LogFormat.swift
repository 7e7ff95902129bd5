/// How a service writes its log lines.
public enum LogFormat: String, Sendable, CaseIterable {
  /// Human-readable lines from swift-log's `StreamLogHandler`, for a developer's terminal.
  case text
  /// One JSON object per line (``JSONLogHandler``), for log collectors.
  case json
}
