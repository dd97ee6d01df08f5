"""Static checks of the Kubernetes manifests (k8s/): what a schema cannot say
about who may talk to whom. No cluster and no network: the YAML files are
read as they are in the repository (scripts/validate-k8s.sh renders and
validates the overlays themselves).
"""

from __future__ import annotations

from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
K8S = REPO / "k8s"


def controller_config() -> dict[str, str]:
    values = yaml.safe_load((K8S / "ingress-nginx" / "controller-values.yaml").read_text())
    return values["controller"]["config"]


def test_the_ingress_controller_trusts_no_client_forwarding_header():
    # The controller is the edge: X-Forwarded-For is the peer's address, never
    # a client-sent value passed on or appended to.
    config = controller_config()
    assert config.get("use-forwarded-headers") == "false"
    assert config.get("compute-full-forwarded-for", "false") == "false"
    assert "proxy-real-ip-cidr" not in config
