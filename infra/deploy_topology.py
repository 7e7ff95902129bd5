"""The broker topology and accounts as the Swift sources and infra/provision.sh declare them,
written as the RabbitMQ definitions file the broker loads (compose/rabbitmq/definitions.json).

The queues, their dead-lettering and their bindings are read from the sources, never typed in:
every `ServiceQueue(...)` in Services/*/Sources/*Service.swift, the `.on(...)` / `.onBatch(...)`
payload types of the routes table its bindings come from, each payload's `eventType` and
`eventVersion`, the exchange names of EventExchange.swift and ServiceQueue's default delivery
limit. The queues `rjhub topology apply` declares (TopologyCommand.serviceQueues) must be those.
The accounts and their permission patterns mirror infra/provision.sh (see PERMISSIONS).

    python3 infra/deploy_topology.py --write   # rewrite compose/rabbitmq/definitions.json
    python3 infra/deploy_topology.py --check   # fail when the file differs (CI)
"""

import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
DEFINITIONS = ROOT / "compose" / "rabbitmq" / "definitions.json"
VHOST = "rjhub"
SERVICES = ["intake", "victim-contact", "facilitator-matching", "notifications", "reporting"]


class SourceError(Exception):
    pass


def read(path):
    return (ROOT / path).read_text(encoding="utf-8")


def exchanges():
    text = read("Shared/EventContracts/Envelope/EventExchange.swift")
    found = dict(re.findall(r'static let (\w+) = "([^"]+)"', text))
    if not {"referrals", "events", "transfers"} <= found.keys():
        raise SourceError("EventExchange.swift: referrals, events, transfers not all found")
    return found


def event_keys():
    """Payload type name -> routing key `<eventType>.v<eventVersion>`."""
    keys = {}
    for path in sorted((ROOT / "Shared/EventContracts").rglob("*.swift")):
        current = None
        types, versions = {}, {}
        for line in path.read_text(encoding="utf-8").splitlines():
            declared = re.match(r"\s*(?:public )?(?:struct|enum) (\w+)", line)
            if declared:
                current = declared.group(1)
            event_type = re.search(r'static let eventType = "([^"]+)"', line)
            if event_type and current:
                types[current] = event_type.group(1)
            version = re.search(r"static let eventVersion = (\d+)", line)
            if version and current:
                versions[current] = int(version.group(1))
        for name, event_type in types.items():
            if name not in versions:
                raise SourceError(f"{path.name}: {name} has an eventType but no eventVersion")
            keys[name] = f"{event_type}.v{versions[name]}"
    return keys


