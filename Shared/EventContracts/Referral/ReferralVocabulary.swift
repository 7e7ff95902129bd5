/// Who made a referral: the source types the commissioners' reports count referrals by.
public enum ReferrerType: String, Codable, Sendable, CaseIterable {
  /// A police force (officer, department or record system).
  case police
  /// A victim care hub.
  case victimHub = "victim-hub"
  /// A partner agency (probation, youth justice, housing, health…).
  case agency
  /// The victim or offender referring themselves.
  case selfReferral = "self"
}

/// Which party asked for restorative justice first.
public enum InitiatedBy: String, Codable, Sendable, CaseIterable {
  /// The victim (or a bereaved family member) asked first.
  case victim
  /// The offender asked first.
  case offender
}

/// How a victim prefers to be contacted; the hub must respect it (safe contact).
public enum PreferredContact: String, Codable, Sendable, CaseIterable {
  /// By email.
  case email
  /// By telephone.
  case phone
  /// By letter.
  case letter
}

/// What makes a case sensitive, so that only facilitators trained for it are matched and a
/// supervisor signs its assessment off (`sensitivity` of a referral).
public enum SensitivityFlag: String, Codable, Sendable, CaseIterable {
  case domesticAbuse = "domestic-abuse"
  case sexualViolence = "sexual-violence"
  case stalking
  case hateCrime = "hate-crime"
  case childExploitation = "child-exploitation"
  case deathCausedByCrime = "death-caused-by-crime"
}
