import EventContracts
import Foundation
import TestSupport
import Testing

@Suite("Event dates")
struct DateCodingTests {
  func occurredAt(_ text: String) throws -> Date {
    let json = """
      {"id":"1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d","type":"t.x","version":1,
       "occurredAt":"\(text)","producer":"p","area":"a","data":{}}
      """
    return try EventCoding.decodeHeader(Array(json.utf8)).occurredAt
  }

  @Test func acceptsWithAndWithoutFractionalSeconds() throws {
    let whole = Date(timeIntervalSince1970: 1_741_255_200)
    #expect(try occurredAt("2025-03-06T10:00:00Z") == whole)
    #expect(try occurredAt("2025-03-06T10:00:00.000Z") == whole)
    #expect(
      try occurredAt("2025-03-06T10:00:00.25Z")
        == EventCoding.normalise(whole.addingTimeInterval(0.25)))
    #expect(
      try occurredAt("2025-03-06T10:00:00.123456Z")
        == EventCoding.normalise(whole.addingTimeInterval(0.123)))
  }

  @Test func acceptsOffsets() throws {
    let whole = Date(timeIntervalSince1970: 1_741_255_200)
    #expect(try occurredAt("2025-03-06T11:00:00+01:00") == whole)
    #expect(try occurredAt("2025-03-06T04:30:00.000-05:30") == whole)
  }

  @Test(arguments: [
    "2025-03-06", "2025-03-06T10:00:00", "2025-02-29T10:00:00Z", "2025-03-06T24:00:00Z",
    "2025-03-06T10:00:00.Z", "06/03/2025 10:00", "2025-03-06T10:00:00+0100",
  ])
  func rejectsNonRFC3339(_ text: String) {
    #expect(throws: EventDecodingError.self) { try occurredAt(text) }
  }

  @Test func encodesUTCWithMilliseconds() throws {
    let encoded = try EventCoding.encoder.encode(
      [Date(timeIntervalSince1970: 951_782_400.5)])  // 2000-02-29T00:00:00.5Z (leap day)
    #expect(String(decoding: encoded, as: UTF8.self) == #"["2000-02-29T00:00:00.500Z"]"#)
    let early = try EventCoding.encoder.encode([Date(timeIntervalSince1970: -1.25)])
    #expect(String(decoding: early, as: UTF8.self) == #"["1969-12-31T23:59:58.750Z"]"#)
  }

  @Test func randomDatesSurviveARoundTripAtMillisecondPrecision() throws {
    for _ in 0..<500 {
      let date = EventCoding.normalise(
        Date(timeIntervalSince1970: Double.random(in: -2_000_000_000...4_000_000_000)))
      let bytes = try EventCoding.encoder.encode([date])
      #expect(try EventCoding.decoder.decode([Date].self, from: bytes) == [date])
    }
  }

  @Test func envelopeRoundsOccurredAtToTheMillisecond() {
    let now = Date()
    let envelope = EventEnvelope(
      occurredAt: now, producer: "intake", area: "norfolk",
      data: EventSamples.caseOpened[0].data)
    #expect(abs(envelope.occurredAt.timeIntervalSince(now)) <= 0.0005)
  }

  @Test func calendarDatesAreStrict() {
    #expect(CalendarDate("2024-02-29")?.description == "2024-02-29")
    #expect(CalendarDate("2023-02-29") == nil)
    #expect(CalendarDate("20240229") == nil)
    #expect(CalendarDate("2024-2-9") == nil)
    #expect(CalendarDate("2024-02-29T00:00:00Z") == nil)
    #expect(CalendarDate("1999-12-31")! < CalendarDate("2000-01-01")!)
    #expect(CalendarDate("1970-01-02")?.daysSinceEpoch == 1)
  }
}
