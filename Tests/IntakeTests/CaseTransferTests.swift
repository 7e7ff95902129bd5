import AMQPClient
import EventContracts
import Foundation
import Intake
import TestSupport
import Testing

/// Transferring a case to another area's hub (a victim who moved), on the built
/// `rjhub-intake`: within the deployment the receiving area opens its own case through the
/// same pipeline; to another hub the referral goes on `rj.transfers`, which that hub's intake
/// consumes like any referral; either way `case.transferred-out.v1` announces it, once.
@Suite("Area transfers", .serialized)
struct CaseTransferTests {
  /// Opens a Norfolk case over HTTP and returns its id.
  static func openCase(_ rig: ServiceAPIRig, run: String) async throws -> String {
    let agency = try await rig.token(
      subject: "athena", roles: [.referrer], areas: ["norfolk"], agency: ReferralAPITests.agency)
    let opened = try await rig.http(
      "POST", "/referrals", token: agency,
      body: ReferralAPITests.text(ReferralAPITests.referral("TRF-\(run)", run: run)))
    #expect(opened.status == 201)
    return try #require(try ServiceAPIRig.json(opened.body)["caseId"] as? String)
  }

  @Test("to an area this deployment serves: a new case there, the transfer announced once")
  func withinDeployment() async throws {
    try await ServiceAPIRig.with(
      service: "intake", observing: [CaseOpened.routingKey, CaseTransferredOut.routingKey]
    ) { rig in
      let run = String(UUID().uuidString.prefix(8))
      let caseId = try await Self.openCase(rig, run: run)
      let worker = try await rig.token(
        subject: "norfolk-worker", roles: [.caseWorker], areas: ["norfolk"])
      let body = #"{"toArea": "suffolk", "reason": "victim-moved"}"#

      // Only the case's own area may move it, with a body that says where and why.
      let suffolkWorker = try await rig.token(
        subject: "suffolk-worker", roles: [.caseWorker], areas: ["suffolk"])
      #expect(
        try await rig.http("POST", "/cases/\(caseId)/transfers", token: suffolkWorker, body: body)
          .status == 403)
      #expect(
        try await rig.http("POST", "/cases/RJ-NOPE-1/transfers", token: worker, body: body).status
          == 404)
      let bad = try await rig.http(
        "POST", "/cases/\(caseId)/transfers", token: worker,
        body: #"{"toArea": "Suffolk!", "reason": "bored"}"#)
      #expect(bad.status == 400)
      let paths = (try ServiceAPIRig.json(bad.body)["errors"] as? [[String: Any]])?.compactMap {
        $0["path"] as? String
      }
      #expect(paths == ["/toArea", "/reason"])
      let same = try await rig.http(
        "POST", "/cases/\(caseId)/transfers", token: worker,
        body: #"{"toArea": "norfolk", "reason": "other"}"#)
      #expect(same.status == 400)

      let moved = try await rig.http(
        "POST", "/cases/\(caseId)/transfers", token: worker, body: body)
      #expect(moved.status == 201, "\(String(decoding: moved.body, as: UTF8.self))")
      let answer = try ServiceAPIRig.json(moved.body)
      let receiving = try #require(answer["receivingCaseId"] as? String)
      #expect(receiving != caseId)
      #expect(answer["transferReferralId"] as? String == "\(caseId)/transfer")
      #expect(
        try await rig.http("POST", "/cases/\(caseId)/transfers", token: worker, body: body).status
          == 409)

      var opened: CaseOpened?
      var transfers: [CaseTransferredOut] = []
      try await rig.waitUntil("the receiving case and the transfer event") {
        for delivery in try await rig.takeObserved() {
          if delivery.routingKey == CaseOpened.routingKey {
            let event = try EventCoding.decode(CaseOpened.self, from: delivery.body)
            if event.data.caseId == receiving { opened = event.data }
          } else {
            let event = try EventCoding.decode(CaseTransferredOut.self, from: delivery.body)
            if event.data.caseId == caseId { transfers.append(event.data) }
          }
        }
        return opened != nil && !transfers.isEmpty
      }
      #expect(opened?.referralId == "\(caseId)/transfer")
      #expect(opened?.sourceSystem == "rjhub-norfolk")
      #expect(opened?.referrerType == .victimHub)
      #expect(transfers.count == 1)
      #expect(transfers.first?.fromArea == "norfolk")
      #expect(transfers.first?.toArea == "suffolk")
      #expect(transfers.first?.reason == .victimMoved)
      #expect(transfers.first?.receivingCaseId == receiving)
    }
  }

  @Test("to another hub: the referral on rj.transfers is one that hub's intake opens as a case")
  func toAnotherHub() async throws {
    let run = String(UUID().uuidString.prefix(8))
    let receivingArea = "essex-\(run.lowercased())"
    let outgoing = TestServers.uniqueName("transfers-to-\(receivingArea)")
    // The receiving hub's binding (in production, a shovel or federation link).
    let sent: Delivery = try await ServiceAPIRig.with(service: "intake") { rig in
      try await rig.admin.declare(
        AMQPTopology(
          queues: [QueueDeclaration(name: outgoing)],
          bindings: [
            QueueBinding(
              queue: outgoing, exchange: EventExchange.transfers, routingKey: "\(receivingArea).#")
          ]))
      let caseId = try await Self.openCase(rig, run: run)
      let worker = try await rig.token(
        subject: "norfolk-worker", roles: [.caseWorker], areas: ["norfolk"])
      let moved = try await rig.http(
        "POST", "/cases/\(caseId)/transfers", token: worker,
        body: #"{"toArea": "\#(receivingArea)", "reason": "offender-moved"}"#)
      #expect(moved.status == 201, "\(String(decoding: moved.body, as: UTF8.self))")
      #expect(!(try ServiceAPIRig.json(moved.body)["receivingCaseId"] is String))
      var delivery: Delivery?
      try await rig.waitUntil("the transfer referral on rj.transfers") {
        delivery = try await rig.admin.get(queue: outgoing)
        return delivery != nil
      }
      return try #require(delivery)
    }
    #expect(sent.routingKey == "\(receivingArea).referral.submitted.v1")
    let referral = try ReferralSubmission.decode(from: sent.body)
    #expect(referral.area == receivingArea)
    #expect(referral.sourceSystem == "rjhub-norfolk")
    #expect(referral.location?.district == nil)
    #expect(
      ReferralValidator(areas: [receivingArea]).problems(in: referral, receivedAt: Date()) == [])

    // The receiving hub: an intake serving that area takes it as it arrives.
    try await ServiceAPIRig.with(
      service: "intake", environment: ["RJHUB_INTAKE_AREAS": receivingArea],
      observing: [CaseOpened.routingKey]
    ) { hub in
      var properties = AMQPMessageProperties()
      properties.messageId = sent.properties.messageId
      properties.contentType = "application/json"
      let outcomes = try await hub.admin.publish([
        OutgoingMessage(
          exchange: EventExchange.referrals, routingKey: ReferralSubmission.routingKey,
          body: sent.body, properties: properties)
      ])
      #expect(outcomes == [.confirmed])
      let opened = try await hub.caseOpened(referralId: try #require(referral.referralId))
      #expect(opened.sourceSystem == "rjhub-norfolk")
      _ = try? await hub.admin.deleteQueue(outgoing)
    }
  }
}
