"""Whether a guide applies to the member, asked in few words ("does claude pro count", "does it apply"): a re-audit's
members were told "For Claude, I only help with privacy settings", though the guide's notes answer them."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.answers import interpret
from bot.guides import load_catalog
from tests.guide_ids import AI, CLAUDE, GRAMMARLY, META

CATALOG = load_catalog()

APPLIES = [
    ("does claude pro count", CLAUDE, "Free, Pro and Max plans"),
    ("non-profit account on linkedin, does it apply", AI, None),
    ("what about non eu members on linkedin", AI, "EU, EEA, Switzerland"),
    ("do i need to do instagram and facebook separately", META, "linked, one objection covers both"),
]


@pytest.mark.parametrize(("text", "guide", "note"), APPLIES)
def test_whether_the_guide_applies_is_its_guide(text: str, guide: str, note: str | None) -> None:
    answer = interpret(text, catalog=CATALOG)
    assert (answer.guide_id, answer.off_topic) == (guide, None)


@pytest.mark.parametrize(
    ("text", "off_topic", "unknown"),
    [
        ("my zoom keeps crashing, does it matter", "Zoom", None),
        ("what about linkedin job alerts", "LinkedIn", None),
        ("how about deleting my linkedin account", None, "LinkedIn"),
    ],
)
def test_something_else_asked_in_those_words_stays_what_it_was(
    text: str, off_topic: str | None, unknown: str | None
) -> None:
    answer = interpret(text, catalog=CATALOG)
    assert (answer.guide_id, answer.off_topic, answer.unknown_service) == (None, off_topic, unknown)


@pytest.mark.parametrize(("text", "guide", "note"), [case for case in APPLIES if case[2]])
def test_the_note_that_answers_whether_it_applies_comes_first(
    ask: Callable[[str], str], text: str, guide: str, note: str
) -> None:
    shown = ask(text)
    assert "I only help with privacy settings" not in shown
    asked = shown.split("What you asked about:", 1)
    assert len(asked) == 2 and note in asked[1].split("\n\n", 1)[0]


def test_a_plan_no_guide_names_with_no_service_named_is_asked_which_service(ask: Callable[[str], str]) -> None:
    assert interpret("i have plus, does it matter", catalog=CATALOG).reply == "which_service"
    assert ask("i have plus, does it matter").startswith("Which service is it about?")


def test_a_plan_with_no_service_named_offers_only_the_guides_that_name_it() -> None:
    # Only Grammarly's guide says "Premium" (its Free and Premium accounts): not every guide, nor LinkedIn's.
    answer = interpret("i have premium, does it matter", catalog=CATALOG)
    assert (answer.guide_id, answer.closest, answer.unrelated) == (None, (GRAMMARLY,), False)
