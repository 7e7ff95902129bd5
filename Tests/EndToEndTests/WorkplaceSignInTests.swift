import Foundation
import NIOHTTP1
import TestSupport
import Testing

/// Signing in to the workplace through the real OpenID provider (infra/oidc.sh), its session
/// cookie, CSRF refusals, idle expiry and sign-out (issue 23). No other service is needed:
/// `/account` calls none.
@Suite(.serialized) struct WorkplaceSignInTests {
  @Test func signingInOpensASessionInAHostOnlyHttpOnlyCookie() async throws {
    try await WorkplaceUnderTest.with { workplace in
      let browser = StaffBrowser(workplace)
      let before = try await browser.request(.GET, "/account")
      #expect(before.status == 303)
      #expect(before.location == "/sign-in?return=%2Faccount")

      let callback = try await browser.signIn("caseworker.alpha")
      #expect(callback.status == 303)
      #expect(callback.location == "/account")
      let session = try #require(
        callback.setCookies.first { $0.hasPrefix("__Host-rjhub-session=") })
      for attribute in ["Path=/", "HttpOnly", "SameSite=Lax", "Secure"] {
        #expect(session.contains(attribute), "session cookie lacks \(attribute)")
      }
      #expect(!session.contains("Domain="))

      let account = try await browser.request(.GET, "/account")
      #expect(account.status == 200)
      #expect(account.body.contains("Test Caseworker Alpha"))
      #expect(account.body.contains("Case worker"))
      #expect(account.body.contains("norfolk"))
    }
  }

  @Test func aFormWithoutTheSessionsTokenIsRefusedAndChangesNothing() async throws {
    try await WorkplaceUnderTest.with { workplace in
      let browser = StaffBrowser(workplace)
      try await browser.signIn("supervisor.alpha")
      let page = try await browser.request(.GET, "/account")
      let token = try #require(StaffBrowser.csrfToken(in: page.body))

      let missing = try await browser.request(.POST, "/sign-out", form: [])
      #expect(missing.status == 403)
      #expect(missing.body.contains("The form could not be accepted"))
      let wrong = try await browser.request(.POST, "/sign-out", form: [("csrfToken", "x" + token)])
      #expect(wrong.status == 403)
      let crossSite = try await browser.request(
        .POST, "/sign-out", form: [("csrfToken", token)],
        headers: [("Origin", "https://elsewhere.example")])
      #expect(crossSite.status == 403)
      #expect(try await browser.request(.GET, "/account").status == 200, "still signed in")

      let other = StaffBrowser(workplace)
      try await other.signIn("caseworker.alpha")
      let foreign = try await browser.request(
        .POST, "/sign-out",
        form: [
          (
            "csrfToken",
            try #require(StaffBrowser.csrfToken(in: try await other.request(.GET, "/account").body))
          )
        ])
      #expect(foreign.status == 403, "another session's token is not this session's")
    }
  }

  @Test func signingOutEndsTheSessionForGood() async throws {
    try await WorkplaceUnderTest.with { workplace in
      let browser = StaffBrowser(workplace)
      try await browser.signIn("administrator.alpha")
      let page = try await browser.request(.GET, "/account")
      let cookie = try #require(browser.cookie(named: "__Host-rjhub-session"))
      let out = try await browser.request(
        .POST, "/sign-out",
        form: [("csrfToken", try #require(StaffBrowser.csrfToken(in: page.body)))],
        headers: [("Origin", workplace.base)])
      #expect(out.status == 303)
      #expect(out.location == "/signed-out")
      #expect(
        out.setCookies.contains {
          $0.hasPrefix("__Host-rjhub-session=;") && $0.contains("Max-Age=0")
        })
      let signedOut = try await browser.request(.GET, "/signed-out")
      #expect(signedOut.body.contains("You have signed out"))
      // The old cookie, kept by someone, opens nothing.
      browser.setCookie("__Host-rjhub-session", cookie)
      let replay = try await browser.request(.GET, "/account")
      #expect(replay.status == 303)
      #expect(replay.location?.hasPrefix("/sign-in") == true)
    }
  }

  @Test func anIdleSessionEndsAndSaysSo() async throws {
    try await WorkplaceUnderTest.with(environment: ["RJHUB_WORKPLACE_IDLE_TIMEOUT": "2s"]) {
      workplace in
      let browser = StaffBrowser(workplace)
      try await browser.signIn("caseworker.alpha")
      #expect(try await browser.request(.GET, "/account").status == 200)
      try await Task.sleep(for: .milliseconds(1200))
      #expect(try await browser.request(.GET, "/account").status == 200, "use keeps it alive")
      try await Task.sleep(for: .milliseconds(3000))
      let ended = try await browser.request(.GET, "/account")
      #expect(ended.status == 401)
      #expect(ended.body.contains("Your session has ended"))
      #expect(ended.setCookies.contains { $0.contains("Max-Age=0") })
      #expect(try await browser.request(.GET, "/account").status == 303, "and it stays ended")
    }
  }

  @Test func aCallbackThisBrowserDidNotStartIsRefused() async throws {
    try await WorkplaceUnderTest.with { workplace in
      let victim = StaffBrowser(workplace)
      let attacker = StaffBrowser(workplace)
      // The attacker starts a sign-in and hands the callback to someone else's browser.
      let start = try await attacker.request(.GET, "/auth/start?return=/account")
      let state = try #require(
        start.location.flatMap {
          URLComponents(string: $0)?.queryItems?.first { $0.name == "state" }?.value
        })
      let forged = try await victim.request(.GET, "/auth/callback?code=abc&state=\(state)")
      #expect(forged.status == 400)
      #expect(forged.body.contains("Sign-in did not finish"))
      #expect(
        forged.setCookies.allSatisfy {
          !$0.hasPrefix("__Host-rjhub-session=") || $0.contains("Max-Age=0")
        })

      // A real callback works once; replayed, it is refused.
      let browser = StaffBrowser(workplace)
      let answer = try await browser.signIn("caseworker.alpha")
      #expect(answer.status == 303)
      let providerError = try await browser.request(.GET, "/auth/callback?error=access_denied")
      #expect(providerError.status == 400)
    }
  }

  @Test func aReturnAddressOutsideTheWorkplaceIsIgnored() async throws {
    try await WorkplaceUnderTest.with { workplace in
      let browser = StaffBrowser(workplace)
      let answer = try await browser.signIn(
        "caseworker.alpha", returnTo: "https%3A%2F%2Fevil.example%2F")
      #expect(answer.location == "/my-work")
    }
  }
}
