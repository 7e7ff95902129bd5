import EventContracts
import Foundation
import PostgresClient
import Testing

/// The participant's language is used for what victim-contact decides (issue 21): an
/// interpreter is recorded as needed when the language is not English and the inform-victim
/// task says so, and every notification request to a participant carries their language.
@Suite("Participant language", .serialized)
struct ParticipantLanguageTests {
  /// The victim's stored `interpreter_needed`.
  func victimInterpreterNeeded(_ caseId: String, _ h: CaseEventHarness) async throws -> Bool? {
    let s = h.schema.sql
    return try await h.pool.withSession {
      try $0.query(
        "SELECT interpreter_needed FROM \(s).participants WHERE participant_id = $1",
        [.text("\(caseId).victim")]
      ).rows.first?.decode(0, as: Bool.self)
    }
  }

  @Test("a victim whose language is not English is recorded as needing an interpreter")
  func interpreterNeededRecorded() async throws {
    try await CaseEventHarness.with { h in
      var cases: [String: String?] = [:]
      for language in ["pl", "en-GB", nil] as [String?] {
        let caseId = SyntheticCases.caseId()
        cases[caseId] = language
        var victim = SyntheticCases.Victim()
        victim.language = language
        try await h.deliver([
          try .event(SyntheticCases.opened(caseId, victim: victim)),
          try .event(SyntheticCases.details(caseId, victim: victim)),
        ])
      }
      try await h.settle()
      for (caseId, language) in cases {
        let needed = language == "pl"
        #expect(try await victimInterpreterNeeded(caseId, h) == needed, "\(language ?? "none")")
        let inform = try await h.tasks(of: caseId).first { $0.kind == "inform-victim" }
        #expect(inform?.flag == (needed ? "interpreter-needed" : nil), "\(language ?? "none")")
      }
    }
  }

  @Test("every notification request to a participant carries their language")
  func notificationRequestsCarryLanguage() async throws {
    try await CaseEventHarness.with { h in
      var victim = SyntheticCases.Victim()
      victim.language = "pl"
      // A victim who referred themself: the acknowledgement goes to them, in Polish.
      let selfReferred = SyntheticCases.caseId()
      var opened = SyntheticCases.opened(selfReferred, victim: victim)
      opened.data.referrerType = .selfReferral
      // A police referral: the officer's acknowledgement is in English, the victim's in Polish.
      let policeReferred = SyntheticCases.caseId()
      try await h.deliver([
        try .event(opened), try .event(SyntheticCases.details(selfReferred, victim: victim)),
        try .event(SyntheticCases.opened(policeReferred, victim: victim)),
        try .event(SyntheticCases.details(policeReferred, victim: victim)),
      ])
      try await h.settle()

      func languages(_ caseId: String) async throws -> [NotificationPurpose: String?] {
        let requested = try await h.events(NotificationRequested.self, caseId: caseId)
        return Dictionary(requested.map { ($0.data.purpose, $0.data.language) }) { a, _ in a }
      }
      #expect(
        try await languages(selfReferred) == [
          .referrerAcknowledgement: "pl", .victimRJInformation: "pl",
        ])
      #expect(
        try await languages(policeReferred) == [
          .referrerAcknowledgement: nil, .victimRJInformation: "pl",
        ])
    }
  }

  @Test("a case worker's language without an answer derives it; an explicit answer wins")
  func interpreterNeededDerivedFromLanguage() async throws {
    try await CaseAPIHarness.with { h in
      let caseId = SyntheticCases.caseId()
      try await h.openCase(caseId, sensitive: false)
      let worker = try await CaseWorkerClient(h)
      func added(_ body: [String: Any]) async throws -> Bool? {
        let reply = try await worker.send(
          "POST", "/cases/\(caseId)/participants",
          body.merging(["role": "offender", "safeToWrite": false, "safeToCall": false]) { a, _ in a
          })
        return reply["interpreterNeeded"] as? Bool
      }
      #expect(try await added(["language": "ro"]) == true)
      #expect(try await added(["language": "en-GB"]) == false)
      #expect(try await added([:]) == false)
      #expect(try await added(["language": "ro", "interpreterNeeded": false]) == false)
      #expect(try await added(["language": "en", "interpreterNeeded": true]) == true)
    }
  }
}
