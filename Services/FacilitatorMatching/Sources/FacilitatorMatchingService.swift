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

/// The facilitator-matching service: keeps the facilitator register and allocates a lead and a
/// co-facilitator to each case victim-contact asks about, once, by the hard rules and the
/// explained soft scores, within the facilitators' capacity, offering each part to the
/// facilitator's agency and re-offering what is declined or lapses; when nobody can serve it
/// says which rules excluded everyone, so a supervisor can act, and retries when the register
/// changes.
public enum FacilitatorMatchingService {
  /// The service's name and broker prefix.
  public static let name = "facilitator-matching"
  /// Its PostgreSQL schema.
  public static let schema: SchemaName = "facilitator_matching"

  /// Every column of its tables holding sealed personal data, its outbox's bodies included:
  /// what `rjhub data reseal` re-seals.
  public static var sealedColumns: [SealedColumn] {
    RegisterPersonalData.columns + [RegisterPersonalData.overrideReason]
      + [HubServiceDefinition.outboxBodyColumn(service: name)]
  }
  /// Its HTTP port unless `RJHUB_HTTP_PORT` says otherwise.
  public static let defaultHTTPPort = 8083

  /// The queue of requests for facilitators: `facilitator-matching.requests`, bound to
  /// `rj.events` for `facilitators.requested.v1`, `case.stage-changed.v1` (a case that closes
  /// or is transferred ends its allocations; either may overtake the other: see
  /// ``CaseEndingHandler``) and `intervention.recorded.v1` (conferences held).
  public static let requestQueue = ServiceQueue(
    service: name, purpose: "requests",
    bindings: FacilitatorRequestHandler.routes.bindings(on: EventExchange.events))

  /// The service as the runner starts it, configured from `environment` (which must hold
  /// the token key `RJHUB_JWT_HS256_KEY`; the error names it otherwise).
  public static func definition(environment: EnvironmentReader = EnvironmentReader()) throws
    -> HubServiceDefinition
  {
    let gate = try AccessGate(environment: environment)
    let settings = try FacilitatorMatchingSettings(environment: environment)
    let areas = try HubAreaDirectory(environment: environment)
    let marks = try ConflictOfInterestMarks(environment: environment)
    let sealer = PersonalDataSealer(
      keys: try PersonalDataKeys(environment: environment), logger: Logger(label: "rjhub.\(name)"))
    let personalData = RegisterPersonalData(sealer: sealer)
    let desk = AllocationDesk(
      schema: schema, personalData: personalData, settings: settings, areas: areas)
    return HubServiceDefinition(
      name: name, schema: schema, defaultHTTPPort: defaultHTTPPort,
      migrations: AuditMigrations.all(schema: schema)
        + FacilitatorMatchingMigrations.all(schema: schema),
      consumers: [
        HubConsumer(
          queue: requestQueue,
          handler: requestHandler(sealer: sealer, settings: settings, areas: areas))
      ],
      routes: { router, resources in
        FacilitatorRoutes(
          schema: schema, personalData: personalData, gate: gate, pool: resources.pool,
          outbox: resources.outbox, marks: marks
        ).register(on: router)
        OfferRoutes(
          schema: schema, personalData: personalData, desk: desk, gate: gate,
          pool: resources.pool, outbox: resources.outbox
        ).register(on: router)
        AllocationRequestRoutes(
          schema: schema, personalData: personalData, desk: desk, gate: gate,
          pool: resources.pool, outbox: resources.outbox
        ).register(on: router)
        AgencyRoutes(schema: schema, gate: gate, pool: resources.pool).register(on: router)
        VolunteerPoolRoutes(schema: schema, gate: gate, pool: resources.pool).register(
          on: router)
        RegisterAuditRoutes(
          schema: schema, personalData: personalData, gate: gate, pool: resources.pool
        ).register(on: router)
        AllocationReleaseRoutes(
          schema: schema, personalData: personalData, gate: gate, pool: resources.pool,
          outbox: resources.outbox
        ).register(on: router)
      },
      backgroundServices: { resources in
        [
          OfferWatch(
            desk: desk, pool: resources.pool, outbox: resources.outbox,
            interval: settings.watchInterval, logger: resources.logger, clock: Date.init)
        ]
      }, personalData: sealer)
  }

  /// The handler of `facilitator-matching.requests`, writing to `schema` (names and emails
  /// sealed with `sealer`), judging sensitive cases by `settings` and stamping its decisions
  /// with `clock`.
  public static func requestHandler(
    schema: SchemaName = schema, sealer: PersonalDataSealer,
    settings: FacilitatorMatchingSettings = FacilitatorMatchingSettings(),
    areas: HubAreaDirectory = HubAreaDirectory(HubAreaDirectory.defaults),
    clock: @escaping @Sendable () -> Date = Date.init
  ) -> any InboxHandler {
    FacilitatorRequestHandler(
      schema: schema, personalData: RegisterPersonalData(sealer: sealer),
      settings: settings, areas: areas, clock: clock
    ).router()
  }

  /// facilitator-matching's migrations for `schema` (after the messaging tables), for tests
  /// and tools.
  public static func migrations(schema: SchemaName = schema) -> [Migration] {
    MessagingMigrations.all(schema: schema) + AuditMigrations.all(schema: schema)
      + FacilitatorMatchingMigrations.all(schema: schema)
  }
}
