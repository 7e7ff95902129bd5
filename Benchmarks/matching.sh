#!/usr/bin/env bash
# Runs the facilitator-matching benchmark: builds the release rjhub-facilitator-matching and the
# benchmark, registers synthetic facilitators through the API and publishes requests for
# facilitators to rj.events, then prints requests and allocations per second (a flood) and
# request → pair allocated latency p50/p95/p99 (paced at 100/s). Needs the servers
# (bash infra/up.sh); starts and stops only facilitator-matching.
# Usage: bash Benchmarks/matching.sh [facilitators, default 10000] [requests, default 10000] [areas, default 20]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
swift build -c release --product rjhub-facilitator-matching >/dev/null 2>&1 \
  || { swift build -c release --product rjhub-facilitator-matching; exit 1; }
swift build -c release --product rjhub-matching-benchmark >/dev/null 2>&1 \
  || { swift build -c release --product rjhub-matching-benchmark; exit 1; }
set -a; source .local/test.env; set +a
bin="$(swift build -c release --show-bin-path)"
RJHUB_BIN_DIR="$bin" "$bin/rjhub-matching-benchmark" "${1:-10000}" "${2:-10000}" "${3:-20}"
