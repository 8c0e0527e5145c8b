"""A member asking whether a guide matters without an account of the service reads first what to do: nothing to turn
off, and how to record that so the reminders stop. Their statement ("i dont have linkedin") is still recorded."""

from __future__ import annotations

import pytest

from bot.local import payloads
from bot.local.fake_slack import FakeSlack
from bot.local.sender import SignedSender
from bot.local.workspace import GENERAL, MEMBER
from bot.slack.plaintext import render
from tests.conftest import dm_answer, final_answer

LINE = (
    "No LinkedIn account? What this guide changes belongs to an account, so without one there is nothing here for you "
    "to do: Doesn't apply to me (or `/privacy skip linkedin no account`) records that and stops my reminders. "
    "An account you no longer use still has it."
)


def asked(sender: SignedSender, text: str) -> str:
    return render(final_answer(sender, text, user_id=MEMBER).get("blocks") or [])


def lines(shown: str) -> list[str]:
    return [line.strip() for line in shown.splitlines() if line.strip() and not set(line.strip()) <= {"="}]


@pytest.mark.parametrize(
    "question",
    [
        "what if I don't have a linkedin account",
        "I don't use LinkedIn so I can skip this right?",
        "do i need to do anything if i'm not on linkedin",
        "not on linkedin, does this matter?",
    ],
)
def test_a_no_account_question_gets_the_guide_with_what_to_do_first(sender: SignedSender, question: str) -> None:
    shown = lines(asked(sender, question))
    assert shown[0] == "Stop LinkedIn using your data to train generative AI"
    assert shown[1] == LINE
    assert "Doesn't apply to me" in shown[-5:] or any(line.endswith("Doesn't apply to me") for line in shown)


def test_in_a_dm_and_in_a_channel_too(sender: SignedSender, slack: FakeSlack) -> None:
    assert LINE in dm_answer(sender, slack, "what if I don't have a linkedin account?")
    mention = payloads.app_mention(user_id=MEMBER, text="not on linkedin, does this matter?")
    assert sender.event(mention).status == 200
    [answer] = [message for message in slack.messages(GENERAL) if message.thread_ts]
    assert LINE in render(answer.blocks)


def test_the_command_the_line_gives_records_no_account(sender: SignedSender) -> None:
    recorded = asked(sender, "skip linkedin no account")
    assert "doesn't apply to you" in recorded and "no account" in recorded


def test_a_statement_is_still_recorded_not_answered(sender: SignedSender) -> None:
    recorded = asked(sender, "i dont have linkedin")
    assert "doesn't apply to you" in recorded and "no account" in recorded
    assert "No LinkedIn account?" not in recorded


def test_the_setup_question_is_as_before(sender: SignedSender) -> None:
    assert "No LinkedIn account?" not in asked(sender, "how do i stop linkedin training ai on my data")


def test_a_guide_no_member_records_for_themselves_has_no_such_line(sender: SignedSender) -> None:
    # Slack's opt-out is the workspace owners' to ask for: "doesn't apply – no account" is no reason it offers.
    assert "account?" not in asked(sender, "what if i don't have a slack account")


def test_a_guide_typed_by_its_id_keeps_the_reason_given_after_it(sender: SignedSender) -> None:
    # Where a service's name means another of its guides, the line names the guide by its id: "no account" after
    # "linkedin-ai-training" was read as no reason, and the member asked "Why doesn't it apply?" again.
    recorded = asked(sender, "skip linkedin-ai-training no account")
    assert "doesn't apply to you – no account" in recorded
    assert "Why doesn't it apply?" not in recorded


def test_a_how_to_guide_has_no_such_line(sender: SignedSender) -> None:
    # Nothing to turn off in getting a copy of one's data: the line would not fit it.
    shown = asked(sender, "do i need to download my linkedin data if i don't have a linkedin account?")
    assert shown.startswith("Get a copy of your LinkedIn data")
    assert "account?" not in shown
