import PostgresClient

/// The tables durable messaging keeps in each service's own schema: the outbox (events
/// waiting to be published) and the inbox (message ids already handled).
///
/// Versions 1–99 of a schema's migrations are reserved for these; a service numbers its own
/// from 100 up and runs both lists through one ``MigrationRunner``.
public enum MessagingMigrations {
  /// The LISTEN/NOTIFY channel the outbox's insert trigger signals after commit.
  public static func notifyChannel(schema: String) -> String { "rjhub_outbox_\(schema)" }

  /// The migrations for `schema` (an identifier already validated by the caller).
  public static func all(schema: String) throws -> [Migration] {
    let s = try PostgresIdentifier.quoted(schema)
    let channel = notifyChannel(schema: schema)
    return [
      Migration(
        version: 1, name: "outbox",
        sql: """
          CREATE TABLE \(s).outbox (
            seq bigserial PRIMARY KEY,
            message_id uuid NOT NULL UNIQUE,
            exchange text NOT NULL,
            routing_key text NOT NULL,
            correlation_id text,
            headers jsonb,
            body text NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now(),
            published_at timestamptz,
            attempts integer NOT NULL DEFAULT 0,
            last_error text,
            parked_at timestamptz
          );
          CREATE INDEX outbox_pending ON \(s).outbox (seq)
            WHERE published_at IS NULL AND parked_at IS NULL;
          CREATE INDEX outbox_published_at ON \(s).outbox (published_at)
            WHERE published_at IS NOT NULL;
          CREATE FUNCTION \(s).outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN
            PERFORM pg_notify('\(channel)', '');
            RETURN NULL;
          END $$;
          CREATE TRIGGER outbox_notify AFTER INSERT ON \(s).outbox
            FOR EACH STATEMENT EXECUTE FUNCTION \(s).outbox_notify();
          """),
      Migration(
        version: 2, name: "inbox",
        sql: """
          CREATE TABLE \(s).inbox (
            queue text NOT NULL,
            message_id text NOT NULL,
            received_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (queue, message_id)
          );
          CREATE INDEX inbox_received_at ON \(s).inbox (received_at);
          """),
    ]
  }
}
