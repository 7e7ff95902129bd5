/// Risk and suitability assessments and their sign-off.
extension CaseActions {
  /// `POST /cases/{caseId}/assessments`.
  static let assessment = ActionForm(
    id: "assessment", title: "Record a risk and suitability assessment",
    button: "Record assessment", done: "Assessment recorded", path: "/cases/{caseId}/assessments",
    fields: [
      FormField(
        placement: .body("/participantId"), label: "Participant assessed",
        kind: .caseRecord(.participants), hint: "They must have consent standing."),
      FormField(
        placement: .body("/riskFactors"), label: "Risk factors",
        kind: .several(
          [
            "history-of-violence", "ongoing-threat", "retaliation-risk", "substance-misuse",
            "mental-health", "ongoing-relationship", "safeguarding-concern", "coercive-control",
            "other",
          ].map { Choice($0) }), optional: true),
      FormField(
        placement: .body("/acknowledgesResponsibility"), label: "Acknowledges responsibility",
        kind: .yesNo, hint: "Needed for an offender.", optional: true),
      FormField(
        placement: .body("/needs"), label: "What they need to take part safely",
        kind: .several(
          [
            "interpreter", "accessibility", "emotional-support", "supporter-present",
            "specialist-support", "travel", "other",
          ].map { Choice($0) }), optional: true),
      FormField(
        placement: .body("/vulnerability"), label: "Vulnerability",
        kind: .choice(["none", "low", "moderate", "high"].map { Choice($0) })),
      FormField(
        placement: .body("/outcome"), label: "Outcome",
        kind: .choice(
          ["suitable", "suitable-with-conditions", "unsuitable"].map { Choice($0) })),
      FormField(
        placement: .body("/conditions"), label: "Conditions",
        kind: .several(
          ["indirect-only", "specialist-facilitator", "supporter-present", "supervised-setting"]
            .map { Choice($0) }),
        hint: "At least one, for suitable with conditions only.", optional: true),
      FormField(
        placement: .body("/unsuitableReason"), label: "Why unsuitable",
        kind: .choice(unsuitableReasons), hint: "For an unsuitable outcome only.", optional: true),
      FormField(placement: .body("/notes"), label: "Notes", kind: .textarea, optional: true),
    ])

  /// `POST /cases/{caseId}/assessments/{assessmentId}/sign-off` (no body): by someone other
  /// than the assessor; a sensitive case's by a supervisor (the service checks).
  static let assessmentSignOff = ActionForm(
    id: "assessment-sign-off", title: "Sign an assessment off", button: "Sign off",
    done: "Assessment signed off", path: "/cases/{caseId}/assessments/{assessmentId}/sign-off",
    fields: [
      FormField(
        placement: .path("assessmentId"), label: "Assessment",
        kind: .caseRecord(.assessmentsToSignOff))
    ],
    hint: "Not your own assessment. A sensitive case's assessment needs a supervisor.")
}
