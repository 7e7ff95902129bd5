import PostgresClient

/// One column of a service's table that holds sealed personal data, as the re-seal command
/// finds it: the table, the column, and the SQL expression giving each row's id for the
/// sealing context `<service>.<table>.<column>:<row id>`.
///
/// Each service lists its sealed columns (for example `IntakeService.sealedColumns`), and its
/// stores seal with ``context(rowID:)`` of the same entry, so the command and the stores can
/// never disagree on a context.
public struct SealedColumn: Sendable, Hashable {
  /// The service that owns the table, the first part of every context (`intake`).
  public let service: String
  /// The table, unqualified (`referrals`).
  public let table: String
  /// The column (`victim_name`).
  public let column: String
  /// The SQL expression over the row giving its id, for example `case_id`, or
  /// `source_system || '/' || referral_id` for a two-part key. Must match what the store passes
  /// to ``context(rowID:)`` and identify the row uniquely (it also drives the update).
  public let rowIDExpression: String

  /// Describes column `column` of `table`, rows identified by `rowIDExpression`.
  public init(service: String, table: String, column: String, rowIDExpression: String) {
    self.service = service
    self.table = table
    self.column = column
    self.rowIDExpression = rowIDExpression
  }

  /// The sealing context of this column in the row with id `rowID`.
  public func context(rowID: String) -> String {
    "\(service).\(table).\(column):\(rowID)"
  }

  /// The columns `columns` of one table, rows identified by `rowIDExpression`.
  public static func table(
    _ table: String, of service: String, rowID rowIDExpression: String, columns: [String]
  ) -> [SealedColumn] {
    columns.map {
      SealedColumn(service: service, table: table, column: $0, rowIDExpression: rowIDExpression)
    }
  }
}
