import PersonalData
import Testing

@Suite("matching hashes")
struct MatchingHashTests {
  let fixture = SealingFixture()

  @Test("names differing only in case and spacing hash equal")
  func normalisation() throws {
    let sealer = try fixture.sealer()
    let hash = sealer.matchingHash("Jane  Doe", purpose: "victim-name")
    #expect(hash == sealer.matchingHash(" jane doe\n", purpose: "victim-name"))
    #expect(hash == sealer.matchingHash("JANE\tDOE", purpose: "victim-name"))
    #expect(hash != sealer.matchingHash("Jane Dole", purpose: "victim-name"))
    #expect(hash.count == 64 && hash.allSatisfy(\.isHexDigit))
    #expect(!hash.lowercased().contains("jane"))
  }

  @Test("the same value hashes differently for different purposes and index keys")
  func purposeSeparation() throws {
    let sealer = try fixture.sealer()
    #expect(
      sealer.matchingHash("Jane Doe", purpose: "victim-name")
        != sealer.matchingHash("Jane Doe", purpose: "referrer-name"))
    let otherIndexKey = try SealingFixture().sealer()
    #expect(
      sealer.matchingHash("Jane Doe", purpose: "victim-name")
        != otherIndexKey.matchingHash("Jane Doe", purpose: "victim-name"))
  }

  @Test("name and date of birth hash together without ambiguity between the parts")
  func combinedValues() throws {
    let sealer = try fixture.sealer()
    let hash = sealer.matchingHash(["Jane Doe", "1990-04-01"], purpose: "victim-duplicate")
    #expect(hash == sealer.matchingHash(["jane  DOE", "1990-04-01"], purpose: "victim-duplicate"))
    #expect(hash != sealer.matchingHash(["Jane Doe", "1990-04-02"], purpose: "victim-duplicate"))
    #expect(
      sealer.matchingHash(["a b", "c"], purpose: "p")
        != sealer.matchingHash(["a", "b c"], purpose: "p"))
  }
}
