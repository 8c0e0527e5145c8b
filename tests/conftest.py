from __future__ import annotations

import gc
import json
import logging
import os
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.cli import Served, serve_in_background
from bot.config import Settings
from bot.local import payloads
from bot.local.fake_slack import FakeSlack
from bot.local.sender import SignedSender
from bot.local.settings import stand_in_settings
from bot.local.workspace import GENERAL, LOCAL_SIGNING_SECRET, MEMBER
from bot.slack import gateway
from bot.slack.plaintext import render
from tests.databases import PG_SKIPPED, POSTGRESQL_NOT_RUN, TEST_DATABASE_URL, postgresql_not_run, scratch_database


def pytest_collection_finish(session: pytest.Session) -> None:
    # What importing and collecting built (modules, guides, pydantic and SQLAlchemy models, the test items)
    # lives as long as the run. Frozen, as the bot freezes what its start-up built (bot/cli.py), it is left
    # out of the collector's full passes, which stop every thread: a pass over it all took 0.2 to 0.5 s in a
    # busy worker, long enough to fail a test that times a refusal "at once".
    gc.collect()
    gc.freeze()


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """`-n auto` (pyproject.toml): one worker more than this process may use CPUs. A worker spends much of
    its time waiting (for a bot process to start, for the stand-in's rate limits, for a scheduler's real
    tick), and one more keeps the CPUs busy meanwhile: on 2 CPUs the suite took 130 s instead of 150.
    PYTEST_XDIST_AUTO_NUM_WORKERS still decides when set."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return cpus + 1


# Under pytest-xdist, what the workers left out (tests/store/conftest.py), for the controller's summary.
_not_run_by_workers: list[int] = []


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: object) -> None:
    _not_run_by_workers.append(getattr(node, "workeroutput", {}).get(POSTGRESQL_NOT_RUN, 0))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if any(_not_run_by_workers):  # every worker collected every test, so each counted them all
        terminalreporter.write_line(postgresql_not_run(max(_not_run_by_workers)))


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty scratch database of each kind (PostgreSQL only with TEST_DATABASE_URL)."""
    if request.param == "postgresql" and not TEST_DATABASE_URL:
        pytest.skip(PG_SKIPPED)
    with scratch_database(request.param, tmp_path) as url:
        yield url


@pytest.fixture(autouse=True)
def _cli_logging_undone() -> Iterator[None]:
    """A test that runs `privacy-bot` in this process gets its logging set up (a handler on this test's
    captured stderr). Left there, a later test's thread logging to it hits a closed file: "Logging error"."""
    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    yield
    for handler in list(root.handlers):
        if handler not in before and type(handler) is logging.StreamHandler:
            root.removeHandler(handler)
    root.setLevel(level)


def local_settings(slack: FakeSlack, database: Path, **overrides: object) -> Settings:
    """Settings as an operator would set them, pointed at the stand-in; nothing read from this machine.
    A `database_url` override replaces the SQLite file."""
    overrides.setdefault("database_url", f"sqlite:///{database}")
    return stand_in_settings(api_url=slack.api_url, **overrides)  # type: ignore[arg-type]


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    with FakeSlack() as stand_in:
        yield stand_in


# slack_sdk's backoff before the first and the second retry of a failed call: 0.5 s and 1 s, each plus up to
# a second of jitter.
FIRST_RETRY_WAIT = (0.5, 1.5)
SECOND_RETRY_WAIT = (1.0, 2.0)


