"""Writes the Kubernetes manifests under compose/kubernetes/ from compose/services.tsv, the
broker's queues (compose/rabbitmq/definitions.json) and the broker's files, so that names,
ports, probes and queue names cannot drift from what the services really use.

    python3 infra/deploy_manifests.py --write   # rewrite compose/kubernetes/*.yaml
    python3 infra/deploy_manifests.py --check   # fail when a committed manifest differs (CI)
"""

import json
import pathlib
import sys

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "compose" / "kubernetes"
NAMESPACE = "rjhub"
HEADER = "# Written by infra/deploy_manifests.py from compose/services.tsv and compose/rabbitmq/: edit those\n# (or the script) and run it with --write; infra/validate-deploy.sh fails when this file differs.\n"

# Resources per service: requests what one replica needs at rest, limits what a busy one may
# take (the 2-core benchmarks: victim-contact and intake are the busiest).
RESOURCES = {
    "intake": ("200m", "192Mi", "1", "512Mi"),
    "victim-contact": ("200m", "192Mi", "1", "512Mi"),
    "facilitator-matching": ("100m", "128Mi", "500m", "384Mi"),
    "notifications": ("100m", "128Mi", "500m", "384Mi"),
    "reporting": ("100m", "128Mi", "500m", "384Mi"),
    "workplace": ("100m", "128Mi", "500m", "384Mi"),
}
PERSONAL_DATA = {"intake", "victim-contact", "facilitator-matching", "notifications", "workplace"}


