#!/bin/bash
# PostgreSQL's first-start script (the postgres image runs /docker-entrypoint-initdb.d/* once,
# on an empty data folder; Kubernetes runs it as the same image's init step). It does what
# infra/provision.sh does for the database: database rjhub, no PUBLIC rights on it or on
# schema public, and per service a login role rjhub_<service> owning schema <service> (dashes
# as underscores) and nothing else, its search_path set to it. The workplace's role holds its
# sign-in sessions only. The services migrate their own schemas when they start.
# Each role's password is read from the very URL its service connects with
# ($RJHUB_DB_SECRETS/<service>-database-url, postgresql://role:password@host:port/rjhub), so
# the two cannot disagree; a missing or malformed file stops the initialisation, naming it.
set -euo pipefail
secrets="${RJHUB_DB_SECRETS:-/run/secrets}"
services=(intake victim-contact facilitator-matching notifications reporting workplace)

fail() { echo "[rjhub-db] error: $*" >&2; exit 1; }
psql_() { psql -v ON_ERROR_STOP=1 -X -q --username "$POSTGRES_USER" "$@"; }

psql_ --dbname postgres <<'SQL'
SELECT 'CREATE DATABASE rjhub' WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'rjhub') \gexec
SQL
psql_ --dbname rjhub <<'SQL'
REVOKE ALL ON DATABASE rjhub FROM PUBLIC;
REVOKE ALL ON SCHEMA public FROM PUBLIC;
SQL
for s in "${services[@]}"; do
  schema="${s//-/_}"; role="rjhub_$schema"; file="$secrets/$s-database-url"
  [ -s "$file" ] || fail "no $file (postgresql://$role:password@host:port/rjhub)"
  url="$(tr -d '\r\n' <"$file")"
  user="$(printf '%s' "$url" | sed -n 's|^postgres\(ql\)\{0,1\}://\([^:/@]*\):[^@]*@.*$|\2|p')"
  password="$(printf '%s' "$url" | sed -n 's|^postgres\(ql\)\{0,1\}://[^:/@]*:\([^@]*\)@.*$|\2|p')"
  [ "$user" = "$role" ] || fail "$file must connect as $role"
  [[ "$password" =~ ^[A-Za-z0-9._~-]+$ ]] || fail "the password in $file is missing or not URL-safe"
  psql_ --dbname rjhub -v role="$role" -v schema="$schema" -v pw="$password" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'role', :'pw')
  WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('ALTER ROLE %I PASSWORD %L NOSUPERUSER NOCREATEDB NOCREATEROLE', :'role', :'pw') \gexec
SELECT format('GRANT CONNECT ON DATABASE rjhub TO %I', :'role') \gexec
SELECT format('CREATE SCHEMA IF NOT EXISTS %I AUTHORIZATION %I', :'schema', :'role') \gexec
SELECT format('ALTER ROLE %I SET search_path = %I', :'role', :'schema') \gexec
SQL
  echo "[rjhub-db] role $role owns schema $schema"
done
