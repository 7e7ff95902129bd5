import Foundation
import Testing

/// `docs/openapi/intake.yaml`, the partner agencies' contract, and
/// `docs/openapi/victim-contact.yaml`, the case workers' API: OpenAPI 3.1, every reference
/// resolves (into the event schemas they share with the AMQP contract), and each describes
/// the routes its service serves with the answers they give.
@Suite("OpenAPI document")
struct OpenAPIDocumentTests {
  struct Summary: Decodable {
    var openapi: String
    var operations: [String]
    var unresolved: [String]
    var responses: [String: [String]]
  }

  /// Parses the YAML (python3-yaml) and resolves each `$ref`, in the document or in a file
  /// beside it (with its JSON pointer).
  static let script =
    YAMLDocumentScript.prelude + #"""
      path = sys.argv[1]
      unresolved = []
      for ref in refs(doc):
          file, _, pointer = ref.partition("#")
          if file:
              target = os.path.normpath(os.path.join(os.path.dirname(path), file))
              if not os.path.exists(target):
                  unresolved.append(ref)
                  continue
              with open(target) as f:
                  if not follow(json.load(f), pointer):
                      unresolved.append(ref)
          elif not follow(doc, pointer):
              unresolved.append(ref)

      operations, responses = [], {}
      for route, item in doc["paths"].items():
          for method, operation in item.items():
              operations.append(method.upper() + " " + route)
              responses[method.upper() + " " + route] = sorted(operation["responses"].keys())
      json.dump({"openapi": str(doc["openapi"]), "operations": sorted(operations),
                 "unresolved": unresolved, "responses": responses}, sys.stdout)
      """#

  func summary(_ document: String = "intake") throws -> Summary {
    let output = try PythonTool.run(
      script: Self.script, arguments: [RepositoryPaths.docs("openapi/\(document).yaml").path],
      input: [])
    return try JSONDecoder().decode(Summary.self, from: Data(output))
  }

  @Test(
    "OpenAPI 3.1 whose every reference resolves, into the shared event schemas too",
    arguments: ["intake", "victim-contact"])
  func resolves(_ document: String) throws {
    let summary = try summary(document)
    #expect(summary.openapi == "3.1.0")
    #expect(summary.unresolved == [])
  }

  @Test("it describes victim-contact's case-work routes, each refusal and answer")
  func victimContactRoutes() throws {
    let summary = try summary("victim-contact")
    let participant = "/cases/{caseId}/participants/{participantId}"
    #expect(
      Set(summary.operations) == [
        "GET /cases", "GET /cases/{caseId}", "POST /cases/{caseId}/contact-attempts",
        "POST /cases/{caseId}/stage", "POST /cases/{caseId}/assignment",
        "POST /cases/{caseId}/participants", "PUT \(participant)",
        "POST \(participant)/consents", "POST \(participant)/consent-withdrawal",
        "POST \(participant)/support-referrals", "POST /cases/{caseId}/assessments",
        "POST /cases/{caseId}/assessments/{assessmentId}/sign-off",
        "POST /cases/{caseId}/interventions",
        "POST /cases/{caseId}/interventions/{interventionId}/delivery",
        "POST /cases/{caseId}/interventions/{interventionId}/cancellation",
        "POST /cases/{caseId}/outcome-agreements",
        "POST /cases/{caseId}/outcome-agreements/{agreementId}/items/{itemId}",
        "POST /cases/{caseId}/surveys", "POST /cases/{caseId}/tasks",
        "POST /cases/{caseId}/task-closures", "GET /tasks/overdue", "POST /complaints",
        "GET /complaints", "POST /complaints/{complaintId}/acknowledgement",
        "POST /complaints/{complaintId}/response", "GET /audit",
      ])
    #expect(
      Set(summary.responses["POST /cases/{caseId}/stage"] ?? [])
        == ["201", "400", "401", "403", "404", "409"])
    #expect(
      Set(summary.responses["POST /cases/{caseId}/assessments/{assessmentId}/sign-off"] ?? [])
        == ["201", "401", "403", "404", "409"])
    for (operation, responses) in summary.responses {
      #expect(responses.contains("401"), "\(operation) names its authentication failure")
    }
  }

  @Test("it describes intake's routes and every status they answer with")
  func routesAndStatuses() throws {
    let summary = try summary()
    #expect(
      summary.operations == [
        "GET /referrals/{sourceSystem}/{referralId}", "GET /submissions",
        "GET /submissions/{submissionId}", "POST /cases/{caseId}/transfers", "POST /referrals",
        "POST /submissions/{submissionId}/corrections", "POST /submissions/{submissionId}/review",
      ])
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
}
