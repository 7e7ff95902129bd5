import AccessControl
import AuditTrail
import DurableMessaging
import EventContracts
import Foundation
import HubAreas
import HubConfiguration
import Logging
import PersonalData
import PostgresClient
import ServiceAssembly
import ServiceRuntime

/// The victim-contact service: owns each case's journey with its participants. It plans
/// first contact when a case arrives (Victims' Code deadlines on the working-day calendar,
/// the referrer's acknowledgement, the victim's RJ information only where safe), asks for
/// facilitators once the victim agrees, and gives case workers the API to run the case to
/// closure — contact under the safe-contact rules, consent, assessment and sign-off,
/// interventions, outcome agreements, surveys, complaints — through the stages
/// ``StageMachine`` allows. A background watch escalates overdue tasks and asks for
/// six-month follow-up surveys.
public enum VictimContactService {
  /// The service's name and broker prefix.
  public static let name = "victim-contact"
  /// Its PostgreSQL schema.
  public static let schema: SchemaName = "victim_contact"

  /// Every column of its tables holding sealed personal data, its outbox's bodies included:
  /// what `rjhub data reseal` re-seals.
  public static var sealedColumns: [SealedColumn] {
    CasePersonalData.columns + [HubServiceDefinition.outboxBodyColumn(service: name)]
  }
  /// Its HTTP port unless `RJHUB_HTTP_PORT` says otherwise.
  public static let defaultHTTPPort = 8082

  /// The queue of case events: `victim-contact.cases`, bound to `rj.events` for the case's
  /// arrival (both halves), referrals linked to it, its transfer out, facilitator allocation and
  /// notification outcomes.
  public static let caseQueue = ServiceQueue(
    service: name, purpose: "cases",
    bindings: CaseEventHandlers.routes.bindings(on: EventExchange.events))

  /// The service as the runner starts it, configured from `environment` (which must hold
  /// the token key `RJHUB_JWT_HS256_KEY`; the error names it otherwise).
  public static func definition(environment: EnvironmentReader = EnvironmentReader()) throws
    -> HubServiceDefinition
  {
    let gate = try AccessGate(environment: environment)
    let marks = try ConflictOfInterestMarks(environment: environment)
    let sealer = PersonalDataSealer(
      keys: try PersonalDataKeys(environment: environment), logger: Logger(label: "rjhub.\(name)"))
    let personalData = CasePersonalData(sealer: sealer)
    let settings = try VictimContactSettings(environment: environment)
    let deadlines = VictimsCodeDeadlines(directory: settings.directory)
    return HubServiceDefinition(
      name: name, schema: schema, defaultHTTPPort: defaultHTTPPort,
      migrations: AuditMigrations.all(schema: schema)
        + VictimContactMigrations.all(schema: schema),
      consumers: [
        HubConsumer(
          queue: caseQueue,
          handler: caseEventHandler(sealer: sealer, deadlines: deadlines))
      ],
      routes: { router, resources in
        CaseRoutes(
          schema: schema, personalData: personalData, gate: gate, resources: resources,
          deadlines: deadlines, marks: marks
        ).register(on: router)
        AuditRoutes(
          schema: schema, personalData: personalData, gate: gate, pool: resources.pool
        ).register(on: router)
      },
      backgroundServices: { resources in
        [
          JourneyDeadlineWatch(
            pool: resources.pool, outbox: resources.outbox,
            stores: CaseWorkStores(
              schema: schema, personalData: personalData, deadlines: deadlines),
            areas: settings.directory, interval: settings.journeyWatchInterval,
            logger: resources.logger, clock: Date.init)
        ]
      }, personalData: sealer)
  }

  /// The handler of `victim-contact.cases`, writing to `schema` with personal data sealed by
  /// `sealer`, with `deadlines` on each area's calendar and `clock` for the time of its
  /// effects.
  public static func caseEventHandler(
    schema: SchemaName = schema, sealer: PersonalDataSealer,
    deadlines: VictimsCodeDeadlines = VictimsCodeDeadlines(),
    clock: @escaping @Sendable () -> Date = Date.init
  ) -> any InboxHandler {
    CaseEventHandlers(
      schema: schema, personalData: CasePersonalData(sealer: sealer),
      deadlines: deadlines, clock: clock
    ).router()
  }

  /// victim-contact's migrations for `schema` (after the messaging tables), for tests and
  /// tools.
  public static func migrations(schema: SchemaName = schema) -> [Migration] {
    MessagingMigrations.all(schema: schema) + AuditMigrations.all(schema: schema)
      + VictimContactMigrations.all(schema: schema)
  }
}
