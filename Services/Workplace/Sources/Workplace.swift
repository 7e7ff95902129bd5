import AccessControl
import Hummingbird
import Logging

/// Everything the workplace's routes share: sessions, the identity provider, the services'
/// APIs and the page templates. Routes are grouped by section (`SignInRoutes`,
/// `MyWorkRoutes`, `CaseRoutes` …), each adding itself to the router.
public struct Workplace: Sendable {
  let settings: WorkplaceSettings
  let sessions: SessionGate
  let provider: OpenIDProvider
  let identity: IdentityTokenVerifier
  let api: HubAPI
  let pages: PageRenderer
  let logger: Logger

  /// The workplace over its collaborators.
  public init(
    settings: WorkplaceSettings, store: SessionStore, gate: AccessGate, provider: OpenIDProvider,
    identity: IdentityTokenVerifier, api: HubAPI, pages: PageRenderer, logger: Logger
  ) {
    self.settings = settings
    self.sessions = SessionGate(
      store: store, gate: gate, cookie: SessionCookie(secure: settings.servesSecureContext),
      publicOrigin: Self.origin(of: settings.publicURL))
    self.provider = provider
    self.identity = identity
    self.api = api
    self.pages = pages
    self.logger = logger
  }

  /// Where the provider sends people back after signing in.
  var redirectURI: String { settings.publicURL + "/auth/callback" }

  /// Adds every page to `router`, behind the middleware that turns refusals into pages.
  public func addRoutes(to router: Router<BasicRequestContext>) {
    let group = router.group()
      .add(middleware: PageErrorMiddleware(pages: pages, sessions: sessions))
    router.get("/assets/workplace.css") { _, _ in
      Response(
        status: .ok,
        headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=3600"],
        body: .init(byteBuffer: ByteBuffer(string: PageRenderer.stylesheet)))
    }
    SignInRoutes(workplace: self).add(to: group)
    AccountRoutes(workplace: self).add(to: group)
    MyWorkRoutes(workplace: self).add(to: group)
    ReferralRoutes(workplace: self).add(to: group)
    CaseRoutes(workplace: self).add(to: group)
    SupervisorRoutes(workplace: self).add(to: group)
    FacilitatorRoutes(workplace: self).add(to: group)
    SearchRoutes(workplace: self).add(to: group)
    FiguresRoutes(workplace: self).add(to: group)
  }

  /// `scheme://host[:port]` of `url`, as browsers send it in `Origin`.
  static func origin(of url: String) -> String {
    guard let schemeEnd = url.range(of: "://") else { return url }
    let rest = url[schemeEnd.upperBound...]
    let host = rest.split(separator: "/", maxSplits: 1).first.map(String.init) ?? ""
    return String(url[..<schemeEnd.upperBound]) + host
  }
}