def services():
    rows = []
    for line in (ROOT / "compose/services.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, executable, port, account, replicas = line.split("\t")
            rows.append((name, executable, int(port), account, int(replicas)))
    return rows


def queues_of(service):
    definitions = json.loads((ROOT / "compose/rabbitmq/definitions.json").read_text())
    return [
        q["name"] for q in definitions["queues"]
        if q["name"].startswith(service + ".") and not q["name"].endswith(".dead-letters")
    ]


def labels(name, component="service"):
    return {"app.kubernetes.io/name": name, "app.kubernetes.io/part-of": "rjhub",
            "app.kubernetes.io/component": component}


def meta(name, component="service"):
    return {"name": name, "namespace": NAMESPACE, "labels": labels(name, component)}


def deployment(name, executable, port, replicas):
    secret_dir = "/run/secrets/rjhub"
    env = [{"name": "RJHUB_HTTP_PORT", "value": str(port)},
           {"name": "RJHUB_DATABASE_URL_FILE", "value": f"{secret_dir}/database-url"},
           {"name": "RJHUB_JWT_JWKS_FILE", "value": "/etc/rjhub/oidc/jwks.json"}]
    if name != "workplace":
        env += [{"name": "RJHUB_AMQP_URL_FILE", "value": f"{secret_dir}/amqp-url"},
                {"name": "RJHUB_JWT_HS256_KEY_FILE", "value": f"{secret_dir}/jwt-hs256-key"}]
    else:
        env += [{"name": "RJHUB_OIDC_CLIENT_SECRET_FILE",
                 "value": f"{secret_dir}/oidc-client-secret"}]
    if name in PERSONAL_DATA:
        env += [{"name": "RJHUB_DATA_KEYS_FILE", "value": f"{secret_dir}/data-keys"},
                {"name": "RJHUB_DATA_INDEX_KEY_FILE", "value": f"{secret_dir}/data-index-key"}]
    if name in ("victim-contact", "facilitator-matching"):
        env += [{"name": "RJHUB_CONFLICT_MARK_KEY_FILE",
                 "value": f"{secret_dir}/conflict-mark-key"}]
    env_from = [{"configMapRef": {"name": "rjhub-settings"}}]
    if name in ("notifications", "workplace"):
        env_from.append({"configMapRef": {"name": f"rjhub-{name}-settings"}})
    cpu_request, memory_request, cpu_limit, memory_limit = RESOURCES[name]
    probe = lambda path, period, failures: {  # noqa: E731
        "httpGet": {"path": path, "port": "http"}, "periodSeconds": period,
        "timeoutSeconds": 3, "failureThreshold": failures}
    container = {
        "name": name,
        "image": f"rjhub/{name}:latest-build",
        "imagePullPolicy": "IfNotPresent",
        "ports": [{"name": "http", "containerPort": port, "protocol": "TCP"}],
        "envFrom": env_from,
        "env": env,
        "resources": {"requests": {"cpu": cpu_request, "memory": memory_request},
                      "limits": {"cpu": cpu_limit, "memory": memory_limit}},
        # Started once /health/live answers (migrations may take a while on first start);
        # ready only while its database and broker are reachable (/health/ready, 503 else);
        # restarted when it stops answering at all.
        "startupProbe": probe("/health/live", 2, 90),
        "readinessProbe": probe("/health/ready", 5, 3),
        "livenessProbe": probe("/health/live", 10, 6),
        # Leave the Service's endpoints before SIGTERM starts the graceful drain.
        "lifecycle": {"preStop": {"sleep": {"seconds": 5}}},
        "securityContext": {"allowPrivilegeEscalation": False, "readOnlyRootFilesystem": True,
                            "runAsNonRoot": True, "capabilities": {"drop": ["ALL"]}},
        "volumeMounts": [
            {"name": "secrets", "mountPath": secret_dir, "readOnly": True},
            {"name": "oidc", "mountPath": "/etc/rjhub/oidc", "readOnly": True},
            {"name": "tmp", "mountPath": "/tmp"},
        ],
    }
    return {
        "apiVersion": "apps/v1", "kind": "Deployment", "metadata": meta(name),
        "spec": {
            # The ScaledObject sets the count from the queue depth; this is the start.
            "replicas": max(replicas, 2),
            "revisionHistoryLimit": 5,
            "selector": {"matchLabels": {"app.kubernetes.io/name": name}},
            "strategy": {"type": "RollingUpdate",
                         "rollingUpdate": {"maxUnavailable": 0, "maxSurge": 1}},
            "template": {
                "metadata": {"labels": labels(name)},
                "spec": {
                    "automountServiceAccountToken": False,
                    # RJHUB_SHUTDOWN_GRACE (30 s) plus the preStop pause and a margin.
                    "terminationGracePeriodSeconds": 45,
                    "securityContext": {"runAsNonRoot": True, "runAsUser": 10001,
                                        "runAsGroup": 10001, "fsGroup": 10001,
                                        "seccompProfile": {"type": "RuntimeDefault"}},
                    "containers": [container],
                    "volumes": [
                        # Secret rjhub-<service>: keys database-url, amqp-url, jwt-hs256-key,
                        # data-keys, data-index-key (docs/operations.md "Deploying").
                        {"name": "secrets", "secret": {"secretName": f"rjhub-{name}",
                                                        "defaultMode": 0o440}},
                        # The identity provider's public keys (ConfigMap rjhub-oidc, jwks.json).
                        {"name": "oidc", "configMap": {"name": "rjhub-oidc"}},
                        {"name": "tmp", "emptyDir": {"medium": "Memory", "sizeLimit": "16Mi"}},
                    ],
                },
            },
        },
    }


def service(name, port):
    return {"apiVersion": "v1", "kind": "Service", "metadata": meta(name),
            "spec": {"selector": {"app.kubernetes.io/name": name},
                     "ports": [{"name": "http", "port": port, "targetPort": "http",
                                "protocol": "TCP"}]}}


def disruption_budget(name):
    return {"apiVersion": "policy/v1", "kind": "PodDisruptionBudget", "metadata": meta(name),
            "spec": {"minAvailable": 1,
                     "selector": {"matchLabels": {"app.kubernetes.io/name": name}}}}


def scaled_object(name):
    return {
        "apiVersion": "keda.sh/v1alpha1", "kind": "ScaledObject", "metadata": meta(name),
        "spec": {
            "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": name},
            # Never to zero: each replica also serves the HTTP API and relays its outbox.
            "minReplicaCount": 2, "maxReplicaCount": 8,
            "pollingInterval": 15, "cooldownPeriod": 300,
            "triggers": [
                {"type": "rabbitmq", "name": queue.replace(".", "-"),
                 "metadata": {"protocol": "amqp", "queueName": queue, "mode": "QueueLength",
                              # Ready messages per replica before another is added: about
                              # a second of one consumer's work at the measured rates.
                              "value": "1000", "vhostName": "rjhub"},
                 "authenticationRef": {"name": "rjhub-keda-rabbitmq"}}
                for queue in queues_of(name)
            ],
        },
    }


