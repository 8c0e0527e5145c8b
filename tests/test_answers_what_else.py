"""What a fresh audit's members asked beside the guides' words: what a service does with their data is what it trains
on ("what does linkedin do with my data": the training guide, not the download guide's "data"); where the member is,
naming nothing else ("i'm not in the EU"), is the guide for some regions only, its note on them first; a question
about nothing the bot does ("tell me a joke") is told in one line what it does, not offered every guide."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.answers import interpret
from bot.guides import load_catalog
from tests.guide_ids import AI, DOWNLOAD, META

CATALOG = load_catalog()


@pytest.mark.parametrize(
    ("text", "guide"),
    [
        ("what does linkedin do with my data", AI),
        ("what is linkedin doing with my data?", AI),
        ("what does linkedin do with my posts", AI),
        # As before: the member's data named alone, or getting it, is the download guide's.
        ("linkedin data", DOWNLOAD),
        ("what do i do with my linkedin data export", DOWNLOAD),
    ],
)
def test_what_a_service_does_with_ones_data_is_what_it_trains_on(text: str, guide: str) -> None:
    assert interpret(text, catalog=CATALOG).guide_id == guide


@pytest.mark.parametrize("text", ["i'm not in the EU", "im not in the eu", "i live in germany", "i'm in the uk"])
def test_where_the_member_is_naming_nothing_else_is_the_guide_for_some_regions(
    ask: Callable[[str], str], ask_json: Callable[[str], dict[str, object]], text: str
) -> None:
    assert ask_json(text)["guide"] == META
    assert "What you asked about:\n> Only for people in the EU and EEA and in the UK." in ask(text)


# Marked for whoever shows the answer: one line of what the bot does (strings.NOT_FOUND_UNRELATED) would serve such a
# member better than every guide as a button; a privacy question with no service ("how do i opt out") keeps them.
@pytest.mark.parametrize(
    ("text", "unrelated"),
    [
        ("tell me a joke", True),
        ("what's the weather", True),
        ("what's for lunch", True),
        ("how do i opt out", False),
        ("did i miss the deadline", False),
        ("hi", False),
        ("iphone", False),
        ("my zoom keeps crashing", False),
        ("how do i stop hinge using my photos for AI", False),
    ],
)
def test_a_question_about_nothing_the_bot_does_is_marked_unrelated(text: str, unrelated: bool) -> None:
    answer = interpret(text, catalog=CATALOG)
    assert answer.unrelated is unrelated
    if unrelated:
        assert (answer.guide_id, answer.closest, answer.help) == (None, (), False)
