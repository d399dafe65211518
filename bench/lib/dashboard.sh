# Sourced by bench/latency.sh and bench/page.sh: starts a published Release build of the dashboard on 127.0.0.1:$port
# with its own SQLite file in $work, the simulator off, an API key ($api_key) and an admin ($admin_user/$admin_password)
# for the bench's clients, and waits until it answers. Sets $app_pid.
# Published, not just built: a Production run serves the pages' static web assets from published output.
# DASHBOARD_APP=path/to/published/Dashboard runs an already published build instead (to compare two builds in one sitting).
start_dashboard() {
  local app=${DASHBOARD_APP:-}
  if [ -z "$app" ]; then
    dotnet publish -c Release src/Dashboard -o "$work/app" -v q -nologo >/dev/null
    app="$work/app/Dashboard"
  fi
  local root
  root=$(dirname "$app")
  ConnectionStrings__Dashboard="Data Source=$work/bench.db" Plivo__AuthToken=$token Simulator__Enabled=false \
    PublicBaseUrl="http://127.0.0.1:$port" Api__Keys__0__Key=$api_key Api__Keys__0__Roles=Support,Manager,Agent,Admin \
    Auth__BootstrapAdmin__UserName=$admin_user Auth__BootstrapAdmin__Password=$admin_password \
    Logging__LogLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Production \
    "$app" --contentRoot "$root" --urls "http://127.0.0.1:$port" >"$work/app.log" 2>&1 &
  app_pid=$!
  for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.5; done
  curl -sf "http://127.0.0.1:$port/healthz" >/dev/null || { echo "the dashboard did not start:" >&2; cat "$work/app.log" >&2; exit 1; }
}
