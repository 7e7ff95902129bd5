import FacilitatorMatching
import HubConfiguration
import Intake
import Notifications
import Reporting
import ServiceAssembly
import ServiceRuntime
import TestSupport
import VictimContact

/// Each HTTP service's definition, built as its executable builds it (synthetic settings), so
/// the tests read the route table the process really serves.
enum ServiceRouteTables {
  /// The settings every definition needs to build: a synthetic token key, synthetic
  /// personal-data keys and a relay URL that is never dialled.
  static let environment = EnvironmentReader(
    [
      "RJHUB_JWT_HS256_KEY": "synthetic-test-key-synthetic-test-key-0123",
      "RJHUB_SMTP_URL": "smtp://127.0.0.1:2525",
    ].merging(TestPersonalData.environment) { $1 })

  /// The services with an HTTP API, by the name of their OpenAPI document
  /// (`docs/openapi/<name>.yaml`).
  static let services = [
    "intake", "victim-contact", "facilitator-matching", "notifications", "reporting",
  ]

  /// The definition of the service whose document is `docs/openapi/<name>.yaml`.
  static func definition(_ name: String) throws -> HubServiceDefinition {
    switch name {
    case "intake": try IntakeService.definition(environment: environment)
    case "victim-contact": try VictimContactService.definition(environment: environment)
    case "facilitator-matching": try FacilitatorMatchingService.definition(environment: environment)
    case "notifications": try NotificationsService.definition(environment: environment)
    case "reporting": try ReportingService.definition(environment: environment)
    default: throw ValidatorFailure("no service has the OpenAPI document \(name).yaml")
    }
  }
}
