import Foundation

/// The rows and row count one statement produced.
public struct PostgresResult: Sendable {
  /// Column names, in order.
  public var columns: [String]
  /// The rows returned (empty for statements that return none).
  public var rows: [PostgresRow]
  /// Rows inserted, updated, deleted or selected, as the server reported.
  public var affectedRows: Int

  /// Creates a result value.
  public init(columns: [String], rows: [PostgresRow], affectedRows: Int) {
    self.columns = columns
    self.rows = rows
    self.affectedRows = affectedRows
  }
}

/// Column names of one result and their indexes, built once and shared by all its rows.
final class PostgresColumnIndex: Sendable {
  let names: [String]
  private let indexes: [String: Int]

  init(names: [String]) {
    self.names = names
    var indexes = [String: Int](minimumCapacity: names.count)
    for (index, name) in names.enumerated() where indexes[name] == nil {
      indexes[name] = index
    }
    self.indexes = indexes
  }

  func index(of name: String) -> Int? { indexes[name] }
}

/// One result row: its columns' text values (nil for NULL), decoded on demand.
public struct PostgresRow: Sendable {
  let values: [String?]
  let columnIndex: PostgresColumnIndex

  /// Decodes the column at `column` (0-based) as `T`; use an Optional `T` for nullable columns.
  /// - Throws: `PostgresError.decoding` for a missing column, unexpected NULL or bad text.
  public func decode<T: PostgresDecodable>(_ column: Int, as type: T.Type = T.self) throws -> T {
    guard values.indices.contains(column) else {
      throw PostgresError.decoding(
        column: "#\(column)", type: String(describing: T.self), reason: "no such column")
    }
    let name = columnIndex.names[column]
    guard let text = values[column] else {
      guard let null = T.postgresNullValue else {
        throw PostgresError.decoding(
          column: name, type: String(describing: T.self), reason: "unexpected NULL")
      }
      return null
    }
    do {
      return try T.decode(postgresText: text)
    } catch PostgresError.decoding(_, let typeName, let reason) {
      throw PostgresError.decoding(column: name, type: typeName, reason: reason)
    }
  }

  /// Decodes the column named `column` as `T`; use an Optional `T` for nullable columns.
  /// - Throws: `PostgresError.decoding` for a missing column, unexpected NULL or bad text.
  public func decode<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws -> T {
    guard let index = columnIndex.index(of: column) else {
      throw PostgresError.decoding(
        column: column, type: String(describing: T.self), reason: "no such column")
    }
    return try decode(index, as: type)
  }

  /// Decodes the JSON text in column `column` (a `json`/`jsonb` column, or `to_json(…)::text`,
  /// e.g. of a `text[]`) as `T`.
  /// - Throws: `PostgresError.decoding` for a missing column, NULL or text that is not `T`.
  public func decodeJSON<T: Decodable>(_ column: Int, as type: T.Type = T.self) throws -> T {
    let text = try decode(column, as: String.self)
    do {
      return try JSONDecoder().decode(T.self, from: Data(text.utf8))
    } catch {
      throw PostgresError.decoding(
        column: columnIndex.names[column], type: String(describing: T.self),
        reason: "not JSON of that shape")
    }
  }

  /// Whether the column at `column` is NULL (true for a column that does not exist).
  public func isNull(_ column: Int) -> Bool {
    guard values.indices.contains(column) else { return true }
    return values[column] == nil
  }

  /// Whether the column named `column` is NULL (true for a column that does not exist).
  public func isNull(_ column: String) -> Bool {
    guard let index = columnIndex.index(of: column) else { return true }
    return isNull(index)
  }
}
