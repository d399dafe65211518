#!/usr/bin/env bash
# Message log page benchmark: what the live log costs the server. bench/LatencyBench --render posts new messages at a
# steady rate (default 1,000 callbacks/s) to a published Release build, measures the dashboard's CPU with no browser
# open, then opens N Chromium pages on /messages (default 3), times each from navigation to its first row, and
# measures the CPU again; the difference per live re-render the pages applied is the server CPU per re-render.
# Prints one Markdown table row per run. Takes about a minute.
#   bench/page.sh [browsers=3] [callbacks/s=1000] [seconds per phase=20] [label=this checkout]
# DASHBOARD_APP=path/to/published/Dashboard measures an already published build (bench/lib/dashboard.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
browsers=${1:-3}
rate=${2:-1000}
seconds=${3:-20}
label=${4:-${DASHBOARD_APP:-this checkout}}
token=bench-token
api_key=page-bench-key-0123456789abcdef
admin_user=bench-admin
admin_password=bench-admin-password
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
work=$(mktemp -d /tmp/dashboard-page.XXXXXX)
app_pid=
cleanup() {
  status=$?
  [ "$status" -ne 0 ] && [ -f "$work/app.log" ] && { echo "failed; the dashboard's last words:" >&2; tail -n 40 "$work/app.log" >&2; }
  if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
[ -x /usr/bin/chromium ] || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }
dotnet build -c Release bench/LatencyBench -v q -nologo >/dev/null

source bench/lib/dashboard.sh
start_dashboard

if [ "${PAGE_BENCH_HEADER:-1}" = 1 ]; then
  echo
  echo "| build | first row ms, median (min–max) | callbacks/s reached | server CPU ms/s, no browser | with $browsers browsers | live re-renders/s (all pages) | server CPU µs per re-render | failed callbacks |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
fi
bench/LatencyBench/bin/Release/net10.0/LatencyBench --render --url "http://127.0.0.1:$port" --token "$token" \
  --user "$admin_user" --password "$admin_password" --pid "$app_pid" --browsers "$browsers" --rate "$rate" \
  --seconds "$seconds" --label "$label"
