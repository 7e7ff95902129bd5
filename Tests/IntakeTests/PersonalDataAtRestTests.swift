import Foundation
import HubConfiguration
import PersonalData
import PostgresClient
import ServiceRuntime
import TestSupport
import Testing

@testable import Intake

/// intake's personal data on disk: sealed in every column that holds it, with keyed hashes
/// beside it for matching, and re-sealed under a new key by `rjhub data reseal` (the built
/// executable, as an operator runs it) so the old key can be retired.
@Suite("intake's personal data at rest", .serialized)
struct PersonalDataAtRestTests {
  static let name = "Ysolde Marchetti-Quarrie"
  static let dateOfBirth = "1979-11-30"

  /// Three valid referrals carrying the synthetic victim and one rejected one, handled by
  /// intake's real handler with the test keys (key id `t1`), then `body` against them; the
  /// harness is torn down afterwards however `body` ends.
  func withStoredReferrals(_ body: (IntakeHarness) async throws -> Void) async throws {
    try await IntakeHarness.with { h in
      var bodies = (0..<3).map { index in
        SyntheticReferrals.bytes(
          SyntheticReferrals.setting(
            SyntheticReferrals.setting(
              SyntheticReferrals.valid(referralId: "AT-REST-\(index)"), "victim/name",
              to: Self.name), "victim/dateOfBirth", to: Self.dateOfBirth))
      }
      bodies.append(
        SyntheticReferrals.bytes(
          SyntheticReferrals.setting(
            SyntheticReferrals.valid(referralId: "AT-REST-BAD", area: "atlantis"), "victim/name",
            to: Self.name)))
      _ = try await h.submit(bodies)
      try await h.handle(expecting: 4)
      try await body(h)
    }
  }

  @Test("no column holds the victim's name in clear; the keyed hash matches without opening")
  func sealedOnDisk() async throws {
    try await withStoredReferrals { h in
      let s = h.schema.sql
      let (clear, referrals) = try await h.pool.withSession { session in
        (
          try session.query(
            """
            SELECT (SELECT count(*) FROM \(s).referrals r WHERE r::text ILIKE '%marchetti%')
              + (SELECT count(*) FROM \(s).submissions r WHERE r::text ILIKE '%marchetti%')
            """
          ).rows[0].decode(0, as: Int.self),
          try session.query(
            "SELECT victim_name, victim_identity_hash, referral_id FROM \(s).referrals"
          ).rows
        )
      }
      #expect(clear == 0, "the name is nowhere in clear")
      #expect(referrals.count == 3)
      let expectedHash = TestPersonalData.sealer.matchingHash(
        ["  ysolde  MARCHETTI-QUARRIE ", Self.dateOfBirth],
        purpose: IntakePersonalData.victimIdentityPurpose)
      for row in referrals {
        let sealed = try row.decode(0, as: String.self)
        #expect(sealed.hasPrefix("v1.t1."))
        let rowID = IntakePersonalData.referralRowID(
          sourceSystem: "norfolk-athena", referralId: try row.decode(2))
        let context = IntakePersonalData.referralColumns[6].context(rowID: rowID)
        #expect(try TestPersonalData.sealer.open(sealed, context: context) == Self.name)
        #expect(try row.decode(1, as: String.self) == expectedHash, "matched without opening")
      }
    }
  }

  @Test("rjhub data reseal moves every sealed value to the new key; the old key can then go")
  func rotation() async throws {
    try await withStoredReferrals { h in
      let s = h.schema.sql
      // A value stored before sealing existed: the command seals it too.
      try await h.pool.withSession { session in
        _ = try session.execute(
          "UPDATE \(s).referrals SET notes = 'Synthetic legacy note' WHERE referral_id = 'AT-REST-0'"
        )
      }
      let newKey = PersonalDataKeys.newKeyText()
      let oldRing = try #require(TestPersonalData.environment[PersonalDataKeys.keysVariable])
      let rotated = TestPersonalData.environment.merging([
        PersonalDataKeys.keysVariable: "\(oldRing),k2:\(newKey)",
        PersonalDataKeys.activeKeyVariable: "k2",
      ]) { $1 }
      // The harness's outbox keeps bodies in clear (no sealing configured): sealed too.
      let outboxRows = try await h.count("outbox")
      let first = try await reseal(schema: h.schema, environment: rotated)
      #expect(first.status == 0, "\(first.output)")
      #expect(
        first.output.contains(", \(outboxRows + 1) found in clear and sealed"), "\(first.output)")

      // Every sealed value is now under k2, and opens with k2 alone (k1 retired).
      let retired = PersonalDataSealer(
        keys: try PersonalDataKeys(
          environment: EnvironmentReader(
            rotated.merging([PersonalDataKeys.keysVariable: "k2:\(newKey)"]) { $1 })),
        logger: h.logger)
      let opened = try await h.pool.withSession { session in
        var opened: [String] = []
        for column in IntakeService.sealedColumns {
          let rows = try session.query(
            """
            SELECT (\(column.rowIDExpression))::text, \(column.column) FROM \(s).\(column.table)
            WHERE \(column.column) IS NOT NULL
            """
          ).rows
          for row in rows {
            let stored = try row.decode(1, as: String.self)
            #expect(stored.hasPrefix("v1.k2."), "\(column.table).\(column.column)")
            let context = column.context(rowID: try row.decode(0, as: String.self))
            opened.append(
              String(decoding: try retired.openData(stored, context: context), as: UTF8.self))
          }
        }
        return opened
      }
      #expect(opened.filter { $0 == Self.name }.count == 3, "the victim's name, once per referral")
      #expect(opened.contains("Synthetic legacy note"))
      #expect(opened.filter { $0.contains(Self.name) }.count >= 4 + 3, "raw bodies and outbox too")

      let second = try await reseal(schema: h.schema, environment: rotated)
      #expect(second.status == 0)
      #expect(second.output.contains(": 0 values re-sealed"), "\(second.output)")
      #expect(second.output.contains(", 0 found in clear"), "\(second.output)")

      // Without the key the values are sealed under, the command stops and says where, never what.
      let lost = try await reseal(
        schema: h.schema,
        environment: rotated.merging([
          PersonalDataKeys.keysVariable: "k3:\(PersonalDataKeys.newKeyText())",
          PersonalDataKeys.activeKeyVariable: "k3",
        ]) { $1 })
      #expect(lost.status != 0)
      #expect(lost.output.contains("could not be re-sealed"), "\(lost.output)")
      #expect(lost.output.contains("key k2, which is not configured"), "\(lost.output)")
      #expect(!lost.output.lowercased().contains("marchetti"))
    }
  }

  /// Runs `rjhub data reseal --service intake --schema <schema>` with `environment`.
  func reseal(schema: SchemaName, environment: [String: String]) async throws
    -> (status: Int32, output: String)
  {
    let output = FileManager.default.temporaryDirectory
      .appendingPathComponent("rjhub-reseal-\(UUID().uuidString).log").path
    defer { try? FileManager.default.removeItem(atPath: output) }
    let child = try ChildProcess(
      executable: try TestServers.binDirectory().appendingPathComponent("rjhub").path,
      arguments: [
        "data", "reseal", "--service", "intake", "--schema", schema.name, "--batch-size", "2",
      ],
      environment: environment.merging([
        "PATH": "/usr/bin:/bin", "RJHUB_DATABASE_URL": try TestServers.databaseURL(),
      ]) { $1 },
      outputFile: output)
    let status = try #require(try await child.waitForExit(timeout: .seconds(60)))
    return (status, try String(contentsOfFile: output, encoding: .utf8))
  }
}
