import AMQPClient
import AccessControl
import EventContracts
import Foundation
import TestSupport
import Testing

/// Twenty synthetic cases, referred by a police system over AMQP, run through the case
/// workers' API to their different endings — direct and indirect interventions delivered,
/// declined by the victim and by the offender, unsuitable, transferred to another area —
/// with surveys and a complaint; then the events the hub emitted and reporting's figures
/// for them are checked (issue 6).
@Suite("Case journey scenario, end to end", .serialized)
struct CaseJourneyScenarioTests {
  /// The journey's events, watched on a queue of the test's own.
  static let watched = [
    CaseStageChanged.routingKey, ConsentGiven.routingKey, ConsentWithdrawn.routingKey,
    AssessmentRecorded.routingKey, InterventionRecorded.routingKey,
    OutcomeAgreementRecorded.routingKey, SurveyAnswered.routingKey, ComplaintRecorded.routingKey,
    ContactTaskScheduled.routingKey, ContactTaskClosed.routingKey,
  ]

  @Test("twenty cases to their closures, with surveys: the events emitted and the figures")
  func twentyCases() async throws {
    let area = WalkingSkeletonTests.freshArea()
    let otherArea = WalkingSkeletonTests.freshArea(numberedApartFrom: area)
    let hub = try HubUnderTest(area: area, otherAreas: [otherArea])
    do {
      try await hub.waitUntilReady()
      try await run(hub, otherArea: otherArea)
    } catch {
      await hub.stop()
      throw error
    }
    await hub.stop()
  }

  func run(_ hub: HubUnderTest, otherArea: String) async throws {
    let clients = try await HubClients(hub: hub)
    try await FacilitatorSeed.register(in: hub.area, through: clients)
    let watcher = AMQPConnection(
      configuration: try AMQPConfiguration(
        url: try TestServers.amqpURL(), connectionName: "e2e-journey-watch"),
      logger: clients.logger)
    try await watcher.connect()
    let queue = "e2e-journey.\(hub.area)"
    try await watcher.declare(
      AMQPTopology(
        queues: [QueueDeclaration(name: queue)],
        bindings: Self.watched.map {
          QueueBinding(queue: queue, exchange: EventExchange.events, routingKey: $0)
        }))
    let batch = ReferralBatch(area: hub.area, valid: 0, invalid: 0, repeats: 0)
    let referrals = (0..<20).map {
      ReferralBatch.bytes(batch.referral("JRN-\(hub.area)-\($0)", index: $0 + 1))
    }
    try await clients.submit(referrals)

    let worker = try await clients.issuer.issue(
      subject: "e2e-worker", roles: [.caseWorker], areas: [hub.area])
    let colleague = try await clients.issuer.issue(
      subject: "e2e-colleague", roles: [.caseWorker], areas: [hub.area])
    let caseIds = try await openedCases(clients, token: worker, count: 20)

    for (index, ending) in ScenarioEnding.plan.enumerated() {
      let referralId = "JRN-\(hub.area)-\(index)"
      let caseId = try #require(caseIds[referralId], "case of \(referralId)")
      try await ScenarioCase(
        clients: clients, worker: worker, colleague: colleague, caseId: caseId, index: index,
        otherArea: otherArea
      ).run(ending)
    }
    let complaint = try await ScenarioCase(
      clients: clients, worker: worker, colleague: colleague, caseId: "-", index: 0,
      otherArea: otherArea
    ).call(
      "POST", "victim-contact", "/complaints",
      [
        "area": hub.area, "caseId": caseIds["JRN-\(hub.area)-9"] ?? "",
        "summary": "Slow to call back",
      ])
    try await ScenarioCase(
      clients: clients, worker: worker, colleague: colleague, caseId: "-", index: 0,
      otherArea: otherArea
    ).call(
      "POST", "victim-contact", "/complaints/\(complaint["complaintId"] as? String ?? "")/response",
      ["outcome": "upheld", "response": "We apologised"])

    let transferred = Set(
      ScenarioEnding.plan.indices.filter { ScenarioEnding.plan[$0] == .transferred }
        .compactMap { caseIds["JRN-\(hub.area)-\($0)"] })
    try await waitForTransfers(clients, token: worker, cases: transferred)
    try await checkEvents(watcher, queue: queue, cases: Set(caseIds.values))
    try await checkFigures(clients, area: hub.area)
    _ = try? await watcher.deleteQueue(queue)
    await watcher.close()
    await clients.close()
  }

