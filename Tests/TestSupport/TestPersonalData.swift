import HubConfiguration
import Logging
import PersonalData
import ServiceRuntime

/// Personal-data keys for tests that run a service's handlers in-process: random for each
/// test process (nothing sealed with them outlives it), never the provisioned keys.
public enum TestPersonalData {
  /// `RJHUB_DATA_KEYS`, `RJHUB_DATA_INDEX_KEY` and `RJHUB_CONFLICT_MARK_KEY` with fresh
  /// random keys (key id `t1`), to merge into a test's environment.
  public static let environment: [String: String] = [
    PersonalDataKeys.keysVariable: "t1:\(PersonalDataKeys.newKeyText())",
    PersonalDataKeys.indexKeyVariable: PersonalDataKeys.newKeyText(),
    ConflictOfInterestMarks.variable: PersonalDataKeys.newKeyText(),
  ]

  /// Conflict-of-interest marks under ``environment``'s key, as victim-contact and
  /// facilitator-matching compute them.
  public static let marks: ConflictOfInterestMarks = {
    do {
      return try ConflictOfInterestMarks(environment: EnvironmentReader(environment))
    } catch {
      preconditionFailure("the test key is generated well-formed: \(error)")
    }
  }()

  /// A sealer over ``environment``'s keys.
  public static let sealer: PersonalDataSealer = {
    do {
      return PersonalDataSealer(
        keys: try PersonalDataKeys(environment: EnvironmentReader(environment)),
        logger: TestServers.logger("personal-data"))
    } catch {
      preconditionFailure("the test keys are generated well-formed: \(error)")
    }
  }()
}