def trigger_authentication():
    return {
        "apiVersion": "keda.sh/v1alpha1", "kind": "TriggerAuthentication",
        "metadata": meta("rjhub-keda-rabbitmq", "autoscaling"),
        # Secret rjhub-keda, key host: amqp://keda:<password>@rabbitmq:5672/rjhub. The broker
        # user keda may only read the services' queues (compose/rabbitmq/definitions.json).
        "spec": {"secretTargetRef": [{"parameter": "host", "name": "rjhub-keda", "key": "host"}]},
    }


def settings():
    return [
        {"apiVersion": "v1", "kind": "ConfigMap", "metadata": meta("rjhub-settings", "settings"),
         "data": {"RJHUB_HTTP_HOST": "0.0.0.0", "RJHUB_LOG_FORMAT": "json",
                  "RJHUB_LOG_LEVEL": "info", "RJHUB_SHUTDOWN_GRACE": "30s"}},
        {"apiVersion": "v1", "kind": "ConfigMap",
         "metadata": meta("rjhub-notifications-settings", "settings"),
         "data": {"RJHUB_SMTP_URL": "smtp://smtp-relay.rjhub.svc:587",
                  "RJHUB_SMTP_STARTTLS": "true", "RJHUB_SMTP_FROM": "rj-hub@example.org"}},
        {"apiVersion": "v1", "kind": "ConfigMap",
         "metadata": meta("rjhub-workplace-settings", "settings"),
         "data": {"RJHUB_WORKPLACE_URL": "https://workplace.example.org",
                  "RJHUB_OIDC_ISSUER": "https://login.example.org",
                  "RJHUB_OIDC_CLIENT_ID": "rjhub-workplace",
                  "RJHUB_JWT_ISSUERS": "https://login.example.org",
                  "RJHUB_INTAKE_URL": "http://intake:8081",
                  "RJHUB_VICTIM_CONTACT_URL": "http://victim-contact:8082",
                  "RJHUB_FACILITATOR_MATCHING_URL": "http://facilitator-matching:8083",
                  "RJHUB_REPORTING_URL": "http://reporting:8085"}},
    ]


