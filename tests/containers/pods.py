"""The pods of a rendered Kubernetes overlay, run in the suite's Docker engine
as one node's kubelet would run them. No cluster can run here; this runs what
the manifests say each container does: its image, command and args, its
environment (ConfigMaps and Secrets resolved), its volumes (emptyDir, the
ConfigMap's files with their mode, a PersistentVolumeClaim as a named volume
that every pod of the node shares, as ReadWriteOnce allows) and its security
context (user, group, fsGroup, read-only root, no capabilities, no new
privileges). Containers of one pod share its network namespace.

Not run: probes (a test runs a probe's command itself with `probe`), the
scheduler (affinity), resource limits and network policies.
"""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import jsonpatch


def pod_template(workload: dict) -> dict:
    """The pod template of a Deployment, Job or CronJob, or of a StatefulSet's
    first pod (its volumeClaimTemplates become the claims NAME-STATEFULSET-0)."""
    spec = workload["spec"]
    if workload["kind"] == "CronJob":
        spec = spec["jobTemplate"]["spec"]
    template = json.loads(json.dumps(spec["template"]))
    if workload["kind"] == "StatefulSet":
        for claim in spec.get("volumeClaimTemplates", []):
            name = claim["metadata"]["name"]
            template["spec"].setdefault("volumes", []).append(
                {"name": name, "persistentVolumeClaim": {"claimName": f"{name}-{workload['metadata']['name']}-0"}})
    return template


def job_from_cronjob(cronjob: dict, name: str) -> dict:
    """What `kubectl create job NAME --from=cronjob/...` makes."""
    return {"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": name},
            "spec": json.loads(json.dumps(cronjob["spec"]["jobTemplate"]["spec"]))}


def patched(obj: dict, patch: list[dict]) -> dict:
    """`kubectl patch --local --type=json`."""
    return jsonpatch.apply_patch(obj, patch)


