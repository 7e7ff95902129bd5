import AuditTrail
import Foundation
import PostgresClient
import Testing

@Suite("audit trail: recording and supervisors' queries")
struct AuditRecordingTests {
  @Test("entries recorded in a transaction that rolls back leave no rows and use up no seq")
  func rollbackLeavesNothing() async throws {
    try await AuditTestSchema.with { rig in
      let log = rig.log
      let failure = await #expect(throws: DeliberateRollback.self) {
        try await rig.pool.withTransaction { session in
          try log.record(SampleEntries.reads(count: 3), in: session)
          throw DeliberateRollback()
        }
      }
      #expect(failure != nil)
      #expect(try await rig.seqs().isEmpty)
      #expect(try await rig.verify() == .intact(lastSeq: 0))
      let committed = try await rig.record(SampleEntries.reads(count: 1))
      #expect(committed.map(\.seq) == [1])
      #expect(try await rig.seqs() == [1])
    }
  }

  @Test("a batch gets consecutive seqs and one time, taken from the database clock")
  func batchSeqsAndTime() async throws {
    try await AuditTestSchema.with { rig in
      let before = Date()
      try await rig.record(SampleEntries.reads(count: 2))
      let batch = try await rig.record(SampleEntries.reads(count: 3))
      #expect(batch.map(\.seq) == [3, 4, 5])
      #expect(Set(batch.map(\.at)).count == 1)
      #expect(abs(batch[0].at.timeIntervalSince(before)) < 60)
      let stored = try await rig.pool.withSession { session in
        try rig.log.entries(caseId: "case-0001", limit: 10, in: session)
      }
      #expect(stored.map(\.seq) == [5, 4, 3, 2, 1])
      // What comes back is what was recorded, to the microsecond.
      for record in batch {
        let match = try #require(stored.first { $0.seq == record.seq })
        #expect(match.entry == record.entry)
        #expect(abs(match.at.timeIntervalSince(record.at)) < 0.000_002)
      }
    }
  }

  @Test("supervisors find entries by case and by user, newest first, with a limit and paging")
  func queriesByCaseAndSubject() async throws {
    try await AuditTestSchema.with { rig in
      let alice = "user-a1"
      let bob = "user-b2"
      try await rig.record([
        AuditEntry(
          subject: alice, role: "case-worker", action: "case.read", caseId: "case-1",
          fields: ["victim.name"]),
        AuditEntry(
          subject: bob, role: "supervisor", action: "case.read", caseId: "case-2",
          fields: ["victim.email"], purpose: "allocation-review"),
      ])
      try await rig.record([
        AuditEntry(
          subject: alice, role: "case-worker", action: "contact-attempt.record",
          caseId: "case-2", fields: ["victim.phone", "contact.outcome"]),
        AuditEntry(subject: bob, role: "administrator", action: "export.subject-access"),
      ])
      let log = rig.log
      let (case2, case1, aliceAll, bobFirst, bobOlder, nobody) = try await rig.pool.withSession {
        session in
        (
          try log.entries(caseId: "case-2", in: session),
          try log.entries(caseId: "case-1", in: session),
          try log.entries(subject: alice, in: session),
          try log.entries(subject: bob, limit: 1, in: session),
          try log.entries(subject: bob, limit: 1, beforeSeq: 4, in: session),
          try log.entries(subject: "user-none", in: session)
        )
      }
      #expect(case2.map(\.seq) == [3, 2])
      #expect(case2[0].entry.fields == ["victim.phone", "contact.outcome"])
      #expect(case2[1].entry.purpose == "allocation-review")
      #expect(case2[1].entry.role == "supervisor")
      #expect(case1.map(\.seq) == [1])
      #expect(aliceAll.map(\.seq) == [3, 1])
      #expect(aliceAll.allSatisfy { $0.entry.subject == alice })
      #expect(bobFirst.map(\.seq) == [4])
      #expect(bobFirst[0].entry.caseId == nil)
      #expect(bobFirst[0].entry.fields.isEmpty)
      #expect(bobOlder.map(\.seq) == [2])
      #expect(nobody.isEmpty)
      await #expect(throws: AuditTrailError.self) {
        try await rig.pool.withSession { session in
          try log.entries(caseId: "case-1", limit: 0, in: session)
        }
      }
    }
  }

  @Test("rows hold only what the entry carried; entries that look like personal data are refused")
  func noPersonalDataValues() async throws {
    try await AuditTestSchema.with { rig in
      let entry = AuditEntry(
        subject: "user-c3", role: "case-worker", action: "case.update", caseId: "case-9",
        fields: ["victim.name", "victim.address"], purpose: "safeguarding")
      try await rig.record([entry])
      let columnsSQL = """
        SELECT column_name FROM information_schema.columns
        WHERE table_schema = $1 AND table_name = 'audit_log' ORDER BY ordinal_position
        """
      let rowSQL = """
        SELECT subject, role, action, case_id, array_to_json(fields)::text, purpose
        FROM \(rig.table("audit_log"))
        """
      let schema = rig.schema
      let (columns, stored) = try await rig.pool.withSession { session in
        (
          try session.query(columnsSQL, [.text(schema.name)]).rows.map {
            try $0.decode(0, as: String.self)
          },
          try session.query(rowSQL).rows.map { row in
            try (0..<6).map { try row.decode($0, as: String?.self) }
          }
        )
      }
      #expect(
        columns == [
          "seq", "at", "subject", "role", "action", "case_id", "fields", "purpose",
          "previous_hash", "row_hash",
        ])
      #expect(
        stored == [
          [
            "user-c3", "case-worker", "case.update", "case-9",
            #"["victim.name","victim.address"]"#, "safeguarding",
          ]
        ])

      let personal: [(AuditEntry, String, String)] = [
        (
          AuditEntry(
            subject: "user-c3", role: "case-worker", action: "case.update",
            fields: ["Jane Doe"]), "fields", "Jane Doe"
        ),
        (
          AuditEntry(subject: "jane.doe@example.org", role: "referrer", action: "case.read"),
          "subject", "jane.doe@example.org"
        ),
        (
          AuditEntry(
            subject: "user-c3", role: "case-worker", action: "case.read",
            purpose: "she rang about 12 Elm Road"), "purpose", "12 Elm Road"
        ),
      ]
      for (bad, part, value) in personal {
        do {
          try await rig.record([entry, bad])
          Issue.record("an entry carrying a value in \(part) was recorded")
        } catch let error as AuditTrailError {
          guard case .invalidEntry(let refusedPart, _) = error else {
            Issue.record("unexpected error \(error)")
            continue
          }
          #expect(refusedPart == part)
          #expect(!"\(error)".contains(value))
        }
      }
      #expect(try await rig.seqs() == [1])
    }
  }
}
