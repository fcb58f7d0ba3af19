#!/usr/bin/env bash
# A benchmark in one command: starts the system with ./run.sh (fresh data directory), drives it through the public
# API (tests/Polri110.Benchmarks), prints a markdown table, writes JSON to .run/benchmark/, and stops everything.
#   ./scripts/benchmark.sh [phase s] [full-speed s]   the pipeline: seconds per paced phase (20), at full speed (60)
#   ./scripts/benchmark.sh intake [phase s] [full s]  Intake alone (the other services not started): POST latency at
#                                                     100 reports/s, accepted reports/s at full speed
#   ./scripts/benchmark.sh restart [history] [s] [rounds]  only the last phase: kill -9 of all four, then 100/s for
#                                                     20 s (or s), by 5 s, with the CPU each part used to start again; with
#                                                     a history, on a store first seeded with that many reports; rounds:
#                                                     warm 20 s, kill and measure that many times on one build
#   ./scripts/benchmark.sh steady [rate] [s] [history] [assign]  one paced phase (100/s, 30 s) after the warm-up:
#                                                     latency, CPU ms per report of every part, every statement sent per
#                                                     report; with a history (e.g. 68000), on a store first seeded with that
#                                                     many reports; with assign, the Polres's desk acknowledges each report
#                                                     and assigns it to its Polsek (assign→Polsek queue latency)
#   ./scripts/benchmark.sh callers [reports]          the caller history on a store seeded with that many reports (100000)
#   ./scripts/benchmark.sh cluster [phase s] [full s] the pipeline on ./run.sh --cluster (two instances of each service)
#   ./scripts/benchmark.sh failover [reports/s] [s]   on ./run.sh --cluster: kill -9 a broker node, the PostgreSQL primary
#                                                     and one instance of each service while posting (50/s, 20 s apart);
#                                                     exits 1 if a report was lost or an event stored twice
set -euo pipefail
cd "$(dirname "$0")/.."
export POLRI110_DATA_DIR=${POLRI110_DATA_DIR:-$(mktemp -d /tmp/polri110-benchmark-XXXXXX)}
chmod 755 "$POLRI110_DATA_DIR"
mkdir -p .run
rm -f .run/endpoints.env

case "${1:-}" in failover|cluster) cluster=--cluster ;; *) cluster= ;; esac
[ "${1:-}" != intake ] || export POLRI110_SERVICES=Intake
# Measured as deployed: the services compiled ahead (ReadyToRun), as the Dockerfile builds them.
export POLRI110_READY_TO_RUN=${POLRI110_READY_TO_RUN:-1}
./run.sh $cluster > .run/benchmark-run.log 2>&1 &
system=$!
trap 'kill -TERM $system 2>/dev/null; wait $system 2>/dev/null || true; rm -rf "$POLRI110_DATA_DIR"' EXIT
# Up to 20 min: POLRI110_READY_TO_RUN=composite compiles each service ahead for ~3 min before anything starts.
for _ in $(seq 1200); do
  grep -q "Ctrl-C stops" .run/benchmark-run.log 2>/dev/null && break
  kill -0 $system 2>/dev/null || { cat .run/benchmark-run.log; exit 1; }
  sleep 1
done
grep -q "Ctrl-C stops" .run/benchmark-run.log || { echo "The system did not come up: see .run/benchmark-run.log" >&2; exit 1; }

if [ "${1:-}" = restart ] || [ "${1:-}" = steady ]; then
  # The statements' texts are the superuser's to read (they hold what the set-up ran); this throwaway store lends the
  # owner that right so the benchmark can name what the services send.
  . scripts/infra.sh
  pg_admin "$POLRI110_DATA_DIR/postgres" -d polri110 <<< "GRANT pg_read_all_stats TO polri110_owner;"
fi

if [ "${1:-}" = failover ]; then
  dotnet run -c Release --project tests/Polri110.Benchmarks -- failover "${2:-50}" "${3:-20}"
elif [ "${1:-}" = cluster ]; then
  dotnet run -c Release --project tests/Polri110.Benchmarks -- pipeline "${2:-20}" "${3:-60}"
elif [ "${1:-}" = intake ]; then
  dotnet run -c Release --project tests/Polri110.Benchmarks -- intake "${2:-20}" "${3:-60}"
elif [ "${1:-}" = restart ]; then
  dotnet run -c Release --project tests/Polri110.Benchmarks -- restart "${2:-0}" "${3:-20}" "${4:-1}"
elif [ "${1:-}" = steady ]; then
  dotnet run -c Release --project tests/Polri110.Benchmarks -- steady "${2:-100}" "${3:-30}" "${4:-0}" "${5:-}"
elif [ "${1:-}" = callers ]; then
  dotnet run -c Release --project tests/Polri110.Benchmarks -- callers "${2:-100000}"
else
  dotnet run -c Release --project tests/Polri110.Benchmarks -- pipeline "${1:-20}" "${2:-60}"
fi
