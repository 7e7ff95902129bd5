/// Reading code columns (a string enum's raw values): a value outside the vocabulary is a
/// decoding error naming the column, never a silent default.
extension PostgresRow {
  /// Column `column` as a code of `Value`, nil for NULL.
  public func decodeOptionalCode<Value: RawRepresentable>(
    _ column: Int, as type: Value.Type = Value.self
  ) throws -> Value? where Value.RawValue == String {
    try decode(column, as: String?.self).map { try code($0, column: column) }
  }

  /// Column `column` as a code of `Value`.
  public func decodeCode<Value: RawRepresentable>(_ column: Int, as type: Value.Type = Value.self)
    throws -> Value where Value.RawValue == String
  {
    try code(decode(column, as: String.self), column: column)
  }

  /// Column `column`, a `text[]` read as `to_json(…)::text`, as codes of `Value`.
  public func decodeCodes<Value: RawRepresentable>(
    _ column: Int, as type: Value.Type = Value.self
  ) throws -> [Value] where Value.RawValue == String {
    try decodeJSON(column, as: [String].self).map { try code($0, column: column) }
  }

  private func code<Value: RawRepresentable>(_ text: String, column: Int) throws -> Value
  where Value.RawValue == String {
    guard let value = Value(rawValue: text) else {
      throw PostgresError.decoding(
        column: columnIndex.names[column], type: String(describing: Value.self),
        reason: "not a known code")
    }
    return value
  }
}
