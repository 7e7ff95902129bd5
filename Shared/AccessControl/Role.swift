/// What a caller does in the hub, carried in the `roles` claim of their token. Every route
/// names the roles it admits; anything not admitted is refused (deny by default).
public enum Role: String, Codable, Sendable, CaseIterable {
  /// A police force, victims' hub or agency integration that submits referrals.
  case referrer
  /// Hub staff who contact participants and record outcomes.
  case caseWorker = "case-worker"
  /// Hub staff who oversee case workers and allocations.
  case supervisor
  /// A facilitator, who sees only the cases allocated to them.
  case facilitator
  /// A commissioner, who reads figures and no personal data.
  case commissioner
  /// Runs the hub: the facilitator register, configuration.
  case administrator
}
