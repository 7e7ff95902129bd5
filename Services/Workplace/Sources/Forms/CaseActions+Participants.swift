/// The participants of a case: adding them with their safe-contact rules, changing those,
/// their consent (and its withdrawal) and referrals for support.
extension CaseActions {
  /// `POST /cases/{caseId}/participants`.
  static let addParticipant = ActionForm(
    id: "participant", title: "Add a participant", button: "Add participant",
    done: "Participant added", path: "/cases/{caseId}/participants",
    fields: [
      FormField(
        placement: .body("/role"), label: "Part in the case", kind: .choice(participantRoles)),
      FormField(
        placement: .body("/supports"), label: "Whom they support",
        kind: .caseRecord(.participants), hint: "Needed for a supporter.", optional: true),
    ] + participantDetails)

  /// `PUT /cases/{caseId}/participants/{participantId}`: replaces every changeable field.
  static let updateParticipant = ActionForm(
    id: "participant-update", title: "Change a participant's contact rules and details",
    button: "Save participant", done: "Participant changed", method: .put,
    path: "/cases/{caseId}/participants/{participantId}",
    fields: [
      FormField(
        placement: .path("participantId"), label: "Participant", kind: .caseRecord(.participants))
    ] + participantDetails,
    hint:
      "Every field is replaced: one left blank goes back to no, or is removed. Give them all again."
  )

  /// A participant's changeable fields (`ParticipantDetails`).
  static let participantDetails: [FormField] = [
    FormField(placement: .body("/contact/name"), label: "Name", kind: .text, optional: true),
    FormField(placement: .body("/contact/email"), label: "Email", kind: .text, optional: true),
    FormField(placement: .body("/contact/phone"), label: "Phone", kind: .text, optional: true),
    FormField(
      placement: .body("/contact/address"), label: "Postal address", kind: .textarea, optional: true
    ),
    FormField(
      placement: .body("/safeToWrite"), label: "Safe to write to", kind: .yesNo,
      hint: "No for a shared or unsafe address. No when left blank.", optional: true),
    FormField(
      placement: .body("/safeToCall"), label: "Safe to call", kind: .yesNo,
      hint: "No without a safe number. No when left blank.", optional: true),
    FormField(
      placement: .body("/preferredChannel"), label: "Preferred channel", kind: .choice(channels),
      optional: true),
    FormField(
      placement: .body("/language"), label: "Language", kind: .text,
      hint: "A language tag, such as en-GB or cy-GB.", optional: true),
    FormField(
      placement: .body("/interpreterNeeded"), label: "Interpreter needed", kind: .yesNo,
      hint: "When left blank, yes exactly when the language is not English.", optional: true),
  ]

  /// What a participant is told before consenting (`ConsentInformation`).
  static let consentInformation = [
    Choice("what-rj-is", "What restorative justice is"),
    Choice("voluntary", "That it is voluntary"),
    Choice("right-to-withdraw", "That they may withdraw at any time"),
    Choice("risks-and-benefits", "Its risks and benefits"),
    Choice("use-of-information", "How their information is used"),
    Choice("what-happens-next", "What happens next"),
  ]

  /// `POST /cases/{caseId}/participants/{participantId}/consents`.
  static let consent = ActionForm(
    id: "consent", title: "Record informed consent", button: "Record consent",
    done: "Consent recorded", path: "/cases/{caseId}/participants/{participantId}/consents",
    fields: [
      FormField(
        placement: .path("participantId"), label: "Participant", kind: .caseRecord(.participants)),
      FormField(
        placement: .body("/informationGiven"), label: "What they were told",
        kind: .several(consentInformation),
        hint:
          "At least what restorative justice is, that it is voluntary and that they may withdraw."),
      FormField(placement: .body("/informedAt"), label: "When they were told", kind: .dateTime),
      FormField(
        placement: .body("/evidence"), label: "Written evidence",
        kind: .choice(["signed-form", "email", "letter"].map { Choice($0) })),
      FormField(
        placement: .body("/evidenceReference"), label: "Where the evidence is kept", kind: .text),
      FormField(
        placement: .body("/givenAt"), label: "When they consented", kind: .dateTime,
        hint: "Not before they were told, not in the future."),
    ])

  /// `POST /cases/{caseId}/participants/{participantId}/consent-withdrawal`.
  static let consentWithdrawal = ActionForm(
    id: "consent-withdrawal", title: "Withdraw a participant's consent", button: "Withdraw consent",
    done: "Consent withdrawn",
    path: "/cases/{caseId}/participants/{participantId}/consent-withdrawal",
    fields: [
      FormField(
        placement: .path("participantId"), label: "Participant", kind: .caseRecord(.participants)),
      FormField(
        placement: .body("/note"), label: "What they said", kind: .textarea, optional: true),
    ],
    hint: "At once: every intervention they were to attend is cancelled.")

  /// `POST /cases/{caseId}/participants/{participantId}/support-referrals`.
  static let supportReferral = ActionForm(
    id: "support-referral", title: "Refer a participant for support", button: "Refer for support",
    done: "Support referral recorded",
    path: "/cases/{caseId}/participants/{participantId}/support-referrals",
    fields: [
      FormField(
        placement: .path("participantId"), label: "Participant", kind: .caseRecord(.participants)),
      FormField(
        placement: .body("/organisation"), label: "Referred to",
        kind: .choice(
          ["victim-support", "specialist-service", "mental-health", "other"].map { Choice($0) })),
      FormField(placement: .body("/reason"), label: "Why", kind: .textarea, optional: true),
    ])
}
