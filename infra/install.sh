#!/usr/bin/env bash
# Installs what RJ Hub needs from Debian's packages, only what is missing. Safe to run twice.
# Servers are installed but never started by apt: infra/postgres.sh and infra/rabbitmq.sh run
# them under the project's own folders.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

packages=(
  rabbitmq-server librabbitmq-dev amqp-tools   # broker, its C client, CLI tools
  postgresql libpq-dev                         # database and its C client
  python3 python3-jsonschema python3-yaml      # JSON Schema validation in tests
  python3-venv                                 # PyPI tools (infra/python-tools.sh)
  python3-aiosmtpd                             # local SMTP server
  libcurl4-openssl-dev                         # SMTP client
  libcairo2-dev libpango1.0-dev                # letters: PDF rendering (Cairo, Pango)
  fonts-dejavu-core fonts-liberation           # letters: fonts, so rendering is repeatable
  poppler-utils                                # letters: pdfinfo, pdftotext, pdftoppm in tests
  chromium python3-websocket                  # self-referral form browser test (CDP)
  pkg-config ca-certificates procps psmisc
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then say "all packages present"; exit 0; fi

say "installing: ${missing[*]}"
created_policy=0
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod 755 /usr/sbin/policy-rc.d
  created_policy=1
fi
trap '[ $created_policy = 1 ] && rm -f /usr/sbin/policy-rc.d' EXIT
export DEBIAN_FRONTEND=noninteractive
# Another installer may hold apt's lock on a shared machine: wait for it (up to ten minutes)
# rather than fail.
apt_wait=(-o DPkg::Lock::Timeout=600)
apt-get "${apt_wait[@]}" update -qq
apt-get "${apt_wait[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# A package's own init script may have started a system-wide server despite us: stop it, the
# hub runs its own.
pkill -f '^/usr/lib/postgresql/.*/bin/postgres -D /var/lib/postgresql' 2>/dev/null || true
say "installed"
