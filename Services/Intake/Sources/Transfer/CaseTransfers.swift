import AccessControl
import AuditTrail
import DurableMessaging
import EventContracts
import Foundation
import HubAreas
import Hummingbird
import Logging
import PersonalData
import PostgresClient
import ServiceRuntime

/// Moves a case out of its area to another area's hub, inside the caller's transaction: the
/// case's opening referral, readdressed (``TransferReferral``), goes through this intake's own
/// pipeline when the receiving area is served here (so it is validated, linked or opened like
/// any referral), and otherwise to the receiving hub on `rj.transfers`; the transfer is
/// recorded once per case and announced without personal data (`case.transferred-out.v1`).
struct CaseTransfers: Sendable {
  let s: String
  let sealer: PersonalDataSealer
  let reception: ReferralReception
  let clock: @Sendable () -> Date

  init(
    schema: SchemaName, sealer: PersonalDataSealer, reception: ReferralReception,
    clock: @escaping @Sendable () -> Date = Date.init
  ) {
    s = schema.sql
    self.sealer = sealer
    self.reception = reception
    self.clock = clock
  }

  /// What was done, and the messages to commit with it.
  struct Transferred: Sendable {
    var event: CaseTransferredOut
    var messages: [OutboxMessage]
  }

  /// Transfers `caseId` as `caller` asks; the caller must work in the case's area.
  func transfer(
    _ caseId: String, _ request: CaseTransferRequest, caller: AccessToken,
    in session: PostgresSession, logger: Logger
  ) throws -> Transferred {
    guard
      let fromArea = try session.query(
        "SELECT area FROM \(s).cases WHERE case_id = $1 FOR UPDATE", [.text(caseId)]
      ).rows.first.map({ try $0.decode(0, as: String.self) })
    else { throw HTTPError(.notFound, message: "no case \(caseId)") }
    try caller.requireArea(fromArea)
    if try !session.query(
      "SELECT 1 FROM \(s).case_transfers WHERE case_id = $1", [.text(caseId)]
    ).rows.isEmpty {
      throw HTTPError(.conflict, message: "case \(caseId) has already been transferred out")
    }
    guard request.toArea != fromArea else {
      throw RequestValidationFailure(problems: [
        FieldProblem(
          path: "/toArea", code: "invalid-value", message: "must be another area than the case's")
      ])
    }
    let now = clock()
    let from = reception.validator.directory[fromArea] ?? .undescribed(fromArea)
    let referral = TransferReferral.make(
      from: try openingReferral(caseId, in: session), caseId: caseId, from: from,
      toArea: request.toArea, reason: request.reason, now: now)
    let body = Array(try JSONEncoder().encode(referral))
    let transferId = UUID()
    var messages: [OutboxMessage] = []
    var receivingCaseId: String?
    if reception.validator.areas.contains(request.toArea) {
      let received = try reception.receive(
        IncomingReferral(
          body: body, submissionId: transferId.uuidString.lowercased(), correlationId: nil,
          replyTo: nil, channel: .transfer),
        in: session, logger: logger)
      switch received.answer {
      case .accepted(let answer):
        receivingCaseId = answer.data.caseId
      case .rejected(let rejection):
        throw RequestValidationFailure(
          problems: rejection.data.errors.map {
            FieldProblem(
              path: "/referral\($0.path)", code: $0.code,
              message: "the case's referral cannot be opened in \(request.toArea): \($0.message)")
          })
      }
      messages += received.messages
    } else {
      messages.append(
        OutboxMessage(
          messageId: transferId, exchange: EventExchange.transfers,
          routingKey: "\(request.toArea).\(ReferralSubmission.routingKey)", body: body,
          messageType: ReferralSubmission.routingKey))
    }
    let event = CaseTransferredOut(
      caseId: caseId, fromArea: fromArea, toArea: request.toArea, reason: request.reason,
      transferredAt: now, transferReferralId: TransferReferral.referralId(caseId: caseId),
      receivingCaseId: receivingCaseId)
    _ = try session.query(
      """
      INSERT INTO \(s).case_transfers
        (case_id, from_area, to_area, reason, transferred_at, transferred_by, transfer_id,
         receiving_case_id)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
      """,
      [
        .text(caseId), .text(fromArea), .text(request.toArea), .text(request.reason.rawValue),
        .timestamp(now), .text(caller.subject), .text(transferId.uuidString.lowercased()),
        .optionalText(receivingCaseId),
      ])
    messages.append(
      try EventOrigin(
        producer: IntakeService.name, area: fromArea, caseId: caseId, idBase: transferId, now: now
      ).message(event, purpose: "transferred-out"))
    logger.info(
      "case transferred out",
      metadata: [
        "case_id": "\(caseId)", "from_area": "\(fromArea)", "to_area": "\(request.toArea)",
        "reason": "\(request.reason.rawValue)", "served_here": "\(receivingCaseId != nil)",
      ])
    return Transferred(event: event, messages: messages)
  }

  /// The referral that opened `caseId`, as sent (its sealed raw body, opened).
  func openingReferral(_ caseId: String, in session: PostgresSession) throws
    -> ReferralSubmission
  {
    guard
      let row = try session.query(
        """
        SELECT message_id, raw_body FROM \(s).submissions
        WHERE case_id = $1 AND outcome = 'accepted' ORDER BY received_at, message_id LIMIT 1
        """, [.text(caseId)]
      ).rows.first
    else { throw HTTPError(.conflict, message: "case \(caseId) has no opening referral kept") }
    let body = try sealer.openData(
      try row.decode(1, as: String.self),
      context: IntakePersonalData.submissionBody.context(rowID: try row.decode(0, as: String.self)))
    return try ReferralSubmission.decode(from: Array(body))
  }
}
