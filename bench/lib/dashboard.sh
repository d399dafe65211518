# Sourced by bench/latency.sh and bench/page.sh: starts a published Release build of the dashboard on 127.0.0.1:$port
# with its own SQLite file in $work, the simulator off, an API key ($api_key) and an admin ($admin_user/$admin_password)
# for the bench's clients, and waits until it answers. Sets $app_pid.
# Published, not just built: a Production run serves the pages' static web assets from published output.
# DASHBOARD_APP=path/to/published/Dashboard runs an already published build instead (to compare two builds in one sitting).
# start_dashboard [listen port=$port] [log=app]: a second instance listens on its own port, with the same PublicBaseUrl
# (the callbacks are signed for $port's address, as behind a load balancer); $storage_provider, $storage_connection and
# $redis_connection, when set, replace the SQLite file (bench/lib/servers.sh starts the servers).
start_dashboard() {
  local listen=${1:-$port} log=${2:-app}
  if [ -z "${dashboard_app:-}" ]; then
    dashboard_app=${DASHBOARD_APP:-}
    if [ -z "$dashboard_app" ]; then
      dotnet publish -c Release src/Dashboard -o "$work/app" -v q -nologo >/dev/null
      dashboard_app="$work/app/Dashboard"
    fi
  fi
  local root
  root=$(dirname "$dashboard_app")
  Storage__Provider=${storage_provider:-Sqlite} ConnectionStrings__Dashboard="${storage_connection:-Data Source=$work/bench.db}" \
    ConnectionStrings__Redis="${redis_connection:-}" Plivo__AuthToken=$token Simulator__Enabled=false \
    PublicBaseUrl="http://127.0.0.1:$port" Api__Keys__0__Key=$api_key Api__Keys__0__Roles=Support,Manager,Agent,Admin \
    Auth__BootstrapAdmin__UserName=$admin_user Auth__BootstrapAdmin__Password=$admin_password \
    Logging__LogLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Production \
    "$dashboard_app" --contentRoot "$root" --urls "http://127.0.0.1:$listen" >"$work/$log.log" 2>&1 &
  app_pid=$!
  for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$listen/healthz" >/dev/null && break; sleep 0.5; done
  curl -sf "http://127.0.0.1:$listen/healthz" >/dev/null || { echo "the dashboard did not start:" >&2; cat "$work/$log.log" >&2; exit 1; }
}
