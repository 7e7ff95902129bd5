import DurableMessaging
import EventContracts
import FacilitatorMatching
import Foundation
import Intake
import Notifications
import Reporting
import TestSupport
import Testing
import VictimContact

/// Every event the hub announces has someone to hear it, and the AsyncAPI document says who:
/// each service queue's bindings (made from its handlers' routes) are exactly the messages its
/// receive operation lists, and an event no service consumes is listed as announced for the
/// hub's own outside systems.
@Suite("event consumers")
struct EventConsumersTests {
  /// Every queue a service consumes.
  static let serviceQueues: [ServiceQueue] = [
    IntakeService.referralQueue, IntakeService.caseStageQueue, VictimContactService.caseQueue,
    FacilitatorMatchingService.requestQueue, NotificationsService.requestQueue,
    ReportingService.eventQueue,
  ]

  /// The AsyncAPI document's receive operations: the queue each names (`x-rjhub-queue`), its
  /// audience (`x-rjhub-audience`) and the routing keys of the messages it lists.
  struct ReceiveOperation: Decodable {
    var id: String
    var queue: String?
    var audience: String?
    var routingKeys: [String]
  }

  static let script =
    YAMLDocumentScript.prelude + #"""
      def resolve(node):
          while isinstance(node, dict) and "$ref" in node:
              target = doc
              for part in [p for p in node["$ref"].lstrip("#").split("/") if p]:
                  target = target[part]
              node = target
          return node

      json.dump([
          {"id": key, "queue": op.get("x-rjhub-queue"), "audience": op.get("x-rjhub-audience"),
           "routingKeys": [resolve(m)["name"] for m in op.get("messages", [])]}
          for key, op in doc["operations"].items() if op.get("action") == "receive"
      ], sys.stdout)
      """#

  func receiveOperations() throws -> [ReceiveOperation] {
    let output = try PythonTool.run(
      script: Self.script, arguments: [RepositoryPaths.docs("asyncapi.yaml").path], input: [])
    return try JSONDecoder().decode([ReceiveOperation].self, from: Data(output))
  }

  @Test("each service queue's receive operation lists exactly the events the queue binds")
  func receiveOperationsMatchBindings() throws {
    let operations = try receiveOperations()
    for queue in Self.serviceQueues {
      let documented = operations.filter { $0.queue == queue.name }
      #expect(documented.count == 1, "one receive operation names \(queue.name)")
      guard let operation = documented.first else { continue }
      #expect(
        Set(operation.routingKeys) == Set(queue.bindings.map(\.routingKey)),
        "\(operation.id) lists what \(queue.name) binds")
    }
    let named = Set(operations.compactMap(\.queue))
    #expect(named == Set(Self.serviceQueues.map(\.name)), "no operation names a missing queue")
  }

  @Test("every event is consumed by a service or announced for outside systems")
  func everyEventHasAConsumer() throws {
    let consumed = Set(Self.serviceQueues.flatMap { $0.bindings.map(\.routingKey) })
    let outside = try receiveOperations().filter { $0.audience == "outside" }
    #expect(outside.count == 1, "one operation announces events for outside systems")
    let announced = Set(outside.flatMap(\.routingKeys))
    for entry in EventCatalog.all {
      #expect(
        consumed.contains(entry.routingKey) || announced.contains(entry.routingKey),
        "\(entry.routingKey) is neither consumed nor announced for outside systems")
    }
    #expect(announced.isDisjoint(with: consumed), "announced-only events are not consumed")
  }

  @Test("a queue's bindings are its handlers' routes, each bound once")
  func bindingsAreDistinct() {
    for queue in Self.serviceQueues {
      let keys = queue.bindings.map(\.routingKey)
      #expect(Set(keys).count == keys.count, "\(queue.name) binds each routing key once")
    }
  }
}
