"""One client address cannot take the proxy's connections from everyone else.

A greedy client (one loopback address) opens many HTTPS connections and on
each sends the headers of a POST whose body never comes: nginx holds every
such request open, reading the body, for up to client_body_timeout (10 s).
Another client (another loopback address) must still get `GET /health`, and
the greedy client's requests above the per-client limit (limit_conn,
CLIENT_CONN_LIMIT, 100 by default) must be refused at once with the proxy's
JSON 429.

The proxy here runs one worker process, so that its capacity is
worker_connections exactly, whatever the number of CPUs (`auto` elsewhere):
the numbers below mean the same on every machine. Everything stays on the
loopback interface and is bounded: GREEDY_CONNECTIONS sockets, closed at the
end of the test.
"""

from __future__ import annotations

import resource
import signal
import socket
import ssl
import time

import pytest
from conftest import start_proxy
from support.processes import stop

GREEDY, OTHER = "127.0.0.60", "127.0.0.61"
# scripts/render-nginx.sh's default for CLIENT_CONN_LIMIT.
CLIENT_CONN_LIMIT = 100
# More than one worker's 1024 connections (nginx's default, and this
# configuration's before it set worker_connections 4096): without a
# per-client limit and the larger pool, the greedy client alone fills it.
GREEDY_CONNECTIONS = 1100
PROXY_429 = b'{"detail":"Too many requests: slow down and try again shortly."}'
HELD_REQUEST = (b"POST /health HTTP/1.1\r\nHost: localhost\r\n"
                b"Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n")


@pytest.fixture(scope="module")
def single_worker_proxy(workdir, api):
    # The greedy client's sockets, and nginx's (it inherits this limit; its
    # configuration may raise it further with worker_rlimit_nofile).
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = 4 * GREEDY_CONNECTIONS
    if hard != resource.RLIM_INFINITY and hard < wanted:
        pytest.skip(f"RLIMIT_NOFILE hard limit {hard} < {wanted}: cannot open the connections")
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, wanted), hard))
    proxy = start_proxy(workdir / "single-worker-proxy", api, worker_processes=1)
    try:
        yield proxy
    finally:
        stop(proxy.process, signal.SIGQUIT)
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def open_held_request(proxy, context: ssl.SSLContext) -> ssl.SSLSocket:
    raw = socket.create_connection(("127.0.0.1", proxy.https_port), timeout=5,
                                   source_address=(GREEDY, 0))
    try:
        tls = context.wrap_socket(raw, server_hostname="localhost")
        tls.sendall(HELD_REQUEST)
        return tls
    except BaseException:
        raw.close()
        raise


def received(tls: ssl.SSLSocket) -> tuple[bytes, bool]:
    """What the connection has received so far, without waiting, and whether
    the server closed it. (Readiness alone says nothing: TLS 1.3 session
    tickets arrive on every connection.)"""
    tls.setblocking(False)
    data = b""
    while True:
        try:
            chunk = tls.recv(65536)
        except ssl.SSLWantReadError:
            return data, False
        except OSError:
            return data, True
        if not chunk:
            return data, True
        data += chunk


def parse(response: bytes) -> tuple[int, bytes]:
    head, _, body = response.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), body


def test_one_client_address_cannot_exhaust_the_connections(single_worker_proxy):
    proxy = single_worker_proxy
    context = proxy.context()
    greedy: list[ssl.SSLSocket] = []
    refused: list[str] = []  # connections of the greedy client nginx dropped
    began = time.monotonic()
    try:
        for _ in range(GREEDY_CONNECTIONS):
            try:
                greedy.append(open_held_request(proxy, context))
            except OSError as exc:
                refused.append(type(exc).__name__)
        opened = time.monotonic() - began
        # All of it well inside client_body_timeout (10 s): the held requests
        # are all still open while the other client asks.
        assert opened < 8, f"opening {GREEDY_CONNECTIONS} connections took {opened:.1f}s"

        # Another client is served.
        try:
            other = proxy.get("/health", source=OTHER)
        except OSError as exc:
            pytest.fail(f"the other client got no answer ({exc!r}) while {len(greedy)} "
                        f"connections of one address were open ({len(refused)} more dropped)")
        assert other.status == 200
        assert other.json()["status"] == "ok"

        # The greedy client's requests past the limit were answered at once
        # with the proxy's 429; the others are still waiting for their body.
        time.sleep(0.5)
        answers = [received(tls) for tls in greedy]
        held = sum(1 for data, closed in answers if not data and not closed)
        statuses = [parse(data) for data, _ in answers if data]
        assert not refused, f"{len(refused)} connections dropped: {sorted(set(refused))}"
        assert held == CLIENT_CONN_LIMIT, f"{held} requests held, {len(statuses)} answered"
        assert len(statuses) == GREEDY_CONNECTIONS - CLIENT_CONN_LIMIT
        assert {status for status, _ in statuses} == {429}
        assert {body for _, body in statuses} == {PROXY_429}
    finally:
        for tls in greedy:
            tls.close()
