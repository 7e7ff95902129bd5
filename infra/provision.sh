#!/usr/bin/env bash
# Creates, on the running servers, what the hub needs. Safe to run twice.
#   RabbitMQ: vhost `rjhub`; an administrator `rjhub-admin` (provisioning, tests);
#     one user per service, whose permissions reach only its own queues (`<service>.*`) and the
#     exchanges it publishes to; `police-publisher`, which can only publish to `rj.referrals`
#     and read its own reply queues (`police.*`); `operator`, which can read dead-letter queues
#     and replay into a queue through the default exchange. The `guest` user is deleted.
#   PostgreSQL: database `rjhub`; an administrator `rjhub_admin` (provisioning, tests); one
#     login role per service `rjhub_<service>` owning schema `<service>` and nothing else.
# Passwords are generated once into .local/secrets, as are each service's personal-data keys
# (sealing key `k1` and matching-hash key; reporting holds no personal data and has none).
# A service's keys are never made anew for a schema that already holds its tables, and keys
# other than those fingerprinted for the cluster (key-fingerprints beside it) are refused: that
# data was sealed (and its audit chain keyed) with keys this state folder does not hold, so
# provisioning stops, naming the service, before it changes anything;
# .local/env/<service>.env and
# .local/test.env hold the URLs that services and tests read (with the local SMTP server's URL
# and mailbox folder, see infra/smtp.sh). Every service trusts tokens signed with the shared
# HS256 key and those of the local OpenID provider (infra/oidc.sh): its public JWKS
# (RJHUB_JWT_JWKS_FILE) must be there already, written by `infra/oidc.sh start` (infra/up.sh
# starts it first), or provisioning stops before it changes anything.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

schema_of() { printf '%s' "${1//-/_}"; }
q() { printf '%s' "${1//./\\.}"; }   # escape dots for a permission regex

# ---- Keys that open data already stored ----
# Each service's keys are fingerprinted beside the cluster ($RJHUB_PG_DIR/key-fingerprints) when
# provisioning ends; a later run with other keys for that cluster is refused.
fingerprint_file="$RJHUB_PG_DIR/key-fingerprints"
key_fingerprint() {  # service: a short hash of its sealing and index keys, or nothing
  local k1="$RJHUB_SECRETS_DIR/data-$1-k1" index="$RJHUB_SECRETS_DIR/data-$1-index"
  [ -s "$k1" ] && [ -s "$index" ] || return 0
  cat "$k1" "$index" | sha256sum | cut -c1-16
}
admin_query() {  # database sql: one value, or stop naming the cluster that cannot answer
  psql_admin -d "$1" -tA -c "$2" || die "PostgreSQL in $RJHUB_PG_DIR did not answer; nothing was changed"
}
services_without_their_keys() {  # runs in a subshell: a failed query ends it with status 1
  local s recorded now databases tables
  databases="$(admin_query postgres \
    "SELECT count(*) FROM pg_database WHERE datname = '$RJHUB_PG_DATABASE'")" || exit 1
  [ "$databases" = 1 ] || return 0
  for s in "${RJHUB_SERVICES[@]}"; do
    [ "$s" = reporting ] && continue
    now="$(key_fingerprint "$s")"
    recorded="$(awk -v s="$s" '$1 == s { print $2 }' "$fingerprint_file" 2>/dev/null || true)"
    if [ -n "$now" ]; then
      # Keys present: they must be the ones recorded for this cluster, if any were.
      [ -z "$recorded" ] || [ "$recorded" = "$now" ] || printf '%s ' "$s"
      continue
    fi
    tables="$(admin_query "$RJHUB_PG_DATABASE" \
      "SELECT count(*) FROM pg_tables WHERE schemaname = '$(schema_of "$s")'")" || exit 1
    [ "$tables" = 0 ] || printf '%s ' "$s"   # keys missing while the schema holds data
  done
}
orphaned="$(services_without_their_keys)"
[ -z "$orphaned" ] || die "the database in $RJHUB_PG_DIR holds data of: ${orphaned% }; \
the personal-data keys in $RJHUB_SECRETS_DIR (data-<service>-k1, data-<service>-index) are \
missing or are not the ones that sealed it. Restore them there, or delete the cluster and \
its data with infra/postgres.sh discard. Nothing was changed."

# ---- The OpenID provider's public keys ----
# A service refuses to start when RJHUB_JWT_JWKS_FILE names a missing or invalid key set, so
# the env files below name it only once the provider has written it.
oidc_issuer="http://127.0.0.1:${RJHUB_OIDC_PORT:-8090}"
oidc_jwks="$RJHUB_STATE_DIR/oidc/jwks.json"
python3 - "$oidc_jwks" <<'PY' 2>/dev/null || die "no valid JSON Web Key Set at $oidc_jwks: \
start the OpenID provider first with infra/oidc.sh start (infra/up.sh does both, in order). \
Nothing was changed."
import json, sys
keys = json.load(open(sys.argv[1], encoding="utf-8"))["keys"]
sys.exit(0 if keys and all(k.get("kid") and k.get("alg") for k in keys) else 1)
PY

