#!/usr/bin/env bash
# Ingestion benchmark: signed status callbacks posted by wrk (one thread, N connections) to a Release build
# on 127.0.0.1, for a fixed time. Runs the same generator first against bench/CeilingHost's /bench/parse-only (the
# product's own form reading, signature check and parsing in a host of its own, nothing stored: the ceiling), then
# against the dashboard's /plivo/status (durable 200s), then counts the stored events to check that nothing
# acknowledged was lost. Prints a Markdown table.
#   bench/ingest.sh [seconds=8] [connections=64] [synchronous=FULL]
# DASHBOARD_APP=path/to/Dashboard runs an already built executable instead (to compare two builds in one sitting).
# BENCH_PROVIDER=PostgreSql stores on a PostgreSQL 15 server of its own (Debian's, started here on a temp folder and
# port 5491 as the postgres user, durable: fsync and synchronous_commit on; stopped at the end); synchronous is then
# SQLite's only and ignored.
# BENCH_PG_STATEMENTS=1 (PostgreSQL only) also prints the statements that took the server's time in the stored run.
# BENCH_INSTANCES=2 (PostgreSQL only) runs two instances of the dashboard on the one database, as behind a load balancer
# (the same PublicBaseUrl, which the callbacks are signed for), and two wrk processes with half the connections each,
# every other callback to each: a message's callbacks land on either instance. The ceiling stays one host.
# BENCH_PORT (default 5090; the ceiling host takes the next one, a second instance the one after) and BENCH_PG_PORT
# (default 5491) move the servers, so two benchmarks can run on one machine.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-8}
connections=${2:-64}
synchronous=${3:-FULL}
port=${BENCH_PORT:-5090}
token=bench-token
work=$(mktemp -d /tmp/dashboard-bench.XXXXXX)
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

app=${DASHBOARD_APP:-}
if [ -z "$app" ]; then
  dotnet build -c Release src/Dashboard -v q -nologo >/dev/null
  app=src/Dashboard/bin/Release/net10.0/Dashboard
fi
# The ceiling is always this checkout's, so two dashboards compared in one sitting share it.
dotnet build -c Release bench/CeilingHost -v q -nologo >/dev/null
ceiling_port=$(( port + 1 ))

# Enough distinct callbacks for 60,000/s (BENCH_CALLBACKS sets fewer: signing them takes a while on a busy machine).
count=${BENCH_CALLBACKS:-$(( seconds * 60000 ))}
# The callbacks' day: yesterday (UTC), inside the window of now the parser accepts; make_requests.py and status.lua read it.
export BENCH_DAY="${BENCH_DAY:-$(date -u -d yesterday +%F)}"
python3 bench/ingest/make_requests.py "$token" "http://127.0.0.1:$port/plivo/status" "$count" "$work/status-data.txt"
python3 bench/ingest/make_requests.py "$token" "http://127.0.0.1:$port/bench/parse-only" "$count" "$work/noop-data.txt"
# Other messages (another seed) for the warm-up, stored but not counted.
python3 bench/ingest/make_requests.py "$token" "http://127.0.0.1:$port/plivo/status" 60000 "$work/warm-data.txt" 7

provider=${BENCH_PROVIDER:-Sqlite}
instances=${BENCH_INSTANCES:-1}
[ "$instances" = 1 ] || [ "$provider" = PostgreSql ] || { echo "BENCH_INSTANCES=$instances needs BENCH_PROVIDER=PostgreSql" >&2; exit 1; }
connection="Data Source=$work/bench.db"
pg_port=${BENCH_PG_PORT:-5491}
source bench/lib/servers.sh
if [ "$provider" = PostgreSql ]; then
  start_postgres $pg_port
  connection=$pg_connection
fi

