"""deploy/manifest.yml is what `privacy-bot manifest` prints, and Slack's published schema accepts it."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from bot.slack.manifest import BOT_SCOPES, manifest
from tests.botproc import bot_env
from tests.deploy.files import DEPLOY, ROOT, load_schema

# manifest.schema.json picks a versioned schema by _metadata.major_version, by these URLs.
PUBLISHED = "https://raw.githubusercontent.com/slackapi/manifest-schema/v0.5.0/schemas/manifest.schema.{}.json"


def slack_validator() -> jsonschema.Draft7Validator:
    registry: Registry[Any] = Registry()
    for version in ("1.0.0", "2.0.0"):
        schema = load_schema(f"slack-app-manifest/manifest.schema.{version}.json")
        registry = registry.with_resource(PUBLISHED.format(version), Resource.from_contents(schema, DRAFT7))
    return jsonschema.Draft7Validator(load_schema("slack-app-manifest/manifest.schema.json"), registry=registry)


def printed_manifest(*args: str, cwd: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "bot", "manifest", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=bot_env(cwd),
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_shipped_manifest_is_what_the_command_prints(tmp_path: Path) -> None:
    # The file holds the Socket Mode form: it works without a public URL, behind any firewall.
    assert (DEPLOY / "manifest.yml").read_text() == printed_manifest(cwd=tmp_path)


@pytest.mark.parametrize("args", [(), ("--url", "bot.example.com")], ids=["socket-mode", "http"])
def test_slacks_schema_accepts_the_manifest(tmp_path: Path, args: tuple[str, ...]) -> None:
    parsed = yaml.safe_load(printed_manifest(*args, cwd=tmp_path))
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
