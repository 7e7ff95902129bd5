/// Whether a participant needs an interpreter (or translated material) to take part, as far as
/// their recorded language says: the hub works in English, so a participant whose language is
/// another (its primary subtag is not `en`: `pl`, `cy-GB`, `ro`) needs one.
///
/// It is what victim-contact records when nobody has said otherwise — on the participants a
/// referral brings, and when a case worker records a language without saying whether an
/// interpreter is needed. A case worker's explicit answer always wins.
enum InterpreterNeed {
  /// Whether `language` (BCP 47) calls for an interpreter; false when no language is known.
  static func derived(language: String?) -> Bool {
    guard let primary = language?.split(separator: "-", maxSplits: 1).first else { return false }
    return primary.lowercased() != "en"
  }
}
