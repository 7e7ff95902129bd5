import Foundation
import Hummingbird

/// One problem with a request, pointing at the field (JSON Pointer into the body, e.g.
/// "/areas/1"; a query parameter by name, e.g. "?area") with a code a client can act on.
/// Messages say what is expected and never repeat the value sent, which may be personal data.
struct FieldProblem: Encodable, Sendable, Equatable {
  /// The field, e.g. "/capacity"; "" for the whole body.
  var path: String
  /// "malformed-json", "required", "invalid-type", "invalid-value", "invalid-format" or
  /// "too-long".
  var code: String
  /// What is expected.
  var message: String
}

/// A request that cannot be accepted: HTTP 400 with every problem,
/// `{"errors":[{"path":"/level","code":"invalid-value","message":"..."}]}` (the same shape
/// victim-contact answers with).
struct RequestValidationFailure: HTTPResponseError, Sendable {
  /// Every problem found.
  var problems: [FieldProblem]

  /// 400 Bad Request.
  var status: HTTPResponse.Status { .badRequest }

  /// The JSON body listing the problems.
  func response(from request: Request, context: some RequestContext) throws -> Response {
    try JSONResponse.make(status: status, Body(errors: problems))
  }

  /// The response body.
  struct Body: Encodable {
    /// Every problem found.
    var errors: [FieldProblem]
  }
}
