"""scripts/deploy.sh against a stand-in server: its remote part runs for real in a
local bash (DEPLOY_SSH="bash -s") in a temporary DEPLOY_PATH, and so does its
health check, the repository's `make health STACK=prod` (Makefile, mk/ and
scripts/health.sh are copied there); only `docker` is faked (fake_docker.py),
because no image can be pulled or run here.

Covered: the order of the steps and the recorded tag on success; a failed health
check or `up` rolls back to the previous tag; a failed backup, pull or migration
stops before anything is restarted; usage errors; the lock; a dropped connection.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DEPLOY = REPO / "scripts" / "deploy.sh"
FAKE_DOCKER = Path(__file__).with_name("fake_docker.py")
PROD_FILES = ["-f", "docker-compose.yml", "-f", "docker-compose.prod.yml"]
BACKUP = "/backups/backup_20250101_020000.dump"
STAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ deploy: ", re.M)


class Server:
    """DEPLOY_PATH (with a space in it, to test the quoting) plus the fake docker.

    DEPLOY_PATH is a checkout as far as `make health` needs one."""

    def __init__(self, root: Path):
        self.path = root / "srv" / "full stack"
        self.path.mkdir(parents=True)
        for name in ("docker-compose.yml", "docker-compose.prod.yml", ".env"):
            (self.path / name).write_text("# stand-in\n")
        shutil.copy(REPO / "Makefile", self.path)
        shutil.copytree(REPO / "mk", self.path / "mk")
        (self.path / "scripts").mkdir()
        shutil.copy(REPO / "scripts" / "health.sh", self.path / "scripts")
        self.bin = root / "bin"
        self.bin.mkdir()
        docker = self.bin / "docker"
        shutil.copy(FAKE_DOCKER, docker)
        docker.chmod(0o755)
        self.state = root / "docker-state"
        self.state.mkdir()

    def scenario(self, running: str | None = "v1", **scenario) -> None:
        if running is not None:
            (self.path / ".deploy").mkdir(exist_ok=True)
            (self.path / ".deploy" / "current-tag").write_text(running + "\n")
        (self.state / "scenario.json").write_text(json.dumps({"running": running, **scenario}))

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items()
               if not k.startswith("DEPLOY_") and k not in ("BACKEND_IMAGE", "FRONTEND_IMAGE", "PITR_IMAGE")}
        env.update(
            PATH=f"{self.bin}{os.pathsep}{env['PATH']}",
            FAKE_DOCKER_DIR=str(self.state),
            DEPLOY_SSH="bash -s",
            DEPLOY_PATH=str(self.path),
            DEPLOY_HEALTH_TIMEOUT_SECONDS="2",
            DEPLOY_HEALTH_INTERVAL_SECONDS="1",
        )
        env.update(extra)
        return env

    def deploy(self, *args: str, **env: str) -> subprocess.CompletedProcess:
        return subprocess.run(["bash", str(DEPLOY), *args], env=self.env(**env),
                              capture_output=True, text=True, timeout=60)

    def calls(self) -> list[dict]:
        path = self.state / "calls.jsonl"
        if not path.exists():
            return []
        return [json.loads(line) for line in path.read_text().splitlines()]

    def steps(self) -> list[tuple[str, str | None]]:
        """The compose calls as (step, IMAGE_TAG), repeated health checks merged;
        the probes `docker info` and `docker compose version` left out."""
        names = []
        for call in self.calls():
            argv = call["argv"]
            if argv in (["info"], ["compose", "version"]):
                continue
            assert argv[0] == "compose", argv
            while argv[1:2] == ["-f"]:
                argv = argv[:1] + argv[3:]
            step = {"pull": "pull", "ps": "health", "exec": "reload"}.get(argv[1])
            if argv[1] == "run":
                step = "backup" if "backup" in argv else "migrate"
            if argv[1] == "up":
                step = "rollback-up" if "--no-deps" in argv else "up"
            if not names or names[-1] != (step, call["IMAGE_TAG"]):
                names.append((step, call["IMAGE_TAG"]))
        return names

    def current_tag(self) -> str | None:
        path = self.path / ".deploy" / "current-tag"
        return path.read_text().strip() if path.exists() else None


@pytest.fixture
def server(tmp_path):
    return Server(tmp_path)


def output(result: subprocess.CompletedProcess) -> str:
    return result.stdout + result.stderr


# --- success ------------------------------------------------------------------------


def test_a_deploy_backs_up_pulls_migrates_restarts_checks_health_and_records_the_tag(server):
    server.scenario(running="v1")
    result = server.deploy("v2")
    assert result.returncode == 0, output(result)
    assert server.calls()[0]["argv"] == ["compose", "version"]
    assert server.steps() == [
        ("backup", "v1"), ("pull", "v2"), ("migrate", "v2"),
        ("up", "v2"), ("health", "v2"), ("reload", "v2"),
    ]
    up = next(c for c in server.calls() if c["argv"][5:6] == ["up"])
    assert up["argv"] == ["compose", *PROD_FILES, "up", "-d", "--remove-orphans"]
    # The health check is `make health STACK=prod`: the prod stack's containers.
    ps = next(c for c in server.calls() if c["argv"][5:6] == ["ps"])
    assert ps["argv"][:8] == ["compose", *PROD_FILES, "ps", "-a", "--format"]
    assert "for make --no-print-directory health STACK=prod" in result.stdout
    assert all(c["cwd"] == str(server.path) for c in server.calls())
    assert server.current_tag() == "v2"
    assert f"DEPLOYED v2 (previous: v1; backup: {BACKUP})" in result.stdout
    # Every line the script logs carries a UTC timestamp, locally and on the server.
    assert len(STAMP.findall(result.stdout)) >= 8
    log = (server.path / ".deploy" / "deploy.log").read_text()
    assert "step 3/6 pull v2" in log and "DEPLOYED v2" in log
    history = (server.path / ".deploy" / "history").read_text()
    assert re.search(rf" v2 previous=v1 backup={BACKUP} result=deployed$", history, re.M)


def test_the_first_deploy_works_without_a_recorded_tag(server):
    server.scenario(running=None)
    result = server.deploy("sha-0123456789abcdef0123456789abcdef01234567")
    assert result.returncode == 0, output(result)
    assert "none recorded (no rollback possible)" in result.stdout
    assert server.current_tag() == "sha-0123456789abcdef0123456789abcdef01234567"


def test_image_names_and_paths_with_spaces_reach_the_server_intact(server):
    server.scenario(running="v1")
    result = server.deploy("v2", BACKEND_IMAGE="ghcr.io/acme/shop/backend")
    assert result.returncode == 0, output(result)
    pull = next(c for c in server.calls() if "pull" in c["argv"])
    assert pull["BACKEND_IMAGE"] == "ghcr.io/acme/shop/backend"


# --- failures after the restart: rollback ---------------------------------------------


def test_an_unhealthy_release_is_rolled_back_to_the_previous_tag(server):
    server.scenario(running="v1", unhealthy_for=["v2"])
    result = server.deploy("v2")
    assert result.returncode == 1, output(result)
    # make health fails, the previous tag is restarted, make health passes.
    assert server.steps() == [
        ("backup", "v1"), ("pull", "v2"), ("migrate", "v2"),
        ("up", "v2"), ("health", "v2"),
        ("rollback-up", "v1"), ("health", "v1"), ("reload", "v1"),
    ]
    rollback = next(c for c in server.calls() if "--no-deps" in c["argv"])
    assert rollback["argv"][5:] == ["up", "-d", "--no-deps", "backend", "worker", "frontend"]
    assert server.current_tag() == "v1"
    out = result.stdout
    # The last failing report of make health, then its pass after the rollback.
    assert re.search(r"^  backend +FAIL  running, unhealthy$", out, re.M), out
    assert re.search(r"health: still failing after 2s:(.|\n)*rollback:(.|\n)*health: ok", out)
    assert "ROLLED BACK to v1, which is running and healthy; v2 is not deployed" in out
    assert f"backup taken before this deploy: {BACKUP}" in out
    assert "the database was NOT restored" in out
    assert ("docker compose -f docker-compose.yml -f docker-compose.prod.yml exec backup "
            "bash /scripts/restore.sh backup_20250101_020000.dump") in out
    assert "deploy of v2 FAILED; the previous version runs" in out


def test_a_failed_up_is_rolled_back(server):
    server.scenario(running="v1", up_fails_for=["v2"])
    result = server.deploy("v2")
    assert result.returncode == 1, output(result)
    assert server.steps()[-4:] == [("up", "v2"), ("rollback-up", "v1"), ("health", "v1"),
                                   ("reload", "v1")]
    assert "docker compose up failed for v2" in result.stdout
    assert server.current_tag() == "v1"


def test_a_failed_nginx_reload_counts_as_a_failed_deploy(server):
    server.scenario(running="v1", fail=["reload"])
    result = server.deploy("v2")
    # The rollback's own reload fails the same way: the stack needs a person.
    assert result.returncode == 3, output(result)
    assert "ROLLBACK FAILED" in result.stdout
    assert server.current_tag() == "v1"


def test_when_the_previous_tag_is_unhealthy_too_the_script_says_so_and_exits_3(server):
    server.scenario(running="v1", unhealthy_for=["v2", "v1"])
    result = server.deploy("v2")
    assert result.returncode == 3, output(result)
    assert "ROLLBACK FAILED: v1 is not healthy either" in result.stdout
    assert "the stack may be down" in result.stdout
    assert server.current_tag() == "v1"


def test_without_a_previous_tag_there_is_no_rollback(server):
    server.scenario(running=None, unhealthy_for=["v2"])
    result = server.deploy("v2")
    assert result.returncode == 3, output(result)
    assert "NO ROLLBACK" in result.stdout
    assert not any(step == "rollback-up" for step, _ in server.steps())
    assert server.current_tag() is None


def test_a_custom_health_command_replaces_the_container_check(server):
    server.scenario(running="v1")
    result = server.deploy("v2", DEPLOY_HEALTH_CMD="test -e healthy && echo 'api: ok'")
    # No `healthy` file on the "server": the release and the rollback both fail it.
    assert result.returncode == 3, output(result)
    assert ("health", "v2") not in server.steps()
    assert server.current_tag() == "v1"
    (server.path / "healthy").touch()
    assert server.deploy("v3", DEPLOY_HEALTH_CMD="test -e healthy").returncode == 0
    assert server.current_tag() == "v3"


# --- failures before the restart: nothing changes -------------------------------------


@pytest.mark.parametrize("failing, last_step, message", [
    ("backup", "backup", "the backup failed; nothing was changed"),
    ("pull", "pull", "pulling the images of v2 failed; nothing was changed"),
    ("migrate", "migrate", "the migrations of v2 failed; nothing was restarted"),
])
def test_a_failure_before_the_restart_stops_with_the_running_version_untouched(
        server, failing, last_step, message):
    server.scenario(running="v1", fail=[failing])
    result = server.deploy("v2")
    assert result.returncode == 1, output(result)
    steps = [step for step, _ in server.steps()]
    assert steps[-1] == last_step
    assert "up" not in steps and "rollback-up" not in steps
    assert message in result.stdout
    assert server.current_tag() == "v1"
    assert not (server.state / "state.json").exists()  # no `up` ever ran


# --- usage ----------------------------------------------------------------------------


@pytest.mark.parametrize("args", [
    [], ["v1", "v2"], [""], ["v2;rm -rf /"], ["../v2"], ["-v2"], [".v2"], ["v2 v3"],
    ["a" * 129], ["v2\n"],
])
def test_a_missing_or_malformed_tag_is_a_usage_error_that_touches_nothing(server, args):
    server.scenario(running="v1")
    result = server.deploy(*args)
    assert result.returncode == 2, output(result)
    assert "usage: scripts/deploy.sh IMAGE_TAG" in result.stderr
    assert server.calls() == []


@pytest.mark.parametrize("env, message", [
    ({"DEPLOY_SSH": ""}, "set DEPLOY_HOST and DEPLOY_USER"),
    ({"DEPLOY_SSH": "", "DEPLOY_HOST": "example.com"}, "set DEPLOY_HOST and DEPLOY_USER"),
    ({"DEPLOY_HEALTH_TIMEOUT_SECONDS": "soon"}, "must be a number of seconds"),
    ({"DEPLOY_APP_SERVICES": "backend; reboot"}, "must be Compose service names"),
])
def test_bad_settings_are_usage_errors(server, env, message):
    server.scenario(running="v1")
    result = server.deploy("v2", **env)
    assert result.returncode == 2, output(result)
    assert message in result.stderr
    assert server.calls() == []


# --- the SSH command -------------------------------------------------------------------

FAKE_SSH = """#!/bin/bash
# Records how deploy.sh calls ssh, and what its key and known_hosts files hold,
# then runs the remote shell locally (the last two arguments are `bash -s`).
{
  printf '%s\\n' "$@"
  for ((i = 1; i < $#; i++)); do
    case ${!i} in
      -i) j=$((i + 1)); printf 'key %s %s\\n' "$(stat -c %a "${!j}")" "$(cat "${!j}")" ;;
      UserKnownHostsFile=*) f=${!i#*=}; printf 'known_hosts %s\\n' "$(cat "$f")" ;;
    esac
  done
} >"$FAKE_DOCKER_DIR/ssh-call"
exec bash -s
"""


def test_the_default_channel_is_ssh_with_the_key_and_host_key_from_the_environment(server):
    server.scenario(running="v1")
    (server.bin / "ssh").write_text(FAKE_SSH)
    (server.bin / "ssh").chmod(0o755)
    result = server.deploy("v2", DEPLOY_SSH="", DEPLOY_HOST="app.example.com", DEPLOY_USER="deploy",
                           DEPLOY_SSH_PORT="2222", DEPLOY_SSH_KEY="-----BEGIN KEY-----\nsecret",
                           DEPLOY_SSH_KNOWN_HOSTS="app.example.com ssh-ed25519 AAAAC3Nza")
    assert result.returncode == 0, output(result)
    call = (server.state / "ssh-call").read_text().splitlines()
    assert call[:4] == ["-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes"]
    assert call[call.index("-p") + 1] == "2222"
    target = call.index("deploy@app.example.com")
    assert call[target + 1:target + 3] == ["bash", "-s"]
    assert "key 600 -----BEGIN KEY-----" in call and "secret" in call
    assert "known_hosts app.example.com ssh-ed25519 AAAAC3Nza" in call
    key_file = call[call.index("-i") + 1]
    assert not Path(key_file).exists()  # removed when the script exits
    assert "secret" not in result.stdout + result.stderr


def test_without_known_hosts_the_host_key_is_trusted_on_first_use(server):
    server.scenario(running="v1")
    (server.bin / "ssh").write_text(FAKE_SSH)
    (server.bin / "ssh").chmod(0o755)
    result = server.deploy("v2", DEPLOY_SSH="", DEPLOY_HOST="10.0.0.5", DEPLOY_USER="deploy",
                           DEPLOY_SSH_KEY_FILE="/home/ci/.ssh/id_ed25519")
    assert result.returncode == 0, output(result)
    call = (server.state / "ssh-call").read_text().splitlines()
    assert "StrictHostKeyChecking=accept-new" in call
    assert call[call.index("-i") + 1] == "/home/ci/.ssh/id_ed25519"


@pytest.mark.parametrize("host, user", [
    ("-oProxyCommand=sh", "deploy"), ("app.example.com", "-l"), ("app example.com", "deploy"),
    ("app.example.com", "de ploy"),
])
def test_a_host_or_user_that_ssh_would_read_as_an_option_is_refused(server, host, user):
    server.scenario(running="v1")
    result = server.deploy("v2", DEPLOY_SSH="", DEPLOY_HOST=host, DEPLOY_USER=user)
    assert result.returncode == 2, output(result)
    assert server.calls() == []


# --- the server side ------------------------------------------------------------------


def test_a_second_deploy_at_the_same_time_is_refused(server):
    server.scenario(running="v1")
    (server.path / ".deploy").mkdir(exist_ok=True)
    with open(server.path / ".deploy" / "lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        result = server.deploy("v2")
    assert result.returncode == 1, output(result)
    assert "another deploy holds" in result.stdout
    assert server.calls() == []


def test_a_missing_env_file_stops_before_the_backup(server):
    server.scenario(running="v1")
    (server.path / ".env").unlink()
    result = server.deploy("v2")
    assert result.returncode == 1, output(result)
    assert "no .env in" in result.stdout
    assert server.calls() == []


def test_the_server_finishes_the_deploy_when_the_connection_drops(server):
    """The "SSH channel" closes after two lines; the remote side carries on."""
    server.scenario(running="v1", unhealthy_for=["v2"])
    dropping = server.bin / "dropping-ssh"
    dropping.write_text("#!/bin/bash\nbash -s | head -n 2\n")
    dropping.chmod(0o755)
    result = server.deploy("v2", DEPLOY_SSH=str(dropping))
    assert "ROLLED BACK" not in result.stdout  # the caller saw only the first lines
    log = (server.path / ".deploy" / "deploy.log").read_text()
    assert "ROLLED BACK to v1" in log
    assert ("rollback-up", "v1") in server.steps()
    assert server.current_tag() == "v1"


if __name__ == "__main__":
    sys.exit(pytest.main([__file__, "-q"]))
