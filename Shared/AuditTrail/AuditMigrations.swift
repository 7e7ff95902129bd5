import PostgresClient

/// The tables the audit trail keeps in each service's own schema: the hash-chained
/// `audit_log` and the one-row `audit_chain_head` that serialises appends and remembers the
/// chain's last seq and hash.
///
/// Versions 50–59 of a schema's migrations are reserved for these (messaging uses 1–3, a
/// service numbers its own from 100); run them through the same ``MigrationRunner``.
///
/// Triggers make the log append-only for every role that honours triggers, the owner
/// included: UPDATE, DELETE and TRUNCATE of `audit_log` raise, the chain head cannot be
/// deleted and never moves backwards. Getting past them needs a superuser (or the owner
/// disabling the triggers), which the chain's hashes then expose to ``AuditVerifier``.
public enum AuditMigrations {
  /// The SQLSTATE the append-only triggers raise (a custom class, so callers can tell it
  /// from an ordinary permission error).
  public static let appendOnlySQLState = "RJA01"

  /// The migrations for `schema`.
  public static func all(schema: SchemaName) -> [Migration] {
    let s = schema.sql
    return [
      Migration(
        version: 50, name: "audit log",
        sql: """
          CREATE TABLE \(s).audit_log (
            seq bigint PRIMARY KEY CHECK (seq > 0),
            at timestamptz NOT NULL,
            subject text NOT NULL,
            role text NOT NULL,
            action text NOT NULL,
            case_id text,
            fields text[] NOT NULL,
            purpose text,
            previous_hash bytea NOT NULL CHECK (octet_length(previous_hash) = 32),
            row_hash bytea NOT NULL CHECK (octet_length(row_hash) = 32)
          );
          CREATE INDEX audit_log_case ON \(s).audit_log (case_id, seq) WHERE case_id IS NOT NULL;
          CREATE INDEX audit_log_subject ON \(s).audit_log (subject, seq);
          CREATE TABLE \(s).audit_chain_head (
            singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
            last_seq bigint NOT NULL CHECK (last_seq >= 0),
            last_hash bytea NOT NULL CHECK (octet_length(last_hash) = 32)
          );
          INSERT INTO \(s).audit_chain_head (last_seq, last_hash)
            VALUES (0, decode(repeat('00', 32), 'hex'));
          """),
      Migration(
        version: 51, name: "audit log append-only",
        sql: """
          CREATE FUNCTION \(s).audit_refuse_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN
            RAISE EXCEPTION 'the audit trail is append-only: % on % refused', TG_OP, TG_TABLE_NAME
              USING ERRCODE = '\(appendOnlySQLState)';
          END $$;
          CREATE TRIGGER audit_log_append_only
            BEFORE UPDATE OR DELETE OR TRUNCATE ON \(s).audit_log
            FOR EACH STATEMENT EXECUTE FUNCTION \(s).audit_refuse_rewrite();
          CREATE TRIGGER audit_chain_head_kept
            BEFORE DELETE OR TRUNCATE ON \(s).audit_chain_head
            FOR EACH STATEMENT EXECUTE FUNCTION \(s).audit_refuse_rewrite();
          CREATE FUNCTION \(s).audit_chain_head_forward() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN
            IF NEW.last_seq < OLD.last_seq THEN
              RAISE EXCEPTION 'the audit chain head only moves forward'
                USING ERRCODE = '\(appendOnlySQLState)';
            END IF;
            RETURN NEW;
          END $$;
          CREATE TRIGGER audit_chain_head_forward
            BEFORE UPDATE ON \(s).audit_chain_head
            FOR EACH ROW EXECUTE FUNCTION \(s).audit_chain_head_forward();
          """),
    ]
  }
}
