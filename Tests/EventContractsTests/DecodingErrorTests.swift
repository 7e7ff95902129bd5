import EventContracts
import Foundation
import TestSupport
import Testing

@Suite("Decoding errors name the field, never the value")
struct DecodingErrorTests {
  /// A valid case.opened message as a mutable JSON object.
  func caseOpenedObject() throws -> [String: Any] {
    let bytes = try EventCoding.encode(EventSamples.caseOpened[0])
    return try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
  }

  func reason(decoding object: [String: Any]) throws -> String {
    let bytes = Array(try JSONSerialization.data(withJSONObject: object))
    do {
      _ = try EventCoding.decode(CaseOpened.self, from: bytes)
    } catch EventDecodingError.malformed(let reason) {
      return reason
    }
    Issue.record("decoding unexpectedly succeeded")
    return ""
  }

  @Test func missingPayloadFieldIsNamedByPath() throws {
    var object = try caseOpenedObject()
    var data = try #require(object["data"] as? [String: Any])
    data["referralId"] = nil
    object["data"] = data
    #expect(try reason(decoding: object) == "/data/referralId: required field is missing")
  }

  @Test func missingHeaderFieldIsNamedByPath() throws {
    var object = try caseOpenedObject()
    object["producer"] = nil
    let bytes = Array(try JSONSerialization.data(withJSONObject: object))
    #expect(throws: EventDecodingError.malformed(reason: "/producer: required field is missing")) {
      try EventCoding.decodeHeader(bytes)
    }
  }

  @Test func wrongTypeSaysWhatIsExpectedWithoutTheValue() throws {
    var object = try caseOpenedObject()
    var data = try #require(object["data"] as? [String: Any])
    data["district"] = 123_456_789
    object["data"] = data
    let reason = try reason(decoding: object)
    #expect(reason == "/data/district: wrong JSON type, expected a string")
    #expect(!reason.contains("123456789"))
  }

  @Test func badEnumValueIsNamedWithoutTheValue() throws {
    var object = try caseOpenedObject()
    var data = try #require(object["data"] as? [String: Any])
    data["initiatedBy"] = "Secret Person Name"
    object["data"] = data
    let reason = try reason(decoding: object)
    #expect(reason.hasPrefix("/data/initiatedBy: "))
    #expect(!reason.contains("Secret"))
  }

  @Test func badDateSaysWhatFormatIsExpected() throws {
    var object = try caseOpenedObject()
    object["occurredAt"] = "06/03/1980 private"
    let reason = try reason(decoding: object)
    #expect(
      reason == "/occurredAt: expected an RFC 3339 date-time such as 2025-01-31T09:30:00Z")
  }

  @Test func badUUIDIsNamedWithoutTheValue() throws {
    var object = try caseOpenedObject()
    object["correlationId"] = "Jane Doe"
    let reason = try reason(decoding: object)
    #expect(reason.hasPrefix("/correlationId: "))
    #expect(!reason.contains("Jane"))
  }

  @Test func nullRequiredFieldIsNamed() throws {
    var object = try caseOpenedObject()
    var data = try #require(object["data"] as? [String: Any])
    data["caseId"] = NSNull()
    object["data"] = data
    #expect(try reason(decoding: object) == "/data/caseId: is null but a value is required")
  }

  @Test func invalidJSONIsReportedForTheWholeBody() {
    let bytes = Array(#"{"id": "Jane Doe", "#.utf8)
    #expect(throws: EventDecodingError.malformed(reason: "message body: not valid JSON")) {
      try EventCoding.decodeHeader(bytes)
    }
  }

  @Test func descriptionIsReadable() {
    #expect(
      EventDecodingError.typeMismatch(expected: "a.v1", found: "b.v2").description
        == "event type mismatch: expected a.v1, found b.v2")
    #expect(
      EventDecodingError.malformed(reason: "/x: required field is missing").description
        == "malformed event: /x: required field is missing")
  }
}
