import EventContracts
import PostgresClient

/// Reading the journey tables' date columns.
extension PostgresRow {
  /// Column `index`, a `date` read as text, as a calendar date.
  func decodeDate(_ index: Int) throws -> CalendarDate {
    guard let date = CalendarDate(try decode(index, as: String.self)) else {
      throw PostgresError.decoding(column: "\(index)", type: "CalendarDate", reason: "not a date")
    }
    return date
  }
}
