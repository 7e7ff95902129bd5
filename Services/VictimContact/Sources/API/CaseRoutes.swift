import AccessControl
import EventContracts
import Foundation
import HubAreas
import Hummingbird
import Logging
import PersonalData
import PostgresClient
import ServiceAssembly
import ServiceRuntime

/// victim-contact's HTTP API, every route behind the ``AccessGate`` and the case's area:
///
/// - `GET /cases/{caseId}`: the case's summary (stage, tasks, notifications, contact
///   attempts, facilitators). Case workers and supervisors also see the participants'
///   contact details and the notes, and each such read is recorded; a facilitator sees only
///   a case allocated to them, without personal details.
/// - `POST /cases/{caseId}/contact-attempts`: records a contact attempt (case workers and
///   supervisors) under the safe-contact rules; 201 with the attempt and the case's stage,
///   400 with every problem in the body, 404 for an unknown case, 409 naming the rule that
///   refuses it.
/// - The case work of the journey (issue 6), each in its own route group: stages,
///   assignment and the case list (``JourneyRoutes``), participants, consent and support
///   referrals (``ParticipantRoutes``), assessments (``AssessmentRoutes``), interventions and
///   outcome agreements (``InterventionRoutes``), surveys (``SurveyRoutes``), tasks
///   (``TaskRoutes``) and complaints (``ComplaintRoutes``). `docs/openapi/victim-contact.yaml`
///   describes them all.
struct CaseRoutes: Sendable {
  let gate: AccessGate
  let reader: CaseSummaryReader
  let recorder: ContactAttemptRecorder
  var facilitators: FacilitatorStore { stores.facilitators }
  let accessLog: PersonalDataAccessLog
  let pool: PostgresConnectionPool
  let clock: @Sendable () -> Date

  /// Roles that may see personal details and record contact.
  static let staff = CaseActionRunner.staff

  let stores: CaseWorkStores
  let runner: CaseActionRunner

  init(
    schema: SchemaName, personalData: CasePersonalData, gate: AccessGate,
    resources: HubServiceResources, deadlines: VictimsCodeDeadlines,
    marks: ConflictOfInterestMarks, clock: @escaping @Sendable () -> Date = Date.init
  ) {
    self.gate = gate
    reader = CaseSummaryReader(schema: schema, personalData: personalData)
    accessLog = PersonalDataAccessLog(schema: schema, chainKey: personalData.auditChainKey)
    stores = CaseWorkStores(
      schema: schema, personalData: personalData, deadlines: deadlines)
    recorder = ContactAttemptRecorder(
      stores: stores,
      attempts: ContactAttemptStore(schema: schema, personalData: personalData),
      facilitators: stores.facilitators, marks: marks)
    pool = resources.pool
    self.clock = clock
    runner = CaseActionRunner(
      gate: gate, pool: resources.pool, cases: stores.cases, outbox: resources.outbox,
      accessLog: accessLog, clock: clock)
    caseList = CaseListReader(schema: schema)
  }

  let caseList: CaseListReader

  /// Adds the routes to `router`.
  func register(on router: Router<BasicRequestContext>) {
    router.get("/cases/{caseId}") { request, context in
      try await caseSummary(request, context: context)
    }
    router.post("/cases/{caseId}/contact-attempts") { request, context in
      try await runner.perform(
        request, context: context, audit: .recordContactAttempt,
        parse: ContactAttemptRequest.parse
      ) { action, attempt in
        try recorder.record(attempt, in: &action)
      }
    }
    JourneyRoutes(runner: runner, stores: stores, reader: caseList).register(on: router)
    ParticipantRoutes(runner: runner, stores: stores).register(on: router)
    AssessmentRoutes(runner: runner, stores: stores).register(on: router)
    InterventionRoutes(runner: runner, stores: stores).register(on: router)
    SurveyRoutes(runner: runner, stores: stores).register(on: router)
    TaskRoutes(runner: runner, stores: stores).register(on: router)
    ComplaintRoutes(runner: runner, stores: stores).register(on: router)
  }

  func caseSummary(_ request: Request, context: BasicRequestContext) async throws -> Response {
    let caller = try await gate.authorize(request, roles: Self.staff.union([.facilitator]))
    let caseId = try context.parameters.require("caseId")
    let isStaff = !caller.roles.isDisjoint(with: Self.staff)
    let summary = try await pool.withTransaction { session in
      guard let area = try stores.cases.area(of: caseId, in: session) else {
        throw HTTPError(.notFound, message: "no case \(caseId)")
      }
      try caller.requireArea(area)
      if !isStaff {
        guard let facilitatorId = caller.facilitatorId,
          try facilitators.isAllocated(facilitatorId, to: caseId, in: session)
        else {
          throw HTTPError(.forbidden, message: "case \(caseId) is not allocated to the caller")
        }
      }
      guard
        var summary = try reader.summary(of: caseId, withPersonalDetails: isStaff, in: session)
      else { throw HTTPError(.notFound, message: "no case \(caseId)") }
      summary.journey = try CaseJourneyView.read(
        caseId, stores: stores, withPersonalData: isStaff, now: clock(), in: session)
      if isStaff {
        try accessLog.record(
          .readCase, by: caller, actingAs: Self.staff, caseId: caseId,
          fields: PersonalDataAccessLog.caseFields, in: session)
      }
      return summary
    }
    return try JSONResponse.make(status: .ok, summary)
  }
}
