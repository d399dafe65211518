#!/usr/bin/env bash
# Live latency benchmark: time from a status callback's 200 to the change arriving (a) at a SignalR client of
# /hubs/messages and (b) in the message log open in Chromium. Three phases, each a run of bench/LatencyBench:
#   1. idle, one change at a time: probes about 600 ms apart, longer than the pages' throttle, so each change
#      finds a quiet system (half as many probes as the other phases, to keep the run short);
#   2. idle, a steady 10 changes/s: every change now waits for the throttle (hub 100 ms, message log 250 ms);
#   3. the same under the ingestion load of bench/ingest.sh (wrk posting its pre-signed callbacks in the background).
# Starts a published Release build on a free 127.0.0.1 port with its own SQLite file, prints a Markdown table, and stops
# everything it started. Target: p95 under 250 ms under load. Takes about three minutes.
#   bench/latency.sh [probes per phase=200] [wrk connections=64]
# DASHBOARD_APP=path/to/published/Dashboard measures an already published build (bench/lib/dashboard.sh).
# BENCH_PROVIDER=PostgreSql stores on a PostgreSQL server of its own (bench/lib/servers.sh). BENCH_INSTANCES=2 (implies
# PostgreSql) runs two instances on that database and a Redis server of its own: A takes the load and the probes, B has
# the SignalR client and the Chromium page, so every time measured crosses from A to B (ADR-011).
set -euo pipefail
cd "$(dirname "$0")/.."
probes=${1:-200}
connections=${2:-64}
token=bench-token
api_key=latency-bench-key-0123456789abcdef
admin_user=bench-admin
admin_password=bench-admin-password
# Distinct callbacks for wrk (a third of them create a message); it starts over from the first when they run out.
load_callbacks=400000
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port=$(free_port)
instances=${BENCH_INSTANCES:-1}
storage_provider=${BENCH_PROVIDER:-Sqlite}
[ "$instances" = 1 ] || storage_provider=PostgreSql
work=$(mktemp -d /tmp/dashboard-latency.XXXXXX)
app_pid=
b_pid=
wrk_pid=
cleanup() {
  status=$?
  if [ "$status" -ne 0 ]; then
    [ -f "$work/notes.txt" ] && cat "$work/notes.txt" >&2
    [ -f "$work/app.log" ] && { echo "failed; the dashboard's last words:" >&2; tail -n 40 "$work/app.log" >&2; }
  fi
  if [ -n "$wrk_pid" ]; then kill "$wrk_pid" 2>/dev/null || true; wait "$wrk_pid" 2>/dev/null || true; fi
  for p in $app_pid $b_pid; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  if type stop_redis >/dev/null 2>&1; then stop_redis; stop_postgres; fi
  rm -rf "$work"
}
trap cleanup EXIT
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
[ -x /usr/bin/chromium ] || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

dotnet build -c Release bench/LatencyBench -v q -nologo >/dev/null
bench=bench/LatencyBench/bin/Release/net10.0/LatencyBench

python3 bench/ingest/make_requests.py "$token" "http://127.0.0.1:$port/plivo/status" "$load_callbacks" "$work/status-data.txt"

source bench/lib/servers.sh
source bench/lib/dashboard.sh
listen_port=$port
if [ "$storage_provider" = PostgreSql ]; then
  pg_port=$(free_port)
  start_postgres "$pg_port"
  storage_connection=$pg_connection
fi
if [ "$instances" = 2 ]; then
  start_redis "$(free_port)"
fi
start_dashboard
a_pid=$app_pid
if [ "$instances" = 2 ]; then
  listen_port=$(free_port)
  start_dashboard "$listen_port" app-b
  b_pid=$app_pid
fi
app_pid=$a_pid

run() {
  "$bench" --url "http://127.0.0.1:$port" --listen-url "http://127.0.0.1:$listen_port" --token "$token" --api-key "$api_key" \
    --user "$admin_user" --password "$admin_password" --phase "$@" 2>>"$work/notes.txt"
}
events() {
  if [ "$storage_provider" = PostgreSql ]; then
    psql -h 127.0.0.1 -p "$pg_port" -U postgres -Atc 'SELECT count(*) FROM "MessageEvents"'
  else
    python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute('select count(*) from MessageEvents').fetchone()[0])" "$work/bench.db"
  fi
}
echo
echo "storage: $storage_provider; instances: $instances$([ "$instances" = 2 ] && echo " (callbacks and load to A, hub client and page on B, Redis between)")"
now() { date +%s.%N; }

echo
run "idle, one change at a time" --probes $((probes / 2)) --gap-ms 600 --header
run "idle, 10 changes/s" --probes "$probes" --gap-ms 100

# The load: bench/ingest.sh's generator, with a hard stop of 300 s in case this script is killed; stopped below.
BENCH_DATA="$work/status-data.txt" wrk -t1 -c"$connections" -d300s -s bench/ingest/status.lua "http://127.0.0.1:$port/plivo/status" >/dev/null 2>&1 &
wrk_pid=$!
sleep 2
events_before=$(events); time_before=$(now)
run "under load (wrk -c$connections), 10 changes/s" --probes "$probes" --gap-ms 100
events_after=$(events); time_after=$(now)
kill "$wrk_pid"; wait "$wrk_pid" 2>/dev/null || true; wrk_pid=

echo
awk -v n=$((events_after - events_before)) -v a="$time_before" -v b="$time_after" \
  'BEGIN { printf "load: %.0f callbacks/s stored while the loaded phase ran (%.0f s)\n", n / (b - a), b - a }'
cat "$work/notes.txt"
echo "$(nproc) cores; load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
