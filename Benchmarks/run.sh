#!/usr/bin/env bash
# Runs the platform benchmark in a release build against the servers infra/ starts, and
# prints its figures. Usage: bash Benchmarks/run.sh [messages] [rounds]  (defaults 30000, 3)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash infra/up.sh
started_here=1
trap '[ "$started_here" = 1 ] && [ "${RJHUB_KEEP_SERVERS:-0}" != 1 ] && bash infra/down.sh' EXIT
swift build -c release --product rjhub-platform-benchmark 2>&1 | grep -E 'error|warning: .*swift' || true
"$(swift build -c release --show-bin-path)/rjhub-platform-benchmark" "${1:-30000}" "${2:-3}"
