"""The Grafana dashboards' PromQL, ready to run against a plain Prometheus.

Used by test_dashboards.py (static checks) and by the live test, which runs
every query against a real Prometheus scraping the real stack.

- `load_dashboards()` parses monitoring/grafana/dashboards/*.json.
- `panel_queries(dashboard)` lists every target of every panel (rows' nested
  panels included, hidden targets included) as a `Query`.
- `expr_for_prometheus(expr, variables)` replaces Grafana's variables so that
  Prometheus can run the expression: `$__rate_interval` -> 1m,
  `$__interval` -> 15s, `$__range` -> 1h, and each dashboard template variable
  (`$instance`, `${instance}`, `${instance:regex}`, `[[instance]]`) -> `.*`,
  which is why dashboards use template variables only inside `=~` matchers.
  Any other variable raises `UnknownVariable`.
- `metric_names(expr)` names the metrics an expression selects.

`needs_data(query)`, the rule the live test applies: a query must return data
on the natively run stack (API, worker, Prometheus, and the Debian exporters
for nginx, PostgreSQL, Redis and the host with the backup textfile metrics)
when it reads any metric other than cAdvisor's. So the application's metrics,
`up`, and every `nginx_`, `pg_`, `redis_`, `node_`, `backup_` and `process_`
metric need data; only queries reading nothing but cAdvisor's `container_*`
metrics do not, because cAdvisor runs in Compose only. Counters of rare events
(429s, Redis errors, 5xx) have a zero fallback in the dashboards (`or
vector(0)`, `or <all routes> * 0`), so they return data before the first event.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

REPO_ROOT = Path(__file__).resolve().parents[2]
GRAFANA_DIR = REPO_ROOT / "monitoring" / "grafana"
DASHBOARD_DIR = GRAFANA_DIR / "dashboards"
PROVISIONING_DIR = GRAFANA_DIR / "provisioning"

# load_dashboards() stores each dashboard's file under this key.
PATH_KEY = "__path__"

# Grafana's built-in interval variables, as a 15s scrape interval and the
# dashboards' default time range (now-1h) make them.
BUILTIN_VARIABLES = {"__rate_interval": "1m", "__interval": "15s", "__range": "1h"}

# The metrics the API and the worker export (backend/src/metrics.rs).
APPLICATION_METRICS = frozenset(
    {
        "http_requests_total",
        "http_request_duration_seconds_bucket",
        "http_request_duration_seconds_sum",
        "http_request_duration_seconds_count",
        "http_requests_in_flight",
        "app_build_info",
        "cache_hits_total",
        "cache_misses_total",
        "redis_errors_total",
        "rate_limited_total",
        "jobs_enqueued_total",
        "job_enqueue_failures_total",
        "jobs_total",
        "job_duration_seconds_bucket",
        "job_duration_seconds_sum",
        "job_duration_seconds_count",
        "job_retries_total",
        "job_pickup_seconds_bucket",
        "job_pickup_seconds_sum",
        "job_pickup_seconds_count",
        "jobs_in_flight",
        "job_queue_depth",
        "job_dead_letter_size",
        "periodic_job_ticks_total",
        "db_pool_connections",
        "db_pool_max_connections",
        "db_pool_acquire_wait_seconds_bucket",
        "db_pool_acquire_wait_seconds_sum",
        "db_pool_acquire_wait_seconds_count",
        "up",
    }
)
# Families named by prefix: the exporters', the processes', Prometheus's own.
# The live test catches a typo in them, as they need data natively.
KNOWN_PREFIXES = ("nginx_", "pg_", "redis_", "node_", "backup_", "process_", "prometheus_", "alertmanager_")
# cAdvisor runs in Compose only, so no test ever sees its metrics: name them one by one.
CADVISOR_PREFIX = "container_"
CADVISOR_METRICS = frozenset(
    {
        "container_cpu_usage_seconds_total",
        "container_memory_working_set_bytes",
        "container_memory_rss",
        "container_spec_memory_limit_bytes",
        "container_network_receive_bytes_total",
        "container_network_transmit_bytes_total",
        "container_fs_reads_bytes_total",
        "container_fs_writes_bytes_total",
        "container_last_seen",
    }
)

# Words that look like metric names but are PromQL's own.
PROMQL_WORDS = frozenset(
    {
        "and", "or", "unless", "by", "without", "on", "ignoring", "group_left",
        "group_right", "offset", "bool", "inf", "nan", "sum", "min", "max", "avg",
        "count", "stddev", "stdvar", "topk", "bottomk", "quantile", "count_values",
        "group", "rate", "irate", "increase", "delta", "idelta", "deriv",
        "histogram_quantile", "label_replace", "label_join", "time", "vector",
        "scalar", "abs", "absent", "absent_over_time", "ceil", "floor", "round",
        "clamp", "clamp_min", "clamp_max", "sort", "sort_desc", "timestamp",
        "avg_over_time", "min_over_time", "max_over_time", "sum_over_time",
        "count_over_time", "last_over_time", "quantile_over_time", "changes",
        "resets", "predict_linear", "exp", "ln", "log2", "log10", "sqrt",
    }
)

_VARIABLE = re.compile(
    r"\$\{(?P<braced>\w+)(?::[^}]*)?\}"  # ${name} and ${name:format}
    r"|\[\[(?P<bracketed>\w+)(?::[^\]]*)?\]\]"  # [[name]] (deprecated syntax)
    r"|\$(?P<plain>\w+)"  # $name
)
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|`[^`]*`')
_BRACES = re.compile(r"\{[^{}]*\}|\[[^\[\]]*\]")
_GROUPING = re.compile(r"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^()]*\)")
_IDENTIFIER = re.compile(r"(?<![\w.:])[a-zA-Z_:][\w:]*")


class UnknownVariable(ValueError):
    """An expression uses a variable that is neither built in nor the dashboard's."""


