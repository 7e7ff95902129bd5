#!/usr/bin/env bash
# The hub's whole test suite on a fresh machine: installs and starts the servers, builds,
# runs every test against the real servers, and stops the servers again whatever happens.
# Exits non-zero if any test fails. Extra arguments go to `swift test` (e.g. --filter X).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$RJHUB_ROOT"

bash "$here/up.sh"
trap 'bash "$here/down.sh"' EXIT

say "building"
swift build --build-tests 2>&1 | grep -vE '^\[[0-9]+/[0-9]+\]' | grep -v 'CMakeLists.txt' || true
# Re-run to get the real exit status (the filter above hides progress lines only).
swift build --build-tests >/dev/null 2>&1 || { swift build --build-tests; exit 1; }
export RJHUB_BIN_DIR="$(swift build --show-bin-path)"
set -a; source "$RJHUB_STATE_DIR/test.env"; set +a
"$RJHUB_BIN_DIR/rjhub" topology apply --amqp-url "$RJHUB_TEST_AMQP_URL"

say "testing"
swift test --skip-build --no-parallel "$@"
