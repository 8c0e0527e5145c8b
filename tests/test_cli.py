"""The command line as an operator uses it: in this process where that proves the same, else a real process
with a clean environment."""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
import threading
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from bot import __version__
from bot.cli import Served
from bot.local.fake_slack import FakeSlack
from bot.local.sender import SignedSender
from bot.local.workspace import LOCAL_APP_TOKEN, LOCAL_BOT_TOKEN, MEMBER
from bot.store import current_revision, downgrade, head_revision, make_engine, upgrade
from tests.botproc import CHECKOUT, bot_env, free_port, start_bot
from tests.conftest import waited_as_slack_sdk_backs_off
from tests.databases import PG_SKIPPED, TEST_DATABASE_URL, scratch_database
from tests.waits import record_waits_env, recorded_waits

# `run` (tests/conftest.py) runs a command in this process, as most tests here do: a fresh interpreter costs a
# second or more. `cli` starts a real process, for what only a process shows: signals, a closed pipe, a terminal,
# a `.env` read at start, `run` starting (and stopping, or refusing to start) with its own logging.
Run = Callable[..., tuple[int, str, str]]


def cli(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=bot_env(cwd, env),
        timeout=60,
    )


def test_a_process_these_tests_start_runs_this_checkout(tmp_path: Path) -> None:
    # A git worktree sharing another checkout's venv would otherwise run, and pass or fail, that checkout's code.
    done = subprocess.run(
        [sys.executable, "-c", "import bot; print(bot.__file__)"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=bot_env(tmp_path, {"PYTHONPATH": str(tmp_path)}),  # a path of the test's own comes after it
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert Path(done.stdout.strip()).resolve().parents[1] == Path(CHECKOUT)


def test_ask_json_answers_the_iphone_question(run: Run) -> None:
    code, out, err = run("ask", "--json", "how do I opt out of LinkedIn AI training on my iPhone?")
    assert code == 0, err
    answer = json.loads(out)
    assert answer["guide"] == "linkedin-ai-training"
    assert answer["platform"] == "ios"
    assert 0.5 < answer["confidence"] <= 1
    assert "Steps on iPhone/iPad app" in answer["text"]
    assert "data-for-ai-improvement" in answer["text"]


def test_ask_help_says_what_text_to_give(run: Run, capsys: pytest.CaptureFixture[str]) -> None:
    # `privacy-bot ask --help` listed "text" with nothing beside it: a question? a guide id?
    with pytest.raises(SystemExit):  # argparse prints the help and exits
        run("ask", "--help")
    shown = capsys.readouterr().out
    assert "a question or a command, as a member would type it" in " ".join(shown.split())


@pytest.mark.parametrize(
    ("command", "says"),
    [
        (["shell"], "a first name (Ada is an admin) or an ID"),
        (["guides", "check"], "guide files or folders (default: shipped and GUIDES_DIR)"),
        (["guides", "check"], "sources were read more than DAYS days ago"),
        (["report"], "table (default), csv (the rows of Slack's Export CSV) or json"),
    ],
)
def test_help_says_what_each_argument_takes(
    run: Run, capsys: pytest.CaptureFixture[str], command: list[str], says: str
) -> None:
    # `shell --help` said only "act as this member" (which? named how?), `guides check` listed `paths` bare, and
    # `report --format` nothing at all.
    with pytest.raises(SystemExit):  # argparse prints the help and exits
        run(*command, "--help")
    shown = capsys.readouterr().out
    assert says in " ".join(shown.split())


@pytest.mark.parametrize(("typed", "as_"), [("campaign", "campaigns"), ("guide", "guides")])
def test_the_singular_of_a_command_is_the_command(run: Run, typed: str, as_: str) -> None:
    # Slack's command is `/privacy campaign list`; `privacy-bot campaign list` got "invalid choice: 'campaign'".
    code, out, err = run(typed, "list")
    assert code == 0, err
    assert out == run(as_, "list")[1]


@pytest.mark.parametrize("typed", ["/privacy status", "/Privacy status"])
def test_ask_reads_the_command_name_as_no_part_of_the_question(run: Run, typed: str) -> None:
    # Copied from the README's table, it answered "I couldn't tell which guide “/privacy status” is about".
    answered = run("ask", typed)[1]
    assert answered == run("ask", "status")[1]
    assert "Your privacy to-dos" in answered


def test_ask_json_says_null_when_no_guide_fits(run: Run) -> None:
    answer = json.loads(run("ask", "--json", "how do i opt out?")[1])
    assert answer["guide"] is None
    assert answer["platform"] is None
    assert "Stop LinkedIn using your data to train generative AI" in answer["text"]


def test_guides_list_and_show(run: Run) -> None:
    listed = run("guides", "list")[1]
    assert "linkedin-ai-training" in listed
    assert "linkedin-data-download" in listed
    shown = run("guides", "show", "linkedin-ai-training")[1]
    assert "Key dates" in shown
    assert "2025" in shown
    code, _, err = run("guides", "show", "nope")
    assert code == 2
    assert "no guide 'nope'" in err


@pytest.mark.parametrize("args", [("guides", "list"), ("ask", "--json", "linkedin"), ("calendar",)])
def test_output_into_a_pipe_that_closed_early_ends_without_a_traceback(tmp_path: Path, args: tuple[str, ...]) -> None:
    # `privacy-bot guides list | head -3`: the reader is gone before the bot writes, as `head` is once it has read
    # its lines. Each of these printed "BrokenPipeError: [Errno 32] Broken pipe" with a traceback.
    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "bot", *args],
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            cwd=tmp_path,
            env=bot_env(tmp_path),
            timeout=60,
        )
    finally:
        os.close(write)
    assert done.stderr == ""
    assert done.returncode == 141


def test_guides_check_names_file_and_field_and_fails(run: Run, tmp_path: Path) -> None:
    assert run("guides", "check")[0] == 0
    shipped = Path(__file__).resolve().parent.parent / "bot" / "guides" / "linkedin-ai-training.toml"
    broken = tmp_path / "broken.toml"
    broken.write_text(
        shipped.read_text().replace('url = "https://www.linkedin.com/mypreferences', 'url = "http://x', 1)
    )
    code, _, err = run("guides", "check", str(broken))
    assert code == 1
    assert f"{broken}: url: must be an https:// link" in err


def test_a_guides_dir_guide_overrides_a_shipped_one(run: Run, tmp_path: Path) -> None:
    shipped = Path(__file__).resolve().parent.parent / "bot" / "guides" / "linkedin-ai-training.toml"
    extra = tmp_path / "guides"
    extra.mkdir()
    (extra / "ours.toml").write_text(shipped.read_text().replace('title = "', 'title = "OUR ', 1))
    listed = run("guides", "list", env={"GUIDES_DIR": str(extra)})[1]
    assert "OUR Stop LinkedIn" in listed


