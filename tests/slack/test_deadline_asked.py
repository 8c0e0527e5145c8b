"""A member a running campaign asks about a guide, asking about its deadline, reads the campaign's deadline first: the
guide's policy dates are LinkedIn's, not what their privacy team asked of them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.local import payloads
from bot.local.fake_slack import FakeSlack
from bot.local.sender import SignedSender
from bot.local.workspace import ADMIN, GENERAL, MANAGER, MEMBER, PRIVACY
from bot.slack.plaintext import buttons, render
from tests.conftest import SettableClock, dm_answer, final_answer

ASKED = "Your privacy team asks you to do this by 2026-12-15."
PASSED = "Your privacy team asked you to do this by 2026-12-15 (passed)."
DEADLINE_QUESTIONS = [
    "whats the deadline for linkedin",
    "when do i have to do the linkedin thing by",
    "is it too late for linkedin",
    "did i miss the linkedin deadline",
]


@pytest.fixture(autouse=True)
def today(clock: SettableClock) -> None:
    clock.set(datetime(2026, 12, 1, 12, 0, tzinfo=UTC))


def start(sender: SignedSender, channel: str = f"<#{GENERAL}|general>") -> None:
    started = final_answer(sender, f"campaign start linkedin {channel} 2026-12-15", user_id=ADMIN)
    assert "started" in started["text"]


def asked(sender: SignedSender, text: str, *, user: str = MEMBER) -> str:
    return render(final_answer(sender, text, user_id=user).get("blocks") or [])


@pytest.mark.parametrize("question", DEADLINE_QUESTIONS)
def test_a_deadline_question_from_a_member_a_campaign_asks_gets_its_deadline_above_the_policy_dates(
    sender: SignedSender, question: str
) -> None:
    start(sender)
    answer = asked(sender, question)
    assert ASKED in answer
    assert answer.index(ASKED) < answer.index("You asked about dates: LinkedIn's")


def test_in_a_dm_too(sender: SignedSender, slack: FakeSlack) -> None:
    start(sender)
    assert ASKED in dm_answer(sender, slack, "whats the deadline for linkedin?")


def test_a_deadline_passed_where_the_member_is_says_so(sender: SignedSender, clock: SettableClock) -> None:
    start(sender)
    clock.set(datetime(2026, 12, 15, 22, 30, tzinfo=UTC))  # 23:30 on the 15th in Rome: still the last day
    assert ASKED in asked(sender, "is it too late for linkedin")
    clock.set(datetime(2026, 12, 15, 23, 30, tzinfo=UTC))  # 00:30 on the 16th in Rome
    answer = asked(sender, "is it too late for linkedin")
    assert PASSED in answer and ASKED not in answer


NONE_ASKED = "No campaign of your privacy team asks you to do this by a date. The dates below are LinkedIn's own."


@pytest.mark.parametrize("question", DEADLINE_QUESTIONS)
def test_no_campaign_no_deadline_and_the_answer_says_so_above_linkedins_past_dates(
    sender: SignedSender, question: str
) -> None:
    # LinkedIn's dates are all past: listed alone, they answered "did i miss the deadline?" with a yes.
    answer = asked(sender, question)
    assert "Your privacy team" not in answer
    assert answer.index(NONE_ASKED) < answer.index("You asked about dates: LinkedIn's")


def test_a_question_about_when_something_happened_is_not_told_of_deadlines(sender: SignedSender) -> None:
    answer = asked(sender, "when did linkedin start training on my data")
    assert "You asked about dates: LinkedIn's" in answer
    assert NONE_ASKED not in answer


def test_a_member_a_campaign_asks_reads_its_deadline_not_that_none_asks(sender: SignedSender) -> None:
    start(sender)
    answer = asked(sender, "did i miss the linkedin deadline")
    assert ASKED in answer and NONE_ASKED not in answer


def test_a_campaign_for_another_audience_or_guide_says_nothing_of_its_deadline(sender: SignedSender) -> None:
    start(sender, f"<#{PRIVACY}|privacy>")  # Ben is not in #privacy
    assert "Your privacy team" not in asked(sender, "whats the deadline for linkedin", user=MANAGER)
    assert "Your privacy team" not in asked(sender, "whats the deadline for chatgpt")


def test_a_question_about_something_else_says_nothing_of_the_deadline(sender: SignedSender) -> None:
    start(sender)
    assert "Your privacy team" not in asked(sender, "how do i stop linkedin training ai on my data")


def test_never_in_a_public_answer(sender: SignedSender, slack: FakeSlack) -> None:
    start(sender)
    mention = payloads.app_mention(user_id=MEMBER, text="whats the deadline for linkedin")
    assert sender.event(mention).status == 200
    [answer] = [message for message in slack.messages(GENERAL) if message.thread_ts]
    shown = render(answer.blocks)
    assert "You asked about dates: LinkedIn's" in shown
    assert "Your privacy team" not in shown
    assert "No campaign" not in shown  # whom a campaign asks is the member's own business


# Naming no service, the deadline asked about is the one campaign asking this member: "did i miss the deadline" got
# "I couldn't tell which guide" from the bot that had DMed them about LinkedIn's.
@pytest.mark.parametrize("question", ["did i miss the deadline", "whats the deadline?", "is it too late"])
def test_naming_no_service_the_one_campaign_asking_the_member_says_which_deadline(
    sender: SignedSender, question: str
) -> None:
    start(sender)
    answer = asked(sender, question)
    assert answer.startswith("Stop LinkedIn using your data to train generative AI")
    assert ASKED in answer


NONE_ASKS_ANY = (
    "No campaign of your privacy team asks you to do anything by a date. Name a service for its policy dates"
    " (`/privacy dates linkedin`)."
)


@pytest.mark.parametrize("question", ["what is the deadline", "whats the deadline", "missed the deadline?"])
def test_naming_no_service_with_no_campaign_asking_says_so_in_one_line(sender: SignedSender, question: str) -> None:
    # It got "I couldn't tell which guide" and every guide to pick from, as if one of them had a deadline.
    assert asked(sender, question).strip() == NONE_ASKS_ANY


def test_naming_no_service_with_two_campaigns_asking_offers_their_guides_with_their_deadlines(
    sender: SignedSender,
) -> None:
    start(sender)
    chatgpt = final_answer(sender, f"campaign start chatgpt <#{GENERAL}|general> 2026-12-20", user_id=ADMIN)
    assert "started" in chatgpt["text"]
    answer = final_answer(sender, "did i miss the deadline", user_id=MEMBER)
    shown = render(answer["blocks"])
    # Only the two guides asked about, each with its own deadline: not every guide, nor "I couldn't tell".
    assert "couldn't tell" not in shown and "Stop Anthropic" not in shown
    assert shown.startswith("📅 Your privacy team asks you to do each of these by a date:")
    assert "Stop LinkedIn using your data to train generative AI: by 2026-12-15" in shown
    assert "Stop ChatGPT using your chats to train OpenAI's models: by 2026-12-20" in shown
    assert [button.value for button in buttons(answer["blocks"])] == ["linkedin-ai-training", "chatgpt-training"]


def test_naming_no_service_in_public_is_as_before(sender: SignedSender, slack: FakeSlack) -> None:
    start(sender)
    assert sender.event(payloads.app_mention(user_id=MEMBER, text="did i miss the deadline")).status == 200
    [answer] = [message for message in slack.messages(GENERAL) if message.thread_ts]
    assert "Your privacy team" not in render(answer.blocks)


# ChatGPT's guide lists no dates: "did i miss the chatgpt deadline" got "I only help with privacy settings".
def test_a_deadline_asked_of_a_guide_with_no_dates_gets_the_guide_and_whether_a_campaign_asks_one(
    sender: SignedSender,
) -> None:
    answer = asked(sender, "did i miss the chatgpt deadline")
    assert answer.startswith("Stop ChatGPT using your chats")
    assert "No campaign of your privacy team asks you to do this by a date." in answer
    assert "The dates below" not in answer
    chatgpt = final_answer(sender, f"campaign start chatgpt <#{GENERAL}|general> 2026-12-15", user_id=ADMIN)
    assert "started" in chatgpt["text"]
    answer = asked(sender, "whats the cutoff for chatgpt")
    assert ASKED in answer and "No campaign" not in answer
