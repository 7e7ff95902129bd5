"""The deployment checks that no off-the-shelf validator here does (run by
infra/validate-deploy.sh, with the pinned tools of infra/deploy-tools.sh):

    deploy_checks.py dockerfiles FILE...        our hadolint-style rules (hadolint itself is
                                                neither a Debian nor a PyPI package)
    deploy_checks.py keda [--root DIR]          ScaledObject / TriggerAuthentication against
                                                compose/kubernetes/schemas/, queue names
    deploy_checks.py consistency [--root DIR]   environment names, secrets, ports, probes

Each prints one line per problem (`file: rule: message`) and exits 1 when there is any.

The Dockerfile rules (numbered as hadolint numbers them where one matches; ours, not
hadolint's implementation):
    DL3006  every FROM names an explicit tag          DL3007  never the tag `latest`
    DL3008  every apt-get install package is pinned (`pkg=version`, globs allowed)
    DL3015  apt-get install has --no-install-recommends
    DL3009  apt lists are removed in the same RUN as the install
    DL3002  the last USER is not root (nor uid 0), and there is one
    DL3025  CMD and ENTRYPOINT are JSON arrays
    DL3020  COPY, not ADD, for files
    RJ001   no secret in ENV or ARG (names like *PASSWORD*, *SECRET*, *KEY*, *TOKEN*, *_URL
            holding credentials), and no COPY of a secrets folder or .env file
    RJ002   a HEALTHCHECK (the service's readiness route, /health/ready)
    RJ003   a multi-stage build: the final stage copies from a build stage
"""

import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SECRET_NAME = re.compile(r"(PASSWORD|SECRET|TOKEN|PRIVATE|_KEY|KEYS|CREDENTIAL)", re.I)


def names_a_secret(variable):
    """Whether a variable's name says it holds a secret itself (not a file or folder of them)."""
    return bool(SECRET_NAME.search(variable)) and not variable.endswith(("_FILE", "_SECRETS"))


# ---------------------------------------------------------------- Dockerfiles
def instructions(text):
    """(line number, INSTRUCTION, arguments) with continuation lines joined."""
    result, buffer, start = [], "", 0
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not buffer and (not stripped or stripped.startswith("#")):
            continue
        if buffer and stripped.startswith("#"):
            continue
        if not buffer:
            start = number
        if stripped.endswith("\\"):
            buffer += stripped[:-1] + " "
            continue
        buffer += stripped
        word, _, rest = buffer.partition(" ")
        result.append((start, word.upper(), rest.strip()))
        buffer = ""
    return result


def apt_packages(command):
    """The package arguments of each `apt-get install` in a RUN command."""
    found = []
    for segment in re.split(r"&&|;|\|\|", command):
        words = segment.split()
        if "apt-get" in words and "install" in words:
            after = words[words.index("install") + 1:]
            found.append((segment, [w for w in after if not w.startswith("-")]))
    return found


def check_dockerfile(path):
    text = pathlib.Path(path).read_text(encoding="utf-8")
    problems = []
    add = lambda line, rule, message: problems.append(f"{path}:{line}: {rule}: {message}")  # noqa: E731
    steps = instructions(text)
    stages, last_user, healthcheck = [], None, False
    for line, word, rest in steps:
        if word == "FROM":
            args = [a for a in rest.split() if not a.startswith("--")]
            image = args[0] if args else ""
            alias = args[2].lower() if len(args) >= 3 and args[1].lower() == "as" else None
            if image.lower() not in [s for s in stages] and image != "scratch":
                if "@" not in image and ":" not in image.split("/")[-1]:
                    add(line, "DL3006", f"FROM {image} has no explicit tag")
                elif image.endswith(":latest"):
                    add(line, "DL3007", f"FROM {image} uses the tag latest")
            stages.append(alias or f"#{len(stages)}")
            last_user = None if alias else last_user
        elif word == "RUN":
            for segment, packages in apt_packages(rest):
                if "--no-install-recommends" not in segment:
                    add(line, "DL3015", "apt-get install without --no-install-recommends")
                for package in packages:
                    if "=" not in package:
                        add(line, "DL3008", f"apt package {package} is not pinned (pkg=version)")
            if apt_packages(rest) and "rm -rf /var/lib/apt/lists" not in rest:
                add(line, "DL3009", "apt lists are not removed in the RUN that installs")
        elif word == "USER":
            last_user = rest.split(":")[0]
        elif word in ("CMD", "ENTRYPOINT"):
            try:
                parsed = json.loads(rest)
                if not (isinstance(parsed, list) and all(isinstance(a, str) for a in parsed)):
                    raise ValueError
            except ValueError:
                add(line, "DL3025", f"{word} is not a JSON array of strings")
        elif word == "ADD":
            add(line, "DL3020", "ADD instead of COPY")
        elif word in ("ENV", "ARG"):
            for name in re.findall(r"([A-Za-z_][A-Za-z0-9_]*)(?==|\s|$)", rest):
                if names_a_secret(name) or re.search(r"://[^/\s:@]+:[^@\s]+@", rest):
                    add(line, "RJ001", f"{word} {name} would bake a secret into the image")
        elif word == "HEALTHCHECK":
            healthcheck = "NONE" not in rest.split()
            if "/health/ready" not in rest:
                add(line, "RJ002", "the HEALTHCHECK does not ask /health/ready")
        if word == "COPY" and re.search(r"(secrets|\.env\b|\.local)", rest):
            add(line, "RJ001", f"COPY {rest} copies secrets or local state into the image")
    final_from = [l for l, w, _ in steps if w == "FROM"]
    if not final_from:
        add(1, "DL3006", "no FROM")
        return problems
    if last_user is None:
        add(final_from[-1], "DL3002", "the final stage sets no USER: it would run as root")
    elif last_user in ("root", "0"):
        add(final_from[-1], "DL3002", f"the last USER is {last_user}")
    if not healthcheck:
        add(final_from[-1], "RJ002", "no HEALTHCHECK")
    final_start = final_from[-1]
    if len(final_from) < 2 or not any(
        w == "COPY" and "--from=" in r for l, w, r in steps if l > final_start
    ):
        add(final_start, "RJ003", "not a multi-stage build copying from a build stage")
    return problems


