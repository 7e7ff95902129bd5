import AMQPClient
import EventContracts
import Foundation
import PostgresClient
import Testing

/// Outcome agreements are watched (issue 21): an item past its due date raises a task for the
/// case worker, once, which escalates like any other overdue task and is done when the item
/// is settled; and a case does not move to follow-up with items unsettled unless a supervisor
/// says why. Through the built service; the agreement is written straight into its tables
/// (reaching one through the API takes a whole journey, which CaseJourneyAPITests walks).
@Suite("Outcome agreements watched", .serialized)
struct AgreementWatchAPITests {
  /// Gives case `caseId` an agreement with one open item for its victim due on `dueOn` (SQL
  /// date expression), optionally putting the case in outcome monitoring; the ids.
  func agreement(
    _ caseId: String, dueOn: String, inOutcomeMonitoring: Bool = false, _ h: CaseAPIHarness
  ) async throws -> (agreementId: String, itemId: String) {
    let (agreementId, itemId) = (UUID().uuidString.lowercased(), UUID().uuidString.lowercased())
    try await h.pool.withTransaction { session in
      try session.execute(
        """
        INSERT INTO victim_contact.outcome_agreements (agreement_id, case_id, made_on, revision,
          recorded_at, recorded_by)
        VALUES ($1::uuid, $2, current_date - 20, 1, now(), 'test-case-worker-7')
        """, [.text(agreementId), .text(caseId)])
      try session.execute(
        """
        INSERT INTO victim_contact.agreement_items (item_id, agreement_id, position, kind,
          responsible, due_on, status)
        VALUES ($1::uuid, $2::uuid, 0, 'apology', $3, \(dueOn), 'open')
        """, [.text(itemId), .text(agreementId), .text("\(caseId).victim")])
      if inOutcomeMonitoring {
        try session.execute(
          """
          UPDATE victim_contact.cases SET stage = 'outcome-monitoring', stage_sequence = 6
          WHERE case_id = $1
          """, [.text(caseId)])
      }
    }
    return (agreementId, itemId)
  }

  /// What the service emitted about `caseId` so far, as `(routingKey, body)`.
  func emitted(_ caseId: String, _ h: CaseAPIHarness, into seen: inout [(String, [UInt8])])
    async throws
  {
    seen += try await h.emittedEvents(about: caseId).map { ($0.routingKey, $0.body) }
  }

  /// The payloads of type `P` among `seen`.
  func events<P: EventPayload>(_ type: P.Type, in seen: [(String, [UInt8])]) throws -> [P] {
    try seen.filter { $0.0 == P.routingKey }.map { try EventCoding.decode(P.self, from: $0.1).data }
  }

  @Test("an overdue agreement item raises one task, which escalates and closes with the item")
  func overdueAgreementItemRaisesTask() async throws {
    try await CaseAPIHarness.with { h in
      let caseId = SyntheticCases.caseId()
      try await h.openCase(caseId, sensitive: false)
      let worker = try await CaseWorkerClient(h)
      let (agreementId, itemId) = try await agreement(caseId, dueOn: "current_date - 1", h)
      let (_, notDue) = try await agreement(caseId, dueOn: "current_date", h)
      let taskId = "\(caseId)/agreement-item/\(itemId)"

      var seen: [(String, [UInt8])] = []
      try await h.waitUntil("the overdue item's task raised") {
        try await emitted(caseId, h, into: &seen)
        return seen.contains {
          $0.0 == ContactTaskScheduled.routingKey
            && String(decoding: $0.1, as: UTF8.self).contains(taskId)
        }
      }
      let tasks = try #require(try await worker.view(caseId)["tasks"] as? [[String: Any]])
      let raised = tasks.filter { ($0["kind"] as? String) == "agreement-item-overdue" }
      #expect(
        raised.map { $0["taskId"] as? String } == [taskId], "one task, not for the item due today")
      #expect(!tasks.contains { ($0["taskId"] as? String)?.contains(notDue) == true })

      // Overdue in turn, it escalates to the area's supervisors like any other task.
      try await h.pool.withSession {
        try $0.execute(
          "UPDATE victim_contact.tasks SET due_on = current_date - 1 WHERE task_id = $1",
          [.text(taskId)])
      }
      try await h.waitUntil("the task escalated") {
        try await emitted(caseId, h, into: &seen)
        return try events(NotificationRequested.self, in: seen).contains {
          $0.values["taskId"] == taskId
        }
      }
      try await worker.send(
        "POST", "/cases/\(caseId)/outcome-agreements/\(agreementId)/items/\(itemId)",
        ["status": "done"])
      try await h.waitUntil("the task closed") {
        try await emitted(caseId, h, into: &seen)
        return try events(ContactTaskClosed.self, in: seen).contains { $0.taskId == taskId }
      }
      let scheduled = try events(ContactTaskScheduled.self, in: seen).filter { $0.taskId == taskId }
      #expect(scheduled.count == 1, "raised once")
      #expect(scheduled.first?.kind == .agreementItemOverdue)
    }
  }

  @Test("follow-up is refused with items unsettled, unless a supervisor gives the reason")
  func followUpRefusedWithUnsettledItems() async throws {
    try await CaseAPIHarness.with { h in
      let caseId = SyntheticCases.caseId()
      try await h.openCase(caseId, sensitive: false)
      _ = try await agreement(caseId, dueOn: "current_date + 30", inOutcomeMonitoring: true, h)
      let worker = try await CaseWorkerClient(h)
      let supervisor = try await CaseWorkerClient(h, [.supervisor], subject: "test-supervisor-2")
      let path = "/cases/\(caseId)/stage"
      let reason = "The offender moved abroad; the apology cannot be followed up"
      #expect(try await worker.refused(path, ["stage": "follow-up"]) == "agreement-items-unsettled")
      #expect(
        try await worker.refused(path, ["stage": "follow-up", "reason": reason])
          == "agreement-items-unsettled", "a case worker's reason is not enough")
      #expect(
        try await supervisor.refused(path, ["stage": "follow-up"]) == "agreement-items-unsettled")
      let moved = try await supervisor.send("POST", path, ["stage": "follow-up", "reason": reason])
      #expect(moved["to"] as? String == "follow-up")
      #expect(moved["reason"] as? String == reason, "the reason is recorded with the move")
    }
  }
}
