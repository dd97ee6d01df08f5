"""Runs schemathesis-generated cases against the live API as one caller and
collects every distinct failure instead of stopping at the first."""

from __future__ import annotations

from dataclasses import dataclass, field

import requests
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api import PREFIX, Api

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]
SEED = 20240611

# Operations after whose success the caller may be gone, changed or logged
# out: the caller is checked again and re-created if so.
CHANGES_CALLER = {
    f"{method} {PREFIX}{path}" for method, path in (
        ("DELETE", "/users/me"), ("PATCH", "/users/me"), ("PATCH", "/users/me/password"),
        ("POST", "/logout"), ("POST", "/login/refresh"), ("PATCH", "/users/{id}"),
        ("DELETE", "/users/{id}"), ("POST", "/reset-password"))
}


class Caller:
    """An ordinary user or a superuser of our own, re-created whenever a fuzzed
    request deleted, deactivated, demoted or logged it out."""

    def __init__(self, api: Api, superuser: bool):
        self.api, self.superuser = api, superuser
        self.recreated = -1
        self.recreate()

    def recreate(self) -> None:
        email, password = self.api.create_user(superuser=self.superuser)
        self.token = self.api.login(email, password)
        self.recreated += 1

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def ensure_valid(self) -> None:
        reply = requests.get(f"{self.api.url}{PREFIX}/users/me", headers=self.headers, timeout=30)
        if reply.status_code != 200 or reply.json().get("is_superuser") != self.superuser \
                or not reply.json().get("is_active"):
            self.recreate()


@dataclass
class Finding:
    operation: str
    title: str
    status: int
    message: str
    curl: str
    body: str

    def __str__(self) -> str:
        return (f"{self.operation}: {self.title} (HTTP {self.status})\n{self.message}\n"
                f"response: {self.body}\nreproduce: {self.curl}")


@dataclass
class Run:
    api: Api
    caller: Caller
    session: requests.Session = field(default_factory=requests.Session)
    cases: int = 0
    findings: dict[tuple[str, str, int], Finding] = field(default_factory=dict)

    def fuzz(self, operation, mode: GenerationMode, examples: int) -> None:
        @settings(max_examples=examples, deadline=None, database=None, derandomize=False,
                  phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck),
                  print_blob=False)
        @seed(SEED)
        @given(case=operation.as_strategy(generation_mode=mode))
        def run(case):
            self.run_case(operation.label, case)

        try:
            run()
        except Unsatisfiable:
            pass  # nothing negative to generate for an operation without inputs

    def run_case(self, label: str, case) -> None:
        self.cases += 1
        response = case.call(base_url=self.api.url, session=self.session,
                             headers=self.caller.headers, timeout=30)
        try:
            case.validate_response(response, checks=CHECKS, headers=self.caller.headers)
        except FailureGroup as group:
            for failure in group.exceptions:
                key = (label, failure.title, response.status_code)
                self.findings.setdefault(key, Finding(
                    label, failure.title, response.status_code, failure.message,
                    case.as_curl_command(headers=self.caller.headers), response.text[:300]))
        if label in CHANGES_CALLER and response.status_code < 300:
            self.caller.ensure_valid()
