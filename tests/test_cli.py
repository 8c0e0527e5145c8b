"""The command line as an operator uses it: real process, clean environment."""

from __future__ import annotations

import json
import logging
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.local.fake_slack import FakeSlack
from bot.local.workspace import LOCAL_BOT_TOKEN


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


def test_an_unreachable_database_stops_run_with_one_line(tmp_path: Path, slack: FakeSlack) -> None:
    env = {
        "SLACK_API_URL": slack.api_url,
        "SLACK_BOT_TOKEN": LOCAL_BOT_TOKEN,
        "SLACK_SIGNING_SECRET": "test-signing-secret",
        "DATABASE_URL": "postgresql+psycopg://nobody@127.0.0.1:1/nothing",
    }
    done = cli("run", "--http", cwd=tmp_path, env=env)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("privacy-bot: DATABASE_URL: cannot use the database (")


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Run:
    """The command line in this process (a fresh process per call costs seconds): exit code, stdout, stderr."""
    from bot.cli import main

    monkeypatch.chdir(tmp_path)
    # main() configures logging for a process; give the rest of the suite its logging back afterwards.
    for logger in (logging.getLogger(), logging.getLogger("alembic")):
        monkeypatch.setattr(logger, "handlers", list(logger.handlers))
        monkeypatch.setattr(logger, "level", logger.level)
    for name in ("GUIDES_DIR", "DATABASE_URL", "SLACK_BOT_TOKEN"):
        monkeypatch.delenv(name, raising=False)

    def call(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
        for name, value in (env or {}).items():
            monkeypatch.setenv(name, value)
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return call


Run = Callable[..., tuple[int, str, str]]


def test_guides_list_shows_when_each_guides_sources_were_read(run: Run) -> None:
    code, listed, _ = run("guides", "list")
    assert code == 0
    line = next(line for line in listed.splitlines() if line.startswith("linkedin-ai-training "))
    assert "sources read 2026-11-29, " in line and " days ago)" in line
    assert "checked" not in listed


@pytest.mark.parametrize(
    ("name", "title"), [("linkedin", "Stop LinkedIn"), ("LinkedIn", "Stop LinkedIn"), ("facebook", "Object to Meta")]
)
def test_guides_show_takes_a_service_name_or_alias(run: Run, name: str, title: str) -> None:
    code, shown, err = run("guides", "show", name)
    assert code == 0, err
    assert shown.startswith(title)
    assert "What switching off does not undo" in shown
    assert "Sources read on 2026-11-29" in shown


def test_guides_check_max_age_fails_guides_read_too_long_ago(run: Run) -> None:
    assert run("guides", "check", "--max-age", "100000")[0] == 0
    code, _, err = run("guides", "check", "--max-age", "-1")
    assert code == 1
    assert "linkedin-ai-training.toml: verified: sources read on 2026-11-29" in err


def test_a_guides_dir_guide_slack_would_refuse_stops_the_bot_with_file_and_field(tmp_path: Path, run: Run) -> None:
    shipped = Path(__file__).resolve().parent.parent / "bot" / "guides" / "quora-training.toml"
    extra = tmp_path / "guides"
    extra.mkdir()
    long_title = "A title far longer than any Slack header allows " * 4
    (extra / "long.toml").write_text(shipped.read_text().replace('title = "', f'title = "{long_title}', 1))
    code, _, err = run("guides", "check", str(extra))
    assert code == 1
    assert f"{extra / 'long.toml'}: title: " in err
    code, _, err = run("guides", "list", env={"GUIDES_DIR": str(extra)})
    assert code == 2
    [line] = err.strip().splitlines()
    assert line.startswith(f"privacy-bot: GUIDES_DIR: {extra / 'long.toml'}: title: ")
    assert "Slack allows 150" in line


def test_ask_says_when_there_is_no_guide_for_that_yet(run: Run) -> None:
    answer = json.loads(run("ask", "--json", "delete my linkedin account")[1])
    assert answer["guide"] is None
    assert "I have no guide for that yet (LinkedIn)." in answer["text"]
    assert "GUIDES_DIR" in answer["text"]
    greeting = json.loads(run("ask", "--json", "hello")[1])
    assert greeting["text"].startswith("Hi! Ask me about a service")


def test_calendar_prints_an_ics_file_a_calendar_can_import(tmp_path: Path) -> None:
    import icalendar

    done = subprocess.run(
        [sys.executable, "-m", "bot", "calendar"],
        capture_output=True,
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"BEGIN:VCALENDAR\r\n")
    calendar = icalendar.Calendar.from_ical(done.stdout)
    summaries = [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]
    assert any(summary.startswith("Meta: After requests from Ireland") for summary in summaries)
    assert len(summaries) >= 20
