import Foundation
import HubConfiguration
import Logging
import PersonalData

/// Key rings built from generated keys, as an operator would configure them.
struct SealingFixture {
  /// Generated base64 keys by id, fresh for each fixture.
  let keyText: [String: String] = [
    "k1": PersonalDataKeys.newKeyText(), "k2": PersonalDataKeys.newKeyText(),
  ]
  /// The generated base64 index key.
  let indexKeyText = PersonalDataKeys.newKeyText()

  /// The environment listing `ids` in order, with `active` when given.
  func environment(ids: [String], active: String? = nil) -> [String: String] {
    var values = [
      PersonalDataKeys.keysVariable: ids.map { "\($0):\(keyText[$0]!)" }.joined(separator: ","),
      PersonalDataKeys.indexKeyVariable: indexKeyText,
    ]
    values[PersonalDataKeys.activeKeyVariable] = active
    return values
  }

  /// A sealer over the ring listing `ids`, with `active` when given.
  func sealer(ids: [String] = ["k1"], active: String? = nil) throws -> PersonalDataSealer {
    let keys = try PersonalDataKeys(
      environment: EnvironmentReader(environment(ids: ids, active: active)))
    return PersonalDataSealer(keys: keys, logger: Logger(label: "rjhub.personal-data.tests"))
  }
}
