import Foundation
import PostgresClient

/// How each agency answers the offers made to its facilitators, inside the caller's
/// transaction. An agency not listed takes every offer at once under a standing agreement
/// (the hub's own service); one that answers offers accepts or declines each through the API
/// within the offer timeout.
struct AgencyStore: Sendable {
  let s: String

  /// Works on the tables in `schema`.
  init(schema: SchemaName) {
    s = schema.sql
  }

  /// An agency's settings as stored and shown.
  struct Agency: Codable, Sendable, Equatable {
    /// The agency's name, as facilitators' entries give it.
    var agency: String
    /// Whether it answers each offer (false: a standing agreement accepts at once).
    var answersOffers: Bool
    /// When the settings last changed.
    var updatedAt: Date
  }

  /// Which of `agencies` answer offers themselves.
  func answeringOffers(_ agencies: [String], in session: PostgresSession) throws -> Set<String> {
    guard !agencies.isEmpty else { return [] }
    return Set(
      try session.query(
        "SELECT agency FROM \(s).agencies WHERE answers_offers AND agency = ANY ($1::text[])",
        [.textArray(agencies)]
      ).rows.map { try $0.decode(0, as: String.self) })
  }

  /// Sets how `agency` answers offers, at `now`.
  func set(_ agency: String, answersOffers: Bool, at now: Date, in session: PostgresSession)
    throws -> Agency
  {
    try session.execute(
      """
      INSERT INTO \(s).agencies (agency, answers_offers, updated_at) VALUES ($1, $2, $3)
      ON CONFLICT (agency) DO UPDATE SET answers_offers = EXCLUDED.answers_offers,
        updated_at = EXCLUDED.updated_at
      """, [.text(agency), .bool(answersOffers), .timestamp(now)])
    return Agency(agency: agency, answersOffers: answersOffers, updatedAt: now)
  }

  /// Every agency's settings, by name.
  func all(in session: PostgresSession) throws -> [Agency] {
    try session.query(
      "SELECT agency, answers_offers, updated_at FROM \(s).agencies ORDER BY agency"
    ).rows.map {
      Agency(agency: try $0.decode(0), answersOffers: try $0.decode(1), updatedAt: try $0.decode(2))
    }
  }
}
