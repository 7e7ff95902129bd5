import PostgresClient

/// victim-contact's tables, in its own schema (after the messaging tables 1–99).
///
/// Personal data (names, emails, phones, addresses, free-text notes) sits in columns of its
/// own, marked below, so that encrypting it at rest changes these columns and their stores
/// only. The two halves of a case's arrival (`case.opened` and `case.contact-details`) are
/// kept side by side in `cases`; `first_contact_planned_at` is set by the transaction that
/// completes the pair, which is what makes first contact happen exactly once.
enum VictimContactMigrations {
  static func all(schema: String) throws -> [Migration] {
    let s = try PostgresIdentifier.quoted(schema)
    return [
      Migration(
        version: 100, name: "cases, tasks, notifications, contact attempts, facilitators",
        sql: """
          CREATE TABLE \(s).cases (
            case_id text PRIMARY KEY,
            area text NOT NULL,
            -- From case.opened (NULL until it arrives).
            opened_recorded_at timestamptz,
            received_at timestamptz,
            referral_id text,
            source_system text,
            referrer_type text,
            initiated_by text,
            offence_category text,
            district text,
            victim_preferred_contact text,
            victim_language text,
            victim_safe_to_contact boolean,
            enhanced_rights boolean,
            bereaved_family boolean,
            -- From case.contact-details (NULL until it arrives).
            details_recorded_at timestamptz,
            has_victim_details boolean,
            -- Personal data, each in its own column.
            victim_name text,
            victim_email text,
            victim_phone text,
            victim_address text,
            referrer_name text,
            referrer_email text,
            referrer_phone text,
            referrer_address text,
            referrer_organisation text,
            -- The journey.
            first_contact_planned_at timestamptz,
            stage text NOT NULL DEFAULT 'referred',
            stage_sequence integer NOT NULL DEFAULT 0,
            stage_changed_at timestamptz,
            victim_agreed_at timestamptz
          );
          CREATE TABLE \(s).tasks (
            task_id text PRIMARY KEY,
            case_id text NOT NULL REFERENCES \(s).cases (case_id),
            kind text NOT NULL,
            due_on date NOT NULL,
            assignee_role text NOT NULL,
            flag text,
            status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'completed')),
            scheduled_at timestamptz NOT NULL,
            completed_at timestamptz
          );
          CREATE INDEX tasks_case_id ON \(s).tasks (case_id);
          CREATE INDEX tasks_open_due_on ON \(s).tasks (due_on) WHERE status = 'open';
          CREATE TABLE \(s).notifications (
            notification_id text PRIMARY KEY,
            case_id text NOT NULL REFERENCES \(s).cases (case_id),
            purpose text NOT NULL,
            channel text NOT NULL,
            status text NOT NULL CHECK (status IN ('requested', 'sent', 'failed')),
            failure_reason text,
            requested_at timestamptz NOT NULL,
            settled_at timestamptz
          );
          CREATE INDEX notifications_case_id ON \(s).notifications (case_id);
          CREATE TABLE \(s).contact_attempts (
            attempt_id uuid PRIMARY KEY,
            case_id text NOT NULL REFERENCES \(s).cases (case_id),
            participant text NOT NULL,
            channel text NOT NULL,
            outcome text NOT NULL,
            attempted_at timestamptz NOT NULL,
            recorded_by text NOT NULL,
            -- Personal data (free text), in its own column.
            notes text
          );
          CREATE INDEX contact_attempts_case_id ON \(s).contact_attempts (case_id, attempted_at);
          CREATE TABLE \(s).facilitator_requests (
            request_id text PRIMARY KEY,
            case_id text NOT NULL,
            requested_at timestamptz,
            status text NOT NULL CHECK (status IN ('requested', 'allocated', 'unfilled')),
            unfilled_reason text,
            decided_at timestamptz
          );
          CREATE INDEX facilitator_requests_case_id ON \(s).facilitator_requests (case_id);
          CREATE TABLE \(s).facilitator_allocations (
            allocation_id text PRIMARY KEY,
            request_id text NOT NULL,
            case_id text NOT NULL,
            facilitator_id text NOT NULL,
            agency text NOT NULL,
            role text NOT NULL,
            allocated_at timestamptz NOT NULL
          );
          CREATE INDEX facilitator_allocations_case_id
            ON \(s).facilitator_allocations (case_id, facilitator_id);
          CREATE TABLE \(s).personal_data_access (
            seq bigserial PRIMARY KEY,
            accessed_at timestamptz NOT NULL DEFAULT now(),
            subject text NOT NULL,
            case_id text NOT NULL,
            action text NOT NULL
          );
          CREATE INDEX personal_data_access_case_id ON \(s).personal_data_access (case_id);
          """),
      // Reads and changes of personal data are now kept in the hash-chained audit trail.
      Migration(
        version: 101, name: "audit trail replaces the access table",
        sql: "DROP TABLE \(s).personal_data_access;"),
      // Further referrals of a case's victim and crime, linked by intake (referrer sealed).
      Migration(
        version: 102, name: "linked referrals",
        sql: """
          CREATE TABLE \(s).linked_referrals (
            source_system text NOT NULL,
            referral_id text NOT NULL,
            case_id text NOT NULL REFERENCES \(s).cases (case_id),
            referrer_type text NOT NULL,
            matched_by text NOT NULL,
            linked_at timestamptz NOT NULL,
            referrer_organisation text,
            acknowledgement_id text,
            -- Personal data, sealed.
            referrer_name text,
            referrer_email text,
            referrer_phone text,
            PRIMARY KEY (source_system, referral_id)
          );
          CREATE INDEX linked_referrals_case_id ON \(s).linked_referrals (case_id);
          """),
      // What makes a case sensitive, passed on to facilitator matching.
      Migration(
        version: 103, name: "case sensitivity",
        sql: "ALTER TABLE \(s).cases ADD COLUMN sensitivity text[] NOT NULL DEFAULT '{}';"),
      // Bereaved family members taking part, sealed as one JSON document.
      Migration(
        version: 104, name: "bereaved family members",
        sql: "ALTER TABLE \(s).cases ADD COLUMN bereaved_family_members text;"),
    ]
  }
}
