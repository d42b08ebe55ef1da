#!/usr/bin/env bash
# Runs the development bus (a Dapr-compatible sidecar stand-in) with the given arguments, building it
# first if needed. Example:
#   tools/devbus.sh --port 3500 --data .data/devbus.db --app structures=http://127.0.0.1:5202 --app reporting=http://127.0.0.1:5402
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
project="$root/tools/Ctg.DevBus/Ctg.DevBus.csproj"
dll="$root/tools/Ctg.DevBus/bin/Debug/net10.0/Ctg.DevBus.dll"
if [ ! -f "$dll" ] || [ -n "$(find "$root/tools/Ctg.DevBus" -name '*.cs' -newer "$dll" -print -quit)" ]; then
  dotnet build "$project" -nologo -v:q -m:1 >&2
fi
exec dotnet "$dll" "$@"
