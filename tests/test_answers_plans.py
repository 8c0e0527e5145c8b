"""A service's plan ("chatgpt plus", "the free plan") says which account, not another topic: the audit's members who
said "i don't have chatgpt plus" were told "For ChatGPT, I only help with privacy settings". The guide's note on which
accounts its setting covers answers it first; having no plus is having ChatGPT still, never having no account."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.answers import interpret
from bot.guides import load_catalog
from tests.guide_ids import CHATGPT

CATALOG = load_catalog()

PLAN_QUESTIONS = [
    "i don't have chatgpt plus",
    "i dont have chatgpt plus, does this apply",
    "i have chatgpt plus",
    "chatgpt plus opt out",
    "does the chatgpt setting apply to the free plan",
    "i don't have chatgpt plus, only free",
    "i'm on the free version of chatgpt",
]
WORK_NOTE = "What you asked about:\n> Work accounts: OpenAI does not use API, ChatGPT Business or Enterprise data"


@pytest.mark.parametrize("text", PLAN_QUESTIONS)
def test_a_plan_of_the_service_is_its_guide_and_not_having_it_is_no_lack_of_an_account(text: str) -> None:
    answer = interpret(text, catalog=CATALOG)
    assert (answer.guide_id, answer.no_account, answer.off_topic) == (CHATGPT, False, None)


@pytest.mark.parametrize(
    "text", ["i don't have chatgpt plus", "does the chatgpt setting apply to the free plan", "i have chatgpt plus"]
)
def test_a_plan_asked_about_opens_with_the_note_on_which_accounts_the_setting_covers(
    ask: Callable[[str], str], text: str
) -> None:
    shown = ask(text)
    assert shown.startswith("Stop ChatGPT using your chats")
    assert WORK_NOTE in shown
    assert "I only help with privacy settings" not in shown


def test_having_no_chatgpt_at_all_is_still_having_no_account() -> None:
    assert interpret("what if i don't have chatgpt", catalog=CATALOG).no_account
