import AMQPClient
import AccessControl
import EventContracts
import Foundation
import Testing

/// One walking-skeleton run for a fresh synthetic area: 200 submissions (valid, invalid and
/// repeated) published as a police system would, contact attempts through victim-contact's
/// API, and everything checked where a user would look — the police reply queue, the
/// events on `rj.events`, the SMTP server's mailbox and reporting's figures.
struct SkeletonJourney {
  static let valid = 150
  static let invalid = 30
  static let repeats = 20
  /// Cases whose victim agrees to take part, so facilitators are requested.
  static let agreeing = 20

  let hub: HubUnderTest
  let batch: ReferralBatch

  init(hub: HubUnderTest) {
    self.hub = hub
    batch = ReferralBatch(
      area: hub.area, valid: Self.valid, invalid: Self.invalid, repeats: Self.repeats)
  }

  /// Runs the journey; `midway` runs after the first half is published (a chaos run kills
  /// and restarts things there) and returns the clients to carry on with.
  ///
  /// At most `emailRepeatsAllowed` emails may reach their recipient again with the same
  /// `Message-ID`: the documented window of a replica killed between the SMTP server's
  /// acceptance and its commit, after which the claim expires and another replica sends it
  /// again (``EmailRepeats/bound(killedNotificationsProcesses:sendersPerProcess:)``). Two
  /// different emails to one recipient are never allowed.
  func run(
    emailRepeatsAllowed: Int = 0, midway: (HubClients) async throws -> HubClients = { $0 }
  ) async throws {
    var clients = try await HubClients(hub: hub)
    try await FacilitatorSeed.register(in: hub.area, through: clients)
    let submissions = batch.submissions
    let half = submissions.count / 2
    var correlations = try await clients.submit(submissions[..<half].map(\.body))
    try await Task.sleep(for: .milliseconds(500))
    clients = try await midway(clients)
    correlations += try await clients.submit(submissions[half...].map(\.body))

    let answers = try await collectAnswers(clients, correlations: correlations)
    let caseIds = try checkAnswers(answers, correlations: correlations)
    let agreeing = Array(caseIds.values.sorted().prefix(Self.agreeing))
    try await recordAgreement(clients, caseIds: agreeing)
    let observed = try await observe(clients, cases: Set(caseIds.values), agreeing: agreeing)
    try checkMailbox(caseIds: caseIds, repeatsAllowed: emailRepeatsAllowed)
    try await ReportedFigures.check(
      through: clients, batch: batch, caseCount: caseIds.count, agreeing: agreeing.count)
    #expect(observed.failed.isEmpty, "no notification failed: \(observed.failed)")
    await clients.close()
  }

  /// Drains the reply queue until every submission has an answer.
  func collectAnswers(_ clients: HubClients, correlations: [String]) async throws
    -> ReferralAnswers
  {
    var answers = ReferralAnswers()
    let deadline = ContinuousClock.now + .seconds(240)
    while correlations.contains(where: { answers.byCorrelation[$0] == nil }) {
      if let delivery = try await clients.police.get(queue: clients.replyQueue) {
        try answers.add(delivery)
        await clients.police.ack(delivery)
      } else {
        guard ContinuousClock.now < deadline else {
          throw HubTestError.timedOut(
            "answers: \(answers.byCorrelation.count) of \(correlations.count)")
        }
        try await Task.sleep(for: .milliseconds(100))
      }
    }
    return answers
  }

