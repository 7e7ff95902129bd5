import AMQPClient
import EventContracts
import Foundation
import PostgresClient
import TestSupport
import Testing

/// Personal data goes where the product needs it (the case file, the emails) and nowhere
/// else: the five services run as processes on the real servers, referrals carry distinctive
/// synthetic names, emails, phone numbers, addresses and free text through the whole journey
/// — accepted, rejected, malformed, dead-lettered, contact recorded, facilitator allocated,
/// emails sent, figures counted — and then none of it may be found in any service's log,
/// metrics, dead-letter reasons, answers' error messages or reporting tables.
@Suite("Personal data stays where it belongs, end to end", .serialized)
struct PersonalDataLeakTests {
  static let valid = 10

  @Test(
    "distinctive names, emails and phone numbers appear in no log, metric, dead-letter reason, error or reporting table, and in no table in clear"
  )
  func personalDataStaysInPlace() async throws {
    let hub = try HubUnderTest(area: WalkingSkeletonTests.freshArea())
    do {
      try await hub.waitUntilReady()
      try await run(hub)
    } catch {
      await hub.stop()
      throw error
    }
    await hub.stop()
  }

  func run(_ hub: HubUnderTest) async throws {
    let data = DistinctivePersonalData(area: hub.area)
    let clients = try await HubClients(hub: hub)
    try await FacilitatorSeed.register(in: hub.area, through: clients)
    let bodies =
      (0..<Self.valid).map { ReferralBatch.bytes(data.referral($0)) }
      + [ReferralBatch.bytes(data.invalidReferral(50)), data.malformedBody]
    let correlations = try await clients.submit(bodies)
    let answers = try await collectAnswers(clients, expected: correlations.count)
    let replyText = answers.map { String(decoding: $0.body, as: UTF8.self) }.joined()
    #expect(replyText.contains("/victim/email"), "the mistyped email is rejected by path")
    #expect(replyText.contains("malformed-json"), "the malformed body is rejected")
    let caseIds = try answers.compactMap { delivery -> String? in
      guard delivery.properties.type == ReferralAccepted.routingKey else { return nil }
      return try EventCoding.decode(ReferralAccepted.self, from: delivery.body).data.caseId
    }
    #expect(caseIds.count == Self.valid)

    try await recordAgreement(clients, caseIds: Array(caseIds.sorted().prefix(2)), data: data)
    try await awaitJourney(clients, cases: Set(caseIds), agreeing: 2)
    let deadLetters = try await publishPoisonEvents(data)
    try await awaitReporting(clients, accepted: Self.valid)

    // Positive control: the data really travelled (the victim was emailed at that address).
    let mailbox = try TestMailbox().deliveries(toAddressesContaining: data.victimEmail(0))
    #expect(mailbox == [data.victimEmail(0): 1], "the victim's RJ information reached them")

    let scan = PersonalDataSightings(hub: hub, markers: data.markers)
    let admin = try await adminConnection()
    let deadLetterSightings = try await scan.inDeadLetterReasons(ours: deadLetters, admin: admin)
    await admin.close()
    #expect(scan.sightings(in: replyText, place: "answers to the police system").isEmpty)
    #expect(scan.inLogs().isEmpty, "no personal data in any log")
    #expect(try await scan.inMetrics().isEmpty, "no personal data in any metrics output")
    #expect(deadLetterSightings.isEmpty, "no personal data in dead-letter reasons")
    // On disk: no service's tables hold any of it in clear (reporting holds none at all;
    // the others hold it sealed), while the same scan does find what they keep in clear.
    let control = PersonalDataSightings(hub: hub, markers: [hub.area])
    for schema in PersonalDataSightings.schemas {
      #expect(try await scan.inTables(ofSchema: schema).isEmpty, "nothing in clear in \(schema)")
      #expect(try await !control.inTables(ofSchema: schema).isEmpty, "\(schema) scan reads rows")
    }
    try await expectSealedAndReadable(clients, caseId: caseIds.sorted()[0], data: data)
    await clients.close()
  }

  /// The case's contact details are stored sealed (`v1.<key id>.…`), with the keyed hashes
  /// beside intake's copy, and the case API opens them again for a case worker.
  func expectSealedAndReadable(
    _ clients: HubClients, caseId: String, data: DistinctivePersonalData
  ) async throws {
    let pool = PostgresConnectionPool(
      configuration: try PostgresConfiguration(
        url: try TestServers.databaseURL(), applicationName: "e2e-at-rest"),
      size: 1, logger: TestServers.logger("e2e-at-rest"))
    let (caseRow, referralRow) = try await pool.withSession { session in
      (
        try session.query(
          "SELECT victim_name, victim_email, referrer_name FROM victim_contact.cases WHERE case_id = $1",
          [.text(caseId)]
        ).rows[0],
        try session.query(
          """
          SELECT victim_name, victim_date_of_birth, notes, victim_identity_hash,
            crime_reference_hash
          FROM intake.referrals WHERE case_id = $1
          """, [.text(caseId)]
        ).rows[0]
      )
    }
    await pool.close()
    for column in 0..<3 {
      #expect(try caseRow.decode(column, as: String.self).hasPrefix("v1.k1."))
      #expect(try referralRow.decode(column, as: String.self).hasPrefix("v1.k1."))
    }
    for column in 3..<5 {
      let hash = try referralRow.decode(column, as: String.self)
      #expect(hash.count == 64 && hash.allSatisfy(\.isHexDigit), "a keyed hash")
    }
    let token = try await clients.token(.caseWorker)
    let (status, body) = try await clients.http(
      "GET", "victim-contact", "/cases/\(caseId)", token: token)
    #expect(status == 200)
    let text = String(decoding: body, as: UTF8.self)
    #expect(text.contains("zabrowska\(data.run)"), "the case worker reads the victim's details")
  }

