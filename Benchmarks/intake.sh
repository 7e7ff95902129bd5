#!/usr/bin/env bash
# Runs the intake benchmark: starts the whole hub in a release build (infra/hub.sh up),
# publishes a mix of new, invalid, linked and repeated referrals as a police system would and
# prints intake's answers per second with p50/p99 publish → answer latency; then stops the hub.
# Usage: bash Benchmarks/intake.sh [submissions, default 2000] [area, default norfolk]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export RJHUB_BUILD_CONFIGURATION=release
trap '[ "${RJHUB_KEEP_SERVERS:-0}" != 1 ] && bash infra/hub.sh down' EXIT
RJHUB_SKIP_DEMO=1 bash infra/hub.sh up
swift build -c release --product rjhub-intake-benchmark >/dev/null 2>&1 \
  || { swift build -c release --product rjhub-intake-benchmark; exit 1; }
set -a; source .local/test.env; set +a
"$(swift build -c release --show-bin-path)/rjhub-intake-benchmark" "${1:-2000}" "${2:-norfolk}"
