#!/usr/bin/env bash
# A self-signed certificate for development (`make certs`):
#
#   scripts/make-certs.sh [OUT_DIR] [HOST]     (defaults: nginx/ssl, localhost)
#
# Writes OUT_DIR/fullchain.pem and OUT_DIR/privkey.pem, the names certbot
# uses, so the proxy's configuration is the same with a real certificate.
# ECDSA P-256, valid 365 days, for HOST, localhost, 127.0.0.1 and ::1.
# An existing pair is kept unless FORCE=1.
set -euo pipefail

out=${1:-"$(cd "$(dirname "$0")/.." && pwd)/nginx/ssl"}
host=${2:-localhost}

if [[ -s "$out/fullchain.pem" && -s "$out/privkey.pem" && "${FORCE:-0}" != 1 ]]; then
    echo "$out already holds a certificate (FORCE=1 replaces it)"
    exit 0
fi

san="DNS:$host,DNS:localhost,IP:127.0.0.1,IP:::1"
mkdir -p "$out"
chmod 700 "$out"
( umask 077
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
      -days 365 -subj "/CN=$host" \
      -addext "subjectAltName=$san" \
      -addext "basicConstraints=critical,CA:FALSE" \
      -addext "keyUsage=critical,digitalSignature" \
      -addext "extendedKeyUsage=serverAuth" \
      -keyout "$out/privkey.pem.tmp" -out "$out/fullchain.pem.tmp" 2>/dev/null )
mv "$out/privkey.pem.tmp" "$out/privkey.pem"
mv "$out/fullchain.pem.tmp" "$out/fullchain.pem"
chmod 644 "$out/fullchain.pem"
echo "self-signed certificate for $host written to $out (browsers will warn: it is not trusted)"
