#!/usr/bin/env bash
# The deployment validators' tools, installed only where missing. Safe to run twice.
# - docker-compose, from Debian (1.29; `docker-compose config` reads and checks a compose file
#   against the Compose schema without a Docker engine);
# - kubernetes-validate and jsonschema from PyPI, pinned, in a virtual environment of their own
#   under the state folder ($RJHUB_STATE_DIR/deploy-tools), apart from infra/python-tools.sh's
#   so that neither install disturbs the other.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

venv="$RJHUB_STATE_DIR/deploy-tools"
requirements=(kubernetes-validate==1.37.0 jsonschema==4.26.0 PyYAML==6.0.3)

apt_present() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
missing=()
for p in docker-compose python3-venv; do apt_present "$p" || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing from Debian: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Another installer may hold apt's lock for a while: wait for it rather than fail.
  for attempt in 1 2 3 4 5 6; do
    if apt-get -o DPkg::Lock::Timeout=120 update -qq \
      && apt-get -o DPkg::Lock::Timeout=120 install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null; then
      break
    fi
    [ "$attempt" -lt 6 ] || die "apt-get could not install ${missing[*]}"
    say "apt-get failed (attempt $attempt; a lock?), retrying in 20 s"; sleep 20
  done
fi
command -v docker-compose >/dev/null || die "docker-compose is still missing after installing"

present() {
  [ -x "$venv/bin/python3" ] && "$venv/bin/python3" - 2>/dev/null <<'PY'
import importlib.metadata, sys
wanted = {"kubernetes-validate": "1.37.0", "jsonschema": "4.26.0", "PyYAML": "6.0.3"}
sys.exit(0 if all(importlib.metadata.version(n) == v for n, v in wanted.items()) else 1)
PY
}
if ! present; then
  say "installing deployment validators: ${requirements[*]}"
  [ -x "$venv/bin/python3" ] || /usr/bin/python3 -m venv "$venv" \
    || die "python3 -m venv failed: install Debian's python3-venv"
  "$venv/bin/pip" install -q --disable-pip-version-check "${requirements[@]}" \
    || die "pip could not install ${requirements[*]} from PyPI"
  present || die "the deployment validators in $venv are incomplete after installing"
  say "deployment validators installed in $venv"
fi
