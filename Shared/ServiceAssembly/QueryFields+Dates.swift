import EventContracts
import Foundation
import ServiceRuntime

/// Dates in a query string, read one way by every service.
extension QueryFields {
  /// Parameter `name`, a London calendar date written `YYYY-MM-DD`.
  public mutating func date(_ name: String, required: Bool = false) -> CalendarDate? {
    parsed(
      name, required: required,
      expecting: "a London calendar date written YYYY-MM-DD, such as 2026-11-01"
    ) { CalendarDate($0) }
  }

  /// Parameter `name`, an instant: an RFC 3339 date-time with a zone, or a date meaning its
  /// midnight UTC.
  public mutating func instant(_ name: String, required: Bool = false) -> Date? {
    parsed(
      name, required: required,
      expecting: "a date such as 2025-03-06 or a date-time such as 2025-03-06T10:00:00Z"
    ) { text in
      RFC3339.parse(text) ?? CalendarDate(text).flatMap { RFC3339.parse("\($0)T00:00:00Z") }
    }
  }
}
