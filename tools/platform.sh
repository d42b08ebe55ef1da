#!/usr/bin/env bash
# The processes of a local platform (the development identity provider, the development bus, the four
# services): what they are, how to build, start and stop them. Sourced by tools/run.sh (make run) and
# tools/migrate.sh (make migrate).

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${CTG_DATA_DIR:-$root/.data}"
piddir="$data/run"
logdir="$data/logs"
config="${CTG_CONFIGURATION:-Debug}"

bus_port="${CTG_BUS_PORT:-3500}"
bus_grpc_port="${CTG_BUS_GRPC_PORT:-50001}"
# Development tokens of both directions (the bus checks the one, sends the other), new for each run.
dapr_token="dev-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
app_token="dev-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
identity_port="${CTG_IDENTITY_PORT:-5400}"
identity_url="http://127.0.0.1:$identity_port/"
web_port=5300  # the ctg-web client of the identity provider redirects to http://127.0.0.1:5300/signin-oidc
# name grpc_port http_port project (make migrate reads this list too)
services=(
  "signatories 5101 5201 services/Signatories/Ctg.Signatories.Api"
  "structures 5102 5202 services/Structures/Ctg.Structures.Api"
  "funding 5103 5203 services/Funding/Ctg.Funding.Api"
  "reporting 5104 5204 services/Reporting/Ctg.Reporting.Api"
)

# Projects built for make run besides the processes, "name project": the ctg CLI that loads and shows the demo data.
tool_projects=("ctg tools/Ctg.Cli")

service_arguments() {
  echo --Service:GrpcPort="$1" --Service:HttpPort="$2" \
    --Database:Provider=sqlite --Database:DataDirectory="$data" \
    --Dapr:HttpEndpoint="http://127.0.0.1:$bus_port" --Dapr:GrpcEndpoint="http://127.0.0.1:$bus_grpc_port" \
    --DAPR_API_TOKEN="$dapr_token" --APP_API_TOKEN="$app_token" \
    --environment Development --Authentication:Authority="$identity_url" --Authentication:RequireHttpsMetadata=false \
    --Services:Signatories=http://127.0.0.1:5101 --Services:Structures=http://127.0.0.1:5102 \
    --Services:Funding=http://127.0.0.1:5103 --Services:Reporting=http://127.0.0.1:5104
}

bus_apps() { local entry; for entry in "${services[@]}"; do set -- $entry; echo --app "$1=http://127.0.0.1:$3"; done; }

# Every process of the platform, one line each: `process NAME PROJECT READY_URL PORTS ARGUMENTS...`
# (PORTS comma-separated, checked free before starting). Each tool calls this with its own `process`:
# build collects the projects, start launches them all at once, ports checks the ports.
platform_processes() {
  # The development OIDC provider (demo users: development only). Services read its discovery document at
  # their first call, so it starts with the others; its signing key is kept under .data so tokens survive a restart.
  process identity tools/Ctg.DevIdentity "${identity_url}healthz" "$identity_port" \
    --environment Development --DevIdentity:Issuer="$identity_url" --DevIdentity:DataDirectory="$data/identity" \
    --DevIdentity:SigningKeyFile="$data/identity/signing-key.pem"
  # A short discovery interval: a service that comes up after the bus has its subscriptions within a second.
  process devbus tools/Ctg.DevBus "http://127.0.0.1:$bus_port/v1.0/healthz" "$bus_port,$bus_grpc_port" \
    --port "$bus_port" --grpc-port "$bus_grpc_port" --dapr-api-token "$dapr_token" --app-api-token "$app_token" \
    --data "$data/devbus.db" --discovery-interval-ms 1000 $(bus_apps)
  local entry
  for entry in "${services[@]}"; do
    set -- $entry
    process "$1" "$4" "http://127.0.0.1:$3/healthz" "$2,$3" $(service_arguments "$2" "$3")
  done
  # The web application: signs people in at the identity provider (5400) and calls the services with their token.
  # Its content root is its project folder, as under `dotnet run`: that is where appsettings.Development.json (the
  # development client secret, plain-HTTP metadata on loopback) and wwwroot are, whatever the current directory.
  process web services/Web/Ctg.Web "http://127.0.0.1:$web_port/healthz" "$web_port" \
    --contentRoot "$root/services/Web/Ctg.Web" \
    --environment Development --Web:Port="$web_port" --Authentication:Authority="$identity_url" \
    --Services:Signatories=http://127.0.0.1:5101 --Services:Structures=http://127.0.0.1:5102 \
    --Services:Funding=http://127.0.0.1:5103 --Services:Reporting=http://127.0.0.1:5104
}

dll_of() { local project="$1"; echo "$root/$project/bin/$config/net10.0/$(basename "$project").dll"; }

port_in_use() { (echo >"/dev/tcp/127.0.0.1/$1") >/dev/null 2>&1; }