start_app() { # port log
  Storage__Provider=$provider ConnectionStrings__Dashboard="$connection" Plivo__AuthToken=$token Simulator__Enabled=false \
    PublicBaseUrl="http://127.0.0.1:$port" Storage__Synchronous=$synchronous \
    Logging__LogLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Production \
    "$app" --urls "http://127.0.0.1:$1" >"$2" 2>&1 &
}
start_app $port "$work/app.log"
pid=$!
pid2=
second_port=$(( port + 2 ))
if [ "$instances" = 2 ]; then
  # After the first has migrated the database (it answers /healthz once started).
  for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.5; done
  start_app $second_port "$work/app2.log"
  pid2=$!
  # Every other callback to each instance (name-a.txt, name-b.txt): a message's three callbacks land on either.
  halves() { awk 'NR % 2 == 1' "$work/$1.txt" >"$work/$1-a.txt"; awk 'NR % 2 == 0' "$work/$1.txt" >"$work/$1-b.txt"; }
  halves status-data
  halves warm-data
fi
# Signatures are over the dashboard's address, so the ceiling host is told that address as its PublicBaseUrl.
Plivo__AuthToken=$token PublicBaseUrl="http://127.0.0.1:$port" Logging__LogLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Production \
  bench/CeilingHost/bin/Release/net10.0/CeilingHost --urls "http://127.0.0.1:$ceiling_port" >"$work/ceiling.log" 2>&1 &
ceiling_pid=$!
trap 'kill $pid $pid2 $ceiling_pid 2>/dev/null || true; stop_postgres; rm -rf "$work"' EXIT
for p in $port ${pid2:+$second_port}; do
  for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$p/healthz" >/dev/null && break; sleep 0.5; done
done
for _ in $(seq 1 60); do curl -s -o /dev/null -X POST "http://127.0.0.1:$ceiling_port/bench/parse-only" && break; sleep 0.5; done

run() { BENCH_DATA="$3" wrk -t1 -c"$connections" -d"${seconds}s" -s bench/ingest/status.lua "http://127.0.0.1:$1$2" | grep RESULT; }
# Warm up (JIT tiering, connection pools) on data that is not counted: the ceiling host on its own data, and each
# dashboard for a few seconds on the warm-up messages, stored (so the whole write path runs optimized code, not
# tier 0: cold, the first 8 seconds stored about a fifth fewer callbacks at half again the CPU); the events stored are
# subtracted below.
BENCH_DATA="$work/noop-data.txt" wrk -t1 -c"$connections" -d2s -s bench/ingest/status.lua "http://127.0.0.1:$ceiling_port/bench/parse-only" >/dev/null
if [ "$instances" = 2 ]; then
  BENCH_DATA="$work/warm-data-a.txt" wrk -t1 -c"$connections" -d4s -s bench/ingest/status.lua "http://127.0.0.1:$port/plivo/status" >/dev/null
  BENCH_DATA="$work/warm-data-b.txt" wrk -t1 -c"$connections" -d4s -s bench/ingest/status.lua "http://127.0.0.1:$second_port/plivo/status" >/dev/null
else
  BENCH_DATA="$work/warm-data.txt" wrk -t1 -c"$connections" -d4s -s bench/ingest/status.lua "http://127.0.0.1:$port/plivo/status" >/dev/null
