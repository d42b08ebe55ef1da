#!/usr/bin/env bash
# The processes of a local platform: the development identity provider, the development bus and the
# four services, their ports and how to start and stop them. Sourced by tools/run.sh (make run) and by the end-to-end scripts.

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${CTG_DATA_DIR:-$root/.data}"
piddir="$data/run"
logdir="$data/logs"
config="${CTG_CONFIGURATION:-Debug}"

bus_port="${CTG_BUS_PORT:-3500}"
identity_port="${CTG_IDENTITY_PORT:-5400}"
identity_url="http://127.0.0.1:$identity_port/"
# name grpc_port http_port project
services=(
  "signatories 5101 5201 services/Signatories/Ctg.Signatories.Api"
  "structures 5102 5202 services/Structures/Ctg.Structures.Api"
  "funding 5103 5203 services/Funding/Ctg.Funding.Api"
  "reporting 5104 5204 services/Reporting/Ctg.Reporting.Api"
)

dll_of() { local project="$1"; echo "$root/$project/bin/$config/net10.0/$(basename "$project").dll"; }

port_in_use() { (echo >"/dev/tcp/127.0.0.1/$1") >/dev/null 2>&1; }

# Stops every process a previous run recorded, clean or not: TERM, then KILL after 10 s.
stop_platform() {
  [ -d "$piddir" ] || return 0
  local pidfile pid
  for pidfile in "$piddir"/*.pid; do
    [ -e "$pidfile" ] || continue
    pid="$(cat "$pidfile")"
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$pidfile"
  done
}

start_process() {
  local name="$1"; shift
  nohup "$@" >"$logdir/$name.log" 2>&1 &
  echo $! >"$piddir/$name.pid"
}

wait_http() {
  local name="$1" url="$2"
  for _ in $(seq 1 300); do
    if curl -fsS -o /dev/null "$url" 2>/dev/null; then return 0; fi
    if ! kill -0 "$(cat "$piddir/$name.pid")" 2>/dev/null; then
      echo "Le processus $name s'est arrêté au démarrage ; journal : $logdir/$name.log" >&2
      tail -n 20 "$logdir/$name.log" >&2
      return 1
    fi
    sleep 0.2
  done
  echo "Le processus $name ne répond pas sur $url ; journal : $logdir/$name.log" >&2
  return 1
}

start_platform() {
  mkdir -p "$piddir" "$logdir"
  stop_platform
  local entry name grpc http project port apps=()
  for port in "$identity_port" "$bus_port" $(for entry in "${services[@]}"; do set -- $entry; echo "$2 $3"; done); do
    if port_in_use "$port"; then
      echo "Le port $port est déjà utilisé par un autre programme : arrêtez-le ou changez CTG_BUS_PORT." >&2
      return 1
    fi
  done
  for entry in "${services[@]}"; do
    set -- $entry; apps+=(--app "$1=http://127.0.0.1:$3")
  done
  # The development OIDC provider first: the services read its discovery document and keys. Its demo users
  # exist only in development; the signing key is kept under .data so tokens survive a restart.
  start_process identity dotnet "$(dll_of tools/Ctg.DevIdentity)" --environment Development \
    --DevIdentity:Issuer="$identity_url" --DevIdentity:DataDirectory="$data/identity" \
    --DevIdentity:SigningKeyFile="$data/identity/signing-key.pem"
  wait_http identity "${identity_url}healthz" || return 1
  start_process devbus dotnet "$(dll_of tools/Ctg.DevBus)" --port "$bus_port" --data "$data/devbus.db" "${apps[@]}"
  # Without set -e a failed wait would go unnoticed: stop at the first process that does not come up.
  wait_http devbus "http://127.0.0.1:$bus_port/v1.0/healthz" || return 1
  for entry in "${services[@]}"; do
    set -- $entry; name="$1"; grpc="$2"; http="$3"; project="$4"
    start_process "$name" dotnet "$(dll_of "$project")" \
      --Service:GrpcPort="$grpc" --Service:HttpPort="$http" \
      --Database:Provider=sqlite --Database:DataDirectory="$data" \
      --Dapr:HttpEndpoint="http://127.0.0.1:$bus_port" \
      --environment Development --Authentication:Authority="$identity_url" --Authentication:RequireHttpsMetadata=false \
      --Services:Signatories=http://127.0.0.1:5101 --Services:Structures=http://127.0.0.1:5102 \
      --Services:Funding=http://127.0.0.1:5103 --Services:Reporting=http://127.0.0.1:5104
  done
  for entry in "${services[@]}"; do
    set -- $entry; wait_http "$1" "http://127.0.0.1:$3/healthz" || return 1
  done
}
