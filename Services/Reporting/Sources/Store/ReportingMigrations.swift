import PostgresClient

/// reporting's tables, in its own schema (after the messaging tables 1–99): a read model of
/// the hub's events holding codes, ids, dates and counts only — never a name, contact detail
/// or free text.
///
/// Every table is keyed by the natural id of what it records (a case, a referral, a task, a
/// notification, an allocation), and every write is an upsert on that key, so the same fact
/// delivered twice under different message ids, or facts arriving out of order, leave the
/// same rows. Facts about a case may arrive before the case itself; the figures join them to
/// `cases` when they are read, so nothing waits on arrival order.
enum ReportingMigrations {
  /// The migrations for `schema` (a validated identifier).
  static func all(schema: SchemaName) -> [Migration] {
    let s = schema.sql
    return [
      Migration(
        version: 100,
        name: "referrals, cases, stages, tasks, contacts, notifications, allocations",
        sql: """
          CREATE TABLE \(s).accepted_referrals (
            source_system text NOT NULL,
            referral_id text NOT NULL,
            area text NOT NULL,
            case_id text NOT NULL,
            received_at timestamptz NOT NULL,
            linked_to_existing_case boolean NOT NULL,
            PRIMARY KEY (source_system, referral_id)
          );
          CREATE INDEX accepted_referrals_area_received
            ON \(s).accepted_referrals (area, received_at);
          -- A rejected referral, once however often it was rejected: keyed by source system
          -- and sender's reference when the submission had readable ones, else by the
          -- submission's message id. Keeps the earliest rejection's receipt time and area and
          -- every error code it was rejected for, never the messages.
          CREATE TABLE \(s).rejected_referrals (
            rejection_key text PRIMARY KEY,
            area text NOT NULL,
            received_at timestamptz NOT NULL,
            error_codes text[] NOT NULL
          );
          CREATE INDEX rejected_referrals_area_received
            ON \(s).rejected_referrals (area, received_at);
          CREATE TABLE \(s).cases (
            case_id text PRIMARY KEY,
            area text NOT NULL,
            received_at timestamptz NOT NULL,
            referrer_type text NOT NULL,
            initiated_by text NOT NULL
          );
          CREATE INDEX cases_area_received ON \(s).cases (area, received_at);
          -- The latest stage change seen for a case (highest sequence wins), whether or not
          -- its case.opened has arrived yet.
          CREATE TABLE \(s).case_stages (
            case_id text PRIMARY KEY,
            stage text NOT NULL,
            sequence integer NOT NULL,
            changed_at timestamptz NOT NULL
          );
          CREATE TABLE \(s).contact_tasks (
            task_id text PRIMARY KEY,
            case_id text NOT NULL,
            area text NOT NULL,
            kind text NOT NULL,
            due_on date NOT NULL,
            scheduled_at timestamptz NOT NULL
          );
          CREATE INDEX contact_tasks_case_kind ON \(s).contact_tasks (case_id, kind);
          CREATE TABLE \(s).contact_attempts (
            attempt_id text PRIMARY KEY,
            case_id text NOT NULL,
            area text NOT NULL,
            participant text NOT NULL,
            outcome text NOT NULL,
            channel text NOT NULL,
            attempted_at timestamptz NOT NULL
          );
          CREATE INDEX contact_attempts_case ON \(s).contact_attempts (case_id);
          -- A notification's outcome: the earliest time it was sent and the earliest time it
          -- failed (a notification that was sent counts as sent, whatever else arrived).
          CREATE TABLE \(s).notifications (
            notification_id text PRIMARY KEY,
            case_id text NOT NULL,
            area text NOT NULL,
            purpose text NOT NULL,
            channel text NOT NULL,
            sent_at timestamptz,
            failed_at timestamptz
          );
          CREATE INDEX notifications_case_purpose ON \(s).notifications (case_id, purpose);
          CREATE TABLE \(s).facilitator_allocations (
            allocation_id text PRIMARY KEY,
            request_id text NOT NULL,
            case_id text NOT NULL,
            area text NOT NULL,
            agency text NOT NULL,
            role text NOT NULL,
            allocated_at timestamptz NOT NULL
          );
          CREATE INDEX facilitator_allocations_case ON \(s).facilitator_allocations (case_id);
          CREATE TABLE \(s).unfilled_allocations (
            request_id text PRIMARY KEY,
            case_id text NOT NULL,
            area text NOT NULL,
            reason text NOT NULL,
            decided_at timestamptz NOT NULL
          );
          CREATE INDEX unfilled_allocations_case ON \(s).unfilled_allocations (case_id);
          """),
      // The case journey (issue 6): closures with their reasons, consent withdrawals,
      // interventions, surveys' scores and complaints — codes, ids, dates and numbers only.
      Migration(
        version: 101, name: "closures, withdrawals, interventions, surveys, complaints",
        sql: """
          -- Every closure or transfer of a case (a reopened case may close again).
          CREATE TABLE \(s).case_closures (
            case_id text NOT NULL,
            sequence integer NOT NULL,
            area text NOT NULL,
            closed_at timestamptz NOT NULL,
            closure_reason text NOT NULL,
            unsuitable_reason text,
            -- The stage the case was in when it closed.
            last_stage text NOT NULL,
            PRIMARY KEY (case_id, sequence)
          );
          CREATE INDEX case_closures_area_closed ON \(s).case_closures (area, closed_at);
          CREATE TABLE \(s).consent_withdrawals (
            consent_id text PRIMARY KEY,
            case_id text NOT NULL,
            area text NOT NULL,
            participant text NOT NULL,
            stage text NOT NULL,
            withdrawn_at timestamptz NOT NULL
          );
          CREATE INDEX consent_withdrawals_area ON \(s).consent_withdrawals (area, withdrawn_at);
          -- An intervention as its highest revision left it.
          CREATE TABLE \(s).interventions (
            intervention_id text PRIMARY KEY,
            case_id text NOT NULL,
            area text NOT NULL,
            kind text NOT NULL,
            status text NOT NULL,
            delivered_at timestamptz,
            revision integer NOT NULL
          );
          CREATE INDEX interventions_area_delivered ON \(s).interventions (area, delivered_at);
          CREATE TABLE \(s).surveys (
            survey_id text PRIMARY KEY,
            case_id text NOT NULL,
            area text NOT NULL,
            participant_id text NOT NULL,
            participant text NOT NULL,
            kind text NOT NULL,
            point text NOT NULL,
            measures jsonb,
            satisfaction integer,
            testimonial_consented boolean NOT NULL,
            answered_at timestamptz NOT NULL
          );
          CREATE INDEX surveys_area_answered ON \(s).surveys (area, answered_at);
          CREATE INDEX surveys_participant ON \(s).surveys (participant_id, kind, point);
          -- A complaint as its highest revision left it.
          CREATE TABLE \(s).complaints (
            complaint_id text PRIMARY KEY,
            area text NOT NULL,
            case_id text,
            received_at timestamptz NOT NULL,
            respond_by date NOT NULL,
            status text NOT NULL,
            responded_at timestamptz,
            outcome text,
            revision integer NOT NULL
          );
          CREATE INDEX complaints_area_received ON \(s).complaints (area, received_at);
          """),
      // Every stage change (a case closed while paused left the journey at the stage it was
      // paused from; a case's stage on any past day); a task is open until its closure
      // arrives (in either order).
      Migration(
        version: 102, name: "stage history and task closures",
        sql: """
          CREATE TABLE \(s).case_stage_changes (
            case_id text NOT NULL,
            sequence integer NOT NULL,
            stage text NOT NULL,
            previous_stage text NOT NULL,
            changed_at timestamptz NOT NULL,
            PRIMARY KEY (case_id, sequence)
          );
          CREATE TABLE \(s).task_closures (
            task_id text PRIMARY KEY,
            case_id text NOT NULL,
            area text NOT NULL,
            outcome text NOT NULL,
            closed_at timestamptz NOT NULL
          );
          CREATE INDEX task_closures_case ON \(s).task_closures (case_id);
          """),
      // Allocations ended (case closed or transferred, or the facilitator released), once per
      // allocation.
      Migration(
        version: 103, name: "allocation endings",
        sql: """
          CREATE TABLE \(s).allocation_endings (
            allocation_id text PRIMARY KEY,
            case_id text NOT NULL,
            area text NOT NULL,
            reason text NOT NULL,
            release_reason text,
            ended_at timestamptz NOT NULL
          );
          CREATE INDEX allocation_endings_area_ended ON \(s).allocation_endings (area, ended_at);
          """),
      // The ended case a re-referral's new case follows (case.opened previousCaseId).
      Migration(
        version: 104, name: "re-referrals",
        sql: "ALTER TABLE \(s).cases ADD COLUMN previous_case_id text;"),
      // Partnership engagement and the volunteer pool (issue 16, PRODUCT figures 6 and 12):
      // offers to agencies and how they ended, the offer an allocation accepted, every
      // register revision (what the pool figures need, no name) and the facilitators credited
      // with an intervention. Facilitators appear by register id only; no answer shows one.
      Migration(
        version: 105, name: "offers, declines, register revisions, intervention facilitators",
        sql: """
          CREATE TABLE \(s).allocation_offers (
            offer_id text PRIMARY KEY,
            request_id text NOT NULL,
            case_id text NOT NULL,
            area text NOT NULL,
            agency text NOT NULL,
            role text NOT NULL,
            offered_at timestamptz NOT NULL,
            answer_due timestamptz NOT NULL,
            standing boolean NOT NULL
          );
          CREATE INDEX allocation_offers_area_offered ON \(s).allocation_offers (area, offered_at);
          -- How an offer ended unaccepted (declined, no answer, withdrawn), once per offer,
          -- whether or not its offer has arrived yet.
          CREATE TABLE \(s).offer_declines (
            offer_id text PRIMARY KEY,
            case_id text NOT NULL,
            area text NOT NULL,
            agency text NOT NULL,
            role text NOT NULL,
            outcome text NOT NULL,
            reason text,
            declined_at timestamptz NOT NULL
          );
          -- The offer an allocation accepted (absent from older allocations).
          ALTER TABLE \(s).facilitator_allocations ADD COLUMN offer_id text;
          CREATE INDEX facilitator_allocations_offer ON \(s).facilitator_allocations (offer_id);
          -- Every revision of a facilitator's register entry, once each: the entry on any day
          -- is its highest revision changed before that day ended, so a revision arriving late
          -- changes nothing once a higher one is in. Only what the pool figures use.
          CREATE TABLE \(s).facilitator_revisions (
            facilitator_id text NOT NULL,
            revision integer NOT NULL,
            kind text NOT NULL,
            areas text[] NOT NULL,
            languages text[] NOT NULL,
            active boolean NOT NULL,
            vetting_expires_on date,
            supervision_due_on date,
            changed_at timestamptz NOT NULL,
            PRIMARY KEY (facilitator_id, revision)
          );
          -- The facilitators an intervention credits, as its highest revision left them
          -- (absent for interventions kept before this migration).
          ALTER TABLE \(s).interventions ADD COLUMN facilitator_ids text[];
          CREATE INDEX interventions_facilitators ON \(s).interventions USING gin (facilitator_ids);
          """),
    ]
  }
}
