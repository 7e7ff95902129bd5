import EventContracts
import Foundation
import TestSupport
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
  static let script =
    YAMLDocumentScript.prelude + #"""
      found = refs(doc)
      json.dump({
          "asyncapi": str(doc.get("asyncapi")),
          "fileRefs": sorted({r for r in found if not r.startswith("#")}),
          "unresolvedInternalRefs": [r for r in found if r.startswith("#") and not follow(doc, r)],
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
      let path = RepositoryPaths.docs(ref).path
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
    // rj.transfers carries the referral contract (hub to hub), so it is an exchange of its own
    // without a catalog entry of its own.
    #expect(addresses == Set(EventCatalog.all.map(\.exchange) + [EventExchange.transfers]))
  }
}
