/// A facilitator's Restorative Justice Council practitioner level. A foundation-level
/// facilitator only ever co-facilitates; intermediate and advanced practitioners may lead, and
/// only advanced ones lead higher-harm (sensitive) cases.
public enum FacilitatorLevel: String, Codable, Sendable, CaseIterable {
  /// Foundation: trained to co-facilitate beside a practitioner; never leads.
  case foundation
  /// Intermediate: an accredited practitioner; leads cases that are not higher-harm.
  case intermediate
  /// Advanced: leads any case, higher-harm ones included.
  case advanced

  /// The level named `text`, accepting the register's earlier names ("practitioner" for
  /// intermediate, "senior" for advanced); nil for anything else.
  public init?(registerValue text: String) {
    switch text {
    case "practitioner": self = .intermediate
    case "senior": self = .advanced
    default: self.init(rawValue: text)
    }
  }

  /// Whether this level may lead a case.
  public var mayLead: Bool { self != .foundation }
}

/// What kind of facilitator someone is: the hub's own staff, police, another agency's staff, or
/// a community volunteer (whose pool's health the commissioners watch).
public enum FacilitatorKind: String, Codable, Sendable, CaseIterable {
  /// A restorative justice advisor employed by the service.
  case staffAdvisor = "staff-advisor"
  /// A police officer trained in restorative justice.
  case policeOfficer = "police-officer"
  /// Staff of a partner agency (probation, youth justice, victim support).
  case partnerAgencyStaff = "partner-agency-staff"
  /// A trained community volunteer.
  case communityVolunteer = "community-volunteer"
}
