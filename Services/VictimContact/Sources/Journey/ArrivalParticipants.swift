import EventContracts
import Foundation
import PostgresClient

/// Who a case starts with, added when its arrival completes (and, for cases planned before
/// participants existed, by the deadline watch's backfill).
struct ArrivalParticipants: Sendable {
  let cases: CaseStore
  let participants: ParticipantStore

  /// The case's first participants: the victim (their details as referred, or none, and
  /// the safe-contact rules the referral gave: unknown counts as unsafe; an interpreter
  /// needed when their language is not English, see ``InterpreterNeed``), and each bereaved
  /// family member (not known to be safe until a case worker says so).
  func add(for arrived: ArrivedCase, at now: Date, in session: PostgresSession) throws {
    let safe = arrived.victimSafeToContact == true
    let victim = arrived.victim
    try participants.add(
      CaseParticipant(
        participantId: ParticipantStore.victimId(caseId: arrived.caseId), role: .victim,
        safeToWrite: safe, safeToCall: safe, preferredChannel: arrived.victimPreferredContact,
        language: arrived.victimLanguage,
        interpreterNeeded: InterpreterNeed.derived(language: arrived.victimLanguage), addedAt: now,
        addedBy: VictimContactService.name,
        contact: victim.map {
          .init(name: $0.name, email: $0.email, phone: $0.phone, address: $0.address)
        }), caseId: arrived.caseId, in: session)
    for (index, member) in try cases.family(of: arrived.caseId, in: session).enumerated() {
      try participants.add(
        CaseParticipant(
          participantId: "\(arrived.caseId).family-\(index + 1)", role: .bereavedFamilyMember,
          safeToWrite: false, safeToCall: false, preferredChannel: nil, language: nil,
          interpreterNeeded: false, addedAt: now, addedBy: VictimContactService.name,
          contact: .init(
            name: member.name, email: member.email, phone: member.phone, address: member.address)),
        caseId: arrived.caseId, in: session)
    }
  }
}
