import Foundation
import HubConfiguration
import PersonalData
import Testing

@Suite("personal data key configuration")
struct KeyConfigurationTests {
  let fixture = SealingFixture()

  /// The error reading `values` throws; records an issue when it reads without one.
  func configurationError(_ values: [String: String]) -> ConfigurationError? {
    do throws(ConfigurationError) {
      _ = try PersonalDataKeys(environment: EnvironmentReader(values))
      Issue.record("configuration was accepted")
      return nil
    } catch {
      return error
    }
  }

  /// Checks the error names `variable` and shows no key material from `values`.
  func expectRefusal(_ values: [String: String], naming variable: String) {
    guard let error = configurationError(values) else { return }
    #expect(error.variable == variable)
    let text = "\(error)"
    #expect(text.contains(variable))
    for secret in [fixture.keyText["k1"]!, fixture.keyText["k2"]!, fixture.indexKeyText] {
      #expect(!text.contains(secret) && !text.contains(String(secret.prefix(12))))
    }
  }

  @Test("missing keys or index key are refused naming the variable")
  func missing() {
    var values = fixture.environment(ids: ["k1"])
    values[PersonalDataKeys.keysVariable] = nil
    expectRefusal(values, naming: PersonalDataKeys.keysVariable)
    values = fixture.environment(ids: ["k1"])
    values[PersonalDataKeys.indexKeyVariable] = nil
    expectRefusal(values, naming: PersonalDataKeys.indexKeyVariable)
  }

  @Test("malformed base64, wrong length, bad ids and duplicates are refused")
  func malformed() {
    let k1 = fixture.keyText["k1"]!
    let short = Data(repeating: 7, count: 16).base64EncodedString()
    for list in [
      "k1:\(k1)!!", "k1:\(short)", "k1", "\(k1)", "k.1:\(k1)", "k1:\(k1),k1:\(k1)", " , ",
    ] {
      var values = fixture.environment(ids: ["k1"])
      values[PersonalDataKeys.keysVariable] = list
      expectRefusal(values, naming: PersonalDataKeys.keysVariable)
    }
    var values = fixture.environment(ids: ["k1"])
    values[PersonalDataKeys.indexKeyVariable] = short
    expectRefusal(values, naming: PersonalDataKeys.indexKeyVariable)
    values[PersonalDataKeys.indexKeyVariable] = "not base64 at all"
    expectRefusal(values, naming: PersonalDataKeys.indexKeyVariable)
  }

  @Test("an active key id that is not in the ring is refused")
  func unknownActiveKey() {
    expectRefusal(
      fixture.environment(ids: ["k1"], active: "k2"), naming: PersonalDataKeys.activeKeyVariable)
  }

  @Test("keys can be read from files named by the _FILE variables")
  func fromFiles() throws {
    let directory = FileManager.default.temporaryDirectory
    let keysFile = directory.appendingPathComponent("rjhub-data-keys-\(UUID().uuidString)")
    let indexFile = directory.appendingPathComponent("rjhub-index-key-\(UUID().uuidString)")
    let env = fixture.environment(ids: ["k1", "k2"])
    try Data((env[PersonalDataKeys.keysVariable]! + "\n").utf8).write(to: keysFile)
    try Data(fixture.indexKeyText.utf8).write(to: indexFile)
    defer {
      try? FileManager.default.removeItem(at: keysFile)
      try? FileManager.default.removeItem(at: indexFile)
    }
    let keys = try PersonalDataKeys(
      environment: EnvironmentReader([
        PersonalDataKeys.keysVariable + "_FILE": keysFile.path,
        PersonalDataKeys.indexKeyVariable + "_FILE": indexFile.path,
      ]))
    #expect(keys.keyIDs == ["k1", "k2"])
    #expect(keys.activeKeyID == "k2")
    #expect(PersonalDataKeys.documentation.map { $0.name }.contains(PersonalDataKeys.keysVariable))
  }
}
