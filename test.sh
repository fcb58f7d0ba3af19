#!/usr/bin/env bash
# Builds Polri 110 and runs every test against throwaway PostgreSQL and RabbitMQ instances of its own
# (own data directories, free ports, own RabbitMQ node name), which it stops afterwards.
# Prints "N passed, N failed" last and exits non-zero when any test fails.
# Arguments go to dotnet test, e.g. ./test.sh --filter "FullyQualifiedName~Tracking" while working on one part.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/infra.sh
. scripts/cluster.sh

WORK=$(mktemp -d /tmp/polri110-test-XXXXXX)
chmod 755 "$WORK"
POLRI110_INFRA_LOG=$WORK/infra.log
started=$(date +%s)

cleanup() {
  trap '' INT TERM
  stop_rabbitmq "$WORK/rabbitmq"
  stop_postgres "$WORK/postgres"
  as_root rm -rf "$WORK"
}
trap cleanup EXIT

# The console tests drive Debian's Chromium through Playwright; the telemetry tests lint /metrics with promtool; the
# cluster test runs ./run.sh --cluster (Patroni, etcd, HAProxy).
ensure_packages chromium promtool:prometheus "${CLUSTER_PACKAGES[@]}"
command -v dotnet >/dev/null || { echo "The .NET SDK 10 is required (dotnet on PATH)." >&2; exit 1; }

echo "Starting throwaway PostgreSQL and RabbitMQ..."
SECRETS=$WORK/secrets
start_postgres "$WORK/postgres"
ensure_postgres_roles "$WORK/postgres" "$SECRETS"
# The tests make a database per fixture as the superuser, which only this throwaway cluster lets in over TCP.
printf "ALTER ROLE postgres PASSWORD '%s';" "$(secret "$SECRETS/pg-postgres.password")" | pg_admin "$WORK/postgres"
start_rabbitmq "$WORK/rabbitmq" "polri110-test-$$" "$SECRETS"
ensure_broker_users "$WORK/rabbitmq" "$SECRETS"
export POLRI110_TEST_SECRETS="$SECRETS"  # the roles' and users' passwords, one file each (TestServers reads them)
export POLRI110_TEST_PG="$(pg_connection "$WORK/postgres" postgres "$SECRETS")"
export POLRI110_TEST_AMQP="$AMQP_URI"
export POLRI110_TEST_RABBIT_MANAGEMENT="$RABBIT_MANAGEMENT_URL"

echo "Building..."
dotnet build Polri110.sln -c Release -v quiet -nologo

echo "Testing..."
status=0
# run_tests HANG ARGS...: a test running longer than HANG is taken for hung (its process dumped and stopped).
run_tests() {
  local hang=$1; shift
  dotnet test Polri110.sln -c Release --no-build -nologo --blame-hang-timeout "$hang" "$@" 2>&1 | tee -a "$WORK/test.log" || status=$?
}
if [ $# -gt 0 ]; then
  run_tests 20m "$@"
else
  # The cluster test (./run.sh --cluster and its failovers, 7-10 min) takes both cores and the usual ports: after the
  # rest, alone.
  run_tests 5m --filter "Category!=Cluster"
  echo "Testing the cluster's failovers..."
  run_tests 20m --filter "Category=Cluster"
fi

# dotnet test prints one summary line per test assembly ("Passed!  - Failed: 0, Passed: 12, ..."); add them up. With a
# detailed console logger (--logger "console;verbosity=detailed") it prints a block instead ("Total tests: 12", then
# "     Passed: 12"): counted the same way.
passed=0; failed=0; total=0
while read -r line; do
  count() { echo "$line" | sed -n "s/.*$1: *\([0-9]*\).*/\1/p"; }
  passed=$((passed + $(count Passed))); failed=$((failed + $(count Failed))); total=$((total + $(count Total)))
done < <(grep -E '^(Passed|Failed)! +- ' "$WORK/test.log")
if [ "$total" -eq 0 ]; then
  total=$(awk '/^Total tests: *[0-9]+$/ { n += $3 } END { print n + 0 }' "$WORK/test.log")
  passed=$(awk '/^ *Passed: *[0-9]+$/ { n += $2 } END { print n + 0 }' "$WORK/test.log")
fi
# Anything counted but not passed (skipped, not run) is a failure here.
failed=$((total - passed))
[ "$total" -gt 0 ] || { echo "No test ran." >&2; status=1; }
[ "$failed" -eq 0 ] || status=1

echo "Suite took $(( $(date +%s) - started )) s."
echo "$passed passed, $failed failed"
exit "$status"
