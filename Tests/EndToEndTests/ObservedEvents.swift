import AMQPClient
import EventContracts
import Foundation

/// What the observer queue has shown of one area's run: cases opened, notifications sent or
/// failed, facilitators allocated. Counts by envelope id, so a relay that republishes an
/// event after a crash (at least once) is seen once, while two different events for the same
/// notification would be counted twice.
struct ObservedEvents {
  let area: String
  private var seen: Set<UUID> = []
  /// Case ids from `case.opened`, with how many distinct events opened each.
  private(set) var opened: [String: Int] = [:]
  /// Notification ids from `notification.sent`, with how many distinct events sent each.
  private(set) var sent: [String: Int] = [:]
  /// Notification ids from `notification.failed`, with the reason.
  private(set) var failed: [String: String] = [:]
  /// Case ids with their `facilitator.allocated` allocation ids.
  private(set) var allocations: [String: Set<String>] = [:]
  /// Case ids with an `allocation.unfilled`, with the reason.
  private(set) var unfilled: [String: String] = [:]

  init(area: String) { self.area = area }

  /// Takes in one observed delivery; events of other areas are ignored.
  mutating func add(_ delivery: Delivery) throws {
    let header = try EventCoding.decodeHeader(delivery.body)
    guard header.area == area, seen.insert(header.id).inserted else { return }
    switch delivery.routingKey {
    case CaseOpened.routingKey:
      let event = try EventCoding.decode(CaseOpened.self, from: delivery.body)
      opened[event.data.caseId, default: 0] += 1
    case NotificationSent.routingKey:
      let event = try EventCoding.decode(NotificationSent.self, from: delivery.body)
      sent[event.data.notificationId, default: 0] += 1
    case NotificationFailed.routingKey:
      let event = try EventCoding.decode(NotificationFailed.self, from: delivery.body)
      failed[event.data.notificationId] = event.data.reason
    case FacilitatorAllocated.routingKey:
      let event = try EventCoding.decode(FacilitatorAllocated.self, from: delivery.body)
      allocations[event.data.caseId, default: []].insert(event.data.allocationId)
    case AllocationUnfilled.routingKey:
      let event = try EventCoding.decode(AllocationUnfilled.self, from: delivery.body)
      unfilled[event.data.caseId] = event.data.reason
    default:
      break
    }
  }

  /// How many notifications for `purpose` were sent, over all cases.
  func sentCount(_ purpose: NotificationPurpose) -> Int {
    sent.keys.filter { $0.hasSuffix("/\(purpose.rawValue)") }.count
  }
}
