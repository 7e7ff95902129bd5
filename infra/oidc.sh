#!/usr/bin/env bash
# Runs the hub's local OpenID Connect provider (infra/oidc_provider.py, on IdentityPython's
# idpyoidc from PyPI) on 127.0.0.1:$RJHUB_OIDC_PORT in the background:
#   start | stop | restart | status | env
# Issuer http://127.0.0.1:$RJHUB_OIDC_PORT, one client ($RJHUB_OIDC_CLIENT_ID, its secret made
# once in .local/secrets/oidc-client-secret), the synthetic users of infra/oidc-users.json.
# Its pinned virtual environment, RS256 signing key (made at first start, kept), public JWKS
# (.local/oidc/jwks.json, for RJHUB_JWT_JWKS_FILE), pid file and log are in .local/oidc.
# `env` prints the settings a client or the hub needs. Safe to run twice.
# Check it with: python3 infra/oidc_smoke.py
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

RJHUB_OIDC_PORT="${RJHUB_OIDC_PORT:-8090}"
RJHUB_OIDC_CLIENT_ID="${RJHUB_OIDC_CLIENT_ID:-rjhub-workplace}"
# Space-separated; exact matches (the staff web app's callback on loopback).
RJHUB_OIDC_REDIRECT_URIS="${RJHUB_OIDC_REDIRECT_URIS:-http://127.0.0.1:8086/auth/callback http://localhost:8086/auth/callback http://127.0.0.1:8096/auth/callback}"
OIDC_DIR="$RJHUB_STATE_DIR/oidc"
VENV="$OIDC_DIR/venv"
PID_FILE="$OIDC_DIR/oidc.pid"
LOG_FILE="$OIDC_DIR/oidc.log"
USERS_FILE="${RJHUB_OIDC_USERS_FILE:-$here/oidc-users.json}"
SECRET_FILE="$RJHUB_SECRETS_DIR/oidc-client-secret"
# idpyoidc and every package it pulls in, pinned (what pip resolved for idpyoidc 5.0.0).
requirements=(
  idpyoidc==5.0.0 cryptojwt==1.11.0 cryptography==50.0.2 cffi==2.1.1 pycparser==3.12
  pyOpenSSL==26.4.0 PyYAML==6.0.4 Jinja2==3.1.6 MarkupSafe==3.0.4 filelock==4.3.2
  requests==2.34.2 urllib3==2.8.0 idna==3.21 charset-normalizer==3.5.3
  certifi==2026.10.19.post1 responses==0.26.3 typing_extensions==4.16.0
)

# Whether the process in the pid file is alive and is our provider.
running() { pid_running "$PID_FILE" oidc_provider.py; }

# Whether something accepts connections on the port.
accepting() { port_accepting "$RJHUB_OIDC_PORT"; }

# The pinned virtual environment, made or remade when the pins differ from the last install.
ensure_venv() {
  local wanted; wanted="$(printf '%s\n' "${requirements[@]}")"
  if [ -x "$VENV/bin/python3" ] && [ "$(cat "$VENV/.rjhub-requirements" 2>/dev/null)" = "$wanted" ] \
    && "$VENV/bin/python3" -c 'import idpyoidc.server' 2>/dev/null; then
    return 0
  fi
  say "installing the OpenID provider's python packages: ${requirements[*]}"
  rm -rf "$VENV"
  mkdir -p "$OIDC_DIR"
  /usr/bin/python3 -m venv "$VENV" || die "python3 -m venv failed: install Debian's python3-venv"
  "$VENV/bin/pip" install -q --disable-pip-version-check --no-cache-dir "${requirements[@]}" \
    || { rm -rf "$VENV"; die "pip could not install ${requirements[*]} from PyPI"; }
  printf '%s\n' "$wanted" >"$VENV/.rjhub-requirements"
  say "OpenID provider packages installed in $VENV"
}

start() {
  if running && accepting; then
    say "OpenID provider already running on http://127.0.0.1:$RJHUB_OIDC_PORT"; return 0
  fi
  running || rm -f "$PID_FILE"
  if ! running && accepting; then
    die "port $RJHUB_OIDC_PORT is taken by another program (set RJHUB_OIDC_PORT)"
  fi
  [ -s "$USERS_FILE" ] || die "no users file at $USERS_FILE"
  ensure_venv
  secret oidc-client-secret 32 >/dev/null
  mkdir -p "$OIDC_DIR"
  if ! running; then
    local redirects=() uri
    for uri in $RJHUB_OIDC_REDIRECT_URIS; do redirects+=(--redirect-uri "$uri"); done
    setsid nohup "$VENV/bin/python3" "$here/oidc_provider.py" --host 127.0.0.1 \
      --port "$RJHUB_OIDC_PORT" --state "$OIDC_DIR" --users "$USERS_FILE" \
      --client-id "$RJHUB_OIDC_CLIENT_ID" --client-secret-file "$SECRET_FILE" \
      "${redirects[@]}" ${RJHUB_OIDC_VERBOSE:+--verbose} >>"$LOG_FILE" 2>&1 </dev/null &
    echo $! >"$PID_FILE"
  fi
  wait_accepting "OpenID provider" "$PID_FILE" oidc_provider.py "$RJHUB_OIDC_PORT" "$LOG_FILE" 30
  say "OpenID provider running: issuer http://127.0.0.1:$RJHUB_OIDC_PORT, client $RJHUB_OIDC_CLIENT_ID (log $LOG_FILE)"
}

stop() { stop_pid "OpenID provider" "$PID_FILE" oidc_provider.py; }

# What a client of the provider (the staff web app) and the hub's token check need.
print_env() {
  printf 'RJHUB_OIDC_ISSUER=%s\n' "http://127.0.0.1:$RJHUB_OIDC_PORT"
  printf 'RJHUB_OIDC_CLIENT_ID=%s\n' "$RJHUB_OIDC_CLIENT_ID"
  printf 'RJHUB_OIDC_CLIENT_SECRET_FILE=%s\n' "$SECRET_FILE"
  printf 'RJHUB_OIDC_REDIRECT_URIS=%s\n' "$RJHUB_OIDC_REDIRECT_URIS"
  printf 'RJHUB_JWT_JWKS_FILE=%s\n' "$OIDC_DIR/jwks.json"
  printf 'RJHUB_JWT_ISSUERS=%s\n' "http://127.0.0.1:$RJHUB_OIDC_PORT"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  restart) stop; start ;;
  status) running && accepting && echo running || { echo stopped; exit 3; } ;;
  env) print_env ;;
  *) die "usage: infra/oidc.sh start|stop|restart|status|env" ;;
esac