def broker():
    files = {name: (ROOT / "compose/rabbitmq" / name).read_text(encoding="utf-8")
             for name in ("definitions.json", "entrypoint.sh", "rabbitmq.conf")}
    config = {"apiVersion": "v1", "kind": "ConfigMap",
              "metadata": meta("rabbitmq-definitions", "broker"), "data": files}
    selector = {"app.kubernetes.io/name": "rabbitmq"}
    statefulset = {
        "apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": meta("rabbitmq", "broker"),
        "spec": {
            "serviceName": "rabbitmq", "replicas": 1, "selector": {"matchLabels": selector},
            "template": {
                "metadata": {"labels": labels("rabbitmq", "broker")},
                "spec": {
                    "automountServiceAccountToken": False,
                    "terminationGracePeriodSeconds": 60,
                    "securityContext": {"runAsNonRoot": True, "runAsUser": 999, "runAsGroup": 999,
                                        "fsGroup": 999,
                                        "seccompProfile": {"type": "RuntimeDefault"}},
                    "containers": [{
                        "name": "rabbitmq", "image": "rabbitmq:3.13",
                        "command": ["bash", "/etc/rabbitmq/rjhub/entrypoint.sh"],
                        "env": [{"name": "RJHUB_DEFINITIONS",
                                 "value": "/etc/rabbitmq/rjhub/definitions.json"},
                                {"name": "RJHUB_BROKER_SECRETS", "value": "/run/secrets/rjhub"}],
                        "ports": [{"name": "amqp", "containerPort": 5672, "protocol": "TCP"}],
                        "resources": {"requests": {"cpu": "500m", "memory": "1Gi"},
                                      "limits": {"cpu": "2", "memory": "2Gi"}},
                        "readinessProbe": {"exec": {"command": ["rabbitmq-diagnostics", "-q",
                                                                "check_port_connectivity"]},
                                           "periodSeconds": 10, "timeoutSeconds": 10},
                        "livenessProbe": {"exec": {"command": ["rabbitmq-diagnostics", "-q",
                                                               "status"]},
                                          "initialDelaySeconds": 60, "periodSeconds": 30,
                                          "timeoutSeconds": 15},
                        "securityContext": {"allowPrivilegeEscalation": False,
                                            "capabilities": {"drop": ["ALL"]}},
                        "volumeMounts": [
                            {"name": "data", "mountPath": "/var/lib/rabbitmq"},
                            {"name": "definitions", "mountPath": "/etc/rabbitmq/rjhub",
                             "readOnly": True},
                            {"name": "definitions", "mountPath": "/etc/rabbitmq/conf.d/20-rjhub.conf",
                             "subPath": "rabbitmq.conf", "readOnly": True},
                            {"name": "users", "mountPath": "/run/secrets/rjhub", "readOnly": True},
                            {"name": "tmp", "mountPath": "/tmp"},
                        ],
                    }],
                    "volumes": [
                        {"name": "definitions", "configMap": {"name": "rabbitmq-definitions"}},
                        # Secret rjhub-broker-users: <user>-amqp-url for every user of
                        # definitions.json (the entrypoint hashes each password from it).
                        {"name": "users", "secret": {"secretName": "rjhub-broker-users",
                                                      "defaultMode": 0o440}},
                        {"name": "tmp", "emptyDir": {"medium": "Memory", "sizeLimit": "16Mi"}},
                    ],
                },
            },
            "volumeClaimTemplates": [{
                "metadata": {"name": "data"},
                "spec": {"accessModes": ["ReadWriteOnce"],
                         "resources": {"requests": {"storage": "10Gi"}}}}],
        },
    }
    headless = {"apiVersion": "v1", "kind": "Service", "metadata": meta("rabbitmq", "broker"),
                "spec": {"selector": selector, "ports": [{"name": "amqp", "port": 5672,
                                                          "targetPort": "amqp"}]}}
    return [config, statefulset, headless]


def documents():
    """File name -> list of objects."""
    files = {
        "namespace.yaml": [{"apiVersion": "v1", "kind": "Namespace",
                            "metadata": {"name": NAMESPACE, "labels": {
                                "app.kubernetes.io/part-of": "rjhub",
                                "pod-security.kubernetes.io/enforce": "restricted"}}}],
        "settings.yaml": settings(),
        "rabbitmq.yaml": broker(),
        "keda-trigger-authentication.yaml": [trigger_authentication()],
    }
    for name, executable, port, account, replicas in services():
        objects = [deployment(name, executable, port, replicas), service(name, port),
                   disruption_budget(name)]
        if queues_of(name):
            objects.append(scaled_object(name))
        files[f"{name}.yaml"] = objects
    files["kustomization.yaml"] = [{
        "apiVersion": "kustomize.config.k8s.io/v1beta1", "kind": "Kustomization",
        "namespace": NAMESPACE,
        "resources": [f for f in files if f != "kustomization.yaml"],
        # Set the images you built (compose/docker/<service>.Dockerfile) here or with
        # `kustomize edit set image`.
        "images": [{"name": f"rjhub/{s[0]}", "newTag": "latest-build"} for s in services()],
    }]
    return files


def render(objects):
    return HEADER + "---\n".join(
        yaml.safe_dump(o, sort_keys=False, default_flow_style=False, width=100) for o in objects)


def main(argv):
    files = {name: render(objects) for name, objects in documents().items()}
    if argv[1:] == ["--write"]:
        OUT.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            (OUT / name).write_text(text, encoding="utf-8")
        print(f"[manifests] wrote {len(files)} files in {OUT.relative_to(ROOT)}")
        return 0
    if argv[1:] == ["--check"]:
        stale = [n for n, t in files.items()
                 if not (OUT / n).exists() or (OUT / n).read_text(encoding="utf-8") != t]
        if stale:
            print(f"[manifests] differ from what infra/deploy_manifests.py writes: "
                  f"{', '.join(stale)} (run it with --write)", file=sys.stderr)
            return 1
        print(f"[manifests] {len(files)} files in {OUT.relative_to(ROOT)} are up to date")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
