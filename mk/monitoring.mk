# Monitoring: `make test-alerts`, `make test-observability` (included by the
# main Makefile).
# promtool comes with Prometheus, amtool with Alertmanager (Debian:
# apt-get install prometheus prometheus-alertmanager; make test-system-deps
# installs them and the exporters the observability tests run).

PROMETHEUS_DIR := monitoring/prometheus
ALERTMANAGER_DIR := monitoring/alertmanager
PROMTOOL ?= promtool
AMTOOL ?= amtool

.PHONY: test-alerts test-observability

test-observability: test-deps test-system-deps ## Run the monitored stack natively: every target scraped, every dashboard query, logs, the HighErrorRate fault test (~8 min)
	cd $(BACKEND) && cargo build --quiet
	python3 -m pytest -q -rs tests/observability

test-alerts: ## Check the Prometheus and Alertmanager configs and the alert rules, and run the rules' promtool unit tests
	@command -v $(PROMTOOL) >/dev/null 2>&1 || { \
		echo "error: promtool not found; install Prometheus's tools (Debian/Ubuntu: apt-get install prometheus)" >&2; \
		exit 1; }
	@command -v $(AMTOOL) >/dev/null 2>&1 || { \
		echo "error: amtool not found; install Alertmanager's tools (Debian/Ubuntu: apt-get install prometheus-alertmanager)" >&2; \
		exit 1; }
	$(PROMTOOL) check config $(PROMETHEUS_DIR)/prometheus.yml
	$(PROMTOOL) check rules $(PROMETHEUS_DIR)/alert_rules.yml
	$(PROMTOOL) test rules $(PROMETHEUS_DIR)/tests/alert_rules_test.yml
	@# Alertmanager's config is rendered from the environment: check both shapes
	@# (webhook only; webhook + Slack) with example URLs.
	@set -e; dir=$$(mktemp -d); trap 'rm -rf -- "$$dir"' EXIT; \
	env -u SLACK_WEBHOOK_URL ALERT_WEBHOOK_URL=http://localhost:5001/alerts \
		sh $(ALERTMANAGER_DIR)/render.sh "$$dir/webhook.yml"; \
	$(AMTOOL) check-config "$$dir/webhook.yml"; \
	ALERT_WEBHOOK_URL=http://localhost:5001/alerts \
		SLACK_WEBHOOK_URL=https://hooks.slack.com/services/T000/B000/XXXX \
		sh $(ALERTMANAGER_DIR)/render.sh "$$dir/slack.yml"; \
	$(AMTOOL) check-config "$$dir/slack.yml"