def test_db_upgrade_creates_the_schema(run: Run, tmp_path: Path) -> None:
    database = tmp_path / "bot.db"
    code, out, err = run("db", "upgrade", env={"DATABASE_URL": f"sqlite:///{database}"})
    assert code == 0, err
    assert "database at revision" in out
    with sqlite3.connect(database) as db:
        tables = {row[0] for row in db.execute("select name from sqlite_master where type = 'table'")}
    assert {"attestations", "audit_log", "alembic_version"} <= tables


@pytest.mark.parametrize(("args", "socket_mode"), [((), True), (("--url", "https://bot.example.com"), False)])
def test_manifest_subscribes_to_what_the_bot_handles(run: Run, args: tuple[str, ...], socket_mode: bool) -> None:
    code, out, _ = run("manifest", *args)
    assert code == 0
    assert f"socket_mode_enabled: {'true' if socket_mode else 'false'}" in out
    assert '- "message.im"' in out
    assert ('request_url: "https://bot.example.com/slack/events"' in out) is not socket_mode


def test_an_unreachable_database_stops_run_with_one_line(tmp_path: Path, slack: FakeSlack) -> None:
    env = {
        "SLACK_BOT_TOKEN": LOCAL_BOT_TOKEN,
        "SLACK_SIGNING_SECRET": "test-signing-secret",
        "SLACK_API_URL": slack.api_url,
        "DATABASE_URL": "postgresql+psycopg://nobody@127.0.0.1:1/nothing",
    }
    done = cli("run", "--http", cwd=tmp_path, env=env)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("privacy-bot: DATABASE_URL: cannot use the database (")


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
    assert "What opting out does not undo" in shown
    assert "Sources read on 2026-11-29" in shown


def test_guides_check_max_age_fails_guides_read_too_long_ago(run: Run) -> None:
    assert run("guides", "check", "--max-age", "100000")[0] == 0
    code, _, err = run("guides", "check", "--max-age", "0")
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
    assert "Whoever runs this bot can add a guide for it" in answer["text"] and "GUIDES_DIR" not in answer["text"]
    greeting = json.loads(run("ask", "--json", "hello")[1])
    assert greeting["text"].startswith("Privacy Reminder Bot")  # a greeting gets the help


def test_calendar_prints_an_ics_file_a_calendar_can_import(tmp_path: Path) -> None:
    import icalendar

    done = subprocess.run(
        [sys.executable, "-m", "bot", "calendar"],
        capture_output=True,
        cwd=tmp_path,
        env=bot_env(tmp_path),
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"BEGIN:VCALENDAR\r\n")
    calendar = icalendar.Calendar.from_ical(done.stdout)
    summaries = [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]
    assert any(summary.startswith("Meta: After requests from Ireland") for summary in summaries)
    assert len(summaries) >= 20


@pytest.mark.parametrize(
    "url",
    ["bot.example.com", "https://bot.example.com", "https://bot.example.com/", "https://bot.example.com/slack/events"],
)
def test_manifest_url_takes_a_bare_host_or_the_full_endpoint(run: Run, url: str) -> None:
    code, out, err = run("manifest", "--url", url)
    assert code == 0, err
    lines = [line.strip() for line in out.splitlines()]
    urls = [line.split(": ", 1)[1] for line in lines if line.startswith(("url:", "request_url:"))]
    assert urls == ['"https://bot.example.com/slack/events"'] * 3


def test_manifest_url_under_a_path_says_the_proxy_must_pass_events_on_without_it(run: Run) -> None:
    # The path was kept and /slack/events added to it, silently: behind a proxy that passes the whole path on,
    # every event would meet 404, since the bot answers at /slack/events only.
    code, out, err = run("manifest", "--url", "https://bot.example.com/privacy/")
    assert code == 0
    assert '"https://bot.example.com/privacy/slack/events"' in out
    assert err.strip() == (
        "note: Slack will post to https://bot.example.com/privacy/slack/events; the bot answers at /slack/events, so"
        " whatever serves https://bot.example.com/privacy must pass requests on without /privacy"
    )
    code, _, err = run("manifest", "--url", "https://bot.example.com/slack/events")
    assert code == 0 and err == ""


def test_manifest_url_refuses_plain_http(run: Run) -> None:
    code, _, err = run("manifest", "--url", "http://bot.example.com")
    assert code == 2
    assert err.strip() == "privacy-bot: --url: Slack only calls https:// URLs"


# What is not a URL Slack could call is refused as argparse refuses a bad argument: one line, status 2,
# and no manifest that Slack would reject (or that points at the wrong place) on stdout.
@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("x y", "space"),
        ("https://x y", "space"),
        ("https://bot.example.com/slack events", "space"),
        ("https://bot.\texample.com", "space"),
        ("not a url!", "not a URL"),
        ("https://", "host name"),
        ("https:///slack/events", "host name"),
        ("ftp//bot.example.com", "not a URL"),
        ("https://-bot-.example.com", "not a URL"),
        ("https://bot.example.com:abc", "port"),
        ("https://bot.example.com:99999", "port"),
        ("https://user:secret@bot.example.com", "password"),
        ('https://bot.example.com/"<x>"', "not a URL"),
    ],
)
def test_manifest_refuses_what_is_not_a_url_in_one_line(run: Run, url: str, says: str) -> None:
    code, out, err = run("manifest", "--url", url)
    assert (code, out) == (2, "")
    [line] = err.splitlines()
    assert line.startswith("privacy-bot: --url: ") and says in line


@pytest.mark.parametrize(
    ("url", "endpoint"),
    [
        ("bot.example.com", "https://bot.example.com/slack/events"),
        ("  HTTPS://Bot.Example.com/  ", "https://Bot.Example.com/slack/events"),
        ("https://bot.example.com:8443", "https://bot.example.com:8443/slack/events"),
        ("https://example.com/privacy-bot/", "https://example.com/privacy-bot/slack/events"),
        ("https://bot.example.com/slack/events?x=1#top", "https://bot.example.com/slack/events"),
    ],
)
def test_manifest_still_takes_every_real_url(run: Run, url: str, endpoint: str) -> None:
    code, out, err = run("manifest", "--url", url)
    assert code == 0
    assert err == "" or (err.startswith("note: ") and "/privacy-bot" in url)  # see the test above
    assert out.count(f'"{endpoint}"') == 3


ENV_EXAMPLE = Path(__file__).resolve().parent.parent / "deploy" / "env.example"


def env_example_secrets() -> dict[str, str]:
    """Every token and secret deploy/env.example shows, commented out or not."""
    found = {}
    for line in ENV_EXAMPLE.read_text().splitlines():
        name, _, value = line.lstrip("# ").partition("=")
        if name in {"SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN"}:
            found[name] = value
    return found


