# Shared settings for the infra scripts. Source it; do not run it.
# Every path and port can be overridden from the environment; the defaults keep the whole
# hub on loopback and under the git-ignored .local/ folder of the checkout.
set -euo pipefail

RJHUB_ROOT="${RJHUB_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
RJHUB_STATE_DIR="${RJHUB_STATE_DIR:-$RJHUB_ROOT/.local}"
RJHUB_SECRETS_DIR="$RJHUB_STATE_DIR/secrets"

# PostgreSQL refuses to run as root, and its data folder and every parent must be enterable
# by the postgres user, which a checkout under /root is not: the cluster lives under /var/tmp,
# in a folder named by a random tag kept in the state folder ($RJHUB_STATE_DIR/cluster-tag).
# The cluster so belongs to the state folder, as the keys that open its sealed data and its
# audit chains do ($RJHUB_SECRETS_DIR): a fresh clone, even at a path an earlier clone used,
# gets a fresh cluster with its fresh keys, and never meets data sealed under keys it lacks.
cluster_tag() {
  local file="$RJHUB_STATE_DIR/cluster-tag" by_path
  if [ ! -s "$file" ]; then
    mkdir -p "$RJHUB_STATE_DIR"
    by_path="$(printf '%s' "$RJHUB_ROOT" | md5sum | cut -c1-8)"
    # Checkouts from before the tag was kept named the folder after their path: keep it.
    if [ -d "$RJHUB_SECRETS_DIR" ] && [ -d "/var/tmp/rjhub-$by_path" ]; then
      printf '%s\n' "$by_path" > "$file"
    else
      od -An -N4 -tx1 /dev/urandom | tr -d ' \n' > "$file"
    fi
  fi
  tr -d '\n' < "$file"
}
RJHUB_PG_DIR="${RJHUB_PG_DIR:-/var/tmp/rjhub-$(cluster_tag)/postgres}"
RJHUB_PG_PORT="${RJHUB_PG_PORT:-54329}"
RJHUB_PG_DATABASE="${RJHUB_PG_DATABASE:-rjhub}"

RJHUB_MQ_DIR="$RJHUB_STATE_DIR/rabbitmq"
RJHUB_AMQP_PORT="${RJHUB_AMQP_PORT:-56729}"
RJHUB_MQ_DIST_PORT="${RJHUB_MQ_DIST_PORT:-56739}"
RJHUB_EPMD_PORT="${RJHUB_EPMD_PORT:-56749}"
RJHUB_MQ_NODE="${RJHUB_MQ_NODE:-rjhub@localhost}"
RJHUB_VHOST="${RJHUB_VHOST:-rjhub}"

RJHUB_SMTP_PORT="${RJHUB_SMTP_PORT:-2525}"

# The five services. Database role rjhub_<name with _>, schema <name with _>, broker user <name>.
RJHUB_SERVICES=(intake victim-contact facilitator-matching notifications reporting)

# Empty until infra/install.sh has installed PostgreSQL (the `|| true` keeps pipefail from
# ending every script that sources this file on a machine without it).
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
MQ_SBIN=/usr/lib/rabbitmq/bin

say() { printf '[infra] %s\n' "$*" >&2; }
die() { printf '[infra] error: %s\n' "$*" >&2; exit 1; }

# A random secret for a named account, created once and kept in $RJHUB_SECRETS_DIR (mode 600).
secret() {  # name [random bytes, default 24]
  local name="$1" file="$RJHUB_SECRETS_DIR/$1"
  mkdir -p "$RJHUB_SECRETS_DIR"; chmod 700 "$RJHUB_SECRETS_DIR"
  if [ ! -s "$file" ]; then
    (umask 077; head -c "${2:-24}" /dev/urandom | base64 | tr -d '/+=\n' > "$file")
  fi
  cat "$file"
}

data_key() {  # name: a random 32-byte key as base64 (personal-data sealing), kept like secrets
  local file="$RJHUB_SECRETS_DIR/$1"
  mkdir -p "$RJHUB_SECRETS_DIR"; chmod 700 "$RJHUB_SECRETS_DIR"
  if [ ! -s "$file" ]; then
    (umask 077; head -c 32 /dev/urandom | base64 -w0 > "$file")
  fi
  cat "$file"
}

# Environment for rabbitmq-server and rabbitmqctl: both must share HOME (the Erlang cookie),
# the node name and the private epmd port.
mq_env() {
  export HOME="$RJHUB_MQ_DIR/home"
  export LC_ALL=C.UTF-8 LANG=C.UTF-8
  export RABBITMQ_NODENAME="$RJHUB_MQ_NODE"
  export RABBITMQ_MNESIA_BASE="$RJHUB_MQ_DIR/mnesia"
  export RABBITMQ_LOG_BASE="$RJHUB_MQ_DIR/log"
  export RABBITMQ_CONFIG_FILE="$RJHUB_MQ_DIR/rabbitmq.conf"
  export RABBITMQ_ENABLED_PLUGINS_FILE="$RJHUB_MQ_DIR/enabled_plugins"
  export RABBITMQ_PID_FILE="$RJHUB_MQ_DIR/rabbitmq.pid"
  export RABBITMQ_NODE_PORT="$RJHUB_AMQP_PORT"
  export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
  export RABBITMQ_DIST_PORT="$RJHUB_MQ_DIST_PORT"
  export ERL_EPMD_PORT="$RJHUB_EPMD_PORT"
  export ERL_EPMD_ADDRESS=127.0.0.1
  export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
}

rabbitmqctl_() { (mq_env; "$MQ_SBIN/rabbitmqctl" -q "$@"); }

pg_as_postgres() { runuser -u postgres -- "$@"; }
psql_admin() {
  pg_as_postgres "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$RJHUB_PG_DIR/socket" \
    -p "$RJHUB_PG_PORT" -U postgres "$@"
}

# Background servers the scripts start themselves (SMTP mailbox, OpenID provider): a pid file,
# a script name that must appear in the process's command line, a loopback port.
pid_running() {  # pid-file script-name: whether that process is alive and is that script
  [ -s "$1" ] || return 1
  local pid; pid="$(cat "$1")"
  kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "$2"
}
port_accepting() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }  # port
wait_accepting() {  # what pid-file script-name port log-file seconds
  local what="$1" pid_file="$2" script="$3" port="$4" log="$5" waited=0
  until port_accepting "$port"; do
    pid_running "$pid_file" "$script" \
      || { tail -20 "$log" >&2; rm -f "$pid_file"; die "$what exited while starting (log $log)"; }
    sleep 0.1; waited=$((waited + 1))
    [ $waited -lt $(($6 * 10)) ] || die "$what did not accept connections on port $port in $6 s"
  done
}
stop_pid() {  # what pid-file script-name: TERM, up to 5 s, then KILL
  if pid_running "$2" "$3"; then
    local pid; pid="$(cat "$2")"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    say "$1 stopped"
  fi
  rm -f "$2"
}
