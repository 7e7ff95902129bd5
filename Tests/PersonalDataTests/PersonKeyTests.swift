import PersonalData
import Testing

@Suite("per-person keys and erasure")
struct PersonKeyTests {
  let fixture = SealingFixture()
  let context = "victim-contact.people.address:31"

  @Test("a wrapped person key unwraps and opens the fields it sealed")
  func wrapSealUnwrapOpen() throws {
    let sealer = try fixture.sealer()
    let personKey = PersonKey()
    let field = personKey.seal("12 Acacia Avenue", context: context)
    let wrapped = personKey.wrapped(by: sealer)
    #expect(wrapped.hasPrefix("v1.k1."))
    #expect(field.hasPrefix("v1.\(personKey.id)."))

    let restored = try PersonKey(unwrapping: wrapped, id: personKey.id, with: sealer)
    #expect(try restored.open(field, context: context) == "12 Acacia Avenue")
  }

  @Test("without the person key, nothing opens the person's fields")
  func erasure() throws {
    let sealer = try fixture.sealer()
    let personKey = PersonKey()
    let field = personKey.seal("12 Acacia Avenue", context: context)
    // The wrapped-key row is deleted: only the field (say, in a backup) remains.
    #expect(throws: SealingError.unknownKey(keyID: personKey.id)) {
      try sealer.open(field, context: context)
    }
    #expect(throws: SealingError.unknownKey(keyID: personKey.id)) {
      try PersonKey().open(field, context: context)
    }
  }

  @Test("a wrapped key is refused for another person and survives ring rotation")
  func wrappedKeyBinding() throws {
    let sealer = try fixture.sealer(ids: ["k1"])
    let personKey = PersonKey()
    let wrapped = personKey.wrapped(by: sealer)
    #expect(throws: SealingError.authenticationFailed(keyID: "k1")) {
      try PersonKey(unwrapping: wrapped, id: PersonKey().id, with: sealer)
    }
    let rotated = try fixture.sealer(ids: ["k1", "k2"])
    let rewrapped = try #require(
      try rotated.reseal(wrapped, context: PersonKey.wrappingContext(id: personKey.id)))
    let restored = try PersonKey(unwrapping: rewrapped, id: personKey.id, with: rotated)
    let field = personKey.seal("Jane Doe", context: context)
    #expect(try restored.open(field, context: context) == "Jane Doe")
  }
}
