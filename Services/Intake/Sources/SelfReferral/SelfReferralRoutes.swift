import AuditTrail
import DurableMessaging
import EventContracts
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PostgresClient

/// The public self-referral form, served by intake for victims, bereaved family members and
/// offenders: the one documented exception to "every route needs a token" besides health and
/// metrics (`docs/access-control.md`). Its submissions go through the same
/// ``ReferralReception`` as police and agency referrals, so they are validated, kept (rejected
/// ones too), linked and announced identically, with `sourceSystem` `self-referral-form`.
///
/// - `GET /self-referral`: who is referring (a GET form, so it works without JavaScript).
/// - `GET /self-referral/details?role=…`: the questions for that role; sets the CSRF cookie.
/// - `POST /self-referral/details`: 303 to the confirmation page when accepted; 422 with the
///   page again, an error summary linked to each field and the message beside it, when not.
/// - `GET /self-referral/confirmation?reference=…`: the reference number to quote.
/// - `GET /self-referral/assets/form.css`: the stylesheet.
///
/// Pages carry a strict Content-Security-Policy (no scripts at all), are never cached, and a
/// submission needs the signed double-submit token and fits the per-minute cap.
struct SelfReferralRoutes: Sendable {
  let reception: ReferralReception
  let page: SelfReferralPage
  let tokens: CSRFTokens
  let rateLimit: SubmissionRateLimit
  let status: ReferralStatusReader
  let auditLog: AuditLog
  let pool: PostgresConnectionPool
  let outbox: Outbox
  /// Whether the cookie is `Secure` (the public address is https).
  let secureCookie: Bool

  /// The largest form body accepted (the form's longest answers fit several times over).
  static let maximumBodySize = 64 * 1024
  /// The CSRF cookie's name.
  static let cookieName = "rjhub_self_referral"

  /// Adds the routes to `router`.
  func register(on router: Router<BasicRequestContext>) {
    router.get("/self-referral") { _, _ in
      Self.html(.ok, page.start(errors: []))
    }
    router.get("/self-referral/details") { request, _ in
      details(request)
    }
    router.post("/self-referral/details") { request, context in
      try await submit(request, context: context)
    }
    router.get("/self-referral/confirmation") { request, context in
      try await confirmation(request, context: context)
    }
    router.get("/self-referral/assets/form.css") { _, _ in
      Response(
        status: .ok,
        headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=3600"],
        body: .init(byteBuffer: ByteBuffer(string: SelfReferralTemplates.stylesheet)))
    }
  }

  /// The areas offered, as select options.
  var areaOptions: [SelfReferralQuestions.Option] {
    reception.validator.directory.sorted.map {
      SelfReferralQuestions.Option(value: $0.id, label: $0.name)
    }
  }

  /// `GET /self-referral/details`.
  func details(_ request: Request) -> Response {
    guard let role = request.uri.queryParameters.get("role").flatMap(SelfReferralAnswers.Role.init)
    else {
      return Self.html(.unprocessableContent, page.start(errors: [Self.roleMissing]))
    }
    let token = tokens.issue()
    var response = Self.html(
      .ok,
      page.details(
        role: role, areas: areaOptions, answers: nil, errors: [], csrfToken: token,
        reference: SelfReferralReference.issue(), previous: nil))
    response.setCookie(
      Cookie(
        name: Self.cookieName, value: token, maxAge: 4 * 3600, path: "/self-referral",
        secure: secureCookie, httpOnly: true, sameSite: .strict))
    return response
  }

  static let roleMissing = SelfReferralError(
    field: "role", message: "Select who you are", path: "/initiatedBy", code: "required")

