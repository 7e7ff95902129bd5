#!/usr/bin/env bash
# Runs the case-work benchmark: starts the whole hub in a release build (infra/hub.sh up),
# publishes referrals as a police system would, runs each case through victim-contact's API
# from first contact to closure (18 requests, some cases at a time) and prints cases and
# requests per second with p50/p99 latency per kind of request; then stops the hub.
# Usage: bash Benchmarks/case-work.sh [cases, default 200 (at most)] [concurrency, default 8] [area, default norfolk]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export RJHUB_BUILD_CONFIGURATION=release
trap '[ "${RJHUB_KEEP_SERVERS:-0}" != 1 ] && bash infra/hub.sh down' EXIT
RJHUB_SKIP_DEMO=1 bash infra/hub.sh up
swift build -c release --product rjhub-case-work-benchmark >/dev/null 2>&1 \
  || { swift build -c release --product rjhub-case-work-benchmark; exit 1; }
set -a; source .local/test.env; set +a
"$(swift build -c release --show-bin-path)/rjhub-case-work-benchmark" "${1:-200}" "${2:-8}" "${3:-norfolk}"
