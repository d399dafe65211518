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
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
work=$(mktemp -d /tmp/dashboard-latency.XXXXXX)
app_pid=
wrk_pid=
cleanup() {
  status=$?
  if [ "$status" -ne 0 ]; then
    [ -f "$work/notes.txt" ] && cat "$work/notes.txt" >&2
    [ -f "$work/app.log" ] && { echo "failed; the dashboard's last words:" >&2; tail -n 40 "$work/app.log" >&2; }
  fi
  if [ -n "$wrk_pid" ]; then kill "$wrk_pid" 2>/dev/null || true; wait "$wrk_pid" 2>/dev/null || true; fi
  if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
[ -x /usr/bin/chromium ] || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

dotnet build -c Release bench/LatencyBench -v q -nologo >/dev/null
bench=bench/LatencyBench/bin/Release/net10.0/LatencyBench

python3 bench/ingest/make_requests.py "$token" "http://127.0.0.1:$port/plivo/status" "$load_callbacks" "$work/status-data.txt"

source bench/lib/dashboard.sh
start_dashboard

run() {
  "$bench" --url "http://127.0.0.1:$port" --token "$token" --api-key "$api_key" --user "$admin_user" \
    --password "$admin_password" --phase "$@" 2>>"$work/notes.txt"
}
events() { python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute('select count(*) from MessageEvents').fetchone()[0])" "$work/bench.db"; }
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
