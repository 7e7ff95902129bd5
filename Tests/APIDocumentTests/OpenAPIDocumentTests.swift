import Foundation
import Testing

/// Every service's OpenAPI document (`docs/openapi/<service>.yaml`; intake's is the partner
/// agencies' contract, victim-contact's the case workers' API): OpenAPI 3.1, every reference
/// resolves (into the event schemas they share with the AMQP contract), and each describes
/// the answers its routes give.
@Suite("OpenAPI document")
struct OpenAPIDocumentTests {
  func summary(_ document: String = "intake") throws -> OpenAPIDocument {
    try OpenAPIDocument.read(document)
  }

  @Test(
    "OpenAPI 3.1 whose every reference resolves, into the shared event schemas too",
    arguments: ServiceRouteTables.services)
  func resolves(_ document: String) throws {
    let summary = try summary(document)
    #expect(summary.openapi == "3.1.0")
    #expect(summary.unresolved == [])
  }

  @Test("it describes victim-contact's case-work routes, each refusal and answer")
  func victimContactRoutes() throws {
    let summary = try summary("victim-contact")
    #expect(
      Set(summary.responses["POST /cases/{caseId}/stage"] ?? [])
        == ["201", "400", "401", "403", "404", "409"])
    #expect(
      Set(summary.responses["POST /cases/{caseId}/assessments/{assessmentId}/sign-off"] ?? [])
        == ["201", "401", "403", "404", "409"])
  }

  @Test("it describes every status intake's routes answer with")
  func routesAndStatuses() throws {
    let summary = try summary()
    #expect(
      Set(summary.responses["POST /submissions/{submissionId}/review"] ?? [])
        == ["200", "400", "401", "403", "404", "409"])
    #expect(
      Set(summary.responses["POST /cases/{caseId}/transfers"] ?? [])
        == ["201", "400", "401", "403", "404", "409"])
    #expect(
      Set(summary.responses["POST /referrals"] ?? [])
        == ["200", "201", "400", "401", "403", "413", "422"])
    #expect(
      Set(summary.responses["GET /referrals/{sourceSystem}/{referralId}"] ?? [])
        == ["200", "401", "403", "404"])
    #expect(
      Set(summary.responses["POST /submissions/{submissionId}/corrections"] ?? [])
        == ["200", "201", "401", "403", "404", "409", "422"])
  }

  /// The routes the product lets anyone reach: health and metrics, and the public self-referral
  /// form of intake (a victim who refers themself has no account).
  static let publicRoutes: Set<String> = [
    "GET /health/live", "GET /health/ready", "GET /metrics", "GET /self-referral",
    "GET /self-referral/details", "POST /self-referral/details",
    "GET /self-referral/confirmation", "GET /self-referral/assets/form.css",
  ]

  @Test(
    "only health, metrics and self-referral need no credentials; the rest name 401 and 403",
    arguments: ServiceRouteTables.services)
  func everyOtherRouteAuthenticated(_ document: String) throws {
    let summary = try summary(document)
    #expect(Set(summary.unauthenticated).isSubset(of: Self.publicRoutes))
    for (operation, responses) in summary.responses
    where !summary.unauthenticated.contains(operation) {
      #expect(responses.contains("401"), "\(operation) names its authentication failure")
      #expect(responses.contains("403"), "\(operation) names its authorisation failure")
    }
  }
}
