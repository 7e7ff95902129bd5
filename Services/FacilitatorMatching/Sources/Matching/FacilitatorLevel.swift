/// A facilitator's RJ Council practitioner level. A foundation-level facilitator only
/// co-facilitates; practitioners and seniors may lead.
public enum FacilitatorLevel: String, Codable, Sendable, CaseIterable {
  /// Trained to co-facilitate under a practitioner; never leads.
  case foundation
  /// An accredited practitioner; may lead.
  case practitioner
  /// A senior (advanced) practitioner; may lead, including higher-harm cases.
  case senior

  /// Whether this level may lead a case.
  public var mayLead: Bool { self != .foundation }
}
