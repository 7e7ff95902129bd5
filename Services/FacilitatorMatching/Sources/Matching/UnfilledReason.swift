/// Why a request for facilitators could not be met, as the code `allocation.unfilled.v1`
/// carries. Checked in this order, so the code names the first requirement nobody met.
public enum UnfilledReason: String, Sendable, CaseIterable, Codable {
  /// No active facilitator able to lead (practitioner or senior) covers the case's area and
  /// district.
  case noFacilitatorInArea = "no-facilitator-in-area"
  /// The case is sensitive and no such facilitator in the area is trained for it.
  case noSensitiveTrained = "no-sensitive-trained"
  /// None of them speaks the participant's language.
  case noLanguageMatch = "no-language-match"
  /// Facilitators qualify, but each already has as many open allocations as their capacity.
  case noCapacity = "no-capacity"
}
