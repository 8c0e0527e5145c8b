"""deploy/manifest.yml is what `privacy-bot manifest` prints, and Slack's published schema accepts it."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import jsonschema
import pytest
import yaml
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from bot.slack.manifest import BOT_SCOPES, manifest
from tests.deploy.files import DEPLOY, ROOT, load_schema

# manifest.schema.json picks a versioned schema by _metadata.major_version, by these URLs.
PUBLISHED = "https://raw.githubusercontent.com/slackapi/manifest-schema/v0.5.0/schemas/manifest.schema.{}.json"


def slack_validator() -> jsonschema.Draft7Validator:
    registry: Registry[Any] = Registry()
    for version in ("1.0.0", "2.0.0"):
        schema = load_schema(f"slack-app-manifest/manifest.schema.{version}.json")
        registry = registry.with_resource(PUBLISHED.format(version), Resource.from_contents(schema, DRAFT7))
    return jsonschema.Draft7Validator(load_schema("slack-app-manifest/manifest.schema.json"), registry=registry)


def printed_manifest(run: Callable[..., tuple[int, str, str]], *args: str) -> str:
    """What `privacy-bot manifest ARGS` prints, run in this process (a fresh one costs a second or more)."""
    code, out, err = run("manifest", *args)
    assert code == 0, err
    return out


def test_the_shipped_manifest_is_what_the_command_prints(run: Callable[..., tuple[int, str, str]]) -> None:
    # The file holds the Socket Mode form: it works without a public URL, behind any firewall.
    assert (DEPLOY / "manifest.yml").read_text() == printed_manifest(run)


@pytest.mark.parametrize("args", [(), ("--url", "bot.example.com")], ids=["socket-mode", "http"])
def test_slacks_schema_accepts_the_manifest(run: Callable[..., tuple[int, str, str]], args: tuple[str, ...]) -> None:
    parsed = yaml.safe_load(printed_manifest(run, *args))
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in slack_validator().iter_errors(parsed)]
    assert errors == []
    assert parsed["settings"]["socket_mode_enabled"] is (args == ())


def test_the_schema_check_would_catch_a_broken_manifest() -> None:
    broken = manifest(command="/privacy", url=None)
    broken["settings"]["socket_mode_enabled"] = "yes"
    broken["oauth_config"]["scopes"]["bot"].append(42)
    assert len(list(slack_validator().iter_errors(broken))) > 0


def test_every_scope_has_a_reason_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("### Scopes", 1)[1].split("\n#", 1)[0]
    reasons = dict(re.findall(r"^\| `([a-z_:.]+)` \| (.+?) \|$", section, re.M))
    assert sorted(reasons) == sorted(BOT_SCOPES)
    assert all(len(reason) > 10 for reason in reasons.values())