  /// Every answer on the reply queue, until `expected` have come.
  func collectAnswers(_ clients: HubClients, expected: Int) async throws -> [Delivery] {
    let answers = try await HubClients.drain(
      clients.police, queue: clients.replyQueue, seconds: 120
    ) { $0.count >= expected }
    guard answers.count >= expected else {
      throw HubTestError.timedOut("answers: \(answers.count) of \(expected)")
    }
    return answers
  }

  /// A case worker records each victim's agreement, with notes holding personal data.
  func recordAgreement(_ clients: HubClients, caseIds: [String], data: DistinctivePersonalData)
    async throws
  {
    let token = try await clients.token(.caseWorker)
    let body = [
      "participant": "victim", "channel": "phone", "outcome": "agreed",
      "notes": "\(data.victimName(0)) agreed; call \(data.victimPhone(0)) after six",
    ]
    for caseId in caseIds {
      let deadline = ContinuousClock.now + .seconds(120)
      while true {
        let (status, reply) = try await clients.http(
          "POST", "victim-contact", "/cases/\(caseId)/contact-attempts", token: token, json: body)
        if (200..<300).contains(status) { break }
        guard status == 404, ContinuousClock.now < deadline else {
          throw HubTestError.http(status, String(decoding: reply, as: UTF8.self))
        }
        try await Task.sleep(for: .milliseconds(250))
      }
    }
  }

  /// Waits until every case's acknowledgement and RJ information are sent and the agreeing
  /// cases have their facilitators.
  func awaitJourney(_ clients: HubClients, cases: Set<String>, agreeing: Int) async throws {
    var observed = ObservedEvents(area: clients.hub.area)
    let deadline = ContinuousClock.now + .seconds(180)
    while observed.sentCount(.referrerAcknowledgement) < cases.count
      || observed.sentCount(.victimRJInformation) < cases.count
      || observed.allocations.count < agreeing
    {
      if let delivery = try await clients.observer.get(queue: clients.observerQueue) {
        try observed.add(delivery)
        await clients.observer.ack(delivery)
        continue
      }
      guard ContinuousClock.now < deadline else {
        throw HubTestError.timedOut("the journey: sent \(observed.sent.count)")
      }
      try await Task.sleep(for: .milliseconds(100))
    }
  }

  /// Publishes, as a broken producer would, a contact-details event and a notification
  /// request that do not decode but carry a name and an address: victim-contact and
  /// notifications must dead-letter them; their message ids.
  func publishPoisonEvents(_ data: DistinctivePersonalData) async throws -> Set<String> {
    let admin = try await adminConnection()
    let poison: [(String, String)] = [
      (CaseContactDetails.routingKey, "{\"victim\": {\"name\": \"\(data.victimName(97))\"}}"),
      (
        NotificationRequested.routingKey,
        "{\"id\": \"\(data.address)\", \"recipient\": \"\(data.victimEmail(96))\"}"
      ),
    ]
    var ids: Set<String> = []
    let messages = poison.map { routingKey, body in
      var properties = AMQPMessageProperties()
      properties.messageId = "leak-\(data.run)-\(routingKey)"
      properties.contentType = "application/json"
      properties.persistent = true
      ids.insert(properties.messageId!)
      return OutgoingMessage(
        exchange: EventExchange.events, routingKey: routingKey, body: Array(body.utf8),
        properties: properties, mandatory: true)
    }
    let outcomes = try await admin.publish(messages)
    await admin.close()
    guard outcomes.allSatisfy({ $0 == .confirmed }) else {
      throw HubTestError.timedOut("confirms for the poison events: \(outcomes)")
    }
    return ids
  }

  /// Waits until reporting has counted the run's accepted referrals.
  func awaitReporting(_ clients: HubClients, accepted: Int) async throws {
    let token = try await clients.token(.commissioner)
    let deadline = ContinuousClock.now + .seconds(120)
    while true {
      let (status, body) = try await clients.http(
        "GET", "reporting", "/figures?area=\(clients.hub.area)", token: token)
      let figures = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
      let referrals = figures?["referrals"] as? [String: Any]
      if status == 200, referrals?["accepted"] as? Int == accepted { return }
      guard ContinuousClock.now < deadline else {
        throw HubTestError.timedOut("reporting to count \(accepted) referrals")
      }
      try await Task.sleep(for: .milliseconds(500))
    }
  }

  /// A connection with the test administrator account.
  func adminConnection() async throws -> AMQPConnection {
    let connection = AMQPConnection(
      configuration: try AMQPConfiguration(
        url: try TestServers.amqpURL(), connectionName: "e2e-leak-admin"),
      logger: TestServers.logger("e2e-leak"))
    try await connection.connect()
    return connection
  }
}
