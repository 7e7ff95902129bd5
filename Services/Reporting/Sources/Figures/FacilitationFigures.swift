import EventContracts

/// Partnership engagement (PRODUCT figure 6): the offers made in the period to the agencies
/// facilitators belong to, and how each ended, per agency and for the area. Agencies by
/// name; never a facilitator.
public struct PartnershipFigures: Codable, Sendable, Equatable {
  /// Every agency offered a part in the period, together.
  public var all: AgencyFacilitation
  /// Keyed by agency: the agencies offered at least one part in the period.
  public var byAgency: [String: AgencyFacilitation]

  /// Builds the figures.
  public init(all: AgencyFacilitation, byAgency: [String: AgencyFacilitation]) {
    self.all = all
    self.byAgency = byAgency
  }
}

/// Offers made in the period to an agency (or to all), each in exactly one outcome:
/// `accepted + declined + noAnswer + withdrawn + awaitingAnswer == offered`.
public struct AgencyFacilitation: Codable, Sendable, Equatable {
  /// Offers made in the period.
  public var offered: Int
  /// Of those, accepted: under a standing agreement, or by an allocation naming the offer.
  public var accepted: Int
  /// Declined by the agency.
  public var declined: Int
  /// `declined` keyed by every `OfferDeclineReason` (a decline without a reason is `other`).
  public var declinedByReason: [String: Int]
  /// Lapsed with no answer in time.
  public var noAnswer: Int
  /// Withdrawn by a supervisor's override before they were answered.
  public var withdrawn: Int
  /// Not answered yet (no outcome has reached reporting).
  public var awaitingAnswer: Int
  /// `accepted ÷ offered`, rounded to three decimal places; nil (left out) with no offer.
  public var acceptanceRate: Double?

  /// Builds the figures, working out the acceptance rate.
  public init(
    offered: Int, accepted: Int, declined: Int, declinedByReason: [String: Int], noAnswer: Int,
    withdrawn: Int, awaitingAnswer: Int
  ) {
    self.offered = offered
    self.accepted = accepted
    self.declined = declined
    self.declinedByReason = declinedByReason
    self.noAnswer = noAnswer
    self.withdrawn = withdrawn
    self.awaitingAnswer = awaitingAnswer
    acceptanceRate =
      offered == 0 ? nil : (Double(accepted) / Double(offered) * 1000).rounded() / 1000
  }
}

/// The volunteer pool's health at the period's end (PRODUCT figure 12): counts only.
public struct VolunteerPoolFigures: Codable, Sendable, Equatable {
  /// Active community volunteers covering the area on the period's last day.
  public var activeVolunteers: Int
  /// How many an area is expected to keep (12).
  public var expectedActiveVolunteers: Int
  /// Conferences delivered in the twelve months to the period's end, counted once for each
  /// of those volunteers it credits.
  public var conferencesInTwelveMonths: Int
  /// `conferencesInTwelveMonths ÷ activeVolunteers`, to one decimal place; nil (left out)
  /// with no volunteer.
  public var conferencesPerVolunteer: Double?
  /// How many conferences a year a volunteer is expected to reach (5).
  public var expectedConferencesPerVolunteer: Int
  /// Volunteers with at least that many conferences in the twelve months.
  public var volunteersReachingExpectedConferences: Int
  /// Volunteers with fewer.
  public var volunteersBelowExpectedConferences: Int
  /// Active facilitators of every kind covering the area on the period's last day.
  public var activeFacilitators: Int
  /// How many languages they speak between them (primary subtags: "en-GB" is "en").
  public var languagesCovered: Int
  /// Those facilitators by language (primary subtag): how many speak each.
  public var facilitatorsByLanguage: [String: Int]
  /// Active volunteers whose vetting is valid on the last day but lapses within 30 days.
  public var vettingLapsingWithin30Days: Int
  /// Active volunteers whose supervision is in date on the last day but falls due within 30
  /// days.
  public var supervisionDueWithin30Days: Int
  /// Active volunteers whose vetting had already lapsed by the last day.
  public var vettingLapsed: Int
  /// Active volunteers whose supervision was already overdue on the last day.
  public var supervisionOverdue: Int

  /// Builds the figures, working out the mean.
  public init(
    activeVolunteers: Int, conferencesInTwelveMonths: Int,
    volunteersReachingExpectedConferences: Int, activeFacilitators: Int,
    facilitatorsByLanguage: [String: Int], vettingLapsingWithin30Days: Int,
    supervisionDueWithin30Days: Int, vettingLapsed: Int, supervisionOverdue: Int
  ) {
    self.activeVolunteers = activeVolunteers
    expectedActiveVolunteers = Self.expectedActiveVolunteers
    self.conferencesInTwelveMonths = conferencesInTwelveMonths
    conferencesPerVolunteer =
      activeVolunteers == 0
      ? nil : (Double(conferencesInTwelveMonths) / Double(activeVolunteers) * 10).rounded() / 10
    expectedConferencesPerVolunteer = Self.expectedConferencesPerVolunteer
    self.volunteersReachingExpectedConferences = volunteersReachingExpectedConferences
    volunteersBelowExpectedConferences = activeVolunteers - volunteersReachingExpectedConferences
    self.activeFacilitators = activeFacilitators
    languagesCovered = facilitatorsByLanguage.count
    self.facilitatorsByLanguage = facilitatorsByLanguage
    self.vettingLapsingWithin30Days = vettingLapsingWithin30Days
    self.supervisionDueWithin30Days = supervisionDueWithin30Days
    self.vettingLapsed = vettingLapsed
    self.supervisionOverdue = supervisionOverdue
  }

  /// Active volunteers an area is expected to keep (PRODUCT "Facilitators").
  public static let expectedActiveVolunteers = 12
  /// Conferences a year each volunteer is expected to reach.
  public static let expectedConferencesPerVolunteer = 5
  /// How many days after the period's end a lapse is looked for.
  public static let lapseWindowDays = 30
}
