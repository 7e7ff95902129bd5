import AMQPClient
import AccessControl
import EventContracts
import Foundation
import Logging
import TestSupport

/// Measures victim-contact's case-work API on a running hub (`Benchmarks/case-work.sh` starts
/// one): referrals are published as a police system would, and once their cases are planned,
/// each is run by a case worker and a colleague through a fixed journey of 18 requests —
/// contact, a participant, two consents, four stage moves with the state machine's checks,
/// two assessments and their sign-offs, an intervention planned (with the facilitators
/// matching allocated) and delivered, tasks closed, closure — with `concurrency` cases at a
/// time. Facilitators are registered first, as an administrator would. Prints requests per second and p50/p99
/// latency per kind of request. Nothing is asserted. Arguments:
/// `[cases=200] [concurrency=8] [area=norfolk]` (at most 200 cases: one page of the list).
@main
struct CaseWorkBenchmark {
  static func main() async throws {
    let arguments = CommandLine.arguments
    let count = min(200, arguments.count > 1 ? Int(arguments[1]) ?? 200 : 200)
    let concurrency = arguments.count > 2 ? Int(arguments[2]) ?? 8 : 8
    let area = arguments.count > 3 ? arguments[3] : "norfolk"
    let run = String(UUID().uuidString.prefix(8)).lowercased()
    print(
      "RJ Hub case-work benchmark: \(count) cases in \(area), \(concurrency) at a time, run \(run)")
    print("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores")

    let issuer = TokenIssuer(signingKey: try TestServers.setting(named: "RJHUB_TEST_JWT_HS256_KEY"))
    try await Facilitators.register(
      count: count / 100 + 2, run: run, area: area,
      token: try await issuer.issue(subject: "bench-admin", roles: [.administrator], areas: [area]))
    try await Referrals.publish(count: count, run: run, area: area)
    let api = CaseWorkAPI(
      base:
        "http://127.0.0.1:\(ProcessInfo.processInfo.environment["RJHUB_VICTIM_CONTACT_PORT"] ?? "8082")",
      worker: try await issuer.issue(subject: "bench-worker", roles: [.caseWorker], areas: [area]),
      colleague: try await issuer.issue(
        subject: "bench-colleague", roles: [.caseWorker], areas: [area]))
    let waitStart = ContinuousClock.now
    let cases = try await api.plannedCases(prefix: "CWB-\(run)-", count: count)
    print(
      String(
        format: "cases planned  %8.2f s after publishing (%d cases)",
        seconds(ContinuousClock.now - waitStart), cases.count))

    let start = ContinuousClock.now
    try await withThrowingTaskGroup(of: Void.self) { group in
      var next = 0
      for _ in 0..<min(concurrency, cases.count) {
        let caseId = cases[next]
        next += 1
        group.addTask { try await api.journey(caseId) }
      }
      while try await group.next() != nil, next < cases.count {
        let caseId = cases[next]
        next += 1
        group.addTask { try await api.journey(caseId) }
      }
      try await group.waitForAll()
    }
    let elapsed = seconds(ContinuousClock.now - start)
    let timings = await api.timings.all
    let total = timings.values.map(\.count).reduce(0, +)
    print(
      String(
        format: "journeys       %8.2f s for %d cases: %.1f cases/s, %.0f requests/s",
        elapsed, cases.count, Double(cases.count) / elapsed, Double(total) / elapsed))
    for (kind, values) in timings.sorted(by: { $0.key < $1.key }) {
      let sorted = values.sorted()
      print(
        "  " + kind.padding(toLength: 16, withPad: " ", startingAt: 0)
          + String(
            format: "%6d requests   p50 %7.1f ms   p99 %7.1f ms", sorted.count,
            percentile(sorted, 0.5), percentile(sorted, 0.99)))
    }
  }

  static func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
  }

  /// The `fraction` percentile of sorted `values` (nearest rank).
  static func percentile(_ values: [Double], _ fraction: Double) -> Double {
    guard !values.isEmpty else { return .nan }
    let rank = Int((fraction * Double(values.count)).rounded(.up)) - 1
    return values[max(0, min(values.count - 1, rank))]
  }
}
