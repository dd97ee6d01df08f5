"""Static checks of the Grafana dashboards and their provisioning (no Grafana,
no Prometheus needed; the live test runs the queries). From the repository root:

    python3 -m pytest -q tests/observability/test_dashboards.py
"""

from __future__ import annotations

import json
import re

import pytest
import yaml

from dashboards import (
    DASHBOARD_DIR,
    PATH_KEY,
    PROVISIONING_DIR,
    REPO_ROOT,
    Query,
    UnknownVariable,
    all_panels,
    expr_for_prometheus,
    is_known_metric,
    load_dashboards,
    metric_names,
    needs_data,
    panel_queries,
    variable_names,
)

EXPECTED_TITLES = {"Application Overview", "API Performance", "Infrastructure", "Database"}
# docker-compose.yml mounts ./monitoring/grafana/dashboards here.
COMPOSE_DASHBOARD_DIR = "/etc/grafana/dashboards"
GRID_WIDTH = 24

DASHBOARDS = load_dashboards()
QUERIES = [query for dashboard in DASHBOARDS for query in panel_queries(dashboard)]


def by_title(items):
    return pytest.mark.parametrize("dashboard", items, ids=lambda d: d.get("title", "?"))


def provisioned_datasource_uid() -> str:
    path = PROVISIONING_DIR / "datasources" / "prometheus.yml"
    datasources = yaml.safe_load(path.read_text())["datasources"]
    (prometheus,) = [source for source in datasources if source["type"] == "prometheus"]
    return prometheus["uid"]


def query_panels(dashboard):
    return [panel for panel in all_panels(dashboard) if panel.get("type") != "row"]


# --- files and provisioning -------------------------------------------------


def test_the_four_promised_dashboards_exist():
    assert {d["title"] for d in DASHBOARDS} == EXPECTED_TITLES
    assert len(DASHBOARDS) == len(EXPECTED_TITLES)


def test_titles_and_uids_are_unique():
    uids = [d.get("uid") for d in DASHBOARDS]
    assert all(uids), "every dashboard needs a stable uid"
    assert len(set(uids)) == len(uids)
    assert len({d["title"] for d in DASHBOARDS}) == len(DASHBOARDS)


def test_every_file_is_valid_json():
    for path in DASHBOARD_DIR.glob("*.json"):
        json.loads(path.read_text())


def test_the_provider_loads_the_directory_compose_mounts():
    provisioning = yaml.safe_load((PROVISIONING_DIR / "dashboards" / "dashboards.yml").read_text())
    (provider,) = provisioning["providers"]
    assert provider["type"] == "file"
    assert provider["options"]["path"] == COMPOSE_DASHBOARD_DIR
    assert provider["disableDeletion"] is True
    assert provider["allowUiUpdates"] is False


@by_title(DASHBOARDS)
def test_dashboard_settings(dashboard):
    assert dashboard["refresh"] == "30s"
    assert dashboard["time"] == {"from": "now-1h", "to": "now"}
    assert dashboard["schemaVersion"] >= 36
    assert dashboard.get("tags")


@by_title(DASHBOARDS)
def test_no_import_placeholders(dashboard):
    text = dashboard[PATH_KEY].read_text()
    assert "__inputs" not in dashboard
    assert "${DS_" not in text


# --- datasources --------------------------------------------------------------


@by_title(DASHBOARDS)
def test_panels_use_the_provisioned_datasource(dashboard):
    expected = {"type": "prometheus", "uid": provisioned_datasource_uid()}
    for panel in all_panels(dashboard):
        if not panel.get("targets"):
            continue
        assert panel.get("datasource") == expected, panel["title"]
        for target in panel["targets"]:
            assert target.get("datasource", expected) == expected, (panel["title"], target["refId"])


@by_title(DASHBOARDS)
def test_query_variables_use_the_provisioned_datasource(dashboard):
    expected = {"type": "prometheus", "uid": provisioned_datasource_uid()}
    for variable in dashboard["templating"]["list"]:
        if variable["type"] == "query":
            assert variable["datasource"] == expected, variable["name"]


@by_title(DASHBOARDS)
def test_all_option_matches_everything(dashboard):
    for variable in dashboard["templating"]["list"]:
        if variable.get("includeAll"):
            assert variable.get("allValue") == ".*", variable["name"]


# --- panels -------------------------------------------------------------------


@by_title(DASHBOARDS)
def test_panel_ids_are_unique(dashboard):
    ids = [panel.get("id") for panel in all_panels(dashboard)]
    assert None not in ids
    assert len(set(ids)) == len(ids)


@by_title(DASHBOARDS)
def test_panels_have_a_title_and_a_unit(dashboard):
    for panel in query_panels(dashboard):
        assert panel.get("title"), panel["id"]
        if panel["type"] != "table":
            assert panel["fieldConfig"]["defaults"].get("unit"), panel["title"]


@by_title(DASHBOARDS)
def test_targets_have_an_expr_and_unique_ref_ids(dashboard):
    for panel in query_panels(dashboard):
        targets = panel.get("targets", [])
        assert targets, panel["title"]
        ref_ids = [target.get("refId") for target in targets]
        assert all(ref_ids) and len(set(ref_ids)) == len(ref_ids), panel["title"]
        for target in targets:
            assert target.get("expr", "").strip(), (panel["title"], target["refId"])


