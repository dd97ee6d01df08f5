"""The proxy's TLS, scanned by sslyze (from PyPI) and, when Debian's testssl.sh is
installed, by testssl too.

The certificate is the self-signed one `make certs` makes, so "not trusted" is
expected; that one finding, and only it, is excluded below (a deployment uses
Let's Encrypt's certificate with the same configuration).
"""

from __future__ import annotations

import json
import shutil
import socket
import ssl
import subprocess

import pytest
from sslyze import (
    Scanner,
    ScanCommand,
    ServerNetworkLocation,
    ServerScanRequest,
    ServerScanStatusEnum,
)
from sslyze.mozilla_tls_profile.tls_config_checker import (
    MozillaTlsConfiguration,
    ServerNotCompliantWithTlsConfiguration,
    TlsConfigurationEnum,
    check_server_against_tls_configuration,
)

ALLOWED_TLS12_SUITES = {
    "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
    "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
    "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
    "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
}


@pytest.fixture(scope="module")
def server_scan(proxy):
    location = ServerNetworkLocation("localhost", proxy.https_port, ip_address="127.0.0.1")
    scanner = Scanner()
    scanner.queue_scans([ServerScanRequest(server_location=location)])
    (result,) = scanner.get_results()
    assert result.scan_status == ServerScanStatusEnum.COMPLETED, result.connectivity_error_trace
    return result


@pytest.fixture(scope="module")
def scan(server_scan):
    return server_scan.scan_result


def accepted(attempt) -> list[str]:
    assert attempt.error_reason is None, attempt.error_trace
    return [suite.cipher_suite.name for suite in attempt.result.accepted_cipher_suites]


def test_only_tls_1_2_and_1_3_are_accepted(scan):
    for old in (scan.ssl_2_0_cipher_suites, scan.ssl_3_0_cipher_suites,
                scan.tls_1_0_cipher_suites, scan.tls_1_1_cipher_suites):
        assert accepted(old) == []
    assert accepted(scan.tls_1_2_cipher_suites)
    assert accepted(scan.tls_1_3_cipher_suites)


def test_tls_1_2_offers_only_ecdhe_aead_suites(scan):
    assert set(accepted(scan.tls_1_2_cipher_suites)) <= ALLOWED_TLS12_SUITES


def test_no_known_vulnerability(scan):
    assert scan.heartbleed.result.is_vulnerable_to_heartbleed is False
    assert scan.openssl_ccs_injection.result.is_vulnerable_to_ccs_injection is False
    assert "NOT_VULNERABLE" in scan.robot.result.robot_result.name
    assert scan.tls_compression.result.supports_compression is False
    assert scan.session_renegotiation.result.is_vulnerable_to_client_renegotiation_dos is False
    assert scan.tls_fallback_scsv.result.supports_fallback_scsv is True


def test_the_configuration_meets_mozillas_intermediate_profile(server_scan):
    try:
        check_server_against_tls_configuration(
            server_scan, MozillaTlsConfiguration.get(TlsConfigurationEnum.MOZILLA_INTERMEDIATE)
        )
        issues = {}
    except ServerNotCompliantWithTlsConfiguration as error:
        issues = error.issues
    # The self-signed development certificate is not trusted: expected, excluded.
    issues.pop("certificate_path_validation", None)
    assert issues == {}, issues


def test_hsts_is_seen_by_the_scanner(scan):
    hsts = scan.http_headers.result.strict_transport_security_header
    assert hsts is not None and hsts.max_age >= 31536000 and hsts.include_subdomains


def test_a_tls_1_1_handshake_fails(proxy):
    def handshake(version):
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        ctx.load_verify_locations(str(proxy.cert))
        # Let this client offer old versions, so a refusal is the server's.
        ctx.set_ciphers("ALL:@SECLEVEL=0")
        ctx.minimum_version = version
        ctx.maximum_version = version
        with socket.create_connection(("127.0.0.1", proxy.https_port), timeout=10) as raw:
            with ctx.wrap_socket(raw, server_hostname="localhost") as tls:
                return tls.version()

    assert handshake(ssl.TLSVersion.TLSv1_2) == "TLSv1.2"
    assert handshake(ssl.TLSVersion.TLSv1_3) == "TLSv1.3"
    for old in (ssl.TLSVersion.TLSv1, ssl.TLSVersion.TLSv1_1):
        with pytest.raises(ssl.SSLError):
            handshake(old)


TESTSSL = shutil.which("testssl") or shutil.which("testssl.sh")
# testssl's findings about the development certificate itself, not the
# configuration: it is self-signed, so untrusted and without a CRL or OCSP URI.
# Each is excluded only with the text that says exactly that.
DEVELOPMENT_CERTIFICATE_FINDINGS = {
    "cert_chain_of_trust": "self signed",
    "cert_revocation": "Neither CRL nor OCSP URI provided",
}


@pytest.mark.skipif(TESTSSL is None, reason="testssl.sh not installed (apt-get install testssl.sh)")
def test_testssl_reports_nothing_high_or_critical(proxy, tmp_path):
    report = tmp_path / "testssl.json"
    subprocess.run(
        [TESTSSL, "--quiet", "--warnings", "off", "--color", "0", "--fast", "--ip", "127.0.0.1",
         "--jsonfile", str(report), f"localhost:{proxy.https_port}"],
        capture_output=True, text=True, timeout=600,
    )
    findings = json.loads(report.read_text())
    assert findings, "testssl wrote no findings"
    severe = [f for f in findings if f["severity"] in ("HIGH", "CRITICAL")]
    expected = [f for f in severe if f["id"] in DEVELOPMENT_CERTIFICATE_FINDINGS
                and DEVELOPMENT_CERTIFICATE_FINDINGS[f["id"]].lower() in f["finding"].lower()]
    unexpected = [f for f in severe if f not in expected]
    assert unexpected == [], json.dumps(unexpected, indent=1)