  /// Waits until victim-contact lists `count` cases of the area; their ids by referral id.
  func openedCases(_ clients: HubClients, token: String, count: Int) async throws
    -> [String: String]
  {
    var cases: [String: String] = [:]
    let deadline = ContinuousClock.now + .seconds(120)
    while cases.count < count {
      guard ContinuousClock.now < deadline else { throw HubTestError.timedOut("\(count) cases") }
      let (status, body) = try await clients.http(
        "GET", "victim-contact", "/cases?area=\(clients.hub.area)", token: token)
      if status == 200,
        let list = (try JSONSerialization.jsonObject(with: body) as? [String: Any])?["cases"]
          as? [[String: Any]]
      {
        for entry in list {
          guard let referral = entry["referralId"] as? String, cases[referral] == nil,
            let id = entry["caseId"] as? String
          else { continue }
          // Ready once both halves arrived and first contact was planned: its participants.
          let (_, view) = try await clients.http(
            "GET", "victim-contact", "/cases/\(id)", token: token)
          let journey =
            (try? JSONSerialization.jsonObject(with: view) as? [String: Any])?[
              "journey"] as? [String: Any]
          if !((journey?["participants"] as? [Any]) ?? []).isEmpty { cases[referral] = id }
        }
      }
      try await Task.sleep(for: .milliseconds(300))
    }
    return cases
  }

  /// Waits until victim-contact shows every transferred case as transferred.
  func waitForTransfers(_ clients: HubClients, token: String, cases: Set<String>) async throws {
    let deadline = ContinuousClock.now + .seconds(120)
    while true {
      let (_, body) = try await clients.http(
        "GET", "victim-contact", "/cases?area=\(clients.hub.area)&stage=transferred", token: token)
      let listed =
        ((try? JSONSerialization.jsonObject(with: body) as? [String: Any])?["cases"]
        as? [[String: Any]] ?? []).compactMap { $0["caseId"] as? String }
      if cases.isSubset(of: Set(listed)) { return }
      guard ContinuousClock.now < deadline else { throw HubTestError.timedOut("transfers") }
      try await Task.sleep(for: .milliseconds(300))
    }
  }

