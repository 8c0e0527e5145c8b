"""A question about nothing the bot does ("tell me a joke") gets one line saying what it does and how to ask, not
"I couldn't tell which guide" over every guide to pick from, as if one of them could answer it."""

from __future__ import annotations

import pytest

from bot.local import payloads
from bot.local.fake_slack import FakeSlack
from bot.local.sender import SignedSender
from bot.local.workspace import GENERAL, MEMBER
from bot.slack.plaintext import buttons, render
from tests.conftest import dm_answer, final_answer

LINE = (
    "I help with the privacy settings of the services you use, such as switching off AI training: name a service "
    "(`/privacy linkedin`), or `/privacy help` lists the guides I have."
)


@pytest.mark.parametrize("question", ["tell me a joke", "what's the weather", "what's for lunch"])
def test_a_question_about_nothing_the_bot_does_gets_one_line(sender: SignedSender, question: str) -> None:
    answer = final_answer(sender, question, user_id=MEMBER)
    assert render(answer["blocks"]).strip() == LINE
    assert answer["text"] == LINE  # the notification too


def test_in_a_dm_and_in_a_thread_too(sender: SignedSender, slack: FakeSlack) -> None:
    assert dm_answer(sender, slack, "tell me a joke").strip() == LINE
    assert sender.event(payloads.app_mention(user_id=MEMBER, text="<@U0BOT> tell me a joke")).status == 200
    [answer] = [message for message in slack.messages(GENERAL) if message.thread_ts]
    assert render(answer.blocks).strip() == LINE
    assert buttons(answer.blocks) == []


def test_a_mistyped_command_still_gets_the_command_it_looks_like(sender: SignedSender) -> None:
    assert "Did you mean `/privacy status`?" in render(final_answer(sender, "stauts", user_id=MEMBER)["blocks"])


def test_a_question_the_guides_may_answer_still_lists_them(sender: SignedSender) -> None:
    shown = render(final_answer(sender, "how do i opt out", user_id=MEMBER)["blocks"])
    assert "I couldn't tell which guide" in shown and "Stop Anthropic" in shown
