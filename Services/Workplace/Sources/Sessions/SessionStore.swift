import Foundation
import Logging
import PersonalData
import PostgresClient

/// Sign-ins in progress and signed-in sessions, in the workplace's own schema.
///
/// Only digests of session ids and sign-in states are stored, and the access token is sealed
/// (`RJHUB_DATA_KEYS`), so a copy of the table lets nobody act as anyone. A session ends when
/// it is idle for ``WorkplaceSettings/idleTimeout``, at its limit, when its access token
/// expires, or at sign-out; any replica can resume a session another replica opened.
public struct SessionStore: Sendable {
  let schema: SchemaName
  let pool: PostgresConnectionPool
  let sealer: PersonalDataSealer
  let idleTimeout: Duration
  let sessionLimit: Duration

  /// How long a sign-in may take between leaving for the provider and coming back.
  static let signInWindow: Duration = .seconds(600)

  /// A store over `schema` through `pool`.
  public init(
    schema: SchemaName, pool: PostgresConnectionPool, sealer: PersonalDataSealer,
    idleTimeout: Duration, sessionLimit: Duration
  ) {
    self.schema = schema
    self.pool = pool
    self.sealer = sealer
    self.idleTimeout = idleTimeout
    self.sessionLimit = sessionLimit
  }

  /// Records a sign-in leaving for the provider; returns its state, nonce and PKCE verifier.
  /// Sign-ins older than the window are cleared on the way.
  func beginSignIn(returnTo: String) async throws -> PendingSignIn {
    let pending = PendingSignIn(
      state: SessionSecrets.random(), nonce: SessionSecrets.random(),
      codeVerifier: SessionSecrets.random(), returnTo: returnTo)
    let stateHash = SessionSecrets.digest(pending.state)
    let sealedVerifier = sealer.seal(
      pending.codeVerifier, context: "workplace.sign_ins.code_verifier:\(stateHash)")
    let s = schema.sql
    let window = Self.seconds(Self.signInWindow)
    try await pool.withSession { session in
      _ = try session.execute(
        "DELETE FROM \(s).sign_ins WHERE started_at < now() - make_interval(secs => $1)",
        [.double(window)])
      _ = try session.execute(
        "INSERT INTO \(s).sign_ins (state_hash, nonce, code_verifier, return_to) VALUES ($1, $2, $3, $4)",
        [.text(stateHash), .text(pending.nonce), .text(sealedVerifier), .text(returnTo)])
    }
    return pending
  }

  /// Takes the sign-in `state` names, once: `nil` when it is unknown, used or too old.
  func finishSignIn(state: String) async throws -> PendingSignIn? {
    let stateHash = SessionSecrets.digest(state)
    let s = schema.sql
    let window = Self.seconds(Self.signInWindow)
    let row = try await pool.withSession { session in
      try session.query(
        """
        DELETE FROM \(s).sign_ins WHERE state_hash = $1
        RETURNING nonce, code_verifier, return_to, started_at > now() - make_interval(secs => $2)
        """, [.text(stateHash), .double(window)]
      ).rows.first
    }
    guard let row, try row.decode(3, as: Bool.self) else { return nil }
    let verifier = try sealer.open(
      try row.decode(1, as: String.self), context: "workplace.sign_ins.code_verifier:\(stateHash)")
    return PendingSignIn(
      state: state, nonce: try row.decode(0), codeVerifier: verifier, returnTo: try row.decode(2))
  }

