import AsyncHTTPClient
import Foundation

/// How long the workplace takes to show a case page whose journey has 200 events (the issue's
/// target: p95 under 100 ms). Two parts, both printed, nothing asserted:
///
/// 1. In process: a synthetic victim-contact view of a case (timeline of 200 entries, with the
///    stage changes, tasks, contact attempts and participants to match) rendered `renders`
///    times through `CasePage` and `PageRenderer` as `CaseRoutes` renders `GET /cases/{caseId}`.
/// 2. Through a running hub (`Benchmarks/workplace.sh` starts one): a referral's case taken to
///    200 timeline entries, its page fetched from the workplace `requests` times by a case
///    worker signed in through the OpenID provider, next to victim-contact's view alone.
///
/// Arguments: `[renders=1000] [requests=200] [area=norfolk]`; `--in-process-only` skips part 2.
@main
struct WorkplaceBenchmark {
  static func main() async throws {
    var arguments = Array(CommandLine.arguments.dropFirst())
    let inProcessOnly = arguments.contains("--in-process-only")
    arguments.removeAll { $0.hasPrefix("--") }
    let renders = arguments.count > 0 ? Int(arguments[0]) ?? 1000 : 1000
    let requests = arguments.count > 1 ? Int(arguments[1]) ?? 200 : 200
    let area = arguments.count > 2 ? arguments[2] : "norfolk"
    let timelineEntries = 200
    print(
      "RJ Hub workplace benchmark: the case page of a case with \(timelineEntries) timeline entries "
        + "(target p95 < 100 ms)")
    print("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores")

    try await InProcessRender.run(count: renders, timelineEntries: timelineEntries, area: area)
    guard !inProcessOnly else { return }

    let http = HTTPClient(
      eventLoopGroupProvider: .singleton,
      configuration: HTTPClient.Configuration(redirectConfiguration: .disallow))
    do {
      try await HubRun(count: requests, timelineEntries: timelineEntries, area: area).run(
        http: http)
      try await http.shutdown()
    } catch {
      try? await http.shutdown()
      print("through the hub: failed: \(error)")
      exit(1)
    }
  }
}
