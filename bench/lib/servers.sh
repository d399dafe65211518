# Sourced by bench/ingest.sh and bench/latency.sh: throwaway PostgreSQL and Redis servers (Debian's, installed with
# apt-get when missing) on a loopback port and a folder under $work, as tests/Shared starts them; stopped by their pid.

pg_bin=/usr/lib/postgresql/15/bin

# start_postgres PORT: a durable server (fsync and synchronous_commit on, as shipped) on $work/pg; sets $pg_connection.
# BENCH_PG_STATEMENTS=1 loads pg_stat_statements (with planning counted), for pg_statements below.
start_postgres() {
  local extra=
  [ "${BENCH_PG_STATEMENTS:-0}" = 1 ] && extra='-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track_planning=on'
  [ -x $pg_bin/initdb ] || { apt-get update -qq && apt-get install -y -qq postgresql >/dev/null; }
  chown postgres "$work"
  su postgres -c "$pg_bin/initdb -D $work/pg -A trust -U postgres -E UTF8 --locale=C.UTF-8" >/dev/null
  su postgres -c "$pg_bin/pg_ctl -D $work/pg -l $work/pg.log -o '-p $1 -k $work -c listen_addresses=127.0.0.1 $extra' -w start" >/dev/null
  [ -z "$extra" ] || psql -h 127.0.0.1 -p "$1" -U postgres -qc 'CREATE EXTENSION pg_stat_statements' >/dev/null
  pg_connection="Host=127.0.0.1;Port=$1;Username=postgres;Database=postgres"
}

stop_postgres() {
  [ -f "$work/pg/postmaster.pid" ] || return 0
  kill -INT "$(head -1 "$work/pg/postmaster.pid")" 2>/dev/null || return 0
  while [ -f "$work/pg/postmaster.pid" ]; do sleep 0.1; done
}

# pg_statements PORT reset|report: with BENCH_PG_STATEMENTS=1, forgets what was counted, or prints the statements that
# took the most server time since (calls, plans, rows, mean and total ms) as a Markdown table.
pg_statements() {
  [ "${BENCH_PG_STATEMENTS:-0}" = 1 ] || return 0
  if [ "$2" = reset ]; then psql -h 127.0.0.1 -p "$1" -U postgres -qAtc 'SELECT pg_stat_statements_reset()' >/dev/null; return; fi
  echo
  echo "| statement | calls | plans | rows | mean ms | total ms |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: |"
  psql -h 127.0.0.1 -p "$1" -U postgres -qAt -F ' | ' -c "
    SELECT '| ' || left(regexp_replace(query, '\s+', ' ', 'g'), 90), calls, plans, rows,
           round((total_exec_time / calls)::numeric, 3), round((total_exec_time + total_plan_time)::numeric) || ' |'
    FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%'
    ORDER BY total_exec_time + total_plan_time DESC LIMIT 15"
}

# The postmaster and its processes (backends, WAL writer, checkpointer), for their CPU time.
postgres_pids() { local pm; pm=$(head -1 "$work/pg/postmaster.pid"); echo "$pm $(ps --ppid "$pm" -o pid= | tr '\n' ' ')"; }

# start_redis PORT: nothing saved; sets $redis_connection.
start_redis() {
  [ -x /usr/bin/redis-server ] || { apt-get update -qq && apt-get install -y -qq redis-server >/dev/null; }
  redis-server --port "$1" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" --daemonize yes \
    --pidfile "$work/redis.pid" --logfile "$work/redis.log"
  for _ in $(seq 1 50); do [ -s "$work/redis.pid" ] && break; sleep 0.1; done
  redis_connection="127.0.0.1:$1"
}

stop_redis() { [ -s "$work/redis.pid" ] && kill "$(cat "$work/redis.pid")" 2>/dev/null; true; }