@pytest.mark.parametrize(("variable", "value"), sorted(env_example_secrets().items()))
def test_a_placeholder_secret_from_env_example_stops_run_with_one_line(
    tmp_path: Path, variable: str, value: str
) -> None:
    env = {"SLACK_BOT_TOKEN": "xoxb-1-real-looking", "SLACK_SIGNING_SECRET": "0123456789abcdef", variable: value}
    done = cli("run", cwd=tmp_path, env=env)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"privacy-bot: {variable}: still the example value from deploy/env.example; paste ")
    assert list(tmp_path.iterdir()) == []


def test_slack_unreachable_at_start_says_where_and_leaves_no_database(tmp_path: Path) -> None:
    env = {
        "SLACK_BOT_TOKEN": "xoxb-1-real-looking",
        "SLACK_SIGNING_SECRET": "0123456789abcdef",
        "SLACK_API_URL": "http://127.0.0.1:1/api/",
    }
    done = cli("run", "--http", cwd=tmp_path, env=env)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "privacy-bot: SLACK_API_URL: Slack could not be reached at http://127.0.0.1:1/api/"
        " ([Errno 111] Connection refused)"
    ]
    assert list(tmp_path.iterdir()) == [], "no privacy-bot.db before Slack answered"


@pytest.mark.parametrize("status", [503, 429])
def test_slack_failing_at_start_is_not_blamed_on_the_token(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, status: int
) -> None:
    with FakeSlack(bot_token=LOCAL_BOT_TOKEN) as slack:
        if status == 429:
            slack.throttle("auth.test", allow=0, refuse=1, retry_after=1)  # once: the retry gets through
        else:
            slack.fail("auth.test", times=100, status=status)
        env = {"SLACK_API_URL": slack.api_url, "SLACK_BOT_TOKEN": LOCAL_BOT_TOKEN, "SLACK_SIGNING_SECRET": "0" * 16}
        record = tmp_path_factory.mktemp("waits") / "retry-waits"  # not in the bot's working folder
        env |= record_waits_env(record)
        with socket.socket() as taken:  # so that a start that gets past Slack stops at the port, not serves
            taken.bind(("127.0.0.1", 0))
            taken.listen()
            port = str(taken.getsockname()[1])
            done = cli("run", "--http", "--host", "127.0.0.1", "--port", port, cwd=tmp_path, env=env)
        calls = len(slack.calls_to("auth.test"))
    assert "refused this token" not in done.stderr
    waits = recorded_waits(record)
    if status == 429:  # Slack's Retry-After waited out: the start goes on (here to the unusable port)
        assert calls >= 2 and "--port: cannot listen" in done.stderr
        assert len(waits) == 1 and 1 <= waits[0] < 2, waits  # Retry-After: 1, and up to a second more
    else:
        assert calls == 3  # tried again twice, as for any Slack call
        assert waited_as_slack_sdk_backs_off(waits, calls=1), waits
        assert done.stderr.strip().splitlines() == [
            f"privacy-bot: SLACK_API_URL: Slack answered HTTP {status} to auth.test; try again in a minute"
        ]
    assert done.returncode == 2


@pytest.mark.parametrize("socket", [False, True])
def test_a_token_slack_refuses_is_named(tmp_path: Path, socket: bool) -> None:
    with FakeSlack(bot_token=LOCAL_BOT_TOKEN, app_token=LOCAL_APP_TOKEN) as slack:
        env = {"SLACK_API_URL": slack.api_url, "SLACK_SIGNING_SECRET": "0123456789abcdef"}
        if socket:
            env |= {"SLACK_BOT_TOKEN": LOCAL_BOT_TOKEN, "SLACK_APP_TOKEN": "xapp-1-A0-revoked"}
        else:
            env |= {"SLACK_BOT_TOKEN": "xoxb-1-revoked", "SLACK_APP_TOKEN": LOCAL_APP_TOKEN}
        done = cli("run", *([] if socket else ["--http"]), cwd=tmp_path, env=env)
    assert done.returncode == 2
    variable = "SLACK_APP_TOKEN" if socket else "SLACK_BOT_TOKEN"
    assert done.stderr.strip().splitlines() == [f"privacy-bot: {variable}: Slack refused this token (invalid_auth)"]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("scheme", ["postgres", "postgresql"])
def test_database_urls_as_hosts_set_them_work_for_db_upgrade_and_run(
    tmp_path: Path, slack: FakeSlack, scheme: str
) -> None:
    """Heroku-style platforms set DATABASE_URL=postgres://…; others postgresql://…, naming no driver."""
    if not TEST_DATABASE_URL:
        pytest.skip(PG_SKIPPED)
    with scratch_database("postgresql", tmp_path) as url:
        as_host_sets_it = f"{scheme}://" + url.split("://", 1)[1]
        # make_engine takes the raw form too (tests and tools call it without Settings).
        engine = make_engine(as_host_sets_it)
        try:
            assert current_revision(engine) is None
        finally:
            engine.dispose()

        upgraded = cli("db", "upgrade", cwd=tmp_path, env={"DATABASE_URL": as_host_sets_it})
        assert upgraded.returncode == 0, upgraded.stderr
        assert f"database at revision {head_revision()}" in upgraded.stdout

        port = free_port()
        env = {
            "SLACK_BOT_TOKEN": LOCAL_BOT_TOKEN,
            "SLACK_SIGNING_SECRET": "0123456789abcdef",
            "SLACK_API_URL": slack.api_url,
            "DATABASE_URL": as_host_sets_it,
        }
        bot = start_bot(["run", "--http", "--port", str(port)], env=env, cwd=tmp_path, ready="listening")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=3) as response:
                assert response.status == 200
        finally:
            bot.stop()
        assert bot.process.returncode == 0


def test_the_scheduler_is_not_logged_at_every_tick(tmp_path: Path, slack: FakeSlack) -> None:
    """At LOG_LEVEL=info APScheduler wrote two lines per 15-second tick; an operator's log is for news."""
    env = {
        "SLACK_BOT_TOKEN": LOCAL_BOT_TOKEN,
        "SLACK_SIGNING_SECRET": "0123456789abcdef",
        "SLACK_API_URL": slack.api_url,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'bot.db'}",
    }
    bot = start_bot(["run", "--http", "--port", str(free_port())], env=env, cwd=tmp_path, ready="listening")
    bot.stop()
    assert bot.process.returncode == 0
    assert any("scheduler started: reminders are checked every 15 s" in line for line in bot.log)
    assert [line for line in bot.log if " apscheduler" in line] == []


