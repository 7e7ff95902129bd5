import Foundation
import Logging
import PostgresClient

/// Re-seals a service's stored personal data under the active key: the work of
/// `rjhub data reseal`, run after a new key is made active so that the old one can be retired.
///
/// Column by column, it reads in batches the values not yet under the active key (a prefix test
/// on the text form, so already re-sealed rows cost nothing), re-seals each, and writes the batch
/// in one transaction, rows compared on their old value so that a concurrent change wins. Values
/// stored in clear before sealing was introduced (anything not in the sealed text form) are
/// sealed too. It can be stopped and run again at any time; a second run finds nothing to do.
public struct PersonalDataResealer: Sendable {
  /// What one run changed.
  public struct Report: Sendable, Equatable {
    /// Values re-sealed from an older key to the active one.
    public var resealed = 0
    /// Values found in clear and sealed.
    public var sealedFromClear = 0
  }

  let sealer: PersonalDataSealer
  let schema: SchemaName
  let batchSize: Int
  let logger: Logger

  /// A resealer for `schema`'s tables with `sealer`'s keys, `batchSize` rows per transaction.
  public init(sealer: PersonalDataSealer, schema: SchemaName, batchSize: Int = 500, logger: Logger)
  {
    self.sealer = sealer
    self.schema = schema
    self.batchSize = batchSize
    self.logger = logger
  }

  /// Re-seals every value of `columns`. Throws on the first value that does not open (a missing
  /// key, or a value altered on disk), naming its table and column (never its content).
  public func reseal(_ columns: [SealedColumn], using pool: PostgresConnectionPool) async throws
    -> Report
  {
    var report = Report()
    for column in columns {
      while true {
        let batch = try await pool.withTransaction { session in
          try resealBatch(of: column, in: session)
        }
        report.resealed += batch.resealed
        report.sealedFromClear += batch.sealedFromClear
        if batch.resealed + batch.sealedFromClear < batchSize { break }
      }
      logger.info(
        "column re-sealed",
        metadata: [
          "table": "\(column.table)", "column": "\(column.column)",
          "active_key_id": "\(sealer.keys.activeKeyID)",
        ])
    }
    return report
  }

  /// Re-seals up to `batchSize` values of `column` not under the active key.
  func resealBatch(of column: SealedColumn, in session: PostgresSession) throws -> Report {
    let table =
      schema.sql + "." + (try PostgresIdentifier.quoted(column.table))
    let name = try PostgresIdentifier.quoted(column.column)
    let activePrefix = "\(SealedValue.version).\(sealer.keys.activeKeyID)."
    let rows = try session.query(
      """
      SELECT (\(column.rowIDExpression))::text, \(name) FROM \(table)
      WHERE \(name) IS NOT NULL AND left(\(name), $1) <> $2
      LIMIT $3 FOR UPDATE
      """, [.int(Int64(activePrefix.count)), .text(activePrefix), .int(Int64(batchSize))]
    ).rows
    var report = Report()
    var ids: [String] = []
    var olds: [String] = []
    var news: [String] = []
    for row in rows {
      let rowID = try row.decode(0, as: String.self)
      let stored = try row.decode(1, as: String.self)
      let context = column.context(rowID: rowID)
      if stored.hasPrefix("\(SealedValue.version).") {
        do {
          guard let resealed = try sealer.reseal(stored, context: context) else { continue }
          news.append(resealed)
          report.resealed += 1
        } catch {
          throw ResealError(table: column.table, column: column.column, reason: error)
        }
      } else {
        news.append(sealer.seal(stored, context: context))
        report.sealedFromClear += 1
      }
      ids.append(rowID)
      olds.append(stored)
    }
    guard !ids.isEmpty else { return report }
    try session.execute(
      """
      UPDATE \(table) SET \(name) = u.new_value
      FROM unnest($1::text[], $2::text[], $3::text[]) AS u(row_id, old_value, new_value)
      WHERE (\(column.rowIDExpression))::text = u.row_id AND \(name) = u.old_value
      """, [.textArray(ids), .textArray(olds), .textArray(news)])
    return report
  }
}

/// A stored value the re-seal command could not open: its place, and why (never the value).
public struct ResealError: Error, CustomStringConvertible {
  /// The table holding it.
  public let table: String
  /// The column holding it.
  public let column: String
  /// Why it did not open.
  public let reason: SealingError

  public var description: String {
    "a value in \(table).\(column) could not be re-sealed: \(reason.description)"
  }
}
