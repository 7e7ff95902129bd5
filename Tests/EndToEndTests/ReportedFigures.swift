import Foundation
import Testing

/// Reporting's figures for a run's area, read as a commissioner would (`GET /figures`), and
/// compared with what the run sent. The area is fresh, so every figure is the run's own.
enum ReportedFigures {
  /// Waits until reporting has caught up (every case acknowledged and every agreeing case
  /// allocated), then checks each figure.
  static func check(
    through clients: HubClients, batch: ReferralBatch, caseCount: Int, agreeing: Int
  )
    async throws
  {
    let token = try await clients.token(.commissioner)
    let path = "/figures?area=\(batch.area)&from=\(londonDate(days: -1))&to=\(londonDate(days: 1))"
    var figures: [String: Any] = [:]
    let deadline = ContinuousClock.now + .seconds(120)
    while true {
      let (status, body) = try await clients.http("GET", "reporting", path, token: token)
      guard status == 200 else {
        throw HubTestError.http(status, String(decoding: body, as: UTF8.self))
      }
      figures = try JSONSerialization.jsonObject(with: body) as? [String: Any] ?? [:]
      let acknowledgement = figures["referrerAcknowledgement"] as? [String: Any]
      let allocations = figures["facilitatorAllocations"] as? [String: Any]
      // Each agreeing case gets a pair: a lead and a co-facilitator.
      if acknowledgement?["onTime"] as? Int == caseCount,
        allocations?["made"] as? Int == 2 * agreeing
      {
        break
      }
      guard ContinuousClock.now < deadline else {
        throw HubTestError.timedOut("reporting to catch up: \(figures)")
      }
      try await Task.sleep(for: .milliseconds(500))
    }
    let expected = expectedOpened(batch: batch)
    let referrals = figures["referrals"] as? [String: Any]
    #expect(referrals?["accepted"] as? Int == caseCount)
    #expect(referrals?["linkedToExistingCase"] as? Int == 0)
    #expect(referrals?["rejected"] as? Int == SkeletonJourney.invalid)
    let opened = figures["casesOpened"] as? [String: Any]
    #expect(opened?["total"] as? Int == caseCount)
    #expect(opened?["byReferrerType"] as? [String: Int] == expected.byReferrerType)
    #expect(opened?["byInitiator"] as? [String: Int] == expected.byInitiator)
    let stages = figures["casesByStage"] as? [String: Int] ?? [:]
    #expect(stages["referred"] == caseCount - agreeing)
    #expect(stages["initial-engagement"] == agreeing, "agreeing is not consent: no assessment yet")
    #expect(stages.values.reduce(0, +) == caseCount)
    let acknowledgement = figures["referrerAcknowledgement"] as? [String: Int]
    #expect(
      acknowledgement
        == ["onTime": caseCount, "late": 0, "overdue": 0, "notYetDue": 0, "notScheduled": 0])
    let allocations = figures["facilitatorAllocations"] as? [String: Any]
    #expect(allocations?["unfilled"] as? Int == 0)
    #expect(
      allocations?["madeByRole"] as? [String: Int] == [
        "lead": agreeing, "co-facilitator": agreeing,
      ])
  }

  /// The cases by referrer type and initiator that the batch's valid referrals describe.
  static func expectedOpened(batch: ReferralBatch) -> (
    byReferrerType: [String: Int], byInitiator: [String: Int]
  ) {
    var types = ["police": 0, "victim-hub": 0, "agency": 0, "self": 0]
    var initiators = ["victim": 0, "offender": 0]
    for index in 0..<SkeletonJourney.valid {
      let referral = batch.referral("any", index: index)
      let referrer = referral["referrer"] as? [String: Any]
      types[referrer?["type"] as? String ?? "", default: 0] += 1
      initiators[referral["initiatedBy"] as? String ?? "", default: 0] += 1
    }
    return (types, initiators)
  }

  /// Today's date in London, moved by `days`, as YYYY-MM-DD.
  static func londonDate(days: Int) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "Europe/London")
    formatter.dateFormat = "yyyy-MM-dd"
    return formatter.string(from: Date().addingTimeInterval(Double(days) * 86_400))
  }
}
