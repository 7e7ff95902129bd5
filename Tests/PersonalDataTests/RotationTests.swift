import PersonalData
import Testing

@Suite("key rotation")
struct RotationTests {
  let fixture = SealingFixture()
  let context = "victim-contact.cases.phone:77"

  @Test("values sealed under k1 still open after k2 becomes active, and re-seal moves them")
  func rotateToNewKey() throws {
    let old = try fixture.sealer(ids: ["k1"])
    let sealed = old.seal("07700 900123", context: context)
    let rotated = try fixture.sealer(ids: ["k1", "k2"])
    #expect(rotated.keys.activeKeyID == "k2", "the last listed key is active by default")
    #expect(try rotated.open(sealed, context: context) == "07700 900123")

    let resealed = try #require(try rotated.reseal(sealed, context: context))
    #expect(resealed.hasPrefix("v1.k2."))
    #expect(try rotated.open(resealed, context: context) == "07700 900123")
    #expect(try rotated.reseal(resealed, context: context) == nil)

    let retired = try fixture.sealer(ids: ["k2"])
    #expect(try retired.open(resealed, context: context) == "07700 900123")
  }

  @Test("the active key can be named explicitly")
  func explicitActiveKey() throws {
    let sealer = try fixture.sealer(ids: ["k1", "k2"], active: "k1")
    #expect(sealer.seal("x", context: context).hasPrefix("v1.k1."))
  }

  @Test("re-seal refuses a value it cannot open rather than overwriting it")
  func resealRefusesForeignValue() throws {
    let sealed = try fixture.sealer(ids: ["k1"]).seal("x", context: context)
    let sealer = try fixture.sealer(ids: ["k1", "k2"])
    #expect(throws: SealingError.authenticationFailed(keyID: "k1")) {
      try sealer.reseal(sealed, context: "victim-contact.cases.phone:78")
    }
  }
}
