"""Where the member answered in one line, the bot answers in one line: Undo beside a typed `done …`, and a status
button pressed on a message others see (a channel's reminder, a thread answer), which is never changed."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from bot.local import payloads
from bot.local.fake_slack import FakeSlack, StoredMessage
from bot.local.sender import SignedSender
from bot.local.workspace import ADMIN, GENERAL, MEMBER, im_channel_id
from bot.slack.plaintext import buttons, render
from tests.conftest import Served, SettableClock, final_answer
from tests.pressing import Blocks, press

TITLE = "Stop LinkedIn using your data to train generative AI"


def lines(blocks: Blocks) -> list[str]:
    return [line for line in render(blocks, with_buttons=False).splitlines() if line.strip()]


def test_undo_beside_a_typed_done_says_undone_in_one_line(sender: SignedSender, slack: FakeSlack) -> None:
    done = json.loads(sender.slash_command(text="done linkedin", user_id=MEMBER).text)["blocks"]
    undone = press(sender, slack, done, "Undo")
    assert undone.get("replace_original") is True
    assert lines(undone["blocks"]) == [f"Undone: {TITLE} is back to not done yet."]
    status = json.loads(sender.slash_command(text="status", user_id=MEMBER).text)["blocks"]
    assert f"{TITLE} – not done yet" in render(status)
    # Pressed again (the member undid it meanwhile some other way): still one line, saying so.
    again = press(sender, slack, done, "Undo")
    assert lines(again["blocks"]) == [f"There was nothing recorded for {TITLE}, so nothing to undo."]


def test_undo_beside_a_done_typed_in_a_dm_too(sender: SignedSender, slack: FakeSlack) -> None:
    assert sender.event(payloads.dm_message(user_id=MEMBER, text="done linkedin")).status == 200
    [done] = slack.dm_messages(MEMBER)
    undone = press(sender, slack, done.blocks, "Undo", channel=im_channel_id(MEMBER), message_ts=done.ts)
    assert lines(undone["blocks"]) == [f"Undone: {TITLE} is back to not done yet."]


# -- a status button on a message others see ---------------------------------------------------------------------


def thread_answer(sender: SignedSender, slack: FakeSlack) -> StoredMessage:
    """The bot's answer to an @mention, in a thread everyone in the channel sees."""
    assert sender.event(payloads.app_mention(user_id=MEMBER, text="linkedin")).status == 200
    [answer] = [message for message in slack.messages(GENERAL) if message.thread_ts]
    return answer


def channel_reminder(sender: SignedSender, served: Served, slack: FakeSlack, clock: SettableClock) -> StoredMessage:
    """A campaign's reminder post in #general."""
    clock.set(dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC))
    started = final_answer(sender, f"campaign start linkedin <#{GENERAL}|general> 2026-12-15", user_id=ADMIN)
    assert "started" in started["text"]
    clock.set(dt.datetime(2026, 12, 8, 10, 0, tzinfo=dt.UTC))  # 7 days before, at 10:00 in the bot's zone
    assert served.services.delivery.dispatch_due().sent["announce"] == 1
    [post] = [message for message in slack.messages(GENERAL) if message.via == "chat.postMessage"]
    return post


WHY = "Why doesn't it apply? (optional – it helps your privacy team)"
NO_ACCOUNT = "I have no LinkedIn account"


@pytest.mark.parametrize(
    ("label", "said", "below"),
    [
        ("I've opted out", f"Thanks! Recorded {TITLE} as done on", []),
        # As in the guide, the optional "why?" follows: a line and its buttons, nothing of the guide.
        ("Doesn't apply to me", f"Noted: {TITLE} doesn't apply to you", [WHY]),
        ("Remind me later", f"OK, I'll remind you about {TITLE}", []),
    ],
)
def test_a_status_button_on_a_thread_answer_answers_the_clicker_in_one_line(
    sender: SignedSender, slack: FakeSlack, label: str, said: str, below: list[str]
) -> None:
    answer = thread_answer(sender, slack)
    public = render(answer.blocks)
    reply = press(sender, slack, answer.blocks, label, message_ts=answer.ts)
    assert reply.get("response_type") == "ephemeral" and reply.get("replace_original") is False
    line, *rest = lines(reply["blocks"])
    assert said in line, line
    assert rest == below
    assert [button.label for button in buttons(reply["blocks"])][:1] == ["Undo"]
    assert (NO_ACCOUNT in [button.label for button in buttons(reply["blocks"])]) == bool(below)
    stored = slack.message(GENERAL, answer.ts)
    assert stored is not None and render(stored.blocks) == public


def test_why_it_does_not_apply_answered_below_a_one_line_answer_is_one_line_again(
    sender: SignedSender, slack: FakeSlack
) -> None:
    answer = thread_answer(sender, slack)
    skipped = press(sender, slack, answer.blocks, "Doesn't apply to me", message_ts=answer.ts)
    why = press(sender, slack, skipped["blocks"], NO_ACCOUNT)
    assert why.get("replace_original") is True
    [line] = lines(why["blocks"])
    assert f"Noted: {TITLE} doesn't apply to you – no account (recorded" in line, line
    assert [button.label for button in buttons(why["blocks"])] == ["Undo"]


def test_a_typed_skip_offers_the_why_a_button_does(sender: SignedSender, slack: FakeSlack) -> None:
    skipped = json.loads(sender.slash_command(text="skip linkedin", user_id=MEMBER).text)["blocks"]
    assert lines(skipped)[1:] == [WHY]
    why = press(sender, slack, skipped, NO_ACCOUNT)
    [line] = lines(why["blocks"])
    assert "doesn't apply to you – no account" in line, line


def test_a_status_button_on_a_channel_reminder_answers_in_one_line_and_its_undo_too(
    sender: SignedSender, served: Served, slack: FakeSlack, clock: SettableClock
) -> None:
    post = channel_reminder(sender, served, slack, clock)
    public = render(post.blocks)
    reply = press(sender, slack, post.blocks, "I've opted out", message_ts=post.ts)
    assert reply.get("response_type") == "ephemeral"
    [line] = lines(reply["blocks"])
    assert f"Thanks! Recorded {TITLE} as done on" in line
    # Its Undo is on a message only the clicker sees: that line becomes "Undone", the post stays as it was.
    undone = press(sender, slack, reply["blocks"], "Undo")
    assert undone.get("replace_original") is True
    assert lines(undone["blocks"]) == [f"Undone: {TITLE} is back to not done yet."]
    stored = slack.message(GENERAL, post.ts)
    assert stored is not None and render(stored.blocks) == public
