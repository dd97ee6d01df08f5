# Docker-based targets (included by the Makefile). They need the docker CLI,
# a reachable Docker engine and Docker Compose v2 (`docker compose`), and say
# so when one is missing. `health` and `security-scan` also work without Docker.
#
# The dev stack is docker-compose.yml + docker-compose.dev.yml and the prod
# stack docker-compose.yml + docker-compose.prod.yml; `logs`, `db-shell`,
# `health` (and `migrate`, which is native without STACK) act on the dev stack
# unless STACK=prod; `clean` and `clean-all` act on both. Both stacks share the
# Compose project named by COMPOSE_PROJECT_NAME (one per checkout: make init).

COMPOSE_DEV  := docker compose -f docker-compose.yml -f docker-compose.dev.yml
COMPOSE_PROD := docker compose -f docker-compose.yml -f docker-compose.prod.yml
COMPOSE_ANY  := $(if $(filter prod,$(STACK)),$(COMPOSE_PROD),$(COMPOSE_DEV))
# Pinned security tools (installed with `cargo install --locked` when missing).
CARGO_AUDIT_VERSION := 0.22.2
CARGO_DENY_VERSION := 0.18.9

.PHONY: setup dev-build dev-up dev-down logs logs-backend logs-frontend logs-nginx db-shell \
        prod-build prod-up prod-down prod-restart-api clean clean-all health security-scan \
        docker-check docker-env-dev docker-env-prod docker-dev-certs

# Fails with a clear message unless `docker` and `docker compose` work and the engine answers.
docker-check:
	@command -v docker >/dev/null 2>&1 || { \
		echo "error: this target needs Docker: the docker CLI is not installed." >&2; \
		echo "       Without Docker use the native targets: make run, make test." >&2; exit 1; }
	@docker compose version >/dev/null 2>&1 || { \
		echo "error: this target needs Docker Compose v2 (\`docker compose\`), which is not installed." >&2; exit 1; }
	@docker info >/dev/null 2>&1 || { \
		echo "error: this target needs a running Docker engine, and \`docker info\` cannot reach one." >&2; \
		echo "       Start Docker (or set DOCKER_HOST), or use the native targets: make run, make test." >&2; exit 1; }

# .env with what a stack requires: make init's generated secrets, plus a
# REDIS_PASSWORD (the stack's Redis requires one; a native run's may not).
# Compose itself then checks the stack's files against .env, so only what that
# stack requires is asked for (the prod stack's ALERT_WEBHOOK_URL is not
# required for the dev stack) and its message names what is missing.
docker-env-dev docker-env-prod: docker-env-%: .env
	@if ! grep -qE '^REDIS_PASSWORD=.+' .env; then \
		secret=$$(openssl rand -hex 32 2>/dev/null || head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n'); \
		if grep -qE '^REDIS_PASSWORD=' .env; then sed -i.bak "s/^REDIS_PASSWORD=.*/REDIS_PASSWORD=$$secret/" .env && rm -f .env.bak; \
		else printf 'REDIS_PASSWORD=%s\n' "$$secret" >> .env; fi; \
		echo "Generated REDIS_PASSWORD in .env (the Compose stack's Redis requires a password)."; \
	fi
	@$(if $(filter prod,$*),$(COMPOSE_PROD),$(COMPOSE_DEV)) config --quiet || { \
		echo "error: .env lacks what the $* stack requires (named above). Set it in .env (see .env.example)." >&2; exit 1; }

# nginx always serves HTTPS: a self-signed certificate for development unless
# nginx/ssl/ already holds one (scripts/make-certs.sh keeps an existing pair).
docker-dev-certs:
	@scripts/make-certs.sh

setup: docker-check docker-env-dev docker-dev-certs ## Docker: create .env, build, start the dev stack, migrate, create the first superuser
	$(COMPOSE_DEV) build
	$(COMPOSE_DEV) up -d --wait --wait-timeout 1800
	$(COMPOSE_DEV) exec -T backend /app/app migrate up
	$(COMPOSE_DEV) exec -T backend /app/app create-superuser
	@set -a; source .env; set +a; echo; \
		echo "  App (nginx):  https://localhost:$${HTTPS_PORT:-443}  (self-signed certificate)"; \
		echo "  API:          http://localhost:$${API_PORT:-8000}/api/v1  (Swagger UI: /docs)"; \
		echo "  Worker:       http://localhost:$${WORKER_METRICS_PORT:-9100}/metrics"; \
		echo "  Prometheus:   http://localhost:$${PROMETHEUS_PORT:-9090}"; \
		echo "  Grafana:      http://localhost:$${GRAFANA_PORT:-3001}  ($${GRAFANA_USER:-admin}, password GRAFANA_PASSWORD in .env)"; \
		echo "  Mail catcher: http://localhost:$${MAILPIT_UI_PORT:-8025}"; \
		echo "  Superuser:    $$FIRST_SUPERUSER (password in .env)"; echo

dev-build: docker-check docker-env-dev ## Docker: build the dev images (backend with cargo-watch)
	$(COMPOSE_DEV) build

dev-up: docker-check docker-env-dev docker-dev-certs ## Docker: start the dev stack (live reload, ports on 127.0.0.1, mail catcher)
	$(COMPOSE_DEV) up -d
	@echo "Started. The first debug build takes a few minutes: make logs-backend; make health."

