import EventContracts
import Foundation

/// The body of `GET /cases/{caseId}`: where the case is in its journey and what is due.
/// `personalDetails` and contact notes are present only for case workers and supervisors.
struct CaseSummary: Encodable, Sendable {
  /// The hub's case id.
  var caseId: String
  /// The police force area.
  var area: String
  /// The sender's reference of the referral that opened the case.
  var referralId: String?
  /// The sending system.
  var sourceSystem: String?
  /// When intake received the referral.
  var receivedAt: Date?
  /// Who referred (source type).
  var referrerType: String?
  /// Which party asked first.
  var initiatedBy: String?
  /// The offence category.
  var offenceCategory: String?
  /// The district.
  var district: String?
  /// Whether the victim has enhanced rights.
  var enhancedRights: Bool?
  /// Whether the victim is a bereaved family member.
  var bereavedFamily: Bool?
  /// What makes the case sensitive (sensitivity flags), empty when nothing.
  var sensitivity: [String] = []
  /// The closed or transferred case of the same victim and crime this case follows: intake
  /// opened this one for a new referral instead of joining a case nobody works.
  var previousCaseId: String?
  /// How the victim may be contacted (no contact details).
  var victimContact: VictimContactPreferences
  /// The current stage.
  var stage: String
  /// How many stage changes the case has had.
  var stageSequence: Int
  /// When the case last changed stage.
  var stageChangedAt: Date?
  /// When first contact was planned (both halves of the case had arrived).
  var firstContactPlannedAt: Date?
  /// When the victim agreed to an initial conversation with a facilitator.
  var victimAgreedAt: Date?
  /// Tasks, earliest due first.
  var tasks: [Task] = []
  /// Notifications requested, oldest first.
  var notifications: [Notification] = []
  /// Contact attempts, oldest first.
  var contactAttempts: [ContactAttempt] = []
  /// Facilitator requests, oldest first.
  var facilitatorRequests: [FacilitatorRequest] = []
  /// Facilitators allocated.
  var facilitators: [Facilitator] = []
  /// Further referrals of the same victim and crime that intake linked to this case (each a
  /// source of the case, its referrer acknowledged), oldest first.
  var linkedReferrals: [LinkedReferral] = []
  /// The people's contact details as referred; only for case workers and supervisors. The
  /// journey's participants (``CaseJourneyView``) hold them as case workers keep them up to
  /// date, and are what contact and notifications after first contact use.
  var personalDetails: PersonalDetails?
  /// The journey's records and timeline.
  var journey: CaseJourneyView?

  /// The victim's contact preferences, which are not identifiers.
  struct VictimContactPreferences: Encodable, Sendable {
    /// Preferred channel.
    var preferredContact: String?
    /// Language (BCP 47).
    var language: String?
    /// Whether it is safe to contact them; absent means unknown, treated as not safe.
    var safeToContact: Bool?
  }

  /// One task.
  struct Task: Encodable, Sendable {
    var taskId: String
    var kind: String
    var dueOn: String
    var assignee: String
    var flag: String?
    var status: String
    var scheduledAt: Date
    var completedAt: Date?
  }

  /// One notification.
  struct Notification: Encodable, Sendable {
    var notificationId: String
    var purpose: String
    var channel: String
    var status: String
    var failureReason: String?
    var requestedAt: Date
    var settledAt: Date?
  }

  /// One contact attempt; `notes` only for case workers and supervisors.
  struct ContactAttempt: Encodable, Sendable {
    var attemptId: String
    var participant: String
    var channel: String
    var outcome: String
    var attemptedAt: Date
    var recordedBy: String
    var notes: String?
  }

  /// One request for facilitators.
  struct FacilitatorRequest: Encodable, Sendable {
    var requestId: String
    var status: String
    var unfilledReason: String?
    var requestedAt: Date?
    var decidedAt: Date?
  }

  /// One allocated facilitator (register id, not a name).
  struct Facilitator: Encodable, Sendable {
    var facilitatorId: String
    var role: String
    var agency: String
    var allocatedAt: Date
  }

  /// A further referral linked to the case (the referrer's organisation, not their name).
  struct LinkedReferral: Encodable, Sendable {
    var sourceSystem: String
    var referralId: String
    var referrerType: String
    var referrerOrganisation: String?
    /// `crime-reference` or `victim-identity`.
    var matchedBy: String
    var linkedAt: Date
    /// The acknowledgement sent to its referrer, when they gave an email address.
    var acknowledgementId: String?
  }

  /// Contact details of the victim and the referrer.
  struct PersonalDetails: Encodable, Sendable {
    var victim: Person?
    var referrer: Person?
    /// Bereaved family members taking part.
    var bereavedFamilyMembers: [Person] = []
  }

  /// One person's contact details.
  struct Person: Encodable, Sendable {
    var name: String?
    var email: String?
    var phone: String?
    var address: String?
    var organisation: String?
    /// A bereaved family member's relationship to the person who died.
    var relationship: String?
  }
}
