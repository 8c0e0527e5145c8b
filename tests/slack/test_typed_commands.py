"""What members type in a DM instead of a command's word: "what's my status?", a button's label. Sent as Slack sends a
DM, answered as the command would be."""

from __future__ import annotations

import pytest

from bot.local import payloads
from bot.local.fake_slack import FakeSlack
from bot.local.sender import SignedSender
from bot.local.workspace import GENERAL, MEMBER
from tests.conftest import dm_answer

dm = dm_answer


@pytest.mark.parametrize(
    "text",
    [
        "what's my status?",
        "What’s my status?",
        "my status",
        "status?",
        "whats my status",
        "what is my status",
        # The status is headed "Your privacy to-dos": members ask for it in those words too.
        "show me my status",
        "my to-dos",
        "my todos?",
        "what are my to-dos?",
    ],
)
def test_asking_for_my_status_in_words_gets_the_status(sender: SignedSender, slack: FakeSlack, text: str) -> None:
    dm(sender, slack, "done linkedin")
    shown = dm(sender, slack, text)
    assert shown.startswith("Your privacy to-dos")
    assert "Stop LinkedIn using your data to train generative AI – done" in shown


def test_my_status_by_slash_command_too_and_never_in_a_channel(sender: SignedSender, slack: FakeSlack) -> None:
    reply = sender.slash_command(text="what's my status?", user_id=MEMBER)
    assert reply.json()["text"] == "*Your privacy to-dos*"
    # In a channel everyone would read it: the member is pointed to a DM, as for `status`.
    assert sender.event(payloads.app_mention(user_id=MEMBER, text="my status")).status == 200
    [answer] = [message for message in slack.messages(GENERAL) if message.thread_ts]
    assert "That's personal" in answer.text


def test_a_question_that_merely_mentions_status_is_still_a_question(sender: SignedSender, slack: FakeSlack) -> None:
    shown = dm(sender, slack, "what's my linkedin status")
    assert not shown.startswith("Your privacy to-dos")


@pytest.mark.parametrize(
    ("text", "verb"),
    [
        ("I've opted out", "done"),
        ("i’ve opted out!", "done"),
        ("ive opted out", "done"),
        ("I've requested my data", "done"),  # another guide's "done" button
        ("doesn't apply", "skip"),
        ("Doesn't apply to me", "skip"),
        ("doesnt apply.", "skip"),
        ("remind me later", "later"),
    ],
)
def test_a_buttons_label_typed_alone_asks_which_guide_with_its_command(
    sender: SignedSender, slack: FakeSlack, text: str, verb: str
) -> None:
    assert dm(sender, slack, text) == f"Which guide? For example `/privacy {verb} linkedin`.\n"


def test_a_buttons_label_by_slash_command_asks_the_same(sender: SignedSender) -> None:
    assert sender.slash_command(text="I've opted out", user_id=MEMBER).json()["text"] == (
        "Which guide? For example `/privacy done linkedin`."
    )
