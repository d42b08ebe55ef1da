#!/usr/bin/env bash
# `make bench`: runs the benchmark sections one after another (all of them, or those named:
# `tools/bench.sh transport`). Each section prints its own table and the ratios measured in the same run.
# To add a section: write a bench_<name> function below and add <name> to SECTIONS.
set -euo pipefail
cd "$(dirname "$0")/.."

SECTIONS=(transport funding funding-service web)
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
  # The national allocation through the real platform (identity provider, bus, signatories, structures and
  # funding as processes): the data set loaded through the services' APIs (cached under .data/bench-cache after
  # the first load), every CTG allocated by funding and persisted as a run, against the in-process engine
  # measured in the same run. Extra arguments: CTG_BENCH_ARGS="--reload --concurrency 8".
  dotnet tools/Ctg.FundingBench/bin/Release/net10.0/Ctg.FundingBench.dll ${CTG_BENCH_ARGS:-}
}

bench_web() {
  # The web application's main pages with the national data loaded, the demo users signed in through the
  # real OIDC flow: p50/p95 per page against the same data read directly over gRPC in the same run.
  dotnet tools/Ctg.FundingBench/bin/Release/net10.0/Ctg.FundingBench.dll web ${CTG_BENCH_ARGS:-}
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
