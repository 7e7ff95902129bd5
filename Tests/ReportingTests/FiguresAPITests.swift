import AMQPClient
import AccessControl
import EventContracts
import Foundation
import Testing

/// The built `rjhub-reporting` against the real servers, with its own accounts: events in
/// over `rj.events`, figures out over HTTP behind tokens and areas.
@Suite("reporting service and figures API", .serialized)
struct FiguresAPITests {
  typealias E = ReportingEvents

  @Test("commissioners, supervisors and administrators read the area's figures as JSON and HTML")
  func figuresServed() async throws {
    try await FiguresAPIHarness.with { h in
      let (first, second) = (E.caseId(), E.caseId())
      try await h.publish([
        try .event(E.opened(first, receivedAt: "2025-04-10T09:00:00Z", area: h.area)),
        try .event(E.accepted(first, receivedAt: "2025-04-10T09:00:00Z", area: h.area)),
        try .event(E.acknowledgementDue(first, on: "2025-04-11").in(h.area)),
        try .event(E.sent(first, at: "2025-04-11T08:00:00Z").in(h.area)),
        try .event(
          E.opened(
            second, receivedAt: "2025-04-12T09:00:00Z", referrer: .selfReferral,
            initiatedBy: .offender, area: h.area)),
        try .event(E.accepted(second, receivedAt: "2025-04-12T09:00:00Z", area: h.area)),
        try .event(E.acknowledgementDue(second, on: "2025-04-14").in(h.area)),
        try .event(
          E.stage(second, to: .initialEngagement, from: .referred, sequence: 1).in(h.area)),
        try .event(E.allocated(second, role: .lead, area: h.area)),
        try .event(
          E.offered("\(h.area)-O1", agency: "Victim Support", standing: true, area: h.area)),
        try .event(E.registered("\(h.area)-V1", areas: [h.area], languages: ["en-GB", "pl"])),
      ])
      let commissioner = try await h.token([.commissioner])
      let path = "/figures?area=\(h.area)&from=2025-04-01&to=2025-04-30"
      var figures: [String: Any] = [:]
      try await h.waitUntil("reporting to count the area's events") {
        let (status, _, body) = try await h.get(path, token: commissioner)
        guard status == 200 else { return false }
        figures = try h.json(body)
        let allocations = figures["facilitatorAllocations"] as? [String: Any]
        let acknowledgement = figures["referrerAcknowledgement"] as? [String: Int]
        let partnership = figures["partnership"] as? [String: Any]
        let pool = figures["volunteerPool"] as? [String: Any]
        return allocations?["made"] as? Int == 1 && acknowledgement?["onTime"] == 1
          && acknowledgement?["overdue"] == 1
          && (partnership?["all"] as? [String: Any])?["offered"] as? Int == 1
          && pool?["activeVolunteers"] as? Int == 1
      }
      let agencies = (figures["partnership"] as? [String: Any])?["byAgency"] as? [String: Any]
      let support = agencies?["Victim Support"] as? [String: Any]
      #expect(support?["accepted"] as? Int == 1)
      #expect((support?["acceptanceRate"] as? NSNumber)?.doubleValue == 1)
      let pool = figures["volunteerPool"] as? [String: Any]
      #expect(pool?["expectedActiveVolunteers"] as? Int == 12)
      #expect(pool?["facilitatorsByLanguage"] as? [String: Int] == ["en": 1, "pl": 1])
      #expect((pool?["conferencesPerVolunteer"] as? NSNumber)?.doubleValue == 0)
      #expect(figures["area"] as? String == h.area)
      #expect(figures["period"] as? [String: String] == ["from": "2025-04-01", "to": "2025-04-30"])
      let referrals = figures["referrals"] as? [String: Any]
      #expect(referrals?["accepted"] as? Int == 2)
      #expect(referrals?["rejected"] as? Int == 0)
      let opened = figures["casesOpened"] as? [String: Any]
      #expect(opened?["total"] as? Int == 2)
      #expect(
        opened?["byReferrerType"] as? [String: Int]
          == ["police": 1, "victim-hub": 0, "agency": 0, "self": 1])
      #expect(opened?["byInitiator"] as? [String: Int] == ["victim": 1, "offender": 1])
      let stages = figures["casesByStage"] as? [String: Int] ?? [:]
      #expect(stages.count == CaseStage.allCases.count)
      #expect(stages["referred"] == 1)
      #expect(stages["initial-engagement"] == 1)
      #expect(
        figures["referrerAcknowledgement"] as? [String: Int]
          == ["onTime": 1, "late": 0, "overdue": 1, "notYetDue": 0, "notScheduled": 0])

