import EventContracts
import Foundation

/// A case both of whose halves have arrived (`case.opened` and `case.contact-details`):
/// everything planning first contact needs, read back from the `cases` row.
struct ArrivedCase: Sendable, Equatable {
  /// The hub's case id.
  var caseId: String
  /// The police force area.
  var area: String
  /// The sender's reference of the referral.
  var referralId: String
  /// When intake received the referral; every deadline counts from its London day.
  var receivedAt: Date
  /// Whether the victim has enhanced rights (1 working day for RJ information, not 5).
  var enhancedRights: Bool
  /// Whether the victim may be contacted; nil (unknown) counts as not safe.
  var victimSafeToContact: Bool?
  /// The victim's preferred channel.
  var victimPreferredContact: PreferredContact?
  /// The victim's language (BCP 47).
  var victimLanguage: String?
  /// The victim's contact details, when the referral named a victim (personal data).
  var victim: CaseContactDetails.Person?
  /// The referrer's contact details (personal data).
  var referrer: CaseContactDetails.Person
  /// Who referred the case; nil for a row from before it was read.
  var referrerType: ReferrerType? = nil
  /// Who asked for restorative justice first.
  var initiatedBy: InitiatedBy? = nil

  /// Whether the referrer is the victim themself (a self-referral the victim started), so
  /// what goes to the referrer goes to the victim, in their language.
  var referrerIsVictim: Bool { referrerType == .selfReferral && initiatedBy == .victim }
}
