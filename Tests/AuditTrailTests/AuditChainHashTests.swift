import Crypto
import Testing

@testable import AuditTrail

@Suite("audit trail: the row hash")
struct AuditChainHashTests {
  private let base = AuditEntry(
    subject: "user-1", role: "case-worker", action: "case.read", caseId: "case-1",
    fields: ["victim.name", "victim.phone"], purpose: "contact-planning")

  private let key = AuditChainKey(SymmetricKey(size: .bits256))

  private func hash(_ entry: AuditEntry, seq: Int64 = 1, at: Int64 = 1_000_000) -> [UInt8] {
    AuditChainHash.rowHash(
      key: key, previous: AuditChainHash.genesis, seq: seq, atMicros: at, entry: entry)
  }

  @Test("every part of a row, and the previous hash, changes the hash")
  func everyPartCounts() {
    var variants: [[UInt8]] = [hash(base), hash(base, seq: 2), hash(base, at: 1_000_001)]
    var entry = base
    entry.subject = "user-2"
    variants.append(hash(entry))
    entry = base
    entry.role = "supervisor"
    variants.append(hash(entry))
    entry = base
    entry.action = "case.update"
    variants.append(hash(entry))
    entry = base
    entry.caseId = nil
    variants.append(hash(entry))
    entry = base
    entry.purpose = nil
    variants.append(hash(entry))
    entry = base
    entry.fields = ["victim.phone", "victim.name"]
    variants.append(hash(entry))
    variants.append(
      AuditChainHash.rowHash(
        key: key, previous: [UInt8](repeating: 1, count: 32), seq: 1, atMicros: 1_000_000,
        entry: base))
    variants.append(
      AuditChainHash.rowHash(
        key: AuditChainKey(SymmetricKey(size: .bits256)), previous: AuditChainHash.genesis,
        seq: 1, atMicros: 1_000_000, entry: base))
    #expect(Set(variants).count == variants.count)
    #expect(variants.allSatisfy { $0.count == 32 })
    #expect(hash(base) == hash(base))
  }

  @Test("the encoding is unambiguous: shifting text between parts changes the hash")
  func encodingIsUnambiguous() {
    var split = base
    split.fields = ["victim.na", "me"]
    var joined = base
    joined.fields = ["victim.name"]
    #expect(hash(split) != hash(joined))
    var caseOnly = base
    caseOnly.caseId = "x"
    caseOnly.purpose = nil
    var purposeOnly = base
    purposeOnly.caseId = nil
    purposeOnly.purpose = "x"
    #expect(hash(caseOnly) != hash(purposeOnly))
  }
}
