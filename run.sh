#!/usr/bin/env bash
# Runs Polri 110 on this machine: PostgreSQL and RabbitMQ (installed from the OS packages if missing, or the
# servers named by POLRI110_PG / POLRI110_AMQP), then the four services and the console. Ctrl-C stops everything it started.
# A service process that dies is restarted, as a container restart policy would.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/infra.sh

RUN_DIR=$PWD/.run
DATA_DIR=${POLRI110_DATA_DIR:-/var/tmp/polri110-dev}
mkdir -p "$RUN_DIR/logs" "$DATA_DIR"
POLRI110_INFRA_LOG=$RUN_DIR/logs/infra.log
started=$(date +%s)
pids=()

stop_all() {
  trap '' INT TERM
  echo; echo "Stopping Polri 110..."
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ -n "${POLRI110_PG:-}" ] || stop_postgres "$DATA_DIR/postgres"
  [ -n "${POLRI110_AMQP:-}" ] || stop_rabbitmq "$DATA_DIR/rabbitmq"
  echo "Stopped."
}
trap stop_all EXIT
trap 'exit 130' INT TERM

if [ -z "${POLRI110_PG:-}" ] || [ -z "${POLRI110_AMQP:-}" ]; then ensure_packages; fi
command -v dotnet >/dev/null || { echo "The .NET SDK 10 is required (dotnet on PATH)." >&2; exit 1; }

if [ -n "${POLRI110_PG:-}" ]; then
  PG="$POLRI110_PG"
else
  echo "Starting PostgreSQL..."
  start_postgres "$DATA_DIR/postgres"
  create_database "$DATA_DIR/postgres" polri110
  PG="Host=127.0.0.1;Port=$PG_PORT;Database=polri110;Username=postgres"
fi

if [ -n "${POLRI110_AMQP:-}" ]; then
  AMQP="$POLRI110_AMQP"
else
  echo "Starting RabbitMQ..."
  start_rabbitmq "$DATA_DIR/rabbitmq" polri110-dev
  AMQP="$AMQP_URI"
fi

# Secrets per machine, kept across runs (owner only) so data and issued tokens stay good; token keys after the build.
# The key of callers' numbers and lookups is the old .run/signing-key where there is one, so existing data stays findable.
SECRETS=$RUN_DIR/secrets
(umask 077; mkdir -p "$SECRETS"
 [ -s "$SECRETS/privacy-key" ] || [ ! -s "$RUN_DIR/signing-key" ] || mv "$RUN_DIR/signing-key" "$SECRETS/privacy-key"
 [ -s "$SECRETS/privacy-key" ] || head -c 48 /dev/urandom | base64 | tr -d '\n/+=' > "$SECRETS/privacy-key")
PRIVACY_KEY=$(cat "$SECRETS/privacy-key")
MANAGEMENT=${POLRI110_AMQP_MANAGEMENT:-}
[ -n "$MANAGEMENT" ] || [ -z "${RABBIT_MANAGEMENT_URL:-}" ] || MANAGEMENT="http://guest:guest@${RABBIT_MANAGEMENT_URL#http://}"

echo "Building..."
dotnet build Polri110.sln -c Release -v quiet -nologo > "$RUN_DIR/logs/build.log" 2>&1 || { cat "$RUN_DIR/logs/build.log"; exit 1; }

