#!/usr/bin/env bash
# Runs the workplace benchmark: how long the case page takes for a case whose journey has 200
# timeline entries (the target is p95 under 100 ms). Starts the whole hub in a release build
# (infra/hub.sh up: the five services, the workplace and the local OpenID provider), then
#  1. renders a synthetic case view through the workplace's CasePage and PageRenderer in
#     process (the page's own cost: decoding victim-contact's answer, building the context,
#     the mustache templates), and
#  2. publishes one police referral, takes its case to 200 timeline entries through
#     victim-contact's API, signs in to the workplace as caseworker.alpha through the provider's
#     form and fetches the case page one request at a time, next to victim-contact's
#     GET /cases/{caseId} alone;
# prints p50/p95/p99/max for each; then stops the hub (unless RJHUB_KEEP_SERVERS=1).
# The in-process part calls the workplace's internal page code, so the benchmark is built for
# testing (-enable-testing) in a scratch path of its own (.build-workplace-benchmark), leaving
# the hub's release build as it is; the hub's services are the plain release build.
# Usage: bash Benchmarks/workplace.sh [renders, default 1000] [page requests, default 200] [area, default norfolk]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export RJHUB_BUILD_CONFIGURATION=release
trap '[ "${RJHUB_KEEP_SERVERS:-0}" != 1 ] && bash infra/hub.sh down' EXIT
RJHUB_SKIP_DEMO=1 bash infra/hub.sh up
build=(swift build -c release --scratch-path "$root/.build-workplace-benchmark"
  --product rjhub-workplace-benchmark
  -Xswiftc -enable-testing -Xswiftc -DWORKPLACE_BENCHMARK_IN_PROCESS)
"${build[@]}" >/dev/null 2>&1 || { "${build[@]}"; exit 1; }
set -a; source .local/test.env; set +a
"$("${build[@]}" --show-bin-path)/rjhub-workplace-benchmark" "${1:-1000}" "${2:-200}" "${3:-norfolk}"
