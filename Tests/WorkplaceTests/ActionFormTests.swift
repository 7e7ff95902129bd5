import ServiceRuntime
import Testing

@testable import Workplace

/// How the case page's forms become API requests, and where a form's return address may lead.
@Suite struct ActionFormTests {
  @Test func typedFieldsBecomeTheRoutesJSON() {
    let form = FormFields(pairs: [
      ("csrfToken", "t"), ("/participant", "victim"), ("/channel", "email"),
      ("/outcome", "declined"), ("/notes", "  "),
    ])
    let (body, path) = FormBody.request(for: CaseActions.contactAttempt, from: form)
    #expect(
      body
        == .object([
          "participant": .string("victim"), "channel": .string("email"),
          "outcome": .string("declined"),
        ]))
    #expect(path.isEmpty)
  }

  @Test func pointersNestAndKindsAreTyped() {
    let action = ActionForm(
      id: "t", title: "T", button: "B", done: "D", path: "/cases/{caseId}/x/{participantId}",
      fields: [
        FormField(placement: .body("/contact/name"), label: "Name", kind: .text),
        FormField(placement: .body("/safeToWrite"), label: "Safe", kind: .yesNo),
        FormField(placement: .body("/score"), label: "Score", kind: .number),
        FormField(
          placement: .body("/needs"), label: "Needs", kind: .several([Choice("a"), Choice("b")])),
        FormField(placement: .path("participantId"), label: "Who", kind: .text),
      ])
    let form = FormFields(pairs: [
      ("/contact/name", "Synthetic Person"), ("/safeToWrite", "no"), ("/score", "3"),
      ("/needs", "a"), ("/needs", "b"), ("path:participantId", "C1.victim"),
    ])
    let (body, values) = FormBody.request(for: action, from: form)
    #expect(body["contact"]?["name"] == .string("Synthetic Person"))
    #expect(body["safeToWrite"] == .bool(false))
    #expect(body["score"] == .number(3))
    #expect(body["needs"] == .array([.string("a"), .string("b")]))
    #expect(
      CaseRoutes.path(action.path, caseId: "C 1", values: values) == "/cases/C%201/x/C1.victim")
    #expect(CaseRoutes.path(action.path, caseId: "C1", values: [:]) == nil)
  }

  @Test func aLondonLocalTimeIsSentAsAnInstant() {
    #expect(LondonTime.instant(fromLocal: "2026-07-01T10:30") == "2026-07-01T09:30:00Z")
    #expect(LondonTime.instant(fromLocal: "2026-12-01T10:30") == "2026-12-01T10:30:00Z")
    #expect(LondonTime.instant(fromLocal: "tomorrow") == nil)
    #expect(LondonTime.instant(fromLocal: "2026-02-30T10:00") == nil)
    #expect(LondonTime.instant(fromLocal: "2026-07-01T10:30:15") == "2026-07-01T09:30:15Z")
  }

  @Test func instantsAreShownInLondonTime() {
    #expect(LondonTime.display("2026-07-01T09:05:00Z") == "1 Jul 2026, 10:05")
    #expect(LondonTime.display("2026-12-24T23:59:59.123Z") == "24 Dec 2026, 23:59")
    #expect(LondonTime.display("not a time") == "not a time")
    #expect(LondonTime.instant(fromLocal: LondonTime.nowLocal()) != nil)
  }

  @Test func theReturnAddressStaysInTheWorkplace() {
    #expect(SignInRoutes.safeReturn("/cases/C1") == "/cases/C1")
    for hostile in ["https://evil.example", "//evil.example/x", "/\\evil", nil, "cases"] {
      #expect(SignInRoutes.safeReturn(hostile) == "/my-work")
    }
  }
}
