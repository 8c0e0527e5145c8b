"""A member asking the bot to switch a service's setting for them gets its guide, and first that the bot cannot: it
has no access to their accounts. The steps alone read as if the bot had done, or would do, something."""

from __future__ import annotations

import pytest

from bot.local import payloads
from bot.local.fake_slack import FakeSlack
from bot.local.sender import SignedSender
from bot.local.workspace import GENERAL, MEMBER
from bot.slack.plaintext import render
from tests.conftest import dm_answer, final_answer

LINE = (
    "I can't change your settings for you: I have no access to your accounts, and I never ask for a password. These "
    "steps take you to the setting, where you switch it yourself."
)
TITLE = "Stop LinkedIn using your data to train generative AI"


def asked(sender: SignedSender, text: str) -> str:
    return render(final_answer(sender, text, user_id=MEMBER).get("blocks") or [])


@pytest.mark.parametrize(
    "question", ["can you turn off linkedin ai training for me", "could you opt me out of linkedin ai training"]
)
def test_asking_the_bot_to_do_it_gets_the_guide_with_why_it_cannot_first(sender: SignedSender, question: str) -> None:
    shown = asked(sender, question)
    assert shown.startswith(TITLE)
    assert LINE in shown
    assert shown.index(LINE) < shown.index("On desktop web")


def test_in_a_dm_and_in_a_thread_too(sender: SignedSender, slack: FakeSlack) -> None:
    assert LINE in dm_answer(sender, slack, "can you turn off linkedin ai training for me")
    mention = payloads.app_mention(user_id=MEMBER, text="can you turn off linkedin ai training for me")
    assert sender.event(mention).status == 200
    [answer] = [message for message in slack.messages(GENERAL) if message.thread_ts]
    assert LINE in render(answer.blocks)


def test_asking_how_gets_the_guide_as_always(sender: SignedSender) -> None:
    assert "I can't change your settings" not in asked(sender, "how do i turn off linkedin ai training")
