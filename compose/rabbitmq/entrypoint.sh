#!/bin/bash
# The broker's entrypoint (compose and Kubernetes): fills each user's password hash into a copy
# of definitions.json, then starts RabbitMQ, which loads that copy (rabbitmq.conf's
# load_definitions). definitions.json itself grants no password ("password_hash": "" cannot
# log in); every password comes from a secret file when the broker starts:
#   $RJHUB_BROKER_SECRETS/<user>-amqp-url   amqp://<user>:<password>@host:port/vhost, the very
#                                           file the service (or tool) connects with, so the
#                                           two cannot disagree; else
#   $RJHUB_BROKER_SECRETS/<user>-password   the password alone.
# A user with neither stops the broker, naming the user (never a password). Passwords must
# be URL-safe ([A-Za-z0-9._~-]): compose/make-secrets.sh makes them so.
# Hash: RabbitMQ's rabbit_password_hashing_sha256, base64(salt + sha256(salt + password)),
# with a random 4-byte salt (https://www.rabbitmq.com/docs/passwords).
set -euo pipefail
definitions="${RJHUB_DEFINITIONS:-/etc/rabbitmq/rjhub/definitions.json}"
secrets="${RJHUB_BROKER_SECRETS:-/run/secrets}"
out="${RJHUB_DEFINITIONS_OUT:-/tmp/rjhub-definitions.json}"

fail() { echo "[rjhub-broker] error: $*" >&2; exit 1; }
hex_to_bin() { printf "$(printf '%s' "$1" | sed 's/../\\x&/g')"; }
# hash_password PASSWORD [SALT-HEX]: the salt is random unless given (the validators' test).
hash_password() {
  local salt="${2:-$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')}" digest
  digest="$({ hex_to_bin "$salt"; printf '%s' "$1"; } | sha256sum | cut -c1-64)"
  { hex_to_bin "$salt"; hex_to_bin "$digest"; } | base64 -w0
}
password_of() {  # user: the password from its secret file
  local url="$secrets/$1-amqp-url" plain="$secrets/$1-password" password
  if [ -s "$url" ]; then
    password="$(tr -d '\r\n' <"$url" | sed -n 's|^amqps\{0,1\}://[^:/@]*:\([^@]*\)@.*$|\1|p')"
    [ -n "$password" ] || fail "$url is not amqp://user:password@host:port/vhost"
  elif [ -s "$plain" ]; then
    password="$(tr -d '\r\n' <"$plain")"
  else
    fail "no secret for broker user $1: give $url or $plain"
  fi
  [[ "$password" =~ ^[A-Za-z0-9._~-]+$ ]] || fail "the password of $1 is not URL-safe"
  printf '%s' "$password"
}

fill_definitions() {
  [ -s "$definitions" ] || fail "no definitions file at $definitions"
  (umask 077; cp "$definitions" "$out")
  local user hash
  for user in $(sed -n 's/^ *{"name": "\([^"]*\)", "password_hash": "".*/\1/p' "$definitions"); do
    hash="$(hash_password "$(password_of "$user")")"
    sed -i "s|{\"name\": \"$user\", \"password_hash\": \"\"|{\"name\": \"$user\", \"password_hash\": \"$hash\"|" "$out"
  done
  ! grep -q '"password_hash": ""' "$out" || fail "a user in $definitions was left without a password"
  # Started as root, the image's own entrypoint runs the broker as user rabbitmq.
  if [ "$(id -u)" = 0 ] && id rabbitmq >/dev/null 2>&1; then chown rabbitmq: "$out"; fi
}

if [ "${1:-}" = --hash ]; then hash_password "$2" "${3:-}"; echo; exit 0; fi
fill_definitions
exec docker-entrypoint.sh rabbitmq-server