class Node:
    """One node: its pods' containers, the claims' volumes, a folder for ConfigMap files."""

    def __init__(self, objects: list[dict], env: dict[str, str], prefix: str):
        self.objects = objects
        self.env = env
        self.prefix = prefix
        self.files = Path(tempfile.mkdtemp(prefix=f"{prefix}-files-"))
        self.containers: list[str] = []
        self.volumes: set[str] = set()

    # --- the engine

    def docker(self, *args: str, check: bool = True, input: str | None = None,
               timeout: float = 600) -> subprocess.CompletedProcess:
        result = subprocess.run(["docker", *args], env=self.env, input=input, capture_output=True,
                                text=True, timeout=timeout)
        if check and result.returncode != 0:
            raise AssertionError(f"docker {' '.join(args)} failed:\n{result.stderr[-3000:]}")
        return result

    def remove_leftovers(self) -> None:
        """What an interrupted earlier run left: containers and volumes with this prefix."""
        names = self.docker("ps", "-aq", "--filter", f"name=^{self.prefix}-").stdout.split()
        if names:
            self.docker("rm", "-f", *names)
        volumes = self.docker("volume", "ls", "-q", "--filter", f"name=^{self.prefix}-").stdout.split()
        if volumes:
            self.docker("volume", "rm", "-f", *volumes)

    def cleanup(self) -> None:
        for name in self.containers:
            self.docker("rm", "-f", name, check=False)
        for volume in self.volumes:
            self.docker("volume", "rm", "-f", volume, check=False)
        shutil.rmtree(self.files, ignore_errors=True)

    # --- what the manifests name

    def named(self, kind: str, name: str) -> dict:
        return next(o for o in self.objects if o["kind"] == kind and o["metadata"]["name"] == name)

    def config_data(self, kind: str, name: str) -> dict[str, str] | None:
        obj = next((o for o in self.objects if o["kind"] == kind and o["metadata"]["name"] == name), None)
        if obj is None:
            return None
        if kind == "Secret":
            data = {k: base64.b64decode(v).decode() for k, v in obj.get("data", {}).items()}
            return {**data, **obj.get("stringData", {})}
        return dict(obj.get("data", {}))

    def environment(self, container: dict) -> dict[str, str]:
        """envFrom, then env over it, as the kubelet resolves them."""
        env: dict[str, str] = {}
        for source in container.get("envFrom", []):
            for kind, key in (("ConfigMap", "configMapRef"), ("Secret", "secretRef")):
                if key in source:
                    env.update(self.config_data(kind, source[key]["name"]) or {})
        for var in container.get("env", []):
            if "value" in var:
                env[var["name"]] = var["value"]
                continue
            ref = var["valueFrom"]
            kind, key = ("ConfigMap", "configMapKeyRef") if "configMapKeyRef" in ref else ("Secret", "secretKeyRef")
            data = self.config_data(kind, ref[key]["name"]) or {}
            if ref[key]["key"] in data:
                env[var["name"]] = data[ref[key]["key"]]
            elif not ref[key].get("optional"):
                raise AssertionError(f"{var['name']}: {kind} {ref[key]['name']} has no key {ref[key]['key']}")
        return env

    # --- volumes

    def claim_volume(self, claim: str) -> str:
        name = f"{self.prefix}-pvc-{claim}"
        if name not in self.volumes:
            self.docker("volume", "create", name)
            self.volumes.add(name)
        return name

    def config_map_folder(self, pod: str, volume: dict) -> Path:
        source = volume["configMap"]
        data = self.config_data("ConfigMap", source["name"])
        assert data is not None, f"ConfigMap {source['name']} is not rendered"
        folder = self.files / pod / volume["name"]
        items = source.get("items") or [{"key": k, "path": k} for k in data]
        for item in items:
            path = folder / item["path"]
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(data[item["key"]])
            path.chmod(item.get("mode", source.get("defaultMode", 0o644)))
        return folder

    def mounts(self, pod: str, spec: dict) -> dict[str, str]:
        """Each volume of the pod as a docker -v source."""
        sources = {}
        for volume in spec.get("volumes", []):
            if "emptyDir" in volume:
                name = f"{self.prefix}-{pod}-{volume['name']}"
                self.docker("volume", "rm", "-f", name, check=False)  # a new pod: a new emptyDir
                self.docker("volume", "create", name)
                self.volumes.add(name)
                sources[volume["name"]] = name
            elif "persistentVolumeClaim" in volume:
                sources[volume["name"]] = self.claim_volume(volume["persistentVolumeClaim"]["claimName"])
            elif "configMap" in volume:
                sources[volume["name"]] = str(self.config_map_folder(pod, volume))
            else:
                raise AssertionError(f"volume {volume['name']}: kind not emulated")
        return sources

    def apply_fs_group(self, image: str, spec: dict, sources: dict[str, str]) -> None:
        """fsGroup with fsGroupChangePolicy OnRootMismatch: each volume's root
        gets the group, group rwx and setgid when its group differs."""
        group = spec.get("securityContext", {}).get("fsGroup")
        if group is None:
            return
        volumes = [source for source in sources.values() if not source.startswith("/")]
        if not volumes:
            return
        args = [arg for i, v in enumerate(volumes) for arg in ("-v", f"{v}:/v{i}")]
        script = " ; ".join(f'[ "$(stat -c %g /v{i})" = {group} ] || {{ chgrp {group} /v{i} && chmod g+rwxs /v{i}; }}'
                            for i in range(len(volumes)))
        self.docker("run", "--rm", "--user", "0", *args, "--entrypoint", "sh", image, "-c", script)

    # --- pods

    def run_pod(self, pod: str, template: dict, *, detach: bool = True,
                timeout: float = 600) -> subprocess.CompletedProcess | None:
        """Starts the pod's containers (detached), or runs its one container to
        the end (detach=False, a Job's pod) and returns its result."""
        spec = template["spec"]
        sources = self.mounts(pod, spec)
        first_image = spec["containers"][0]["image"]
        self.apply_fs_group(first_image, spec, sources)
        network = None
        result = None
        for container in spec["containers"]:
            name = f"{self.prefix}-{pod}-{container['name']}"
            self.docker("rm", "-f", name, check=False)
            args = ["--name", name, *self.security_args(spec, container)]
            args += ["--network", network] if network else ["--hostname", pod]
            for key, value in self.environment(container).items():
                args += ["-e", f"{key}={value}"]
            for mount in container.get("volumeMounts", []):
                source = sources[mount["name"]]
                # A volume starts empty (nocopy: Docker would fill a new one
                # from the image, owner and mode included; Kubernetes does not).
                mode = ":ro" if mount.get("readOnly") else ("" if source.startswith("/") else ":nocopy")
                args += ["-v", f"{source}:{mount['mountPath']}{mode}"]
            command, rest = container.get("command"), container.get("args", [])
            if command:
                args += ["--entrypoint", command[0], container["image"], *command[1:], *rest]
            else:
                args += [container["image"], *rest]
            self.containers.append(name)
            if detach:
                self.docker("run", "-d", *args)
                network = network or f"container:{name}"
            else:
                assert len(spec["containers"]) == 1, "a Job's pod here has one container"
                result = self.docker("run", *args, check=False, timeout=timeout)
        return result

    @staticmethod
    def security_args(spec: dict, container: dict) -> list[str]:
        pod_sc, sc = spec.get("securityContext", {}), container.get("securityContext", {})
        user, group = sc.get("runAsUser", pod_sc.get("runAsUser")), sc.get("runAsGroup", pod_sc.get("runAsGroup"))
        args = []
        if user is not None:
            args += ["--user", f"{user}:{group if group is not None else 0}"]
        if pod_sc.get("fsGroup") is not None:
            args += ["--group-add", str(pod_sc["fsGroup"])]
        if sc.get("readOnlyRootFilesystem"):
            args += ["--read-only"]
        for cap in sc.get("capabilities", {}).get("drop", []):
            args += ["--cap-drop", cap]
        for cap in sc.get("capabilities", {}).get("add", []):
            args += ["--cap-add", cap]
        if sc.get("allowPrivilegeEscalation") is False:
            args += ["--security-opt", "no-new-privileges"]
        return args

    def stop_pod(self, pod: str, template: dict, grace: float | None = None) -> None:
        """SIGTERM to every container at once, then SIGKILL after the grace period."""
        spec = template["spec"]
        grace = grace if grace is not None else spec.get("terminationGracePeriodSeconds", 30)
        names = [f"{self.prefix}-{pod}-{c['name']}" for c in spec["containers"]]
        self.docker("stop", "-t", str(int(grace)), *names, timeout=grace + 120)
        self.docker("rm", *names)

    def exec(self, pod: str, container: str, *command: str, input: str | None = None,
             check: bool = True) -> subprocess.CompletedProcess:
        return self.docker("exec", "-i", f"{self.prefix}-{pod}-{container}", *command, input=input, check=check)

    def probe(self, pod: str, container: dict, which: str = "readinessProbe") -> bool:
        command = container[which]["exec"]["command"]
        return self.exec(pod, container["name"], *command, check=False).returncode == 0

    def logs(self, pod: str, container: str) -> str:
        result = self.docker("logs", f"{self.prefix}-{pod}-{container}", check=False)
        return result.stdout + result.stderr

    def wait_ready(self, pod: str, template: dict, timeout: float) -> float:
        """Until every container's readiness probe passes; the seconds it took."""
        started = time.monotonic()
        pending = [c for c in template["spec"]["containers"] if "readinessProbe" in c]
        while pending:
            pending = [c for c in pending if not self.probe(pod, c)]
            if time.monotonic() - started > timeout:
                names = [c["name"] for c in pending]
                logs = "\n".join(f"--- {n}\n{self.logs(pod, n)[-3000:]}" for n in names)
                raise AssertionError(f"{pod}: {names} not ready within {timeout:.0f} s\n{logs}")
            time.sleep(1)
        return time.monotonic() - started