  /// Opens a session for `identity` holding `accessToken` (valid until `tokenExpiry`); returns
  /// the session id for the cookie and the session as the pages see it.
  func open(identity: String, name: String, accessToken: String, tokenExpiry: Date)
    async throws -> (id: String, session: WorkplaceSession)
  {
    let id = SessionSecrets.random()
    let hash = SessionSecrets.digest(id)
    let csrf = SessionSecrets.random()
    let limit = Date().addingTimeInterval(Self.seconds(sessionLimit))
    let expiresAt = min(limit, tokenExpiry)
    let s = schema.sql
    let sealedToken = sealer.seal(accessToken, context: "workplace.sessions.access_token:\(hash)")
    let sealedName = sealer.seal(name, context: "workplace.sessions.display_name:\(hash)")
    try await pool.withSession { session in
      _ = try session.execute(
        "DELETE FROM \(s).sessions WHERE expires_at < now()")
      _ = try session.execute(
        """
        INSERT INTO \(s).sessions
          (session_hash, subject_hash, display_name, access_token, csrf_token, expires_at)
        VALUES ($1, $2, $3, $4, $5, $6)
        """,
        [
          .text(hash), .text(SessionSecrets.digest(identity)), .text(sealedName),
          .text(sealedToken), .text(csrf), .timestamp(expiresAt),
        ])
    }
    return (id, WorkplaceSession(displayName: name, accessToken: accessToken, csrfToken: csrf))
  }

  /// The session `id` names, touched as used now; `.ended` when it timed out (it is removed),
  /// `.unknown` when there is no such session.
  func resume(id: String) async throws -> SessionLookup {
    let hash = SessionSecrets.digest(id)
    let s = schema.sql
    let idle = Self.seconds(idleTimeout)
    let (row, ended) = try await pool.withSession { session in
      let active = try session.query(
        """
        UPDATE \(s).sessions SET last_seen_at = now()
        WHERE session_hash = $1 AND expires_at > now()
          AND last_seen_at > now() - make_interval(secs => $2)
        RETURNING display_name, access_token, csrf_token
        """, [.text(hash), .double(idle)]
      ).rows.first
      if active != nil { return (active, false) }
      let removed = try session.execute(
        "DELETE FROM \(s).sessions WHERE session_hash = $1", [.text(hash)])
      return (nil, removed > 0)
    }
    guard let row else { return ended ? .ended : .unknown }
    do {
      return .active(
        WorkplaceSession(
          displayName: try sealer.open(
            try row.decode(0), context: "workplace.sessions.display_name:\(hash)"),
          accessToken: try sealer.open(
            try row.decode(1), context: "workplace.sessions.access_token:\(hash)"),
          csrfToken: try row.decode(2)))
    } catch {
      // Sealed under a key no longer configured: the session cannot be used; sign in again.
      try await close(id: id)
      return .ended
    }
  }

  /// Ends the session `id` names (sign-out); nothing when there is none.
  func close(id: String) async throws {
    let s = schema.sql
    let hash = SessionSecrets.digest(id)
    try await pool.withSession { session in
      _ = try session.execute("DELETE FROM \(s).sessions WHERE session_hash = $1", [.text(hash)])
    }
  }

  /// How many sessions are open now (for tests and the operator).
  public func openSessions() async throws -> Int {
    let s = schema.sql
    return try await pool.withSession { session in
      try session.query("SELECT count(*) FROM \(s).sessions WHERE expires_at > now()").rows[0]
        .decode(0, as: Int.self)
    }
  }

  static func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
  }
}

/// A sign-in between leaving for the identity provider and coming back.
struct PendingSignIn: Sendable {
  /// The `state` sent to the provider (and kept in the sign-in cookie).
  var state: String
  /// The `nonce` the ID token must carry.
  var nonce: String
  /// The PKCE code verifier whose S256 challenge was sent.
  var codeVerifier: String
  /// The workplace page to go back to after signing in.
  var returnTo: String
}

/// A signed-in person's session as the pages use it.
public struct WorkplaceSession: Sendable {
  /// The name to show in the header.
  public var displayName: String
  /// Their access token, sent to the services as `Authorization: Bearer`.
  public var accessToken: String
  /// The token every form of this session must carry.
  public var csrfToken: String
}

/// What a session cookie leads to.
enum SessionLookup: Sendable {
  case active(WorkplaceSession)
  case ended
  case unknown
}
