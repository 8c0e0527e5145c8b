"""deploy/compose.yaml, checked against the Compose Specification since no container engine runs here."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest
import yaml

from tests.deploy.files import DEPLOY, load_schema


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    return loaded


def test_compose_file_follows_the_compose_specification(compose: dict[str, Any]) -> None:
    validator = jsonschema.Draft7Validator(load_schema("compose-spec/compose-spec.json"))
    assert [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(compose)] == []


def test_postgres_16_with_a_healthcheck_and_a_named_volume(compose: dict[str, Any]) -> None:
    db = compose["services"]["db"]
    assert db["image"] == "postgres:16"
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    volume = db["volumes"][0].split(":")[0]
    assert volume in compose["volumes"]


def test_migrations_run_once_the_database_is_healthy_and_before_the_bot(compose: dict[str, Any]) -> None:
    services = compose["services"]
    assert services["migrate"]["command"] == ["privacy-bot", "db", "upgrade"]
    assert services["migrate"]["depends_on"]["db"]["condition"] == "service_healthy"
    assert services["bot"]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert services["bot"]["environment"]["DATABASE_URL"].startswith("postgresql://")


def test_the_replicas_profile_adds_a_second_bot_on_the_same_database(compose: dict[str, Any]) -> None:
    services = compose["services"]
    bots = [name for name, service in services.items() if service.get("image") == services["bot"]["image"]]
    assert "replicas" in services["bot-2"]["profiles"]
    assert "profiles" not in services["bot"]
    assert services["bot-2"]["environment"] == services["bot"]["environment"]
    assert sorted(bots) == ["bot", "bot-2", "migrate"]


def test_the_bots_ports_reach_only_this_host_and_metrics_are_not_published(compose: dict[str, Any]) -> None:
    # "3000:3000" published /slack/events, /healthz and /metrics on every address of the host, while the README
    # says to keep the last two private: the reverse proxy on the host is what faces Slack.
    for name in ("bot", "bot-2"):
        service = compose["services"][name]
        assert all(str(port).startswith("127.0.0.1:") for port in service["ports"]), service["ports"]
        metrics = service["environment"]["METRICS_PORT"]
        assert all(not str(port).endswith(f":{metrics}") for port in service["ports"])
