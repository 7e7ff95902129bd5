import Hummingbird

/// One problem with a request, pointing at the field — a JSON Pointer into the body
/// (`/areas/1`), or a query parameter by name after `?` (`?from`) — with a code a client can
/// act on. Messages say what is expected and never repeat the value sent, which may be
/// personal data.
public struct FieldProblem: Encodable, Sendable, Equatable {
  /// The field, e.g. `/capacity` or `?area`; `""` for the whole body.
  public var path: String
  /// `malformed-json`, `required`, `invalid-type`, `invalid-value`, `invalid-format`,
  /// `too-long` or `repeated`.
  public var code: String
  /// What is expected.
  public var message: String

  /// A problem at `path`.
  public init(path: String, code: String, message: String) {
    self.path = path
    self.code = code
    self.message = message
  }
}

/// A request that cannot be accepted: HTTP 400 with every problem found, in the one shape
/// every service answers with,
/// `{"errors":[{"path":"/outcome","code":"invalid-value","message":"..."}]}`.
public struct RequestValidationFailure: HTTPResponseError, Sendable {
  /// Every problem found.
  public var problems: [FieldProblem]

  /// A failure listing `problems`.
  public init(problems: [FieldProblem]) {
    self.problems = problems
  }

  /// 400 Bad Request.
  public var status: HTTPResponse.Status { .badRequest }

  /// The JSON body listing the problems.
  public func response(from request: Request, context: some RequestContext) throws -> Response {
    try JSONResponse.make(status: status, Body(errors: problems))
  }

  /// The response body.
  struct Body: Encodable {
    var errors: [FieldProblem]
  }
}