declare -A ports=([Intake]=5110 [Routing]=5120 [Dispatch]=5130 [Tracking]=5140 [Console]=5100)
# Keeps one service running: restarts it when it dies; on TERM stops it and returns.
supervise() {
  local service=$1 child settings=()
  # Each service gets only the keys it uses: the authority's public key, Dispatch its own station-signing key.
  case $service in
    Intake) settings=(Auth__PublicKey="$TOKEN_PUBLIC_KEY" Privacy__CallerKey="$PRIVACY_KEY") ;;
    Routing) settings=(Auth__PublicKey="$TOKEN_PUBLIC_KEY") ;;
    Dispatch) settings=(Auth__PublicKey="$TOKEN_PUBLIC_KEY" Auth__StationSigningKey="$(cat "$SECRETS/station-signing.key")") ;;
    Tracking) settings=(Auth__PublicKey="$TOKEN_PUBLIC_KEY" Privacy__CallerKey="$PRIVACY_KEY" Tracking__LookupKey="$PRIVACY_KEY") ;;
    # The console reads tokens and checks none (the services do): no key. It runs in Development here: its sign-in
    # page offers one button per role, with the tokens below.
    Console) settings=(ASPNETCORE_ENVIRONMENT=Development Console__DevTokensFile="$RUN_DIR/tokens.json") ;;
  esac
  trap - EXIT  # the cleanup belongs to the main script, not to each supervisor
  trap 'kill -TERM "$child" 2>/dev/null; wait "$child"; exit 0' TERM
  while :; do
    ( cd "services/$service/bin/Release/net10.0" &&
      ConnectionStrings__Polri110="$PG" ConnectionStrings__RabbitMq="$AMQP" RabbitMq__ManagementUri="$MANAGEMENT" \
        exec env "${settings[@]}" dotnet "Polri110.$service.dll" ) \
      >> "$RUN_DIR/logs/$service.log" 2>&1 &
    child=$!
    wait "$child" || true
    echo "$(date -Is) $service exited; restarting" >> "$RUN_DIR/logs/$service.log"
    sleep 1
  done
}

# Token keys (ES256): the authority's, which only the Tokens tool holds (the services get its public half), and
# Dispatch's own, for the station tokens it issues.
TOKENS=(dotnet services/Tokens/bin/Release/net10.0/Polri110.Tokens.dll)
for key in token-authority station-signing; do
  [ -s "$SECRETS/$key.key" ] ||
    (umask 077; "${TOKENS[@]}" keygen > "$SECRETS/$key.key.new" && mv "$SECRETS/$key.key.new" "$SECRETS/$key.key")
done
TOKEN_PUBLIC_KEY=$(POLRI110_TOKEN_KEY_FILE="$SECRETS/token-authority.key" "${TOKENS[@]}" public-key)
(umask 077; POLRI110_TOKEN_KEY_FILE="$SECRETS/token-authority.key" "${TOKENS[@]}" dev-set > "$RUN_DIR/tokens.json")

for service in Intake Routing Dispatch Tracking Console; do
  supervise "$service" &
  pids+=($!)
done

for service in Intake Routing Dispatch Tracking Console; do
  wait_until 120 "$service" curl -fsS "http://127.0.0.1:${ports[$service]}/health/ready" || { echo "See $RUN_DIR/logs/$service.log" >&2; exit 1; }
done

# For tools that drive the running system (the pipeline benchmark): where everything is.
cat > "$RUN_DIR/endpoints.env" <<ENV
POLRI110_PG='$PG'
POLRI110_AMQP='$AMQP'
POLRI110_AMQP_MANAGEMENT='$MANAGEMENT'
POLRI110_INTAKE=http://127.0.0.1:5110
POLRI110_ROUTING=http://127.0.0.1:5120
POLRI110_DISPATCH=http://127.0.0.1:5130
POLRI110_TRACKING=http://127.0.0.1:5140
ENV

cat <<INFO

Polri 110 is up ($(( $(date +%s) - started )) s).
  Console   http://127.0.0.1:5100   (sign in at /signin: one button per role)
  Intake    http://127.0.0.1:5110   (OpenAPI: /openapi/v1.json)
  Routing   http://127.0.0.1:5120
  Dispatch  http://127.0.0.1:5130
  Tracking  http://127.0.0.1:5140
  PostgreSQL  $PG
  RabbitMQ    $AMQP${RABBIT_MANAGEMENT_URL:+   (management: $RABBIT_MANAGEMENT_URL, guest/guest)}
Development tokens (one per role, 12 h): .run/tokens.json. More: POLRI110_TOKEN_KEY_FILE=.run/secrets/token-authority.key \\
  dotnet services/Tokens/bin/Release/net10.0/Polri110.Tokens.dll issue <role> <subject> [--station <polres-id>]
Logs in .run/logs. Ctrl-C stops everything.
INFO
wait
