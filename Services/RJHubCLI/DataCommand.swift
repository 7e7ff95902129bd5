import ArgumentParser
import FacilitatorMatching
import HubConfiguration
import Intake
import Logging
import Notifications
import PersonalData
import PostgresClient
import ServiceAssembly
import ServiceRuntime
import VictimContact

/// `rjhub data`: the keys that seal personal data at rest.
struct DataCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "data", abstract: "Manage the keys that seal personal data at rest.",
    subcommands: [ResealCommand.self, NewKeyCommand.self])
}

/// `rjhub data reseal --service <name>`: re-seals every stored personal-data value of one
/// service under its active key (`RJHUB_DATA_KEY_ACTIVE`), so an old key can be retired.
///
/// Run it with the service's own database account and key ring (its environment file), for example
/// `set -a; . .local/env/intake.env; rjhub data reseal --service intake`. Rotation: add the new
/// key to `RJHUB_DATA_KEYS`, make it active, restart the service's replicas, run this, then
/// remove the old key. Values stored in clear before sealing existed are sealed too. It is
/// safe to stop and run again; a second run finds nothing to do.
struct ResealCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reseal",
    abstract: "Re-seal a service's personal data under its active key (key rotation).")

  @Option(help: "The service: intake, victim-contact, facilitator-matching or notifications.")
  var service: String
  @Option(help: "Rows re-sealed per transaction.")
  var batchSize = 500
  @Option(help: "The schema holding the service's tables (default: the service's own).")
  var schema: String?

  func validate() throws {
    if !Self.services.keys.contains(service) {
      throw ValidationError(
        "--service must be one of \(Self.services.keys.sorted().joined(separator: ", "))")
    }
    if batchSize < 1 { throw ValidationError("--batch-size must be at least 1") }
    if let schema, (try? SchemaName(schema)) == nil {
      throw ValidationError("--schema must be a plain identifier (letters, digits, underscores)")
    }
  }

  /// The services that hold personal data, by name: their schema and sealed columns.
  static let services: [String: (schema: SchemaName, columns: [SealedColumn])] = [
    IntakeService.name: (IntakeService.schema, IntakeService.sealedColumns),
    VictimContactService.name: (VictimContactService.schema, VictimContactService.sealedColumns),
    FacilitatorMatchingService.name: (
      FacilitatorMatchingService.schema, FacilitatorMatchingService.sealedColumns
    ),
    NotificationsService.name: (NotificationsService.schema, NotificationsService.sealedColumns),
  ]

  func run() async throws {
    let environment = EnvironmentReader()
    guard let target = Self.services[service] else { throw ExitCode.validationFailure }
    let tables = try schema.map { try SchemaName($0) } ?? target.schema
    let logger = Logger(label: "rjhub.data-reseal")
    let sealer = PersonalDataSealer(
      keys: try PersonalDataKeys(environment: environment), logger: logger)
    let database = try PostgresConfiguration(
      url: try environment.secret("RJHUB_DATABASE_URL").value,
      applicationName: "rjhub-data-reseal")
    let pool = PostgresConnectionPool(configuration: database, size: 1, logger: logger)
    do {
      let report = try await PersonalDataResealer(
        sealer: sealer, schema: tables, batchSize: batchSize, logger: logger
      ).reseal(target.columns, using: pool)
      await pool.close()
      print(
        "\(service): \(report.resealed) values re-sealed under key \(sealer.keys.activeKeyID), "
          + "\(report.sealedFromClear) found in clear and sealed, "
          + "\(target.columns.count) columns checked")
    } catch {
      await pool.close()
      throw error
    }
  }
}

/// `rjhub data new-key`: prints a fresh random key in the form the key variables take.
struct NewKeyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "new-key",
    abstract: "Print a random 32-byte key (base64) for RJHUB_DATA_KEYS or RJHUB_DATA_INDEX_KEY.")

  @Option(help: "Prefix the key with this id, as an RJHUB_DATA_KEYS entry (id:key).")
  var id: String?

  func run() {
    let key = PersonalDataKeys.newKeyText()
    print(id.map { "\($0):\(key)" } ?? key)
  }
}
