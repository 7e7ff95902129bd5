#!/usr/bin/env bash
# Loads the demo data into a running hub and prints where to look. Called by infra/hub.sh
# with the folder of the built executables. Every name and contact detail is invented.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bin="${1:?usage: infra/demo.sh <bin-dir>}"
cd "$RJHUB_ROOT"
set -a; source "$RJHUB_STATE_DIR/env/reporting.env"; set +a   # the signing key for dev tokens
admin_token="$("$bin/rjhub" token --subject demo-admin --role administrator \
  --area norfolk --area suffolk --area cambridgeshire)"
commissioner_token="$("$bin/rjhub" token --subject demo-commissioner --role commissioner \
  --area norfolk --area suffolk --area cambridgeshire --lifetime 12h)"
"$bin/rjhub" facilitators add --url http://127.0.0.1:8083 --token "$admin_token" \
  --file compose/demo/facilitators.json
(
  set -a; source "$RJHUB_STATE_DIR/env/police-publisher.env"; set +a
  "$bin/rjhub" referrals publish compose/demo/referrals.json --reply-queue police.demo.replies --wait 60
)
from="$(date -u +%Y-%m-01)"; to="$(date -u -d "$from +1 month" +%Y-%m-%d)"
cat <<TXT

RJ Hub is running.
  Figures (JSON):  curl -H "Authorization: Bearer \$TOKEN" 'http://127.0.0.1:8085/figures?area=norfolk&from=$from&to=$to'
  Figures (page):  curl -H "Authorization: Bearer \$TOKEN" 'http://127.0.0.1:8085/figures.html?area=norfolk&from=$from&to=$to' > figures.html
  with TOKEN=$commissioner_token
  Emails sent:     $RJHUB_STATE_DIR/mail/   (the local SMTP server's mailbox)
  Service logs:    $RJHUB_STATE_DIR/logs/
  Health:          http://127.0.0.1:8081/health/ready ... :8085 ; metrics at /metrics
  Dead letters:    (set -a; . .local/env/operator.env; rjhub dead-letters list --service intake)
  Stop:            bash infra/hub.sh down
TXT
