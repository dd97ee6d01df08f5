"""Swagger UI and the SPA in Debian's headless Chromium, through the proxy:
they must render with no Content-Security-Policy violation."""

from __future__ import annotations

import shutil
import subprocess

import pytest

CHROMIUM = shutil.which("chromium")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (apt-get install chromium)")


def load(url: str, tmp_path) -> tuple[str, str]:
    """The rendered DOM and the browser's console log."""
    result = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         # The generated certificate is self-signed: the TLS tests check it.
         "--ignore-certificate-errors", f"--user-data-dir={tmp_path / 'profile'}",
         "--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000", "--dump-dom", url],
        capture_output=True, text=True, timeout=90,
    )
    return result.stdout, result.stderr


def csp_violations(console: str) -> list[str]:
    return [line for line in console.splitlines() if "Content Security Policy" in line]


def test_swagger_ui_renders_under_its_csp(proxy, tmp_path):
    dom, console = load(f"https://127.0.0.1:{proxy.https_port}/docs/", tmp_path)
    assert csp_violations(console) == []
    assert "opblock" in dom  # the operations were rendered from /openapi.json
    assert "/api/v1/utils/health-check" in dom


def test_the_spa_renders_under_the_strict_csp(proxy, tmp_path):
    dom, console = load(f"https://127.0.0.1:{proxy.https_port}/items/42", tmp_path)
    assert csp_violations(console) == []
    assert 'data-loaded="yes"' in dom  # the fixture's module script ran
