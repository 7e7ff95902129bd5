#!/usr/bin/env bash
# Runs the whole hub on this machine: servers (PostgreSQL, RabbitMQ, a local SMTP server),
# a build, the five services as separate processes (compose/services.tsv, as many replicas of
# each as its `replicas` column says, or RJHUB_REPLICAS), demo facilitators and demo
# referrals; then prints where to look.
#   bash infra/hub.sh [up]        start everything (safe to run again)
#   bash infra/hub.sh status      which services run (each replica on a line)
#   bash infra/hub.sh stop-services
#   bash infra/hub.sh down        stop the services and the servers
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$RJHUB_ROOT"
RUN_DIR="$RJHUB_STATE_DIR/run"
LOG_DIR="$RJHUB_STATE_DIR/logs"
CONFIG="${RJHUB_BUILD_CONFIGURATION:-debug}"

services() { grep -v '^#' "$RJHUB_ROOT/compose/services.tsv" | grep -v '^$'; }

# One line per process to run: instance name, executable, HTTP port, account. Replica 1 of a
# service is named after it (its pid and log files are what they were before replicas), replica
# k is <service>-k on port + 100 * (k - 1). RJHUB_REPLICAS overrides every line's count.
instances() {
  local name executable port account replicas k
  while IFS=$'\t' read -r name executable port account replicas; do
    replicas="${RJHUB_REPLICAS:-${replicas:-1}}"
    [[ "$replicas" =~ ^[1-9]$ ]] || die "replicas of $name must be 1 to 9, not '$replicas'"
    for k in $(seq 1 "$replicas"); do
      if [ "$k" = 1 ]; then printf '%s\t%s\t%s\t%s\n' "$name" "$executable" "$port" "$account"
      else printf '%s\t%s\t%s\t%s\n' "$name-$k" "$executable" "$((port + 100 * (k - 1)))" "$account"
      fi
    done
  done < <(services)
}

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

start_services() {
  local bin="$1"
  mkdir -p "$RUN_DIR" "$LOG_DIR"
  while IFS=$'\t' read -r name executable port account; do
    local pidfile="$RUN_DIR/$name.pid"
    if pid_alive "$pidfile"; then say "$name already running"; continue; fi
    (
      set -a; source "$RJHUB_STATE_DIR/env/$account.env"; set +a
      export RJHUB_HTTP_PORT="$port" RJHUB_LOG_FORMAT="${RJHUB_LOG_FORMAT:-json}"
      nohup "$bin/$executable" >>"$LOG_DIR/$name.log" 2>&1 &
      echo $! >"$pidfile"
    )
    say "started $name on 127.0.0.1:$port (log .local/logs/$name.log)"
  done < <(instances)
  while IFS=$'\t' read -r name executable port account; do
    local ready=0
    for _ in $(seq 1 120); do
      if curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; then ready=1; break; fi
      pid_alive "$RUN_DIR/$name.pid" || break
      sleep 0.5
    done
    [ "$ready" = 1 ] || { tail -20 "$LOG_DIR/$name.log" >&2; die "$name did not become ready"; }
  done < <(instances)
  say "all services and the workplace are ready"
}

stop_services() {
  [ -d "$RUN_DIR" ] || return 0
  for pidfile in "$RUN_DIR"/*.pid; do
    [ -e "$pidfile" ] || continue
    if pid_alive "$pidfile"; then kill -TERM "$(cat "$pidfile")" 2>/dev/null || true; fi
  done
  for pidfile in "$RUN_DIR"/*.pid; do
    [ -e "$pidfile" ] || continue
    for _ in $(seq 1 60); do pid_alive "$pidfile" || break; sleep 0.5; done
    pid_alive "$pidfile" && kill -KILL "$(cat "$pidfile")" 2>/dev/null || true
    rm -f "$pidfile"
  done
  say "services stopped"
}

up() {
  bash "$here/up.sh"
  say "building ($CONFIG)"
  swift build -c "$CONFIG" 2>&1 | grep -E 'error|warning: .*\.swift' || true
  swift build -c "$CONFIG" >/dev/null 2>&1 || { swift build -c "$CONFIG"; exit 1; }
  local bin; bin="$(swift build -c "$CONFIG" --show-bin-path)"
  set -a; source "$RJHUB_STATE_DIR/test.env"; set +a
  "$bin/rjhub" topology apply --amqp-url "$RJHUB_TEST_AMQP_URL"
  start_services "$bin"
  # RJHUB_SKIP_DEMO=1 starts an empty hub (the end-to-end benchmark does).
  [ "${RJHUB_SKIP_DEMO:-0}" = 1 ] || bash "$here/demo.sh" "$bin"
}

case "${1:-up}" in
  # A bad replicas count stops here (instances dies in this shell), not silently in a loop.
  up) instances >/dev/null; up ;;
  status)
    instances >/dev/null
    while IFS=$'\t' read -r name executable port account; do
      if pid_alive "$RUN_DIR/$name.pid"; then echo "$name running (pid $(cat "$RUN_DIR/$name.pid"), port $port)"
      else echo "$name stopped"; fi
    done < <(instances)
    # Replicas left from an earlier, larger count: stop-services and down stop them too.
    counted="$(instances | cut -f1)"
    for pidfile in "$RUN_DIR"/*.pid; do
      [ -e "$pidfile" ] || continue
      name="$(basename "$pidfile" .pid)"
      if ! grep -qx "$name" <<<"$counted" && pid_alive "$pidfile"; then
        echo "$name running (pid $(cat "$pidfile"), beyond compose/services.tsv's replicas)"
      fi
    done ;;
  stop-services) stop_services ;;
  down) stop_services; bash "$here/down.sh" ;;
  *) die "usage: infra/hub.sh [up|status|stop-services|down]" ;;
esac
