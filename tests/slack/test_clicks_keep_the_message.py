"""A button that shows the guide again (another platform's steps, Undo) keeps what the message already said: the
answer the member recorded with its Undo, and the first line of a reminder. Buttons are pressed as Slack sends them:
with the block they sit in, and on a DM with the message itself."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from bot.local import payloads
from bot.local.fake_slack import FakeSlack, StoredMessage
from bot.local.sender import SignedSender
from bot.local.workspace import ADMIN, GENERAL, MEMBER, im_channel_id
from bot.slack.plaintext import buttons, render
from tests.conftest import Served, SettableClock, final_answer
from tests.pressing import Blocks, press


def ask(sender: SignedSender, text: str) -> Blocks:
    """`/privacy <text>`: the ephemeral answer's blocks."""
    reply = sender.slash_command(text=text, user_id=MEMBER)
    assert reply.status == 200, reply.text
    blocks: Blocks = json.loads(reply.text)["blocks"]
    return blocks


def test_another_platform_after_answering_keeps_the_answer_and_its_undo(sender: SignedSender, slack: FakeSlack) -> None:
    answered = press(sender, slack, ask(sender, "linkedin iphone"), "I've opted out")
    assert "as done on" in render(answered["blocks"])
    switched = press(sender, slack, answered["blocks"], "Steps for Android")
    shown = render(switched["blocks"])
    assert "Steps on Android app" in shown
    assert "as done on" in shown, "the recorded answer disappeared"
    labels = [button.label for button in buttons(switched["blocks"])]
    assert "Undo" in labels and "I've opted out" not in labels
    # Undo from the switched message still takes the answer back, and the buttons return.
    undone = press(sender, slack, switched["blocks"], "Undo")
    assert "I've opted out" in [button.label for button in buttons(undone["blocks"])]
    assert "not done yet" in render(ask(sender, "status"))


def test_another_platform_after_answering_elsewhere_keeps_that_answer(sender: SignedSender, slack: FakeSlack) -> None:
    # Answered elsewhere before (a typed `done`): the guide asked for again shows it, and the switch keeps it.
    ask(sender, "done linkedin")
    switched = press(sender, slack, ask(sender, "linkedin iphone"), "Steps for Android")
    labels = [button.label for button in buttons(switched["blocks"])]
    assert "Undo" in labels and "I've opted out" not in labels


def test_a_switch_after_the_answer_was_undone_elsewhere_offers_the_buttons_again(
    sender: SignedSender, slack: FakeSlack
) -> None:
    answered = press(sender, slack, ask(sender, "linkedin"), "Doesn't apply to me")
    ask(sender, "undo linkedin")
    switched = press(sender, slack, answered["blocks"], "Steps for Android")
    labels = [button.label for button in buttons(switched["blocks"])]
    assert "Doesn't apply to me" in labels and "Undo" not in labels


# -- a reminder's first line ------------------------------------------------------------------------------------

DEADLINE = "2026-12-15"
# Chiara is in Rome: her 10:00 on 2026-12-08, seven days before the deadline.
SEVEN_DAYS_BEFORE = dt.datetime(2026, 12, 8, 9, 0, tzinfo=dt.UTC)


def reminder_dm(sender: SignedSender, served: Served, slack: FakeSlack, clock: SettableClock) -> StoredMessage:
    clock.set(dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC))
    started = final_answer(sender, f"campaign start linkedin <#{GENERAL}|general> {DEADLINE}", user_id=ADMIN)
    assert "started" in started["text"]
    clock.set(SEVEN_DAYS_BEFORE)
    assert served.services.delivery.dispatch_due().sent["nudge"] >= 1
    [dm] = slack.dm_messages(MEMBER)
    assert "7 days left (deadline 2026-12-15)" in dm.text
    return dm


def press_in_dm(sender: SignedSender, slack: FakeSlack, ts: str, blocks: Blocks, label: str) -> dict[str, Any]:
    """Press a button on a DM from the bot, as Slack sends it: with the message it is on, which the reply replaces."""
    body = press(sender, slack, blocks, label, channel=im_channel_id(MEMBER), message_ts=ts)
    assert body.get("replace_original") in (True, "true")
    return body


def first_line(blocks: Blocks) -> str:
    return render(blocks).splitlines()[0]