  /// The journey's events about the scenario's cases, as the other services and reporting
  /// receive them.
  func checkEvents(_ watcher: AMQPConnection, queue: String, cases: Set<String>) async throws {
    let closures = 20
    let deliveries = try await HubClients.drain(watcher, queue: queue, seconds: 60) { taken in
      taken.filter {
        $0.routingKey == CaseStageChanged.routingKey
          && String(decoding: $0.body, as: UTF8.self).contains("\"closureReason\"")
      }.count >= closures
        && taken.filter { $0.routingKey == ComplaintRecorded.routingKey }.count >= 2
        && Self.taskIds(ContactTaskClosed.self, in: taken, of: cases)
          .isSuperset(of: Self.taskIds(ContactTaskScheduled.self, in: taken, of: cases))
    }
    func payloads<P: EventPayload>(_ type: P.Type) throws -> [P] {
      try deliveries.filter { $0.routingKey == P.routingKey }
        .map { try EventCoding.decode(P.self, from: $0.body).data }
    }
    let stages = try payloads(CaseStageChanged.self).filter { cases.contains($0.caseId) }
    let reasons = stages.compactMap(\.closureReason)
    #expect(reasons.count == 20, "every case closed or transferred once")
    #expect(reasons.filter { $0 == .directInterventionDelivered }.count == 4)
    #expect(reasons.filter { $0 == .indirectInterventionDelivered }.count == 4)
    #expect(reasons.filter { $0 == .transferred }.count == 3)
    #expect(try payloads(ConsentWithdrawn.self).count == 1)
    let delivered = try payloads(InterventionRecorded.self).filter { $0.status == .delivered }
    #expect(delivered.filter { $0.kind.isDirect }.count == 4)
    #expect(delivered.filter { $0.kind.isIndirect }.count == 4)
    #expect(delivered.filter { $0.kind == .preparationMeeting }.isEmpty, "planned, not held")
    #expect(try payloads(SurveyAnswered.self).count == 8 * 4, "start, end, two satisfactions")
    #expect(
      try payloads(AssessmentRecorded.self).filter { $0.revision == 2 }.count == 8 * 2 + 3 * 2)
    #expect(try payloads(ComplaintRecorded.self).map(\.revision).sorted() == [1, 2])
    // Every task closed once before its case closed or was transferred.
    let scheduled = Self.taskIds(ContactTaskScheduled.self, in: deliveries, of: cases)
    let closedTasks = try payloads(ContactTaskClosed.self).filter { cases.contains($0.caseId) }
    #expect(scheduled.count >= 20 * 2 && Set(closedTasks.map(\.taskId)) == scheduled)
    #expect(closedTasks.count == scheduled.count, "each task closed once")
    for delivery in deliveries {
      let text = String(decoding: delivery.body, as: UTF8.self)
      #expect(!text.contains("Offender ") && !text.contains("Consent form"))
      #expect(!text.contains("Synthetic Hall") && !text.contains("helped me see"))
    }
  }

  /// The ids of the tasks that events of type `P` (scheduled or closed) among `deliveries`
  /// name for `cases`.
  static func taskIds<P: EventPayload>(
    _ type: P.Type, in deliveries: [Delivery], of cases: Set<String>
  ) -> Set<String> {
    var ids = Set<String>()
    for delivery in deliveries where delivery.routingKey == P.routingKey {
      guard let event = try? EventCoding.decode(P.self, from: delivery.body) else { continue }
      switch event.data {
      case let task as ContactTaskScheduled where cases.contains(task.caseId):
        ids.insert(task.taskId)
      case let task as ContactTaskClosed where cases.contains(task.caseId): ids.insert(task.taskId)
      default: break
      }
    }
    return ids
  }

  /// Reporting's figures for the area, once it has caught up.
  func checkFigures(_ clients: HubClients, area: String) async throws {
    let token = try await clients.token(.commissioner)
    var journey: [String: Any] = [:]
    var figures: [String: Any] = [:]
    let deadline = ContinuousClock.now + .seconds(120)
    while true {
      let (status, body) = try await clients.http(
        "GET", "reporting", "/figures?area=\(area)", token: token)
      if status == 200 {
        figures = (try JSONSerialization.jsonObject(with: body) as? [String: Any]) ?? [:]
        journey = figures["journey"] as? [String: Any] ?? [:]
        let closures = journey["closures"] as? [String: Any]
        let complaints = journey["complaints"] as? [String: Any]
        let satisfaction = journey["satisfaction"] as? [String: Any]
        if closures?["total"] as? Int == 20, complaints?["responded"] as? Int == 1,
          satisfaction?["offendersAnswered"] as? Int == 8
        {
          break
        }
      }
      guard ContinuousClock.now < deadline else {
        throw HubTestError.timedOut("reporting's journey figures: \(journey)")
      }
      try await Task.sleep(for: .milliseconds(500))
    }
    let closures = try #require(journey["closures"] as? [String: Any])
    #expect(
      closures["byReason"] as? [String: Int] == [
        "direct-intervention-delivered": 4, "indirect-intervention-delivered": 4,
        "victim-declined-or-disengaged": 3, "offender-declined-or-disengaged": 3,
        "offender-not-identified-or-traced": 0, "unsuitable": 3,
        "transferred-to-another-area": 3, "other": 0,
      ])
    let unsuitable = try #require(closures["unsuitableByReason"] as? [String: Int])
    #expect(
      unsuitable["risk-of-harm"] == 2 && unsuitable["no-acknowledgement-of-responsibility"] == 1)
    let droppedOut = try #require(closures["droppedOutAtStage"] as? [String: Int])
    #expect(droppedOut["referred"] == 3 && droppedOut["initial-engagement"] == 3)
    #expect(droppedOut["risk-assessment"] == 3)
    let interventions = try #require(journey["interventions"] as? [String: Any])
    #expect(interventions["directDelivered"] as? Int == 4)
    #expect(interventions["indirectDelivered"] as? Int == 4)
    #expect(interventions["casesCompleted"] as? Int == 8)
    #expect(interventions["medianDaysToCompletion"] as? Int == 0, "all delivered the day referred")
    #expect(interventions["medianWorkingDaysToCompletion"] as? Int == 0)
    #expect((journey["consentWithdrawals"] as? [String: Int])?["victim"] == 1)
    let atEnd = try #require(
      (journey["distanceTravelled"] as? [String: Any])?["atEnd"] as? [String: [String: Int]])
    #expect(atEnd["health-and-wellbeing"] == ["improvement": 8, "noChange": 0, "deterioration": 0])
    #expect(atEnd["coping-with-everyday-life"]?["improvement"] == 8)
    #expect(atEnd["feeling-safe"]?["noChange"] == 8)
    #expect(atEnd["informed-and-empowered"]?["deterioration"] == 8)
    let satisfaction = try #require(journey["satisfaction"] as? [String: Int])
    #expect(
      satisfaction == [
        "victimsAnswered": 8, "victimsSatisfied": 4, "offendersAnswered": 8,
        "offendersSatisfied": 8, "testimonialsConsented": 4,
      ])
    let complaints = try #require(journey["complaints"] as? [String: Int])
    #expect(complaints == ["received": 1, "responded": 1, "respondedInTime": 1, "overdue": 0])
    let stages = try #require(figures["casesByStage"] as? [String: Int])
    #expect(stages["closed"] == 17 && stages["transferred"] == 3)
  }
}
