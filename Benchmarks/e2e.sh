#!/usr/bin/env bash
# Runs the end-to-end benchmark: starts the whole hub in a release build (infra/hub.sh up),
# publishes referrals as a police system would and prints referrals per second sustained
# from publish to acknowledgement sent, with p50/p99 latencies; then stops the hub.
# Usage: bash Benchmarks/e2e.sh [referrals, default 2000] [area, default norfolk]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export RJHUB_BUILD_CONFIGURATION=release
trap '[ "${RJHUB_KEEP_SERVERS:-0}" != 1 ] && bash infra/hub.sh down' EXIT
RJHUB_SKIP_DEMO=1 bash infra/hub.sh up
swift build -c release --product rjhub-e2e-benchmark 2>&1 | grep -E 'error|warning: .*swift' || true
set -a; source .local/test.env; set +a
"$(swift build -c release --show-bin-path)/rjhub-e2e-benchmark" "${1:-2000}" "${2:-norfolk}"
