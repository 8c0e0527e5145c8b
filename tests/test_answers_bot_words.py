"""Questions about the bot and the privacy team's campaign in everyday words, from an audit of `privacy-bot ask`: a
manager asking who has done it or what share of the company has ("I'm a manager, how do I see who's done it") gets
the manager commands; a member asking the bot to do it for them, to stop its DMs, why it wrote, whether it is
mandatory, or which guides it has gets what is true of this bot, never "I couldn't tell which guide"."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.guide_ids import AI

MANAGERS = "for the privacy team's managers"


@pytest.mark.parametrize(
    "text",
    [
        "I'm a manager, how do I see who's done it",
        "as a manager, how can i see who opted out",
        "i am an admin, where do i see who has done the linkedin opt out",
        "what percentage of the company has turned off linkedin ai",
        "what percent of my team has opted out",
    ],
)
def test_a_manager_asking_who_or_how_many_have_done_it_gets_the_manager_commands(
    ask: Callable[[str], str], text: str
) -> None:
    shown = ask(text)
    assert MANAGERS in shown and "`/privacy report`" in shown
    assert "Slack ID" not in shown  # not what the bot keeps, from "see"


@pytest.mark.parametrize(
    ("text", "guide"),
    [
        ("what percentage of linkedin users have turned off ai", AI),
        ("i'm a manager, do i need to turn off linkedin ai", AI),
        ("my manager asked me to turn off linkedin ai", AI),
        ("who can see that i opted out of linkedin", AI),
    ],
)
def test_the_same_words_about_a_service_or_the_members_own_setting_are_not_a_manager_request(
    ask_json: Callable[[str], dict[str, object]], text: str, guide: str | None
) -> None:
    answer = ask_json(text)
    assert MANAGERS not in str(answer["text"])
    assert answer["guide"] == guide
