# The SPA (frontend/): packages, checks, unit and end-to-end tests, build.
# Included by the main Makefile. Needs Node 20.19+ and npm; the end-to-end
# suite also runs Debian's chromium and nginx, psql and redis-cli (make test-system-deps).

FRONTEND := frontend

.PHONY: frontend-deps frontend-build frontend-client test-frontend test-e2e screenshots bundle-size

# npm ci again whenever package-lock.json changes.
$(FRONTEND)/node_modules/.package-lock.json: $(FRONTEND)/package-lock.json
	cd $(FRONTEND) && npm ci --no-audit --no-fund

frontend-deps: $(FRONTEND)/node_modules/.package-lock.json ## Install the SPA's npm packages (npm ci, pinned by package-lock.json)

frontend-build: frontend-deps ## Build the SPA into frontend/dist and report its initial JavaScript size
	cd $(FRONTEND) && npm run build && npm run bundle-size

frontend-client: frontend-deps ## Regenerate the SPA's typed API client from backend/openapi.json
	cd $(FRONTEND) && npm run generate-client

test-frontend: frontend-deps ## SPA: eslint, prettier, type check, API client matches openapi.json, unit tests (Vitest)
	cd $(FRONTEND) && npm run lint && npm run format:check && npm run typecheck && npm run check-client && npm test

# Both run Playwright Test (frontend/playwright.config.ts), whose global
# setup starts the stack; `npx playwright test` in frontend/ does the same
# with Playwright's own options (a spec, --grep, --ui): frontend/e2e/README.md.
E2E_DEPS := chromium nginx envsubst psql redis-cli

test-e2e: frontend-deps ## SPA end to end (Playwright): Chromium drives the built SPA behind the real nginx, API, worker and SMTP server
	@scripts/test-system-deps.sh $(E2E_DEPS)
	@python3 -c "import aiosmtpd" 2>/dev/null || $(MAKE) --no-print-directory test-deps
	cd $(FRONTEND) && npm run e2e

screenshots: frontend-deps ## Screenshot every page, light and dark, phone and desktop (frontend/e2e/artifacts/screenshots)
	@scripts/test-system-deps.sh $(E2E_DEPS)
	@python3 -c "import aiosmtpd" 2>/dev/null || $(MAKE) --no-print-directory test-deps
	cd $(FRONTEND) && npm run screenshots

bundle-size: ## Report the built SPA's initial JavaScript, gzipped (fails above 150 KB)
	cd $(FRONTEND) && npm run bundle-size
