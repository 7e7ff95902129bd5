import AccessControl
import Foundation
import TestSupport

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The benchmark's register: synthetic facilitators spread over the areas, posted through
/// `POST /facilitators` sixteen at a time. A fifth are advanced (trained for every sensitive
/// type), half intermediate, the rest foundation; four in ten are community volunteers; some
/// speak Polish, Lithuanian or Portuguese too. Capacity 5 each, vetted and supervised.
enum Register {
  /// Registers `count` facilitators; the seconds it took.
  static func load(_ count: Int, areas: [String], run: String, rig: ServiceAPIRig)
    async throws -> Double
  {
    let token = try await rig.token(
      subject: "matching-benchmark", roles: [.administrator], areas: Set(areas))
    let started = ContinuousClock.now
    try await withThrowingTaskGroup(of: Void.self) { group in
      var next = 0
      func add() {
        let index = next
        next += 1
        group.addTask { try await post(index, areas: areas, run: run, token: token, rig: rig) }
      }
      for _ in 0..<min(16, count) { add() }
      while try await group.next() != nil {
        if next < count { add() }
      }
    }
    return (ContinuousClock.now - started).seconds
  }

  static let vetted = SyntheticDates.day(400)
  static let supervised = SyntheticDates.day(-20)

  static func post(
    _ index: Int, areas: [String], run: String, token: String, rig: ServiceAPIRig
  ) async throws {
    // The facilitator's place within its area decides its level, kind and languages, so every
    // area has the same mix.
    let rank = index / areas.count
    let level = rank % 5 == 0 ? "advanced" : rank % 5 < 3 ? "intermediate" : "foundation"
    let extra = ["pl", "lt", "pt", nil, nil][(rank / 5) % 5]
    let body: [String: Any] = [
      "facilitatorId": "MB-\(run)-\(index)", "displayName": "Bench Facilitator \(index)",
      "email": "bench.\(run).\(index)@example.org", "agency": "Bench Agency \(rank % 7)",
      "kind": rank % 10 < 4 ? "community-volunteer" : "staff-advisor", "level": level,
      "areas": [areas[index % areas.count]], "languages": ["en"] + (extra.map { [$0] } ?? []),
      "caseTypes": level == "advanced" ? ["domestic-abuse", "hate-crime", "youth"] : [],
      "vettingExpiresOn": vetted, "lastSupervisionOn": supervised, "capacity": 5,
    ]
    let data = try JSONSerialization.data(withJSONObject: body)
    let reply = try await rig.http(
      "POST", "/facilitators", token: token, body: String(decoding: data, as: UTF8.self))
    guard (200..<300).contains(reply.status) else {
      throw BenchmarkFailure("registering \(index): HTTP \(reply.status)")
    }
  }
}

/// A benchmark step that could not be done.
struct BenchmarkFailure: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
