#!/usr/bin/env bash
# Adds up the per-project "Passed! / Failed! / Skipped!" lines of `dotnet test` into one closing line:
# "N passed, N failed, N skipped". Skipped tests are those that need what this machine lacks (a
# PostgreSQL cluster outside `make test`, a Docker engine for the SQL Server 2022 suites), each with its reason.
log="${1:?usage: test-summary.sh LOG}"
grep -E '(Passed|Failed|Skipped)! +- +Failed: ' "$log" | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\1 \2 \3/' |
  awk '{f+=$1; p+=$2; s+=$3} END {printf "%d passed, %d failed, %d skipped\n", p, f, s}'
