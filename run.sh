#!/usr/bin/env bash
# Runs Polri 110 on this machine: PostgreSQL and RabbitMQ (installed from the OS packages if missing, or the
# servers named by POLRI110_PG / POLRI110_AMQP), then the four services and the console. Ctrl-C stops everything it started.
# A service process that dies is restarted, as a container restart policy would.
#   ./run.sh --cluster   the same on one machine as several would run it: Patroni (primary + synchronous standby) over
#                        etcd, a 3-node RabbitMQ cluster, two instances of every service, HAProxy on the usual ports
# POLRI110_SERVICES="Intake" runs only the services named (the benchmark's Intake alone); all five by default.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/infra.sh
. scripts/cluster.sh
CLUSTER=no
case "${1:-}" in
  --cluster) CLUSTER=yes ;;
  "") ;;
  *) echo "usage: ./run.sh [--cluster]" >&2; exit 2 ;;
esac
umask 077  # secrets, tokens, logs and data: readable only by whoever runs this

RUN_DIR=${POLRI110_RUN_DIR:-$PWD/.run}
SECRETS=$RUN_DIR/secrets
DATA_DIR=${POLRI110_DATA_DIR:-/var/tmp/polri110-dev}
mkdir -p "$RUN_DIR/logs" "$SECRETS" "$DATA_DIR"
for dir in "$RUN_DIR" "$DATA_DIR"; do
  [ -O "$dir" ] || { echo "$dir belongs to $(stat -c %U "$dir"), not to $(id -un): refusing to use it." >&2; exit 1; }
done
# One run at a time per data directory: a second ./run.sh says so and leaves the first one's servers alone (the
# lock is taken before the trap below that stops them).
exec 9>>"$DATA_DIR/run.lock"
flock -n 9 || { echo "Polri 110 is already running on $DATA_DIR (./run.sh, pid $(cat "$DATA_DIR/run.pid" 2>/dev/null || echo '?')): stop that one first (Ctrl-C, or kill -TERM)." >&2; exit 1; }
echo $$ > "$DATA_DIR/run.pid"
POLRI110_INFRA_LOG=$RUN_DIR/logs/infra.log
started=$(date +%s)
pids=()
SERVICES=(${POLRI110_SERVICES:-Intake Routing Dispatch Tracking Console})
for service in "${SERVICES[@]}"; do
  [ -n "${SERVICE_PORTS[$service]:-}" ] || { echo "POLRI110_SERVICES: no service $service (${!SERVICE_PORTS[*]})" >&2; exit 2; }
done

stop_all() {
  trap '' INT TERM
  echo; echo "Stopping Polri 110..."
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "$CLUSTER" = yes ]; then
    stop_cluster "$DATA_DIR/cluster"
  else
    [ -n "${POLRI110_PG:-}" ] || stop_postgres "$DATA_DIR/postgres"
    [ -n "${POLRI110_AMQP:-}" ] || stop_rabbitmq "$DATA_DIR/rabbitmq"
  fi
  rm -f "$DATA_DIR/run.pid"
  echo "Stopped."
}
trap stop_all EXIT
trap 'exit 130' INT TERM

if [ "$CLUSTER" = yes ]; then ensure_packages "${CLUSTER_PACKAGES[@]}";
elif [ -z "${POLRI110_PG:-}" ] || [ -z "${POLRI110_AMQP:-}" ]; then ensure_packages; fi
command -v dotnet >/dev/null || { echo "The .NET SDK 10 is required (dotnet on PATH)." >&2; exit 1; }

if [ "$CLUSTER" = yes ]; then
  echo "Starting etcd, PostgreSQL under Patroni, a RabbitMQ cluster and HAProxy..."
  start_cluster "$DATA_DIR/cluster" "$SECRETS"
  PG="$PG_SERVICE;Database=polri110"
  PG_OWNER_DB="$PG_OWNER;Database=polri110"
  AMQP="$AMQP_URI"
elif [ -n "${POLRI110_PG:-}" ]; then
  PG="$POLRI110_PG"
  PG_OWNER_DB="${POLRI110_PG_OWNER:?POLRI110_PG_OWNER (the event store owner role, which applies the schema) must be set with POLRI110_PG}"
