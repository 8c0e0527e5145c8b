"""deploy/k8s, checked against Kubernetes' own schemas (shipped by kubernetes-validate, offline)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

from tests.deploy.files import DEPLOY

K8S = DEPLOY / "k8s"


OBJECTS = sorted(path for path in K8S.glob("*.yaml") if path.name != "kustomization.yaml")


# Applied on its own, if at all: README has the operator create the Secret with `kubectl create secret`.
SECRET = K8S / "secret.yaml"


def documents() -> dict[str, dict[str, Any]]:
    """The kustomization's resources, and the example Secret beside them, by kind."""
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text())
    found: dict[str, dict[str, Any]] = {}
    for name in [*kustomization["resources"], SECRET.name]:
        for document in yaml.safe_load_all((K8S / name).read_text()):
            found[document["kind"]] = document
    return found


def test_the_kustomization_lists_every_manifest_but_the_secret() -> None:
    listed = yaml.safe_load((K8S / "kustomization.yaml").read_text())["resources"]
    assert sorted(listed) == [path.name for path in OBJECTS if path != SECRET]


def test_applying_the_base_leaves_the_secret_the_readme_has_you_create() -> None:
    # README: `kubectl create secret generic privacy-bot --from-env-file=.env`, then `kubectl apply -k deploy/k8s`.
    # A Secret among the resources was applied over it, placeholders and all, and every pod stopped at start.
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text())
    kinds = [
        document["kind"]
        for name in kustomization["resources"]
        for document in yaml.safe_load_all((K8S / name).read_text())
    ]
    assert "Secret" not in kinds


@pytest.mark.parametrize("path", OBJECTS, ids=lambda path: path.name)
def test_each_manifest_is_valid_kubernetes(path: Path) -> None:
    for document in yaml.safe_load_all(path.read_text()):
        kubernetes_validate.validate(document, kubernetes_validate.latest_version(), strict=True)


def test_two_replicas_probed_on_healthz_with_resource_requests() -> None:
    deployment = documents()["Deployment"]
    assert deployment["spec"]["replicas"] == 2
    container = deployment["spec"]["template"]["spec"]["containers"][0]
    for probe in ("readinessProbe", "livenessProbe"):
        assert container[probe]["httpGet"]["path"] == "/healthz"
    assert {"cpu", "memory"} <= set(container["resources"]["requests"])
    # Long enough for the bot's own 10 s graceful stop.
    assert deployment["spec"]["template"]["spec"]["terminationGracePeriodSeconds"] > 10


def test_tokens_come_from_the_secret_and_the_selectors_match() -> None:
    found = documents()
    deployment, service, budget = found["Deployment"], found["Service"], found["PodDisruptionBudget"]
    container = deployment["spec"]["template"]["spec"]["containers"][0]
    assert {"secretRef": {"name": found["Secret"]["metadata"]["name"]}} in container["envFrom"]
    assert "SLACK_BOT_TOKEN" in found["Secret"]["stringData"]
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    assert service["spec"]["selector"].items() <= labels.items()
    assert budget["spec"]["selector"]["matchLabels"].items() <= labels.items()
    assert budget["spec"]["minAvailable"] < deployment["spec"]["replicas"]