# ---------------------------------------------------------------- KEDA
def load_yaml_documents(path):
    import yaml
    with open(path, encoding="utf-8") as stream:
        return [d for d in yaml.safe_load_all(stream) if d]


def check_keda(root):
    import jsonschema
    schemas_dir = root / "compose/kubernetes/schemas"
    schemas = {
        "ScaledObject": json.loads((schemas_dir / "scaledobject.keda.sh-v1alpha1.json").read_text()),
        "TriggerAuthentication": json.loads(
            (schemas_dir / "triggerauthentication.keda.sh-v1alpha1.json").read_text()),
    }
    definitions = json.loads((root / "compose/rabbitmq/definitions.json").read_text())
    queues = {q["name"] for q in definitions["queues"]}
    problems, checked, objects = [], 0, {}
    for path in sorted((root / "compose/kubernetes").glob("*.yaml")):
        for document in load_yaml_documents(path):
            objects.setdefault(document.get("kind"), []).append((path, document))
    deployments = {d["metadata"]["name"] for _, d in objects.get("Deployment", [])}
    authentications = {d["metadata"]["name"] for _, d in objects.get("TriggerAuthentication", [])}
    for kind, schema in schemas.items():
        validator = jsonschema.Draft202012Validator(schema)
        for path, document in objects.get(kind, []):
            checked += 1
            name = document.get("metadata", {}).get("name")
            for error in validator.iter_errors(document):
                where = "/".join(str(p) for p in error.absolute_path)
                problems.append(f"{path}: {kind} {name}: {where}: {error.message}")
            if kind != "ScaledObject" or problems:
                continue
            if document["spec"]["scaleTargetRef"]["name"] not in deployments:
                problems.append(f"{path}: ScaledObject {name}: no Deployment "
                                f"{document['spec']['scaleTargetRef']['name']}")
            for trigger in document["spec"]["triggers"]:
                queue = trigger["metadata"].get("queueName")
                if trigger["type"] == "rabbitmq" and queue not in queues:
                    problems.append(f"{path}: ScaledObject {name}: queue {queue} is not in "
                                    "compose/rabbitmq/definitions.json")
                if trigger["type"] == "rabbitmq" and not queue.startswith(name + "."):
                    problems.append(f"{path}: ScaledObject {name}: scales on {queue}, "
                                    "another service's queue")
                ref = trigger.get("authenticationRef", {}).get("name")
                if ref not in authentications:
                    problems.append(f"{path}: ScaledObject {name}: no TriggerAuthentication {ref}")
    consumed = {q for q in queues if not q.endswith(".dead-letters")}
    scaled = {t["metadata"]["queueName"] for _, d in objects.get("ScaledObject", [])
              for t in d["spec"]["triggers"]}
    for queue in sorted(consumed - scaled):
        problems.append(f"compose/kubernetes: no ScaledObject scales on queue {queue}")
    if not problems:
        print(f"[keda] {checked} KEDA objects valid against compose/kubernetes/schemas/; every "
              f"consumed queue ({len(consumed)}) has a trigger")
    return problems


# ---------------------------------------------------------------- consistency
def known_variables(root):
    names = set()
    for path in list((root / "Shared").rglob("*.swift")) + list((root / "Services").rglob("*.swift")):
        names.update(re.findall(r'"(RJHUB_[A-Z0-9_]+)"', path.read_text(encoding="utf-8")))
    secrets = set()
    for path in list((root / "Shared").rglob("*.swift")) + list((root / "Services").rglob("*.swift")):
        text = path.read_text(encoding="utf-8")
        secrets.update(re.findall(r'secret\(\s*"(RJHUB_[A-Z0-9_]+)"', text))
        secrets.update(re.findall(r'(?:keysVariable|indexKeyVariable|ConflictOfInterestMarks\.variable|static let variable) = "(RJHUB_[A-Z0-9_]+)"', text))
    secrets.add("RJHUB_JWT_HS256_KEY")  # AccessGate reads it with environment.optionalSecret
    return names | {s + "_FILE" for s in secrets}


