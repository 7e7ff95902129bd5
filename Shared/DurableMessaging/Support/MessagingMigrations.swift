import PostgresClient

/// The tables durable messaging keeps in each service's own schema: the outbox (events
/// waiting to be published) and the inbox (message ids already handled).
///
/// Both are kept lean because every event passes through them: an outbox row is deleted
/// once the broker confirms it (only parked rows stay, for an operator), so the outbox needs
/// no index beyond its key; the inbox's age index is a BRIN index, which costs almost
/// nothing on insert and serves the housekeeping's range deletes.
///
/// Versions 1–99 of a schema's migrations are reserved for these; a service numbers its own
/// from 100 up and runs both lists through one ``MigrationRunner``.
public enum MessagingMigrations {
  /// The LISTEN/NOTIFY channel the outbox's insert trigger signals after commit.
  public static func notifyChannel(schema: SchemaName) -> String { "rjhub_outbox_\(schema.name)" }

  /// The migrations for `schema`.
  public static func all(schema: SchemaName) -> [Migration] {
    let s = schema.sql
    let channel = notifyChannel(schema: schema)
    return [
      Migration(
        version: 1, name: "outbox",
        sql: """
          CREATE TABLE \(s).outbox (
            seq bigserial PRIMARY KEY,
            message_id uuid NOT NULL,
            exchange text NOT NULL,
            routing_key text NOT NULL,
            correlation_id text,
            headers jsonb,
            body text NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now(),
            attempts integer NOT NULL DEFAULT 0,
            last_error text,
            parked_at timestamptz
          );
          CREATE INDEX outbox_parked ON \(s).outbox (seq) WHERE parked_at IS NOT NULL;
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
            queue text COLLATE "C" NOT NULL,
            message_id text COLLATE "C" NOT NULL,
            received_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (queue, message_id)
          );
          CREATE INDEX inbox_received_at ON \(s).inbox USING brin (received_at);
          """),
      Migration(
        version: 3, name: "outbox message type",
        sql: "ALTER TABLE \(s).outbox ADD COLUMN message_type text;"),
    ]
  }
}
