#!/usr/bin/env bash
# Installs what is missing, starts PostgreSQL, RabbitMQ, the local SMTP server and the local
# OpenID provider (infra/oidc.sh, whose JWKS the services trust) on loopback and provisions them.
# Safe to run twice. Stop everything with infra/down.sh.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
here="$(dirname "${BASH_SOURCE[0]}")"
bash "$here/install.sh"
bash "$here/python-tools.sh"
bash "$here/postgres.sh" start
bash "$here/rabbitmq.sh" start
bash "$here/smtp.sh" start
bash "$here/oidc.sh" start
bash "$here/provision.sh"
