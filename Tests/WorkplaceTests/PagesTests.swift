import AccessControl
import Crypto
import Foundation
import ServiceRuntime
import Testing

@testable import Workplace

/// The section pages' pure parts: the correction form of a rejected referral (a body flattened
/// into fields by JSON pointer and rebuilt, errors beside their fields), the facilitator
/// register's forms and expiry tags, and pages rendered from the bundled templates.
@Suite struct PagesTests {
  typealias Leaf = CorrectionForm.Leaf

  static let referral: JSONValue = .object([
    "referralId": .string("R-1"),
    "victim": .object(["name": .string("Synthetic Person"), "safeToContact": .bool(true)]),
    "offences": .array([
      .object(["code": .string("theft"), "count": .number(2)]),
      .object(["code": .string("burglary"), "value": .number(12.5)]),
    ]),
    "sensitivity": .array([]), "notes": .null, "extra": .object([:]),
    "odd/key~": .string("kept"),
  ])

  @Test func aBodyFlattensToOneLeafPerValueAndRebuildsTheSame() {
    let leaves = CorrectionForm.leaves(of: Self.referral)
    #expect(
      leaves.map(\.pointer) == [
        "/extra", "/notes", "/odd~1key~0", "/offences/0/code", "/offences/0/count",
        "/offences/1/code", "/offences/1/value", "/referralId", "/sensitivity", "/victim/name",
        "/victim/safeToContact",
      ])
    #expect(
      leaves.first { $0.pointer == "/offences/0/count" }
        == Leaf(pointer: "/offences/0/count", type: .number, text: "2"))
    #expect(leaves.first { $0.pointer == "/victim/safeToContact" }?.type == .boolean)
    #expect(CorrectionForm.body(of: leaves) == Self.referral)
  }

  @Test func theFormSentBackKeepsTypesAndBuildsArrays() {
    let form = FormFields(pairs: [
      ("csrfToken", "t"), ("/offences/0/code", "theft"), ("type:/offences/0/code", "string"),
      ("/offences/0/count", " 3 "), ("type:/offences/0/count", "number"),
      ("/offences/1/code", "fraud"), ("type:/offences/1/code", "string"),
      ("/victim/safeToContact", "false"), ("type:/victim/safeToContact", "boolean"),
      ("/victim/phone", "01234 567890"), ("type:/victim/phone", "string"),
      ("/victim/email", "  "), ("type:/victim/email", "string"),
      ("/victim/age", "ten"), ("type:/victim/age", "number"),
      ("/victim/height", "0x10"), ("type:/victim/height", "number"),
      ("type:/sensitivity", "empty-array"), ("/notes", ""), ("type:/notes", "null"),
    ])
    let leaves = CorrectionForm.leaves(from: form)
    #expect(leaves.count == 10)
    #expect(
      CorrectionForm.body(of: leaves)
        == .object([
          "offences": .array([
            .object(["code": .string("theft"), "count": .number(3)]),
            .object(["code": .string("fraud")]),
          ]),
          "victim": .object([
            "safeToContact": .bool(false), "phone": .string("01234 567890"),
            "age": .string("ten"), "height": .string("0x10"),
          ]),
          "sensitivity": .array([]), "notes": .null,
        ]))
  }

  @Test func arraysFollowTheirIndexesNotTheFormsOrder() {
    let leaves = [
      Leaf(pointer: "/items/10", type: .string, text: "k"),
      Leaf(pointer: "/items/2", type: .string, text: "c"),
      Leaf(pointer: "/items/0", type: .number, text: "1"),
    ]
    #expect(
      CorrectionForm.body(of: leaves)
        == .object(["items": .array([.number(1), .string("c"), .string("k")])]))
    #expect(CorrectionForm.precedes("/items/2", "/items/10"))
    #expect(CorrectionForm.segments(of: "/a~1b/c~0d") == ["a/b", "c~d"])
  }

  @Test func errorsShowBesideTheFieldOfTheirPointer() {
    let leaves = CorrectionForm.leaves(of: Self.referral)
    let problems = [
      APIProblem(path: "/victim/name", code: "too-long", message: "Too long"),
      APIProblem(path: "/victim/dateOfBirth", code: "required", message: "Give the date of birth"),
      APIProblem(path: "/offences", code: "invalid-value", message: "One offence only"),
      APIProblem(path: "/offences/1/value", code: "invalid-type", message: "A whole number"),
      APIProblem(path: "", code: "malformed-json", message: "Whole body"),
    ]
    let view = CorrectionForm.view(leaves, problems: problems)
    let field = { (pointer: String) in view.fields.first { $0["name"] as? String == pointer } }
    #expect(field("/victim/name")?["error"] as? String == "Too long")
    #expect(field("/victim/name")?["id"] as? String == "correction-victim-name")
    #expect(field("/victim/name")?["chooseType"] as? Bool == false)
    let added = field("/victim/dateOfBirth")
    #expect(added?["added"] as? Bool == true)
    #expect(added?["value"] as? String == "")
    #expect(added?["chooseType"] as? Bool == true)
    #expect(added?["error"] as? String == "Give the date of birth")
    let names = view.fields.compactMap { $0["name"] as? String }
    #expect(
      names.firstIndex(of: "/victim/dateOfBirth")! + 1 == names.firstIndex(of: "/victim/name"))
    #expect(field("/offences/0/code")?["error"] as? String == "/offences: One offence only")
    #expect(field("/offences/1/value")?["chooseType"] as? Bool == true)
    #expect(field("/offences/1/value")?["id"] as? String == "correction-offences-1-value")
    #expect(view.formErrors == ["Whole body"])
    #expect(view.summary.first?["href"] == "#correction-victim-name")
    #expect(view.summary.last?["href"] == "#correction-form-refusal")
    #expect(
      CorrectionForm.elementIds(["/a b", "/a_b"]) == [
        "/a b": "correction-a_b", "/a_b": "correction-a_b-2",
      ])
  }

  @Test func expiriesAreTaggedWithinThirtyDaysOrPast() {
    let today = "2026-03-01"
    #expect(ExpiryTag.state(of: "2026-02-28", today: today) == .expired)
    #expect(ExpiryTag.state(of: "2026-03-01", today: today) == .expiringSoon)
    #expect(ExpiryTag.state(of: "2026-03-31", today: today) == .expiringSoon)
    #expect(ExpiryTag.state(of: "2026-04-01", today: today) == .current)
    #expect(ExpiryTag.state(of: nil, today: today) == .notRecorded)
    #expect(ExpiryTag.state(of: "soon", today: today) == .notRecorded)
    #expect(ExpiryTag.of("2026-02-01", today: today)["tag"] as? String == "Expired")
    #expect(ExpiryTag.of("2027-01-01", today: today)["tag"] == nil)
  }

  @Test func theRegisterFormsBuildAWholeRegistration() {
    let action = RegisterForms.entry(editing: "FAC-1", areas: ["norfolk", "suffolk"])
    let form = FormFields(pairs: [
      ("/displayName", "Synthetic Facilitator"), ("/email", "f@example.org"),
      ("/agency", "Agency"), ("/level", "senior"), ("/areas", "norfolk"),
      ("/districts", "Norwich, , Breckland"), ("/languages", ""), ("/active", "no"),
      ("/capacity", "4"),
    ])
    let body = RegisterForms.body(for: action, from: form)
    #expect(body["facilitatorId"] == .string("FAC-1"))
    #expect(body["districts"] == .array([.string("Norwich"), .string("Breckland")]))
    #expect(body["languages"] == nil)
    #expect(body["active"] == .bool(false))
    #expect(body["capacity"] == .number(4))
    #expect(body["areas"] == .array([.string("norfolk")]))
    #expect(action.id == "facilitator-edit-FAC-1")
    let listed: JSONValue = .object([
      "facilitatorId": .string("FAC-1"), "active": .bool(true), "capacity": .number(3),
      "openAllocations": .number(1), "updatedAt": .string("2026-01-01T00:00:00Z"),
    ])
    #expect(
      RegisterForms.registration(of: listed, active: false)
        == .object([
          "facilitatorId": .string("FAC-1"), "active": .bool(false), "capacity": .number(3),
        ]))
    #expect(
      RegisterForms.placed([APIProblem(path: "/areas/0", code: "invalid-value", message: "m")])
        .map(\.path) == ["/areas"])
    #expect(RegisterForms.typed(from: listed).value("/capacity") == "3")
  }

  @Test func aRejectedReferralsPageShowsTheCorrectionForm() async throws {
    let pages = try await PageRenderer.bundled()
    let body = #"{"victim":{"name":"Synthetic Person"},"offences":[{"code":"x"}]}"#
    let detail: JSONValue = .object([
      "summary": .object([
        "submissionId": .string("S-1"), "outcome": .string("rejected"),
        "receivedAt": .string("2026-03-01T10:00:00Z"), "errorCodes": .array([.string("required")]),
      ]),
      "errors": .array([
        .object([
          "path": .string("/victim/dateOfBirth"), "code": .string("required"),
          "message": .string("Give the date of birth"),
        ])
      ]),
      "body": .string(body),
    ])
    let page = ReferralPage(detail: detail, signedIn: try await Self.signedIn([.caseWorker]))
    let html = pages.render("referral", page.context(), signedIn: nil)
    #expect(html.contains(#"id="correction-form""#))
    #expect(html.contains(#"name="/victim/name" type="text" value="Synthetic Person""#))
    #expect(html.contains(#"id="correction-offences-0-code""#))
    #expect(html.contains(#"id="correction-victim-dateOfBirth-error""#))
    #expect(html.contains(#"id="correction-submit""#))
    #expect(html.contains(#"action="/referrals/S-1/correction""#))
    #expect(!html.contains(#"id="review""#))
  }

  @Test func aFlaggedReferralOffersItsCheckUntilItIsChecked() async throws {
    let pages = try await PageRenderer.bundled()
    var summary: [String: JSONValue] = [
      "submissionId": .string("S-3"), "outcome": .string("accepted"), "caseId": .string("C-3"),
      "flags": .array([.string("possible-duplicate")]),
      "possibleDuplicateOf": .array([.string("C-1")]), "errorCodes": .array([]),
    ]
    let signedIn = try await Self.signedIn([.caseWorker])
    let open = ReferralPage(
      detail: .object(["summary": .object(summary), "errors": .array([])]), signedIn: signedIn)
    let html = pages.render("referral", open.context(), signedIn: nil)
    #expect(html.contains(#"action="/referrals/S-3/review""#))
    #expect(html.contains(#"id="review-decision""#))
    #expect(html.contains(#"<option value="C-1">C-1</option>"#))
    #expect(html.contains(#"id="review-submit""#))
    #expect(!html.contains(#"id="correction-form""#))
    summary["review"] = .object(["decision": .string("confirmed")])
    let late = ReferralPage(
      detail: .object(["summary": .object(summary), "errors": .array([])]), signedIn: signedIn,
      review: FormView(problems: [APIProblem(path: "", code: "409", message: "Checked before")]))
    let context = late.context()
    #expect(context["review"] == nil)
    #expect((context["errors"] as? [[String: String]])?.first?["message"] == "Checked before")
  }

  @Test func theRegisterShowsChangeFormsToAdministratorsOnly() async throws {
    let pages = try await PageRenderer.bundled()
    let listing = Listing(items: [
      .object([
        "facilitatorId": .string("FAC-1"), "displayName": .string("Synthetic Facilitator"),
        "areas": .array([.string("norfolk")]), "active": .bool(true), "capacity": .number(3),
        "openAllocations": .number(1), "level": .string("senior"),
      ])
    ])
    let admin = FacilitatorPage(
      area: "norfolk", listing: listing, signedIn: try await Self.signedIn([.administrator]))
    let html = pages.render("facilitators", admin.context(), signedIn: nil)
    #expect(html.contains(#"id="facilitator-register""#))
    #expect(html.contains(#"id="facilitator-add-submit""#))
    #expect(html.contains(#"id="facilitator-edit-FAC-1-submit""#))
    #expect(html.contains(#"id="facilitator-deactivate-FAC-1-submit""#))
    #expect(html.contains("1 of 3"))
    let supervisor = FacilitatorPage(
      area: "norfolk", listing: listing, signedIn: try await Self.signedIn([.supervisor]))
    let readOnly = pages.render("facilitators", supervisor.context(), signedIn: nil)
    #expect(!readOnly.contains("facilitator-add-submit"))
    #expect(readOnly.contains(#"id="register-read-only""#))
  }

  @Test func reportingsPageIsShownInsideTheWorkplace() {
    let html =
      "<html><head><style>x</style></head><body><main><h1>F</h1><table id=\"t\"></table></main></body></html>"
    #expect(
      FiguresRoutes.content(of: html)
        == "<h2 class=\"govuk-heading-m\">F</h2><table class=\"govuk-table\" id=\"t\"></table>")
  }

  /// A signed-in person with `roles` in norfolk, from a token the gate verifies.
  static func signedIn(_ roles: [Role]) async throws -> SignedIn {
    let key = "pages-tests-signing-key-of-enough-length"
    let encode = { (data: Data) in
      data.base64EncodedString().replacingOccurrences(of: "+", with: "-")
        .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
    let now = Int(Date().timeIntervalSince1970)
    let claims: [String: Any] = [
      "iss": "rjhub", "sub": "worker-1", "iat": now, "exp": now + 600,
      "roles": roles.map(\.rawValue), "areas": ["norfolk"],
    ]
    let header = encode(try JSONSerialization.data(withJSONObject: ["alg": "HS256", "typ": "JWT"]))
    let payload = encode(try JSONSerialization.data(withJSONObject: claims))
    let signature = HMAC<SHA256>.authenticationCode(
      for: Data("\(header).\(payload)".utf8), using: SymmetricKey(data: Data(key.utf8)))
    let token = "\(header).\(payload).\(encode(Data(signature)))"
    let caller = try await AccessGate(signingKey: key).verify(token: token)
    return SignedIn(
      id: "s", session: WorkplaceSession(displayName: "W", accessToken: token, csrfToken: "c"),
      caller: caller)
  }
}