# ---- RabbitMQ ----
rabbitmqctl_ list_vhosts | grep -qx "$RJHUB_VHOST" || rabbitmqctl_ add_vhost "$RJHUB_VHOST"
ensure_mq_user() {  # name password [tags]
  if rabbitmqctl_ list_users | awk '{print $1}' | grep -qx "$1"; then
    rabbitmqctl_ change_password "$1" "$2" >/dev/null
  else
    rabbitmqctl_ add_user "$1" "$2" >/dev/null
  fi
  rabbitmqctl_ set_user_tags "$1" ${3:-} >/dev/null
}
ensure_mq_user rjhub-admin "$(secret mq-rjhub-admin)" administrator
rabbitmqctl_ set_permissions -p "$RJHUB_VHOST" rjhub-admin '.*' '.*' '.*' >/dev/null
rabbitmqctl_ delete_user guest >/dev/null 2>&1 || true

for s in "${RJHUB_SERVICES[@]}"; do
  ensure_mq_user "$s" "$(secret "mq-$s")"
  own="^$(q "$s")\\..*"
  # configure: its own queues and dead-letter exchange; write: its own + rj.events; read: its
  # own queues and the exchanges it binds them to. Only intake binds to rj.referrals and
  # answers police reply queues through the default exchange, and only intake sends transferred
  # cases' referrals to other hubs on rj.transfers, so only intake has those.
  writes="($own|^rj\\.events\$)"
  reads="($own|^rj\\.events\$)"
  if [ "$s" = intake ]; then
    writes="($own|^rj\\.events\$|^rj\\.transfers\$|^amq\\.default\$)"
    reads="($own|^rj\\.events\$|^rj\\.referrals\$)"
  fi
  rabbitmqctl_ set_permissions -p "$RJHUB_VHOST" "$s" "$own" "$writes" "$reads" >/dev/null
done
ensure_mq_user police-publisher "$(secret mq-police-publisher)"
rabbitmqctl_ set_permissions -p "$RJHUB_VHOST" police-publisher \
  '^police\..*' '^(rj\.referrals|police\..*)$' '^police\..*' >/dev/null
ensure_mq_user operator "$(secret mq-operator)"
rabbitmqctl_ set_permissions -p "$RJHUB_VHOST" operator \
  '^$' '^amq\.default$' '^.*\.dead-letters$' >/dev/null

# ---- PostgreSQL ----
admin_pw="$(secret pg-rjhub-admin)"
psql_admin -d postgres -v pw="$admin_pw" <<'SQL'
SELECT format('CREATE ROLE rjhub_admin LOGIN SUPERUSER PASSWORD %L', :'pw')
  WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rjhub_admin') \gexec
ALTER ROLE rjhub_admin PASSWORD :'pw';
SELECT 'CREATE DATABASE rjhub OWNER rjhub_admin'
  WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'rjhub') \gexec
SQL
psql_admin -d "$RJHUB_PG_DATABASE" <<'SQL'
REVOKE ALL ON DATABASE rjhub FROM PUBLIC;
REVOKE ALL ON SCHEMA public FROM PUBLIC;
SQL
# The workplace (the staff's web app) has a database account for its sessions and no broker
# account: it reaches the hub only through the services' HTTP APIs.
for s in "${RJHUB_SERVICES[@]}" workplace; do
  schema="$(schema_of "$s")"; role="rjhub_$schema"
  psql_admin -d "$RJHUB_PG_DATABASE" -v role="$role" -v schema="$schema" \
    -v pw="$(secret "pg-$s")" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'role', :'pw')
  WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('ALTER ROLE %I PASSWORD %L NOSUPERUSER NOCREATEDB NOCREATEROLE', :'role', :'pw') \gexec
SELECT format('GRANT CONNECT ON DATABASE rjhub TO %I', :'role') \gexec
SELECT format('CREATE SCHEMA IF NOT EXISTS %I AUTHORIZATION %I', :'schema', :'role') \gexec
SELECT format('ALTER ROLE %I SET search_path = %I', :'role', :'schema') \gexec
SQL
done

# ---- Environment files (git-ignored) ----
mkdir -p "$RJHUB_STATE_DIR/env"
jwt_key="$(secret jwt-hs256 48)"   # HS256 token key: services verify, tests and `rjhub token` sign
urlenc() { python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1],safe=""))' "$1"; }
for s in "${RJHUB_SERVICES[@]}"; do
  cat > "$RJHUB_STATE_DIR/env/$s.env" <<ENV
