import HTTPTypes

/// Why a page cannot be shown, each as a clear page (never a stack trace): who may see it,
/// what to do next.
enum PageRefusal: Error, Sendable {
  /// Not signed in: go to sign-in, then come back to `returnTo`.
  case signInNeeded(returnTo: String)
  /// The session timed out; sign in again.
  case sessionEnded(returnTo: String)
  /// The caller's roles do not cover the page.
  case forbidden(String)
  /// A form without this session's CSRF token, or from another site.
  case formNotFromWorkplace
  /// Nothing there.
  case notFound(String)
  /// A service did not answer.
  case serviceUnavailable(String)
  /// Sign-in could not finish.
  case signInFailed(String)

  var status: HTTPResponse.Status {
    switch self {
    case .signInNeeded: .seeOther
    case .sessionEnded: .unauthorized
    case .forbidden, .formNotFromWorkplace: .forbidden
    case .notFound: .notFound
    case .serviceUnavailable: .serviceUnavailable
    case .signInFailed: .badRequest
    }
  }

  /// The refusal page's heading, reason and next step.
  var page: (heading: String, reason: String, nextHref: String?, nextLabel: String?) {
    switch self {
    case .signInNeeded(let returnTo):
      ("Sign in", "Sign in to see this page.", "/sign-in?return=\(returnTo)", "Sign in")
    case .sessionEnded(let returnTo):
      (
        "Your session has ended",
        "You were signed out because the workplace was not used for a while, or your sign-in reached its time limit.",
        "/sign-in?return=\(returnTo)", "Sign in again"
      )
    case .forbidden(let reason):
      ("You cannot see this page", reason, "/", "Go to your start page")
    case .formNotFromWorkplace:
      (
        "The form could not be accepted",
        "The form was not sent from this session of the workplace (its security token is missing or out of date), so nothing was changed. Go back, reload the page and try again.",
        "/", "Go to your start page"
      )
    case .notFound(let what): ("Page not found", what, "/", "Go to your start page")
    case .serviceUnavailable(let service):
      (
        "Sorry, there is a problem with the service",
        "The \(service) service did not answer. Nothing was changed. Try again in a few minutes.",
        nil, nil
      )
    case .signInFailed(let reason):
      ("Sign-in did not finish", reason, "/sign-in", "Try signing in again")
    }
  }
}