  /// `POST /self-referral/details`.
  func submit(_ request: Request, context: BasicRequestContext) async throws -> Response {
    guard rateLimit.admit() else {
      return Self.html(
        .tooManyRequests,
        page.problem(
          title: "Sorry, the service is busy",
          explanation:
            "We have received a lot of forms in the last minute. Your answers have not been sent. Please try again in a few minutes."
        ))
    }
    var request = request
    let body = Array(try await request.collectBody(upTo: Self.maximumBodySize).readableBytesView)
    let answers = SelfReferralAnswers(formBody: body)
    guard tokens.verify(cookie: request.cookies[Self.cookieName]?.value, field: answers["csrf"])
    else {
      return Self.html(
        .forbidden,
        page.problem(
          title: "Sorry, your form has expired",
          explanation:
            "For your security, forms expire after 4 hours and need cookies to be allowed. Your answers have not been sent."
        ))
    }
    guard let role = answers.role else {
      return Self.html(.unprocessableContent, page.start(errors: [Self.roleMissing]))
    }
    let reference =
      answers["reference"].flatMap(SelfReferralReference.validated)
      ?? SelfReferralReference.issue()
    let previous = answers["previous"].flatMap {
      SelfReferralReference.isSubmissionId($0) ? $0 : nil
    }
    let submissionId = "form-\(UUID().uuidString.lowercased())"
    let submission = answers.submission(referralId: reference, submittedAt: Date())
    let incoming = IncomingReferral(
      body: Array(try JSONEncoder().encode(submission)), submissionId: submissionId,
      correlationId: nil,
      replyTo: nil, channel: .form, corrects: previous)
    let logger = context.logger
    let received = try await pool.withTransaction { session in
      let received = try reception.receive(incoming, in: session, logger: logger)
      try outbox.enqueue(received.messages, in: session)
      try auditLog.record(Self.auditEntry(received), in: session)
      return received
    }
    switch received.answer {
    case .accepted:
      return Response(
        status: .seeOther,
        headers: Self.securityHeaders.merging([
          .location: "/self-referral/confirmation?reference=\(reference)"
        ]))
    case .rejected(let answer):
      let errors = SelfReferralErrors.formErrors(answer.data.errors, role: role)
      return Self.html(
        .unprocessableContent,
        page.details(
          role: role, areas: areaOptions, answers: answers, errors: errors,
          csrfToken: answers["csrf"] ?? "", reference: reference, previous: submissionId))
    }
  }

  /// `GET /self-referral/confirmation`: only for a reference the hub has accepted, with the
  /// contact details of the area's team.
  func confirmation(_ request: Request, context: BasicRequestContext) async throws -> Response {
    guard
      let reference = request.uri.queryParameters.get("reference").flatMap(
        SelfReferralReference.validated),
      let area = try await pool.withSession({ session in
        try status.acceptedArea(
          sourceSystem: SelfReferralAnswers.sourceSystem, referralId: reference, in: session)
      })
    else {
      return Self.html(
        .notFound,
        page.problem(
          title: "Page not found",
          explanation: "We could not find a referral with that reference number."))
    }
    return Self.html(
      .ok, page.confirmation(reference: reference, area: reception.validator.directory[area]))
  }

  /// The audit entry of a public submission: the form kept a referral's personal data.
  static func auditEntry(_ received: ReceivedReferral) -> AuditEntry {
    var caseId: String?
    if case .accepted(let answer) = received.answer { caseId = answer.data.caseId }
    return AuditEntry(
      subject: SelfReferralAnswers.sourceSystem, role: "public",
      action: "self-referral-\(received.outcome.rawValue)", caseId: caseId,
      fields: caseId == nil
        ? ["submission.raw-body"] : ["submission.raw-body", "referral.personal-data"])
  }

  /// Headers on every page: no scripts, no framing, no caching of personal answers.
  static let securityHeaders: HTTPFields = [
    .contentSecurityPolicy:
      "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    HTTPField.Name("X-Frame-Options")!: "DENY", .xContentTypeOptions: "nosniff",
    HTTPField.Name("Referrer-Policy")!: "no-referrer", .cacheControl: "no-store",
  ]

  /// An HTML response with the security headers.
  static func html(_ status: HTTPResponse.Status, _ text: String) -> Response {
    Response(
      status: status,
      headers: securityHeaders.merging([.contentType: "text/html; charset=utf-8"]),
      body: .init(byteBuffer: ByteBuffer(string: text)))
  }
}

extension HTTPFields {
  /// These fields with `other`'s added.
  func merging(_ other: HTTPFields) -> HTTPFields {
    var fields = self
    fields.append(contentsOf: other)
    return fields
  }
}

/// The reference a self-referrer is given (their referral's `referralId`): `SR-` and three
/// groups of four letters and digits from Crockford's alphabet (no I, L, O or U), 60 random
/// bits, so two people's references never coincide in practice (about 1 in 2 million after a
/// million referrals).
enum SelfReferralReference {
  static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

  /// A fresh reference.
  static func issue() -> String {
    var generator = SystemRandomNumberGenerator()
    let groups = (0..<3).map { _ in
      String((0..<4).map { _ in alphabet[Int(generator.next(upperBound: UInt32(32)))] })
    }
    return "SR-" + groups.joined(separator: "-")
  }

  /// `text` when it has a reference's shape, else nil.
  static func validated(_ text: String) -> String? {
    let group = "[0-9A-HJKMNP-TV-Z]{4}"
    return text.range(of: "^SR-\(group)-\(group)-\(group)$", options: .regularExpression) != nil
      ? text : nil
  }

  /// Whether `text` is a form submission id (`form-<uuid>`).
  static func isSubmissionId(_ text: String) -> Bool {
    text.range(of: "^form-[0-9a-f-]{36}$", options: .regularExpression) != nil
  }
}
