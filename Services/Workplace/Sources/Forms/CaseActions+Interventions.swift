/// Interventions (preparation meetings, conferences, indirect communication), the outcome
/// agreements made at them, and the participants' surveys.
extension CaseActions {
  /// `POST /cases/{caseId}/interventions`: only once the case is in preparation or later.
  static let intervention = ActionForm(
    id: "intervention", title: "Plan an intervention or preparation meeting",
    button: "Plan intervention", done: "Intervention planned",
    path: "/cases/{caseId}/interventions",
    fields: [
      FormField(
        placement: .body("/kind"), label: "Kind",
        kind: .choice(
          [
            "preparation-meeting", "conference", "shuttle-communication", "letter-exchange",
            "recorded-message",
          ].map { Choice($0) })),
      FormField(placement: .body("/plannedFor"), label: "When", kind: .dateTime),
      FormField(
        placement: .body("/attendees"), label: "Attendees", kind: .severalRecords(.participants),
        hint: "Each with consent standing; one for a preparation meeting."),
      FormField(
        placement: .body("/facilitators/0"), label: "Lead facilitator",
        kind: .caseRecord(.facilitators)),
      FormField(
        placement: .body("/facilitators/1"), label: "Second facilitator",
        kind: .caseRecord(.facilitators), optional: true),
      FormField(
        placement: .body("/place"), label: "Where", kind: .textarea,
        hint: "Needed for a conference.", optional: true),
    ])

  /// `POST /cases/{caseId}/interventions/{interventionId}/delivery`.
  static let interventionDelivery = ActionForm(
    id: "intervention-delivery", title: "Record an intervention as delivered",
    button: "Record delivery", done: "Intervention recorded as delivered",
    path: "/cases/{caseId}/interventions/{interventionId}/delivery",
    fields: [
      FormField(
        placement: .path("interventionId"), label: "Intervention",
        kind: .caseRecord(.plannedInterventions)),
      FormField(placement: .body("/reason"), label: "Note", kind: .textarea, optional: true),
    ])

  /// `POST /cases/{caseId}/interventions/{interventionId}/cancellation`.
  static let interventionCancellation = ActionForm(
    id: "intervention-cancellation", title: "Cancel an intervention", button: "Cancel intervention",
    done: "Intervention cancelled",
    path: "/cases/{caseId}/interventions/{interventionId}/cancellation",
    fields: [
      FormField(
        placement: .path("interventionId"), label: "Intervention",
        kind: .caseRecord(.plannedInterventions)),
      FormField(placement: .body("/reason"), label: "Why", kind: .textarea, optional: true),
    ])

  /// How many items the agreement form offers (the API takes up to 20).
  static let agreementRows = 3

  /// `POST /cases/{caseId}/outcome-agreements`: after an intervention was delivered; up to
  /// ``agreementRows`` items, `/items/0/…` on.
  static let outcomeAgreement = ActionForm(
    id: "outcome-agreement", title: "Record an outcome agreement", button: "Record agreement",
    done: "Outcome agreement recorded", path: "/cases/{caseId}/outcome-agreements",
    fields: [FormField(placement: .body("/madeOn"), label: "Made on", kind: .date)]
      + (0..<agreementRows).flatMap(agreementItemFields),
    hint: "Fill the items in order; leave the ones not needed blank.")

  /// The fields of agreement item `index` (the first is required).
  static func agreementItemFields(_ index: Int) -> [FormField] {
    let item = "Item \(index + 1)"
    let optional = index > 0
    return [
      FormField(
        placement: .body("/items/\(index)/kind"), label: "\(item): kind",
        kind: .choice(["apology", "reparation", "agreed-behaviour", "other"].map { Choice($0) }),
        optional: optional),
      FormField(
        placement: .body("/items/\(index)/description"), label: "\(item): what was agreed",
        kind: .textarea, optional: optional),
      FormField(
        placement: .body("/items/\(index)/responsible"), label: "\(item): who does it",
        kind: .caseRecord(.participants), optional: optional),
      FormField(
        placement: .body("/items/\(index)/dueOn"), label: "\(item): due on", kind: .date,
        optional: optional),
    ]
  }

  /// `POST /cases/{caseId}/outcome-agreements/{agreementId}/items/{itemId}`: the item is one
  /// choice whose value is `agreementId/items/itemId`.
  static let agreementItem = ActionForm(
    id: "agreement-item", title: "Settle an agreement item", button: "Settle item",
    done: "Agreement item settled", path: "/cases/{caseId}/outcome-agreements/{agreementItem}",
    fields: [
      FormField(
        placement: .path("agreementItem"), label: "Item", kind: .caseRecord(.agreementItems)),
      FormField(
        placement: .body("/status"), label: "Was it done",
        kind: .choice([Choice("done", "Done"), Choice("not-done", "Not done")])),
    ])

  /// The distance-travelled measures (`DistanceMeasures`), each scored 1 to 5.
  static let distanceMeasures = [
    "health-and-wellbeing", "coping-with-everyday-life", "feeling-safe", "informed-and-empowered",
  ]

  /// `POST /cases/{caseId}/surveys`.
  static let survey = ActionForm(
    id: "survey", title: "Record survey answers", button: "Record survey", done: "Survey recorded",
    path: "/cases/{caseId}/surveys",
    fields: [
      FormField(
        placement: .body("/participantId"), label: "Participant", kind: .caseRecord(.participants)),
      FormField(
        placement: .body("/kind"), label: "Survey",
        kind: .choice([Choice("distance-travelled"), Choice("satisfaction")])),
      FormField(
        placement: .body("/point"), label: "When",
        kind: .choice([
          Choice("start", "At the start"), Choice("end", "At the end"),
          Choice("six-months", "Six months after closure"),
        ])),
    ]
      + distanceMeasures.map {
        FormField(
          placement: .body("/measures/\($0)"), label: Words.of($0), kind: .number,
          hint: "Distance travelled: 1 (worst) to 5 (best).", optional: true)
      }
      + [
        FormField(
          placement: .body("/satisfaction"), label: "Satisfaction", kind: .number,
          hint: "Satisfaction: 1 very dissatisfied to 5 very satisfied.", optional: true),
        FormField(
          placement: .body("/testimonial"), label: "Testimonial", kind: .textarea, optional: true),
        FormField(
          placement: .body("/testimonialConsent"), label: "Consents to the testimonial's use",
          kind: .yesNo, optional: true),
      ])
}
