#!/usr/bin/env bash
# Runs the hub's PostgreSQL on 127.0.0.1 without systemd: start | stop | restart | status |
# discard. The cluster lives under $RJHUB_PG_DIR; `initdb` runs on first start. Safe to run
# twice. `discard` stops the cluster and deletes it with every row it holds (CI uses it to
# leave the machine as it found it).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
[ -n "$PG_BIN" ] || die "PostgreSQL is not installed: run infra/install.sh"
data="$RJHUB_PG_DIR/data"; sock="$RJHUB_PG_DIR/socket"; log="$RJHUB_PG_DIR/server.log"

init_cluster() {
  [ -f "$data/PG_VERSION" ] && return 0
  say "initialising PostgreSQL cluster in $data"
  mkdir -p "$RJHUB_PG_DIR" "$sock"
  chown -R postgres:postgres "$RJHUB_PG_DIR"; chmod 755 "$(dirname "$RJHUB_PG_DIR")" "$RJHUB_PG_DIR"
  pg_as_postgres "$PG_BIN/initdb" -D "$data" -U postgres --auth-local=peer \
    --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
  cat >> "$data/postgresql.conf" <<CONF
# RJ Hub: loopback only, socket in the project's folder.
listen_addresses = '127.0.0.1'
port = $RJHUB_PG_PORT
unix_socket_directories = '$sock'
max_connections = 300
shared_buffers = 256MB
fsync = on
synchronous_commit = on
log_min_messages = warning
log_connections = off
CONF
}

running() { pg_as_postgres "$PG_BIN/pg_ctl" -D "$data" status >/dev/null 2>&1; }

start() {
  init_cluster
  if running; then say "PostgreSQL already running on 127.0.0.1:$RJHUB_PG_PORT"; return 0; fi
  if (exec 3<>"/dev/tcp/127.0.0.1/$RJHUB_PG_PORT") 2>/dev/null; then
    die "port $RJHUB_PG_PORT is taken by another server (another checkout's cluster under \
/var/tmp/rjhub-*, whose .local/ was deleted while it ran?); stop it, or set RJHUB_PG_PORT"
  fi
  pg_as_postgres "$PG_BIN/pg_ctl" -D "$data" -l "$log" -w -t 60 start >/dev/null \
    || { tail -20 "$log" >&2; die "PostgreSQL did not start"; }
  say "PostgreSQL running on 127.0.0.1:$RJHUB_PG_PORT"
}

stop() {
  [ -f "$data/PG_VERSION" ] || return 0
  if running; then
    pg_as_postgres "$PG_BIN/pg_ctl" -D "$data" -m fast -w -t 60 stop >/dev/null
    say "PostgreSQL stopped"
  fi
}

discard() {
  stop
  [ -d "$RJHUB_PG_DIR" ] || return 0
  rm -rf "$RJHUB_PG_DIR"
  rmdir "$(dirname "$RJHUB_PG_DIR")" 2>/dev/null || true
  say "PostgreSQL cluster $RJHUB_PG_DIR deleted"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  restart) stop; start ;;
  status) running && echo running || { echo stopped; exit 3; } ;;
  discard) discard ;;
  *) die "usage: infra/postgres.sh start|stop|restart|status|discard" ;;
esac