dev-down: docker-check ## Docker: stop the dev stack (keeps the data volumes)
	$(COMPOSE_DEV) down

logs: docker-check ## Docker: follow the logs of every service (STACK=prod for production)
	$(COMPOSE_ANY) logs -f --tail=100

logs-backend: docker-check ## Docker: follow the API's and the worker's logs
	$(COMPOSE_ANY) logs -f --tail=100 backend worker

logs-frontend: docker-check ## Docker: follow the SPA server's logs
	$(COMPOSE_ANY) logs -f --tail=100 frontend

logs-nginx: docker-check ## Docker: follow the reverse proxy's logs
	$(COMPOSE_ANY) logs -f --tail=100 nginx

db-shell: docker-check ## Docker: open psql in the database container
	$(COMPOSE_ANY) exec db sh -c 'psql -U "$$POSTGRES_USER" -d "$$POSTGRES_DB"'

prod-build: docker-check docker-env-prod ## Docker: build the production images
	$(COMPOSE_PROD) build

prod-up: docker-check docker-env-prod ## Docker: start the production stack (needs nginx/ssl certificates; waits until healthy)
	@test -s nginx/ssl/fullchain.pem -a -s nginx/ssl/privkey.pem || { \
		echo "error: nginx/ssl/fullchain.pem and privkey.pem are missing: put the TLS certificate there (certbot's names)." >&2; exit 1; }
	$(COMPOSE_PROD) up -d --wait --wait-timeout 600

prod-down: docker-check ## Docker: stop the production stack (keeps the data volumes)
	$(COMPOSE_PROD) down

prod-restart-api: docker-check docker-env-prod ## Docker: replace the production API container (new image or settings) without failing a request
	@COMPOSE="$(COMPOSE_PROD)" scripts/restart-api.sh

# Deletes data: asks first unless CONFIRM=yes (for scripts).
confirm-delete = \
	if [ "$(CONFIRM)" != "yes" ]; then \
		if [ -t 0 ]; then read -r -p "$(1) Type yes: " answer; else answer=; fi; \
		[ "$$answer" = yes ] || { echo "Not deleted. (Non-interactive: make $@ CONFIRM=yes)"; exit 1; }; \
	fi

clean: docker-check ## Docker: remove both stacks' containers, networks and volumes (database, backups!); asks first
	@$(call confirm-delete,Delete the stack's containers and every volume (database, Redis, metrics, backups)?)
	$(COMPOSE_DEV) down --remove-orphans --volumes
	$(COMPOSE_PROD) down --remove-orphans --volumes

clean-all: docker-check ## Docker: what clean removes, and the images built here; asks first
	@$(call confirm-delete,Delete the stack's containers, every volume (database, Redis, metrics, backups) and its images?)
	$(COMPOSE_DEV) down --remove-orphans --volumes --rmi local
	$(COMPOSE_PROD) down --remove-orphans --volumes --rmi local

health: ## Report each service's health: the Docker stack's containers if it runs (STACK=prod), else API, worker, PostgreSQL, Redis on host ports
	@COMPOSE="$(COMPOSE_ANY)" scripts/health.sh

security-scan: ## Scan dependencies (cargo-deny licences/sources, cargo-audit advisories; npm audit; Trivy when installed)
	@set -uo pipefail; failed=0; skipped=(); \
	if ! command -v cargo-deny >/dev/null 2>&1; then \
		echo "==> Installing cargo-deny $(CARGO_DENY_VERSION)"; \
		cargo install --locked cargo-deny --version $(CARGO_DENY_VERSION) || failed=1; \
	fi; \
	echo "==> cargo deny (licences, banned crates, sources; offline, policy in backend/deny.toml)"; \
	( cd $(BACKEND) && cargo fetch --locked --quiet && cargo deny --offline check licenses bans sources ) || failed=1; \
	if ! command -v cargo-audit >/dev/null 2>&1; then \
		echo "==> Installing cargo-audit $(CARGO_AUDIT_VERSION)"; \
		cargo install --locked cargo-audit --version $(CARGO_AUDIT_VERSION) || failed=1; \
	fi; \
	if command -v cargo-audit >/dev/null 2>&1; then \
		echo "==> cargo audit (RustSec advisories for backend/Cargo.lock)"; \
		( cd $(BACKEND) && cargo audit ) || { echo "cargo audit: FAILED (vulnerable crates, or the advisory database could not be fetched)"; failed=1; }; \
	fi; \
	if [ -f frontend/package.json ]; then \
		echo "==> npm audit (frontend)"; \
		( cd frontend && npm audit --audit-level=high ) || failed=1; \
	else skipped+=("npm audit (no frontend/ yet)"); fi; \
	if command -v trivy >/dev/null 2>&1; then \
		if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then \
			for image in $$($(COMPOSE_PROD) config --images 2>/dev/null | sort -u); do \
				echo "==> trivy image $$image"; \
				trivy image --quiet --exit-code 1 --severity HIGH,CRITICAL --ignore-unfixed "$$image" || failed=1; \
			done; \
		else skipped+=("Trivy image scan (no reachable Docker engine)"); fi; \
	else skipped+=("Trivy image scan (trivy not installed)"); fi; \
	echo; for s in "$${skipped[@]}"; do echo "skipped: $$s"; done; \
	if [ $$failed = 0 ]; then echo "security scan passed"; else echo "security scan FAILED"; fi; \
	exit $$failed
