#!/usr/bin/env bash
# Stops every server the hub's scripts started (services first, then OpenID provider, SMTP
# server, broker and database).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
here="$(dirname "${BASH_SOURCE[0]}")"
[ -x "$here/hub.sh" ] && bash "$here/hub.sh" stop-services || true
bash "$here/oidc.sh" stop || true
bash "$here/smtp.sh" stop || true
bash "$here/rabbitmq.sh" stop || true
bash "$here/postgres.sh" stop || true
