import EventContracts
import Foundation
import PostgresClient
import PropertyBased
import TestSupport
import Testing

@testable import Intake

/// The referral decoder and validator under thousands of malformed and hostile bodies
/// (property-based, shrinking to the smallest failing mutation list), and the real handler under
/// hundreds of them: every body gets an answer with well-formed errors, nothing crashes, nothing
/// is dead-lettered unexplained.
@Suite("Hostile and malformed referral bodies")
struct HostileReferralTests {
  let validator = ReferralValidator(areas: ["norfolk", "suffolk"])
  let receivedAt = Date(timeIntervalSince1970: 1_741_255_200)  // 2025-03-06T10:00:00Z

  /// Every code the contract defines.
  static let knownCodes: Set<String> = [
    ReferralError.Code.required, ReferralError.Code.invalidType,
    ReferralError.Code.invalidFormat, ReferralError.Code.invalidValue,
    ReferralError.Code.dateInFuture, ReferralError.Code.unknownArea,
    ReferralError.Code.unknownDistrict,
    ReferralError.Code.malformedJSON, ReferralError.Code.tooLong,
    ReferralError.Code.contactUnusable, ReferralError.Code.victimConsiderationRequired,
  ]

  /// What intake decides for `body`, as its handler does: the problems, or none and the
  /// referral it would store.
  func decide(_ body: [UInt8]) -> (problems: [ReferralError], referral: ValidReferral?) {
    guard let submission = try? ReferralSubmission.decode(from: body) else {
      return ([ReferralError(path: "", code: ReferralError.Code.malformedJSON, message: "x")], nil)
    }
    let problems = validator.problems(in: submission, receivedAt: receivedAt)
    return (problems, problems.isEmpty ? ValidReferral(submission) : nil)
  }

  /// The answer to `body` is well-formed: either no problems and a storable referral, or
  /// problems each with a pointer, a known code and a short message that repeats nothing sent.
  func expectWellFormedAnswer(_ body: [UInt8]) {
    let (problems, referral) = decide(body)
    if problems.isEmpty {
      #expect(referral != nil, "a body without problems can be stored")
      return
    }
    #expect(Set(problems.map(\.path)).count == problems.count, "one problem per path")
    for problem in problems {
      #expect(problem.path.isEmpty || problem.path.hasPrefix("/"), "\(problem.path)")
      #expect(Self.knownCodes.contains(problem.code), "\(problem.code)")
      #expect(!problem.message.isEmpty && problem.message.count < 300)
      #expect(!problem.message.contains(HostileReferrals.marker), "no value echoed")
    }
  }

  @Test("thousands of generated hostile bodies each get a well-formed answer, and none crashes")
  func generatedBodies() async {
    await propertyCheck(count: 3000, input: Gen.int(in: 0...99_999).array(of: 1...5)) { codes in
      expectWellFormedAnswer(HostileReferrals.body(codes))
    }
  }

  @Test("every body that is not one JSON object is rejected as malformed-json")
  func notAnObject() {
    for body in HostileReferrals.bodies.prefix(10) {
      let (problems, _) = decide(body)
      #expect(problems.map(\.code) == [ReferralError.Code.malformedJSON], "\(body.prefix(20))")
    }
  }

  @Test("each hostile value in each field is answered well-formed")
  func everyValueInEveryField() {
    for pathIndex in HostileReferrals.paths.indices {
      for valueIndex in HostileReferrals.values.indices {
        let code = pathIndex + valueIndex * HostileReferrals.paths.count
        // Skip codes that stand for a whole-body replacement (covered above).
        guard code % 7 != 0 else { continue }
        expectWellFormedAnswer(HostileReferrals.body([code]))
      }
    }
  }

  @Test("the real handler answers and keeps 400 hostile submissions; none is dead-lettered")
  func realHandlerUnderHostileBodies() async throws {
    try await IntakeHarness.with { h in
      let bodies = HostileReferrals.seeded(count: 400, seed: 0x5EED_2026).map(HostileReferrals.body)
      _ = try await h.submit(bodies)
      try await h.handle(expecting: bodies.count)
      let s = h.schema.sql
      let outcomes = try await h.pool.withSession { session in
        try session.query(
          """
          SELECT outcome, count(*), count(*) FILTER (WHERE cardinality(error_codes) = 0)
          FROM \(s).submissions GROUP BY outcome
          """
        ).rows.map {
          (
            try $0.decode(0, as: String.self), try $0.decode(1, as: Int.self),
            try $0.decode(2, as: Int.self)
          )
        }
      }
      #expect(outcomes.map(\.1).reduce(0, +) == bodies.count, "every submission kept: \(outcomes)")
      #expect(Set(outcomes.map(\.0)).isSubset(of: ["accepted", "duplicate", "linked", "rejected"]))
      let rejected = try #require(outcomes.first { $0.0 == "rejected" })
      #expect(rejected.1 > 300, "most hostile bodies are rejected: \(outcomes)")
      #expect(rejected.2 == 0, "every rejection says why")
      #expect(try await h.admin.get(queue: h.queue.deadLetterQueue) == nil, "nothing dead-lettered")
    }
  }
}
