import EventContracts
import PostgresClient

extension CalendarDate: PostgresDecodable {
  /// `date` text (`YYYY-MM-DD`), as PostgreSQL prints it with its default `DateStyle`.
  public static func decode(postgresText: String) throws -> CalendarDate {
    guard let date = CalendarDate(postgresText) else {
      throw PostgresError.decoding(column: "", type: "CalendarDate", reason: "not a date")
    }
    return date
  }
}
