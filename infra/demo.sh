#!/usr/bin/env bash
# Loads the demo data into a running hub and prints where to look. Called by infra/hub.sh
# with the folder of the built executables. Every name and contact detail is invented.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bin="${1:?usage: infra/demo.sh <bin-dir>}"
cd "$RJHUB_ROOT"
(
  set -a; source "$RJHUB_STATE_DIR/env/police-publisher.env"; set +a
  "$bin/rjhub" referrals publish compose/demo/referrals.json --reply-queue police.demo.replies --wait 60
)
cat <<TXT

RJ Hub is running (intake answers referrals; victim-contact, facilitator-matching,
notifications and reporting run as services with health and metrics, their domain
handlers arrive with issue #3).
  Answers:         printed above (police.demo.replies); events on rj.events
  Service logs:    $RJHUB_STATE_DIR/logs/
  Health:          http://127.0.0.1:8081/health/ready ... :8085 ; metrics at /metrics
  Dead letters:    (set -a; . .local/env/operator.env; rjhub dead-letters list --service intake)
  Publish more:    (set -a; . .local/env/police-publisher.env; rjhub referrals publish FILE --reply-queue police.demo.replies)
  Stop:            bash infra/hub.sh down
TXT
