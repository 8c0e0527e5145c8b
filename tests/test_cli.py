"""The command line as an operator uses it: real process, clean environment."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest


def cli(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={"PATH": "/usr/bin:/bin", "HOME": str(cwd), **(env or {})},
        timeout=60,
    )


def test_ask_json_answers_the_iphone_question(tmp_path: Path) -> None:
    done = cli("ask", "--json", "how do I opt out of LinkedIn AI training on my iPhone?", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["guide"] == "linkedin-ai-training"
    assert answer["platform"] == "ios"
    assert 0.5 < answer["confidence"] <= 1
    assert "Steps on iPhone/iPad app" in answer["text"]
    assert "data-for-ai-improvement" in answer["text"]


def test_ask_json_says_null_when_no_guide_fits(tmp_path: Path) -> None:
    answer = json.loads(cli("ask", "--json", "what's for lunch?", cwd=tmp_path).stdout)
    assert answer["guide"] is None
    assert answer["platform"] is None
    assert "Stop LinkedIn using your data to train generative AI" in answer["text"]


def test_guides_list_and_show(tmp_path: Path) -> None:
    listed = cli("guides", "list", cwd=tmp_path).stdout
    assert "linkedin-ai-training" in listed
    assert "linkedin-data-download" in listed
    shown = cli("guides", "show", "linkedin-ai-training", cwd=tmp_path).stdout
    assert "Key dates" in shown
    assert "2025" in shown
    missing = cli("guides", "show", "nope", cwd=tmp_path)
    assert missing.returncode == 2
    assert "no guide 'nope'" in missing.stderr


def test_guides_check_names_file_and_field_and_fails(tmp_path: Path) -> None:
    assert cli("guides", "check", cwd=tmp_path).returncode == 0
    shipped = Path(__file__).resolve().parent.parent / "bot" / "guides" / "linkedin-ai-training.toml"
    broken = tmp_path / "broken.toml"
    broken.write_text(
        shipped.read_text().replace('url = "https://www.linkedin.com/mypreferences', 'url = "http://x', 1)
    )
    done = cli("guides", "check", str(broken), cwd=tmp_path)
    assert done.returncode == 1
    assert f"{broken}: url: must be an https:// link" in done.stderr


def test_a_guides_dir_guide_overrides_a_shipped_one(tmp_path: Path) -> None:
    shipped = Path(__file__).resolve().parent.parent / "bot" / "guides" / "linkedin-ai-training.toml"
    extra = tmp_path / "guides"
    extra.mkdir()
    (extra / "ours.toml").write_text(shipped.read_text().replace('title = "', 'title = "OUR ', 1))
    listed = cli("guides", "list", cwd=tmp_path, env={"GUIDES_DIR": str(extra)}).stdout
    assert "OUR Stop LinkedIn" in listed


def test_db_upgrade_creates_the_schema(tmp_path: Path) -> None:
    database = tmp_path / "bot.db"
    done = cli("db", "upgrade", cwd=tmp_path, env={"DATABASE_URL": f"sqlite:///{database}"})
    assert done.returncode == 0, done.stderr
    assert "database at revision" in done.stdout
    with sqlite3.connect(database) as db:
        tables = {row[0] for row in db.execute("select name from sqlite_master where type = 'table'")}
    assert {"attestations", "audit_log", "alembic_version"} <= tables


@pytest.mark.parametrize(("args", "socket_mode"), [((), True), (("--url", "https://bot.example.com"), False)])
def test_manifest_subscribes_to_what_the_bot_handles(tmp_path: Path, args: tuple[str, ...], socket_mode: bool) -> None:
    done = cli("manifest", *args, cwd=tmp_path)
    assert done.returncode == 0
    assert f"socket_mode_enabled: {'true' if socket_mode else 'false'}" in done.stdout
    assert '- "message.im"' in done.stdout
    assert ('request_url: "https://bot.example.com/slack/events"' in done.stdout) is not socket_mode


def test_an_unreachable_database_stops_run_with_one_line(tmp_path: Path) -> None:
    env = {
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_SIGNING_SECRET": "test-signing-secret",
        "DATABASE_URL": "postgresql+psycopg://nobody@127.0.0.1:1/nothing",
    }
    done = cli("run", "--http", cwd=tmp_path, env=env)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("privacy-bot: DATABASE_URL: cannot use the database (")
