# The reverse proxy (nginx/): development certificate, native render, tests.
# Included by the main Makefile.

.PHONY: certs nginx-render nginx-test

certs: ## Make a self-signed development certificate in nginx/ssl (FORCE=1 replaces it; host=NAME)
	@scripts/make-certs.sh nginx/ssl $(or $(host),localhost)

nginx-render: ## Render the proxy config for a native nginx: make nginx-render out=DIR (API_UPSTREAM, ... from env)
	@scripts/render-nginx.sh $(or $(out),$(error usage: make nginx-render out=DIR))

nginx-test: test-deps test-system-deps ## Test the reverse proxy: real nginx in front of the real API, headers, limits, TLS scans
	python3 -m pytest tests/nginx -q
