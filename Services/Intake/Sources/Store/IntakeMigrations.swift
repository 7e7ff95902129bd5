import PostgresClient

/// intake's tables, in its own schema. Personal data (names, dates of birth, contact
/// details, addresses, crime references, free text, the raw submission) sits in columns of
/// its own, sealed (``IntakePersonalData``).
enum IntakeMigrations {
  static func all(schema: SchemaName) -> [Migration] {
    let s = schema.sql
    return [
      Migration(
        version: 100, name: "submissions, referrals and cases",
        sql: """
          CREATE TABLE \(s).submissions (
            message_id text PRIMARY KEY,
            received_at timestamptz NOT NULL,
            source_system text,
            referral_id text,
            area text,
            outcome text NOT NULL CHECK (outcome IN ('accepted', 'duplicate', 'rejected')),
            case_id text,
            error_codes text[] NOT NULL DEFAULT '{}',
            errors jsonb NOT NULL DEFAULT '[]',
            raw_body text NOT NULL
          );
          CREATE INDEX submissions_received_at ON \(s).submissions (received_at);
          CREATE TABLE \(s).cases (
            case_id text PRIMARY KEY,
            area text NOT NULL,
            opened_at timestamptz NOT NULL,
            source_system text NOT NULL,
            referral_id text NOT NULL
          );
          CREATE TABLE \(s).case_numbers (
            prefix text PRIMARY KEY,
            last_number bigint NOT NULL
          );
          CREATE TABLE \(s).referrals (
            source_system text NOT NULL,
            referral_id text NOT NULL,
            case_id text NOT NULL REFERENCES \(s).cases (case_id),
            area text NOT NULL,
            received_at timestamptz NOT NULL,
            submitted_at timestamptz NOT NULL,
            referrer_type text NOT NULL,
            referrer_organisation text,
            referrer_department text,
            referrer_trained_in_rj boolean NOT NULL,
            initiated_by text NOT NULL,
            offence_category text NOT NULL,
            offence_occurred_on date,
            reported_to_police boolean NOT NULL,
            district text,
            postcode_district text,
            victim_preferred_contact text,
            victim_language text,
            victim_safe_to_contact boolean,
            victim_enhanced_rights boolean NOT NULL,
            victim_bereaved_family boolean NOT NULL,
            offender_identified boolean,
            consent_to_share boolean NOT NULL,
            -- Personal data, each in its own column.
            referrer_name text,
            referrer_email text,
            referrer_phone text,
            crime_reference text,
            offence_description text,
            postcode text,
            victim_name text,
            victim_date_of_birth text,
            victim_email text,
            victim_phone text,
            victim_address text,
            offender_name text,
            offender_date_of_birth text,
            notes text,
            PRIMARY KEY (source_system, referral_id)
          );
          CREATE INDEX referrals_case_id ON \(s).referrals (case_id);
          """),
      // Personal data is sealed from here on (values stored before are sealed by `rjhub data
      // reseal`); keyed hashes beside it let referrals be matched without opening it.
      Migration(
        version: 101, name: "matching hashes beside sealed personal data",
        sql: """
          ALTER TABLE \(s).referrals
            ADD COLUMN victim_identity_hash text, ADD COLUMN crime_reference_hash text;
          CREATE INDEX referrals_victim_identity_hash ON \(s).referrals (victim_identity_hash)
            WHERE victim_identity_hash IS NOT NULL;
          CREATE INDEX referrals_crime_reference_hash ON \(s).referrals (crime_reference_hash)
            WHERE crime_reference_hash IS NOT NULL;
          """),
      // How the victim was considered in a referral the offender initiated (views sealed).
      Migration(
        version: 102, name: "victim consideration",
        sql: """
          ALTER TABLE \(s).referrals
            ADD COLUMN victim_aware_of_offender_wish boolean, ADD COLUMN victim_views text;
          """),
      // Referrals of the same victim and crime from other channels join the open case.
      Migration(
        version: 103, name: "linked referrals",
        sql: """
          ALTER TABLE \(s).referrals ADD COLUMN linked_by text
            CHECK (linked_by IN ('crime-reference', 'victim-identity'));
          ALTER TABLE \(s).submissions DROP CONSTRAINT submissions_outcome_check;
          ALTER TABLE \(s).submissions ADD CONSTRAINT submissions_outcome_check
            CHECK (outcome IN ('accepted', 'duplicate', 'linked', 'rejected'));
          CREATE INDEX referrals_area_identity ON \(s).referrals (area, victim_identity_hash)
            WHERE victim_identity_hash IS NOT NULL;
          """),
      // The hub's review queue: submissions found by area and time, and by keyed hash
      // without opening them; a correction names the submission it corrects.
      Migration(
        version: 104, name: "submission review",
        sql: """
          ALTER TABLE \(s).submissions ADD COLUMN victim_identity_hash text,
            ADD COLUMN crime_reference_hash text, ADD COLUMN corrects text;
          CREATE INDEX submissions_area_received_at ON \(s).submissions (area, received_at);
          CREATE INDEX submissions_victim_identity_hash ON \(s).submissions (victim_identity_hash)
            WHERE victim_identity_hash IS NOT NULL;
          CREATE INDEX submissions_corrects ON \(s).submissions (corrects)
            WHERE corrects IS NOT NULL;
          """),
      // Cases transferred out to another area's hub, once each.
      Migration(
        version: 105, name: "case transfers",
        sql: """
          CREATE TABLE \(s).case_transfers (
            case_id text PRIMARY KEY REFERENCES \(s).cases (case_id),
            from_area text NOT NULL,
            to_area text NOT NULL,
            reason text NOT NULL,
            transferred_at timestamptz NOT NULL,
            transferred_by text NOT NULL,
            transfer_id text NOT NULL UNIQUE,
            receiving_case_id text
          );
          """),
      // What a case starts with: sensitivity flags and the participants' ages.
      Migration(
        version: 106, name: "sensitivity and ages",
        sql: """
          ALTER TABLE \(s).referrals
            ADD COLUMN sensitivity text[] NOT NULL DEFAULT '{}',
            ADD COLUMN victim_age integer, ADD COLUMN offender_age integer,
            ADD COLUMN offender_youth boolean;
          """),
      // Accepted referrals flagged for a person to check, and the check.
      Migration(
        version: 107, name: "flagged referrals",
        sql: """
          ALTER TABLE \(s).submissions
            ADD COLUMN flags text[] NOT NULL DEFAULT '{}',
            ADD COLUMN possible_duplicate_of text[] NOT NULL DEFAULT '{}',
            ADD COLUMN reviewed_at timestamptz, ADD COLUMN reviewed_by text,
            ADD COLUMN review_decision text
              CHECK (review_decision IN ('confirmed', 'duplicate')),
            ADD COLUMN review_duplicate_of text;
          CREATE INDEX submissions_awaiting_review ON \(s).submissions (area, received_at)
            WHERE flags <> '{}' AND reviewed_at IS NULL;
          """),
      // Bereaved family members taking part, sealed as one JSON document per referral.
      Migration(
        version: 108, name: "bereaved family members",
        sql: "ALTER TABLE \(s).referrals ADD COLUMN bereaved_family_members text;"),
      // Which cases are no longer worked (closed or transferred), from victim-contact's
      // case.stage-changed.v1 (latest sequence per case), so that a referral of a closed
      // case opens a new case linked to it (previous_case_id) instead of joining it.
      Migration(
        version: 109, name: "case stages and previous cases",
        sql: """
          CREATE TABLE \(s).case_stages (
            case_id text PRIMARY KEY,
            sequence integer NOT NULL,
            stage text NOT NULL
          );
          ALTER TABLE \(s).cases ADD COLUMN previous_case_id text;
          """),
    ]
  }
}
