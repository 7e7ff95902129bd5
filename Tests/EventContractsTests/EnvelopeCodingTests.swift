import EventContracts
import Foundation
import TestSupport
import Testing

@Suite("Event envelope coding")
struct EnvelopeCodingTests {
  let accepted = EventSamples.referralAccepted[0]

  @Test func roundTripKeepsEveryField() throws {
    let envelope = EventEnvelope(
      producer: "intake", area: "norfolk", caseId: "RJ-NFK-2025-000001",
      correlationId: UUID(), causationId: UUID(),
      data: ReferralAccepted(
        referralId: "R-1", sourceSystem: "norfolk-athena", caseId: "RJ-NFK-2025-000001",
        receivedAt: EventCoding.normalise(Date()), linkedToExistingCase: false))
    let decoded = try EventCoding.decode(
      ReferralAccepted.self, from: try EventCoding.encode(envelope))
    #expect(decoded == envelope)
    #expect(decoded.type == "referral.accepted")
    #expect(decoded.version == 1)
  }

  @Test func everyCatalogSampleRoundTrips() throws {
    for envelope in EventSamples.caseOpened {
      #expect(
        try EventCoding.decode(CaseOpened.self, from: EventCoding.encode(envelope)) == envelope)
    }
    for envelope in EventSamples.referralRejected {
      #expect(
        try EventCoding.decode(ReferralRejected.self, from: EventCoding.encode(envelope))
          == envelope)
    }
  }

  @Test func routingKeyIsTypeDotVersion() {
    #expect(RoutingKey.make(type: "case.opened", version: 1) == "case.opened.v1")
    #expect(RoutingKey.make(type: "referral.rejected", version: 12) == "referral.rejected.v12")
    #expect(CaseOpened.routingKey == "case.opened.v1")
    #expect(ReferralSubmission.routingKey == "referral.submitted.v1")
    #expect(accepted.routingKey == "referral.accepted.v1")
  }

  @Test func wireFormatIsSortedWithUTCMillisecondDatesAndPlainSlashes() throws {
    var envelope = accepted
    envelope.data.referralId = "NFK/TEST/1"
    let text = String(decoding: try EventCoding.encode(envelope), as: UTF8.self)
    #expect(text.hasPrefix(#"{"area":"norfolk","caseId":"#))
    #expect(text.contains(#""occurredAt":"2025-03-06T10:00:00.000Z""#))
    #expect(text.contains(#""referralId":"NFK/TEST/1""#))
    #expect(!text.contains("\\/"))
  }

  @Test func unknownFieldsAreIgnored() throws {
    let json = """
      {"id":"1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d","type":"referral.accepted","version":1,
       "occurredAt":"2025-03-06T10:00:00Z","producer":"intake","area":"norfolk",
       "futureHeader":{"nested":[1,2,3]},"traceparent":"00-abc",
       "data":{"referralId":"R-1","sourceSystem":"s","caseId":"C-1",
               "receivedAt":"2025-03-06T10:00:00Z","linkedToExistingCase":true,"newField":42}}
      """
    let envelope = try EventCoding.decode(ReferralAccepted.self, from: Array(json.utf8))
    #expect(envelope.data.caseId == "C-1")
    #expect(envelope.data.linkedToExistingCase)
    #expect(envelope.caseId == nil)
    #expect(try EventCoding.decodeHeader(Array(json.utf8)).routingKey == "referral.accepted.v1")
  }

  @Test func headerDecodesWithoutKnowingThePayload() throws {
    let envelope = EventSamples.caseOpened[0]
    let header = try EventCoding.decodeHeader(try EventCoding.encode(envelope))
    #expect(header.id == envelope.id)
    #expect(header.type == "case.opened")
    #expect(header.version == 1)
    #expect(header.occurredAt == envelope.occurredAt)
    #expect(header.producer == "intake")
    #expect(header.area == "norfolk")
    #expect(header.caseId == envelope.caseId)
    #expect(header.correlationId == envelope.correlationId)
    #expect(header.causationId == envelope.causationId)
    #expect(header.routingKey == "case.opened.v1")
  }

  @Test func headerDecodesEvenWhenDataIsUnreadable() throws {
    let json = """
      {"id":"1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d","type":"some.future","version":7,
       "occurredAt":"2025-03-06T10:00:00Z","producer":"x","area":"norfolk","data":"not an object"}
      """
    #expect(try EventCoding.decodeHeader(Array(json.utf8)).routingKey == "some.future.v7")
  }

  @Test func anotherEventTypeIsATypeMismatch() throws {
    let bytes = try EventCoding.encode(accepted)
    #expect(
      throws: EventDecodingError.typeMismatch(
        expected: "case.opened.v1", found: "referral.accepted.v1")
    ) {
      try EventCoding.decode(CaseOpened.self, from: bytes)
    }
  }

  @Test func anotherVersionIsATypeMismatch() throws {
    let text = String(decoding: try EventCoding.encode(accepted), as: UTF8.self)
      .replacingOccurrences(of: #""version":1"#, with: #""version":2"#)
    #expect(
      throws: EventDecodingError.typeMismatch(
        expected: "referral.accepted.v1", found: "referral.accepted.v2")
    ) {
      try EventCoding.decode(ReferralAccepted.self, from: Array(text.utf8))
    }
  }
}