def test_a_url_that_is_not_slacks_web_api_is_named_not_the_token(tmp_path: Path, slack: FakeSlack) -> None:
    wrong = slack.api_url.replace("/api/", "/not-the-api/")
    env = {"SLACK_BOT_TOKEN": LOCAL_BOT_TOKEN, "SLACK_SIGNING_SECRET": "0123456789abcdef", "SLACK_API_URL": wrong}
    done = cli("run", "--http", cwd=tmp_path, env=env)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"privacy-bot: SLACK_API_URL: {wrong} did not answer as Slack's Web API (HTTP 404)"
    ]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["help"], "For managers"),
        (["hi"], "Ask me"),
        (["status"], "Your privacy to-dos"),
        (["done", "linkedin"], "Recorded Stop LinkedIn"),
        (["dates"], "Policy dates"),
        (["campaign", "list"], "for the privacy team's managers"),
    ],
)
def test_ask_answers_exactly_as_a_direct_message_does(
    run: Run, tmp_path: Path, words: list[str], expected: str
) -> None:
    code, out, err = run("ask", *words)  # in tmp_path, as its working folder
    assert code == 0, err
    assert expected in out
    assert list(tmp_path.iterdir()) == []  # a throwaway database, in memory


@pytest.mark.parametrize(
    ("words", "said"),
    [
        (["done", "linkedin"], "records nothing"),
        (["I've", "opted", "out", "of", "linkedin"], "records nothing"),
        (["skip", "linkedin"], "records nothing"),
        (["later", "linkedin"], "sends nothing"),
        (["undo", "linkedin"], "reads no database"),
        (["status"], "reads no database"),
        (["forget-me"], "deletes nothing"),
    ],
)
def test_ask_says_it_records_nothing_where_the_answer_reads_as_if_it_had(run: Run, words: list[str], said: str) -> None:
    # "Thanks! Recorded … as done" from a command that records nothing: an operator would take it as done.
    code, out, err = run("ask", *words)
    assert code == 0, err
    note = out.strip().splitlines()[-1]
    assert note.startswith("(privacy-bot ask ") and said in note, out
    # The JSON object stays the one DESIGN.md names; the note goes to stderr beside it.
    code, out, err = run("ask", "--json", *words)
    assert set(json.loads(out)) == {"guide", "platform", "confidence", "text"}
    assert said in err and "privacy-bot ask" not in json.loads(out)["text"]


@pytest.mark.parametrize("words", [["linkedin"], ["help"], ["dates"], ["campaign", "start", "linkedin", "#general"]])
def test_ask_adds_no_note_where_nothing_would_be_recorded(run: Run, words: list[str]) -> None:
    code, out, err = run("ask", *words)
    assert code == 0 and "privacy-bot ask" not in out + err, out + err


@pytest.mark.parametrize("managers", ["S0MANAGERS", ""])
def test_ask_answers_a_manager_command_as_a_plain_member_would_be_answered(run: Run, managers: str) -> None:
    # Offline no user group or admin flag can be read: "try again in a minute" would be a promise never kept.
    code, out, err = run("ask", "campaign", "list", env={"MANAGERS": managers})
    assert code == 0, err
    assert "for the privacy team's managers" in out
    assert "try again" not in out
    assert "could not read the member directory" not in err  # no news offline


def test_a_bad_campaigns_file_stops_run_with_one_line_naming_file_campaign_and_field(
    tmp_path: Path, slack: FakeSlack
) -> None:
    campaigns = tmp_path / "campaigns.toml"
    campaigns.write_text(
        '[[campaign]]\nid = "li"\nguide = "linkedin-ai-training"\nchannels = ["#general"]\ndeadline = 2026-12-15\n'
    )
    env = {
        "SLACK_API_URL": slack.api_url,
        "SLACK_BOT_TOKEN": LOCAL_BOT_TOKEN,
        "SLACK_SIGNING_SECRET": "test-signing-secret",
        "CAMPAIGNS_FILE": str(campaigns),
    }
    done = cli("run", "--http", cwd=tmp_path, env=env)
    assert done.returncode == 2
    [line] = done.stderr.strip().splitlines()
    assert line.startswith(
        f"privacy-bot: CAMPAIGNS_FILE: {campaigns}: campaign 'li': channels.0: expected a channel ID"
    )
    assert not (tmp_path / "privacy-bot.db").exists()


def test_campaigns_check_refuses_a_guide_with_nothing_to_switch_off_naming_the_entry(run: Run, tmp_path: Path) -> None:
    # As in Slack: nobody could ever be done with it, so the campaign would DM everyone until its deadline.
    campaigns = tmp_path / "campaigns.toml"
    campaigns.write_text(
        '[[campaign]]\nid = "li"\nguide = "linkedin-ai-training"\nchannels = ["C0123ABCD"]\ndeadline = 2026-12-15\n'
        '[[campaign]]\nid = "reddit"\nguide = "reddit-ai-licensing"\nchannels = ["C0123ABCD"]\n'
        "deadline = 2026-12-15\n"
    )
    code, out, err = run("campaigns", "check", env={"CAMPAIGNS_FILE": str(campaigns)})
    assert code == 2 and out == ""
    [line] = err.strip().splitlines()
    assert line.startswith(
        f"privacy-bot: CAMPAIGNS_FILE: {campaigns}: campaign 'reddit': guide: 'reddit-ai-licensing' has nothing"
        " to switch off"
    )


def test_a_file_campaign_past_its_deadline_is_called_ended_and_promises_no_reminders(run: Run, tmp_path: Path) -> None:
    # A year mistyped (2020 for 2027) passed `campaigns check` as "ok", `campaigns list` called the campaign
    # active and `schedule` said its reminders would be listed once `run` stored it: none ever would be.
    campaigns = tmp_path / "campaigns.toml"
    campaigns.write_text(
        '[[campaign]]\nid = "li"\nguide = "linkedin-ai-training"\nchannels = ["C0123ABCD"]\ndeadline = 2020-02-03\n'
    )
    env = {"CAMPAIGNS_FILE": str(campaigns), "DATABASE_URL": "sqlite:///bot.db"}
    code, out, _ = run("campaigns", "check", env=env)
    assert code == 0
    assert out.splitlines() == [
        f"ok: {campaigns}: 1 campaign(s)",
        "note: campaign 'li': its deadline 2020-02-03 has passed, so it sends nothing",
    ]
    code, out, _ = run("campaigns", "list", env=env)
    assert code == 0
    assert out.splitlines()[1].split()[3] == "ended"  # under the header
    code, out, err = run("schedule", env=env)
    assert code == 0 and out.splitlines() == ["nothing scheduled in the next 30 days"]
    assert err.splitlines()[-1] == (
        "note: campaign 'li': in CAMPAIGNS_FILE, but its deadline 2020-02-03 has passed, so it sends nothing"
    )


