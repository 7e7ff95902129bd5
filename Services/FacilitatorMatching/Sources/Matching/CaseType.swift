import Foundation

/// The kinds of case that need facilitators trained for them. A register entry lists the
/// types its facilitator is trained for; a request's types come from its offence category (by
/// ``FacilitatorMatchingSettings/sensitiveOffenceCategories``), its sensitivity flags, a
/// bereaved family victim and a participant under 18. Types are slugs; these are the ones the
/// hub derives, and an operator may map further offence categories to types of their own.
public enum CaseType {
  /// Domestic abuse.
  public static let domesticAbuse = "domestic-abuse"
  /// Sexual offences and sexual violence.
  public static let sexualHarm = "sexual-harm"
  /// Hate crime.
  public static let hateCrime = "hate-crime"
  /// Stalking and harassment.
  public static let stalking = "stalking"
  /// Child sexual or criminal exploitation.
  public static let childExploitation = "child-exploitation"
  /// Families bereaved by crime.
  public static let bereavedFamily = "bereaved-family"
  /// A participant under 18.
  public static let youth = "youth"

  /// The types the hub knows, in the order the API documents them.
  public static let known = [
    domesticAbuse, sexualHarm, hateCrime, stalking, childExploitation, bereavedFamily, youth,
  ]

  /// The type each referral sensitivity flag means.
  static let bySensitivityFlag: [String: String] = [
    "domestic-abuse": domesticAbuse, "sexual-violence": sexualHarm, "stalking": stalking,
    "hate-crime": hateCrime, "child-exploitation": childExploitation,
    "death-caused-by-crime": bereavedFamily,
  ]

  /// Whether a case of `types` is higher-harm, so only an advanced practitioner leads it:
  /// every sensitive type is, except a youth case on its own.
  static func isHigherHarm(_ types: Set<String>) -> Bool {
    !types.subtracting([youth]).isEmpty
  }

  /// Whether `text` is shaped like a case-type slug.
  static func isValid(_ text: String) -> Bool {
    text.range(of: "^[a-z0-9]+(-[a-z0-9]+)*$", options: .regularExpression) != nil
  }
}