def test_another_platform_on_a_reminder_keeps_its_days_left_and_deadline(
    sender: SignedSender, served: Served, slack: FakeSlack, clock: SettableClock
) -> None:
    dm = reminder_dm(sender, served, slack, clock)
    intro = first_line(dm.blocks)
    assert "7 days left" in intro
    switched = press_in_dm(sender, slack, dm.ts, dm.blocks, "Steps for Android")
    assert "Steps on Android app" in render(switched["blocks"])
    assert first_line(switched["blocks"]) == intro
    # What comes of the switched message keeps it too: the answer, and another platform after it.
    answered = press_in_dm(sender, slack, dm.ts, switched["blocks"], "I've opted out")
    assert first_line(answered["blocks"]) == intro and "as done on" in render(answered["blocks"])
    again = press_in_dm(sender, slack, dm.ts, answered["blocks"], "Steps for desktop")
    assert first_line(again["blocks"]) == intro and "as done on" in render(again["blocks"])


def test_an_ordinary_dm_answer_gets_no_reminder_line_from_a_click(sender: SignedSender, slack: FakeSlack) -> None:
    assert sender.event(payloads.dm_message(user_id=MEMBER, text="linkedin")).status == 200
    [dm] = slack.dm_messages(MEMBER)
    switched = press_in_dm(sender, slack, dm.ts, dm.blocks, "Steps for Android")
    assert first_line(switched["blocks"]) == "Stop LinkedIn using your data to train generative AI"


def test_a_forged_reminder_line_is_not_shown(sender: SignedSender, slack: FakeSlack) -> None:
    # The line is written again from what the bot knows, never copied from the click.
    assert sender.event(payloads.dm_message(user_id=MEMBER, text="linkedin")).status == 200
    [dm] = slack.dm_messages(MEMBER)
    forged = {"type": "section", "block_id": "reminder_intro|2026-12-15|7", "text": {"type": "mrkdwn", "text": "pwn"}}
    switched = press_in_dm(sender, slack, dm.ts, [forged, *dm.blocks], "Steps for Android")
    assert "pwn" not in str(switched) and "A friendly reminder" in first_line(switched["blocks"])
    # One the bot could not have written is dropped.
    unreadable = {**forged, "block_id": "reminder_intro|not-a-date|x"}
    switched = press_in_dm(sender, slack, dm.ts, [unreadable, *dm.blocks], "Steps for desktop")
    assert first_line(switched["blocks"]) == "Stop LinkedIn using your data to train generative AI"
    # Nor a zone no clock has (an offset past any date: it answered "Sorry, something went wrong").
    for minutes in ("99999999999999999", "900", "-1441"):
        far = {**forged, "block_id": f"reminder_intro|2026-12-15|7|{minutes}"}
        # The stand-in's copy of the DM is the one a click last replaced: another platform each time.
        [other, *_] = [button.label for button in buttons(dm.blocks) if button.label.startswith("Steps for")]
        switched = press_in_dm(sender, slack, dm.ts, [far, *dm.blocks], other)
        assert first_line(switched["blocks"]) == "Stop LinkedIn using your data to train generative AI", minutes


def test_a_reminder_answered_days_later_counts_its_days_from_the_click(
    sender: SignedSender, served: Served, slack: FakeSlack, clock: SettableClock
) -> None:
    # Kept as sent, the line would tell a member who acts on Sunday that a week is left when two days are.
    dm = reminder_dm(sender, served, slack, clock)
    clock.set(SEVEN_DAYS_BEFORE + dt.timedelta(days=5))
    switched = press_in_dm(sender, slack, dm.ts, dm.blocks, "Steps for Android")
    assert "2 days left (deadline 2026-12-15)" in first_line(switched["blocks"])
    # Counted in Chiara's zone, as the DM was: 00:30 in Rome on the 15th is the last day there, not in UTC.
    clock.set(dt.datetime(2026, 12, 14, 23, 30, tzinfo=dt.UTC))
    answered = press_in_dm(sender, slack, dm.ts, switched["blocks"], "I've opted out")
    assert "today is the last day" in first_line(answered["blocks"])
    clock.set(dt.datetime(2026, 12, 16, 9, 0, tzinfo=dt.UTC))
    undone = press_in_dm(sender, slack, dm.ts, answered["blocks"], "Undo")
    assert "the deadline 2026-12-15 has passed where you are" in first_line(undone["blocks"])
