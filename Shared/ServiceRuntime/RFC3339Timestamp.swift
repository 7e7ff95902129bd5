#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Formats wall-clock instants as RFC 3339 timestamps in UTC with millisecond precision, such as
/// `2025-03-01T09:30:05.123Z`, the `ts` field of JSON log lines.
enum RFC3339Timestamp {
  /// The current time, formatted.
  static func now() -> String {
    var spec = timespec()
    clock_gettime(CLOCK_REALTIME, &spec)
    return format(seconds: Int(spec.tv_sec), milliseconds: Int(spec.tv_nsec) / 1_000_000)
  }

  /// Formats `seconds` since the Unix epoch plus `milliseconds` (0 to 999).
  static func format(seconds: Int, milliseconds: Int) -> String {
    var time = time_t(seconds)
    var parts = tm()
    gmtime_r(&time, &parts)
    func digits(_ value: Int32, _ width: Int) -> String {
      let text = String(value)
      return String(repeating: "0", count: max(0, width - text.count)) + text
    }
    return digits(parts.tm_year + 1900, 4) + "-" + digits(parts.tm_mon + 1, 2) + "-"
      + digits(parts.tm_mday, 2) + "T" + digits(parts.tm_hour, 2) + ":" + digits(parts.tm_min, 2)
      + ":" + digits(parts.tm_sec, 2) + "." + digits(Int32(milliseconds), 3) + "Z"
  }
}
