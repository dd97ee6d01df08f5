"""Steady traffic through nginx while a scenario breaks something.

Each simulated client is a user of its own with its own loopback address
(nginx's limits are per address) and one keep-alive HTTPS session, sending
requests at a fixed rate from a thread. Every answer is kept: its time, status
(0 when no HTTP answer came) and duration, so a scenario can say what its
clients saw while the fault lasted.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterator

import requests

from stack import API, SUPERUSER, SUPERUSER_PASSWORD, Stack


@dataclass
class Client:
    user_id: str
    token: str
    source: str


@dataclass
class Answer:
    started: float  # time.monotonic()
    method: str
    path: str
    status: int  # 0: no HTTP answer (connection refused, reset, timeout)
    seconds: float
    error: str = ""


# A request: method, path (under /api/v1), JSON body or None.
Request = tuple[str, str, dict | None]


def reads(client: Client) -> Iterator[Request]:
    """Authenticated reads only: who am I, my items."""
    return itertools.cycle([("GET", "/users/me", None), ("GET", "/items/?limit=10", None)])


def reads_and_writes(client: Client) -> Iterator[Request]:
    """Reads, and items created (a write that needs the database)."""
    return itertools.cycle([
        ("GET", "/users/me", None),
        ("POST", "/items/", {"title": "load", "description": "resilience"}),
        ("GET", "/items/?limit=10", None),
    ])


def make_clients(stack: Stack, count: int) -> list[Client]:
    admin = stack.login(SUPERUSER, SUPERUSER_PASSWORD)
    clients = []
    for n in range(count):
        user_id, token = stack.create_user(admin)
        clients.append(Client(user_id, token, f"127.0.0.{20 + n}"))
    return clients


@dataclass
class Load:
    stack: Stack
    clients: list[Client]
    rate_per_client: float  # requests per second
    mix: Callable[[Client], Iterator[Request]] = reads
    answers: list[Answer] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _threads: list[threading.Thread] = field(default_factory=list)

    def __enter__(self) -> Load:
        for client in self.clients:
            thread = threading.Thread(target=self._run, args=(client,), daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=60)

    def _run(self, client: Client) -> None:
        session = self.stack.session(client.source)
        session.headers["Authorization"] = f"Bearer {client.token}"
        requests_to_send = self.mix(client)
        began = time.monotonic()
        for sent in itertools.count():
            # A fixed schedule, so a slow answer is not followed by a burst.
            delay = began + sent / self.rate_per_client - time.monotonic()
            if self._stop.wait(max(delay, 0)):
                return
            method, path, body = next(requests_to_send)
            self.answers.append(self._send(session, method, path, body))

    def _send(self, session: requests.Session, method: str, path: str,
              body: dict | None) -> Answer:
        started = time.monotonic()
        try:
            reply = session.request(method, f"{self.stack.url}{API}{path}", json=body,
                                    timeout=30)
            return Answer(started, method, path, reply.status_code,
                          time.monotonic() - started,
                          "" if reply.ok else reply.text[:200])
        except requests.RequestException as error:
            return Answer(started, method, path, 0, time.monotonic() - started, repr(error))

    # --- what the clients saw -------------------------------------------------------

    def between(self, start: float, end: float = float("inf")) -> list[Answer]:
        return [answer for answer in list(self.answers) if start <= answer.started < end]

    @staticmethod
    def failed(answers: list[Answer]) -> list[Answer]:
        return [answer for answer in answers if not 200 <= answer.status < 300]

    @staticmethod
    def statuses(answers: list[Answer]) -> Counter:
        return Counter(answer.status for answer in answers)
