#!/usr/bin/env bash
# Runs the hub's RabbitMQ node on 127.0.0.1 without systemd:
#   start | stop | restart | status | close-connections
# Everything (cookie, database, logs) lives under .local/rabbitmq. Safe to run twice.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
[ -x "$MQ_SBIN/rabbitmq-server" ] || die "RabbitMQ is not installed: run infra/install.sh"
mq_env

prepare() {
  mkdir -p "$HOME" "$RABBITMQ_MNESIA_BASE" "$RABBITMQ_LOG_BASE"
  local cookie="$HOME/.erlang.cookie"
  if [ ! -s "$cookie" ]; then
    (umask 077; head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' > "$cookie")
  fi
  chmod 400 "$cookie"
  cat > "$RABBITMQ_CONFIG_FILE" <<CONF
listeners.tcp.1 = 127.0.0.1:$RJHUB_AMQP_PORT
loopback_users = none
heartbeat = 30
log.console = false
log.file.level = warning
vm_memory_high_watermark.relative = 0.4
disk_free_limit.absolute = 200MB
CONF
  echo '[].' > "$RABBITMQ_ENABLED_PLUGINS_FILE"
}

running() { "$MQ_SBIN/rabbitmqctl" -q status >/dev/null 2>&1; }

start() {
  prepare
  if running; then say "RabbitMQ already running on 127.0.0.1:$RJHUB_AMQP_PORT"; return 0; fi
  rm -f "$RABBITMQ_PID_FILE"
  nohup "$MQ_SBIN/rabbitmq-server" > "$RABBITMQ_LOG_BASE/console.log" 2>&1 &
  local launcher=$! waited=0
  until [ -s "$RABBITMQ_PID_FILE" ]; do
    kill -0 "$launcher" 2>/dev/null || { tail -30 "$RABBITMQ_LOG_BASE/console.log" >&2; die "RabbitMQ exited while starting"; }
    sleep 0.5; waited=$((waited + 1))
    [ $waited -lt 240 ] || die "RabbitMQ wrote no pid file in 120 s"
  done
  "$MQ_SBIN/rabbitmq-diagnostics" -q wait --pid "$(cat "$RABBITMQ_PID_FILE")" --timeout 120 >/dev/null
  "$MQ_SBIN/rabbitmqctl" -q await_startup --timeout 120 >/dev/null
  say "RabbitMQ running on 127.0.0.1:$RJHUB_AMQP_PORT"
}

stop() {
  if running; then
    "$MQ_SBIN/rabbitmqctl" -q shutdown >/dev/null 2>&1 || true
    say "RabbitMQ stopped"
  fi
  # Our own private epmd only (its port is ours).
  epmd -port "$RJHUB_EPMD_PORT" -kill >/dev/null 2>&1 || true
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  restart) stop; start ;;
  status) running && echo running || { echo stopped; exit 3; } ;;
  close-connections)
    "$MQ_SBIN/rabbitmqctl" -q close_all_connections --global "closed by infra/rabbitmq.sh" >/dev/null ;;
  *) die "usage: infra/rabbitmq.sh start|stop|restart|status|close-connections" ;;
esac
