"""A question about a deadline or a date sees the guide's policy dates in its first answer, as `/privacy dates
<service>` lists them, not only behind "More details". Checked as `privacy-bot ask` prints it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.answers import interpret
from bot.guides import load_catalog
from tests.guide_ids import AI, CLAUDE


def date_lines(shown: str) -> list[str]:
    return [line for line in shown.splitlines() if line[:4].isdigit() and " · " in line]


# A question about a deadline sees the guide's dates in its first answer, as `/privacy dates <service>` lists them.
@pytest.mark.parametrize(
    ("text", "guide", "service"),
    [
        ("did i miss the claude deadline", CLAUDE, "claude"),
        ("when is the linkedin deadline", AI, "linkedin"),
        ("linkedin deadline", AI, "linkedin"),
        ("what changed on nov 3 2025 at linkedin", AI, "linkedin"),
        ("when do i have to opt out of linkedin ai training", AI, "linkedin"),
        ("when did linkedin start training on my data", AI, "linkedin"),
    ],
)
def test_a_deadline_question_shows_the_guides_dates_with_the_steps(
    ask: Callable[[str], str], ask_json: Callable[[str], dict[str, object]], text: str, guide: str, service: str
) -> None:
    assert ask_json(text)["guide"] == guide
    shown = ask(text)
    listed = date_lines(ask(f"dates {service}"))
    assert listed
    assert date_lines(shown) == listed
    assert "Steps on" in shown or "On desktop web" in shown


@pytest.mark.parametrize(
    "text",
    [
        "linkedin ai",
        "did i miss the claude opt out",
        "claude training",
        # "when" opening a clause ("when I…, …") is not asking when.
        "when i turn it off does linkedin delete my data",
        "when we opt out of linkedin ai training is it for every device",
        "when it's off does linkedin still use my old posts",
    ],
)
def test_a_question_about_no_date_shows_no_dates(ask: Callable[[str], str], text: str) -> None:
    assert date_lines(ask(text)) == []


# Naming no service, a question about a deadline alone is marked so: a campaign asking the member says which (see
# tests/slack/test_deadline_asked.py). Anything more, or a service named, is read as before.
@pytest.mark.parametrize(
    ("text", "only"),
    [
        ("did i miss the deadline", True),
        ("whats the deadline?", True),
        ("is it too late", True),
        ("is it too late to opt out", True),
        ("did i miss the deadline for my tax return", False),
        ("what happens on nov 3", False),
    ],
)
def test_a_deadline_alone_naming_no_service_is_marked_deadline_only(text: str, only: bool) -> None:
    answer = interpret(text, catalog=load_catalog())
    assert (answer.guide_id, answer.deadline_only) == (None, only)
