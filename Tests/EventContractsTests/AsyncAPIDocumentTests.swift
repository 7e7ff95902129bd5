import EventContracts
import Foundation
import Testing

@Suite("AsyncAPI document")
struct AsyncAPIDocumentTests {
  /// What the Python side reads out of docs/asyncapi.yaml.
  struct Summary: Decodable {
    var asyncapi: String
    var fileRefs: [String]
    var unresolvedInternalRefs: [String]
    var messageNames: [String]
    var channelAddresses: [String?]
  }

  /// Parses the YAML with python3-yaml (a real YAML parser) and lists its references.
  static let script = #"""
    import json, sys
    try:
        import yaml
    except ImportError:
        sys.exit("python3-yaml is not installed for /usr/bin/python3: apt-get install -y python3-yaml")
    with open(sys.argv[1]) as f:
        doc = yaml.safe_load(f)

    def walk(node, found):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "$ref" and isinstance(value, str):
                    found.append(value)
                else:
                    walk(value, found)
        elif isinstance(node, list):
            for value in node:
                walk(value, found)
        return found

    def resolves(pointer):
        node = doc
        for part in pointer.lstrip("#/").split("/"):
            part = part.replace("~1", "/").replace("~0", "~")
            if not isinstance(node, dict) or part not in node:
                return False
            node = node[part]
        return True

    refs = walk(doc, [])
    json.dump({
        "asyncapi": str(doc.get("asyncapi")),
        "fileRefs": sorted({r for r in refs if not r.startswith("#")}),
        "unresolvedInternalRefs": [r for r in refs if r.startswith("#") and not resolves(r)],
        "messageNames": sorted(m.get("name") for m in doc["components"]["messages"].values()),
        "channelAddresses": [c.get("address") for c in doc["channels"].values()],
    }, sys.stdout)
    """#

  func summary() throws -> Summary {
    let output = try PythonTool.run(
      script: Self.script, arguments: [RepositoryPaths.docs("asyncapi.yaml").path], input: [])
    return try JSONDecoder().decode(Summary.self, from: Data(output))
  }

  @Test func isAsyncAPI3WithResolvableReferences() throws {
    let summary = try summary()
    #expect(summary.asyncapi == "3.0.0")
    #expect(summary.unresolvedInternalRefs == [])
    for ref in summary.fileRefs {
      let path = try RepositoryPaths.docs(ref).path
      #expect(FileManager.default.fileExists(atPath: path), "\(ref) does not exist")
    }
  }

  @Test func describesEveryCatalogMessageAndExchange() throws {
    let summary = try summary()
    #expect(Set(summary.messageNames) == Set(EventCatalog.all.map(\.routingKey)))
    #expect(
      Set(summary.fileRefs)
        == Set(EventCatalog.all.map { "./events/\($0.schemaFileName)" }))
    let addresses = Set(summary.channelAddresses.compactMap { $0 })
    #expect(addresses == Set(EventCatalog.all.map(\.exchange)))
  }
}
