"""Static checks of the Kubernetes manifests (k8s/): what a schema cannot say
about who may talk to whom. No cluster and no network: the YAML files are
read as they are in the repository (scripts/validate-k8s.sh renders and
validates the overlays themselves).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
K8S = REPO / "k8s"


def controller_config() -> dict[str, str]:
    values = yaml.safe_load((K8S / "ingress-nginx" / "controller-values.yaml").read_text())
    return values["controller"]["config"]


def test_the_ingress_controller_trusts_no_client_forwarding_header():
    # The controller is the edge: X-Forwarded-For is the peer's address, never
    # a client-sent value passed on or appended to.
    config = controller_config()
    assert config.get("use-forwarded-headers") == "false"
    assert config.get("compute-full-forwarded-for", "false") == "false"
    assert "proxy-real-ip-cidr" not in config


# --- network policies ----------------------------------------------------------------

OVERLAYS = sorted(p.name for p in (K8S / "overlays").iterdir() if p.is_dir())
WORKLOADS = ("backend", "worker", "migrate", "backup", "frontend", "pitr-backup")
DNS = {"namespace": "kube-system", "pods": {"k8s-app": "kube-dns"}}
# What each workload must reach, and nothing else: (port, protocol) -> what
# answers there. The API never sends mail (the worker does); the migration
# Job and the backup only talk to PostgreSQL; the SPA's server to nobody.
NEEDS = {
    "backend": {(53, "UDP"): "dns", (53, "TCP"): "dns", (5432, "TCP"): "postgres",
                (6379, "TCP"): "redis"},
    "worker": {(53, "UDP"): "dns", (53, "TCP"): "dns", (5432, "TCP"): "postgres",
               (6379, "TCP"): "redis", (587, "TCP"): "smtp"},
    "migrate": {(53, "UDP"): "dns", (53, "TCP"): "dns", (5432, "TCP"): "postgres"},
    "backup": {(53, "UDP"): "dns", (53, "TCP"): "dns", (5432, "TCP"): "postgres"},
    "frontend": {},
    # The development overlay's repository is a volume: no network at all.
    "pitr-backup": {},
}
# The development overlay runs PostgreSQL and Redis in the namespace and
# sends no mail (SMTP_HOST is empty there: the worker logs emails).
IN_CLUSTER = {"development": {"postgres": {"app.kubernetes.io/name": "postgres"},
                              "redis": {"app.kubernetes.io/name": "redis"}}}
NO_MAIL = {"development"}


def network_policies(path: Path) -> list[dict]:
    return [doc for doc in yaml.safe_load_all(path.read_text())
            if doc and doc.get("kind") == "NetworkPolicy"]


def policies_of(overlay: str) -> list[dict]:
    """The NetworkPolicies an overlay renders: the base's and its own files'.
    (No overlay patches a NetworkPolicy; checked below.)"""
    kustomization = yaml.safe_load((K8S / "overlays" / overlay / "kustomization.yaml").read_text())
    files = [K8S / "base" / "network-policies.yaml"]
    files += [K8S / "overlays" / overlay / name for name in kustomization.get("resources", [])
              if name.endswith(".yaml") and name != "namespace.yaml"]
    return [policy for path in files if path.exists() for policy in network_policies(path)]


def all_policies() -> list[tuple[str, dict]]:
    return [(str(path.relative_to(REPO)), policy) for path in sorted(K8S.rglob("*.yaml"))
            for policy in network_policies(path)]


def selects(selector: dict, labels: dict[str, str]) -> bool:
    if any(labels.get(k) != v for k, v in selector.get("matchLabels", {}).items()):
        return False
    for expression in selector.get("matchExpressions", []):
        value, operator = labels.get(expression["key"]), expression["operator"]
        if operator == "In" and value not in expression["values"]:
            return False
        if operator == "NotIn" and value in expression["values"]:
            return False
        if operator == "Exists" and value is None:
            return False
        if operator == "DoesNotExist" and value is not None:
            return False
    return True


def peer_problem(peer: dict) -> str | None:
    """Why an egress peer is wider than one named destination, or None."""
    if "ipBlock" in peer:
        cidr = peer["ipBlock"]["cidr"]
        prefix = int(cidr.split("/")[1])
        if prefix < (16 if ":" not in cidr else 48):
            return f"ipBlock {cidr} is not a named destination"
        return None
    namespaces, pods = peer.get("namespaceSelector"), peer.get("podSelector")
    if namespaces is not None and not namespaces:
        return "namespaceSelector {} (every namespace)"
    if pods is not None and not pods:
        return "podSelector {} (every pod)"
    if namespaces is None and pods is None:
        return "a peer with no selector"
    return None


def test_no_egress_rule_is_open_to_everything():
    problems = []
    for where, policy in all_policies():
        name = f"{where}: NetworkPolicy/{policy['metadata']['name']}"
        for n, rule in enumerate(policy["spec"].get("egress", [])):
            if not rule.get("to"):
                problems.append(f"{name} egress[{n}]: no `to`, so any address")
            if not rule.get("ports"):
                problems.append(f"{name} egress[{n}]: no `ports`, so any port")
            problems += [f"{name} egress[{n}]: {p}" for p in map(peer_problem, rule.get("to", [])) if p]
    assert not problems, "\n".join(problems)


def test_no_overlay_patches_a_network_policy():
    # So that policies_of() sees what each overlay renders.
    for overlay in OVERLAYS:
        text = (K8S / "overlays" / overlay / "kustomization.yaml").read_text()
        assert "NetworkPolicy" not in text, overlay


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_each_workload_may_reach_exactly_what_it_needs(overlay):
    policies = policies_of(overlay)
    assert any(p["spec"]["podSelector"] == {} and set(p["spec"]["policyTypes"]) == {"Ingress", "Egress"}
               and not p["spec"].get("egress") for p in policies), "no default-deny policy"
    for workload in WORKLOADS:
        labels = {"app.kubernetes.io/name": workload}
        reached: dict[tuple[int, str], list[dict]] = {}
        for policy in policies:
            if "Egress" not in policy["spec"].get("policyTypes", []):
                continue
            if not selects(policy["spec"]["podSelector"], labels):
                continue
            for rule in policy["spec"].get("egress", []):
                for port in rule.get("ports", []):
                    key = (port["port"], port.get("protocol", "TCP"))
                    reached.setdefault(key, []).extend(rule.get("to", []))
        needs = dict(NEEDS[workload])
        if overlay in NO_MAIL:
            needs = {key: what for key, what in needs.items() if what != "smtp"}
        assert set(reached) == set(needs), f"{overlay}: {workload} reaches {sorted(reached)}"
        for key, peers in reached.items():
            what = needs[key]
            assert peers, f"{overlay}: {workload} -> {what} {key}: to any address"
            for peer in peers:
                if what == "dns":
                    assert peer.get("namespaceSelector", {}).get("matchLabels") == \
                        {"kubernetes.io/metadata.name": DNS["namespace"]}, peer
                    assert peer.get("podSelector", {}).get("matchLabels") == DNS["pods"], peer
                elif what in IN_CLUSTER.get(overlay, {}):
                    # In the namespace: a pod selector, no namespace selector.
                    assert peer == {"podSelector": {"matchLabels": IN_CLUSTER[overlay][what]}}, peer
                else:
                    # Outside the cluster: the service's own addresses.
                    assert set(peer) == {"ipBlock"}, peer
                    assert peer_problem(peer) is None, peer


# --- point-in-time recovery in the development overlay ---------------------------------

DEV = K8S / "overlays" / "development"


def dev_objects(name: str) -> dict[tuple[str, str], dict]:
    return {(o["kind"], o["metadata"]["name"]): o for o in yaml.safe_load_all((DEV / name).read_text()) if o}


def test_the_pitr_backup_cronjob_runs_beside_postgres_on_its_volume():
    # The data volume is ReadWriteOnce: the Job's pod shares it only on postgres-0's node.
    statefulset = dev_objects("postgres.yaml")[("StatefulSet", "postgres")]
    pod = dev_objects("pitr.yaml")[("CronJob", "pitr-backup")]["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    terms = pod["affinity"]["podAffinity"]["requiredDuringSchedulingIgnoredDuringExecution"]
    postgres_labels = statefulset["spec"]["template"]["metadata"]["labels"]
    assert [t["topologyKey"] for t in terms] == ["kubernetes.io/hostname"]
    assert selects(terms[0]["labelSelector"], postgres_labels)
    claims = {v["persistentVolumeClaim"]["claimName"] for v in pod["volumes"] if "persistentVolumeClaim" in v}
    template = statefulset["spec"]["volumeClaimTemplates"][0]["metadata"]["name"]
    assert f"{template}-postgres-0" in claims
    # Both pods run as the data directory's owner and never walk its modes.
    for spec in (statefulset["spec"]["template"]["spec"], pod):
        assert spec["securityContext"]["runAsUser"] == 999
        assert spec["securityContext"]["fsGroupChangePolicy"] == "OnRootMismatch"


def test_the_postgres_pod_archives_as_the_compose_database_does():
    # The same archive command, into the spool on the data volume.
    compose = yaml.safe_load((REPO / "docker-compose.prod.yml").read_text())["services"]["db"]["command"]
    container = dev_objects("postgres.yaml")[("StatefulSet", "postgres")]["spec"]["template"]["spec"]["containers"][0]
    def setting(args, name):
        return next(a.split("=", 1)[1] for a in args if a.startswith(f"{name}="))
    compose_command = setting(compose, "archive_command").replace("$$", "$")
    k8s_command = setting(container["args"], "archive_command")
    spool = "/var/lib/postgresql/data/pgbackrest-spool"
    assert k8s_command == compose_command.replace("/var/lib/postgresql/pgbackrest-spool", spool)
    assert setting(container["args"], "archive_mode") == "on"
    assert spool in container["command"][2]
    # The restore Job's recovery server archives into the same spool.
    restore = json.loads((DEV / "pitr-restore.patch.json").read_text())
    env = [op["value"] for op in restore if op["path"].endswith("/env/-")]
    options = next(var["value"] for var in env if var["name"] == "PITR_PG_OPTIONS")
    assert f"archive_command='{k8s_command}'" in options


def test_the_pitr_scripts_the_pods_mount_are_all_they_source():
    # Every file a mounted script sources is mounted too, at the path it sources.
    kustomization = yaml.safe_load((REPO / "scripts" / "kustomization.yaml").read_text())
    keys = {}
    for entry in kustomization["configMapGenerator"][0]["files"]:
        key, _, path = entry.partition("=")
        keys[key] = path or key
    pods = [dev_objects("postgres.yaml")[("StatefulSet", "postgres")]["spec"]["template"]["spec"],
            dev_objects("pitr.yaml")[("CronJob", "pitr-backup")]["spec"]["jobTemplate"]["spec"]["template"]["spec"]]
    for pod in pods:
        volume = next(v for v in pod["volumes"] if v.get("configMap", {}).get("name") == "backup-scripts")
        mounted = {item["path"]: keys[item["key"]] for item in volume["configMap"]["items"]}
        assert all(path == source for path, source in mounted.items()), mounted
        for path in mounted:
            text = (REPO / "scripts" / path).read_text()
            for sourced in re.findall(r'source "\$HERE/([^"]+)"', text):
                assert sourced in mounted, f"{path} sources {sourced}, which is not mounted"
