import AMQPClient
import AccessControl
import EventContracts
import Foundation
import Logging
import PostgresClient
import TestSupport
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The real service process with what a test needs around it: tokens signed with the
/// provisioned key, an HTTP client, the admin broker connection to publish case events to
/// `rj.events`, a queue of its own bound to `rj.events` to watch what the service emits, and
/// the admin database connection to see the service's outbox drain.
struct CaseAPIHarness {
  let rig: ServiceAPIRig
  let pool: PostgresConnectionPool

  /// Routing keys of what victim-contact emits.
  static let emitted = [
    ContactTaskScheduled.routingKey, ContactTaskClosed.routingKey, NotificationRequested.routingKey,
    ContactRecorded.routingKey,
    CaseStageChanged.routingKey, FacilitatorsRequested.routingKey, ConsentGiven.routingKey,
    ConsentWithdrawn.routingKey, AssessmentRecorded.routingKey, InterventionRecorded.routingKey,
    OutcomeAgreementRecorded.routingKey, SurveyAnswered.routingKey, ComplaintRecorded.routingKey,
    SupportReferralMade.routingKey,
  ]

  init() async throws {
    pool = PostgresConnectionPool(
      configuration: try PostgresConfiguration(
        url: try TestServers.databaseURL(), applicationName: "victim-contact-api-test"),
      size: 1, logger: TestServers.logger("victim-contact-api-test"))
    rig = try await ServiceAPIRig(
      service: "victim-contact",
      environment: [
        "RJHUB_LOG_LEVEL": "debug", "RJHUB_RELAY_POLL_INTERVAL": "200ms",
        "RJHUB_JOURNEY_WATCH_INTERVAL": "200ms",
      ],
      observing: Self.emitted)
  }

  /// Publishes `events` to `rj.events` as their producers would.
  func publish(_ events: [OutgoingMessage]) async throws { try await rig.publish(events) }

  /// Opens a synthetic case (both halves) and waits until the service shows its tasks.
  func openCase(
    _ caseId: String, area: String = SyntheticCases.area, sensitive: Bool = true,
    victim: SyntheticCases.Victim = SyntheticCases.Victim(), previousCaseId: String? = nil
  ) async throws {
    try await publish([
      try .event(
        SyntheticCases.opened(
          caseId, victim: victim, area: area, sensitivity: sensitive ? ["stalking"] : [],
          previousCaseId: previousCaseId)),
      try .event(SyntheticCases.details(caseId, victim: victim, area: area)),
    ])
    let token = try await token([.caseWorker], areas: [area])
    try await waitUntil("case \(caseId) to be planned") {
      let (status, body) = try await http("GET", "/cases/\(caseId)", token: token)
      guard status == 200 else { return false }
      return (try json(body)["tasks"] as? [Any] ?? []).count >= 2
    }
  }

  /// Allocates `facilitators` to case `caseId` as facilitator-matching would (the first as
  /// lead), and waits until the case shows them.
  func allocate(_ facilitators: [String], to caseId: String) async throws {
    try await publish(
      try facilitators.enumerated().map { index, facilitator in
        try .event(
          EventEnvelope(
            producer: "facilitator-matching", area: SyntheticCases.area, caseId: caseId,
            data: FacilitatorAllocated(
              allocationId: "ALLOC-\(caseId)-\(index)", requestId: "\(caseId)/facilitators",
              caseId: caseId, facilitatorId: facilitator, agency: "Norfolk RJ Service",
              role: index == 0 ? .lead : .coFacilitator, allocatedAt: Date())))
      })
    let token = try await token([.caseWorker])
    try await waitUntil("the facilitators allocated to \(caseId)") {
      let (_, body) = try await http("GET", "/cases/\(caseId)", token: token)
      return (try json(body)["facilitators"] as? [Any] ?? []).count == facilitators.count
    }
  }

  /// A token for `roles` in `areas`.
  func token(
    _ roles: Set<Role>, areas: Set<String> = [SyntheticCases.area], facilitatorId: String? = nil,
    subject: String = "test-case-worker-7"
  ) async throws -> String {
    try await rig.token(subject: subject, roles: roles, areas: areas, facilitatorId: facilitatorId)
  }

  /// An HTTP request to the service; its status and body.
  func http(_ method: String, _ path: String, token: String?, body: String? = nil) async throws
    -> (status: Int, body: Data)
  {
    let reply = try await rig.http(method, path, token: token, body: body)
    return (reply.status, reply.body)
  }

  /// `body` as a JSON object.
  func json(_ body: Data) throws -> [String: Any] { try ServiceAPIRig.json(body) }

  /// Waits until the service's outbox holds nothing more about `caseId` (all published and
  /// confirmed, hence routed to the observer queue), then takes every event about it from
  /// the observer queue.
  func emittedEvents(about caseId: String) async throws -> [(routingKey: String, body: [UInt8])] {
    let needle = "\"caseId\":\"\(caseId)\""
    try await waitUntil("victim-contact's outbox to drain") {
      try await pool.withSession {
        try $0.query(
          "SELECT count(*) FROM victim_contact.outbox WHERE strpos(body, $1) > 0", [.text(needle)]
        ).rows[0].decode(0, as: Int.self) == 0
      }
    }
    return try await rig.takeObserved()
      .filter { String(decoding: $0.body, as: UTF8.self).contains(needle) }
      .map { ($0.routingKey, $0.body) }
  }

  /// Waits until `condition` holds, for at most a minute.
  func waitUntil(_ what: String, _ condition: () async throws -> Bool) async throws {
    try await rig.waitUntil(what, condition)
  }

  func tearDown() async {
    await rig.tearDown()
    await pool.close()
  }
}

extension CaseAPIHarness: ScopedTestRig {
  /// Runs `body` against a new harness and always tears it down afterwards, whether `body`
  /// returns or throws.
  static func with<T>(
    _ body: (CaseAPIHarness) async throws -> T
  ) async throws -> T {
    try await withTearDown(of: CaseAPIHarness(), body)
  }
}
