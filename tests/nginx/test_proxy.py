"""The reverse proxy's behaviour, against the real nginx, API and SPA fixture."""

from __future__ import annotations

import gzip
import http.client
import json
import os
import re
import shutil
import subprocess
import time
import uuid

import pytest
from support.processes import REPO

SECURITY_HEADERS = {
    "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}
NGINX_REQUEST_ID = re.compile(r"^[0-9a-f]{32}$")
PROXY_429 = "Too many requests: slow down and try again shortly."


def assert_security_headers(resp, *, docs: bool = False) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert resp.headers.get_all(name) == [value], name
    assert "camera=()" in resp.header("Permissions-Policy")
    assert resp.header("Cross-Origin-Opener-Policy") == "same-origin"
    csp = resp.headers.get_all("Content-Security-Policy")
    assert csp is not None and len(csp) == 1
    assert "default-src 'self'" in csp[0]
    assert "script-src 'self';" in csp[0]  # never inline scripts, anywhere
    assert "frame-ancestors 'none'" in csp[0]
    assert ("'unsafe-inline'" in csp[0]) == docs
    assert "nginx/" not in (resp.header("Server") or "")  # server_tokens off


# --- routing ---------------------------------------------------------------------


def test_http_redirects_to_https_keeping_path_and_query(proxy):
    resp = proxy.get("/items/42?tab=details", https=False, headers={"Host": "localhost"})
    assert resp.status == 301
    assert resp.header("Location") == f"https://localhost:{proxy.https_port}/items/42?tab=details"
    assert resp.header("Strict-Transport-Security") is None  # HSTS only over HTTPS


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8443", "localhost.evil.example"])
def test_the_redirect_names_the_configured_host_not_the_request_host(proxy, host):
    # The Host header is the client's to write: the redirect goes to the public
    # name (the first of SERVER_NAME, "localhost" here), never echoes it.
    resp = proxy.get("/items/42?tab=details", https=False, headers={"Host": host})
    assert resp.status == 301
    assert resp.header("Location") == f"https://localhost:{proxy.https_port}/items/42?tab=details"
    assert "evil" not in resp.header("Location")


@pytest.mark.parametrize("server_name", ["_", "*.example.com", "~^(www\\.)?example\\.com$",
                                         ".example.com"])
def test_rendering_refuses_a_first_server_name_the_redirect_cannot_name(tmp_path, server_name):
    result = subprocess.run([REPO / "scripts" / "render-nginx.sh", tmp_path / "conf"],
                            env=dict(os.environ, SERVER_NAME=f"{server_name} example.com"),
                            capture_output=True, text=True)
    assert result.returncode != 0
    assert "SERVER_NAME" in result.stderr


def test_http_redirects_api_calls_too(proxy):
    resp = proxy.request("POST", "/api/v1/login/access-token", https=False,
                         headers={"Host": "localhost"})
    assert resp.status == 301
    assert resp.header("Location").endswith(f":{proxy.https_port}/api/v1/login/access-token")


def test_the_api_is_routed(proxy):
    resp = proxy.get("/api/v1/utils/health-check/")
    assert resp.status == 200
    assert resp.json() is True
    assert_security_headers(resp)


def test_api_errors_come_from_the_api_with_the_headers(proxy):
    resp = proxy.get("/api/v1/users/me")
    assert resp.status == 401
    assert resp.header("WWW-Authenticate") == "Bearer"
    assert_security_headers(resp)


def test_openapi_document_is_routed(proxy):
    resp = proxy.get("/openapi.json")
    assert resp.status == 200
    assert resp.json()["openapi"].startswith("3.")
    assert_security_headers(resp)


def test_swagger_ui_is_routed_under_its_own_csp(proxy):
    resp = proxy.get("/docs/")
    assert resp.status == 200
    assert b"swagger-ui" in resp.body
    assert_security_headers(resp, docs=True)
    for asset in ("/docs/swagger-ui-bundle.js", "/docs/swagger-initializer.js",
                  "/docs/swagger-ui.css"):
        asset_resp = proxy.get(asset)
        assert asset_resp.status == 200, asset
        assert_security_headers(asset_resp, docs=True)


def test_docs_without_slash_reaches_the_api(proxy):
    resp = proxy.get("/docs")
    assert resp.status in (301, 302, 303, 307, 308)
    assert resp.header("Location").endswith("/docs/")
    assert_security_headers(resp, docs=True)


def test_liveness_is_public_but_readiness_is_not(proxy):
    resp = proxy.get("/health")
    assert resp.status == 200
    assert resp.json()["status"] == "ok"
    assert proxy.get("/health/ready").status == 404


def test_the_spa_is_routed(proxy):
    resp = proxy.get("/")
    assert resp.status == 200
    assert resp.header("Content-Type").startswith("text/html")
    assert b'data-fixture="spa-index"' in resp.body
    assert_security_headers(resp)


@pytest.mark.parametrize("path", ["/items/42", "/admin", "/settings/profile?tab=password",
                                  "/login", "/metricsdashboard"])
def test_spa_deep_links_serve_index_html(proxy, path):
    resp = proxy.get(path)
    assert resp.status == 200
    assert b'data-fixture="spa-index"' in resp.body
    assert b"http_requests_total" not in resp.body
    assert_security_headers(resp)


def test_spa_assets_are_served_with_their_cache_headers(proxy):
    resp = proxy.get("/assets/app-abc123.js")
    assert resp.status == 200
    assert resp.header("Content-Type") == "application/javascript"
    assert "immutable" in resp.header("Cache-Control")
    assert_security_headers(resp)


def test_unknown_api_paths_are_the_apis_404(proxy):
    resp = proxy.get("/api/v1/nope")
    assert resp.status == 404
    assert "detail" in resp.json()


# --- /metrics ----------------------------------------------------------------------


@pytest.mark.parametrize("path", [
    "/metrics", "/metrics/", "//metrics", "/metrics?format=prometheus", "/metrics/x",
    "/%6Detrics", "/./metrics", "/api/../metrics", "/docs/../metrics", "/Metrics",
    "/metrics%2F", "///metrics//",
])
def test_metrics_is_never_reachable(proxy, path):
    resp = proxy.get(path)
    assert resp.status in (400, 403, 404)
    assert b"# TYPE" not in resp.body and b"http_requests_total" not in resp.body
    assert_security_headers(resp)


def test_the_api_really_serves_metrics_so_the_block_matters(api):
    conn = http.client.HTTPConnection(*api.split(":"), timeout=10)
    conn.request("GET", "/metrics")
    resp = conn.getresponse()
    assert resp.status == 200 and b"http_requests_total" in resp.read()
    conn.close()


# --- compression -----------------------------------------------------------------


@pytest.mark.parametrize("path", ["/openapi.json", "/assets/app-abc123.js", "/", "/items/7",
                                  "/docs/swagger-ui.css"])
def test_responses_are_gzipped(proxy, path):
    plain = proxy.get(path)
    resp = proxy.get(path, headers={"Accept-Encoding": "gzip"})
    assert resp.status == 200
    assert resp.header("Content-Encoding") == "gzip"
    assert "accept-encoding" in (resp.header("Vary") or "").lower()
    assert gzip.decompress(resp.body) == plain.body
    assert len(resp.body) < len(plain.body)


def test_the_spa_fixture_does_not_compress_so_the_proxy_does(proxy):
    # The fixture has gzip off; the compressed answer above is the proxy's.
    resp = proxy.get("/assets/app-abc123.js", headers={"Accept-Encoding": "identity"})
    assert resp.header("Content-Encoding") is None


# --- request ids and forwarded headers ---------------------------------------------


def test_the_callers_request_id_reaches_the_api_and_comes_back(proxy):
    resp = proxy.get("/api/v1/utils/health-check/", headers={"X-Request-Id": "trace-abc.123"})
    assert resp.headers.get_all("X-Request-Id") == ["trace-abc.123"]


def test_the_proxy_generates_a_request_id_for_the_api(proxy):
    resp = proxy.get("/api/v1/utils/health-check/")
    # The API would make a UUID (with dashes); 32 hex digits is nginx's $request_id.
    assert NGINX_REQUEST_ID.match(resp.header("X-Request-Id"))


def test_an_unsafe_request_id_is_replaced(proxy):
    resp = proxy.get("/api/v1/utils/health-check/", headers={"X-Request-Id": "a b<script>"})
    assert NGINX_REQUEST_ID.match(resp.header("X-Request-Id"))


def test_the_upstream_receives_forwarded_headers_and_the_request_id(echo_proxy):
    resp = echo_proxy.get("/api/v1/echo?x=1", source="127.0.0.9",
                          headers={"X-Request-Id": "rid-1", "X-Forwarded-For": "6.6.6.6"})
    assert resp.status == 200
    seen = {k.lower(): v for k, v in resp.json()["headers"].items()}
    assert resp.json()["path"] == "/api/v1/echo?x=1"
    assert seen["x-request-id"] == "rid-1"
    # The peer's address only: the forged value is dropped, not appended to.
    assert seen["x-forwarded-for"] == "127.0.0.9"
    assert seen["x-real-ip"] == "127.0.0.9"
    assert seen["x-forwarded-proto"] == "https"
    assert seen["x-forwarded-host"] == "127.0.0.1"
    assert seen["x-forwarded-port"] == str(echo_proxy.https_port)
    assert seen["host"] == "127.0.0.1"
    # HTTP/1.1 keepalive to the upstream: no "Connection: close".
    assert seen.get("connection", "") == ""


def test_a_forged_x_forwarded_for_is_replaced_by_the_peer_address(echo_proxy):
    # The edge proxy names the peer it saw and nothing else: a client-sent
    # X-Forwarded-For (or X-Real-IP) never reaches the upstream, so no
    # application behind it can be misled by reading the wrong end of a list.
    resp = echo_proxy.get("/api/v1/echo", source="127.0.0.11",
                          headers={"X-Forwarded-For": "1.2.3.4", "X-Real-IP": "1.2.3.4"})
    assert resp.status == 200
    seen = {k.lower(): v for k, v in resp.json()["headers"].items()}
    assert seen["x-forwarded-for"] == "127.0.0.11"
    assert seen["x-real-ip"] == "127.0.0.11"
    assert "1.2.3.4" not in resp.body.decode()


def test_upstream_connections_are_kept_alive(echo_proxy):
    # Each request is a new client connection, yet nginx reuses its pooled
    # connections to the upstream (one pool per worker process).
    ports = {echo_proxy.get("/api/v1/echo", source="127.0.0.10").json()["peer_port"]
             for _ in range(8)}
    assert len(ports) < 8, ports


# --- the access log ------------------------------------------------------------------


def access_log_lines(proxy, request_id: str, source: str, *, timeout: float = 5) -> list[dict]:
    """The JSON access-log lines of the request with this id: the proxy's
    (from `source`), and the SPA fixture's when the request reached it (the
    fixture runs in the same nginx, with the same log format). nginx writes a
    line once the response is sent, so it may lag the client by a moment."""
    deadline = time.monotonic() + timeout
    while True:
        lines = [line for line in (proxy.root / "access.log").read_text(errors="replace")
                 .splitlines() if request_id in line]
        entries = [{"line": line, **json.loads(line)} for line in lines]
        if any(entry["remote_addr"] == source for entry in entries):
            return entries
        if time.monotonic() > deadline:
            raise AssertionError(f"no access-log line from {source} with request id {request_id}")
        time.sleep(0.05)


def proxy_log_line(entries: list[dict], source: str) -> dict:
    return next(entry for entry in entries if entry["remote_addr"] == source)


# Paths and queries that carry an email address or a reset token (a
# credential): the access log gets the route, never the value.
@pytest.mark.parametrize("method, path, logged", [
    ("POST", "/api/v1/password-recovery/victim%40example.com",
     "/api/v1/password-recovery/[redacted]"),
    ("POST", "/api/v1/password-recovery/victim@example.com?lang=en",
     "/api/v1/password-recovery/[redacted]"),
    ("POST", "/api/v1/password-recovery-html-content/victim%40example.com",
     "/api/v1/password-recovery-html-content/[redacted]"),
    # Spelt otherwise, the path still reaches the same location: still redacted.
    ("POST", "//api/v1//password-recovery/victim%40example.com",
     "/api/v1/password-recovery/[redacted]"),
    ("POST", "/api/v1/utils/test-email?email_to=victim%40example.com",
     "/api/v1/utils/test-email?[redacted]"),
    ("GET", "/reset-password?token=victim-secret-token", "/reset-password?[redacted]"),
    ("GET", "/revert-email?token=victim-secret-token", "/revert-email?[redacted]"),
])
def test_emails_and_reset_tokens_are_not_written_to_the_access_log(proxy, method, path, logged):
    request_id = f"log-redaction-{uuid.uuid4().hex}"
    resp = proxy.request(method, path, source="127.0.0.36", body=b"" if method == "POST" else None,
                         headers={"X-Request-Id": request_id})
    assert resp.status < 500
    entries = access_log_lines(proxy, request_id, "127.0.0.36")
    for entry in entries:
        assert "victim" not in entry["line"]
    assert proxy_log_line(entries, "127.0.0.36")["uri"] == logged


def test_other_requests_are_logged_as_they_came(proxy):
    for path in ("/api/v1/items/?skip=0&limit=5", "/recover-password?next=%2Fitems"):
        request_id = f"log-plain-{uuid.uuid4().hex}"
        proxy.get(path, source="127.0.0.37", headers={"X-Request-Id": request_id})
        entries = access_log_lines(proxy, request_id, "127.0.0.37")
        assert proxy_log_line(entries, "127.0.0.37")["uri"] == path


def test_a_referer_with_a_reset_token_is_not_written_to_the_access_log(proxy):
    # The reset page's own requests (its script, the API call) name it in Referer.
    request_id = f"log-referer-{uuid.uuid4().hex}"
    proxy.get("/assets/app-abc123.js", source="127.0.0.38", headers={
        "X-Request-Id": request_id,
        "Referer": "https://localhost/reset-password?token=victim-secret-token",
    })
    entries = access_log_lines(proxy, request_id, "127.0.0.38")
    for entry in entries:
        assert "victim" not in entry["line"]
    assert proxy_log_line(entries, "127.0.0.38")["referer"] == \
        "https://localhost/reset-password?[redacted]"


# --- limits ------------------------------------------------------------------------


def test_api_requests_above_the_rate_limit_get_429(proxy):
    statuses = [proxy.get("/api/v1/utils/health-check/", source="127.0.0.20") for _ in range(40)]
    codes = [r.status for r in statuses]
    # 10 r/s with a burst of 20 served at once: at least the first 21 pass.
    assert codes[:21] == [200] * 21
    limited = [r for r in statuses if r.status == 429]
    assert limited, codes
    assert limited[0].json() == {"detail": PROXY_429}
    assert limited[0].header("Content-Type") == "application/json"
    assert limited[0].header("Retry-After") == "1"
    assert_security_headers(limited[0])
    # Another client is not affected.
    assert proxy.get("/api/v1/utils/health-check/", source="127.0.0.21").status == 200


def test_login_has_a_stricter_limit(proxy):
    def attempt(n):
        return proxy.request(
            "POST", "/api/v1/login/access-token", source="127.0.0.30",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            # A different email each time, so the API's per-email limit stays out of it.
            body=f"username=nobody{n}%40example.com&password=wrong-password".encode(),
        )

    results = [attempt(n) for n in range(8)]
    # 5 r/min with a burst of 5: six attempts reach the API (400: bad credentials).
    assert [r.status for r in results[:6]] == [400] * 6
    assert [r.status for r in results[6:]] == [429, 429]
    assert results[6].json() == {"detail": PROXY_429}
    # The general API limit is untouched for the same client.
    assert proxy.get("/api/v1/utils/health-check/", source="127.0.0.30").status == 200


@pytest.mark.parametrize("path, source", [
    ("/api/v1/password-recovery/a%40example.com", "127.0.0.31"),
    ("/api/v1/reset-password/", "127.0.0.32"),
    ("/api/v1/users/signup", "127.0.0.33"),
    ("/api/v1/revert-email-change", "127.0.0.35"),
])
def test_recovery_reset_and_signup_share_the_stricter_limit(proxy, path, source):
    results = [proxy.request("POST", path, source=source, body=b"{}",
                             headers={"Content-Type": "application/json"})
               for _ in range(8)]
    by_proxy = [r.status == 429 and r.json() == {"detail": PROXY_429} for r in results]
    # Six reach the API (which may apply its own, finer limits); then the proxy refuses.
    assert by_proxy == [False] * 6 + [True] * 2, [(r.status, r.body[:80]) for r in results]


def test_session_refresh_is_not_in_the_stricter_limit(proxy):
    # A refresh token is random and single use: nothing to guess, so renewing
    # sessions (every page load after the access token expires) only counts
    # against the general limit.
    results = [proxy.request("POST", "/api/v1/login/refresh", source="127.0.0.34",
                             body=b'{"refresh_token": "rt_unknown"}',
                             headers={"Content-Type": "application/json"})
               for _ in range(10)]
    assert [r.status for r in results] == [401] * 10, [(r.status, r.body[:80]) for r in results]


def test_bodies_above_the_limit_get_413_from_the_proxy(proxy):
    # Headers only: nginx answers as soon as it sees the Content-Length.
    conn = http.client.HTTPSConnection("127.0.0.1", proxy.https_port, context=proxy.context(),
                                       source_address=("127.0.0.40", 0), timeout=15)
    conn.putrequest("POST", "/api/v1/items/")
    conn.putheader("Content-Type", "application/json")
    conn.putheader("Content-Length", str(70_000))  # the limit is 64k, as the API's
    conn.endheaders()
    resp = conn.getresponse()
    body = resp.read()
    conn.close()
    assert resp.status == 413
    assert body == b'{"detail":"Request body too large."}'


def test_bodies_under_the_limit_pass_through(proxy):
    resp = proxy.request("POST", "/api/v1/items/", source="127.0.0.41", body=b"x" * 60_000,
                         headers={"Content-Type": "application/json"})
    # The API refuses it (no token), but it got there.
    assert resp.status == 401
    assert "detail" in resp.json()
    assert resp.json() != {"detail": "Request body too large."}


# --- HTTP/2 ------------------------------------------------------------------------


def test_http2_is_negotiated_by_alpn(proxy):
    ctx = proxy.context()
    ctx.set_alpn_protocols(["h2", "http/1.1"])
    import socket

    with socket.create_connection(("127.0.0.1", proxy.https_port), timeout=10) as raw:
        with ctx.wrap_socket(raw, server_hostname="localhost") as tls:
            assert tls.selected_alpn_protocol() == "h2"
            assert tls.version() in ("TLSv1.2", "TLSv1.3")


@pytest.mark.skipif(not shutil.which("curl"), reason="curl not installed")
def test_curl_speaks_http2_through_the_proxy(proxy):
    out = subprocess.run(
        ["curl", "--http2", "-sS", "-D", "-", "-o", "/dev/null", "--cacert", str(proxy.cert),
         f"https://localhost:{proxy.https_port}/api/v1/utils/health-check/",
         "--resolve", f"localhost:{proxy.https_port}:127.0.0.1", "--interface", "127.0.0.50"],
        capture_output=True, text=True, check=True,
    ).stdout
    assert out.startswith("HTTP/2 200")
    assert "strict-transport-security: max-age=63072000" in out.lower()
