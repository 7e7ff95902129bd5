import AuditTrail
import Foundation
import PostgresClient
import Testing

@Suite("audit trail: concurrent writers")
struct AuditConcurrencyTests {
  @Test("two writers appending at once still leave one valid chain with consecutive seqs")
  func concurrentWritersKeepOneChain() async throws {
    try await AuditTestSchema.with(poolSize: 3) { rig in
      let transactionsPerWriter = 40
      let entriesPerWriter = (0..<transactionsPerWriter).reduce(0) { $0 + $1 % 3 + 1 }
      let log = rig.log
      let pool = rig.pool
      try await withThrowingTaskGroup(of: Int.self) { group in
        for writer in 0..<2 {
          group.addTask {
            var written = 0
            for index in 0..<transactionsPerWriter {
              let size = index % 3 + 1
              try await pool.withTransaction { session in
                try log.record(
                  SampleEntries.reads(
                    count: size, caseId: "case-\(writer)-\(index)", subject: "user-\(writer)"),
                  in: session)
                // Hold the transaction open a moment so the writers really overlap.
                try session.execute("SELECT pg_sleep(0.002)")
              }
              written += size
            }
            return written
          }
        }
        var total = 0
        for try await written in group { total += written }
        #expect(total == 2 * entriesPerWriter)
        #expect(try await rig.seqs() == Array(1...Int64(total)))
      }
      #expect(try await rig.verify() == .intact(lastSeq: Int64(2 * entriesPerWriter)))
      let times = try await pool.withSession { session in
        try session.query(
          "SELECT seq FROM \(rig.table("audit_log")) ORDER BY at, seq"
        ).rows.map { try $0.decode(0, as: Int64.self) }
      }
      #expect(times == times.sorted(), "times rise with seq")
      let perWriter = try await pool.withSession { session in
        try (0..<2).map { try log.entries(subject: "user-\($0)", limit: 1000, in: session).count }
      }
      #expect(perWriter == [entriesPerWriter, entriesPerWriter])
    }
  }
}
