import AccessControl

/// Every action the journey API offers on a case, as forms (`docs/openapi/victim-contact.yaml`
/// names each route's fields and codes; intake's `docs/openapi/intake.yaml` the transfer's).
/// The codes are the schemas' own, many of them `$ref`'d into `docs/events/*.schema.json`;
/// `CaseActionsTests` checks every pointer and code against them.
enum CaseActions {
  /// The actions in the order of the journey, as the case page shows them.
  static let all: [ActionForm] = [
    assignment,
    addParticipant, updateParticipant,
    contactAttempt,
    supportReferral, consent, consentWithdrawal,
    assessment, assessmentSignOff,
    intervention, interventionDelivery, interventionCancellation,
    outcomeAgreement, agreementItem,
    survey,
    task, taskClosure,
    stageChange,
    complaint, transfer,
  ]

  /// The action with `id`.
  static func named(_ id: String) -> ActionForm? { all.first { $0.id == id } }

  /// A participant's part in the case (`Participant`).
  static let participantRoles = ["victim", "offender", "bereaved-family-member", "supporter"]
    .map { Choice($0) }
  /// A contact channel (`PreferredContact`).
  static let channels = ["email", "phone", "letter"].map { Choice($0) }

  /// `POST /cases/{caseId}/assignment`: a supervisor assigns anyone, a case worker only
  /// themselves (the service checks).
  static let assignment = ActionForm(
    id: "assignment", title: "Assign the case", button: "Assign case", done: "Case assigned",
    path: "/cases/{caseId}/assignment",
    fields: [
      FormField(
        placement: .body("/caseWorker"), label: "Case worker", kind: .text,
        hint:
          "Their sign-in subject (such as cw-101), never a name. A case worker may assign the case only to themselves."
      )
    ])

  /// `POST /cases/{caseId}/contact-attempts`.
  static let contactAttempt = ActionForm(
    id: "contact-attempt", title: "Record a contact attempt", button: "Record contact attempt",
    done: "Contact attempt recorded", path: "/cases/{caseId}/contact-attempts",
    fields: [
      FormField(placement: .body("/participant"), label: "Who", kind: .choice(participantRoles)),
      FormField(
        placement: .body("/participantId"), label: "Which participant",
        kind: .caseRecord(.participants),
        hint: "When left out, the case's first participant in that part.", optional: true),
      FormField(placement: .body("/channel"), label: "How", kind: .choice(channels)),
      FormField(
        placement: .body("/outcome"), label: "Outcome",
        kind: .choice(
          ["no-answer", "left-message", "spoke-with", "agreed", "declined"].map { Choice($0) })),
      FormField(placement: .body("/notes"), label: "Notes", kind: .textarea, optional: true),
    ])

  /// Why a case was closed (`ClosureReason`), less `transferred-to-another-area`, which only
  /// intake's transfer records.
  static let closureReasons = [
    "direct-intervention-delivered", "indirect-intervention-delivered",
    "victim-declined-or-disengaged", "offender-declined-or-disengaged",
    "offender-not-identified-or-traced", "unsuitable", "other",
  ].map { Choice($0) }

  /// Why an assessment found the case unsuitable (`UnsuitableReason`).
  static let unsuitableReasons = [
    "risk-of-harm", "no-acknowledgement-of-responsibility", "participant-vulnerability",
    "ongoing-proceedings", "power-imbalance", "harmful-motivation", "other",
  ].map { Choice($0) }

  /// `POST /cases/{caseId}/stage`: advance, pause, resume, close or reopen.
  static let stageChange = ActionForm(
    id: "stage", title: "Move the case to another stage", button: "Move case",
    done: "Case moved", path: "/cases/{caseId}/stage",
    fields: [
      FormField(
        placement: .body("/stage"), label: "Stage",
        kind: .choice(
          [
            "referred", "initial-engagement", "risk-assessment", "preparation", "intervention",
            "outcome-monitoring", "follow-up", "closed", "paused",
          ].map { Choice($0) })),
      FormField(
        placement: .body("/closureReason"), label: "Closure reason", kind: .choice(closureReasons),
        hint: "Only when closing the case.", optional: true),
      FormField(
        placement: .body("/unsuitableReason"), label: "Why unsuitable",
        kind: .choice(unsuitableReasons), hint: "Only when closing as unsuitable.", optional: true),
      FormField(placement: .body("/reason"), label: "Why", kind: .textarea, optional: true),
    ])
}
