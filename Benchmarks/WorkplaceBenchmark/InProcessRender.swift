// The case page rendered in this process, through the workplace's own CasePage and
// PageRenderer. Those are internal to the Workplace module, so this part needs it compiled for
// testing: debug builds are; Benchmarks/workplace.sh builds the release benchmark with
// `-enable-testing -DWORKPLACE_BENCHMARK_IN_PROCESS` in a scratch path of its own (so the hub's
// release build is left as it is). A plain release build leaves this part out.
#if WORKPLACE_BENCHMARK_IN_PROCESS || DEBUG
  import AccessControl
  import Foundation
  import ServiceRuntime
  @testable import Workplace

  enum InProcessRender {
    static let available = true

    /// Renders the synthetic case `count` times as `CaseRoutes.page` does — victim-contact's
    /// answer decoded as `HubAPI` decodes it, `CasePage(view:signedIn:…).context()`,
    /// `PageRenderer.render("case", …, section: "my-work")`, `HTMLPage.response` — for a
    /// case worker of `area`, and prints the figures.
    static func run(count: Int, timelineEntries: Int, area: String) async throws {
      let answer = try SyntheticCase.json(timelineEntries: timelineEntries)
      let pages = try await PageRenderer.bundled()
      // A verified caller as the session gate makes one: a token, then the gate's verdict.
      let key = String(repeating: "workplace-benchmark-key-", count: 2)
      let token = try await TokenIssuer(signingKey: key).issue(
        subject: "test-user-caseworker-alpha", roles: [.caseWorker], areas: [area])
      let caller = try await AccessGate(signingKey: key).verify(token: token)
      let signedIn = SignedIn(
        id: "benchmark-session",
        session: WorkplaceSession(
          displayName: "Test Caseworker Alpha", accessToken: token,
          csrfToken: "benchmark-csrf-token-0123456789abcdef"),
        caller: caller)

      func decode() throws -> JSONValue { try JSONDecoder().decode(JSONValue.self, from: answer) }
      func render(_ view: JSONValue) -> String {
        let page = CasePage(view: view, signedIn: signedIn, refused: nil, banner: nil)
        return pages.render("case", page.context(), signedIn: signedIn, section: "my-work")
      }

      let sample = try decode()
      let html = render(sample)
      let timeline = sample["journey"]?["timeline"]?.arrayValue?.count ?? 0
      let rows = html.components(separatedBy: "<tr").count - 1
      let items = html.components(separatedBy: "<li").count - 1
      print(
        "in process: synthetic case, timeline \(timeline) entries, "
          + "\(sample["journey"]?["stageChanges"]?.arrayValue?.count ?? 0) stage changes, "
          + "\(sample["tasks"]?.arrayValue?.count ?? 0) tasks, "
          + "\(sample["contactAttempts"]?.arrayValue?.count ?? 0) contact attempts; "
          + "answer \(answer.count) bytes, page \(html.utf8.count) bytes (\(rows) table rows, \(items) list items)"
      )
      for _ in 0..<min(50, count) { _ = render(try decode()) }  // warm-up, not counted

      var decoding: [Double] = []
      var contexts: [Double] = []
      var templates: [Double] = []
      var whole: [Double] = []
      let clock = ContinuousClock()
      let started = clock.now
      for _ in 0..<count {
        let t0 = clock.now
        let view = try decode()
        let t1 = clock.now
        let page = CasePage(view: view, signedIn: signedIn, refused: nil, banner: nil)
        let context = page.context()
        let t2 = clock.now
        let response = HTMLPage.response(
          pages.render("case", context, signedIn: signedIn, section: "my-work"))
        let t3 = clock.now
        withExtendedLifetime(response) {}
        decoding.append(Figures.milliseconds(t1 - t0))
        contexts.append(Figures.milliseconds(t2 - t1))
        templates.append(Figures.milliseconds(t3 - t2))
        whole.append(Figures.milliseconds(t3 - t0))
      }
      let elapsed = Figures.milliseconds(clock.now - started) / 1000
      print(
        "  \(count) renders, one at a time, \(String(format: "%.0f", Double(count) / elapsed)) pages/s"
      )
      Figures.line("decode answer", decoding)
      Figures.line("CasePage.context", contexts)
      Figures.line("PageRenderer.render", templates)
      Figures.line("whole page", whole)
    }
  }
#else
  enum InProcessRender {
    static let available = false

    static func run(count: Int, timelineEntries: Int, area: String) async throws {
      print(
        "in process: skipped (this build leaves it out: Benchmarks/workplace.sh builds the benchmark "
          + "with -enable-testing -DWORKPLACE_BENCHMARK_IN_PROCESS)")
    }
  }
#endif
