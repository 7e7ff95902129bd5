import EventContracts
import Foundation
import HubAreas

/// The deadlines victim-contact schedules when a case arrives, counted in working days from
/// the day the referral was received in the area's local time (Europe/London).
///
/// - Acknowledge the referrer: 1 working day after receipt.
/// - Give the victim RJ information (Victims' Code): 5 working days after receipt, 1 for a
///   victim with enhanced rights.
public struct VictimsCodeDeadlines: Sendable {
  /// Working days to acknowledge a referral.
  public static let referrerAcknowledgementDays = 1
  /// Working days to give a victim RJ information.
  public static let victimInformationDays = 5
  /// Working days to give a victim with enhanced rights RJ information.
  public static let enhancedRightsInformationDays = 1

  /// The calendar of each area, deadlines being counted on the case's area's.
  public let calendars: @Sendable (String) -> WorkingDayCalendar

  /// Deadlines on `calendar` whatever the area (tests).
  public init(calendar: WorkingDayCalendar = .englandAndWales) {
    calendars = { _ in calendar }
  }

  /// Deadlines on each area's calendar in `directory` (England and Wales's for an area not
  /// described there).
  public init(directory: HubAreaDirectory) {
    calendars = { directory.calendar(for: $0) }
  }

  /// The calendar of `area`.
  public func calendar(for area: String) -> WorkingDayCalendar { calendars(area) }

  /// The last day to acknowledge a referral to `area` received at `receivedAt`.
  public func acknowledgeReferrer(receivedAt: Date, area: String) -> CalendarDate {
    calendar(for: area).adding(
      workingDays: Self.referrerAcknowledgementDays, to: LondonDay.of(receivedAt))
  }

  /// The last day to give the victim RJ information for a referral to `area` received at
  /// `receivedAt`.
  public func informVictim(receivedAt: Date, enhancedRights: Bool, area: String) -> CalendarDate {
    calendar(for: area).adding(
      workingDays: enhancedRights
        ? Self.enhancedRightsInformationDays : Self.victimInformationDays,
      to: LondonDay.of(receivedAt))
  }
}
