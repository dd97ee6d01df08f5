# Monitoring: `make test-alerts` (included by the main Makefile).
# promtool comes with Prometheus (Debian: apt-get install prometheus).

PROMETHEUS_DIR := monitoring/prometheus
PROMTOOL ?= promtool

.PHONY: test-alerts

test-alerts: ## Check the Prometheus config and alert rules, and run their promtool unit tests
	@command -v $(PROMTOOL) >/dev/null 2>&1 || { \
		echo "error: promtool not found; install Prometheus's tools (Debian/Ubuntu: apt-get install prometheus)" >&2; \
		exit 1; }
	$(PROMTOOL) check config $(PROMETHEUS_DIR)/prometheus.yml
	$(PROMTOOL) check rules $(PROMETHEUS_DIR)/alert_rules.yml
	$(PROMTOOL) test rules $(PROMETHEUS_DIR)/tests/alert_rules_test.yml
