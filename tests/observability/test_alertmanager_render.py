"""monitoring/alertmanager/render.sh: the configuration it writes from the
environment, checked by the real Alertmanager's amtool (Debian's
prometheus-alertmanager) and parsed as YAML."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
RENDER = REPO / "monitoring" / "alertmanager" / "render.sh"
AMTOOL = shutil.which("amtool")
WEBHOOK = "http://localhost:5001/alerts"
SLACK = "https://hooks.slack.com/services/T000/B000/XXXX"


def render(tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    """Runs render.sh into tmp_path/alertmanager.yml with only `env` set."""
    return subprocess.run(
        ["sh", str(RENDER), str(tmp_path / "alertmanager.yml")],
        env={"PATH": os.environ["PATH"], **env}, capture_output=True, text=True,
    )


def rendered(tmp_path: Path, **env: str) -> dict:
    result = render(tmp_path, **env)
    assert result.returncode == 0, result.stderr
    return yaml.safe_load((tmp_path / "alertmanager.yml").read_text())


def amtool(*args: str) -> subprocess.CompletedProcess:
    if AMTOOL is None:
        pytest.fail("amtool not found: apt-get install prometheus-alertmanager")
    return subprocess.run([AMTOOL, *args], capture_output=True, text=True)


def receivers_for(config: Path, *labels: str) -> set[str]:
    """The receivers Alertmanager's routing tree picks for an alert."""
    result = amtool("config", "routes", "test", f"--config.file={config}", *labels)
    assert result.returncode == 0, result.stderr
    return set(result.stdout.strip().split(","))


def test_a_webhook_only_config_passes_amtool_and_has_no_slack(tmp_path):
    config = rendered(tmp_path, ALERT_WEBHOOK_URL=WEBHOOK)

    check = amtool("check-config", str(tmp_path / "alertmanager.yml"))
    assert check.returncode == 0, check.stdout + check.stderr
    assert [r["name"] for r in config["receivers"]] == ["webhook"]
    assert config["receivers"][0]["webhook_configs"] == [{"url": WEBHOOK, "send_resolved": True}]
    assert "slack" not in (tmp_path / "alertmanager.yml").read_text().lower()
    assert config["route"]["group_by"] == ["alertname", "job"]
    for severity in ("warning", "critical"):
        assert receivers_for(tmp_path / "alertmanager.yml", f"severity={severity}") == {"webhook"}


def test_with_slack_every_alert_goes_to_both_receivers(tmp_path):
    config = rendered(tmp_path, ALERT_WEBHOOK_URL=WEBHOOK, SLACK_WEBHOOK_URL=SLACK)

    check = amtool("check-config", str(tmp_path / "alertmanager.yml"))
    assert check.returncode == 0, check.stdout + check.stderr
    receivers = {r["name"]: r for r in config["receivers"]}
    assert set(receivers) == {"webhook", "slack"}
    slack = receivers["slack"]["slack_configs"][0]
    assert slack["api_url"] == SLACK
    assert slack["channel"] == "#alerts"
    assert slack["send_resolved"] is True
    for severity in ("warning", "critical"):
        assert receivers_for(tmp_path / "alertmanager.yml", f"severity={severity}",
                             "alertname=TargetDown") == {"webhook", "slack"}


def test_the_slack_channel_comes_from_slack_channel(tmp_path):
    config = rendered(tmp_path, ALERT_WEBHOOK_URL=WEBHOOK, SLACK_WEBHOOK_URL=SLACK,
                      SLACK_CHANNEL="#ops-pager")

    slack = next(r for r in config["receivers"] if r["name"] == "slack")
    assert slack["slack_configs"][0]["channel"] == "#ops-pager"


def test_an_empty_slack_url_means_no_slack(tmp_path):
    config = rendered(tmp_path, ALERT_WEBHOOK_URL=WEBHOOK, SLACK_WEBHOOK_URL="")

    assert [r["name"] for r in config["receivers"]] == ["webhook"]


@pytest.mark.parametrize("value", [None, ""])
def test_a_missing_webhook_url_is_refused_by_name(tmp_path, value):
    env = {} if value is None else {"ALERT_WEBHOOK_URL": value}
    result = render(tmp_path, SLACK_WEBHOOK_URL=SLACK, **env)

    assert result.returncode != 0
    assert "ALERT_WEBHOOK_URL" in result.stderr
    assert not (tmp_path / "alertmanager.yml").exists()


@pytest.mark.parametrize("variable", ["ALERT_WEBHOOK_URL", "SLACK_WEBHOOK_URL"])
@pytest.mark.parametrize("value", ["hooks.example.com/alerts", "ftp://example.com/", "http://a\nb"])
def test_a_url_that_is_not_one_line_of_http_is_refused(tmp_path, variable, value):
    env = {"ALERT_WEBHOOK_URL": WEBHOOK, variable: value}
    result = render(tmp_path, **env)

    assert result.returncode != 0
    assert variable in result.stderr
    assert value not in result.stderr  # a Slack URL is a credential: never echoed


def test_urls_survive_byte_for_byte(tmp_path):
    # sed's specials (& / | \) and YAML's (' " # :) in the values.
    webhook = "https://hooks.example.com/a/b?x=1&y=a|b&z=%2F#frag"
    slack = "https://hooks.slack.com/services/T0/B0/k'e\"y\\&|/end"
    config = rendered(tmp_path, ALERT_WEBHOOK_URL=webhook, SLACK_WEBHOOK_URL=slack,
                      SLACK_CHANNEL="#it's & | /")

    receivers = {r["name"]: r for r in config["receivers"]}
    assert receivers["webhook"]["webhook_configs"][0]["url"] == webhook
    assert receivers["slack"]["slack_configs"][0]["api_url"] == slack
    assert receivers["slack"]["slack_configs"][0]["channel"] == "#it's & | /"


def test_the_rendered_file_is_private(tmp_path):
    rendered(tmp_path, ALERT_WEBHOOK_URL=WEBHOOK, SLACK_WEBHOOK_URL=SLACK)

    assert (tmp_path / "alertmanager.yml").stat().st_mode & 0o077 == 0
