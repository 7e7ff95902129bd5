import EventContracts
import Foundation
import TestSupport
import Testing

@Suite("Published JSON Schemas match the code")
struct SchemaValidationTests {
  func schema(_ fileName: String) throws -> URL {
    RepositoryPaths.eventSchemas().appendingPathComponent(fileName)
  }

  @Test(arguments: EventCatalog.all.map(\.routingKey))
  func everyCatalogSampleValidatesAgainstItsSchema(_ routingKey: String) throws {
    let entry = try #require(EventCatalog.entry(forRoutingKey: routingKey))
    let samples = try entry.samples()
    #expect(!samples.isEmpty, "\(routingKey) needs at least one sample")
    let results = try SchemaValidator.errors(
      schemaFile: schema(entry.schemaFileName), instances: samples)
    for (index, errors) in results.enumerated() {
      #expect(errors.isEmpty, "sample \(index) of \(routingKey): \(errors)")
    }
  }

  @Test func everyEnvelopedSampleValidatesAgainstTheEnvelopeSchema() throws {
    let samples = try EventCatalog.all.filter { $0.framing == .envelope }.flatMap {
      try $0.samples()
    }
    let results = try SchemaValidator.errors(
      schemaFile: schema(EventCatalog.envelopeSchemaFileName), instances: samples)
    #expect(results.count == samples.count)
    for errors in results { #expect(errors.isEmpty, "\(errors)") }
  }

  @Test func exampleMessageValidates() throws {
    let example = Array(
      try Data(contentsOf: RepositoryPaths.docs("examples/referral.submitted.v1.json")))
    #expect(
      try SchemaValidator.errors(
        schemaFile: schema("referral.submitted.v1.schema.json"), instance: example) == [])
  }

  @Test func schemaFilesAndCatalogEntriesMatchOneToOne() throws {
    let files = Set(
      try FileManager.default.contentsOfDirectory(atPath: RepositoryPaths.eventSchemas().path)
        .filter { $0.hasSuffix(".schema.json") })
    let catalogued = Set(EventCatalog.all.map(\.schemaFileName))
    #expect(catalogued.count == EventCatalog.all.count, "duplicate catalog entries")
    #expect(files.subtracting(catalogued) == [EventCatalog.envelopeSchemaFileName])
    #expect(catalogued.subtracting(files) == [])
    for entry in EventCatalog.all {
      #expect(entry.schemaFileName == "\(entry.eventType).v\(entry.eventVersion).schema.json")
    }
  }

  @Test func submissionMissingARequiredFieldFailsValidation() throws {
    var object = try jsonObject(EventCatalog.all[0].samples()[0])
    object["consentToShare"] = nil
    let errors = try SchemaValidator.errors(
      schemaFile: schema("referral.submitted.v1.schema.json"), instance: bytes(object))
    #expect(errors.contains { $0.contains("'consentToShare' is a required property") }, "\(errors)")
  }

  @Test func submissionWithNeitherVictimNorOffenderFailsValidation() throws {
    var object = try jsonObject(EventCatalog.all[0].samples()[0])
    object["victim"] = nil
    object["offender"] = nil
    let errors = try SchemaValidator.errors(
      schemaFile: schema("referral.submitted.v1.schema.json"), instance: bytes(object))
    #expect(!errors.isEmpty)
  }

  @Test(arguments: [
    ("/offence/occurredOn", "14/02/2025"), ("/victim/dateOfBirth", "19800101"),
    ("/submittedAt", "2025-03-06 09:58"), ("/victim/email", "not-an-email"),
    ("/victim/preferredContact", "fax"), ("/referrer/type", "probation"),
  ])
  func submissionWithABadFormatFailsValidation(_ pointer: String, _ value: String) throws {
    var object = try jsonObject(EventCatalog.all[0].samples()[0])
    let keys = pointer.split(separator: "/").map(String.init)
    if keys.count == 1 {
      object[keys[0]] = value
    } else {
      var inner = try #require(object[keys[0]] as? [String: Any])
      inner[keys[1]] = value
      object[keys[0]] = inner
    }
    let errors = try SchemaValidator.errors(
      schemaFile: schema("referral.submitted.v1.schema.json"), instance: bytes(object))
    #expect(errors.contains { $0.hasPrefix(pointer + ":") }, "\(errors)")
  }

  @Test func envelopeMissingItsIdFailsValidation() throws {
    var object = try jsonObject(try EventCoding.encode(EventSamples.caseOpened[0]))
    object["id"] = nil
    let errors = try SchemaValidator.errors(
      schemaFile: schema("case.opened.v1.schema.json"), instance: bytes(object))
    #expect(errors.contains { $0.contains("'id' is a required property") }, "\(errors)")
  }

  @Test func caseOpenedRejectsPersonalDataFields() throws {
    var object = try jsonObject(try EventCoding.encode(EventSamples.caseOpened[0]))
    var data = try #require(object["data"] as? [String: Any])
    data["victimName"] = "Test Victim Alpha"
    object["data"] = data
    let errors = try SchemaValidator.errors(
      schemaFile: schema("case.opened.v1.schema.json"), instance: bytes(object))
    #expect(errors.contains { $0.hasPrefix("/data:") && $0.contains("victimName") }, "\(errors)")
  }

  @Test func eventSchemaPinsTheEventType() throws {
    let accepted = try EventCoding.encode(EventSamples.referralAccepted[0])
    let errors = try SchemaValidator.errors(
      schemaFile: schema("case.opened.v1.schema.json"), instance: accepted)
    #expect(errors.contains { $0.hasPrefix("/type:") }, "\(errors)")
  }

  func jsonObject(_ bytes: [UInt8]) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
  }

  func bytes(_ object: [String: Any]) throws -> [UInt8] {
    Array(try JSONSerialization.data(withJSONObject: object))
  }
}
