"""A member's own words that start like a command: "remind me about linkedin next week" asks for what *Remind me
later* does, and "report a bug" or "nudge me again" are not a manager's command refused."""

from __future__ import annotations

import pytest

from bot import strings
from bot.local.fake_slack import FakeSlack
from bot.local.sender import SignedSender
from bot.local.workspace import ADMIN, MEMBER
from tests.conftest import dm_answer as dm
from tests.conftest import final_answer

TITLE = "Stop LinkedIn using your data to train generative AI"
LATER = f"OK, I'll remind you about {TITLE} by DM on"


@pytest.mark.parametrize(
    "text",
    [
        "remind me about linkedin next week",
        "remind me later about linkedin",
        "can you remind me again about linkedin on friday",
        "nudge me about linkedin tomorrow",
        "pls ping me about linkedin in a few days",
        "Remind me about LinkedIn later, thanks",
    ],
)
def test_asking_to_be_reminded_of_a_guide_snoozes_it_and_says_until_when(
    sender: SignedSender, slack: FakeSlack, text: str
) -> None:
    assert LATER in dm(sender, slack, text)
    assert f"{TITLE} – reminder snoozed (until" in dm(sender, slack, "status")


@pytest.mark.parametrize(
    "text",
    [
        "dont remind me about linkedin",  # the opposite
        "remind me about linkedin?",  # a question: the guide, nothing recorded
        "remind me about my linkedin password",  # not the guide
        "remind my team about linkedin",  # a manager's words
        "remind me how to opt out of linkedin",
    ],
)
def test_words_near_a_reminder_request_record_nothing(sender: SignedSender, slack: FakeSlack, text: str) -> None:
    assert LATER not in dm(sender, slack, text)
    assert f"{TITLE} – not done yet" in dm(sender, slack, "status")


@pytest.mark.parametrize("text", ["report a bug", "report a fake linkedin profile", "nudge me again", "digest this"])
def test_a_members_sentence_starting_with_a_managers_command_is_read_as_a_question(
    sender: SignedSender, slack: FakeSlack, text: str
) -> None:
    assert "is for the privacy team's managers" not in dm(sender, slack, text)


@pytest.mark.parametrize("text", ["report linkedin", "nudge linkedin", "campaign start linkedin #general", "report"])
def test_a_members_managers_command_is_still_refused(sender: SignedSender, slack: FakeSlack, text: str) -> None:
    assert dm(sender, slack, text).strip() == strings.MANAGERS_ONLY.format(cmd="/privacy", word=text.split()[0])


# A manager asking in words got "Campaigns … are for the privacy team's managers", as if they were not one.
def test_a_manager_asking_in_words_is_told_the_commands_are_theirs(sender: SignedSender) -> None:
    for user, expected, other in (
        (ADMIN, "As a manager, you have the commands for that", "for the privacy team's managers"),
        (MEMBER, "for the privacy team's managers", "As a manager"),
    ):
        shown = final_answer(sender, "how many people opted out of linkedin?", user_id=user)["text"]
        assert expected in shown and other not in shown
        assert "`/privacy report`" in shown
