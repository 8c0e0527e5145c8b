"""A guide asked for again after the member answered it shows what is recorded, with Undo, as the click's own reply
did: it showed "I've opted out" and the other buttons again, as if nothing were recorded. In a slash command's
answer, a DM and the guide App Home's "Show steps" sends; never in a channel, where others read the answer."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, event

from bot.core import Source, Status
from bot.local import payloads
from bot.local.fake_slack import FakeSlack
from bot.local.sender import SignedSender
from bot.local.workspace import GENERAL, MEMBER
from bot.slack.plaintext import buttons, render
from bot.store import Store, make_engine
from tests.conftest import dm_answer, final_answer
from tests.databases import sqlite_write_lock
from tests.pressing import Blocks, press

GUIDE = "linkedin-ai-training"


def ask(sender: SignedSender, text: str) -> Blocks:
    blocks: Blocks = final_answer(sender, text, user_id=MEMBER)["blocks"]
    return blocks


def labels(blocks: Blocks) -> list[str]:
    return [button.label for button in buttons(blocks)]


@pytest.mark.parametrize(
    ("pressed", "recorded"), [("I've opted out", "as done on"), ("Doesn't apply to me", "doesn't apply to you")]
)
def test_the_guide_asked_again_shows_the_answer_and_its_undo_not_the_buttons(
    sender: SignedSender, slack: FakeSlack, pressed: str, recorded: str
) -> None:
    press(sender, slack, ask(sender, "linkedin"), pressed)
    again = ask(sender, "linkedin iphone")
    assert recorded in render(again) and "Steps on iPhone/iPad app" in render(again)
    # What they recorded earlier, not thanks for a record made now.
    assert "Thanks!" not in render(again) and ("You recorded" in render(again) or "You noted" in render(again))
    assert "Undo" in labels(again) and pressed not in labels(again) and "Remind me later" not in labels(again)
    # Its Undo takes the answer back, and the buttons return.
    undone = press(sender, slack, again, "Undo")
    assert pressed in labels(undone["blocks"])
    assert "not done yet" in render(ask(sender, "status"))


def test_a_dm_and_show_steps_on_app_home_show_it_too(sender: SignedSender, slack: FakeSlack) -> None:
    ask(sender, "done linkedin")
    assert "as done on" in dm_answer(sender, slack, "how do I opt out of linkedin ai training?")
    before = len(slack.dm_messages(MEMBER))
    home = {"type": "home", "id": "V1"}
    assert sender.block_action(action_id="open_guide_0", value=GUIDE, user_id=MEMBER, view=home).status == 200
    slack.wait_for(lambda: len(slack.dm_messages(MEMBER)) > before)
    [sent] = slack.dm_messages(MEMBER)[before:]
    assert "as done on" in render(sent.blocks) and "I've opted out" not in labels(sent.blocks)


def test_a_mention_in_a_channel_still_shows_the_buttons_and_no_ones_status(
    sender: SignedSender, slack: FakeSlack
) -> None:
    ask(sender, "done linkedin")
    before = len(slack.messages(GENERAL))
    assert sender.event(payloads.app_mention(text="linkedin", user_id=MEMBER)).status == 200
    slack.wait_for(lambda: len(slack.messages(GENERAL)) > before)
    [answer] = slack.messages(GENERAL)[before:]
    assert "I've opted out" in labels(answer.blocks) and "as done on" not in render(answer.blocks)


def test_a_snooze_keeps_the_buttons_the_member_came_back_to_press(sender: SignedSender, slack: FakeSlack) -> None:
    press(sender, slack, ask(sender, "linkedin"), "Remind me later")
    assert "I've opted out" in labels(ask(sender, "linkedin"))


def test_with_the_database_locked_the_guide_still_shows_the_answer_in_time(
    sender: SignedSender, slack: FakeSlack, bot_db: Path
) -> None:
    # Reading the answer is one more look at the database on a question's path: a writer holding SQLite's lock
    # (another replica, a backup) must not make the guide late or lose what it shows.
    ask(sender, "done linkedin")
    with sqlite_write_lock(bot_db):
        started = time.monotonic()
        shown = ask(sender, "linkedin iphone")
        took = time.monotonic() - started
    assert "as done on" in render(shown) and "Steps on iPhone/iPad app" in render(shown)
    assert took < 1.5  # as a question's platform is remembered: a short wait, not the request's budget


def test_an_answer_recorded_before_the_bot_started_is_shown_too(sender: SignedSender, bot_db: Path) -> None:
    # Recorded by another process on the same database (an earlier run, another replica) before this one's first
    # question: the members known to have answered are read from the database, not only those this process saw.
    now = datetime.now(UTC)
    Store(make_engine(f"sqlite:///{bot_db}")).record(
        team_id="T0LOCAL", user_id=MEMBER, guide_id=GUIDE, status=Status.CONFIRMED, now=now, source=Source.BUTTON
    )
    assert "as done on" in render(ask(sender, "linkedin"))


def test_a_member_who_never_answered_is_shown_the_guide_without_a_database_read(sender: SignedSender) -> None:
    # Most who ask have answered nothing: the read of their answer, on a slash command's path, cost as much CPU as
    # the rest of the answer (bench/ack.py); it is made only for members known to have answered.
    ask(sender, "linkedin")  # the first question reads who has answered, once
    statements: list[str] = []

    def seen(_connection: object, _cursor: object, sql: str, *_: object) -> None:
        statements.append(sql)

    event.listen(Engine, "before_cursor_execute", seen)  # every engine in this process: the bot's
    try:
        shown = ask(sender, "linkedin iphone")
    finally:
        event.remove(Engine, "before_cursor_execute", seen)
    assert "I've opted out" in labels(shown)
    assert [sql for sql in statements if "attestations" in sql] == []
    ask(sender, "done linkedin")  # once answered, the answer is read and shown
    assert "as done on" in render(ask(sender, "linkedin"))
