"""A bot with managers (the S0MANAGERS group, and admins) and a campaign over #general, driven like Slack."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import time_machine

from bot.cli import Served, serve_in_background
from bot.local import payloads
from bot.local.fake_slack import FakeSlack
from bot.local.sender import SignedSender
from bot.local.settings import stand_in_settings
from bot.local.workspace import ADMIN, GENERAL, MANAGERS_GROUP
from tests.conftest import SettableClock, final_answer, signed

START = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)  # a Tuesday
CAMPAIGN = "linkedin-ai-training-2026-12-15"
GUIDE = "linkedin-ai-training"


@dataclass
class Bot:
    """What a test does as a person in Slack, and what the bot shows back."""

    slack: FakeSlack
    sender: SignedSender
    served: Served

    @property
    def team(self) -> str:
        return self.served.team_id

    def command(self, text: str, *, user: str) -> str:
        answer = final_answer(self.sender, text, user_id=user)
        return str(answer.get("blocks") or answer.get("text"))

    def click(self, action_id: str, value: str, *, user: str, home: bool = False) -> dict[str, Any] | None:
        """Press a button (on an ephemeral message, or on App Home); the reply the clicker gets, if any."""
        before = len(self.slack.responses)
        if home:
            reply = self.sender.block_action(
                action_id=action_id, value=value, user_id=user, view={"type": "home", "id": "V0HOME"}
            )
        else:
            url = self.slack.new_response_url(channel=GENERAL, user=user)
            reply = self.sender.block_action(
                action_id=action_id,
                value=value,
                user_id=user,
                is_ephemeral=True,
                container_ts=payloads.message_ts(),
                response_url=url,
            )
        assert reply.status == 200
        self.served.settle()
        return self.slack.responses[before].body if len(self.slack.responses) > before else None


def serve(slack: FakeSlack, database: Path | str, clock: SettableClock, **settings: object) -> Served:
    """The bot as the stand-in's workspace has it: managers are the S0MANAGERS group and the admin."""
    url = database if isinstance(database, str) else f"sqlite:///{database}"
    configured = stand_in_settings(api_url=slack.api_url, database_url=url, managers=(MANAGERS_GROUP,), **settings)
    return serve_in_background(configured, clock=clock)


@contextmanager
def serving_guides(
    slack: FakeSlack, bot_db: Path, clock: SettableClock, folder: Path, guides: Mapping[str, str], *, now: datetime
) -> Iterator[Served]:
    """The bot at `now` with a GUIDES_DIR in `folder` holding `guides` (file name: TOML text) beside its own."""
    folder.mkdir()
    for name, text in guides.items():
        (folder / name).write_text(text)
    clock.set(now)
    served = serve(slack, bot_db, clock, guides_dir=folder)
    try:
        yield served
    finally:
        served.stop()


@pytest.fixture
def bot(slack: FakeSlack, bot_db: Path, clock: SettableClock) -> Iterator[Bot]:
    clock.set(START)
    served = serve(slack, bot_db, clock)
    try:
        sender = signed(served, slack, clock)
        yield Bot(slack=slack, sender=sender, served=served)
    finally:
        served.stop()


@pytest.fixture
def campaign(bot: Bot) -> str:
    shown = bot.command(f"campaign start linkedin <#{GENERAL}|general> 2026-12-15", user=ADMIN)
    assert CAMPAIGN in shown, shown
    return CAMPAIGN


Cli = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def cli(run: Callable[..., tuple[int, str, str]]) -> Cli:
    """`privacy-bot ARGS` on `database`, in this process (a fresh one costs a second or more), with `env` for this
    call only. Its clocks start at START, when the clicks were made (a snooze is still a snooze), or at TRAVEL_TO,
    and tick on: as tests/travel moves a whole process, for this call."""

    def call(*args: str, database: Path, **env: str) -> subprocess.CompletedProcess[str]:
        moment = env.pop("TRAVEL_TO", START.isoformat())
        assert database.parent == Path.cwd()  # where the command runs, as the operator's working folder
        with pytest.MonkeyPatch.context() as scoped, time_machine.travel(moment, tick=True):
            scoped.setenv("DATABASE_URL", f"sqlite:///{database}")
            for name, value in env.items():
                scoped.setenv(name, value)
            code, out, err = run(*args)
        return subprocess.CompletedProcess(["privacy-bot", *args], code, out, err)

    return call
