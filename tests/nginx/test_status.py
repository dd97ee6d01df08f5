"""nginx's stub_status server (nginx/conf.d/status.conf.template) and the
Prometheus exporter that reads it: Debian's prometheus-nginx-exporter, run as
a plain process against the proxy of this session."""

from __future__ import annotations

import os
import shutil
import urllib.request

import pytest

EXPORTER = shutil.which("prometheus-nginx-exporter") or "/usr/bin/prometheus-nginx-exporter"


def test_stub_status_answers_on_the_status_port(proxy):
    proxy.get("/")  # at least one request served

    resp = proxy.status("/stub_status")

    assert resp.status == 200
    body = resp.body.decode()
    assert body.startswith("Active connections:")
    assert "server accepts handled requests" in body


def test_the_status_server_serves_nothing_else(proxy):
    for path in ("/", "/stub_status/", "/metrics", "/api/v1/utils/health-check/"):
        assert proxy.status(path).status == 404, path


def test_stub_status_refuses_addresses_outside_the_allowed_ranges(proxy):
    # Of the loopback range only 127.0.0.1 is allowed.
    assert proxy.status("/stub_status", source="127.0.0.2").status == 403


@pytest.mark.parametrize("https", [True, False])
def test_the_public_servers_never_show_stub_status(proxy, https):
    resp = proxy.get("/stub_status", https=https)

    assert b"Active connections" not in resp.body
    assert b"server accepts handled requests" not in resp.body


def test_the_prometheus_exporter_reads_stub_status(proxy, spawn):
    if not os.path.exists(EXPORTER):
        pytest.fail("prometheus-nginx-exporter not installed: apt-get install prometheus-nginx-exporter")
    # Debian's 0.11 takes single-dash flags (the 1.x image in Compose: double dashes).
    port = spawn("nginx-exporter", lambda port: [
        EXPORTER,
        f"-nginx.scrape-uri=http://127.0.0.1:{proxy.status_port}/stub_status",
        f"-web.listen-address=127.0.0.1:{port}",
    ])

    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=15) as resp:
        lines = resp.read().decode().splitlines()

    assert "nginx_up 1" in lines
    active = [line for line in lines if line.startswith("nginx_connections_active ")]
    assert active and float(active[0].split()[1]) >= 1  # the exporter's own request