def routes_of(handler):
    """The payload types of `static let routes = EventRoutes<handler>()`, in order."""
    for path in sorted((ROOT / "Services").rglob("*.swift")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for i, line in enumerate(lines):
            if f"static let routes = EventRoutes<{handler}>()" not in line:
                continue
            payloads = []
            for follow in lines[i + 1:]:
                if re.match(r"  \S", follow):  # the next member of the type ends the chain
                    break
                on = re.match(r"\s+\.on(?:Batch)?\((\w+)\.self", follow)
                if on:
                    payloads.append(on.group(1))
            if not payloads:
                raise SourceError(f"{path.name}: the routes of {handler} handle nothing")
            return payloads
    raise SourceError(f"no `static let routes = EventRoutes<{handler}>()` found")


def default_delivery_limit():
    text = read("Shared/DurableMessaging/Support/ServiceQueue.swift")
    found = re.search(r"brokerDeliveryLimit: Int = (\d+)", text)
    if not found:
        raise SourceError("ServiceQueue.swift: no default brokerDeliveryLimit")
    return int(found.group(1))


def service_queues():
    """[(service, queue, [(exchange, routing key)], delivery limit)] from the services' sources."""
    names, keys, limit = exchanges(), event_keys(), default_delivery_limit()
    queues = []
    for path in sorted(ROOT.glob("Services/*/Sources/*Service.swift")):
        text = path.read_text(encoding="utf-8")
        name = re.search(r'public static let name = "([^"]+)"', text)
        for member, body in re.findall(
            r"public static let (\w+) = ServiceQueue\((.*?)\)\n\n", text, re.S
        ):
            if not name:
                raise SourceError(f"{path.name}: a ServiceQueue but no service name")
            purpose = re.search(r'purpose: "([^"]+)"', body)
            if not purpose:
                raise SourceError(f"{path.name}: {member} has no purpose")
            bindings = []
            via_routes = re.search(r"(\w+)\.routes\.bindings\(on: EventExchange\.(\w+)\)", body)
            for exchange, payload in re.findall(
                r"\.init\(exchange: EventExchange\.(\w+), routingKey: (\w+)\.routingKey\)", body
            ):
                bindings.append((names[exchange], keys[payload]))
            if via_routes:
                handler, exchange = via_routes.groups()
                bindings += [(names[exchange], keys[p]) for p in routes_of(handler)]
            if not bindings:
                raise SourceError(f"{path.name}: cannot read the bindings of {member}")
            own_limit = re.search(r"brokerDeliveryLimit: (\d+)", body)
            queues.append(
                (
                    name.group(1),
                    f"{name.group(1)}.{purpose.group(1)}",
                    bindings,
                    int(own_limit.group(1)) if own_limit else limit,
                    member,
                )
            )
    declared = re.findall(
        r"(\w+)Service\.(\w+)",
        re.search(
            r"serviceQueues: \[ServiceQueue\] = \[(.*?)\]", read("Services/RJHubCLI/TopologyCommand.swift"), re.S
        ).group(1),
    )
    found = {(q[0], q[4]) for q in queues}
    by_type = {
        "Intake": "intake", "VictimContact": "victim-contact",
        "FacilitatorMatching": "facilitator-matching", "Notifications": "notifications",
        "Reporting": "reporting",
    }
    wanted = {(by_type[t], m) for t, m in declared}
    if found != wanted:
        raise SourceError(
            f"TopologyCommand.serviceQueues {sorted(wanted)} differ from the ServiceQueues "
            f"found in the services {sorted(found)}")
    return [q[:4] for q in queues]


def q(name):
    return name.replace(".", "\\.")


def permissions():
    """(user, configure, write, read): infra/provision.sh's, plus `keda` for the autoscaler."""
    rows = [("rjhub-admin", ".*", ".*", ".*")]
    for s in SERVICES:
        own = f"^{q(s)}\\..*"
        writes = f"({own}|^rj\\.events$)"
        reads = f"({own}|^rj\\.events$)"
        if s == "intake":
            writes = f"({own}|^rj\\.events$|^rj\\.transfers$|^amq\\.default$)"
            reads = f"({own}|^rj\\.events$|^rj\\.referrals$)"
        rows.append((s, own, writes, reads))
    rows.append(("police-publisher", "^police\\..*", "^(rj\\.referrals|police\\..*)$", "^police\\..*"))
    rows.append(("operator", "^$", "^amq\\.default$", "^.*\\.dead-letters$"))
    # KEDA's rabbitmq scaler (protocol amqp) reads a queue's depth with a passive
    # queue.declare, as `rjhub dead-letters list` does with operator's configure '^$': it
    # needs no configure or write permission, and reads only the services' consumed queues.
    consumed = "|".join(q(s) for s in SERVICES)
    rows.append(("keda", "^$", "^$", f"^({consumed})\\.[a-z-]+$"))
    return rows


TAGS = {"rjhub-admin": ["administrator"], "keda": ["monitoring"]}


def definitions():
    queues = service_queues()
    names = exchanges()
    users = [
        {
            "name": user,
            # Empty: this file grants no password. compose/rabbitmq/entrypoint.sh fills in each
            # user's hash from its secret file when the broker starts (see the README there).
            "password_hash": "",
            "hashing_algorithm": "rabbit_password_hashing_sha256",
            "tags": TAGS.get(user, []),
        }
        for user, *_ in permissions()
    ]
    shared = [
        {"name": names[n], "vhost": VHOST, "type": "topic", "durable": True,
         "auto_delete": False, "internal": False, "arguments": {}}
        for n in ("referrals", "events", "transfers")
    ]
    owners = sorted({s for s, *_ in queues}, key=SERVICES.index)
    dead_letter_exchanges = [
        {"name": f"{s}.dead-letter", "vhost": VHOST, "type": "fanout", "durable": True,
         "auto_delete": False, "internal": False, "arguments": {}}
        for s in owners
    ]
    queue_rows, binding_rows = [], []
    for s in owners:
        queue_rows.append(
            {"name": f"{s}.dead-letters", "vhost": VHOST, "durable": True, "auto_delete": False,
             "arguments": {"x-queue-type": "quorum"}})
        binding_rows.append(
            {"source": f"{s}.dead-letter", "vhost": VHOST, "destination": f"{s}.dead-letters",
             "destination_type": "queue", "routing_key": "", "arguments": {}})
    for s, name, bindings, limit in queues:
        queue_rows.append(
            {"name": name, "vhost": VHOST, "durable": True, "auto_delete": False,
             "arguments": {"x-queue-type": "quorum", "x-dead-letter-exchange": f"{s}.dead-letter",
                           "x-dead-letter-routing-key": name, "x-delivery-limit": limit}})
        binding_rows += [
            {"source": exchange, "vhost": VHOST, "destination": name,
             "destination_type": "queue", "routing_key": key, "arguments": {}}
            for exchange, key in bindings
        ]
    return {
        "rabbitmq_version": "3.12",
        "users": users,
        "vhosts": [{"name": VHOST}],
        "permissions": [
            {"user": u, "vhost": VHOST, "configure": c, "write": w, "read": r}
            for u, c, w, r in permissions()
        ],
        "topic_permissions": [],
        "parameters": [],
        "global_parameters": [],
        "policies": [],
        "exchanges": shared + dead_letter_exchanges,
        "queues": queue_rows,
        "bindings": binding_rows,
    }


def render(document):
    """JSON with two-space indentation, except that each user is one line: the broker's
    entrypoint fills in `"password_hash": ""` line by line with sed."""
    text = json.dumps(document, indent=2) + "\n"
    for user in document["users"]:
        pretty = json.dumps(user, indent=2).replace("\n", "\n    ")
        text = text.replace("    " + pretty, "    " + json.dumps(user), 1)
    return text


def main(argv):
    try:
        wanted = render(definitions())
    except SourceError as error:
        print(f"[topology] cannot read the topology from the sources: {error}", file=sys.stderr)
        return 1
    if argv[1:] == ["--write"]:
        DEFINITIONS.write_text(wanted, encoding="utf-8")
        print(f"[topology] wrote {DEFINITIONS.relative_to(ROOT)}")
        return 0
    if argv[1:] == ["--check"]:
        have = DEFINITIONS.read_text(encoding="utf-8") if DEFINITIONS.exists() else ""
        if have != wanted:
            print(f"[topology] {DEFINITIONS.relative_to(ROOT)} differs from the topology the "
                  "sources declare: run python3 infra/deploy_topology.py --write", file=sys.stderr)
            return 1
        document = json.loads(have)
        print(f"[topology] {DEFINITIONS.relative_to(ROOT)} matches the sources: "
              f"{len(document['queues'])} quorum queues, {len(document['exchanges'])} exchanges, "
              f"{len(document['bindings'])} bindings, {len(document['users'])} users")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