@dataclass(frozen=True)
class Query:
    """One panel target."""

    dashboard: str
    panel_id: int
    panel_title: str
    ref_id: str
    expr: str
    expr_for_prometheus: str
    instant: bool = False

    def __str__(self) -> str:
        return f"{self.dashboard} / #{self.panel_id} {self.panel_title} / {self.ref_id}"


def load_dashboards(directory: Path = DASHBOARD_DIR) -> list[dict]:
    """Every dashboard file, parsed, with its path under PATH_KEY."""
    dashboards = []
    for path in sorted(directory.glob("*.json")):
        dashboard = json.loads(path.read_text())
        dashboard[PATH_KEY] = path
        dashboards.append(dashboard)
    return dashboards


def all_panels(dashboard: dict) -> Iterator[dict]:
    """Every panel, rows and the panels nested in (collapsed) rows included."""
    for panel in dashboard.get("panels", []):
        yield panel
        yield from panel.get("panels", [])


def variable_names(dashboard: dict) -> set[str]:
    """The names of the dashboard's template variables."""
    return {variable["name"] for variable in dashboard.get("templating", {}).get("list", [])}


def panel_queries(dashboard: dict) -> list[Query]:
    """Every target with an `expr`, hidden ones included, in panel order."""
    variables = variable_names(dashboard)
    queries = []
    for panel in all_panels(dashboard):
        for target in panel.get("targets", []):
            if "expr" not in target:
                continue
            queries.append(
                Query(
                    dashboard=dashboard.get("title", ""),
                    panel_id=panel.get("id"),
                    panel_title=panel.get("title", ""),
                    ref_id=target.get("refId", ""),
                    expr=target["expr"],
                    expr_for_prometheus=expr_for_prometheus(target["expr"], variables),
                    instant=bool(target.get("instant")) and not target.get("range"),
                )
            )
    return queries


def expr_for_prometheus(expr: str, variables: Iterable[str] = ()) -> str:
    """Replace Grafana's variables (see the module docstring); raise on unknown ones.

    `$1`-style references (label_replace replacements) are Prometheus's own and
    left alone, as Grafana leaves them.
    """
    template_variables = set(variables)

    def substitute(match: re.Match) -> str:
        name = match.group("braced") or match.group("bracketed") or match.group("plain")
        if name in BUILTIN_VARIABLES:
            return BUILTIN_VARIABLES[name]
        if name in template_variables:
            return ".*"
        if name.isdigit():
            return match.group(0)
        raise UnknownVariable(f"unknown variable {match.group(0)!r} in {expr!r}")

    return _VARIABLE.sub(substitute, expr)


def metric_names(expr: str) -> set[str]:
    """The metric names an expression selects (a tokenizer, not a parser).

    Strings, label matchers, ranges and grouping label lists are dropped first;
    what remains is an identifier that is not a function call (followed by `(`)
    nor a PromQL keyword.
    """
    text = _STRING.sub('""', expr)
    previous = None
    while previous != text:  # nested [] in subqueries
        previous, text = text, _BRACES.sub(" ", text)
    text = _GROUPING.sub(" ", text)
    names = set()
    for match in _IDENTIFIER.finditer(text):
        name = match.group(0)
        rest = text[match.end():].lstrip()
        if rest.startswith("(") or name.lower() in PROMQL_WORDS:
            continue
        names.add(name)
    return names


def needs_data(query: Query) -> bool:
    """True unless the query reads nothing but cAdvisor's container_* metrics."""
    return any(not name.startswith(CADVISOR_PREFIX) for name in metric_names(query.expr))


def is_known_metric(name: str) -> bool:
    """A name the stack exports: an application or cAdvisor metric, or a known family."""
    return name in APPLICATION_METRICS or name in CADVISOR_METRICS or name.startswith(KNOWN_PREFIXES)
