#!/usr/bin/env bash
# Runs the hub's local SMTP server (infra/smtp_mailbox.py, on Debian's python3-aiosmtpd) on
# 127.0.0.1:$RJHUB_SMTP_PORT in the background:  start | stop | restart | status
# Every message it accepts is stored as one .eml file in .local/smtp/mailbox (what tests read
# through RJHUB_TEST_MAILBOX); its pid file and log are in .local/smtp. Safe to run twice.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

SMTP_DIR="$RJHUB_STATE_DIR/smtp"
MAILBOX="$SMTP_DIR/mailbox"
PID_FILE="$SMTP_DIR/smtp.pid"
LOG_FILE="$SMTP_DIR/smtp.log"
# Debian's interpreter, which has python3-aiosmtpd (a pyenv or venv python3 earlier on the
# PATH may not).
PYTHON="${RJHUB_SMTP_PYTHON:-/usr/bin/python3}"

# Whether the process in the pid file is alive and is our server.
running() { pid_running "$PID_FILE" smtp_mailbox.py; }

# Whether something accepts connections on the port.
accepting() { port_accepting "$RJHUB_SMTP_PORT"; }

start() {
  if running && accepting; then
    say "SMTP server already running on 127.0.0.1:$RJHUB_SMTP_PORT"; return 0
  fi
  running || rm -f "$PID_FILE"
  if ! running && accepting; then
    die "port $RJHUB_SMTP_PORT is taken by another program (set RJHUB_SMTP_PORT)"
  fi
  "$PYTHON" -c 'import aiosmtpd' 2>/dev/null \
    || die "python3-aiosmtpd is missing for $PYTHON: run infra/install.sh"
  mkdir -p "$MAILBOX"
  if ! running; then
    setsid nohup "$PYTHON" "$here/smtp_mailbox.py" --host 127.0.0.1 --port "$RJHUB_SMTP_PORT" \
      --mailbox "$MAILBOX" --staging "$SMTP_DIR/staging" >>"$LOG_FILE" 2>&1 </dev/null &
    echo $! >"$PID_FILE"
  fi
  wait_accepting "SMTP server" "$PID_FILE" smtp_mailbox.py "$RJHUB_SMTP_PORT" "$LOG_FILE" 15
  say "SMTP server running on 127.0.0.1:$RJHUB_SMTP_PORT (mailbox $MAILBOX)"
}

stop() { stop_pid "SMTP server" "$PID_FILE" smtp_mailbox.py; }

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  restart) stop; start ;;
  status) running && accepting && echo running || { echo stopped; exit 3; } ;;
  *) die "usage: infra/smtp.sh start|stop|restart|status" ;;
esac