fi
# Each server's CPU time (user + system, in clock ticks) around its run: CPU per callback shows where the time goes.
# For PostgreSQL, the postmaster and all its processes (the writers' backends, WAL writer, checkpointer).
cpu() { local t=0 p; for p in "$@"; do t=$(( t + $(awk '{print $14 + $15}' "/proc/$p/stat") )); done; echo $t; }
pg_pids() { [ "$provider" = PostgreSql ] && postgres_pids; true; }
count_events() {
  if [ "$provider" = PostgreSql ]; then
    psql -h 127.0.0.1 -p $pg_port -U postgres -Atc 'SELECT count(*) FROM "MessageEvents"'
  else
    python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute('select count(*) from MessageEvents').fetchone()[0])" "$work/bench.db"
  fi
}
warm_events=$(count_events)
cpu0=$(cpu $ceiling_pid)
noop=$(run $ceiling_port /bench/parse-only "$work/noop-data.txt")
cpu1=$(cpu $ceiling_pid)
rss_before=$(awk '/VmHWM/ {print $2}' /proc/$pid/status)
[ "$provider" = PostgreSql ] && pg_statements $pg_port reset
cpu1s=$(cpu $pid $pid2)
pg_cpu1=$(cpu $(pg_pids))
if [ "$instances" = 2 ]; then
  # Two wrk processes at once, half the connections each; their counts are added below.
  half=$(( connections / 2 ))
  BENCH_DATA="$work/status-data-a.txt" wrk -t1 -c"$half" -d"${seconds}s" -s bench/ingest/status.lua "http://127.0.0.1:$port/plivo/status" | grep RESULT >"$work/wrk-a.txt" &
  wrk_a=$!
  BENCH_DATA="$work/status-data-b.txt" wrk -t1 -c"$half" -d"${seconds}s" -s bench/ingest/status.lua "http://127.0.0.1:$second_port/plivo/status" | grep RESULT >"$work/wrk-b.txt"
  wait $wrk_a
  store=$(python3 - "$work/wrk-a.txt" "$work/wrk-b.txt" <<'PY'
import re, sys
runs = [dict((k, float(v)) for k, v in re.findall(r"(\w+)=([0-9.]+)", open(f).read())) for f in sys.argv[1:]]
total = {k: sum(r[k] for r in runs) for k in ("requests", "errors", "non2xx")}
# The rate is the sum of each wrk's own; p50/p99 are the worse of the two.
rate = sum(r["requests"] / r["duration_us"] for r in runs)
print("RESULT requests=%d duration_us=%d errors=%d non2xx=%d p50_ms=%.2f p99_ms=%.2f" % (
    total["requests"], total["requests"] / rate, total["errors"], total["non2xx"],
    max(r["p50_ms"] for r in runs), max(r["p99_ms"] for r in runs)))
PY
)
else
  store=$(run $port /plivo/status "$work/status-data.txt")
fi
cpu2=$(cpu $pid $pid2)
pg_cpu2=$(cpu $(pg_pids))
rss_peak=$(awk '/VmHWM/ {print $2}' /proc/$pid/status)

field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" <<<"$2"; }
rate() { awk -v r="$(field requests "$1")" -v d="$(field duration_us "$1")" 'BEGIN { printf "%.0f", r / (d / 1e6) }'; }
noop_rate=$(rate "$noop"); store_rate=$(rate "$store")
hz=$(getconf CLK_TCK)
cpu_us() { awk -v t="$1" -v r="$(field requests "$2")" -v hz="$hz" 'BEGIN { printf "%.0f", t / hz * 1e6 / r }'; }
noop_cpu=$(cpu_us $(( cpu1 - cpu0 )) "$noop"); store_cpu=$(cpu_us $(( cpu2 - cpu1s )) "$store")
if [ "$provider" = PostgreSql ]; then
  label="stored on PostgreSQL (synchronous_commit=on), $instances instance(s)"
else
  label="stored, synchronous=$synchronous"
fi
stored=$(( $(count_events) - warm_events ))
acked=$(( $(field requests "$store") - $(field non2xx "$store") ))

echo
echo "| run | callbacks/s | p50 ms | p99 ms | app CPU µs/callback | non-2xx |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
echo "| parse + verify only (ceiling) | $noop_rate | $(field p50_ms "$noop") | $(field p99_ms "$noop") | $noop_cpu | $(field non2xx "$noop") |"
echo "| $label | $store_rate | $(field p50_ms "$store") | $(field p99_ms "$store") | $store_cpu | $(field non2xx "$store") |"
echo
awk -v s="$store_rate" -v n="$noop_rate" 'BEGIN { printf "ratio stored/ceiling: %.2f\n", s / n }'
echo "acknowledged: $acked, events stored: $stored (after the $warm_events of the warm-up; wrk may count a few requests cut off at the deadline)"
[ "$provider" = PostgreSql ] && pg_statements $pg_port report
[ "$provider" = PostgreSql ] && echo "PostgreSQL CPU µs/callback (all its processes): $(cpu_us $(( pg_cpu2 - pg_cpu1 )) "$store")"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "peak RSS: $(( rss_peak / 1024 )) MiB (before the stored run: $(( rss_before / 1024 )) MiB); connections: $connections, seconds: $seconds"
