import Hummingbird

/// One problem with a query parameter, with a code a client can act on. Messages say what is
/// expected and never repeat the value sent.
struct ParameterProblem: Encodable, Sendable, Equatable {
  /// The parameter, e.g. "from".
  var parameter: String
  /// "required", "invalid-format", "invalid-value" or "repeated".
  var code: String
  /// What is expected.
  var message: String
}

/// Query parameters that cannot be accepted: HTTP 400 with every problem,
/// `{"errors":[{"parameter":"from","code":"invalid-format","message":"..."}]}`.
struct QueryParameterFailure: Error, HTTPResponseError, Sendable {
  /// Every problem found.
  var problems: [ParameterProblem]

  /// 400 Bad Request.
  var status: HTTPResponse.Status { .badRequest }

  /// The JSON body listing the problems.
  func response(from request: Request, context: some RequestContext) throws -> Response {
    try JSONResponse.make(status: status, Body(errors: problems))
  }

  /// The response body.
  struct Body: Encodable {
    /// Every problem found.
    var errors: [ParameterProblem]
  }
}