  /// Every valid submission accepted with a case, every repeat with the same case, every
  /// invalid one rejected with exactly its errors; the case id of each valid referral id.
  func checkAnswers(_ answers: ReferralAnswers, correlations: [String]) throws
    -> [String: String]
  {
    var caseIds: [String: String] = [:]
    for (submission, correlation) in zip(batch.submissions, correlations) {
      let answer = answers.answer(correlation)
      if submission.expectedErrors.isEmpty {
        guard case .accepted(let caseId) = answer else {
          Issue.record(
            "\(submission.referralId): expected accepted, got \(String(describing: answer))")
          continue
        }
        if let earlier = caseIds[submission.referralId] {
          #expect(earlier == caseId, "\(submission.referralId): a repeat opened another case")
        }
        caseIds[submission.referralId] = caseId
      } else {
        #expect(
          answer == .rejected(paths: submission.expectedErrors),
          "\(submission.referralId): expected errors at \(submission.expectedErrors)")
      }
    }
    #expect(caseIds.count == Self.valid)
    #expect(Set(caseIds.values).count == Self.valid, "one case per valid referral")
    return caseIds
  }

  /// A case worker records, for each case, that the victim agreed to take part (retrying
  /// while victim-contact has not yet seen the case arrive).
  func recordAgreement(_ clients: HubClients, caseIds: [String]) async throws {
    let token = try await clients.token(.caseWorker)
    let body = ["participant": "victim", "channel": "email", "outcome": "agreed"]
    for caseId in caseIds {
      let deadline = ContinuousClock.now + .seconds(120)
      while true {
        let (status, reply) = try await clients.http(
          "POST", "victim-contact", "/cases/\(caseId)/contact-attempts", token: token, json: body)
        if (200..<300).contains(status) { break }
        guard status == 404 || status >= 500, ContinuousClock.now < deadline else {
          throw HubTestError.http(status, String(decoding: reply, as: UTF8.self))
        }
        try await Task.sleep(for: .milliseconds(250))
      }
    }
  }

  /// Watches `rj.events` until every case is opened once, acknowledged and informed, and
  /// every agreeing case has its pair of facilitators.
  func observe(_ clients: HubClients, cases: Set<String>, agreeing: [String]) async throws
    -> ObservedEvents
  {
    var observed = ObservedEvents(area: hub.area)
    func complete() -> Bool {
      Set(observed.opened.keys) == cases
        && observed.sentCount(.referrerAcknowledgement) == cases.count
        && observed.sentCount(.victimRJInformation) == cases.count
        && agreeing.allSatisfy {
          observed.allocations[$0]?.count == 2 || observed.unfilled[$0] != nil
        }
    }
    let deadline = ContinuousClock.now + .seconds(300)
    while !complete() {
      if let delivery = try await clients.observer.get(queue: clients.observerQueue) {
        try observed.add(delivery)
        await clients.observer.ack(delivery)
      } else {
        guard ContinuousClock.now < deadline else {
          throw HubTestError.timedOut(
            "the journey: opened \(observed.opened.count)/\(cases.count), acknowledged "
              + "\(observed.sentCount(.referrerAcknowledgement)), informed "
              + "\(observed.sentCount(.victimRJInformation)), allocated "
              + "\(observed.allocations.count)/\(agreeing.count), failed \(observed.failed)")
        }
        try await Task.sleep(for: .milliseconds(100))
      }
    }
    #expect(observed.opened.values.allSatisfy { $0 == 1 }, "each case opened by one event")
    #expect(observed.sent.values.allSatisfy { $0 == 1 }, "each notification sent by one event")
    #expect(observed.unfilled.isEmpty, "every agreeing case found a facilitator")
    #expect(
      observed.allocations.values.allSatisfy { $0.count == 2 },
      "a lead and a co-facilitator per case")
    return observed
  }

  /// Exactly one acknowledgement per accepted referral and one RJ information email per
  /// victim in the SMTP server's mailbox, and none for a rejected referral.
  func checkMailbox(caseIds: [String: String], repeatsAllowed: Int) throws {
    let mailbox = try TestMailbox()
    let referrers = try mailbox.messageIDs(toAddressesContaining: "referrer.e2e-\(batch.run)-")
    let expected = Set(caseIds.keys.map(ReferralBatch.referrerEmail))
    #expect(Set(referrers.keys) == expected, "acknowledgements reach exactly the accepted")
    let victims = try mailbox.messageIDs(toAddressesContaining: "victim.\(batch.run).")
    #expect(victims.count == caseIds.count, "one RJ information email per victim")
    let repeats = EmailRepeats(referrers.merging(victims) { $0 + $1 })
    print(
      "emails repeated under their own Message-ID: \(repeats.total) (at most \(repeatsAllowed))")
    #expect(repeats.problems(allowed: repeatsAllowed) == [])
  }
}
