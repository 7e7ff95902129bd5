import EventContracts

/// The English wording of every notification, as mustache templates (plain text: nothing is
/// HTML-escaped). Values come from the request (`caseId`, `referralId`, `area`, `role`, ...)
/// and `recipientName`; a section such as `{{#referralId}}...{{/referralId}}`
/// is left out when the value is missing. Written to be read by anyone: short sentences, no
/// jargon, no pressure on a victim.
enum EnglishTemplates {
  /// The subject and body source of `purpose`.
  static func source(for purpose: NotificationPurpose) -> (subject: String, body: String) {
    switch purpose {
    case .referrerAcknowledgement: return (referrerSubject, referrerBody)
    case .victimRJInformation: return (victimSubject, victimBody)
    case .facilitatorAllocation: return (facilitatorSubject, facilitatorBody)
    case .taskOverdue: return (overdueSubject, overdueBody)
    case .followUpSurvey: return (followUpSubject, followUpBody)
    }
  }

  static let overdueSubject = "Overdue task on RJ Hub case {{caseId}}"

  static let overdueBody = """
    \(greeting)

    A task on case {{caseId}} was due on {{dueOn}} and is still open \
    (task {{taskId}}{{#taskKind}}, {{taskKind}}{{/taskKind}}).

    Please check the case in RJ Hub and make sure someone takes it on today.

    \(signature)
    """

  static let followUpSubject = "How are things six months on?"

  static let followUpBody = """
    \(greeting)

    Six months ago we closed your restorative justice case ({{caseId}}). We would like to \
    know how things are for you now, so that we can learn what helps people most.

    A case worker will be glad to go through four short questions with you, about your \
    health and wellbeing, coping with everyday life, feeling safe, and feeling informed. \
    Answering is entirely your choice, and you can tell us you would rather not be asked.

    To answer, or if you would like to talk to us, please get in touch and quote your case \
    number {{caseId}}.

    \(signature)
    """

  static let greeting = """
    {{#recipientName}}Dear {{recipientName}},{{/recipientName}}{{^recipientName}}Hello,{{/recipientName}}
    """

  static let signature = """
    With best wishes,
    The RJ Hub restorative justice service
    """

  static let referrerSubject = "Referral received - RJ Hub case {{caseId}}"

  static let referrerBody = """
    \(greeting)

    Thank you for your referral{{#referralId}} (your reference {{referralId}}){{/referralId}}. \
    We have received it and opened restorative justice case {{caseId}}\
    {{#area}} for the {{area}} area{{/area}}.

    A case worker will now contact the people involved to offer them restorative justice. \
    You do not need to do anything else. If you learn something we should know about this \
    referral, such as a change to a person's safety or contact details, please get in touch \
    and quote case {{caseId}}.

    \(signature)
    """

  static let victimSubject = "Information about restorative justice"

  static let victimBody = """
    \(greeting)

    We are writing because, as someone affected by a crime, you have the right to \
    information about restorative justice.

    Restorative justice gives people harmed by a crime the chance to communicate with the \
    person responsible, if they want to. This can be a meeting with trained facilitators, \
    or messages and letters passed on by a facilitator. Many people find it helps them to be \
    heard, to get answers to their questions and to move on.

    Taking part is your choice. You can say no, and you can change your mind at any time, \
    even after agreeing. Nothing happens without your agreement, and a trained facilitator \
    always checks that it is safe before any contact takes place.

    A case worker will contact you to talk it through and answer your questions. You do not \
    need to reply to this message unless you want to. If you contact us, please quote \
    reference {{caseId}}.

    \(signature)
    """

  /// What the hub has done, and only that: the allocation is made (facilitator-matching
  /// allocates without asking), so the email asks for no answer. When agencies accept or
  /// decline offers (the facilitator-matching work), this wording changes with it.
  static let facilitatorSubject = "New case allocated to you - RJ Hub case {{caseId}}"

  static let facilitatorBody = """
    \(greeting)

    Restorative justice case {{caseId}}{{#area}} in the {{area}} area{{/area}} has been \
    allocated to you{{#role}} as {{role}} facilitator{{/role}}.

    The allocation is shown on the case in RJ Hub, where you can see it when you sign in. \
    The hub's case workers will be in touch to arrange the next steps with you.

    Do not contact any participant before the risk assessment has been completed and \
    recorded.

    \(signature)
    """
}
