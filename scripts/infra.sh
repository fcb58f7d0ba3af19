# Shared by run.sh and test.sh: install, start and stop the PostgreSQL and RabbitMQ that Polri 110 needs.
# Each instance lives in its own data directory with its own ports (and, for RabbitMQ, its own node name),
# so it never touches a server that is already running on the machine. Source this file; do not run it.

POLRI110_INFRA_LOG=${POLRI110_INFRA_LOG:-/dev/null}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# A TCP port on 127.0.0.1 that nothing listens on (and, with $1, whose +$1 neighbour is free too). Drawn from
# 20000-32767, below Linux's ephemeral range (32768-60999): a port a client connection happens to hold there
# cannot be seen by this check, and a server that then fails to bind it fails to start.
free_port() {
  local offset=${1:-0} port
  while :; do
    port=$(( (RANDOM % 12000) + 20000 ))
    if ! (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && { [ "$offset" = 0 ] || ! (exec 3<>/dev/tcp/127.0.0.1/$((port + offset))) 2>/dev/null; }; then
      echo "$port"; return 0
    fi
  done
}

wait_until() { # wait_until SECONDS DESCRIPTION COMMAND...
  local deadline=$(( $(date +%s) + $1 )) what=$2; shift 2
  until "$@" >/dev/null 2>&1; do
    if [ "$(date +%s)" -ge "$deadline" ]; then echo "Timed out waiting for $what" >&2; return 1; fi
    sleep 0.2
  done
}

pg_bin_dir() {
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return 0; fi
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

ensure_packages() {
  local missing=() extra
  [ -n "$(pg_bin_dir)" ] || missing+=(postgresql)
  [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || missing+=(rabbitmq-server)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  # Further packages a caller needs, named by their command (./test.sh: chromium, for the console tests).
  for extra in "$@"; do command -v "$extra" >/dev/null 2>&1 || missing+=("$extra"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing ${missing[*]} from the OS packages..."
  # Stop the packages from starting system-wide servers: we run our own instances.
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | as_root tee /usr/sbin/policy-rc.d >/dev/null
    as_root chmod +x /usr/sbin/policy-rc.d
    POLRI110_REMOVE_POLICY=1
  fi
  as_root apt-get update -qq >>"$POLRI110_INFRA_LOG" 2>&1
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >>"$POLRI110_INFRA_LOG" 2>&1
  [ -n "${POLRI110_REMOVE_POLICY:-}" ] && as_root rm -f /usr/sbin/policy-rc.d
  return 0
}

# start_postgres DIR: an own cluster in DIR on a free port (the same port again when restarted);
# sets PG_PORT and PG_CONNECTION.
start_postgres() {
  local dir=$1 bin; bin=$(pg_bin_dir)
  PG_PORT=$(cat "$dir.port" 2>/dev/null || free_port)
  as_root mkdir -p "$dir"
  as_root chown postgres:postgres "$dir"
  as_root chmod o+x "$(dirname "$dir")"  # the postgres user must reach its data directory
  if [ ! -f "$dir/PG_VERSION" ]; then
    as_root runuser -u postgres -- "$bin/initdb" -D "$dir" -A trust -U postgres -E UTF8 >>"$POLRI110_INFRA_LOG" 2>&1
  fi
  as_root runuser -u postgres -- "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
    -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$dir -c max_connections=300 -c fsync=${POLRI110_PG_FSYNC:-on}" \
    start >>"$POLRI110_INFRA_LOG" 2>&1
  echo "$PG_PORT" > "$dir.port"
  PG_CONNECTION="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"
}

stop_postgres() { # stop_postgres DIR
  local bin; bin=$(pg_bin_dir)
  [ -f "$1/postmaster.pid" ] && as_root runuser -u postgres -- "$bin/pg_ctl" -D "$1" -m fast -w stop >>"$POLRI110_INFRA_LOG" 2>&1
  return 0
}

create_database() { # create_database DIR NAME
  local bin; bin=$(pg_bin_dir)
  as_root runuser -u postgres -- psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$2'" | grep -q 1 ||
    as_root runuser -u postgres -- psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE DATABASE $2" >>"$POLRI110_INFRA_LOG"
}

rabbit_env() { # the environment that makes rabbitmq-* talk to our own node in DIR
  local dir=$1
  export RABBITMQ_NODENAME=$(cat "$dir/nodename")
  export RABBITMQ_NODE_PORT=$(cat "$dir/port")
  export RABBITMQ_DIST_PORT=$(cat "$dir/dist_port")
  export RABBITMQ_MNESIA_BASE=$dir/mnesia RABBITMQ_LOG_BASE=$dir/log
  export RABBITMQ_PID_FILE=$dir/rabbit.pid
  export RABBITMQ_CONFIG_FILE=$dir/rabbitmq
  export RABBITMQ_ENABLED_PLUGINS_FILE=$dir/enabled_plugins
  export RABBITMQ_ADVANCED_CONFIG_FILE=$dir/advanced.config
  export HOME=$dir  # its own Erlang cookie
  export ERL_CRASH_DUMP=$dir/log/erl_crash.dump  # not into whichever directory started it
}

# start_rabbitmq DIR NAME: an own node (with management) on free ports (the same ones again when restarted);
# sets AMQP_URI and RABBIT_MANAGEMENT_URL. A node's first start that fails (another process took a port between
# the check and the bind) is tried again on fresh ports; a restart keeps its ports, which clients reconnect to.
start_rabbitmq() {
  local dir=$1 name=$2 attempt fresh=yes
  [ -f "$dir/port" ] && fresh=no  # a node that ran here before: keep its ports and its data
  for attempt in 1 2 3; do
    start_rabbitmq_once "$dir" "$name" && return 0
    [ "$fresh" = yes ] || return 1
    { echo "RabbitMQ did not start (attempt $attempt); its console log ends:"; tail -n 20 "$dir/log/console.log"; } >>"$POLRI110_INFRA_LOG" 2>&1
    pkill -9 -f -- "$dir/mnesia" 2>/dev/null
    rm -rf "$dir/mnesia" "$dir/port" "$dir/management_port"
  done
  return 1
}

start_rabbitmq_once() {
  local dir=$1 name=$2 port mgmt dist
  mkdir -p "$dir/mnesia" "$dir/log"
  port=$(cat "$dir/port" 2>/dev/null || free_port)
  mgmt=$(cat "$dir/management_port" 2>/dev/null || free_port); while [ "$mgmt" = "$port" ]; do mgmt=$(free_port); done
  # Erlang distribution gets a fresh port on every start: the tools find it through epmd, and the old one can
  # linger in TIME_WAIT after a kill -9 (seen as dist_port_already_used on restart).
  dist=$(free_port); while [ "$dist" = "$port" ] || [ "$dist" = "$mgmt" ]; do dist=$(free_port); done
  echo "$name@localhost" > "$dir/nodename"; echo "$port" > "$dir/port"; echo "$mgmt" > "$dir/management_port"; echo "$dist" > "$dir/dist_port"
  printf 'listeners.tcp.default = 127.0.0.1:%s\nmanagement.tcp.ip = 127.0.0.1\nmanagement.tcp.port = %s\nloopback_users = none\n' "$port" "$mgmt" > "$dir/rabbitmq.conf"
  echo '[rabbitmq_management].' > "$dir/enabled_plugins"
  echo '[].' > "$dir/advanced.config"
  (
    rabbit_env "$dir"
    # Its own session: the broker's scripts must not signal the process group of whoever started it.
    setsid nohup /usr/lib/rabbitmq/bin/rabbitmq-server >>"$dir/log/console.log" 2>&1 &
    echo $! > "$dir/server.pid"
    wait_until 90 "RabbitMQ node" /usr/lib/rabbitmq/bin/rabbitmq-diagnostics -q ping
    /usr/lib/rabbitmq/bin/rabbitmqctl -q await_startup >>"$POLRI110_INFRA_LOG" 2>&1
  ) || return 1
  AMQP_URI="amqp://guest:guest@127.0.0.1:$port"
  RABBIT_MANAGEMENT_URL="http://127.0.0.1:$mgmt"
  wait_until 60 "RabbitMQ management API" curl -fsS -u guest:guest "$RABBIT_MANAGEMENT_URL/api/overview"
}

rabbitmqctl_on() { # rabbitmqctl_on DIR ARGS...
  local dir=$1; shift
  ( rabbit_env "$dir"; /usr/lib/rabbitmq/bin/rabbitmqctl -q "$@" )
}

stop_rabbitmq() { # stop_rabbitmq DIR
  [ -f "$1/nodename" ] || return 0
  rabbitmqctl_on "$1" stop >>"$POLRI110_INFRA_LOG" 2>&1 || { [ -f "$1/server.pid" ] && kill "$(cat "$1/server.pid")" 2>/dev/null; }
  return 0
}