@pytest.mark.parametrize(
    ("args", "refusal"),
    [
        (("run", "--port", "0"), "argument --port: expected a whole number from 1 to 65535, got '0'"),
        (("run", "--port", "-1"), "argument --port: expected a whole number from 1 to 65535, got '-1'"),
        (("run", "--port", "70000"), "argument --port: expected a whole number from 1 to 65535, got '70000'"),
        (("run", "--port", "abc"), "argument --port: expected a whole number from 1 to 65535, got 'abc'"),
        (("schedule", "--days", "-1"), "argument --days: expected a whole number from 1 to 3660, got '-1'"),
        (("schedule", "--days", "0"), "argument --days: expected a whole number from 1 to 3660, got '0'"),
        (("schedule", "--days", "3661"), "argument --days: expected a whole number from 1 to 3660, got '3661'"),
        (
            ("schedule", "--days", "99999999999"),
            "argument --days: expected a whole number from 1 to 3660, got '99999999999'",
        ),
        (("guides", "check", "--max-age", "-1"), "argument --max-age: expected a whole number of at least 0, got '-1'"),
        (
            ("guides", "check", "--max-age", "1.5"),
            "argument --max-age: expected a whole number of at least 0, got '1.5'",
        ),
    ],
)
def test_a_number_out_of_range_is_refused_by_argument_parsing(
    run: Run, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], refusal: str
) -> None:
    # argparse refuses by raising SystemExit(2); a command that got as far as running returns a code instead.
    with pytest.raises(SystemExit) as stopped:
        run(*args, env={"DATABASE_URL": "sqlite:///bot.db"})
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1].endswith(f": error: {refusal}")


@pytest.mark.parametrize(
    ("args", "usage"),
    [
        (("calendar", "extra"), "privacy-bot calendar"),
        (("guides", "list", "extra"), "privacy-bot guides list"),
        (("db", "upgrade", "now"), "privacy-bot db upgrade"),
    ],
)
def test_a_word_too_many_is_refused_with_that_commands_usage(
    run: Run, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], usage: str
) -> None:
    # It got the top-level usage ("privacy-bot [-h] [--version] COMMAND ..."), as if the command were wrong.
    with pytest.raises(SystemExit) as stopped:
        run(*args)
    assert stopped.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[0].startswith(f"usage: {usage} [-h]")
    assert err[-1] == f"{usage}: error: unrecognized arguments: {args[-1]}"


@pytest.mark.parametrize(
    ("args", "attribute", "value"),
    [
        (("run", "--port", "1"), "port", 1),
        (("run", "--port", "65535"), "port", 65535),
        (("run",), "port", None),
        (("schedule", "--days", "1"), "days", 1),
        (("schedule", "--days", "3660"), "days", 3660),
        (("schedule",), "days", 30),
        (("guides", "check", "--max-age", "0"), "max_age", 0),
        (("guides", "check"), "max_age", None),
    ],
)
def test_numbers_at_the_ends_of_their_range_are_taken(args: tuple[str, ...], attribute: str, value: int | None) -> None:
    from bot.cli import _parser

    assert getattr(_parser().parse_args(args), attribute) == value


def test_schedule_help_says_how_far_ahead_it_may_look(run: Run, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        run("schedule", "--help")
    assert stopped.value.code == 0
    assert "at most 3660" in " ".join(capsys.readouterr().out.split())


def test_schedule_looks_as_far_ahead_as_its_upper_bound(run: Run) -> None:
    code, out, err = run("schedule", "--days", "3660", env={"DATABASE_URL": "sqlite:///bot.db"})
    assert code == 0, err
    assert out == "nothing scheduled in the next 3660 days\n"


def test_a_read_only_command_on_a_database_in_a_missing_folder_does_not_say_run_creates_it(
    run: Run, tmp_path: Path
) -> None:
    # "`privacy-bot run` creates it": run stops on the missing folder instead.
    code, out, err = run("schedule", env={"DATABASE_URL": "sqlite:///no/such/folder/bot.db"})
    assert code == 0 and out == "nothing scheduled in the next 30 days\n"
    assert err.strip().splitlines() == [
        f"privacy-bot: no database at no/such/folder/bot.db, and no folder {tmp_path.resolve()}/no/such/folder for"
        " one (check DATABASE_URL)"
    ]
    assert not (tmp_path / "no").exists()


def test_a_sqlite_url_naming_a_folder_says_it_is_a_folder(run: Run, tmp_path: Path) -> None:
    # "cannot use the database (unable to open database file)" sent the operator looking for a missing file.
    code, _, err = run("db", "upgrade", env={"DATABASE_URL": f"sqlite:///{tmp_path}"})
    assert code == 2
    assert err.strip().splitlines() == [
        f"privacy-bot: DATABASE_URL: cannot use the database (unable to open database file: {tmp_path.resolve()} is a"
        f" folder; name a file in it, such as {tmp_path}/privacy-bot.db)"
    ]


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("postgresql+psycopg://postgres:hunter2-secret@127.0.0.1:1/x", "Connection refused"),
        ("sqlite:///{tmp}/no/such/folder/bot.db", "unable to open database file"),
    ],
)
def test_db_upgrade_on_an_unusable_database_says_so_in_one_line(
    run: Run, tmp_path: Path, url: str, reason: str
) -> None:
    code, out, err = run("db", "upgrade", env={"DATABASE_URL": url.format(tmp=tmp_path)})
    assert code == 2
    [line] = err.strip().splitlines()
    assert line.startswith("privacy-bot: DATABASE_URL: cannot use the database (")
    assert reason in line
    assert "hunter2" not in err
    assert out == ""
    assert not (tmp_path / "no").exists()


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("schedule",), "nothing scheduled in the next 30 days\n"),
        (("campaigns", "list"), "no campaigns"),
        (("report", "linkedin-2026"), ""),
    ],
)
def test_a_read_only_command_before_the_bot_ever_ran_creates_no_database(
    run: Run, tmp_path: Path, args: tuple[str, ...], said: str
) -> None:
    code, out, err = run(*args)
    assert not (tmp_path / "privacy-bot.db").exists()
    assert said in out
    assert "no database at privacy-bot.db yet" in err and "privacy-bot run" in err
    assert code == (2 if args[0] == "report" else 0)


def test_a_database_a_newer_version_migrated_is_named_not_a_traceback(run: Run, tmp_path: Path) -> None:
    # A rolled-back deploy: the database is at a revision this version has never heard of.
    database = tmp_path / "bot.db"
    engine = make_engine(f"sqlite:///{database}")
    upgrade(engine)
    engine.dispose()
    with sqlite3.connect(database) as db:
        db.execute("UPDATE alembic_version SET version_num = '9999'")
    for args in (("db", "upgrade"), ("schedule",)):
        code, out, err = run(*args, env={"DATABASE_URL": f"sqlite:///{database}"})
        assert code == 2
        assert out == ""
        assert err.strip().splitlines() == [
            f"privacy-bot: DATABASE_URL: the database's schema is newer than this privacy-bot {__version__} knows"
            f" (its latest is {head_revision()}): run the version that migrated it, or restore a backup taken before"
        ]


