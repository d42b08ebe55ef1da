#!/usr/bin/env bash
# `make migrate`: applies every service's pending migrations, then exits — the explicit step a
# PostgreSQL or SQL Server deployment runs before starting the services (they never migrate a server silently).
#   CTG_SIGNATORIES_DB, CTG_STRUCTURES_DB, CTG_FUNDING_DB, CTG_REPORTING_DB: connection strings of the
#   server databases; a service without one is migrated on its SQLite file under .data/ (CTG_DATA_DIR).
#   CTG_DB_PROVIDER: postgres (default) or sqlserver, the provider of those connection strings.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/platform.sh"

for entry in "${services[@]}"; do
  set -- $entry; name="$1"; project="$4"
  variable="CTG_$(echo "$name" | tr '[:lower:]' '[:upper:]')_DB"
  if [ -n "${!variable:-}" ]; then
    provider="${CTG_DB_PROVIDER:-postgres}"
    echo "migrate: $name on $provider ($variable)"
    dotnet "$(dll_of "$project")" migrate --Database:Provider="$provider" --Database:ConnectionString="${!variable}"
  else
    echo "migrate: $name on SQLite under $data"
    dotnet "$(dll_of "$project")" migrate --Database:Provider=sqlite --Database:DataDirectory="$data"
  fi
done
