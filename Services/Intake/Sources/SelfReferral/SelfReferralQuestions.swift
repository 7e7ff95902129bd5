/// The questions of the self-referral form, in plain English, grouped into the sections the
/// page shows. Which questions are asked depends on who is referring: a victim or bereaved
/// family member is asked how to contact them safely; an offender is asked about the person
/// they harmed, never for that person's contact details.
enum SelfReferralQuestions {
  /// One question on the page.
  struct Question: Sendable {
    enum Kind: Sendable {
      case text(type: String, autocomplete: String?, width: String)
      case textarea
      case date
      case radios([Option])
      case select([Option])
      case checkbox(label: String)
    }

    var name: String
    var label: String
    var hint: String?
    var kind: Kind
    var optional = false
  }

  /// A choice of a radio group or a select.
  struct Option: Sendable {
    var value: String
    var label: String
    var hint: String? = nil
  }

  /// A section of the page.
  struct Section: Sendable {
    var heading: String
    var questions: [Question]
  }

  /// Who is referring: the first page's only question.
  static let role = Question(
    name: "role", label: "Who are you?",
    hint: "Restorative justice brings together people harmed by crime and those responsible.",
    kind: .radios([
      Option(value: "victim", label: "I was harmed by a crime"),
      Option(
        value: "bereaved", label: "A member of my family died because of a crime",
        hint: "For example, after a death caused by dangerous driving"),
      Option(
        value: "offender", label: "I harmed someone and want to put things right",
        hint: "You may be in prison, on probation or have finished a sentence"),
    ]))

  /// The kinds of crime a person can choose from (`offence.category` values; the sensitive
  /// ones are those facilitator-matching's `RJHUB_SENSITIVE_OFFENCE_CATEGORIES` names).
  static let offenceCategories = [
    Option(value: "violence", label: "Violence or assault"),
    Option(value: "burglary", label: "Burglary"), Option(value: "robbery", label: "Robbery"),
    Option(value: "theft", label: "Theft"),
    Option(value: "criminal-damage", label: "Damage to property"),
    Option(value: "domestic-abuse", label: "Domestic abuse"),
    Option(value: "sexual-offence", label: "Sexual offence"),
    Option(value: "stalking", label: "Stalking or harassment"),
    Option(value: "hate-crime", label: "Hate crime"), Option(value: "fraud", label: "Fraud"),
    Option(value: "road-traffic", label: "Road traffic offence"),
    Option(value: "child-exploitation", label: "Exploitation of a child"),
    Option(value: "death-by-crime", label: "A crime that caused a death"),
    Option(value: "other", label: "Something else"),
  ]

  /// The languages offered (BCP 47 tags), English first.
  static let languages = [
    Option(value: "en-GB", label: "English"), Option(value: "cy", label: "Welsh (Cymraeg)"),
    Option(value: "pl", label: "Polish (Polski)"), Option(value: "ro", label: "Romanian (Română)"),
    Option(value: "lt", label: "Lithuanian (Lietuvių)"),
    Option(value: "pt", label: "Portuguese (Português)"), Option(value: "ur", label: "Urdu"),
    Option(value: "pa", label: "Punjabi"), Option(value: "bn", label: "Bengali"),
    Option(value: "ar", label: "Arabic"), Option(value: "bfi", label: "British Sign Language"),
  ]

  static let yesNo = [Option(value: "yes", label: "Yes"), Option(value: "no", label: "No")]

  /// The sections of the details page for `role`, with the areas the hub serves (value and
  /// name).
  static func sections(role: SelfReferralAnswers.Role, areas: [Option]) -> [Section] {
    let isOffender = role == .offender
    var contact = [
      Question(
        name: "email", label: "Email address", hint: "We will only use this to contact you",
        kind: .text(type: "email", autocomplete: "email", width: "govuk-!-width-two-thirds"),
        optional: true),
      Question(
        name: "phone", label: "Telephone number",
        hint: "For international numbers include the country code",
        kind: .text(type: "tel", autocomplete: "tel", width: "govuk-input--width-20"),
        optional: true),
    ]
    if !isOffender {
      contact += [
        Question(name: "address", label: "Address", kind: .textarea, optional: true),
        Question(
          name: "preferredContact", label: "How would you like us to contact you?",
          kind: .radios([
            Option(value: "email", label: "By email"), Option(value: "phone", label: "By phone"),
            Option(value: "letter", label: "By letter"),
          ]), optional: true),
        Question(
          name: "safeToContact", label: "Is it safe for us to contact you using these details?",
          hint: "Select no if someone else might see or hear our messages",
          kind: .radios(yesNo)),
        Question(
          name: "language", label: "Which language would you like us to use?",
          kind: .select(languages), optional: true),
      ]
    }
    var sections = [
      Section(
        heading: "About you",
        questions: [
          Question(
            name: "fullName", label: "Full name",
            kind: .text(type: "text", autocomplete: "name", width: "govuk-!-width-two-thirds")),
          Question(
            name: "dob", label: "Date of birth", hint: "For example, 27 3 1985", kind: .date),
        ]),
      Section(heading: "How we can contact you", questions: contact),
      Section(
        heading: "About the crime",
        questions: [
          Question(
            name: "area", label: "Which police force area did it happen in?",
            kind: .select(areas)),
          Question(
            name: "offenceCategory", label: "What kind of crime was it?",
            kind: .select(offenceCategories)),
          Question(
            name: "occurred", label: "When did it happen?",
            hint: "For example, 5 11 2025. Leave this blank if you are not sure", kind: .date,
            optional: true),
          Question(
            name: "reportedToPolice", label: "Was it reported to the police?",
            kind: .radios(yesNo)),
          Question(
            name: "crimeReference", label: "Crime reference number",
            hint: "If the police gave you one",
            kind: .text(type: "text", autocomplete: nil, width: "govuk-input--width-20"),
            optional: true),
          Question(
            name: "postcode", label: "Postcode where it happened", hint: "If you know it",
            kind: .text(type: "text", autocomplete: nil, width: "govuk-input--width-10"),
            optional: true),
          Question(
            name: "whatHappened", label: "What happened?",
            hint: "Tell us as much or as little as you want to", kind: .textarea, optional: true),
        ]),
    ]
    if isOffender {
      sections.append(
        Section(
          heading: "The person you harmed",
          questions: [
            Question(
              name: "victimName", label: "Their name",
              hint: "Leave this blank if you do not know it",
              kind: .text(type: "text", autocomplete: "off", width: "govuk-!-width-two-thirds"),
              optional: true),
            Question(
              name: "victimAware",
              label: "Do they know you want to take part in restorative justice?",
              hint: "We will never contact them without checking it is safe",
              kind: .radios(yesNo + [Option(value: "not-sure", label: "I am not sure")])),
          ]))
    }
    sections.append(
      Section(
        heading: "Anything else",
        questions: [
          Question(
            name: "notes", label: "Is there anything else we should know?",
            hint: "For example, support you need, or times it is not safe to call",
            kind: .textarea, optional: true),
          Question(
            name: "consent", label: "Your agreement",
            hint:
              "We keep your details securely and only share them with the people working on your case.",
            kind: .checkbox(label: "I agree to the restorative justice hub using my details")),
        ]))
    return sections
  }
}
