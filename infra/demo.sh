#!/usr/bin/env bash
# Loads the demo data into a running hub and prints where to look. Called by infra/hub.sh
# with the folder of the built executables. Every name and contact detail is invented.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bin="${1:?usage: infra/demo.sh <bin-dir>}"
cd "$RJHUB_ROOT"
(
  set -a; source "$RJHUB_STATE_DIR/env/facilitator-matching.env"; set +a
  # The demo register's supervision is recent whenever the demo runs.
  "$bin/rjhub" facilitators add compose/demo/facilitators.json --url http://127.0.0.1:8083 \
    --last-supervision-on "$(date -u -d '14 days ago' +%F)"
)
(
  set -a; source "$RJHUB_STATE_DIR/env/police-publisher.env"; set +a
  "$bin/rjhub" referrals publish compose/demo/referrals.json --reply-queue police.demo.replies --wait 60
)
token() {  # role: a one-hour development token for the demo areas
  (set -a; source "$RJHUB_STATE_DIR/env/reporting.env"; set +a
   "$bin/rjhub" token --subject "demo-$1" --role "$1" --area cambridgeshire --area norfolk --area suffolk --lifetime 8h)
}
COMMISSIONER="$(token commissioner)"
CASE_WORKER="$(token case-worker)"
cat <<TXT

RJ Hub is running with demo facilitators and referrals (all invented).
  Workplace:       http://127.0.0.1:8086 (the staff's pages) - sign in on the local OpenID
                   provider as caseworker.alpha / test-caseworker-alpha-pw (also supervisor.,
                   administrator., facilitator., commissioner.alpha: test-<role>-alpha-pw;
                   infra/oidc-users.json)
  Answers:         printed above (queue police.demo.replies); every event is on rj.events
  Figures:         curl -H "Authorization: Bearer \$COMMISSIONER" 'http://127.0.0.1:8085/figures.html?area=norfolk'
                   (JSON: /figures?area=norfolk; from=YYYY-MM-DD&to=YYYY-MM-DD for another period)
  A case:          curl -H "Authorization: Bearer \$CASE_WORKER" http://127.0.0.1:8082/cases/<caseId>
  Emails:          $RJHUB_STATE_DIR/smtp/mailbox/ (one file per message the local SMTP server received)
  Facilitators:    (set -a; . .local/env/facilitator-matching.env; rjhub facilitators add FILE)
  Service logs:    $RJHUB_STATE_DIR/logs/
  Health:          http://127.0.0.1:8081/health/ready ... :8085 ; metrics at /metrics
  Dead letters:    (set -a; . .local/env/operator.env; rjhub dead-letters list --service intake)
  Publish more:    (set -a; . .local/env/police-publisher.env; rjhub referrals publish FILE --reply-queue police.demo.replies)
  Stop:            bash infra/hub.sh down

Demo tokens (8 hours):
  COMMISSIONER=$COMMISSIONER
  CASE_WORKER=$CASE_WORKER
TXT
