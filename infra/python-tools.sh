#!/usr/bin/env bash
# Python tools from PyPI that Debian does not package, in a virtual environment under the
# state folder ($RJHUB_STATE_DIR/python-tools), pinned; only what is missing is installed.
# Safe to run twice. Today:
# - openapi-spec-validator, which the OpenAPI document tests run on every docs/openapi/*.yaml;
# - axe-selenium-python, only for the axe-core script it ships
#   (axe_selenium_python/node_modules/axe-core/axe.min.js, axe-core 3.1.1), which the browser
#   tests inject over the DevTools protocol (Tests/Browser/cdp.py). Installed without its
#   dependencies (selenium, pytest): the package's Python side is never used.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

venv="$RJHUB_STATE_DIR/python-tools"
requirements=(openapi-spec-validator==0.9.0)
no_deps_requirements=(axe-selenium-python==2.1.6)

present() {
  [ -x "$venv/bin/python3" ] && "$venv/bin/python3" - 2>/dev/null <<'PY'
import importlib.metadata, importlib.util, os, sys
import openapi_spec_validator
wanted = {"openapi-spec-validator": "0.9.0", "axe-selenium-python": "2.1.6"}
for name, version in wanted.items():
    if importlib.metadata.version(name) != version:
        sys.exit(1)
spec = importlib.util.find_spec("axe_selenium_python")
folder = spec.submodule_search_locations[0]
sys.exit(0 if os.path.isfile(os.path.join(folder, "node_modules", "axe-core", "axe.min.js")) else 1)
PY
}

if present; then
  say "python tools present"; exit 0
fi
say "installing python tools: ${requirements[*]} ${no_deps_requirements[*]}"
[ -x "$venv/bin/python3" ] || /usr/bin/python3 -m venv "$venv" \
  || die "python3 -m venv failed: install Debian's python3-venv"
"$venv/bin/pip" install -q --disable-pip-version-check "${requirements[@]}" \
  || die "pip could not install ${requirements[*]} from PyPI"
"$venv/bin/pip" install -q --disable-pip-version-check --no-deps "${no_deps_requirements[@]}" \
  || die "pip could not install ${no_deps_requirements[*]} from PyPI"
present || die "the python tools in $venv are still incomplete after installing"
say "python tools installed in $venv"