@pytest.fixture
def retry_waits(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The pauses before the bot sends a failed Slack call again, in order, recorded instead of spent (each
    is seconds of real time otherwise)."""
    waits: list[float] = []
    monkeypatch.setattr(gateway, "retry_wait", waits.append)
    return waits


def waited_as_slack_sdk_backs_off(waits: list[float], *, calls: int, retries: int = 2) -> bool:
    """`waits` are what `calls` failed calls, each retried `retries` (1 or 2) times, waited: in that order for
    one call. Calls from several threads may overlap, so for several the waits only need to pair up: the
    smaller half first waits, the larger half second ones (the ranges overlap; if any pairing fits, this does)."""
    ranges = [FIRST_RETRY_WAIT, SECOND_RETRY_WAIT][:retries]
    if len(waits) != calls * len(ranges):
        return False
    ordered = waits if calls == 1 else sorted(waits)
    expected = ranges if calls == 1 else [limits for limits in ranges for _ in range(calls)]
    return all(low <= wait < high for wait, (low, high) in zip(ordered, expected, strict=True))


@pytest.fixture
def bot_db(tmp_path: Path) -> Path:
    return tmp_path / "bot.db"


class SettableClock:
    """The bot's clock in tests: real time until a test sets it, so Slack's signatures stay fresh."""

    def __init__(self) -> None:
        self.fixed: datetime | None = None

    def __call__(self) -> datetime:
        return self.fixed or datetime.now(UTC)

    def set(self, moment: datetime) -> None:
        self.fixed = moment

    def advance(self, delta: timedelta) -> None:
        self.fixed = self() + delta

    def reset(self) -> None:
        self.fixed = None


@pytest.fixture
def clock() -> SettableClock:
    return SettableClock()


@pytest.fixture
def served(slack: FakeSlack, bot_db: Path, clock: SettableClock) -> Iterator[Served]:
    """The bot in this process behind real HTTP, with its services at hand (no scheduler: a test
    calls `served.services.delivery.dispatch_due` when it wants reminders to go out)."""
    running = serve_in_background(local_settings(slack, bot_db), clock=clock)
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def sender(served: Served, slack: FakeSlack, clock: SettableClock) -> SignedSender:
    """Signed requests to the bot; after each, the bot's replies that follow the ack have gone out,
    so a test can also assert what the bot did *not* do."""
    return signed(served, slack, clock)


def final_answer(sender: SignedSender, text: str, *, user_id: str, channel_id: str = GENERAL) -> dict[str, Any]:
    """`/privacy <text>` as the asker sees it in the end: the ack's message, or, when Slack was slow to answer what
    the command needed (a campaign's audience, under load too), what followed it on the command's response_url."""
    slack = sender.response_urls
    assert isinstance(slack, FakeSlack) and sender.settle is not None, "a sender from signed(): replies settle"
    url = slack.new_response_url(channel=channel_id, user=user_id)
    response = sender.slash_command(text=text, user_id=user_id, channel_id=channel_id, response_url=url)
    assert response.status == 200, response.text
    later = [post.body for post in slack.responses if post.url == url]
    answer: dict[str, Any] = later[-1] if later else response.json()
    return answer


def dm_answer(sender: SignedSender, slack: FakeSlack, text: str) -> str:
    """What the bot answers a member's DM with, as plain text (exactly one answer asserted)."""
    before = len(slack.dm_messages(MEMBER))
    assert sender.event(payloads.dm_message(user_id=MEMBER, text=text)).status == 200
    answers = slack.dm_messages(MEMBER)[before:]
    assert len(answers) == 1
    return render(answers[0].blocks)


def dm_status(sender: SignedSender, slack: FakeSlack) -> str:
    """What `status all` in a DM shows: every guide with what is recorded for the member."""
    return dm_answer(sender, slack, "status all")


@pytest.fixture
def ask_json(run: Callable[..., tuple[int, str, str]]) -> Callable[[str], dict[str, object]]:
    """`privacy-bot ask --json`'s object (exit 0 asserted)."""

    def answer(text: str) -> dict[str, object]:
        code, out, _ = run("ask", "--json", text)
        assert code == 0
        parsed: dict[str, object] = json.loads(out)
        return parsed

    return answer


def signed(served: Served, slack: FakeSlack, clock: SettableClock) -> SignedSender:
    """Slack signs with its clock and the bot checks against its own: in tests both are `clock`."""
    return SignedSender(
        served.url,
        LOCAL_SIGNING_SECRET,
        response_urls=slack,
        timeout=3.0,
        settle=served.settle,
        clock=lambda: clock().timestamp(),
    )


@pytest.fixture
def run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Callable[..., tuple[int, str, str]]:
    """The command line in this process (a fresh process per call costs seconds): exit code, stdout, stderr."""
    from bot.cli import main

    monkeypatch.chdir(tmp_path)
    # main() configures logging for a process; give the rest of the suite its logging back afterwards.
    for logger in (logging.getLogger(), logging.getLogger("alembic"), logging.getLogger("apscheduler")):
        monkeypatch.setattr(logger, "handlers", list(logger.handlers))
        monkeypatch.setattr(logger, "level", logger.level)
    # A command started as a process gets a clean environment (tests/botproc.py): no setting of this machine's.
    for name in Settings.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)

    def call(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
        for name, value in (env or {}).items():
            monkeypatch.setenv(name, value)
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return call


@pytest.fixture
def ask(run: Callable[..., tuple[int, str, str]]) -> Callable[[str], str]:
    """What a member sees in a DM, as `privacy-bot ask` prints it (exit 0 asserted)."""

    def shown(text: str) -> str:
        code, out, _ = run("ask", text)
        assert code == 0
        return out

    return shown
