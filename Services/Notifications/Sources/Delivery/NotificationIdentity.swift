import EventContracts
import Foundation

/// What an outcome event needs to know of a notification: its ids, what it is for, and the
/// request it came from. A claimed notification has it, and so does a letter being handed
/// over (which no longer holds its recipient).
protocol NotificationIdentity: Sendable {
  var notificationId: String { get }
  var caseId: String? { get }
  var area: String { get }
  var purpose: NotificationPurpose { get }
  var channel: PreferredContact { get }
  /// The id of the request event that was stored.
  var requestEventId: UUID { get }
  var correlationId: UUID? { get }
}

extension ClaimedNotification: NotificationIdentity {}