else
  echo "Starting PostgreSQL..."
  start_postgres "$DATA_DIR/postgres"
  ensure_postgres_roles "$DATA_DIR/postgres" "$SECRETS"
  create_database "$DATA_DIR/postgres" polri110
  PG="$PG_SERVICE;Database=polri110"
  PG_OWNER_DB="$PG_OWNER;Database=polri110"
fi
# For psql: the auditors' read-only role (psql "$(cat .run/secrets/psql-auditor)"), where this run made it.
if [ -n "${PG_AUDITOR:-}" ]; then
  echo "$PG_AUDITOR" | sed -E 's|^Host=([^;]*);Port=([^;]*);Username=([^;]*);Password=(.*)$|postgresql://\3:\4@\1:\2/polri110|' \
    > "$SECRETS/psql-auditor"
fi

if [ "$CLUSTER" = yes ]; then
  :
elif [ -n "${POLRI110_AMQP:-}" ]; then
  AMQP="$POLRI110_AMQP"
else
  echo "Starting RabbitMQ..."
  start_rabbitmq "$DATA_DIR/rabbitmq" polri110-dev "$SECRETS"
  ensure_broker_users "$DATA_DIR/rabbitmq" "$SECRETS"
  AMQP="$AMQP_URI"
  BROKER_DIR=$DATA_DIR/rabbitmq
fi
# Each service connects as its own broker user (deploy/rabbitmq/service-permissions.tsv), unless POLRI110_AMQP names one.
amqp_of() { if [ -n "${BROKER_DIR:-}" ]; then amqp_uri_of "$BROKER_DIR" "$SECRETS" "polri110-$1"; else echo "$POLRI110_AMQP"; fi; }

# Secrets per machine, kept across runs (owner only) so data and issued tokens stay good; token keys after the build.
# The key of callers' numbers and lookups is the old .run/signing-key where there is one, so existing data stays findable.
(umask 077; mkdir -p "$SECRETS"
 [ -s "$SECRETS/privacy-key" ] || [ ! -s "$RUN_DIR/signing-key" ] || mv "$RUN_DIR/signing-key" "$SECRETS/privacy-key"
 [ -s "$SECRETS/privacy-key" ] || head -c 48 /dev/urandom | base64 | tr -d '\n/+=' > "$SECRETS/privacy-key")
PRIVACY_KEY=$(cat "$SECRETS/privacy-key")
MANAGEMENT=${POLRI110_AMQP_MANAGEMENT:-}
[ -n "$MANAGEMENT" ] || [ -z "${RABBIT_MANAGEMENT_URL:-}" ] ||
  MANAGEMENT="http://polri110-stations:$(cat "$SECRETS/amqp-polri110-stations.password")@${RABBIT_MANAGEMENT_URL#http://}"

echo "Building..."
dotnet build Polri110.sln -c Release -v quiet -nologo > "$RUN_DIR/logs/build.log" 2>&1 || { cat "$RUN_DIR/logs/build.log"; exit 1; }

# POLRI110_READY_TO_RUN=1 (the benchmark does; the Dockerfile always): the four services and their libraries compiled
# ahead to native code (ReadyToRun), so a restarted service does not JIT its hot paths under load (it recompiles only the
# hottest, in the background: Directory.Build.props). About 30 s each.
# POLRI110_READY_TO_RUN=composite (an experiment for issue 13's restart row): each service published self-contained as
# one composite image with the framework and libraries in one version bubble, so the async machinery over other
# assemblies' types is compiled ahead too; ~3 min a service, and ~25 MiB more memory each (README, "Memory").
case "${POLRI110_READY_TO_RUN:-}" in
  1) ahead=(--self-contained false) ;;
  composite) ahead=(--self-contained true -p:PublishReadyToRunComposite=true) ;;
  *) ahead=() ;;
