import PostgresClient

/// victim-contact's tables, in its own schema (after the messaging tables 1–99).
///
/// Personal data (names, emails, phones, addresses, free-text notes) sits in columns of its
/// own, marked below, so that encrypting it at rest changes these columns and their stores
/// only. The two halves of a case's arrival (`case.opened` and `case.contact-details`) are
/// kept side by side in `cases`; `first_contact_planned_at` is set by the transaction that
/// completes the pair, which is what makes first contact happen exactly once.
enum VictimContactMigrations {
  static func all(schema: SchemaName) -> [Migration] {
    let s = schema.sql
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
      // The whole case journey (issue 6): who moved each stage and why, the participants with
      // their safe-contact rules, consent, assessments, interventions, outcome agreements,
      // surveys and complaints. Free text and contact details are sealed, marked below.
      Migration(
        version: 105, name: "case journey",
        sql: """
          ALTER TABLE \(s).cases
            ADD COLUMN paused_from text,
            ADD COLUMN closure_reason text,
            ADD COLUMN closed_at timestamptz,
            ADD COLUMN assigned_to text;
          CREATE INDEX cases_area_stage ON \(s).cases (area, stage);
          CREATE INDEX cases_assigned_to ON \(s).cases (assigned_to) WHERE assigned_to IS NOT NULL;
          CREATE TABLE \(s).case_stage_changes (
            case_id text NOT NULL REFERENCES \(s).cases (case_id),
            sequence integer NOT NULL,
            from_stage text NOT NULL,
            to_stage text NOT NULL,
            move text NOT NULL,
            changed_at timestamptz NOT NULL,
            changed_by text NOT NULL,
            acting_role text NOT NULL,
            closure_reason text,
            unsuitable_reason text,
            -- Sealed free text: why.
            reason text,
            PRIMARY KEY (case_id, sequence)
          );
          ALTER TABLE \(s).tasks DROP CONSTRAINT tasks_status_check;
          ALTER TABLE \(s).tasks
            ADD CONSTRAINT tasks_status_check CHECK (status IN ('open', 'completed', 'dropped')),
            ADD COLUMN escalated_at timestamptz,
            ADD COLUMN closed_by text,
            -- Sealed free text: what to do (case actions), why it was dropped.
            ADD COLUMN description text,
            ADD COLUMN drop_reason text;
          CREATE TABLE \(s).participants (
            participant_id text PRIMARY KEY,
            case_id text NOT NULL REFERENCES \(s).cases (case_id),
            role text NOT NULL,
            supports text REFERENCES \(s).participants (participant_id),
            safe_to_write boolean NOT NULL,
            safe_to_call boolean NOT NULL,
            preferred_channel text,
            language text,
            interpreter_needed boolean NOT NULL DEFAULT false,
            added_at timestamptz NOT NULL,
            added_by text NOT NULL,
            -- Personal data, sealed.
            name text,
            email text,
            phone text,
            address text
          );
          CREATE INDEX participants_case_id ON \(s).participants (case_id);
          CREATE TABLE \(s).consents (
            consent_id uuid PRIMARY KEY,
            case_id text NOT NULL REFERENCES \(s).cases (case_id),
            participant_id text NOT NULL REFERENCES \(s).participants (participant_id),
            information_given text[] NOT NULL,
            informed_at timestamptz NOT NULL,
            evidence text NOT NULL,
            given_at timestamptz NOT NULL,
            recorded_by text NOT NULL,
            withdrawn_at timestamptz,
            withdrawn_by text,
            -- Sealed free text: where the written evidence is; what the participant said.
            evidence_reference text,
            withdrawal_note text
          );
          CREATE UNIQUE INDEX consents_one_standing
            ON \(s).consents (participant_id) WHERE withdrawn_at IS NULL;
          CREATE INDEX consents_case_id ON \(s).consents (case_id);
          CREATE TABLE \(s).assessments (
            assessment_id uuid PRIMARY KEY,
            case_id text NOT NULL REFERENCES \(s).cases (case_id),
            participant_id text NOT NULL REFERENCES \(s).participants (participant_id),
            risk_factors text[] NOT NULL,
            acknowledges_responsibility boolean,
            needs text[] NOT NULL,
            vulnerability text NOT NULL,
            outcome text NOT NULL,
            conditions text[] NOT NULL,
            unsuitable_reason text,
            completed_at timestamptz NOT NULL,
            completed_by text NOT NULL,
            signed_off_at timestamptz,
            signed_off_by text,
            signed_off_role text,
            -- Sealed free text.
            notes text
          );
          CREATE INDEX assessments_case_id ON \(s).assessments (case_id, participant_id);
          CREATE TABLE \(s).interventions (
            intervention_id uuid PRIMARY KEY,
            case_id text NOT NULL REFERENCES \(s).cases (case_id),
            kind text NOT NULL,
            planned_for timestamptz NOT NULL,
            attendees text[] NOT NULL,
            facilitators text[] NOT NULL,
            status text NOT NULL CHECK (status IN ('planned', 'delivered', 'cancelled')),
            revision integer NOT NULL,
            recorded_at timestamptz NOT NULL,
            recorded_by text NOT NULL,
            delivered_at timestamptz,
            cancelled_at timestamptz,
            -- Sealed free text: where; why cancelled.
            place text,
            cancel_reason text
          );
          CREATE INDEX interventions_case_id ON \(s).interventions (case_id);
          CREATE TABLE \(s).support_referrals (
            support_referral_id uuid PRIMARY KEY,
            case_id text NOT NULL REFERENCES \(s).cases (case_id),
            participant_id text NOT NULL REFERENCES \(s).participants (participant_id),
            organisation text NOT NULL,
            referred_at timestamptz NOT NULL,
            referred_by text NOT NULL,
            -- Sealed free text.
            reason text
          );
          CREATE INDEX support_referrals_case_id ON \(s).support_referrals (case_id);
          CREATE TABLE \(s).outcome_agreements (
            agreement_id uuid PRIMARY KEY,
            case_id text NOT NULL REFERENCES \(s).cases (case_id),
            made_on date NOT NULL,
            revision integer NOT NULL,
            recorded_at timestamptz NOT NULL,
            recorded_by text NOT NULL
          );
          CREATE INDEX outcome_agreements_case_id ON \(s).outcome_agreements (case_id);
          CREATE TABLE \(s).agreement_items (
            item_id uuid PRIMARY KEY,
            agreement_id uuid NOT NULL REFERENCES \(s).outcome_agreements (agreement_id),
            position integer NOT NULL,
            kind text NOT NULL,
            responsible text NOT NULL REFERENCES \(s).participants (participant_id),
            due_on date NOT NULL,
            status text NOT NULL CHECK (status IN ('open', 'done', 'not-done')),
            settled_on date,
            -- Sealed free text: what was agreed.
            description text
          );
          CREATE INDEX agreement_items_agreement_id ON \(s).agreement_items (agreement_id);
          CREATE TABLE \(s).surveys (
            survey_id uuid PRIMARY KEY,
            case_id text NOT NULL REFERENCES \(s).cases (case_id),
            participant_id text NOT NULL REFERENCES \(s).participants (participant_id),
            kind text NOT NULL,
            point text NOT NULL,
            scores jsonb NOT NULL,
            testimonial_consent boolean NOT NULL DEFAULT false,
            answered_at timestamptz NOT NULL,
            recorded_by text NOT NULL,
            -- Sealed free text.
            testimonial text,
            UNIQUE (participant_id, kind, point)
          );
          CREATE INDEX surveys_case_id ON \(s).surveys (case_id);
          CREATE TABLE \(s).follow_up_surveys (
            case_id text NOT NULL REFERENCES \(s).cases (case_id),
            participant_id text NOT NULL REFERENCES \(s).participants (participant_id),
            due_on date NOT NULL,
            requested_at timestamptz,
            PRIMARY KEY (case_id, participant_id)
          );
          CREATE INDEX follow_up_surveys_due ON \(s).follow_up_surveys (due_on)
            WHERE requested_at IS NULL;
          CREATE TABLE \(s).complaints (
            complaint_id uuid PRIMARY KEY,
            area text NOT NULL,
            case_id text REFERENCES \(s).cases (case_id),
            about text NOT NULL,
            received_at timestamptz NOT NULL,
            acknowledged_at timestamptz,
            respond_by date NOT NULL,
            status text NOT NULL CHECK (status IN ('received', 'acknowledged', 'responded')),
            outcome text,
            responded_at timestamptz,
            revision integer NOT NULL,
            recorded_by text NOT NULL,
            -- Sealed free text: the complaint in the complainant's words; the response.
            summary text,
            response text
          );
          CREATE INDEX complaints_area_status ON \(s).complaints (area, status);
          """),
      // An agreement item past its due date unsettled raises a task for the case worker,
      // once: when it did is kept on the item.
      Migration(
        version: 106, name: "overdue agreement items raise tasks",
        sql: """
          ALTER TABLE \(s).agreement_items ADD COLUMN overdue_task_at timestamptz;
          CREATE INDEX agreement_items_overdue ON \(s).agreement_items (due_on)
            WHERE status = 'open' AND overdue_task_at IS NULL;
          """),
      // The closed or transferred case of the same victim and crime a new case follows
      // (case.opened previousCaseId), shown on the case.
      Migration(
        version: 107, name: "previous case",
        sql: "ALTER TABLE \(s).cases ADD COLUMN previous_case_id text;"),
      // A participant under 18 (case.opened's victimIsYouth/offenderIsYouth) makes the case a
      // youth case for facilitator matching.
      Migration(
        version: 108, name: "youth cases",
        sql: "ALTER TABLE \(s).cases ADD COLUMN youth boolean NOT NULL DEFAULT false;"),
    ]
  }
}
