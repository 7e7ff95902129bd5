import Foundation
import PersonalData
import Testing

@Suite("sealing personal data")
struct SealingTests {
  let fixture = SealingFixture()
  let context = "intake.referrals.victim_name:4f1c2a"

  @Test("a sealed name opens to the same name for the same context")
  func roundTrip() throws {
    let sealer = try fixture.sealer()
    let sealed = sealer.seal("Jane Doe", context: context)
    #expect(sealed.hasPrefix("v1.k1."))
    #expect(try sealer.open(sealed, context: context) == "Jane Doe")
    #expect(try sealer.openIfPresent(nil, context: context) == nil)
    #expect(sealer.sealIfPresent(nil, context: context) == nil)
  }

  @Test("the sealed text shows neither the plaintext nor its base64")
  func ciphertextHidesPlaintext() throws {
    let sealer = try fixture.sealer()
    let plaintext = "Jane Doe, 12 Acacia Avenue"
    let sealed = sealer.seal(plaintext, context: context)
    #expect(!sealed.contains(plaintext))
    #expect(!sealed.contains(Data(plaintext.utf8).base64EncodedString()))
    #expect(!sealed.contains(String(Data(plaintext.utf8).base64EncodedString().prefix(8))))
    let box = try SealedValue(parsing: sealed).box
    #expect(box.range(of: Data(plaintext.utf8)) == nil)
    #expect(sealer.seal(plaintext, context: context) != sealed, "each seal uses a fresh nonce")
  }

  @Test("an altered value is refused as failing authentication")
  func tamperedRefused() throws {
    let sealer = try fixture.sealer()
    let value = try SealedValue(parsing: sealer.seal("Jane Doe", context: context))
    var box = value.box
    box[box.count / 2] ^= 0x01
    let tampered = "v1.k1.\(box.base64EncodedString())"
    #expect(throws: SealingError.authenticationFailed(keyID: "k1")) {
      try sealer.open(tampered, context: context)
    }
  }

  @Test("a value moved to another row or column is refused")
  func wrongContextRefused() throws {
    let sealer = try fixture.sealer()
    let sealed = sealer.seal("Jane Doe", context: context)
    #expect(throws: SealingError.authenticationFailed(keyID: "k1")) {
      try sealer.open(sealed, context: "intake.referrals.victim_name:99aa00")
    }
    #expect(throws: SealingError.authenticationFailed(keyID: "k1")) {
      try sealer.open(sealed, context: "intake.referrals.referrer_name:4f1c2a")
    }
  }

  @Test("a value under an unconfigured key or with a relabelled key id is refused")
  func unknownKeyRefused() throws {
    let sealed = try fixture.sealer(ids: ["k2"]).seal("Jane Doe", context: context)
    let sealer = try fixture.sealer(ids: ["k1"])
    #expect(throws: SealingError.unknownKey(keyID: "k2")) {
      try sealer.open(sealed, context: context)
    }
    let relabelled = sealed.replacingOccurrences(of: "v1.k2.", with: "v1.k1.")
    #expect(throws: SealingError.authenticationFailed(keyID: "k1")) {
      try sealer.open(relabelled, context: context)
    }
  }

  @Test("text that is not a sealed value is refused as malformed")
  func malformedRefused() throws {
    let sealer = try fixture.sealer()
    for text in ["Jane Doe", "v2.k1.AAAA", "v1.k1.not base64!", "v1..AAAA"] {
      #expect(throws: SealingError.malformed) { try sealer.open(text, context: context) }
    }
  }

  @Test("error descriptions name the key id but never the plaintext or context")
  func errorsHidePersonalData() throws {
    let sealer = try fixture.sealer()
    let sealed = sealer.seal("Jane Doe", context: context)
    do {
      _ = try sealer.open(sealed, context: "intake.referrals.victim_name:other")
      Issue.record("opened under the wrong context")
    } catch {
      #expect("\(error)".contains("k1"))
      #expect(!"\(error)".contains("Jane"))
      #expect(!"\(error)".contains("victim_name"))
    }
  }
}