def check_consistency(root):
    import yaml
    problems = []
    known = known_variables(root)
    rows = [l.split("\t") for l in (root / "compose/services.tsv").read_text().splitlines()
            if l and not l.startswith("#")]
    ports = {r[0]: r[2] for r in rows}
    compose = {}
    for name in ("docker-compose.yml", "docker-compose.workplace.yml"):
        compose[name] = yaml.safe_load((root / "compose" / name).read_text())
    for file, document in compose.items():
        for service, body in document.get("services", {}).items():
            for variable in (body.get("environment") or {}):
                if variable.startswith("RJHUB_") and variable not in known and service in ports:
                    problems.append(f"compose/{file}: {service}: {variable} is read by no service")
            if service in ports and "environment" in body and "RJHUB_HTTP_PORT" in body["environment"]:
                if str(body["environment"]["RJHUB_HTTP_PORT"]) != ports[service]:
                    problems.append(f"compose/{file}: {service}: port is not services.tsv's "
                                    f"{ports[service]}")
            for variable, value in (body.get("environment") or {}).items():
                if re.search(r"://[^/\s:@]+:[^@\s]+@", str(value)) or names_a_secret(variable):
                    problems.append(f"compose/{file}: {service}: {variable} holds a secret in "
                                    "the compose file: give it as a *_FILE secret")
    for path in sorted((root / "compose/kubernetes").glob("*.yaml")):
        for document in load_yaml_documents(path):
            if document.get("kind") == "ConfigMap" and document["metadata"]["name"] != "rabbitmq-definitions":
                for variable in document.get("data", {}):
                    if variable not in known:
                        problems.append(f"{path}: ConfigMap {document['metadata']['name']}: "
                                        f"{variable} is read by no service")
                    if names_a_secret(variable):
                        problems.append(f"{path}: {variable} is a secret in a ConfigMap")
            if document.get("kind") != "Deployment":
                continue
            name = document["metadata"]["name"]
            container = document["spec"]["template"]["spec"]["containers"][0]
            for entry in container.get("env", []):
                if entry["name"] not in known:
                    problems.append(f"{path}: {name}: {entry['name']} is read by no service")
                if "value" in entry and names_a_secret(entry["name"]):
                    problems.append(f"{path}: {name}: {entry['name']} holds a secret in the manifest")
            port = str(container["ports"][0]["containerPort"])
            if name in ports and port != ports[name]:
                problems.append(f"{path}: {name}: port {port} is not services.tsv's {ports[name]}")
            if container["readinessProbe"]["httpGet"]["path"] != "/health/ready":
                problems.append(f"{path}: {name}: readiness probe is not /health/ready")
            if container["livenessProbe"]["httpGet"]["path"] != "/health/live":
                problems.append(f"{path}: {name}: liveness probe is not /health/live")
            context = container.get("securityContext", {})
            if not context.get("readOnlyRootFilesystem") or not context.get("runAsNonRoot"):
                problems.append(f"{path}: {name}: not read-only and non-root")
            if "limits" not in container.get("resources", {}):
                problems.append(f"{path}: {name}: no resource limits")
    for name, executable, port, *_ in rows:
        dockerfile = root / "compose/docker" / f"{name}.Dockerfile"
        if not dockerfile.exists():
            problems.append(f"compose/docker: no {name}.Dockerfile")
            continue
        text = dockerfile.read_text()
        if f"--product {executable} " not in text or f'ENTRYPOINT ["/app/{executable}"]' not in text:
            problems.append(f"{dockerfile}: does not build and run {executable}")
        if f"EXPOSE {port}" not in text:
            problems.append(f"{dockerfile}: does not expose {port}")
    if not problems:
        print(f"[consistency] compose and Kubernetes use only variables the services read "
              f"({len(known)} known), secrets only as files, services.tsv's ports, "
              "/health/ready and /health/live")
    return problems


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    command, rest = argv[1], argv[2:]
    root = ROOT
    if rest[:1] == ["--root"]:
        root, rest = pathlib.Path(rest[1]).resolve(), rest[2:]
    if command == "dockerfiles":
        problems = [p for f in rest for p in check_dockerfile(f)]
        if not problems:
            print(f"[dockerfiles] {len(rest)} Dockerfiles pass our hadolint-style rules "
                  "(DL3002 DL3006 DL3007 DL3008 DL3009 DL3015 DL3020 DL3025 RJ001-RJ003)")
    elif command == "keda":
        problems = check_keda(root)
    elif command == "consistency":
        problems = check_consistency(root)
    else:
        print(__doc__, file=sys.stderr)
        return 2
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
