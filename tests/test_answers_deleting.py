"""Deleting, naming no service ("how do i delete my account"), is asked which service: the audit's members got Gemini's
guide, whose steps happen to offer "Turn off and delete activity". Whether switching off deletes anything ("does
turning it off delete my data") is what every training guide's first message says: those guides, to pick the service."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.answers import interpret
from bot.guides import load_catalog
from tests.guide_ids import AI, GEMINI
from tests.test_answers import TRAINING_SWITCHES

CATALOG = load_catalog()

WHICH_ACCOUNT = "Which service's account or data do you mean?"


@pytest.mark.parametrize(
    "text",
    [
        "how do i delete my account",
        "can i delete my data instead",
        "delete my account link",
        "link to delete my account?",
        "how can i remove my account",
        "i want to delete my profile",
    ],
)
def test_deleting_naming_no_service_asks_which_service(ask: Callable[[str], str], text: str) -> None:
    shown = ask(text)
    assert shown.startswith(WHICH_ACCOUNT)
    assert "forget-me" in shown
    assert "Gemini" not in shown


@pytest.mark.parametrize(
    "text",
    [
        "does turning it off delete my data",
        "does opting out delete my data",
        "does this delete what they already trained?",
        "will it delete chats already used for training",
    ],
)
def test_whether_switching_off_deletes_offers_the_training_guides(text: str) -> None:
    answer = interpret(text, catalog=CATALOG)
    assert (answer.guide_id, answer.which_service, answer.closest) == (None, True, TRAINING_SWITCHES)


# As before: a service named, or what the bot stores.
@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("how do i delete my linkedin", "LinkedIn's own pages for that:"),
        ("delete my linkedin account", "LinkedIn's own pages for that:"),
        ("delete my data", "To delete everything I store about you"),
        ("delete everything you have on me", "To delete everything I store about you"),
    ],
)
def test_deleting_at_a_named_service_or_at_the_bot_is_as_before(
    ask: Callable[[str], str], text: str, shown: str
) -> None:
    assert shown in ask(text)


@pytest.mark.parametrize(
    ("text", "guide"),
    [("delete my gemini activity", GEMINI), ("does opting out of linkedin delete my data", AI)],
)
def test_deleting_with_a_service_named_keeps_its_guide(text: str, guide: str) -> None:
    assert interpret(text, catalog=CATALOG).guide_id == guide


def test_taking_personal_details_out_of_training_naming_no_service_is_as_before() -> None:
    answer = interpret("remove personal info from training data", catalog=CATALOG)
    assert (answer.which_service, answer.closest[0]) == (False, AI)