@pytest.mark.parametrize("args", [("schedule",), ("campaigns", "list"), ("report", "linkedin-2026")])
def test_a_read_only_command_leaves_an_older_schema_as_it_is_and_says_to_upgrade(
    run: Run, tmp_path: Path, args: tuple[str, ...]
) -> None:
    # Run from a laptop with a newer version against production, it would migrate the schema under the
    # replicas still running the older one.
    database = tmp_path / "bot.db"
    engine = make_engine(f"sqlite:///{database}")
    upgrade(engine)
    downgrade(engine, revision="-1")
    older = current_revision(engine)
    code, out, err = run(*args, env={"DATABASE_URL": f"sqlite:///{database}"})
    assert current_revision(engine) == older != head_revision()
    engine.dispose()
    assert (code, out) == (2, "")
    assert err.strip().splitlines() == [
        f"privacy-bot: DATABASE_URL: the database's schema is at {older}, older than this privacy-bot {__version__}"
        f" reads ({head_revision()}): run `privacy-bot db upgrade` first (this command only reads)"
    ]


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///", "sqlite:///:memory:"])
def test_an_in_memory_database_is_refused_by_run_and_db_upgrade(run: Run, url: str) -> None:
    # It would start, answer, and lose every answer and campaign when the process stops.
    for args in (("db", "upgrade"), ("run", "--http")):
        code, out, err = run(*args, env={"DATABASE_URL": url, "SLACK_BOT_TOKEN": "xoxb-1-real-looking"})
        assert code == 2
        assert err.strip().splitlines() == [
            "privacy-bot: DATABASE_URL: names no file, so SQLite would keep everything in memory and lose it when"
            " the bot stops; write sqlite:///privacy-bot.db (a file) or a postgresql:// URL"
        ]


def test_a_read_only_database_stops_run_with_one_line(tmp_path: Path, slack: FakeSlack) -> None:
    # `db upgrade` only reads a database already current; `run` writes at once (pruning, campaigns).
    database = tmp_path / "bot.db"
    engine = make_engine(f"sqlite:///{database}")
    upgrade(engine)
    engine.dispose()
    env = {
        "SLACK_BOT_TOKEN": LOCAL_BOT_TOKEN,
        "SLACK_SIGNING_SECRET": "test-signing-secret",
        "SLACK_API_URL": slack.api_url,
        "DATABASE_URL": f"sqlite:///file:{database}?mode=ro&uri=true",
    }
    done = cli("run", "--http", "--port", str(free_port()), cwd=tmp_path, env=env)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "privacy-bot: DATABASE_URL: cannot use the database (attempt to write a readonly database)"
    ]


def test_a_missing_sqlite_folder_is_named(run: Run, tmp_path: Path) -> None:
    code, _, err = run("db", "upgrade", env={"DATABASE_URL": f"sqlite:///{tmp_path}/data/bot.db"})
    assert code == 2
    assert err.strip().splitlines() == [
        "privacy-bot: DATABASE_URL: cannot use the database (unable to open database file:"
        f" the folder {tmp_path.resolve()}/data does not exist)"
    ]


@pytest.mark.parametrize("host", ["999.1.1.1", "no-such-host.invalid", ""])
def test_a_host_run_cannot_listen_on_is_named_not_a_traceback(tmp_path: Path, slack: FakeSlack, host: str) -> None:
    env = {
        "SLACK_BOT_TOKEN": LOCAL_BOT_TOKEN,
        "SLACK_SIGNING_SECRET": "test-signing-secret",
        "SLACK_API_URL": slack.api_url,
    }
    done = cli("run", "--http", "--host", host, "--port", str(free_port()), cwd=tmp_path, env=env)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"privacy-bot: --host: cannot listen on {host!r}: not an address or name of this machine"
        " (0.0.0.0 is all of them)"
    ]


@pytest.mark.parametrize("url", ["", "  "])
def test_manifest_refuses_an_empty_url_rather_than_print_the_socket_mode_one(run: Run, url: str) -> None:
    # `privacy-bot manifest --url "$HOST"` with HOST unset printed Socket Mode's manifest, exit 0.
    code, out, err = run("manifest", "--url", url)
    assert code == 2
    assert out == ""
    assert err.strip().splitlines() == [
        "privacy-bot: --url: is empty: give the public host (bot.example.com), or leave --url out for Socket Mode"
    ]


def test_socket_mode_logs_where_health_is_served_with_metrics_port(tmp_path: Path, slack: FakeSlack) -> None:
    # The start-up line named PORT, which then answers /healthz with 404: an operator pointing a probe there
    # would see a healthy bot as down.
    port, status_port = free_port(), free_port()
    env = {
        "SLACK_BOT_TOKEN": LOCAL_BOT_TOKEN,
        "SLACK_APP_TOKEN": LOCAL_APP_TOKEN,
        "SLACK_API_URL": slack.api_url,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'bot.db'}",
        "PORT": str(port),
        "METRICS_PORT": str(status_port),
    }
    bot = start_bot(["run", "--host", "127.0.0.1"], env=env, cwd=tmp_path, ready="connected to Slack in Socket Mode")
    try:
        # The ready line, wherever it is: a line logged after it may already have been read.
        ready = next(line for line in bot.log if "health and metrics on " in line)
        said = ready.split("health and metrics on ", 1)[1].strip()
        with urllib.request.urlopen(said, timeout=5) as answer:
            assert answer.status == 200
        assert said == f"http://127.0.0.1:{status_port}/healthz"
    finally:
        bot.stop()


def test_a_host_name_with_an_ipv4_and_an_ipv6_address_is_served_on_ipv4(monkeypatch: pytest.MonkeyPatch) -> None:
    # "localhost" is 127.0.0.1 and ::1 on most machines (this one's /etc/hosts has only the first): waitress
    # listened on both with a server the bot could not run, and `run --host localhost` stopped on an assertion.
    from bot.cli import _bind
    from bot.serving import end_loop

    resolve = socket.getaddrinfo
    both = [
        (socket.AF_INET6, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", ("::1", 0, 0, 0)),
        (socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", ("127.0.0.1", 0)),
    ]
    monkeypatch.setattr(
        socket, "getaddrinfo", lambda host, *rest, **kw: both if host == "localhost" else resolve(host, *rest, **kw)
    )

    def hello(environ: object, start_response: Callable[..., object]) -> list[bytes]:
        start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])
        return [b"ok"]

    server = _bind(hello, host="localhost", port=0, threads=1)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        port = server.socket.getsockname()[1]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as answer:
            assert answer.read() == b"ok"
    finally:
        server.task_dispatcher.shutdown()
        end_loop(server, thread, timeout=5)


