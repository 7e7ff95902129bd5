#!/usr/bin/env bash
# Validates the deployment files (CI runs it from .ci/run); fails loudly on any error.
#   1. docker-compose config -q (Debian's docker-compose: the Compose schema, no engine needed)
#      on docker-compose.yml alone and with docker-compose.workplace.yml;
#   2. kubernetes-validate --strict (PyPI) on every manifest of compose/kubernetes/ except
#      KEDA's kinds and the kustomization, for which it has no schema;
#   3. KEDA's ScaledObject / TriggerAuthentication against our JSON Schemas of them
#      (compose/kubernetes/schemas/), each consumed queue scaled on (infra/deploy_checks.py);
#   4. our hadolint-style Dockerfile rules (hadolint is not packaged here) on compose/docker/;
#   5. RabbitMQ's definitions and the manifests are what the sources and services.tsv make
#      (infra/deploy_topology.py, infra/deploy_manifests.py --check), the broker's password
#      hashing gives RabbitMQ's documented test vector, and compose and Kubernetes name only
#      variables the services read, secrets only as files;
#   6. a self-test: broken copies of a Dockerfile, a compose file, a Deployment, a
#      ScaledObject and the definitions must each be refused, or the validators prove nothing.
# The tools are installed, pinned, by infra/deploy-tools.sh (only what is missing).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$RJHUB_ROOT"
bash "$here/deploy-tools.sh" >&2
py="$RJHUB_STATE_DIR/deploy-tools/bin/python3"
kv="$RJHUB_STATE_DIR/deploy-tools/bin/kubernetes-validate"
failures=0
step() { say "validate: $1"; }
fail() { printf '[infra] FAILED: %s\n' "$*" >&2; failures=$((failures + 1)); }

