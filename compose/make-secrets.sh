#!/usr/bin/env bash
# Makes the secret files compose/docker-compose.yml mounts (docker secrets), in compose/secrets/
# (git-ignored, kept out of every image by .dockerignore). Each is made once and never
# replaced: the personal-data keys seal what the hub stores, so losing one loses that data.
# Safe to run twice; delete a file to make it anew (never a data key once data exists).
#   <service>-database-url     postgresql://rjhub_<service>:<pw>@postgres:5432/rjhub (the
#                              database's first start makes each role from its URL)
#   <account>-amqp-url         amqp://<account>:<pw>@rabbitmq:5672/rjhub (the broker fills each
#                              user's password hash from it at start)
#   <service>-data-keys        k1:<32 random bytes, base64>   (not reporting)
#   <service>-data-index-key   <32 random bytes, base64>      (not reporting)
#   conflict-mark-key          <32 random bytes, base64>      (victim-contact and facilitator-matching)
#   jwt-hs256-key, oidc-client-secret, postgres-password
# The folder is 0700 so nobody else on the host reads it; the files are 0644 because compose
# bind-mounts them as they are and the services run as uid 10001, not root.
set -euo pipefail
dir="${RJHUB_COMPOSE_SECRETS:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/secrets}"
mkdir -p "$dir"; chmod 700 "$dir"

random() { head -c "$1" /dev/urandom | base64 -w0 | tr -d '/+='; }  # URL-safe
key() { head -c 32 /dev/urandom | base64 -w0; }
make() {  # name value-command...
  local file="$dir/$1"; shift
  [ -s "$file" ] || { "$@" >"$file.tmp"; mv "$file.tmp" "$file"; echo "made $file"; }
  chmod 644 "$file"
}
database_url() { printf 'postgresql://rjhub_%s:%s@postgres:5432/rjhub\n' "${1//-/_}" "$(random 24)"; }
amqp_url() { printf 'amqp://%s:%s@rabbitmq:5672/rjhub\n' "$1" "$(random 24)"; }
data_keys() { printf 'k1:%s\n' "$(key)"; }

make postgres-password random 24
for s in intake victim-contact facilitator-matching notifications reporting workplace; do
  make "$s-database-url" database_url "$s"
  if [ "$s" != reporting ]; then
    make "$s-data-keys" data_keys
    make "$s-data-index-key" key
  fi
done
for account in rjhub-admin intake victim-contact facilitator-matching notifications reporting \
  police-publisher operator keda; do
  make "$account-amqp-url" amqp_url "$account"
done
make jwt-hs256-key random 48
make conflict-mark-key key   # shared by victim-contact and facilitator-matching only
make oidc-client-secret random 32
echo "secrets in $dir"