def test_a_misspelt_setting_in_dotenv_is_named_with_the_one_it_nearly_is(tmp_path: Path) -> None:
    # Ignored, it would leave the bot on UTC with no word why; a name far from every setting is someone else's.
    (tmp_path / ".env").write_text("BOT_TIMEZON=Europe/Berlin\nPOSTGRES_PASSWORD=secret\nLOG_LEVEL=info\n")
    done = cli("guides", "list", cwd=tmp_path)
    assert done.returncode == 0 and "linkedin-ai-training" in done.stdout
    assert done.stderr.splitlines() == [
        "privacy-bot: warning: .env: BOT_TIMEZON is not a setting and is ignored; did you mean BOT_TIMEZONE?"
    ]


@pytest.mark.parametrize("given", ["--port", "PORT"])
def test_a_port_in_use_is_named_as_it_was_given(tmp_path: Path, slack: FakeSlack, given: str) -> None:
    env = {
        "SLACK_BOT_TOKEN": LOCAL_BOT_TOKEN,
        "SLACK_SIGNING_SECRET": "test-signing-secret",
        "SLACK_API_URL": slack.api_url,
    }
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        args = ["run", "--http", "--host", "127.0.0.1"]
        if given == "--port":
            args += ["--port", str(port)]
        else:
            env["PORT"] = str(port)
        done = cli(*args, cwd=tmp_path, env=env)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"privacy-bot: {given}: cannot listen on 127.0.0.1:{port} (Address already in use)"
    ]


@pytest.mark.parametrize(
    ("word", "steps"),
    [("ios", "iPhone/iPad"), ("iphone", "iPhone/iPad"), ("Android", "Android"), ("mac", "desktop")],
)
def test_guides_show_takes_the_platform_words_the_slash_command_takes(run: Run, word: str, steps: str) -> None:
    code, shown, _ = run("guides", "show", "linkedin", "--platform", word)
    assert code == 0 and f"Steps on {steps}" in shown


def test_guides_show_refuses_a_word_that_names_no_one_platform(run: Run) -> None:
    with pytest.raises(SystemExit) as stopped:  # argparse's usage line, status 2
        run("guides", "show", "linkedin", "--platform", "phone")
    assert stopped.value.code == 2


def _on_a_terminal(*args: str, cwd: Path, env: dict[str, str] | None = None) -> str:
    """What a command prints when its output is a terminal (a pseudo-terminal here), as a person running it sees."""
    import pty

    reader, writer = pty.openpty()
    with subprocess.Popen(
        [sys.executable, "-m", "bot", *args],
        stdout=writer,
        stderr=subprocess.DEVNULL,
        cwd=cwd,
        env=bot_env(cwd, {"TERM": "xterm-256color", **(env or {})}),
    ) as process:
        os.close(writer)  # read while it writes: a terminal's buffer is smaller than a guide
        printed = b""
        while True:
            try:
                chunk = os.read(reader, 65536)
            except OSError:  # Linux: the command exited and all it wrote was read
                break
            if not chunk:
                break
            printed += chunk
        os.close(reader)
        assert process.wait(timeout=60) == 0
    return printed.decode()


@pytest.mark.parametrize(
    "command", [["ask", "how do I opt out of linkedin ai training"], ["guides", "show", "linkedin"]]
)
def test_bold_is_bold_on_a_terminal_and_plain_when_piped_or_no_color(tmp_path: Path, command: list[str]) -> None:
    assert "\x1b[1m" in _on_a_terminal(*command, cwd=tmp_path)
    assert "\x1b" not in _on_a_terminal(*command, cwd=tmp_path, env={"NO_COLOR": "1"})
    piped = cli(*command, cwd=tmp_path)
    assert piped.returncode == 0 and piped.stdout and "\x1b" not in piped.stdout


@pytest.mark.parametrize("log_format", ["text", "json"])
def test_the_start_up_log_says_version_mode_database_and_schema_and_no_secret(
    tmp_path: Path, slack: FakeSlack, database_url: str, log_format: str
) -> None:
    """The first thing an operator reads after a deploy or an alert: which version runs, how Slack reaches it,
    which database it uses and the schema it found there, and whether start-up migrated it."""
    from sqlalchemy.engine import make_url

    url = make_url(database_url)
    if url.get_backend_name() == "postgresql":
        url = url.set(password="zebra-db-password")  # the test server trusts local connections
    older = make_engine(database_url)
    try:
        upgrade(older, revision="0003")
    finally:
        older.dispose()
    secret = "0123456789abcdef-signing"
    env = {
        "SLACK_BOT_TOKEN": LOCAL_BOT_TOKEN,
        "SLACK_SIGNING_SECRET": secret,
        "SLACK_API_URL": slack.api_url,
        "DATABASE_URL": url.render_as_string(hide_password=False),
        "LOG_FORMAT": log_format,
        "BOT_TIMEZONE": "Europe/Berlin",
    }
    bot = start_bot(["run", "--http", "--port", str(free_port())], env=env, cwd=tmp_path, ready="listening")
    bot.stop()
    assert bot.process.returncode == 0
    messages = [json.loads(line)["message"] for line in bot.log] if log_format == "json" else bot.log
    (started,) = [line for line in messages if f"privacy-bot {__version__}" in line]
    where = f"{url.host}:{url.port}/{url.database}" if url.host else str(Path(str(url.database)).resolve())
    assert where in started
    assert f"(schema {head_revision()}, found at 0003 on start)" in started
    assert "HTTP" in started and "Europe/Berlin" in started
    shown = "".join(bot.log)
    assert [word for word in (LOCAL_BOT_TOKEN, secret, "zebra-db-password") if word in shown] == []


def test_db_upgrade_says_which_revision_it_found(run: Run, tmp_path: Path) -> None:
    """The Procfile's release phase and Compose's `migrate` print this: the one place a deploy says it migrated."""
    url = f"sqlite:///{tmp_path / 'bot.db'}"
    engine = make_engine(url)
    try:
        upgrade(engine, revision="0003")
    finally:
        engine.dispose()
    head = head_revision()
    assert run("db", "upgrade", env={"DATABASE_URL": url})[:2] == (0, f"database at revision {head} (was 0003)\n")
    assert run("db", "upgrade", env={"DATABASE_URL": url})[:2] == (0, f"database at revision {head}\n")
    fresh = f"sqlite:///{tmp_path / 'new.db'}"
    assert run("db", "upgrade", env={"DATABASE_URL": fresh})[:2] == (0, f"database at revision {head} (new)\n")


