import AccessControl
import AuditTrail
import DurableMessaging
import EventContracts
import Foundation
import HubConfiguration
import Logging
import PersonalData
import PostgresClient
import ServiceAssembly
import ServiceRuntime

/// The intake service: receives referrals from police systems over AMQP, validates and
/// keeps every submission, opens a case for each new valid referral and answers the sender.
public enum IntakeService {
  /// The service's name and broker prefix.
  public static let name = "intake"
  /// Its PostgreSQL schema.
  public static let schema: SchemaName = "intake"

  /// Every column of its tables holding sealed personal data, its outbox's bodies included:
  /// what `rjhub data reseal` re-seals.
  public static var sealedColumns: [SealedColumn] {
    IntakePersonalData.columns + [HubServiceDefinition.outboxBodyColumn(service: name)]
  }
  /// Its HTTP port unless `RJHUB_HTTP_PORT` says otherwise.
  public static let defaultHTTPPort = 8081

  /// The queue of police submissions: `intake.referrals`, bound to `rj.referrals`.
  public static let referralQueue = ServiceQueue(
    service: name, purpose: "referrals",
    bindings: [.init(exchange: EventExchange.referrals, routingKey: ReferralSubmission.routingKey)]
  )

  /// The queue of victim-contact's stage changes: `intake.case-stages`, bound to `rj.events`
  /// for `case.stage-changed.v1`, so that a referral of a case that has closed or been
  /// transferred opens a new case linked to it (``CaseStageRecorder``).
  public static let caseStageQueue = ServiceQueue(
    service: name, purpose: "case-stages",
    bindings: CaseStageRecorder.routes.bindings(on: EventExchange.events))

  /// The service as the runner starts it, configured from `environment`.
  public static func definition(environment: EnvironmentReader = EnvironmentReader()) throws
    -> HubServiceDefinition
  {
    let settings = try IntakeSettings(environment: environment)
    let gate = try AccessGate(environment: environment)
    let sealer = PersonalDataSealer(
      keys: try PersonalDataKeys(environment: environment), logger: Logger(label: "rjhub.\(name)"))
    return HubServiceDefinition(
      name: name, schema: schema, defaultHTTPPort: defaultHTTPPort,
      migrations: AuditMigrations.all(schema: schema) + IntakeMigrations.all(schema: schema),
      consumers: [
        HubConsumer(
          queue: referralQueue,
          handler: submissionHandler(settings: settings, sealer: sealer)),
        HubConsumer(queue: caseStageQueue, handler: caseStageHandler()),
      ],
      routes: { router, resources in
        let reception = reception(
          settings: settings, sealer: sealer, schema: schema, clock: Date.init)
        let auditLog = AuditLog(
          schema: schema,
          chainKey: AuditChainKey(
            sealer.keys.derivedKey(purpose: AuditChainKey.derivationPurpose)))
        ReferralRoutes(
          gate: gate, reception: reception, status: ReferralStatusReader(schema: schema),
          auditLog: auditLog, pool: resources.pool, outbox: resources.outbox
        ).register(on: router)
        SubmissionReviewRoutes(
          gate: gate,
          review: SubmissionReview(schema: schema, sealer: sealer, servedAreas: settings.areas),
          reception: reception, auditLog: auditLog, pool: resources.pool,
          outbox: resources.outbox
        ).register(on: router)
        CaseTransferRoutes(
          gate: gate,
          transfers: CaseTransfers(schema: schema, sealer: sealer, reception: reception),
          auditLog: auditLog, pool: resources.pool, outbox: resources.outbox
        ).register(on: router)
        try SelfReferralRoutes(
          reception: reception, page: SelfReferralPage(),
          tokens: CSRFTokens(key: sealer.keys.derivedKey(purpose: "self-referral-csrf")),
          rateLimit: SubmissionRateLimit(perMinute: settings.selfReferralsPerMinute),
          status: ReferralStatusReader(schema: schema), auditLog: auditLog,
          pool: resources.pool, outbox: resources.outbox,
          secureCookie: settings.publicOrigin.hasPrefix("https:")
        ).register(on: router)
      },
      personalData: sealer)
  }

  /// The handler of `intake.referrals` for `settings`, writing to `schema` and sealing
  /// personal data with `sealer`.
  public static func submissionHandler(
    settings: IntakeSettings, sealer: PersonalDataSealer, schema: SchemaName = schema,
    clock: @escaping @Sendable () -> Date = Date.init
  ) -> any InboxHandler {
    ReferralSubmissionHandler(
      reception: reception(
        settings: settings, sealer: sealer, schema: schema, clock: clock))
  }

  /// The handler of `intake.case-stages`, writing to `schema`.
  public static func caseStageHandler(schema: SchemaName = schema) -> any InboxHandler {
    CaseStageRecorder(schema: schema).router()
  }

  /// The pipeline every channel's referrals go through.
  static func reception(
    settings: IntakeSettings, sealer: PersonalDataSealer, schema: SchemaName,
    clock: @escaping @Sendable () -> Date
  ) -> ReferralReception {
    ReferralReception(
      store: ReferralStore(schema: schema, sealer: sealer, areas: settings.directory),
      validator: ReferralValidator(directory: settings.directory), clock: clock)
  }

  /// intake's migrations for `schema` (after the messaging tables), for tests and tools.
  public static func migrations(schema: SchemaName = schema) -> [Migration] {
    MessagingMigrations.all(schema: schema) + AuditMigrations.all(schema: schema)
      + IntakeMigrations.all(schema: schema)
  }
}
