import EventContracts

/// An error shown on the self-referral form: in the error summary at the top, linked to the
/// field, and again beside the field, in the plain words of the GOV.UK Design System's error
/// messages rather than the API's developer-facing ones.
struct SelfReferralError: Sendable, Equatable {
  /// The form field it belongs to (its `id` for a single input, the first input's for a date
  /// or a group of radios).
  var field: String
  /// What to do, e.g. "Enter your full name".
  var message: String
  /// The referral error it came from, e.g. "/victim/dateOfBirth" and "date-in-future".
  var path: String
  var code: String
}

/// Turns the pipeline's referral errors (JSON pointers and codes) into form errors, one per
/// field, in the order the fields appear on the page.
enum SelfReferralErrors {
  /// The form field a referral path belongs to, for a person in `role`.
  static func field(of path: String, role: SelfReferralAnswers.Role?) -> String {
    switch path {
    case "/initiatedBy": return "role"
    case "/area": return "area"
    case "/victim/name": return role == .offender ? "victimName" : "fullName"
    case "/offender/name", "/referrer/name": return "fullName"
    case "/victim/dateOfBirth", "/offender/dateOfBirth": return "dob-day"
    case "/victim", "/victim/email", "/referrer/email": return "email"
    case "/victim/phone", "/referrer/phone": return "phone"
    case "/victim/address": return "address"
    case "/victim/preferredContact": return "preferredContact"
    case "/victim/safeToContact": return "safeToContact"
    case "/victim/language": return "language"
    case "/offence", "/offence/category": return "offenceCategory"
    case "/offence/occurredOn": return "occurred-day"
    case "/offence/reportedToPolice": return "reportedToPolice"
    case "/offence/crimeReference": return "crimeReference"
    case "/offence/description": return "whatHappened"
    case "/location/postcode": return "postcode"
    case "/victimConsideration", "/victimConsideration/victimAware": return "victimAware"
    case "/consentToShare": return "consent"
    case "/notes": return "notes"
    default: return "form"
    }
  }

  /// The order fields appear on the page, so the summary reads top to bottom.
  static let fieldOrder = [
    "role", "fullName", "dob-day", "email", "phone", "address", "preferredContact",
    "safeToContact", "language", "area", "offenceCategory", "occurred-day", "reportedToPolice",
    "crimeReference", "postcode", "whatHappened", "victimName", "victimAware", "notes", "consent",
    "form",
  ]

  /// What a field is called in a message ("Your full name is too long…").
  static let labels: [String: String] = [
    "fullName": "Your full name", "email": "Email address", "phone": "Telephone number",
    "address": "Address", "crimeReference": "Crime reference number", "postcode": "Postcode",
    "whatHappened": "What happened", "victimName": "Their name", "notes": "Anything else",
  ]

  /// The form errors for `errors`, at most one per field.
  static func formErrors(_ errors: [ReferralError], role: SelfReferralAnswers.Role?)
    -> [SelfReferralError]
  {
    var byField: [String: SelfReferralError] = [:]
    for error in errors {
      let field = field(of: error.path, role: role)
      if byField[field] != nil { continue }
      byField[field] = SelfReferralError(
        field: field, message: message(field: field, error: error), path: error.path,
        code: error.code)
    }
    return fieldOrder.compactMap { byField[$0] }
  }

  /// The plain-English message for `error` on `field`.
  static func message(field: String, error: ReferralError) -> String {
    let code = error.code
    switch (field, code) {
    case ("role", _): return "Select who you are"
    case ("fullName", ReferralError.Code.required): return "Enter your full name"
    case ("dob-day", ReferralError.Code.required): return "Enter your date of birth"
    case ("dob-day", ReferralError.Code.dateInFuture): return "Date of birth must be in the past"
    case ("dob-day", _): return "Date of birth must be a real date, like 27 3 1985"
    case ("email", ReferralError.Code.contactUnusable):
      return
        "Enter an email address, telephone number or address we can use, or select no if it is not safe to contact you"
    case ("email", ReferralError.Code.required):
      return "Enter your email address, or choose another way for us to contact you"
    case ("email", ReferralError.Code.invalidFormat):
      return "Enter an email address in the correct format, like name@example.com"
    case ("phone", ReferralError.Code.required):
      return "Enter your telephone number, or choose another way for us to contact you"
    case ("phone", ReferralError.Code.invalidFormat):
      return "Enter a telephone number, like 01632 960 001 or 07700 900 982"
    case ("address", ReferralError.Code.required):
      return "Enter your address, or choose another way for us to contact you"
    case ("preferredContact", _): return "Select how you would like us to contact you"
    case ("safeToContact", _):
      return "Select yes if it is safe for us to contact you using these details"
    case ("language", _): return "Select a language from the list"
    case ("area", _): return "Select the police force area where it happened"
    case ("offenceCategory", ReferralError.Code.required): return "Select what kind of crime it was"
    case ("occurred-day", ReferralError.Code.dateInFuture):
      return "The date it happened must be today or in the past"
    case ("occurred-day", _): return "The date it happened must be a real date, like 5 11 2025"
    case ("reportedToPolice", _): return "Select yes if the crime was reported to the police"
    case ("postcode", ReferralError.Code.invalidFormat):
      return "Enter a real postcode, like NR1 3QU"
    case ("victimAware", _):
      return "Select whether the person you harmed knows you want restorative justice"
    case ("consent", _): return "Confirm that you agree to us using your details"
    case (_, ReferralError.Code.tooLong):
      let limit = error.message.filter(\.isNumber)
      return "\(labels[field] ?? "This answer") must be \(limit) characters or fewer"
    case (_, ReferralError.Code.invalidFormat):
      return "\(labels[field] ?? "This answer") must not contain control characters"
    default:
      return "Something went wrong with this form. Please try again."
    }
  }
}
