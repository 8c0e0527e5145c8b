"""Questions a re-audit found misread: a slip ("by mistake") read as a service's name, the bot named as what to
delete an account from read as a service's account, and a place after an unrelated question."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.answers import interpret
from bot.guides import load_catalog

CATALOG = load_catalog()


@pytest.mark.parametrize("text", ["i closed the tab by mistake", "i deleted it by accident"])
def test_a_slip_is_no_service(text: str) -> None:
    assert interpret(text, catalog=CATALOG).unknown_service is None


def test_a_place_after_the_weather_keeps_it_unrelated() -> None:
    assert interpret("what's the weather in berlin", catalog=CATALOG).unrelated


@pytest.mark.parametrize("text", ["delete my account from this bot", "delete my data from this bot"])
def test_deleting_from_the_bot_is_forget_me_first(ask: Callable[[str], str], text: str) -> None:
    assert ask(text).startswith("To delete everything I store about you, send `/privacy forget-me`")