def test_the_sqlite_file_the_bot_creates_is_readable_by_its_user_only(tmp_path: Path, slack: FakeSlack) -> None:
    """It holds every member's name, time zone and statuses: with the usual umask 022 it was created 0644, for any
    account on the machine to copy. SQLite gives its -wal and -shm files the database file's mode."""
    database = tmp_path / "bot.db"
    env = {
        "SLACK_BOT_TOKEN": LOCAL_BOT_TOKEN,
        "SLACK_SIGNING_SECRET": "0123456789abcdef",
        "SLACK_API_URL": slack.api_url,
        "DATABASE_URL": f"sqlite:///{database}",
    }
    umask = os.umask(0o022)
    try:
        bot = start_bot(["run", "--http", "--port", str(free_port())], env=env, cwd=tmp_path, ready="listening")
        try:
            modes = {path.name: path.stat().st_mode & 0o777 for path in tmp_path.glob("bot.db*")}
        finally:
            bot.stop()
        upgraded = cli("db", "upgrade", cwd=tmp_path, env={"DATABASE_URL": f"sqlite:///{tmp_path / 'other.db'}"})
    finally:
        os.umask(umask)
    assert upgraded.returncode == 0, upgraded.stderr
    assert modes == {"bot.db": 0o600, "bot.db-wal": 0o600, "bot.db-shm": 0o600}
    assert (tmp_path / "other.db").stat().st_mode & 0o777 == 0o600


def test_db_backup_copies_the_sqlite_database_while_the_bot_runs(
    run: Run, served: Served, sender: SignedSender, bot_db: Path, tmp_path: Path
) -> None:
    """The image has no sqlite3 program, and `cp` of a database in WAL mode misses what the log holds: the
    member's answer of a moment ago is in the copy, which stands alone and is the bot's user's only."""
    assert "Recorded" in sender.slash_command(text="done linkedin", user_id=MEMBER).text
    env = {"DATABASE_URL": f"sqlite:///{bot_db}"}

    code, out, err = run("db", "backup", "copy.db", env=env)

    assert code == 0, err
    copy = tmp_path / "copy.db"
    assert out.startswith(f"backed up {bot_db} to {copy} (")
    assert copy.stat().st_mode & 0o777 == 0o600
    assert list(tmp_path.glob("copy.db-*")) == []
    with sqlite3.connect(copy) as db:
        assert db.execute("select user_id, status from attestations").fetchall() == [(MEMBER, "confirmed")]
        assert db.execute("select version_num from alembic_version").fetchall() == [(head_revision(),)]
    # Never over an earlier copy, and never an empty copy of a database that is not there.
    assert run("db", "backup", "copy.db", env=env)[::2] == (2, "privacy-bot: copy.db exists already; name a new file\n")
    missing = {"DATABASE_URL": f"sqlite:///{tmp_path / 'nothing.db'}"}
    code, _, err = run("db", "backup", "other.db", env=missing)
    assert (code, err) == (
        2,
        f"privacy-bot: no database at {tmp_path / 'nothing.db'} to back up (check DATABASE_URL)\n",
    )
    assert not (tmp_path / "other.db").exists() and not (tmp_path / "nothing.db").exists()


def test_db_backup_into_a_folder_that_is_not_there_names_the_folder(run: Run, tmp_path: Path) -> None:
    """A typo in the backup's folder was answered "no database at bot.db to back up (check DATABASE_URL)":
    the operator went looking for a database that was there all along."""
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'bot.db'}"}
    assert run("db", "upgrade", env=env)[0] == 0

    code, out, err = run("db", "backup", "nowhere/copy.db", env=env)

    assert (code, out) == (2, "")
    assert err == "privacy-bot: no folder nowhere to write nowhere/copy.db in; make it first\n"
    assert not (tmp_path / "nowhere").exists()


def test_db_backup_points_postgresql_to_pg_dump(run: Run) -> None:
    code, out, err = run("db", "backup", "copy.db", env={"DATABASE_URL": "postgres://bot:pw@db.internal/bot"})
    assert (code, out) == (2, "")
    assert "pg_dump" in err and "pw" not in err


def test_db_backup_tells_pg_dump_users_to_drop_the_driver_from_the_url(run: Run) -> None:
    """pg_dump refuses postgresql+psycopg://, the form the README's examples use: copied as told, it failed."""
    code, _, err = run("db", "backup", "copy.db", env={"DATABASE_URL": "postgresql+psycopg://bot:pw@db.internal/bot"})
    assert code == 2 and "not postgresql+psycopg://" in err and "pw" not in err


@pytest.mark.parametrize("deadline", ["9999-12-31", "9999-12-29", "0001-01-01", "1999-12-31"])
def test_a_file_deadline_at_the_edge_of_the_calendar_is_refused_in_one_line(
    run: Run, tmp_path: Path, deadline: str
) -> None:
    # Accepted, 9999-12-31 made every scheduler tick fail (a date past the calendar's end), stopping every
    # campaign's reminders, and `campaigns check` end in a traceback.
    campaigns = tmp_path / "campaigns.toml"
    campaigns.write_text(
        f'[[campaign]]\nid = "li"\nguide = "linkedin-ai-training"\nchannels = ["C0123ABCD"]\ndeadline = {deadline}\n'
    )
    code, out, err = run("campaigns", "check", env={"CAMPAIGNS_FILE": str(campaigns)})
    assert code == 2 and out == ""
    [line] = err.strip().splitlines()
    assert line == (
        f"privacy-bot: CAMPAIGNS_FILE: {campaigns}: campaign 'li': deadline: expected a date from 2000-01-01 to"
        " 2999-12-31, such as deadline = 2027-01-03"
    )


def test_campaigns_check_names_two_file_campaigns_reminding_the_same_channel_about_one_guide(
    run: Run, tmp_path: Path
) -> None:
    # Checked when started in Slack, never for the file: two rounds for LinkedIn left running over #general posted
    # twice on each reminder day, and `campaigns check` said only "ok".
    campaigns = tmp_path / "campaigns.toml"
    campaigns.write_text(
        '[[campaign]]\nid = "li-2025"\nguide = "linkedin-ai-training"\n'
        'channels = ["C0123ABCD", "C0PRIVACY", "C0123ABCD"]\n'
        "deadline = 2999-01-15\n"
        '[[campaign]]\nid = "li-2026"\nguide = "linkedin-ai-training"\nchannels = ["C0123ABCD"]\n'
        'groups = ["S0DESIGN"]\ndeadline = 2999-02-01\n'
        '[[campaign]]\nid = "gpt"\nguide = "chatgpt-training"\nchannels = ["C0123ABCD"]\ndeadline = 2999-02-01\n'
        '[[campaign]]\nid = "li-old"\nguide = "linkedin-ai-training"\nchannels = ["C0123ABCD"]\n'
        "deadline = 2020-02-03\n"
    )
    code, out, _ = run("campaigns", "check", env={"CAMPAIGNS_FILE": str(campaigns)})
    assert code == 0  # said, not refused: a second round beside the first may be meant
    notes = [line for line in out.splitlines() if "both" in line]
    assert notes == [
        "note: campaigns 'li-2025' and 'li-2026' both remind C0123ABCD about linkedin-ai-training, so members there"
        " hear from both (DMs on the days of either, one a day at most); remove one from the file to keep the other"
    ]
