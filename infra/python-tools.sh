#!/usr/bin/env bash
# Python tools from PyPI that Debian does not package, in a virtual environment under the
# state folder ($RJHUB_STATE_DIR/python-tools), pinned; only what is missing is installed.
# Safe to run twice. Today: openapi-spec-validator, which the OpenAPI document tests run on
# every docs/openapi/*.yaml.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

venv="$RJHUB_STATE_DIR/python-tools"
requirements=(openapi-spec-validator==0.9.0)

if [ -x "$venv/bin/python3" ] && "$venv/bin/python3" -c "import openapi_spec_validator" 2>/dev/null; then
  say "python tools present"; exit 0
fi
say "installing python tools: ${requirements[*]}"
/usr/bin/python3 -m venv "$venv" || die "python3 -m venv failed: install Debian's python3-venv"
"$venv/bin/pip" install -q --disable-pip-version-check "${requirements[@]}" \
  || die "pip could not install ${requirements[*]} from PyPI"
say "python tools installed in $venv"
