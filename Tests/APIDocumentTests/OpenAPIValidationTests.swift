import Foundation
import TestSupport
import Testing

/// Each OpenAPI document passes a real OpenAPI 3.1 validator (PyPI's openapi-spec-validator,
/// installed by infra/python-tools.sh), which checks the document against the specification's
/// schema and follows every reference, into the event schemas too.
@Suite("OpenAPI validation")
struct OpenAPIValidationTests {
  static let script = #"""
    import sys
    from openapi_spec_validator import validate
    from openapi_spec_validator.readers import read_from_filename
    spec, base = read_from_filename(sys.argv[1])
    try:
        validate(spec, base_uri=base)
    except Exception as error:
        sys.exit(f"{sys.argv[1]}: {str(error)[:2000]}")
    """#

  @Test(
    "every service's OpenAPI document, and the platform routes they share, are valid OpenAPI 3.1",
    arguments: ServiceRouteTables.services + ["platform"])
  func openAPIDocumentValidates(_ service: String) throws {
    _ = try PythonTool.run(
      script: Self.script, arguments: [OpenAPIDocument.url(service).path], input: [],
      interpreter: try PythonTool.toolsInterpreter())
  }

  @Test("the validator refuses a document that breaks the specification")
  func validatorRefusesABrokenDocument() throws {
    let broken = FileManager.default.temporaryDirectory
      .appendingPathComponent("broken-\(UUID().uuidString).yaml")
    defer { try? FileManager.default.removeItem(at: broken) }
    try Data(
      """
      openapi: 3.1.0
      info: {title: broken, version: "1"}
      paths:
        /cases:
          get:
            responses:
              "200": {content: {application/json: {schema: {$ref: "#/components/schemas/Missing"}}}}
      """.utf8
    ).write(to: broken)
    #expect(throws: ValidatorFailure.self) {
      try PythonTool.run(
        script: Self.script, arguments: [broken.path], input: [],
        interpreter: try PythonTool.toolsInterpreter())
    }
  }
}
