import PostgresClient

/// The workplace's tables: sign-ins in progress and signed-in sessions. Nothing else: every
/// case, referral and facilitator stays in the service that owns it.
public enum WorkplaceMigrations {
  /// The migrations of `schema`, in order.
  public static func all(schema: SchemaName) -> [Migration] {
    let s = schema.sql
    return [
      Migration(
        version: 1, name: "sign-ins and sessions",
        sql: """
          CREATE TABLE \(s).sign_ins (
            state_hash text PRIMARY KEY,
            nonce text NOT NULL,
            code_verifier text NOT NULL,
            return_to text NOT NULL,
            started_at timestamptz NOT NULL DEFAULT now()
          );
          CREATE TABLE \(s).sessions (
            session_hash text PRIMARY KEY,
            subject_hash text NOT NULL,
            display_name text NOT NULL,
            access_token text NOT NULL,
            csrf_token text NOT NULL,
            started_at timestamptz NOT NULL DEFAULT now(),
            last_seen_at timestamptz NOT NULL DEFAULT now(),
            expires_at timestamptz NOT NULL
          );
          CREATE INDEX sessions_expiry ON \(s).sessions (expires_at);
          """)
    ]
  }
}
