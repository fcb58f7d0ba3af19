# Shared by run.sh and test.sh: install, start and stop the PostgreSQL and RabbitMQ that Polri 110 needs.
# Each instance lives in its own data directory with its own ports (and, for RabbitMQ, its own node name),
# so it never touches a server that is already running on the machine. Source this file; do not run it.

POLRI110_INFRA_LOG=${POLRI110_INFRA_LOG:-/dev/null}

# The usual port of each service and the console (SPEC §7); a cluster's two instances take the next two.
declare -A SERVICE_PORTS=([Intake]=5110 [Routing]=5120 [Dispatch]=5130 [Tracking]=5140 [Console]=5100)

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
  # Further packages a caller needs, named by their command, or command:package where the names differ (./test.sh:
  # chromium for the console tests, promtool:prometheus for /metrics; ./run.sh --cluster: etcd:etcd-server, ...).
  for extra in "$@"; do command -v "${extra%%:*}" >/dev/null 2>&1 || missing+=("${extra#*:}"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing ${missing[*]} from the OS packages..."
  # Stop the packages from starting system-wide servers: we run our own instances.
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | as_root tee /usr/sbin/policy-rc.d >/dev/null
    as_root chmod +x /usr/sbin/policy-rc.d
    POLRI110_REMOVE_POLICY=1
  fi
  local installed=0
  { as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"; } \
    >>"$POLRI110_INFRA_LOG" 2>&1 || installed=$?
  # Lifted whether or not the installation worked: left behind, it would stop the machine's own services from starting.
  [ -z "${POLRI110_REMOVE_POLICY:-}" ] || as_root rm -f /usr/sbin/policy-rc.d
  [ "$installed" = 0 ] || { echo "Installing ${missing[*]} failed: see $POLRI110_INFRA_LOG" >&2; return 1; }
  return 0
}

# A random secret of 32 URL- and SQL-safe characters.
random_secret() { head -c 32 /dev/urandom | base64 | tr -d '\n/+=' | head -c 32; }

# secret FILE: the secret kept in FILE, made on first use and readable only by whoever runs this.
secret() {
  [ -s "$1" ] || ( umask 077; mkdir -p "$(dirname "$1")"; random_secret > "$1" )
  cat "$1"
}

# The roles of the event store (SPEC §11, least privilege): the owner applies the schema ("migrate"), the services
# read and write rows as polri110_service and own nothing, auditors read with psql as polri110_auditor.
PG_ROLES=(polri110_owner polri110_service polri110_auditor)

# start_postgres DIR: an own cluster in DIR on a free port (the same port again when restarted); sets PG_PORT.
# Every TCP connection, even on loopback, authenticates with a password (scram-sha-256); the superuser has none and
# is reached only through the cluster's own socket directory, as the OS user postgres (pg_admin below).
start_postgres() {
  local dir=$1 bin; bin=$(pg_bin_dir)
  PG_PORT=$(cat "$dir.port" 2>/dev/null || free_port)
  as_root mkdir -p "$dir"
  as_root chown postgres:postgres "$dir"
  as_root chmod 700 "$dir"
  as_root chmod o+x "$(dirname "$dir")"  # the postgres user must reach its data directory
  if [ ! -f "$dir/PG_VERSION" ]; then
    as_root runuser -u postgres -- "$bin/initdb" -D "$dir" --auth-local=peer --auth-host=scram-sha-256 -U postgres -E UTF8 \
      >>"$POLRI110_INFRA_LOG" 2>&1
  fi
  # Written on every start, so that a cluster made before passwords were required (trust) requires them now.
  printf '%s\n' 'local all postgres peer' 'host all all 127.0.0.1/32 scram-sha-256' 'host all all ::1/128 scram-sha-256' |
    as_root runuser -u postgres -- tee "$dir/pg_hba.conf" >/dev/null
  as_root runuser -u postgres -- "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
    -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$dir -c max_connections=300 -c fsync=${POLRI110_PG_FSYNC:-on} -c shared_preload_libraries=pg_stat_statements" \
    start >>"$POLRI110_INFRA_LOG" 2>&1
  echo "$PG_PORT" > "$dir.port"
}

stop_postgres() { # stop_postgres DIR
  local bin; bin=$(pg_bin_dir)
  [ -f "$1/postmaster.pid" ] && as_root runuser -u postgres -- "$bin/pg_ctl" -D "$1" -m fast -w stop >>"$POLRI110_INFRA_LOG" 2>&1
  return 0
}

pg_admin() { # pg_admin DIR [PSQL ARGS...]: psql as the superuser, through the cluster's socket; SQL on standard input
  local dir=$1; shift
  as_root runuser -u postgres -- psql -h "$dir" -p "$(cat "$dir.port")" -U postgres -X -q -v ON_ERROR_STOP=1 "$@"
}

# ensure_postgres_roles DIR SECRETS: the three login roles, with random passwords kept in SECRETS/pg-<role>.password
# (created once). Sets PG_OWNER, PG_SERVICE and PG_AUDITOR: connection strings without a database.
ensure_postgres_roles() {
  local dir=$1 secrets=$2 role sql=""
  for role in "${PG_ROLES[@]}"; do
    sql+="SELECT 'CREATE ROLE $role' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$role') \\gexec
ALTER ROLE $role LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '$(secret "$secrets/pg-$role.password")';
"
  done
  printf '%s' "$sql" | pg_admin "$dir" >>"$POLRI110_INFRA_LOG"
  PG_OWNER=$(pg_connection "$dir" polri110_owner "$secrets")
  PG_SERVICE=$(pg_connection "$dir" polri110_service "$secrets")
  PG_AUDITOR=$(pg_connection "$dir" polri110_auditor "$secrets")
}

pg_connection() { # pg_connection DIR ROLE SECRETS: an Npgsql connection string for ROLE, no database chosen
  echo "Host=127.0.0.1;Port=$(cat "$1.port");Username=$2;Password=$(cat "$3/pg-$2.password")"
}

# create_database DIR NAME: the database, owned by polri110_owner, which only the services' and auditors' roles may
# connect to besides. A store made before the owner role existed (by the superuser) is handed over to it.
create_database() {
  pg_admin "$1" >>"$POLRI110_INFRA_LOG" <<SQL
SELECT 'CREATE DATABASE $2 OWNER polri110_owner' WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '$2') \gexec
ALTER DATABASE $2 OWNER TO polri110_owner;
REVOKE ALL ON DATABASE $2 FROM PUBLIC;
GRANT CONNECT ON DATABASE $2 TO polri110_service, polri110_auditor;
\c $2
REVOKE ALL ON SCHEMA public FROM PUBLIC;
-- Statements counted per query (the benchmark's statements per report); the figures, not the texts, for the roles.
CREATE SCHEMA IF NOT EXISTS stats;
CREATE EXTENSION IF NOT EXISTS pg_stat_statements SCHEMA stats;
GRANT USAGE ON SCHEMA stats TO polri110_owner, polri110_auditor;
DO \$\$
DECLARE item record;
BEGIN
  IF EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'polri110' AND pg_get_userbyid(nspowner) <> 'polri110_owner') THEN
    ALTER SCHEMA polri110 OWNER TO polri110_owner;
    FOR item IN SELECT c.oid::regclass AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'polri110' AND c.relkind IN ('r', 'p', 'v', 'm')
                   OR (n.nspname = 'polri110' AND c.relkind = 'S'
                       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i'))) LOOP
      EXECUTE format('ALTER TABLE %s OWNER TO polri110_owner', item.name);
    END LOOP;
    FOR item IN SELECT p.oid::regprocedure AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE n.nspname = 'polri110' LOOP
      EXECUTE format('ALTER FUNCTION %s OWNER TO polri110_owner', item.name);
    END LOOP;
  END IF;
END \$\$;
SQL
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
  # Erlang distribution (how the CLI tools and cluster peers reach the node) listens on loopback only, as epmd does.
  export ERL_EPMD_ADDRESS=127.0.0.1
  export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
  export ERL_CRASH_DUMP=$dir/log/erl_crash.dump  # not into whichever directory started it
}

# start_rabbitmq DIR NAME SECRETS: an own node (with management) on free ports (the same ones again when restarted);
# sets AMQP_URI (as the administrator) and RABBIT_MANAGEMENT_URL. There is no guest user: the administrator is
# polri110-admin, with a random password kept in SECRETS/amqp-polri110-admin.password. A node's first start that fails
# (another process took a port between the check and the bind) is tried again on fresh ports; a restart keeps its ports,
# which clients reconnect to.
start_rabbitmq() {
  local dir=$1 name=$2 secrets=$3 attempt fresh=yes
  [ -f "$dir/port" ] && fresh=no  # a node that ran here before: keep its ports and its data
  for attempt in 1 2 3; do
    start_rabbitmq_once "$dir" "$name" "$secrets" && return 0
    [ "$fresh" = yes ] || return 1
    { echo "RabbitMQ did not start (attempt $attempt); its console log ends:"; tail -n 20 "$dir/log/console.log"; } >>"$POLRI110_INFRA_LOG" 2>&1
    pkill -9 -f -- "$dir/mnesia" 2>/dev/null
    rm -rf "$dir/mnesia" "$dir/port" "$dir/management_port"
  done
  return 1
}

start_rabbitmq_once() {
  local dir=$1 name=$2 secrets=$3 port mgmt dist admin_password
  mkdir -p "$dir/mnesia" "$dir/log"
  chmod 700 "$dir"
  admin_password=$(secret "$secrets/amqp-polri110-admin.password")
  port=$(cat "$dir/port" 2>/dev/null || free_port)
  mgmt=$(cat "$dir/management_port" 2>/dev/null || free_port); while [ "$mgmt" = "$port" ]; do mgmt=$(free_port); done
  # Erlang distribution gets a fresh port on every start: the tools find it through epmd, and the old one can
  # linger in TIME_WAIT after a kill -9 (seen as dist_port_already_used on restart).
  dist=$(free_port); while [ "$dist" = "$port" ] || [ "$dist" = "$mgmt" ]; do dist=$(free_port); done
  echo "$name@localhost" > "$dir/nodename"; echo "$port" > "$dir/port"; echo "$mgmt" > "$dir/management_port"; echo "$dist" > "$dir/dist_port"
  # The administrator a fresh node creates instead of guest (guest would be loopback-only, but has a known password).
  ( umask 077; printf '%s\n' "listeners.tcp.default = 127.0.0.1:$port" 'management.tcp.ip = 127.0.0.1' "management.tcp.port = $mgmt" \
      'default_user = polri110-admin' "default_pass = $admin_password" 'default_user_tags.administrator = true' \
      'default_permissions.configure = .*' 'default_permissions.write = .*' 'default_permissions.read = .*' > "$dir/rabbitmq.conf" )
  echo '[rabbitmq_management].' > "$dir/enabled_plugins"
  echo '[].' > "$dir/advanced.config"
  (
    rabbit_env "$dir"
    # Its own session: the broker's scripts must not signal the process group of whoever started it.
    setsid nohup /usr/lib/rabbitmq/bin/rabbitmq-server >>"$dir/log/console.log" 2>&1 &
    echo $! > "$dir/server.pid"
    wait_for_rabbitmq 90 "RabbitMQ node"
    # A node first started before there was an administrator of our own still has guest: replace it.
    if ! /usr/lib/rabbitmq/bin/rabbitmqctl -q authenticate_user polri110-admin "$admin_password" >/dev/null 2>&1; then
      /usr/lib/rabbitmq/bin/rabbitmqctl -q add_user polri110-admin "$admin_password" >>"$POLRI110_INFRA_LOG" 2>&1 ||
        /usr/lib/rabbitmq/bin/rabbitmqctl -q change_password polri110-admin "$admin_password" >>"$POLRI110_INFRA_LOG" 2>&1
      /usr/lib/rabbitmq/bin/rabbitmqctl -q set_user_tags polri110-admin administrator >>"$POLRI110_INFRA_LOG" 2>&1
      /usr/lib/rabbitmq/bin/rabbitmqctl -q set_permissions -p / polri110-admin '.*' '.*' '.*' >>"$POLRI110_INFRA_LOG" 2>&1
    fi
  ) || return 1
  AMQP_URI="amqp://polri110-admin:$admin_password@127.0.0.1:$port"
  RABBIT_MANAGEMENT_URL="http://127.0.0.1:$mgmt"
  wait_until 60 "RabbitMQ management API" rabbit_api "$dir" "$secrets" GET /api/overview
  rabbit_api "$dir" "$secrets" DELETE /api/users/guest >/dev/null 2>&1 || true
}

# wait_for_rabbitmq SECONDS DESCRIPTION: until the node rabbit_env describes has booted, known by its AMQP listener
# answering the protocol header with a frame (Connection.Start, type 1): RabbitMQ opens its client listeners at the end
# of its boot. No Erlang CLI: polling with rabbitmq-diagnostics ping starts an Erlang VM per try (9.7 CPU s in 10 s
# while a node was down, nearly a core of two taken from the node being waited for), and rabbitmqctl await_startup,
# asked once, took 2 minutes (1.1 CPU s) against a booted node of the cluster test's loaded machine (load average 80).
wait_for_rabbitmq() {
  wait_until "$1" "$2" bash -c "exec 3<>/dev/tcp/127.0.0.1/$RABBITMQ_NODE_PORT && printf 'AMQP\\x00\\x00\\x09\\x01' >&3 &&
    IFS= read -r -t 5 -N 1 frame <&3 && [ \"\$frame\" = \$'\\x01' ]"
}

rabbit_api() { # rabbit_api DIR SECRETS METHOD PATH [JSON]: the management API as the administrator
  local url; url="http://127.0.0.1:$(cat "$1/management_port")$4"
  # Credentials and body through standard input, not the command line, which every user of the machine can read.
  { printf 'user = "polri110-admin:%s"\n' "$(cat "$2/amqp-polri110-admin.password")"
    [ -z "${5:-}" ] || printf 'data = "%s"\n' "$(printf %s "$5" | sed 's/\\/\\\\/g; s/"/\\"/g')"
  } | curl -fsS -K - -X "$3" -H 'content-type: application/json' "$url"
}

# ensure_broker_users DIR SECRETS [VHOST]: the services' users (deploy/rabbitmq/service-permissions.tsv), with random
# passwords kept in SECRETS/amqp-<user>.password, and their permissions in VHOST (default /).
ensure_broker_users() {
  local dir=$1 secrets=$2 user passwords=()
  for user in $(grep -v '^#' "$(dirname "${BASH_SOURCE[0]}")/../deploy/rabbitmq/service-permissions.tsv" | cut -f1); do
    passwords+=("POLRI110_AMQP_PASSWORD_$(echo "$user" | tr 'a-z-' 'A-Z_')=$(secret "$secrets/amqp-$user.password")")
  done
  # Exported in a subshell rather than given to env(1), whose arguments anyone on the machine can list.
  ( export "${passwords[@]}" POLRI110_AMQP_ADMIN=polri110-admin POLRI110_AMQP_ADMIN_PASSWORD="$(cat "$secrets/amqp-polri110-admin.password")"
    "$(dirname "${BASH_SOURCE[0]}")/../deploy/rabbitmq/create-users.sh" "http://127.0.0.1:$(cat "$dir/management_port")" "${3:-/}" ) \
    >>"$POLRI110_INFRA_LOG"
}

amqp_uri_of() { # amqp_uri_of DIR SECRETS USER: the amqp:// URI of the node as USER
  echo "amqp://$3:$(cat "$2/amqp-$3.password")@127.0.0.1:$(cat "$1/port")"
}

rabbitmqctl_on() { # rabbitmqctl_on DIR ARGS...
  local dir=$1; shift
  ( rabbit_env "$dir"; /usr/lib/rabbitmq/bin/rabbitmqctl -q "$@" )
}

stop_rabbitmq() { # stop_rabbitmq DIR
  [ -f "$1/nodename" ] || return 0
  # A node that is gone already (killed) fails both: that is stopped too, not an error that ends the caller's cleanup.
  rabbitmqctl_on "$1" stop >>"$POLRI110_INFRA_LOG" 2>&1 || { [ -f "$1/server.pid" ] && kill "$(cat "$1/server.pid")" 2>/dev/null; } || true
  return 0
}