      let html = try await h.get(
        "/figures.html?area=\(h.area)&from=2025-04-01&to=2025-04-30", token: commissioner)
      #expect(html.status == 200)
      #expect(html.contentType.hasPrefix("text/html"))
      let page = String(decoding: html.body, as: UTF8.self)
      #expect(page.contains("<html lang=\"en-GB\">"))
      #expect(page.contains("<caption>Cases opened by referrer type</caption>"))
      #expect(page.contains("<caption>Cases by the stage they are in now</caption>"))
      #expect(page.contains("<caption>Referrer acknowledgement timeliness</caption>"))
      #expect(
        page.contains(#"<tr><th scope="row">Self-referral</th><td class="count">1</td></tr>"#))
      #expect(page.contains(#"<tr><th scope="row">Sent on time</th><td class="count">1</td></tr>"#))
      #expect(page.contains("1 April 2025"))
      #expect(page.components(separatedBy: "<caption>").count - 1 == 23)
      #expect(
        page.contains(
          #"<tr><th scope="row">Victim Support</th><td class="count">1 / 1 / 0 / 0 / 0 / 0</td></tr>"#
        ))
      #expect(
        page.contains(#"<tr><th scope="row">Victim Support</th><td class="count">100.0%</td></tr>"#)
      )
      #expect(page.contains("<caption>The volunteer pool at the end of the period</caption>"))
      #expect(
        page.contains("<caption>Facilitator allocations ended in the period, by reason</caption>"))
      #expect(page.contains("<caption>Cases closed by closure reason</caption>"))
      #expect(page.contains("<caption>Distance travelled at the end</caption>"))

      for role in [Role.supervisor, .administrator] {
        #expect(try await h.get(path, token: try await h.token([role])).status == 200)
      }
      // Without dates: the current London month.
      let current = try await h.get("/figures?area=\(h.area)", token: commissioner)
      #expect(current.status == 200)
      let period = try h.json(current.body)["period"] as? [String: String]
      #expect(period?["from"]?.hasSuffix("-01") == true)
    }
  }

  @Test("no token is 401, a case worker or another area's token 403, bad parameters 400")
  func refusals() async throws {
    try await FiguresAPIHarness.with { h in
      let path = "/figures?area=\(h.area)&from=2025-04-01&to=2025-04-30"
      #expect(try await h.get(path, token: nil).status == 401)
      #expect(try await h.get("/figures.html?area=\(h.area)", token: nil).status == 401)
      #expect(try await h.get(path, token: "not.a.token").status == 401)
      #expect(try await h.get(path, token: try await h.token([.caseWorker])).status == 403)
      #expect(try await h.get(path, token: try await h.token([.facilitator])).status == 403)
      let elsewhere = try await h.token([.commissioner], areas: ["suffolk"])
      #expect(try await h.get(path, token: elsewhere).status == 403)
      #expect(
        try await h.get("/figures.html?area=\(h.area)", token: elsewhere).status == 403)

      let commissioner = try await h.token([.commissioner])
      let cases: [(query: String, parameter: String, code: String)] = [
        ("area=\(h.area)&from=2025-13-01&to=2025-04-30", "from", "invalid-format"),
        ("area=\(h.area)&from=2025-04-01&to=30-04-2025", "to", "invalid-format"),
        ("area=\(h.area)&from=2025-04-01", "to", "required"),
        ("area=\(h.area)&from=2025-04-30&to=2025-04-01", "to", "invalid-value"),
        ("from=2025-04-01&to=2025-04-30", "area", "required"),
        ("area=Norfolk%20Police", "area", "invalid-format"),
        ("area=\(h.area)&area=\(h.area)", "area", "repeated"),
      ]
      for (query, parameter, code) in cases {
        for route in ["/figures", "/figures.html"] {
          let response = try await h.get("\(route)?\(query)", token: commissioner)
          #expect(response.status == 400, "\(route)?\(query)")
          let errors = try h.json(response.body)["errors"] as? [[String: String]] ?? []
          #expect(
            errors.contains { $0["path"] == "?\(parameter)" && $0["code"] == code },
            "\(route)?\(query): \(errors)")
          #expect(errors.allSatisfy { !($0["message"] ?? "").isEmpty })
        }
      }
    }
  }
}

extension EventEnvelope {
  /// The event as published in `area`.
  func `in`(_ area: String) -> EventEnvelope {
    var copy = self
    copy.area = area
    return copy
  }
}
