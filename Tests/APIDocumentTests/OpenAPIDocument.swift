import Foundation
import TestSupport

/// What a service's OpenAPI document (`docs/openapi/<name>.yaml`) says, read with
/// python3-yaml: its version, its operations as `"METHOD /path"`, the answers each gives, and
/// those that need no credentials, and every `$ref` that does not resolve (in the document, or in a file beside it).
struct OpenAPIDocument: Decodable {
  var openapi: String
  var operations: [String]
  var unresolved: [String]
  var responses: [String: [String]]
  /// The operations that ask for no credentials (`security: []`).
  var unauthenticated: [String]

  /// The document's file.
  static func url(_ name: String) -> URL {
    TestServers.repositoryRoot.appendingPathComponent("docs/openapi/\(name).yaml")
  }

  /// Reads `docs/openapi/<name>.yaml`.
  static func read(_ name: String) throws -> OpenAPIDocument {
    let output = try PythonTool.run(script: script, arguments: [url(name).path], input: [])
    return try JSONDecoder().decode(OpenAPIDocument.self, from: Data(output))
  }

  /// Parses the YAML and resolves each `$ref` with its JSON pointer.
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
                  if not follow(yaml.safe_load(f), pointer):
                      unresolved.append(ref)
          elif not follow(doc, pointer):
              unresolved.append(ref)

      def load(file):
          with open(os.path.normpath(os.path.join(os.path.dirname(path), file))) as f:
              return yaml.safe_load(f)

      def resolve(node, pointer):
          for part in [p for p in pointer.lstrip("/").split("/") if p]:
              node = node[part.replace("~1", "/").replace("~0", "~")]
          return node

      operations, responses, unauthenticated = [], {}, []
      for route, item in doc["paths"].items():
          if "$ref" in item:
              file, _, pointer = item["$ref"].partition("#")
              item = resolve(load(file) if file else doc, pointer)
          for method, operation in item.items():
              if method in ("parameters", "summary", "description", "servers"):
                  continue
              operations.append(method.upper() + " " + route)
              responses[method.upper() + " " + route] = sorted(operation["responses"].keys())
              if operation.get("security", doc.get("security", [])) == []:
                  unauthenticated.append(method.upper() + " " + route)
      json.dump({"openapi": str(doc["openapi"]), "operations": sorted(operations),
                 "unresolved": unresolved, "responses": responses,
                 "unauthenticated": sorted(unauthenticated)}, sys.stdout)
      """#
}
