#!/usr/bin/env bash
# Installs what is missing, starts PostgreSQL, RabbitMQ and the local SMTP server on loopback
# and provisions them.
# Safe to run twice. Stop everything with infra/down.sh.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
here="$(dirname "${BASH_SOURCE[0]}")"
bash "$here/install.sh"
bash "$here/python-tools.sh"
bash "$here/postgres.sh" start
bash "$here/rabbitmq.sh" start
bash "$here/smtp.sh" start
bash "$here/provision.sh"
