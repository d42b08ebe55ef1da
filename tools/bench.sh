#!/usr/bin/env bash
# `make bench`: runs the benchmark sections one after another (all of them, or those named:
# `tools/bench.sh transport`). Each section prints its own table and the ratios measured in the same run.
# To add a section: write a bench_<name> function below and add <name> to SECTIONS.
set -euo pipefail
cd "$(dirname "$0")/.."

SECTIONS=(transport funding funding-service)
BENCH_PROJECT=tests/Ctg.Benchmarks/Ctg.Benchmarks.csproj
BENCH_DLL=tests/Ctg.Benchmarks/bin/Release/net10.0/Ctg.Benchmarks.dll

build_benchmarks() {
  # Release: a benchmark of a Debug build measures the debugger-friendly code, not ours.
  local project
  for project in "$BENCH_PROJECT" tools/Ctg.DataGen/Ctg.DataGen.csproj tools/Ctg.FundingBench/Ctg.FundingBench.csproj; do
    dotnet build "$project" -c Release -nologo -clp:NoSummary -m:1 -v:q
  done
}

bench_transport() {
  # The grpc-js peer lives in tests/interop.
  [ -d tests/interop/node_modules/@grpc/grpc-js ] || make --no-print-directory npm
  dotnet "$BENCH_DLL" transport
}

bench_funding() {
  # The rules engine on the national synthetic data set, in-process on one core.
  dotnet tools/Ctg.DataGen/bin/Release/net10.0/Ctg.DataGen.dll bench
}

bench_funding-service() {
  # The same national allocation end to end through the funding service, persisted as runs,
  # against the in-process engine measured in the same run.
  dotnet tools/Ctg.FundingBench/bin/Release/net10.0/Ctg.FundingBench.dll
}

main() {
  local sections=("$@")
  [ ${#sections[@]} -eq 0 ] && sections=("${SECTIONS[@]}")
  for section in "${sections[@]}"; do
    if ! declare -F "bench_$section" >/dev/null; then
      echo "section inconnue : $section (sections : ${SECTIONS[*]})" >&2
      exit 2
    fi
  done
  build_benchmarks
  for section in "${sections[@]}"; do
    echo "=== $section ==="
    "bench_$section"
    echo
  done
}

main "$@"
