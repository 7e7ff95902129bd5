import Hummingbird
import Logging

/// Turns every error of a page route into a page: a ``PageRefusal`` into its own page, a
/// service that did not answer into the 503 page, anything else into a plain "something went
/// wrong" page whose log line names the error's type only (never personal data).
struct PageErrorMiddleware<Context: RequestContext>: RouterMiddleware {
  let pages: PageRenderer
  let sessions: SessionGate
  var sessionCookie: SessionCookie { sessions.cookie }

  func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    do {
      return try await next(request, context)
    } catch let refusal as PageRefusal {
      // A signed-in person refused a page keeps their header and navigation.
      var signedIn: SignedIn? = nil
      switch refusal {
      case .forbidden, .notFound, .serviceUnavailable, .formNotFromWorkplace:
        signedIn = try? await sessions.signedIn(request)
      default: break
      }
      return page(for: refusal, signedIn: signedIn)
    } catch let unavailable as ServiceUnavailable {
      return page(for: .serviceUnavailable(unavailable.service.rawValue))
    } catch let error as HTTPError where error.status == .notFound {
      return page(for: .notFound("There is no page at this address."))
    } catch {
      context.logger.error(
        "page failed", metadata: ["error.type": "\(String(reflecting: type(of: error)))"])
      let html = pages.render(
        "refusal",
        [
          "pageTitle": "Sorry, there is a problem", "heading": "Sorry, there is a problem",
          "reason": "Something went wrong on this page. Nothing was changed. Try again later.",
        ], signedIn: nil)
      return HTMLPage.response(html, status: .internalServerError)
    }
  }

  func page(for refusal: PageRefusal, signedIn: SignedIn? = nil) -> Response {
    if case .signInNeeded(let returnTo) = refusal {
      return HTMLPage.redirect(to: "/sign-in?return=\(returnTo)")
    }
    let page = refusal.page
    var context: [String: Any] = [
      "pageTitle": page.heading, "heading": page.heading, "reason": page.reason,
    ]
    if let next = page.nextHref { context["nextHref"] = next }
    if let label = page.nextLabel { context["nextLabel"] = label }
    let cookies: [String]
    if case .sessionEnded = refusal { cookies = [sessionCookie.clearing()] } else { cookies = [] }
    return HTMLPage.response(
      pages.render("refusal", context, signedIn: signedIn), status: refusal.status,
      cookies: cookies)
  }
}
