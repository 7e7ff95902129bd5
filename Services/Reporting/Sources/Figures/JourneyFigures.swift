import EventContracts

/// Cases closed in the period: by closure reason, the unsuitable ones by why, and for those
/// that left without an intervention, the stage they left from. A case counts once, by its
/// latest closure in the period (transfers count as transferred-to-another-area).
public struct ClosureFigures: Codable, Sendable, Equatable {
  /// Cases closed in the period.
  public var total: Int
  /// Keyed by every `ClosureReason`.
  public var byReason: [String: Int]
  /// Closures as unsuitable, keyed by every `UnsuitableReason`.
  public var unsuitableByReason: [String: Int]
  /// Closures without an intervention delivered (every reason but the two delivered ones and
  /// transfers), keyed by every `CaseStage`: the stage they were in when they closed.
  public var droppedOutAtStage: [String: Int]

  /// Builds the figures.
  public init(
    total: Int, byReason: [String: Int], unsuitableByReason: [String: Int],
    droppedOutAtStage: [String: Int]
  ) {
    self.total = total
    self.byReason = byReason
    self.unsuitableByReason = unsuitableByReason
    self.droppedOutAtStage = droppedOutAtStage
  }
}

/// Interventions delivered in the period, and how long cases took to get there.
public struct InterventionFigures: Codable, Sendable, Equatable {
  /// Direct interventions (conferences) delivered in the period.
  public var directDelivered: Int
  /// Indirect interventions (shuttle, letters, recorded messages) delivered in the period.
  public var indirectDelivered: Int
  /// Preparation meetings held in the period.
  public var preparationMeetingsHeld: Int
  /// Cases whose first intervention was delivered in the period.
  public var casesCompleted: Int
  /// For those cases, calendar days from the referral's receipt to that delivery (London
  /// dates): the median, nil when there are none.
  public var medianDaysToCompletion: Int?
  /// The 90th percentile of the same days (nearest rank), nil when there are none.
  public var p90DaysToCompletion: Int?
  /// The same in working days on the area's calendar (those after receipt up to and
  /// including the delivery day): the median, nil when there are none.
  public var medianWorkingDaysToCompletion: Int?
  /// The 90th percentile of the working days, nil when there are none.
  public var p90WorkingDaysToCompletion: Int?

  /// Builds the figures.
  public init(
    directDelivered: Int, indirectDelivered: Int, preparationMeetingsHeld: Int, casesCompleted: Int,
    medianDaysToCompletion: Int?, p90DaysToCompletion: Int?, medianWorkingDaysToCompletion: Int?,
    p90WorkingDaysToCompletion: Int?
  ) {
    self.directDelivered = directDelivered
    self.indirectDelivered = indirectDelivered
    self.preparationMeetingsHeld = preparationMeetingsHeld
    self.casesCompleted = casesCompleted
    self.medianDaysToCompletion = medianDaysToCompletion
    self.p90DaysToCompletion = p90DaysToCompletion
    self.medianWorkingDaysToCompletion = medianWorkingDaysToCompletion
    self.p90WorkingDaysToCompletion = p90WorkingDaysToCompletion
  }
}

/// Distance travelled on one measure: victims whose later survey was answered in the period
/// and who answered the start survey, by the change from start.
public struct MeasureChange: Codable, Sendable, Equatable {
  /// Later score above the start score.
  public var improvement: Int
  /// The same score.
  public var noChange: Int
  /// Later score below the start score.
  public var deterioration: Int

  /// Builds the figures.
  public init(improvement: Int, noChange: Int, deterioration: Int) {
    self.improvement = improvement
    self.noChange = noChange
    self.deterioration = deterioration
  }
}

/// Distance travelled, at the end and six months after closure, keyed by every
/// `DistanceMeasure`.
public struct DistanceTravelledFigures: Codable, Sendable, Equatable {
  /// End survey against start survey.
  public var atEnd: [String: MeasureChange]
  /// Six-month survey against start survey.
  public var atSixMonths: [String: MeasureChange]

  /// Builds the figures.
  public init(atEnd: [String: MeasureChange], atSixMonths: [String: MeasureChange]) {
    self.atEnd = atEnd
    self.atSixMonths = atSixMonths
  }
}

/// Satisfaction surveys answered in the period: victims (bereaved family members included)
/// and offenders apart.
public struct SatisfactionFigures: Codable, Sendable, Equatable {
  /// Victims who answered.
  public var victimsAnswered: Int
  /// Of them, satisfied or very satisfied (4 or 5).
  public var victimsSatisfied: Int
  /// Offenders who answered.
  public var offendersAnswered: Int
  /// Of them, satisfied or very satisfied.
  public var offendersSatisfied: Int
  /// Surveys answered in the period with a testimonial consented for use.
  public var testimonialsConsented: Int

  /// Builds the figures.
  public init(
    victimsAnswered: Int, victimsSatisfied: Int, offendersAnswered: Int, offendersSatisfied: Int,
    testimonialsConsented: Int
  ) {
    self.victimsAnswered = victimsAnswered
    self.victimsSatisfied = victimsSatisfied
    self.offendersAnswered = offendersAnswered
    self.offendersSatisfied = offendersSatisfied
    self.testimonialsConsented = testimonialsConsented
  }
}

/// Complaints about the area's cases or service.
public struct ComplaintFigures: Codable, Sendable, Equatable {
  /// Received in the period.
  public var received: Int
  /// Answered in the period.
  public var responded: Int
  /// Of those answered, answered by their response date (28 days).
  public var respondedInTime: Int
  /// Not answered and past their response date, as of the day the figures were worked out.
  public var overdue: Int

  /// Builds the figures.
  public init(received: Int, responded: Int, respondedInTime: Int, overdue: Int) {
    self.received = received
    self.responded = responded
    self.respondedInTime = respondedInTime
    self.overdue = overdue
  }
}

/// The journey's figures (issue 6) as `GET /figures` returns them under `journey`.
public struct JourneyFigures: Codable, Sendable, Equatable {
  /// Cases closed in the period.
  public var closures: ClosureFigures
  /// Interventions delivered in the period.
  public var interventions: InterventionFigures
  /// Consent withdrawals in the period, keyed by every `Participant`.
  public var consentWithdrawals: [String: Int]
  /// Distance travelled by victims, at the end and six months on.
  public var distanceTravelled: DistanceTravelledFigures
  /// Satisfaction of victims and offenders, and testimonials.
  public var satisfaction: SatisfactionFigures
  /// Complaints received and answered.
  public var complaints: ComplaintFigures

  /// Builds the figures.
  public init(
    closures: ClosureFigures, interventions: InterventionFigures, consentWithdrawals: [String: Int],
    distanceTravelled: DistanceTravelledFigures, satisfaction: SatisfactionFigures,
    complaints: ComplaintFigures
  ) {
    self.closures = closures
    self.interventions = interventions
    self.consentWithdrawals = consentWithdrawals
    self.distanceTravelled = distanceTravelled
    self.satisfaction = satisfaction
    self.complaints = complaints
  }
}