@by_title(DASHBOARDS)
def test_panels_sit_on_the_grid_without_overlapping(dashboard):
    cells = {}
    for panel in all_panels(dashboard):
        grid = panel.get("gridPos")
        assert grid and {"x", "y", "w", "h"} <= grid.keys(), panel.get("title")
        assert grid["x"] >= 0 and grid["w"] > 0 and grid["h"] > 0
        assert grid["x"] + grid["w"] <= GRID_WIDTH, panel["title"]
        for x in range(grid["x"], grid["x"] + grid["w"]):
            for y in range(grid["y"], grid["y"] + grid["h"]):
                assert (x, y) not in cells, f"{panel['title']} overlaps {cells[(x, y)]}"
                cells[(x, y)] = panel["title"]


# --- queries ------------------------------------------------------------------


@pytest.mark.parametrize("query", QUERIES, ids=str)
def test_query_runs_on_plain_prometheus(query: Query):
    leftover = re.search(r"\$\{?[A-Za-z_]|\[\[", query.expr_for_prometheus)
    assert not leftover, f"Grafana variable left in {query.expr_for_prometheus!r}"


@pytest.mark.parametrize("query", QUERIES, ids=str)
def test_query_names_known_metrics(query: Query):
    names = metric_names(query.expr)
    assert names, "a panel query should read at least one metric"
    unknown = sorted(name for name in names if not is_known_metric(name))
    assert not unknown, f"unknown metrics (typo?): {unknown}"


@pytest.mark.parametrize("query", QUERIES, ids=str)
def test_template_variables_are_only_used_in_regex_matchers(query: Query):
    """They become `.*` for the live test, which is only right inside `=~`."""
    dashboard = next(d for d in DASHBOARDS if d["title"] == query.dashboard)
    for name in variable_names(dashboard):
        for match in re.finditer(rf"\$\{{?{name}\b", query.expr):
            before = query.expr[: match.start()]
            assert before.endswith('=~"'), f"${name} outside a =~ matcher"


@by_title(DASHBOARDS)
def test_variable_queries_name_known_metrics(dashboard):
    for variable in dashboard["templating"]["list"]:
        if variable["type"] != "query":
            continue
        selector = re.fullmatch(r"label_values\((.*),\s*\w+\)", variable["definition"]).group(1)
        names = metric_names(expr_for_prometheus(selector, variable_names(dashboard)))
        assert names and all(is_known_metric(name) for name in names), variable["name"]


def test_http_route_label_is_path():
    for query in QUERIES:
        assert "route" not in re.sub(r'"[^"]*"', "", query.expr), query


# --- the helpers themselves ---------------------------------------------------


@pytest.mark.parametrize(
    "expr, expected",
    [
        ("rate(x[$__rate_interval])", "rate(x[1m])"),
        ("rate(x[${__rate_interval}])", "rate(x[1m])"),
        ("rate(x[$__interval])", "rate(x[15s])"),
        ("increase(x[$__range])", "increase(x[1h])"),
        ('up{instance=~"$instance"}', 'up{instance=~".*"}'),
        ('up{instance=~"${instance}"}', 'up{instance=~".*"}'),
        ('up{instance=~"${instance:regex}"}', 'up{instance=~".*"}'),
        ('up{instance=~"[[instance]]"}', 'up{instance=~".*"}'),
        ('label_replace(up, "a", "$1", "job", "(.*)")', 'label_replace(up, "a", "$1", "job", "(.*)")'),
        ('up{path=~"/api$"}', 'up{path=~"/api$"}'),
    ],
)
def test_expr_for_prometheus(expr, expected):
    assert expr_for_prometheus(expr, ["instance"]) == expected


@pytest.mark.parametrize("expr", ['up{job=~"$job"}', "rate(x[$__interval_ms])", "rate(x[${__range_s}])"])
def test_expr_for_prometheus_rejects_unknown_variables(expr):
    with pytest.raises(UnknownVariable):
        expr_for_prometheus(expr, ["instance"])


@pytest.mark.parametrize(
    "expr, expected",
    [
        ("up", {"up"}),
        ('up{job="node"} == 0', {"up"}),
        (
            'histogram_quantile(0.95, sum by (le, path) (rate(http_request_duration_seconds_bucket{path=~"$path"}[5m])))',
            {"http_request_duration_seconds_bucket"},
        ),
        (
            "sum by (instance) (a_total) / on (instance) group_left max by (instance) (b)",
            {"a_total", "b"},
        ),
        ("time() - backup_last_success_timestamp_seconds", {"backup_last_success_timestamp_seconds"}),
        ('sum(rate(x_total[1m])) or vector(0)', {"x_total"}),
        ('label_replace(vector(0), "limit", "none", "", "")', set()),
        ("max_over_time(m[1h:5m]) offset 5m > 1e3", {"m"}),
        ("sum without (cpu) (rate(node_cpu_seconds_total[1m])) and bool 1", {"node_cpu_seconds_total"}),
    ],
)
def test_metric_names(expr, expected):
    assert metric_names(expr) == expected


def test_known_metrics():
    assert is_known_metric("jobs_total") and is_known_metric("pg_up") and is_known_metric("up")
    assert is_known_metric("container_memory_working_set_bytes")
    assert not is_known_metric("job_total")
    assert not is_known_metric("container_memory_working_set")


def test_needs_data_only_spares_cadvisor():
    def query(expr):
        return Query("d", 1, "p", "A", expr, expr)

    assert needs_data(query("up"))
    assert needs_data(query("rate(http_requests_total[1m])"))
    assert needs_data(query("redis_up"))
    assert not needs_data(query('sum by (name) (rate(container_cpu_usage_seconds_total{name!=""}[1m]))'))


def test_the_module_finds_the_repository():
    assert (REPO_ROOT / "docker-compose.yml").is_file()
    assert DASHBOARD_DIR.is_dir()
