import Crypto
import Foundation
import PostgresClient
import Testing

@testable import AuditTrail

@Suite("audit trail: append-only and tamper-evident")
struct AuditTamperTests {
  /// Five committed transactions, seqs 1...9 (batches of 1, 2, 3, 1, 2).
  private func seedChain(_ rig: AuditTestSchema) async throws {
    for (index, size) in [1, 2, 3, 1, 2].enumerated() {
      try await rig.record(
        SampleEntries.reads(count: size, caseId: "case-\(index)", subject: "user-\(index)"))
    }
  }

  @Test("verify passes on an untouched chain, and on an empty one")
  func untouchedChainIsIntact() async throws {
    try await AuditTestSchema.with { rig in
      #expect(try await rig.verify() == .intact(lastSeq: 0))
      try await seedChain(rig)
      #expect(try await rig.seqs() == Array(1...9))
      #expect(try await rig.verify() == .intact(lastSeq: 9))
      // A small page size walks the same chain across many statements.
      let paged = AuditVerifier(schema: rig.schema, chainKey: rig.key, pageSize: 2)
      #expect(try await rig.pool.withSession { try paged.verify(in: $0) } == .intact(lastSeq: 9))
    }
  }

  @Test("the owning role's UPDATE, DELETE and TRUNCATE are refused by the triggers")
  func ownerCannotRewrite() async throws {
    try await AuditTestSchema.with { rig in
      try await seedChain(rig)
      let log = rig.table("audit_log")
      let head = rig.table("audit_chain_head")
      let statements = [
        "UPDATE \(log) SET subject = 'user-x' WHERE seq = 2",
        "DELETE FROM \(log) WHERE seq = 9",
        "DELETE FROM \(log) WHERE seq = 12345",
        "TRUNCATE \(log)",
        "DELETE FROM \(head)",
        "TRUNCATE \(head)",
        "UPDATE \(head) SET last_seq = 3",
      ]
      for sql in statements {
        do {
          try await rig.pool.withSession { session in try session.execute(sql) }
          Issue.record("not refused: \(sql)")
        } catch let error as PostgresError {
          #expect(error.sqlState == AuditMigrations.appendOnlySQLState, "\(sql): \(error)")
        }
      }
      #expect(try await rig.seqs() == Array(1...9))
      #expect(try await rig.verify() == .intact(lastSeq: 9))
    }
  }

  @Test("a superuser changing a row's subject is caught at that seq")
  func changedFieldIsDetected() async throws {
    try await AuditTestSchema.with { rig in
      try await seedChain(rig)
      try await rig.tamperAsSuperuser(
        "UPDATE \(rig.table("audit_log")) SET subject = 'user-innocent' WHERE seq = 5")
      #expect(try await rig.verify() == .broken(seq: 5, fault: .rowAltered))
    }
  }

  @Test("a superuser changing a row's field names or time is caught at that seq")
  func changedFieldsOrTimeIsDetected() async throws {
    try await AuditTestSchema.with { rig in
      try await seedChain(rig)
      try await rig.tamperAsSuperuser(
        "UPDATE \(rig.table("audit_log")) SET fields = '{victim.name}' WHERE seq = 7")
      #expect(try await rig.verify() == .broken(seq: 7, fault: .rowAltered))
    }
    try await AuditTestSchema.with { rig in
      try await seedChain(rig)
      try await rig.tamperAsSuperuser(
        "UPDATE \(rig.table("audit_log")) SET at = at - interval '1 hour' WHERE seq = 2")
      #expect(try await rig.verify() == .broken(seq: 2, fault: .rowAltered))
    }
  }

  @Test("a row deleted with the triggers disabled is named by its seq")
  func deletedRowIsDetected() async throws {
    try await AuditTestSchema.with { rig in
      try await seedChain(rig)
      let log = rig.table("audit_log")
      try await rig.pool.withSession { session in
        try session.transaction { session in
          try session.execute("ALTER TABLE \(log) DISABLE TRIGGER audit_log_append_only")
          try session.execute("DELETE FROM \(log) WHERE seq = 4")
          try session.execute("ALTER TABLE \(log) ENABLE TRIGGER audit_log_append_only")
        }
      }
      #expect(try await rig.seqs() == [1, 2, 3, 5, 6, 7, 8, 9])
      #expect(try await rig.verify() == .broken(seq: 4, fault: .rowMissing))
    }
  }

  @Test("deleting the newest rows is caught against the chain head")
  func deletedTailIsDetected() async throws {
    try await AuditTestSchema.with { rig in
      try await seedChain(rig)
      try await rig.tamperAsSuperuser("DELETE FROM \(rig.table("audit_log")) WHERE seq >= 8")
      #expect(try await rig.verify() == .broken(seq: 8, fault: .rowMissing))
    }
  }

