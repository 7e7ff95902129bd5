import PostgresClient

/// facilitator-matching's tables, in its own schema (after the messaging tables 1–99).
///
/// - `facilitators`: the register. Personal data (`display_name`, `email`) sits in columns
///   of its own, so that encrypting it at rest changes these columns and their stores only.
///   Allocation takes the advisory lock of each area involved (migration 103 onwards; see
///   `AllocationStore`), which is what keeps a facilitator within capacity across replicas.
/// - `requests`: one row per request for facilitators, claimed (inserted) by the transaction
///   that decides it, so the same request arriving twice, under any message id, is decided
///   once.
/// - `allocations`: who was allocated to which request in which role; `UNIQUE (request_id,
///   role)` is the backstop against double allocation. Open allocations count against
///   capacity.
/// - Every read and change of the register's personal data (who, what, when) goes to the
///   audit trail (`audit_log`, from `AuditMigrations`).
enum FacilitatorMatchingMigrations {
  static func all(schema: SchemaName) -> [Migration] {
    let s = schema.sql
    return [
      Migration(
        version: 100, name: "facilitator register, requests, allocations, register access",
        sql: """
          CREATE TABLE \(s).facilitators (
            facilitator_id text PRIMARY KEY,
            agency text NOT NULL,
            level text NOT NULL CHECK (level IN ('foundation', 'practitioner', 'senior')),
            areas text[] NOT NULL CHECK (cardinality(areas) > 0),
            districts text[] NOT NULL DEFAULT '{}',
            languages text[] NOT NULL DEFAULT '{en}',
            sensitive_trained boolean NOT NULL DEFAULT false,
            active boolean NOT NULL DEFAULT true,
            capacity integer NOT NULL CHECK (capacity >= 0),
            registered_at timestamptz NOT NULL,
            updated_at timestamptz NOT NULL,
            -- Personal data, each in its own column.
            display_name text NOT NULL,
            email text NOT NULL
          );
          CREATE INDEX facilitators_areas ON \(s).facilitators USING gin (areas);
          CREATE TABLE \(s).requests (
            request_id text PRIMARY KEY,
            case_id text NOT NULL,
            area text NOT NULL,
            requested_at timestamptz NOT NULL,
            outcome text CHECK (outcome IN ('allocated', 'unfilled')),
            unfilled_reason text,
            decided_at timestamptz
          );
          CREATE INDEX requests_case_id ON \(s).requests (case_id);
          CREATE TABLE \(s).allocations (
            allocation_id text PRIMARY KEY,
            request_id text NOT NULL REFERENCES \(s).requests (request_id),
            case_id text NOT NULL,
            facilitator_id text NOT NULL REFERENCES \(s).facilitators (facilitator_id),
            role text NOT NULL CHECK (role IN ('lead', 'co-facilitator')),
            status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
            allocated_at timestamptz NOT NULL,
            closed_at timestamptz,
            UNIQUE (request_id, role)
          );
          CREATE INDEX allocations_open ON \(s).allocations (facilitator_id)
            WHERE status = 'open';
          CREATE INDEX allocations_case_id ON \(s).allocations (case_id);
          CREATE TABLE \(s).register_access (
            seq bigserial PRIMARY KEY,
            accessed_at timestamptz NOT NULL DEFAULT now(),
            subject text NOT NULL,
            action text NOT NULL,
            facilitator_id text,
            area text
          );
          CREATE INDEX register_access_facilitator_id
            ON \(s).register_access (facilitator_id);
          """),
      // Reads and changes of the register are now kept in the hash-chained audit trail.
      Migration(
        version: 101, name: "audit trail replaces the register access table",
        sql: "DROP TABLE \(s).register_access;"),
      // Allocations end: with their case (closed or transferred, from victim-contact's stage
      // changes, whose latest sequence per case is kept so an older change never acts after
      // a newer one) or on a case worker's release; `closed_at` and the reason are set once.
      Migration(
        version: 102, name: "allocations end with their case or on release",
        sql: """
          ALTER TABLE \(s).allocations
            ADD COLUMN end_reason text
              CHECK (end_reason IN ('case-closed', 'case-transferred', 'released')),
            ADD COLUMN release_reason text,
            ADD CONSTRAINT allocations_closed_has_reason
              CHECK ((status = 'open') = (end_reason IS NULL));
          ALTER TABLE \(s).requests DROP CONSTRAINT requests_outcome_check;
          ALTER TABLE \(s).requests ADD CONSTRAINT requests_outcome_check
            CHECK (outcome IN ('allocated', 'unfilled', 'case-ended'));
          CREATE TABLE \(s).case_stages (
            case_id text PRIMARY KEY,
            sequence integer NOT NULL,
            stage text NOT NULL,
            changed_at timestamptz NOT NULL
          );
          """),
      // The whole register of PRODUCT "Facilitators", pairs, offers to agencies, and the
      // conferences facilitators hold (from victim-contact's interventions).
      Migration(
        version: 103, name: "register in full, pairs, offers to agencies, conferences",
        sql: """
          ALTER TABLE \(s).facilitators
            ADD COLUMN kind text NOT NULL DEFAULT 'staff-advisor' CHECK (kind IN
              ('staff-advisor', 'police-officer', 'partner-agency-staff', 'community-volunteer')),
            ADD COLUMN home_district text,
            ADD COLUMN cultural_knowledge text[] NOT NULL DEFAULT '{}',
            ADD COLUMN case_types text[] NOT NULL DEFAULT '{}',
            ADD COLUMN vetting_expires_on date,
            ADD COLUMN last_supervision_on date,
            ADD COLUMN conflict_marks text[] NOT NULL DEFAULT '{}',
            ADD COLUMN revision integer NOT NULL DEFAULT 1;
          ALTER TABLE \(s).facilitators DROP CONSTRAINT facilitators_level_check;
          UPDATE \(s).facilitators SET level = CASE level
            WHEN 'practitioner' THEN 'intermediate' WHEN 'senior' THEN 'advanced' ELSE level END;
          ALTER TABLE \(s).facilitators ADD CONSTRAINT facilitators_level_check
            CHECK (level IN ('foundation', 'intermediate', 'advanced'));
          UPDATE \(s).facilitators SET case_types = ARRAY[\(CaseType.known.map { "'\($0)'" }.joined(separator: ", "))]
            WHERE sensitive_trained;
          ALTER TABLE \(s).facilitators DROP COLUMN sensitive_trained;
          CREATE TABLE \(s).agencies (
            agency text PRIMARY KEY,
            answers_offers boolean NOT NULL,
            answer_within text,
            updated_at timestamptz NOT NULL
          );
          ALTER TABLE \(s).requests
            ADD COLUMN needs text,
            ADD COLUMN explanation text,
            ADD COLUMN override_reason text,
            ADD COLUMN overridden_by text;
          ALTER TABLE \(s).requests DROP CONSTRAINT requests_outcome_check;
          ALTER TABLE \(s).requests ADD CONSTRAINT requests_outcome_check
            CHECK (outcome IN ('offered', 'allocated', 'unfilled', 'case-ended'));
          ALTER TABLE \(s).allocations DROP CONSTRAINT allocations_request_id_role_key;
          CREATE UNIQUE INDEX allocations_one_open_per_part
            ON \(s).allocations (request_id, role) WHERE status = 'open';
          CREATE TABLE \(s).offers (
            offer_id text PRIMARY KEY,
            request_id text NOT NULL REFERENCES \(s).requests (request_id),
            case_id text NOT NULL,
            role text NOT NULL CHECK (role IN ('lead', 'co-facilitator')),
            attempt integer NOT NULL,
            facilitator_id text NOT NULL REFERENCES \(s).facilitators (facilitator_id),
            agency text NOT NULL,
            status text NOT NULL
              CHECK (status IN ('offered', 'accepted', 'declined', 'no-answer', 'withdrawn')),
            offered_at timestamptz NOT NULL,
            answer_due timestamptz NOT NULL,
            answered_at timestamptz,
            answered_by text,
            decline_reason text,
            distance_km integer,
            UNIQUE (request_id, role, attempt)
          );
          CREATE UNIQUE INDEX offers_one_pending_per_part
            ON \(s).offers (request_id, role) WHERE status = 'offered';
          CREATE INDEX offers_pending_due ON \(s).offers (answer_due) WHERE status = 'offered';
          CREATE INDEX offers_pending_facilitator
            ON \(s).offers (facilitator_id) WHERE status = 'offered';
          CREATE INDEX offers_request ON \(s).offers (request_id);
          CREATE TABLE \(s).conferences (
            intervention_id text PRIMARY KEY,
            case_id text NOT NULL,
            facilitator_ids text[] NOT NULL,
            delivered_on date,
            revision integer NOT NULL
          );
          CREATE INDEX conferences_facilitators ON \(s).conferences USING gin (facilitator_ids);
          CREATE INDEX requests_unfilled ON \(s).requests (area) WHERE outcome = 'unfilled';
          """),
    ]
  }
}
