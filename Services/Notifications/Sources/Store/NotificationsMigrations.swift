import PostgresClient

/// notifications' tables, in its own schema (after the messaging tables 1–99).
///
/// `notifications` holds one row per notification id (its primary key: one id, at most one
/// delivery, however often it is requested). Recipient details are personal data, each in
/// a column of its own (as is the printed letter, which contains them), so that encrypting
/// them at rest changes these columns and ``NotificationStore`` only.
///
/// Delivery state: a `pending` row is due at `next_attempt_at`. Claiming it for a send sets
/// `claim_token` and pushes `next_attempt_at` to the claim's deadline, so a replica that dies
/// mid-send leaves the row to be claimed again once the deadline passes. It ends `sent` or
/// `failed` (with `failure_reason`), in the transaction that writes its outcome event to the
/// outbox. An insert notifies the delivery loops (LISTEN/NOTIFY) on
/// ``NotificationsMigrations/dueChannel(schema:)``.
enum NotificationsMigrations {
  /// The LISTEN/NOTIFY channel signalled after new requests are stored in `schema`.
  static func dueChannel(schema: SchemaName) -> String { "rjhub_due_\(schema.name)" }

  /// The migrations for `schema` (an identifier validated here).
  static func all(schema: SchemaName) -> [Migration] {
    let s = schema.sql
    let channel = dueChannel(schema: schema)
    return [
      Migration(
        version: 100, name: "notifications",
        sql: """
          CREATE TABLE \(s).notifications (
            notification_id text PRIMARY KEY,
            case_id text,
            area text NOT NULL,
            purpose text NOT NULL,
            channel text NOT NULL,
            language text,
            template_values jsonb NOT NULL,
            requested_at timestamptz NOT NULL,
            received_at timestamptz NOT NULL DEFAULT now(),
            request_event_id uuid NOT NULL,
            correlation_id uuid,
            -- Personal data, each in its own column.
            recipient_name text,
            recipient_email text,
            recipient_address text,
            recipient_phone text,
            letter_text text,
            -- Delivery.
            status text NOT NULL DEFAULT 'pending'
              CHECK (status IN ('pending', 'sent', 'failed')),
            attempts integer NOT NULL DEFAULT 0,
            next_attempt_at timestamptz NOT NULL DEFAULT now(),
            claim_token uuid,
            last_error text,
            failure_reason text,
            settled_at timestamptz
          );
          CREATE INDEX notifications_due ON \(s).notifications (next_attempt_at)
            WHERE status = 'pending';
          CREATE INDEX notifications_case_id ON \(s).notifications (case_id);
          CREATE FUNCTION \(s).notifications_due_notify() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN
            PERFORM pg_notify('\(channel)', '');
            RETURN NULL;
          END $$;
          CREATE TRIGGER notifications_due_notify AFTER INSERT ON \(s).notifications
            FOR EACH STATEMENT EXECUTE FUNCTION \(s).notifications_due_notify();
          """),
      // A letter is laid out and kept until the letter drop prints and posts it: it is not
      // sent until then, so it waits as `awaiting-dispatch` (laid out at `rendered_at`).
      Migration(
        version: 101, name: "letters await dispatch",
        sql: """
          ALTER TABLE \(s).notifications DROP CONSTRAINT notifications_status_check;
          ALTER TABLE \(s).notifications ADD CONSTRAINT notifications_status_check
            CHECK (status IN ('pending', 'awaiting-dispatch', 'sent', 'failed'));
          ALTER TABLE \(s).notifications ADD COLUMN rendered_at timestamptz;
          """),
      // Letters are PDF documents (Shared/LetterDocuments), one row per letter notification
      // in `letters`: the document sealed (`document`, personal data), `queued` until the
      // letter drop writes it into the print provider's spool (`handed-over`, with the
      // file's name), `returned` when the post office sends it back. A request may ask for
      // large print (`notifications.large_print`). `letter_text` is no longer written.
      Migration(
        version: 102, name: "letters as sealed PDF documents, handed to the letter drop",
        sql: """
          ALTER TABLE \(s).notifications ADD COLUMN large_print boolean NOT NULL DEFAULT false;
          CREATE TABLE \(s).letters (
            notification_id text PRIMARY KEY REFERENCES \(s).notifications (notification_id),
            area text NOT NULL,
            format text NOT NULL CHECK (format IN ('standard', 'large-print')),
            page_count integer NOT NULL CHECK (page_count > 0),
            document text NOT NULL,
            status text NOT NULL DEFAULT 'queued'
              CHECK (status IN ('queued', 'handed-over', 'returned')),
            queued_at timestamptz NOT NULL,
            handed_over_at timestamptz,
            drop_file text,
            returned_at timestamptz,
            return_reason text,
            CHECK ((status = 'queued') = (handed_over_at IS NULL)),
            CHECK ((status = 'returned') = (returned_at IS NOT NULL))
          );
          CREATE INDEX letters_queued ON \(s).letters (queued_at) WHERE status = 'queued';
          """),
    ]
  }
}
