import AccessControl
import DurableMessaging
import EventContracts
import Foundation
import Hummingbird
import PostgresClient
import ServiceRuntime

/// One staff action on one case, inside its transaction: the case (locked until commit, so
/// actions on it from any replica apply one after the other), who acts and in which role,
/// when, and the events the action emits — enqueued in the outbox with the action's writes.
struct CaseAction {
  /// The case, locked.
  let journey: CaseJourney
  /// Who acts.
  let caller: AccessToken
  /// The role they act in (audited, recorded with stage changes and sign-offs).
  let role: Role
  /// When.
  let now: Date
  /// The action's id: correlates its events, and derives their ids.
  let id: UUID
  /// The transaction.
  let session: PostgresSession
  /// The events to publish, in order.
  private(set) var messages: [OutboxMessage] = []
  /// The personal fields the action read or wrote, for the audit trail.
  var touchedFields: [String] = []

  /// The case's id.
  var caseId: String { journey.caseId }

  init(journey: CaseJourney, caller: AccessToken, role: Role, now: Date, session: PostgresSession) {
    self.journey = journey
    self.caller = caller
    self.role = role
    self.now = now
    self.session = session
    id = UUID()
  }

  /// Queues `data` for `rj.events`, its id derived from the action and `purpose` (unique
  /// among what one action emits).
  mutating func emit<P: EventPayload>(_ data: P, purpose: String) throws {
    messages.append(
      try EventOrigin(
        producer: VictimContactService.name, area: journey.area, caseId: caseId,
        correlationId: id, idBase: id, now: now
      ).message(data, purpose: purpose))
  }

  /// Publishes a stage move's events: the change and the tasks it dropped.
  mutating func emit(_ moved: StageChanger.Moved) throws {
    try emit(moved.change, purpose: StageChanger.Moved.purpose(moved.change))
    try emit(closedTasks: moved.droppedTasks)
  }

  /// Publishes `contact.task-closed` for each of `closed`.
  mutating func emit(closedTasks closed: [ContactTaskClosed]) throws {
    for task in closed { try emit(task, purpose: StageChanger.Moved.purpose(task)) }
  }
}

/// A request the codes of practice (or the state of the case) forbid: HTTP 409 in the shape
/// of every refusal, `{"errors":[{"path":…,"code":…,"message":…}]}`, with `code` naming the
/// rule that blocks it.
struct CaseRuleRefusal: HTTPResponseError, Sendable {
  /// The field the refusal is about (a JSON Pointer), or "" for the whole request.
  var path: String
  /// The rule, e.g. `assessment-not-signed-off`.
  var rule: String
  /// What the rule says.
  var message: String

  var status: HTTPResponse.Status { .conflict }

  func response(from request: Request, context: some RequestContext) throws -> Response {
    try JSONResponse.make(
      status: status,
      ["errors": [FieldProblem(path: path, code: rule, message: message)]])
  }

  /// The refusal of a stage move by ``StageMachine``.
  init(_ refusal: StageMachine.Refusal, path: String = "/stage") {
    self.init(path: path, rule: refusal.rule.rawValue, message: refusal.message)
  }

  init(path: String, rule: String, message: String) {
    self.path = path
    self.rule = rule
    self.message = message
  }
}
