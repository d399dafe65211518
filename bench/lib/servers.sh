# Sourced by bench/ingest.sh and bench/latency.sh: throwaway PostgreSQL and Redis servers (Debian's, installed with
# apt-get when missing) on a loopback port and a folder under $work, as tests/Shared starts them; stopped by their pid.

pg_bin=/usr/lib/postgresql/15/bin

# start_postgres PORT: a durable server (fsync and synchronous_commit on, as shipped) on $work/pg; sets $pg_connection.
start_postgres() {
  [ -x $pg_bin/initdb ] || { apt-get update -qq && apt-get install -y -qq postgresql >/dev/null; }
  chown postgres "$work"
  su postgres -c "$pg_bin/initdb -D $work/pg -A trust -U postgres -E UTF8 --locale=C.UTF-8" >/dev/null
  su postgres -c "$pg_bin/pg_ctl -D $work/pg -l $work/pg.log -o '-p $1 -k $work -c listen_addresses=127.0.0.1' -w start" >/dev/null
  pg_connection="Host=127.0.0.1;Port=$1;Username=postgres;Database=postgres"
}

stop_postgres() {
  [ -f "$work/pg/postmaster.pid" ] || return 0
  kill -INT "$(head -1 "$work/pg/postmaster.pid")" 2>/dev/null || return 0
  while [ -f "$work/pg/postmaster.pid" ]; do sleep 0.1; done
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