esac
service_dir() {
  if [ ${#ahead[@]} -gt 0 ] && [ "$1" != Console ]; then echo "$RUN_DIR/publish/$1"; else echo "services/$1/bin/Release/net10.0"; fi
}
if [ ${#ahead[@]} -gt 0 ]; then
  echo "Compiling the services ahead (ReadyToRun)..."
  # When the kind of build changes, nothing of the other kind is kept: the compiler would take its outputs in obj/ as
  # up to date (and a composite's parts do not run without their composite image).
  if [ "$(cat "$RUN_DIR/publish/.kind" 2>/dev/null)" != "$POLRI110_READY_TO_RUN" ]; then
    rm -rf "$RUN_DIR/publish" services/*/obj/Release/net10.0/linux-*
  fi
  for service in Intake Routing Dispatch Tracking; do
    dotnet publish "services/$service/Polri110.$service.csproj" -c Release --use-current-runtime "${ahead[@]}" \
      -p:PublishReadyToRun=true -o "$(service_dir "$service")" -v quiet -nologo >> "$RUN_DIR/logs/build.log" 2>&1 ||
      { cat "$RUN_DIR/logs/build.log"; exit 1; }
  done
  echo "$POLRI110_READY_TO_RUN" > "$RUN_DIR/publish/.kind"
fi

# The GC's young generation: by default its budget follows the CPU's last-level cache, and on a server with a large
# one (260 MiB here) each service let ~85 MiB of garbage pile up between collections. 16 MiB: peak memory per service
# at full speed 224-310 MiB in four benchmark runs instead of 303-355. The runtime reads it only from the environment.
export DOTNET_GCgen0size=${DOTNET_GCgen0size:-0x1000000}

# Token keys (ES256): the authority's, which only the Tokens tool holds (the services get its public half), and
# Dispatch's own, for the station tokens it issues.
TOKENS=(dotnet services/Tokens/bin/Release/net10.0/Polri110.Tokens.dll)
for key in token-authority station-signing; do
  [ -s "$SECRETS/$key.key" ] ||
    (umask 077; "${TOKENS[@]}" keygen > "$SECRETS/$key.key.new" && mv "$SECRETS/$key.key.new" "$SECRETS/$key.key")
done
TOKEN_PUBLIC_KEY=$(POLRI110_TOKEN_KEY_FILE="$SECRETS/token-authority.key" "${TOKENS[@]}" public-key)
(umask 077; POLRI110_TOKEN_KEY_FILE="$SECRETS/token-authority.key" "${TOKENS[@]}" dev-set > "$RUN_DIR/tokens.json")

# What each service is given: only the credentials and keys it uses. The authority's public key for every service but the
# console (which reads tokens and checks none: the services do), the keys of callers' numbers and lookups where they are
# kept, the database (as the services' role) to all but the console, the broker's management only to Dispatch.
settings_of() {
  local service=$1
  settings=(ConnectionStrings__RabbitMq="$(amqp_of "${service,,}")")
  [ "$service" = Console ] || settings+=(Auth__PublicKey="$TOKEN_PUBLIC_KEY" ConnectionStrings__Polri110="$PG")
  # A cluster's eight instances share one server of max_connections 300: 25 each (as deploy/kubernetes), 8 x 25 + 8
  # readiness connections = 208. With Npgsql's default of 100 each they could open 800, and after the PostgreSQL
  # failover ~250 connections came back at once to a server on two busy cores (load average ~90).
  [ "$service" = Console ] || [ "$CLUSTER" != yes ] || settings+=(EventStore__MaxPoolSize=25)
  case $service in
    Intake) settings+=(Privacy__CallerKey="$PRIVACY_KEY") ;;
    Dispatch) settings+=(Auth__StationSigningKey="$(cat "$SECRETS/station-signing.key")" RabbitMq__ManagementUri="$MANAGEMENT") ;;
    Tracking) settings+=(Privacy__CallerKey="$PRIVACY_KEY" Tracking__LookupKey="$PRIVACY_KEY") ;;
    # It runs in Development here: its sign-in page offers one button per role, with the tokens below.
    Console) settings+=(ASPNETCORE_ENVIRONMENT=Development Console__DevTokensFile="$RUN_DIR/tokens.json") ;;
  esac
}

# The store's owner applies each service's schema and grants; the services then run as a role that owns nothing.
echo "Migrating the event store..."
for service in Intake Routing Dispatch Tracking; do
  settings_of "$service"
  ( cd "$(service_dir "$service")" && export "${settings[@]}" ConnectionStrings__Polri110Owner="$PG_OWNER_DB" &&
    exec dotnet "Polri110.$service.dll" migrate ) \
    >> "$RUN_DIR/logs/migrate.log" 2>&1 || { cat "$RUN_DIR/logs/migrate.log"; exit 1; }
done

# Keeps one service running: restarts it when it dies; on TERM stops it and returns.
# supervise SERVICE [PORT]: PORT for one of a cluster's instances (else the service's own, from its appsettings.json).
supervise() {
  local service=$1 child settings log=$RUN_DIR/logs/$1${2:+-$2}.log
  settings_of "$service"
  [ -z "${2:-}" ] || settings+=(Urls="http://127.0.0.1:$2")
  trap - EXIT  # the cleanup belongs to the main script, not to each supervisor
  trap 'kill -TERM "$child" 2>/dev/null; wait "$child"; exit 0' TERM
  while :; do
    # Exported, not passed to env(1): a process's environment is its owner's to read, its arguments everyone's.
    ( cd "$(service_dir "$service")" && export "${settings[@]}" && exec dotnet "Polri110.$service.dll" ) \
      >> "$log" 2>&1 &
    child=$!
    wait "$child" || true
    echo "$(date -Is) $service exited; restarting" >> "$log"
    sleep 1
  done
}

for service in "${SERVICES[@]}"; do
  if [ "$CLUSTER" = yes ]; then
    for instance in 1 2; do supervise "$service" $(( ${SERVICE_PORTS[$service]} + instance )) & pids+=($!); done
  else
    supervise "$service" &
    pids+=($!)
  fi
done

for service in "${SERVICES[@]}"; do
  wait_until 120 "$service" curl -fsS "http://127.0.0.1:${SERVICE_PORTS[$service]}/health/ready" || { echo "See $RUN_DIR/logs/$service.log" >&2; exit 1; }
done

# For tools that drive the running system (the pipeline benchmark): where everything is.
cat > "$RUN_DIR/endpoints.env" <<ENV
POLRI110_PG='$PG'
POLRI110_PG_OWNER='$PG_OWNER_DB'
POLRI110_AMQP='$AMQP'
POLRI110_AMQP_MANAGEMENT='$MANAGEMENT'
POLRI110_INTAKE=http://127.0.0.1:5110
POLRI110_ROUTING=http://127.0.0.1:5120
POLRI110_DISPATCH=http://127.0.0.1:5130
POLRI110_TRACKING=http://127.0.0.1:5140
ENV

[ "$CLUSTER" != yes ] || cat <<TOPOLOGY

Cluster on this machine (data in $DATA_DIR/cluster):
  etcd        127.0.0.1:$PORT_ETCD_CLIENT
  PostgreSQL  pg1 127.0.0.1:$PORT_PG1 (Patroni $PORT_PATRONI1), pg2 127.0.0.1:$PORT_PG2 (Patroni $PORT_PATRONI2): primary and
              synchronous standby; HAProxy to the primary on 127.0.0.1:$PORT_PG_FRONT
  RabbitMQ    polri110-c1..3@localhost on $PORT_AMQP1, $PORT_AMQP2, $PORT_AMQP3; HAProxy on $PORT_AMQP_FRONT (management $PORT_MGMT_FRONT)
  services    two instances each on the usual port + 1 and + 2, behind HAProxy on the usual ports
TOPOLOGY
cat <<INFO

Polri 110 is up ($(( $(date +%s) - started )) s).
  Console   http://127.0.0.1:5100   (sign in at /signin: one button per role)
  Intake    http://127.0.0.1:5110   (OpenAPI: /openapi/v1.json)
  Routing   http://127.0.0.1:5120
  Dispatch  http://127.0.0.1:5130
  Tracking  http://127.0.0.1:5140
  PostgreSQL  ${PG%%;Username=*}, database polri110   (auditors, read-only: psql "\$(cat .run/secrets/psql-auditor)")
  RabbitMQ    ${AMQP##*@}${RABBIT_MANAGEMENT_URL:+   (management: $RABBIT_MANAGEMENT_URL, user polri110-admin, password in .run/secrets/)}
Development tokens (one per role, 12 h): .run/tokens.json. More: POLRI110_TOKEN_KEY_FILE=.run/secrets/token-authority.key \\
  dotnet services/Tokens/bin/Release/net10.0/Polri110.Tokens.dll issue <role> <subject> [--station <polres-id>]
Logs in .run/logs. Ctrl-C stops everything.
INFO
wait
