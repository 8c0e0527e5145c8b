"""A kind of AI said before it ("non generative ai", "agentic ai", "predictive ai") says which AI, never a service's
name: the audit's "what is non generative ai use of my data" got "I have no guide for that yet (Non)"."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.answers import interpret
from bot.guides import load_catalog
from tests.guide_ids import AI
from tests.test_answers import TRAINING_SWITCHES

CATALOG = load_catalog()

# Naming no service: every training switch to pick from, the generative ones too ("non generative" narrows nothing).
KINDS_ASKED_ALONE = [
    "what is non generative ai use of my data",
    "what is non-generative ai use of my data",
    "what is nongenerative ai use of my data",
    "what is agentic ai use of my data",
    "what is predictive ai use of my data",
    "opt out of agentic ai training",
]


@pytest.mark.parametrize("text", KINDS_ASKED_ALONE)
def test_a_kind_of_ai_naming_no_service_offers_every_training_switch(text: str) -> None:
    answer = interpret(text, catalog=CATALOG)
    assert (answer.guide_id, answer.unknown_service, answer.which_service) == (None, None, True)
    assert answer.closest == TRAINING_SWITCHES


@pytest.mark.parametrize(
    "text",
    [
        "does linkedin use non generative ai on my data",
        "linkedin non generative ai opt out",
        "linkedin non-generative ai",
        "is linkedin training nongenerative ai on my posts?",
    ],
)
def test_linkedins_non_generative_ai_opens_with_its_objection_note(
    ask: Callable[[str], str], ask_json: Callable[[str], dict[str, object]], text: str
) -> None:
    assert ask_json(text)["guide"] == AI
    shown = ask(text)
    assert "What you asked about:\n> To object to other processing LinkedIn bases on legitimate" in shown
    assert "(Non)" not in shown


def test_the_generative_ai_a_question_names_still_opens_with_no_note(ask: Callable[[str], str]) -> None:
    assert "What you asked about:" not in ask("does linkedin use generative ai on my data")