RJHUB_DATABASE_URL=postgresql://rjhub_$(schema_of "$s"):$(urlenc "$(secret "pg-$s")")@127.0.0.1:$RJHUB_PG_PORT/$RJHUB_PG_DATABASE
RJHUB_AMQP_URL=amqp://$s:$(urlenc "$(secret "mq-$s")")@127.0.0.1:$RJHUB_AMQP_PORT/$RJHUB_VHOST
RJHUB_JWT_HS256_KEY=$jwt_key
RJHUB_JWT_JWKS_FILE=$oidc_jwks
RJHUB_JWT_ISSUERS=rjhub,$oidc_issuer
ENV
  if [ "$s" != reporting ]; then
    # Keys are kept in .local/secrets: re-provisioning must never replace a key that seals data.
    cat >> "$RJHUB_STATE_DIR/env/$s.env" <<ENV
RJHUB_DATA_KEYS=k1:$(data_key "data-$s-k1")
RJHUB_DATA_KEY_ACTIVE=k1
RJHUB_DATA_INDEX_KEY=$(data_key "data-$s-index")
ENV
  fi
  # The one key victim-contact and facilitator-matching share: conflict-of-interest marks.
  case "$s" in victim-contact|facilitator-matching)
    echo "RJHUB_CONFLICT_MARK_KEY=$(data_key conflict-mark)" >> "$RJHUB_STATE_DIR/env/$s.env" ;;
  esac
done
cat > "$RJHUB_STATE_DIR/env/workplace.env" <<ENV
RJHUB_DATABASE_URL=postgresql://rjhub_workplace:$(urlenc "$(secret pg-workplace)")@127.0.0.1:$RJHUB_PG_PORT/$RJHUB_PG_DATABASE
RJHUB_JWT_JWKS_FILE=$oidc_jwks
RJHUB_JWT_ISSUERS=$oidc_issuer
RJHUB_OIDC_ISSUER=$oidc_issuer
RJHUB_OIDC_CLIENT_SECRET_FILE=$RJHUB_SECRETS_DIR/oidc-client-secret
RJHUB_DATA_KEYS=k1:$(data_key data-workplace-k1)
RJHUB_DATA_KEY_ACTIVE=k1
RJHUB_DATA_INDEX_KEY=$(data_key data-workplace-index)
ENV
# The notifications service delivers email through the local SMTP server (infra/smtp.sh).
echo "RJHUB_SMTP_URL=smtp://127.0.0.1:$RJHUB_SMTP_PORT" >> "$RJHUB_STATE_DIR/env/notifications.env"
cat > "$RJHUB_STATE_DIR/env/police-publisher.env" <<ENV
RJHUB_AMQP_URL=amqp://police-publisher:$(urlenc "$(secret mq-police-publisher)")@127.0.0.1:$RJHUB_AMQP_PORT/$RJHUB_VHOST
ENV
cat > "$RJHUB_STATE_DIR/env/operator.env" <<ENV
RJHUB_AMQP_URL=amqp://operator:$(urlenc "$(secret mq-operator)")@127.0.0.1:$RJHUB_AMQP_PORT/$RJHUB_VHOST
ENV
cat > "$RJHUB_STATE_DIR/test.env" <<ENV
RJHUB_TEST_DATABASE_URL=postgresql://rjhub_admin:$(urlenc "$admin_pw")@127.0.0.1:$RJHUB_PG_PORT/$RJHUB_PG_DATABASE
RJHUB_TEST_AMQP_URL=amqp://rjhub-admin:$(urlenc "$(secret mq-rjhub-admin)")@127.0.0.1:$RJHUB_AMQP_PORT/$RJHUB_VHOST
RJHUB_TEST_SERVICE_ENV_DIR=$RJHUB_STATE_DIR/env
RJHUB_TEST_JWT_HS256_KEY=$jwt_key
RJHUB_TEST_SMTP_URL=smtp://127.0.0.1:$RJHUB_SMTP_PORT
RJHUB_TEST_MAILBOX=$RJHUB_STATE_DIR/smtp/mailbox
RJHUB_TEST_PG_DIR=$RJHUB_PG_DIR
RJHUB_TEST_PYTHON_TOOLS=$RJHUB_STATE_DIR/python-tools/bin/python3
RJHUB_TEST_OIDC_ISSUER=$oidc_issuer
RJHUB_TEST_OIDC_JWKS_FILE=$oidc_jwks
RJHUB_TEST_OIDC_SMOKE=$here/oidc_smoke.py
ENV
chmod 600 "$RJHUB_STATE_DIR"/env/*.env "$RJHUB_STATE_DIR/test.env"
for s in "${RJHUB_SERVICES[@]}"; do
  [ "$s" = reporting ] || printf '%s %s\n' "$s" "$(key_fingerprint "$s")"
done > "$fingerprint_file"
say "provisioned vhost $RJHUB_VHOST, broker users and database roles"