# Each validator, run over a tree (the repository, or a broken copy of it in the self-test).
compose_config() {  # root
  docker-compose -f "$1/compose/docker-compose.yml" config -q \
    && RJHUB_OIDC_ISSUER=https://login.example.invalid docker-compose \
      -f "$1/compose/docker-compose.yml" -f "$1/compose/docker-compose.workplace.yml" config -q
}
kubernetes_manifests() {  # root: every manifest kubernetes-validate has a schema for
  local out
  out="$("$kv" --strict --no-warn --quiet $(ls "$1"/compose/kubernetes/*.yaml | grep -v '/kustomization.yaml$') 2>&1)" \
    || { printf '%s\n' "$out" >&2; return 1; }
  # It only warns on kinds it has no schema for: those must be KEDA's, checked next.
  "$kv" --strict $(ls "$1"/compose/kubernetes/*.yaml | grep -v '/kustomization.yaml$') 2>&1 \
    | grep "Couldn't find schema" | grep -v -E 'kind (ScaledObject|TriggerAuthentication) with api version keda.sh/v1alpha1' \
    && { echo "kubernetes-validate has no schema for the kinds above" >&2; return 1; }
  return 0
}
kustomization() {  # root: lists every manifest, and only existing ones
  "$py" - "$1/compose/kubernetes" <<'PY'
import pathlib, sys, yaml
folder = pathlib.Path(sys.argv[1])
k = yaml.safe_load((folder / "kustomization.yaml").read_text())
listed = set(k["resources"])
present = {p.name for p in folder.glob("*.yaml")} - {"kustomization.yaml"}
if k.get("kind") != "Kustomization" or listed != present:
    sys.exit(f"kustomization.yaml resources {sorted(listed)} differ from {sorted(present)}")
PY
}
keda() { "$py" "$here/deploy_checks.py" keda --root "$1"; }
dockerfiles() { "$py" "$here/deploy_checks.py" dockerfiles "$1"/compose/docker/*.Dockerfile; }
consistency() { "$py" "$here/deploy_checks.py" consistency --root "$1"; }
broker_hash() {  # RabbitMQ's documented example: salt 908DC60A, password test12
  [ "$(bash "$1/compose/rabbitmq/entrypoint.sh" --hash test12 908DC60A)" \
    = "kI3GCqW5JLMJa4iX1lo7X4D6XbYqlLgxIs30+P6tENUV2POR" ]
}

step "docker-compose config ($(docker-compose version --short 2>/dev/null))"
compose_config . && say "compose files valid" || fail "docker-compose config"
step "kubernetes-validate --strict ($("$kv" --version 2>&1 | tail -1))"
kubernetes_manifests . && say "Kubernetes manifests valid (strict)" || fail "kubernetes-validate"
kustomization . && say "kustomization lists every manifest" || fail "kustomization.yaml"
step "KEDA objects"
keda . || fail "KEDA ScaledObject / TriggerAuthentication"
step "Dockerfiles"
dockerfiles . || fail "Dockerfile rules"
step "generated files and consistency"
"$py" "$here/deploy_topology.py" --check || fail "compose/rabbitmq/definitions.json"
"$py" "$here/deploy_manifests.py" --check || fail "compose/kubernetes manifests"
consistency . || fail "compose/Kubernetes consistency"
broker_hash . && say "broker password hash matches RabbitMQ's test vector" || fail "compose/rabbitmq/entrypoint.sh hashing"
for f in compose/rabbitmq/entrypoint.sh compose/postgres/10-rjhub-roles.sh compose/make-secrets.sh infra/hub.sh; do
  bash -n "$f" || fail "bash -n $f"
done

# ---- self-test: each validator must refuse a broken copy ----
step "self-test: broken copies must fail"
scratch="$(mktemp -d)"; trap 'rm -rf "$scratch"' EXIT
copy() {  # a fresh copy of what the validators read
  rm -rf "$scratch/tree"; mkdir -p "$scratch/tree"
  cp -R compose infra Shared Services "$scratch/tree/"
  rm -rf "$scratch/tree/compose/secrets"
}
must_fail() {  # what validator-function
  if "$2" "$scratch/tree" >/dev/null 2>&1; then fail "self-test: $1 was accepted"
  else say "self-test: refused $1"; fi
}
# The unmodified copy must pass every validator, so that each refusal below is the break's.
copy
for validator in dockerfiles compose_config kubernetes_manifests keda consistency; do
  "$validator" "$scratch/tree" >/dev/null 2>&1 || fail "self-test: the unbroken copy fails $validator"
done
copy; sed -i 's/^USER 10001:10001$/USER root/' "$scratch/tree/compose/docker/intake.Dockerfile"
must_fail "a Dockerfile whose last USER is root" dockerfiles
copy; sed -i 's/FROM debian:bookworm-slim/FROM debian/; s/ENTRYPOINT \["\/app\/rjhub-intake"\]/ENTRYPOINT \/app\/rjhub-intake/; s/libpq5=15\.\*/libpq5/' \
  "$scratch/tree/compose/docker/intake.Dockerfile"
must_fail "a Dockerfile with an untagged base, an unpinned package and a shell ENTRYPOINT" dockerfiles
copy; sed -i '/^HEALTHCHECK/,/CMD \["sh"/d' "$scratch/tree/compose/docker/reporting.Dockerfile"
must_fail "a Dockerfile without HEALTHCHECK" dockerfiles
copy; printf 'ENV RJHUB_JWT_HS256_KEY=not-a-real-key\n' >> "$scratch/tree/compose/docker/reporting.Dockerfile"
must_fail "a Dockerfile with a secret in ENV" dockerfiles
copy; sed -i 's/^    restart: unless-stopped$/    restart: sometimes/; 0,/read_only: true/s//read_only: maybe/' "$scratch/tree/compose/docker-compose.yml"
must_fail "a compose file with invalid values" compose_config
copy; sed -i 's/^  intake:$/  intake:\n    bogus_key: 1/' "$scratch/tree/compose/docker-compose.yml"
must_fail "a compose file with an unknown key" compose_config
copy; sed -i '0,/containerPort: 8081/s//containerPort: "eighty"/' "$scratch/tree/compose/kubernetes/intake.yaml"
must_fail "a Deployment with a string port" kubernetes_manifests
copy; sed -i '0,/      maxSurge: 1/s//      maxSurge: 1\n      maxSurgeTypo: 1/' "$scratch/tree/compose/kubernetes/intake.yaml"
must_fail "a Deployment with an unknown field" kubernetes_manifests
copy; sed -i 's/mode: QueueLength/mode: QueueDepth/' "$scratch/tree/compose/kubernetes/reporting.yaml"
must_fail "a ScaledObject with an unknown rabbitmq mode" keda
copy; sed -i 's/queueName: reporting.events/queueName: reporting.event/' "$scratch/tree/compose/kubernetes/reporting.yaml"
must_fail "a ScaledObject on a queue the broker does not have" keda
copy; sed -i 's/  - parameter: host/  - parameterr: host/' "$scratch/tree/compose/kubernetes/keda-trigger-authentication.yaml"
must_fail "a TriggerAuthentication with a misspelt field" keda
copy; sed -i 's/RJHUB_DATABASE_URL_FILE: \/run\/secrets\/intake-database-url/RJHUB_DATABSE_URL_FILE: \/run\/secrets\/intake-database-url/' "$scratch/tree/compose/docker-compose.yml"
must_fail "a compose service with a misspelt variable" consistency
copy; sed -i 's/.on(ContactRecorded.self)/.on(ComplaintRecorded.self).on(ContactRecorded.self)/' \
  "$scratch/tree/Services/Reporting/Sources/Consumers/ReportingEventHandlers.swift"
if "$py" "$scratch/tree/infra/deploy_topology.py" --check >/dev/null 2>&1; then
  fail "self-test: definitions.json stayed accepted after the sources' topology changed"
else say "self-test: refused definitions.json that no longer matches the sources"; fi

if [ "$failures" -gt 0 ]; then
  printf '[infra] deployment validation: %d failed\n' "$failures" >&2
  exit 1
fi
say "deployment validation passed"