  @Test("renumbering rows to reorder them is caught at the first moved seq")
  func reorderedRowsAreDetected() async throws {
    try await AuditTestSchema.with { rig in
      try await seedChain(rig)
      let log = rig.table("audit_log")
      try await rig.tamperAsSuperuser(
        "UPDATE \(log) SET seq = 100 WHERE seq = 3",
        "UPDATE \(log) SET seq = 3 WHERE seq = 6",
        "UPDATE \(log) SET seq = 6 WHERE seq = 100")
      // The row now at seq 3 links to the hash of the row before its old place.
      #expect(try await rig.verify() == .broken(seq: 3, fault: .linkBroken))
    }
  }

  @Test("re-hashing an altered row still breaks the link to the next one")
  func rehashedRowBreaksTheNextLink() async throws {
    try await AuditTestSchema.with { rig in
      try await seedChain(rig)
      let sql = """
        SELECT previous_hash, (extract(epoch FROM at) * 1000000)::int8, role, action,
          case_id, array_to_json(fields)::text, purpose
        FROM \(rig.table("audit_log")) WHERE seq = 5
        """
      let forged = try await rig.pool.withSession { session in
        let row = try session.query(sql).rows[0]
        let entry = AuditEntry(
          subject: "user-innocent", role: try row.decode(2), action: try row.decode(3),
          caseId: try row.decode(4),
          fields: try JSONDecoder().decode(
            [String].self, from: Data(try row.decode(5, as: String.self).utf8)),
          purpose: try row.decode(6))
        return AuditChainHash.rowHash(
          key: rig.key, previous: try row.decode(0), seq: 5, atMicros: try row.decode(1),
          entry: entry)
      }
      let hex = forged.map { String(format: "%02x", $0) }.joined()
      try await rig.tamperAsSuperuser(
        """
        UPDATE \(rig.table("audit_log"))
        SET subject = 'user-innocent', row_hash = '\\x\(hex)' WHERE seq = 5
        """)
      #expect(try await rig.verify() == .broken(seq: 6, fault: .linkBroken))
    }
  }

  @Test(
    "rewriting a row and recomputing every later hash and the head is caught without the chain key"
  )
  func forgeryWithoutTheKeyIsDetected() async throws {
    try await AuditTestSchema.with { rig in
      try await seedChain(rig)
      let guessed = AuditChainKey(SymmetricKey(size: .bits256))
      try await rewriteFromSeq5(rig, under: guessed)
      #expect(try await rig.verify() == .broken(seq: 5, fault: .rowAltered))
      // Control: the same rewrite under the real key verifies, so the key is what protects.
      try await rewriteFromSeq5(rig, under: rig.key)
      #expect(try await rig.verify() == .intact(lastSeq: 9))
    }
  }

  /// Changes seq 5's subject and re-chains seqs 5...9 and the head under `key`, as a
  /// superuser past the triggers.
  private func rewriteFromSeq5(_ rig: AuditTestSchema, under key: AuditChainKey) async throws {
    let sql = """
      SELECT seq, previous_hash, (extract(epoch FROM at) * 1000000)::int8, subject, role,
        action, case_id, array_to_json(fields)::text, purpose
      FROM \(rig.table("audit_log")) WHERE seq >= 5 ORDER BY seq
      """
    let rows = try await rig.pool.withSession { try $0.query(sql).rows }
    var previous = try rows[0].decode(1, as: [UInt8].self)
    var statements: [String] = []
    for row in rows {
      let seq = try row.decode(0, as: Int64.self)
      let entry = AuditEntry(
        subject: seq == 5 ? "user-innocent" : try row.decode(3), role: try row.decode(4),
        action: try row.decode(5), caseId: try row.decode(6),
        fields: try JSONDecoder().decode(
          [String].self, from: Data(try row.decode(7, as: String.self).utf8)),
        purpose: try row.decode(8))
      let hash = AuditChainHash.rowHash(
        key: key, previous: previous, seq: seq, atMicros: try row.decode(2), entry: entry)
      statements.append(
        """
        UPDATE \(rig.table("audit_log")) SET subject = '\(entry.subject)',
          previous_hash = '\\x\(Self.hex(previous))', row_hash = '\\x\(Self.hex(hash))'
        WHERE seq = \(seq)
        """)
      previous = hash
    }
    statements.append(
      "UPDATE \(rig.table("audit_chain_head")) SET last_hash = '\\x\(Self.hex(previous))'")
    try await rig.tamperAsSuperuser(statements)
  }

  private static func hex(_ bytes: [UInt8]) -> String {
    bytes.map { String(format: "%02x", $0) }.joined()
  }

  @Test("a row slipped in beyond the chain head is reported")
  func insertedRowIsDetected() async throws {
    try await AuditTestSchema.with { rig in
      try await seedChain(rig)
      try await rig.tamperAsSuperuser(
        """
        INSERT INTO \(rig.table("audit_log"))
          (seq, at, subject, role, action, fields, previous_hash, row_hash)
        SELECT 10, now(), 'user-x', 'case-worker', 'case.read', '{}', row_hash, row_hash
        FROM \(rig.table("audit_log")) WHERE seq = 9
        """)
      #expect(try await rig.verify() == .broken(seq: 10, fault: .unexpectedRow))
    }
  }
}
