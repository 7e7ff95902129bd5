#!/usr/bin/env bash
# Runs the end-to-end benchmark: starts the whole hub in a release build (infra/hub.sh up),
# publishes referrals as a police system would and prints referrals per second sustained
# from publish to acknowledgement sent, with p50/p99 latencies; then stops the hub.
# Two runs: all referrals at once (the hub's capacity; latencies are a backlog's), then a
# quarter as many paced at RJHUB_E2E_PACED_RATE per second (default 40; latencies of a hub
# that keeps up).
# Usage: bash Benchmarks/e2e.sh [referrals, default 2000] [area, default norfolk]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export RJHUB_BUILD_CONFIGURATION=release
trap '[ "${RJHUB_KEEP_SERVERS:-0}" != 1 ] && bash infra/hub.sh down' EXIT
RJHUB_SKIP_DEMO=1 bash infra/hub.sh up
swift build -c release --product rjhub-e2e-benchmark >/dev/null 2>&1 \
  || { swift build -c release --product rjhub-e2e-benchmark; exit 1; }
set -a; source .local/test.env; set +a
benchmark="$(swift build -c release --show-bin-path)/rjhub-e2e-benchmark"
"$benchmark" "${1:-2000}" "${2:-norfolk}"
echo
"$benchmark" "$(( ${1:-2000} / 4 ))" "${2:-norfolk}" "${RJHUB_E2E_PACED_RATE:-40}"
