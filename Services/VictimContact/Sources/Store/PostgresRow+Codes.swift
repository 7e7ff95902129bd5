import EventContracts
import PostgresClient

/// Reading the journey tables' code and date columns: a value outside its vocabulary is a
/// decoding error, never a silent default.
extension PostgresRow {
  /// Column `index` as a code of `Value`; a value outside the vocabulary is a decoding error.
  func decodeCode<Value: RawRepresentable>(_ index: Int, as type: Value.Type = Value.self) throws
    -> Value where Value.RawValue == String
  {
    let text = try decode(index, as: String.self)
    guard let value = Value(rawValue: text) else {
      throw PostgresError.decoding(
        column: "\(index)", type: "\(Value.self)", reason: "not a known code")
    }
    return value
  }

  /// Column `index` as a code of `Value`, nil for NULL.
  func decodeOptionalCode<Value: RawRepresentable>(
    _ index: Int, as type: Value.Type = Value.self
  ) throws -> Value? where Value.RawValue == String {
    guard let text = try decode(index, as: String?.self) else { return nil }
    guard let value = Value(rawValue: text) else {
      throw PostgresError.decoding(
        column: "\(index)", type: "\(Value.self)", reason: "not a known code")
    }
    return value
  }

  /// Column `index`, a `text[]` read as `to_json(…)::text`, as codes of `Value`.
  func decodeCodes<Value: RawRepresentable>(_ index: Int, as type: Value.Type = Value.self) throws
    -> [Value] where Value.RawValue == String
  {
    try decodeJSON(index, as: [String].self).map { text in
      guard let value = Value(rawValue: text) else {
        throw PostgresError.decoding(
          column: "\(index)", type: "\(Value.self)", reason: "not a known code")
      }
      return value
    }
  }

  /// Column `index`, a `date` read as text, as a calendar date.
  func decodeDate(_ index: Int) throws -> CalendarDate {
    guard let date = CalendarDate(try decode(index, as: String.self)) else {
      throw PostgresError.decoding(column: "\(index)", type: "CalendarDate", reason: "not a date")
    }
    return date
  }
}
