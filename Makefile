# Drives the project. `make help` lists every target.
# Native targets need only Rust, Node 20.19+ (the SPA), Python 3 (the test
# SMTP server) and a reachable PostgreSQL and Redis (the local ones by
# default); nothing here needs Docker.

SHELL := /bin/bash
BACKEND := backend
CARGO_TEST := $(shell cargo nextest --version >/dev/null 2>&1 && echo "cargo nextest run" || echo "cargo test")

.DEFAULT_GOAL := help

# The SPA, backups, the reverse proxy and the Docker targets live in mk/.
include $(sort $(wildcard mk/*.mk))
.PHONY: help init run serve worker test test-ops test-resilience test-containers test-deps test-system-deps test-cov lint fmt migrate migrate-down migrate-status \
        migrate-create scaffold scaffold-remove test-scaffold create-superuser superuser-password openapi sqlx-prepare bench profile validate deploy rename

# Every target with a `## ` comment, its description in a column as wide as
# the longest name needs.
help: ## List the targets
	@grep -hE '^[a-zA-Z0-9_-]+:.*## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*## "} {name[NR] = $$1; text[NR] = $$2; if (length($$1) > width) width = length($$1)} \
		END {for (i = 1; i <= NR; i++) printf "  \033[36m%-" width "s\033[0m  %s\n", name[i], text[i]}'

init: ## Create .env from .env.example with generated secrets (never overwrites)
	@scripts/init-env.sh

.env:
	@scripts/init-env.sh

# NAME and SLUG count only when given on the command line (some shells set
# NAME); a `$` would reach the script already expanded by make, so it is refused here.
rename: ## Give the product your name in every tracked file: make rename NAME="Your Product" [SLUG=your-product]
	@$(if $(filter command line,$(origin NAME)),,echo 'usage: make rename NAME="Your Product" [SLUG=your-product]' >&2; exit 2)
	@$(if $(findstring $$,$(value NAME)$(value SLUG)),echo 'error: NAME and SLUG are words of letters and digits (no $$). Nothing was changed.' >&2; exit 1)
	@python3 scripts/rename.py $(if $(filter command line,$(origin SLUG)),--slug "$$SLUG") -- "$$NAME"

# The ports are checked before the (long) build: a second instance stops at once.
run: .env ## Run the app natively: create the database, migrate, create the first superuser, serve API + worker + SPA
	@scripts/check-ports.sh
	@$(MAKE) --no-print-directory frontend-deps
	cd $(BACKEND) && cargo build --release
	cd $(FRONTEND) && npm run build
	cd $(BACKEND) && ./target/release/app migrate up
	@exec scripts/run-native.sh

serve: .env ## Run the API in debug mode (faster to rebuild while developing)
	cd $(BACKEND) && cargo run -- migrate up && cargo run -- serve

worker: .env ## Run the background worker in debug mode (jobs, periodic jobs, metrics on :9100)
	cd $(BACKEND) && cargo run -- worker

test: test-deps test-system-deps ## Run every test suite: alert rules, backend, the resource generator's unit tests, operations (backups, reverse proxy), SPA unit, end to end
	$(MAKE) --no-print-directory test-alerts
	cd $(BACKEND) && $(CARGO_TEST)
	cd scaffold && cargo test --quiet --locked
	$(MAKE) --no-print-directory test-ops
	$(MAKE) --no-print-directory test-frontend
	$(MAKE) --no-print-directory test-e2e

test-ops: test-deps test-system-deps ## Run the operations suites (tests/: backups on real PostgreSQL; real nginx in front of the API)
	cd $(BACKEND) && cargo build --quiet
	python3 -m pytest -q -rs tests --ignore=tests/resilience --ignore=tests/containers

# PYTHONHASHSEED fixed: the fuzzer then generates the same cases on every run.
test-resilience: test-deps test-system-deps ## Run the resilience suite (about 10 min): fuzzing, hostile input, PostgreSQL/Redis outages, worker SIGKILL, API restarts behind nginx, backup disk full, sustained load; prints a report
	cd $(BACKEND) && cargo build --quiet
	PYTHONHASHSEED=0 python3 -m pytest -q -rs tests/resilience

test-scaffold: test-deps test-system-deps ## Run the resource generator end to end in a temporary clone of HEAD (about 15 min): bad requests refused, resources with every field type generated and tested (backend, SPA unit, e2e), then removed
	@scripts/test-scaffold.sh

test-containers: test-deps ## Run the container suite (about 30 min cold, as root): its own Docker engine, the images built, the prod and dev stacks run with the Make targets; prints a report
	python3 -m pytest -q -rs tests/containers

test-deps: ## Install the test suites' Python packages (aiosmtpd, pytest, sslyze; pinned in tests/requirements.txt)
	@python3 -m pip install --quiet --disable-pip-version-check -r tests/requirements.txt

# The list of programs and packages is scripts/test-system-deps.sh's. Not root
# (or no apt): it names what is missing and stops.
test-system-deps: ## Install the programs the tests run (nginx, chromium, Prometheus, Alertmanager, exporters, ...) when missing (apt, as root)
	@scripts/test-system-deps.sh

test-cov: ## Run the tests with line coverage (installs cargo-tarpaulin if missing)
	@command -v cargo-tarpaulin >/dev/null || cargo install cargo-tarpaulin --locked
	cd $(BACKEND) && cargo tarpaulin --skip-clean --engine ptrace --out Html --out Stdout --output-dir target/coverage

lint: frontend-deps ## Check formatting and lints: rustfmt, clippy (warnings are errors), eslint, prettier, tsc
	cd $(BACKEND) && cargo fmt --check && cargo clippy --all-targets -- -D warnings
	cd scaffold && cargo fmt --check && cargo clippy --all-targets -- -D warnings
	cd $(FRONTEND) && npm run lint && npm run format:check && npm run typecheck

fmt: frontend-deps ## Format the Rust and the TypeScript code
	cd $(BACKEND) && cargo fmt
	cd scaffold && cargo fmt
	cd $(FRONTEND) && npm run format

migrate: .env ## Apply pending migrations (creates the database if missing); STACK=dev|prod: in that Docker stack
	$(if $(STACK),$(COMPOSE_ANY) run --rm -T migrate,cd $(BACKEND) && cargo run --quiet -- migrate up)

migrate-down: .env ## Revert the last migration (N=2 reverts two)
	cd $(BACKEND) && cargo run --quiet -- migrate down $(or $(N),1)

migrate-status: .env ## List migrations and whether each is applied
	cd $(BACKEND) && cargo run --quiet -- migrate status

migrate-create: ## Create a reversible migration pair: make migrate-create name=add_tags
	@scripts/migrate-create.sh "$(name)"

scaffold: ## Add a resource to the whole stack: make scaffold NAME=projects FIELDS="name:string(1..120) notes:text? due:date? done:bool" (docs/adding-a-resource.md)
	@scripts/scaffold.sh new "$(NAME)" $(if $(SINGULAR),--singular "$(SINGULAR)") "$(FIELDS)"

scaffold-remove: ## Remove a resource made with make scaffold (reverts its migration in the development database): make scaffold-remove NAME=projects
	@scripts/scaffold.sh remove "$(NAME)" $(if $(SINGULAR),--singular "$(SINGULAR)")

create-superuser: .env ## Create FIRST_SUPERUSER unless it exists
	cd $(BACKEND) && cargo run --quiet -- create-superuser

superuser-password: .env ## Set FIRST_SUPERUSER's password to FIRST_SUPERUSER_PASSWORD from .env (after .env was recreated); ends its sessions
	cd $(BACKEND) && cargo run --quiet -- set-password --from-env

openapi: ## Regenerate the committed OpenAPI snapshot (backend/openapi.json) and the SPA's API client from it
	cd $(BACKEND) && UPDATE_SNAPSHOTS=1 cargo test --quiet --test api the_document_matches_the_committed_snapshot
	$(MAKE) --no-print-directory frontend-client

sqlx-prepare: ## Regenerate the SQLx offline query data (needs a migrated DATABASE_URL)
	cd $(BACKEND) && cargo sqlx prepare

bench: ## Load-benchmark the release API (CPU per request, vs pgbench) and the job queue; BASELINE=<git ref> runs that ref too, interleaved
	@BASELINE="$(BASELINE)" $(BACKEND)/bench/run.sh

profile: ## Flame graphs of the API under load (perf): backend/bench/profiles/<endpoint>.svg
	@$(BACKEND)/bench/profile.sh

validate: ## Static checks of what runs elsewhere: Compose files, Dockerfiles, scripts, YAML, Kubernetes overlays, the CI/CD workflow
	bash scripts/validate-static.sh
	bash scripts/validate-k8s.sh
	bash scripts/validate-workflows.sh

deploy: ## Deploy IMAGE_TAG to DEPLOY_HOST over SSH: backup, pull, migrate, restart, health check, rollback on failure
	@scripts/deploy.sh "$(IMAGE_TAG)"
