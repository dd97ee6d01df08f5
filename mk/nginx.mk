# The reverse proxy (nginx/): development certificate, native render, tests.
# Included by the main Makefile.

.PHONY: certs nginx-render nginx-test nginx-test-deps

certs: ## Make a self-signed development certificate in nginx/ssl (FORCE=1 replaces it; host=NAME)
	@scripts/make-certs.sh nginx/ssl $(or $(host),localhost)

nginx-render: ## Render the proxy config for a native nginx: make nginx-render out=DIR (API_UPSTREAM, ... from env)
	@scripts/render-nginx.sh $(or $(out),$(error usage: make nginx-render out=DIR))

nginx-test-deps: ## Install Debian's nginx and testssl.sh (apt, as root) and the proxy tests' Python packages
	@command -v nginx >/dev/null || { apt-get update -qq && apt-get install -y -qq nginx; }
	@command -v testssl >/dev/null || apt-get install -y -qq testssl.sh || { apt-get update -qq && apt-get install -y -qq testssl.sh; }
	@python3 -c "import pytest, sslyze" 2>/dev/null || python3 -m pip install --quiet -r tests/nginx/requirements.txt

nginx-test: nginx-test-deps ## Test the reverse proxy: real nginx in front of the real API, headers, limits, TLS scans
	python3 -m pytest tests/nginx -q
