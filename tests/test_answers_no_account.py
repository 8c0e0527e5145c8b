"""A question whether a guide matters to a member with no account of the service ("what if I don't have a linkedin
account", "not on linkedin, does this matter?") is the guide, read as asking about having none: the answer says first
what such a member does. What a member states ("i dont have linkedin") is recorded instead: bot/slack/commands.py."""

from __future__ import annotations

import pytest

from bot.answers import interpret
from bot.guides import load_catalog
from tests.guide_ids import AI, CHATGPT, META

CATALOG = load_catalog()

NO_ACCOUNT_QUESTIONS = [
    ("what if I don't have a linkedin account", AI),
    ("I don't use LinkedIn so I can skip this right?", AI),
    ("do i need to do anything if i'm not on linkedin", AI),
    ("not on linkedin, does this matter?", AI),
    ("i dont have a linkedin account, do i need to do this?", AI),
    ("do i have to do the linkedin thing if i have no linkedin account", AI),
    ("what if i don't use chatgpt", CHATGPT),
    ("I'm not on instagram, can I ignore this?", META),
    ("Ik heb geen LinkedIn-account, moet ik iets doen?", AI),
    # Neither of Meta's names: no Meta account.
    ("i don't have instagram or facebook", META),
]


@pytest.mark.parametrize(("text", "guide"), NO_ACCOUNT_QUESTIONS)
def test_a_question_about_having_no_account_is_the_guide_read_as_such(text: str, guide: str) -> None:
    answer = interpret(text, catalog=CATALOG)
    assert (answer.guide_id, answer.no_account) == (guide, True)


@pytest.mark.parametrize(
    "text",
    [
        "how do i stop linkedin training ai on my data",
        "doesn't linkedin use my data for ai",
        "linkedin doesn't let me turn it off",
        "can i delete my linkedin ai data",
        "what if linkedin already used my posts",
        "i'm not in the eu, does linkedin apply to me",
        # An account all the same: when or where the member is not on it (a second audit).
        "im not on linkedin today",
        "i'm not on facebook much",
        "i don't have linkedin on my phone",
        "i dont have gemini on my phone",
        # Another of the service's names had (a third audit: "No Meta account?" to a member on Facebook).
        "i don't have instagram, only facebook",
        "not on facebook, only instagram",
        "i don't have facebook but i have instagram",
        "i use claude not chatgpt",
        # A plan not had is the service all the same.
        "i don't have chatgpt plus",
    ],
)
def test_a_question_about_the_setting_is_not_read_as_having_no_account(text: str) -> None:
    assert not interpret(text, catalog=CATALOG).no_account