# Is NAME one of the processes asked for? No names asked means every process.
wanted() { local name="$1"; shift; [ $# -eq 0 ] && return 0; [[ " $* " == *" $name "* ]]; }

# Builds the projects of the named processes and tools (all of them when none is named), not the test
# projects: one solution filter, one build. Analyzers are off here only: make run needs the programs, and make
# test (CI) builds the same code with every analyzer and warnings as errors; analysis is a fifth of the build time.
build_platform() {
  local names=("$@") projects=() project
  process() { wanted "$1" "${names[@]}" && projects+=("$2"); return 0; }
  platform_processes
  local tool
  for tool in "${tool_projects[@]}"; do process $tool; done
  build_projects "platform${names:+-${names[0]}}" "${projects[@]}"
}

# Builds the given projects through a solution filter named NAME.slnf under the run folder.
build_projects() {
  local name="$1" project; shift
  mkdir -p "$piddir"
  local filter="$piddir/$name.slnf"
  {
    printf '{ "solution": { "path": "%s", "projects": [' "$root/CtgPlatform.sln"
    local first=1
    for project in $(printf '%s\n' "$@" | sort -u); do
      [ $first = 1 ] || printf ','
      first=0
      printf '\n  "%s"' "$project/$(basename "$project").csproj"
    done
    printf '\n] } }\n'
  } >"$filter"
  dotnet build "$filter" -c "$config" -nologo -v:q -m:1 -nodeReuse:false -clp:NoSummary -p:RunAnalyzers=false
}

# Is this recorded pid still one of ours? A pid left by an unclean stop may have been reused since.
is_ours() { [ -r "/proc/$1/cmdline" ] && tr '\0' ' ' <"/proc/$1/cmdline" | grep -qF "$root/"; }

# Stops every process a run recorded, clean or not, all at once: TERM to all, KILL to what is left after 8 s.
stop_platform() {
  [ -d "$piddir" ] || return 0
  local pidfile pid pids=()
  for pidfile in "$piddir"/*.pid; do
    [ -e "$pidfile" ] || continue
    pid="$(cat "$pidfile")"
    if is_ours "$pid"; then
      kill -TERM "$pid" 2>/dev/null && pids+=("$pid")
    fi
    rm -f "$pidfile"
  done
  [ ${#pids[@]} -gt 0 ] || return 0
  local alive
  for _ in $(seq 1 80); do
    alive=()
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive+=("$pid"); done
    [ ${#alive[@]} -gt 0 ] || return 0
    sleep 0.1
  done
  kill -KILL "${alive[@]}" 2>/dev/null || true
}

# pid of each started process, in start order (run.sh waits on them).
platform_pids=()
declare -A ready_urls=()

start_process() {
  local name="$1" project="$2" ready="$3" ports="$4"; shift 4
  nohup dotnet "$(dll_of "$project")" "$@" >"$logdir/$name.log" 2>&1 &
  echo $! >"$piddir/$name.pid"
  platform_pids+=($!)
  ready_urls[$name]="$ready"
}

# Waits until every started process answers its readiness URL, polling them together; fails at once
# when one of them stops.
wait_ready() {
  local pending=("${!ready_urls[@]}") name still
  for _ in $(seq 1 600); do
    still=()
    for name in "${pending[@]}"; do
      if curl -fsS -o /dev/null --max-time 2 "${ready_urls[$name]}" 2>/dev/null; then continue; fi
      if ! kill -0 "$(cat "$piddir/$name.pid")" 2>/dev/null; then
        echo "Le processus $name s'est arrêté au démarrage ; journal : $logdir/$name.log" >&2
        tail -n 20 "$logdir/$name.log" >&2
        return 1
      fi
      still+=("$name")
    done
    [ ${#still[@]} -gt 0 ] || return 0
    pending=("${still[@]}")
    sleep 0.2
  done
  echo "Ne répondent pas : ${pending[*]} ; journaux : $logdir" >&2
  return 1
}

# Starts the named processes (every process when none is named) and waits until they are ready. The first
# start of a run stops whatever an earlier run left; a later start (START_MORE=1) adds to what runs.
start_platform() {
  local names=("$@")
  mkdir -p "$piddir" "$logdir"
  [ "${START_MORE:-0}" = 1 ] || stop_platform
  local busy=()
  process() { wanted "$1" "${names[@]}" || return 0; local port; for port in ${4//,/ }; do port_in_use "$port" && busy+=("$port"); done; return 0; }
  platform_processes
  if [ ${#busy[@]} -gt 0 ]; then
    echo "Port(s) ${busy[*]} déjà utilisé(s) par un autre programme : arrêtez-le ou changez CTG_BUS_PORT." >&2
    return 1
  fi
  # Everything starts at once: services retry the bus, and the bus rediscovers services every second.
  ready_urls=()
  process() { wanted "$1" "${names[@]}" && start_process "$@"; return 0; }
  platform_processes
  wait_ready
}
