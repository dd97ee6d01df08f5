"""Traffic for the monitored stack: what a day of real use produces, in seconds.

`warm_up` does every kind of thing once (logins, a login rate limit, items
created, read, changed and deleted, 401s, 404s, 422s, a password recovery
email, jobs that succeed, retry and die). `Background` then keeps a steady
mix of requests going, so rates stay above zero while the tests query.
"""

from __future__ import annotations

import subprocess
import threading
import uuid
from dataclasses import dataclass, field

from stack import SUPERUSER, SUPERUSER_PASSWORD, Stack
from support.processes import app_binary

USER_PASSWORD = "traffic-user-password"


@dataclass
class User:
    id: str
    email: str
    token: str
    # Each user's own loopback address: nginx limits requests per address.
    source: str


def login(stack: Stack, email: str, password: str, source: str = "127.0.0.1") -> str:
    reply = stack.client(source).login(email, password)
    assert reply.status == 200, (reply.status, reply.body)
    return reply.json()["access_token"]


def create_user(stack: Stack, admin_token: str, source: str) -> User:
    email = f"traffic-{uuid.uuid4().hex[:8]}@example.com"
    reply = stack.client(source).request("POST", "/api/v1/users", token=admin_token,
                                   json_body={"email": email, "password": USER_PASSWORD})
    assert reply.status == 201, (reply.status, reply.body)
    return User(reply.json()["id"], email, login(stack, email, USER_PASSWORD, source), source)


def item_round(stack: Stack, user: User) -> list[int]:
    """Create, list, read, change and delete an item; returns the statuses."""
    client = stack.client(user.source)
    created = client.request("POST", "/api/v1/items", token=user.token,
                             json_body={"title": "observed", "description": "traffic"})
    statuses = [created.status]
    if created.status == 201:
        item = created.json()["id"]
        statuses += [
            client.request("GET", "/api/v1/items?skip=0&limit=10", token=user.token).status,
            client.request("GET", f"/api/v1/items/{item}", token=user.token).status,
            client.request("PUT", f"/api/v1/items/{item}", token=user.token,
                           json_body={"title": "changed"}).status,
            client.request("DELETE", f"/api/v1/items/{item}", token=user.token).status,
        ]
    statuses += [
        client.request("GET", "/api/v1/users/me", token=user.token).status,
        client.request("GET", f"/api/v1/items/{uuid.uuid4()}", token=user.token).status,  # 404
        client.request("GET", "/api/v1/users/me").status,  # 401
        client.request("POST", "/api/v1/items", token=user.token, json_body={}).status,  # 422
    ]
    return statuses


def probe_jobs(stack: Stack, *args: str) -> None:
    subprocess.run([app_binary(), "jobs", "probe", *args], env=stack.app_env(), check=True,
                   capture_output=True)


def warm_up(stack: Stack) -> list[User]:
    admin = login(stack, SUPERUSER, SUPERUSER_PASSWORD)
    users = [create_user(stack, admin, f"127.0.0.{10 + n}") for n in range(3)]
    for user in users:
        statuses = item_round(stack, user)
        assert all(200 <= status < 300 for status in statuses[:6]), statuses
        assert statuses[6:] == [404, 401, 422], statuses
    # The API's own per-email login limit (5 a minute) answers the sixth with 429.
    victim = users[0].email
    statuses = [stack.client("127.0.0.9").login(victim, "wrong-password").status
                for _ in range(6)]
    assert statuses[-1] == 429, statuses
    # A recovery email: a job the worker runs (no SMTP server: it logs the mail).
    reply = stack.client().request("POST", f"/api/v1/password-recovery/{users[1].email}")
    assert reply.status == 200, (reply.status, reply.body)
    # Jobs that succeed, succeed on the second run, and die after two failed runs.
    record = f"obs-{uuid.uuid4().hex[:6]}"
    probe_jobs(stack, "--count", "20", "--sleep-ms", "5")
    probe_jobs(stack, "--count", "3", "--fail-times", "1", "--record", f"{record}-retry")
    probe_jobs(stack, "--count", "2", "--fail-times", "9", "--max-attempts", "2",
               "--record", f"{record}-dead")
    return users


@dataclass
class Background:
    """A steady request mix through nginx until stopped; counts statuses."""

    stack: Stack
    users: list[User]
    statuses: dict[int, int] = field(default_factory=dict)
    _stop: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _threads: list[threading.Thread] = field(default_factory=list)

    def start(self) -> "Background":
        # A thread per user, as real clients are: while PostgreSQL is down a
        # request waits for the pool's acquire timeout, and one thread for all
        # would barely send anything.
        self._threads = [threading.Thread(target=self._run, args=(user, n == 0), daemon=True)
                         for n, user in enumerate(self.users)]
        for thread in self._threads:
            thread.start()
        return self

    def _count(self, status: int) -> None:
        with self._lock:
            self.statuses[status] = self.statuses.get(status, 0) + 1

    def _run(self, user: User, queues_jobs: bool) -> None:
        rounds = 0
        while not self._stop.is_set():
            try:
                for status in item_round(self.stack, user):
                    self._count(status)
            except OSError:
                self._count(0)
            rounds += 1
            if queues_jobs and rounds % 20 == 0:
                try:
                    probe_jobs(self.stack, "--count", "5", "--sleep-ms", "2")
                except subprocess.CalledProcessError:
                    pass  # Redis or the database may be down on purpose
            # About 6 requests a second per user, under nginx's 10r/s per address.
            self._stop.wait(1.5)

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=60)
