"""Each API instance behind nginx gets SIGTERM under traffic and starts again.

Expected (backend/src/shutdown.rs): not one request fails. On SIGTERM an
instance keeps serving for a drain period (SHUTDOWN_DRAIN_SECONDS) while its
readiness says 503 and every response asks nginx to close its upstream
connection (`Connection: close`), so nginx holds no idle connection the API
could close under it; then the API stops accepting (after taking the
connections the kernel had queued), and nginx's connection attempts are
refused, which nginx retries on the other instance for every method (nothing
was sent, so even a POST cannot run twice); requests in flight finish, and
the process exits 0. That refusal is also the only upstream error nginx may
log: a connection reset or closed under a request is retried for a GET, so
the client never sees it, but the same for a POST would be a 502.

nginx remembers a refused instance as failed for `fail_timeout` (10 s, its
default); a rolling restart therefore waits that long after an instance
stopped, and until the new process serves traffic, before it stops the next
one, or nginx would have no instance left to send to.
"""

from __future__ import annotations

import json
import re
import signal
import time
from collections import Counter

import requests

from load import Load, make_clients, reads_and_writes
from stack import Stack, wait_until

CLIENTS = 6
RATE_PER_CLIENT = 6  # requests per second; nginx allows 10 per address
# nginx's default `fail_timeout`: how long it skips an instance that refused.
NGINX_FAIL_TIMEOUT = 10
# The drain period (default 5 s) plus requests in flight, with room to spare.
EXIT_WITHIN_SECONDS = 15
REFUSED = "connect() failed (111: Connection refused)"


def api_requests_served(stack: Stack, index: int) -> int:
    """How many /api/ requests this instance's process has answered
    (its own /metrics, straight to the instance)."""
    try:
        text = requests.get(f"{stack.api_url(index)}/metrics", timeout=5).text
    except requests.RequestException:
        return 0
    pattern = re.compile(r'^http_requests_total\{[^}]*path="/api/[^}]*\} (\d+)', re.M)
    return sum(int(count) for count in pattern.findall(text))


def restart(stack: Stack, index: int) -> float:
    """SIGTERM, exit 0, start again, ready, and back in nginx's rotation;
    returns the seconds from SIGTERM to the exit."""
    api = stack.apis[index]
    signalled = time.monotonic()
    status = api.stop(signal.SIGTERM, timeout=EXIT_WITHIN_SECONDS)
    stopped = time.monotonic()
    assert status == 0, f"api{index} exited with {status}:\n{api.logs()[-3000:]}"
    api.start()
    wait_until(lambda: stack.ready(index) == 200, timeout=30)
    # nginx forgets the refusals after fail_timeout; then the new process
    # must get traffic before the next instance may stop.
    time.sleep(max(0.0, stopped + NGINX_FAIL_TIMEOUT + 1 - time.monotonic()))
    wait_until(lambda: api_requests_served(stack, index) >= 20, timeout=15)
    return stopped - signalled


def nginx_log(stack: Stack) -> tuple[dict[str, dict], Counter]:
    """nginx's access log entries by request id, and its error lines, so far.
    (Both streams go to one file, the access log appended, the error lines
    written at stderr's own offset: a scenario tells its lines from earlier
    ones by content, not by position in the file.)"""
    lines = stack.nginx.log.read_text(errors="replace").splitlines()
    access = {}
    for line in lines:
        try:
            entry = json.loads(line)
        except ValueError:
            continue  # an error line, or an access line an error line overwrote
        if isinstance(entry, dict) and "request_id" in entry:
            access[entry["request_id"]] = entry
    return access, Counter(line for line in lines if " [error] " in line)


def upstream_errors(errors: Counter) -> Counter:
    """What went wrong with the upstream, e.g. "connect() failed (111:
    Connection refused)": the text between the connection number and "while"."""
    return Counter(re.sub(r"^.*? \*\d+ ", "", line).split(" while ")[0]
                   for line in errors.elements())


def test_graceful_restart(stack: Stack, report):
    """API restarted with SIGTERM under load, two instances behind nginx"""
    access_before, errors_before = nginx_log(stack)
    clients = make_clients(stack, CLIENTS)
    with Load(stack, clients, rate_per_client=RATE_PER_CLIENT, mix=reads_and_writes) as load:
        time.sleep(3)
        shutdown_seconds = [restart(stack, index) for index in range(len(stack.apis))]
        time.sleep(3)  # traffic on both new processes

    answers = load.between(0)
    failed = Load.failed(answers)
    access, errors = nginx_log(stack)
    errors -= errors_before
    retried = sum("," in entry["upstream"] for request_id, entry in access.items()
                  if request_id not in access_before)
    writes = sum(answer.method == "POST" for answer in answers)
    report.add("requests", f"{len(answers)} ({writes} POST) from {CLIENTS} clients")
    report.add("failed", str(len(failed)))
    for index, seconds in enumerate(shutdown_seconds):
        report.add(f"api{index} SIGTERM to exit 0", f"{seconds:.2f}s")
    report.add("retried by nginx on the other instance", str(retried))
    report.add("nginx upstream errors", str(dict(upstream_errors(errors))))
    report.add("statuses", str(dict(sorted(Load.statuses(answers).items()))))

    assert not failed, [(a.method, a.path, a.status, a.error) for a in failed[:10]]
    assert all(seconds < EXIT_WITHIN_SECONDS for seconds in shutdown_seconds)
    # The only upstream error allowed is a refused connection: the request
    # was never sent, so retrying it is safe for every method. A closed or
    # reset connection means the API closed one under a request: nginx
    # retries a GET then, but a POST would have been a 502.
    assert set(upstream_errors(errors)) <= {REFUSED}, list(errors)[:5]
    stack.wait_ready()
    assert stack.worker.process.poll() is None
