"""Questions about the bot and the privacy team's campaign in everyday words, from an audit of `privacy-bot ask`: a
manager asking who has done it or what share of the company has ("I'm a manager, how do I see who's done it") gets
the manager commands; a member asking the bot to do it for them, to stop its DMs, why it wrote, whether it is
mandatory, or which guides it has gets what is true of this bot, never "I couldn't tell which guide"."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.answers import interpret
from bot.guides import load_catalog
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


@pytest.mark.parametrize(
    "text", ["can you turn it off for me?", "just do it for me", "can you do this for me", "could you opt me out"]
)
def test_asking_the_bot_to_do_it_says_it_cannot_change_ones_settings(ask: Callable[[str], str], text: str) -> None:
    shown = ask(text)
    assert "I couldn't tell which guide" not in shown
    assert "I can't change your settings for you" in shown and "no access to your accounts" in shown


@pytest.mark.parametrize(
    "text",
    [
        "can you turn off linkedin ai for me",
        "is the linkedin ai opt out mandatory?",
        "what happens if i don't opt out of linkedin ai",
    ],
)
def test_the_same_asked_of_a_named_service_gets_its_guide(
    ask_json: Callable[[str], dict[str, object]], text: str
) -> None:
    assert ask_json(text)["guide"] == AI


# Named a service, the bot asked to do it gets the guide marked so: whoever shows it says first that the member
# switches it themselves (the audit's "can you turn off linkedin ai training for me" read as a plain how-to).
@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("can you turn off linkedin ai training for me", True),
        ("could you opt me out of linkedin ai training", True),
        ("can you do the linkedin opt out for me?", True),
        ("how do i turn off linkedin ai training", False),
        ("is linkedin ai training on for me", False),
    ],
)
def test_asking_the_bot_to_do_it_of_a_named_service_is_marked_on_its_guide(text: str, asked: bool) -> None:
    answer = interpret(text, catalog=load_catalog())
    assert (answer.guide_id, answer.asks_the_bot_to_do_it) == (AI, asked)


@pytest.mark.parametrize("text", ["unsubscribe me from this", "unsubscribe me", "mute this bot"])
def test_unsubscribing_from_the_bot_says_what_stops_its_reminders(ask: Callable[[str], str], text: str) -> None:
    shown = ask(text)
    assert "I couldn't tell which guide" not in shown
    assert "My reminder DMs about a guide stop" in shown


@pytest.mark.parametrize(
    "text",
    [
        "why did i get this message",
        "why are you messaging me",
        "why did you dm me",
        "why did i get this?",
        "why me?",
        "who sent this?",
        "who sent you",
        "what is this about",
        "what's this about?",
    ],
)
def test_asking_why_the_bot_wrote_says_the_privacy_teams_campaign_sent_it(ask: Callable[[str], str], text: str) -> None:
    shown = ask(text)
    assert "I couldn't tell which guide" not in shown
    assert "I send reminders when the privacy team's managers run a campaign" in shown


@pytest.mark.parametrize("text", ["who made this bot", "who made you", "who runs this bot?"])
def test_asking_who_made_the_bot_says_what_it_is(ask: Callable[[str], str], text: str) -> None:
    shown = ask(text)
    assert "I couldn't tell which guide" not in shown
    assert "open-source Slack app installed in this workspace" in shown


@pytest.mark.parametrize(
    "text", ["how many guides do you have", "list guides", "what guides do you have?", "which services do you cover"]
)
def test_asking_for_the_guides_gets_the_help_with_every_guide(ask: Callable[[str], str], text: str) -> None:
    shown = ask(text)
    assert "I couldn't tell which guide" not in shown
    assert "Guides I have" in shown


@pytest.mark.parametrize(
    "text",
    [
        "is this mandatory?",
        "what happens if i don't opt out",
        "is it our company policy to opt out?",
        "do i have to do this?",
        "can i ignore this",
        "can i just ignore it?",
    ],
)
def test_asking_whether_one_must_says_the_privacy_team_asks_and_offers_no_random_guide(
    ask: Callable[[str], str], text: str
) -> None:
    shown = ask(text)
    assert "I couldn't tell which guide" not in shown
    assert "ask your privacy team" in shown.lower()
    assert "Reddit" not in shown


@pytest.mark.parametrize(
    ("text", "guide"),
    [
        ("why does linkedin use my data for ai", AI),
        ("who made linkedin ai training default", AI),
        ("list my linkedin data", None),
    ],
)
def test_the_same_words_about_a_service_are_still_about_it(
    ask_json: Callable[[str], dict[str, object]], text: str, guide: str | None
) -> None:
    answer = ask_json(text)
    assert answer["guide"] == guide
    assert "privacy team" not in str(answer["text"]) and "Guides I have" not in str(answer["text"])


# Something wrong with the bot itself: whoever runs it can act on it. "Report a bug" got "I couldn't tell which guide"
# and every guide to pick from.
TELL_YOUR_TEAM = "I can't take reports myself: tell your privacy team"


@pytest.mark.parametrize(
    "text",
    [
        "report a bug",
        "i found a bug",
        "you're broken",
        "are you broken?",
        "this is wrong",
        "i have feedback",
        "where do i send feedback",
        "there's a typo in your guide",
        "you told me the wrong steps",
    ],
)
def test_a_problem_with_the_bot_is_for_the_team_that_runs_it(ask: Callable[[str], str], text: str) -> None:
    shown = ask(text)
    assert shown.startswith("Thanks for telling me.") and TELL_YOUR_TEAM in shown
    assert text not in shown  # not quoted back as a question no guide answers


@pytest.mark.parametrize(
    "text",
    [
        "linkedin has a bug",  # the service's
        "the linkedin setting is broken",
        "something is wrong with my linkedin",
        "is this a problem",  # asks whether something is
        "my phone is broken",
        "report a fake profile",
        "i pressed the wrong button",
        "any issues if i opt out of linkedin",
        "report a problem with my laptop",  # a second audit: the laptop's, not the bot's
        "i found a bug on my phone",
    ],
)
def test_a_problem_with_something_else_is_not_a_report_about_the_bot(ask: Callable[[str], str], text: str) -> None:
    assert TELL_YOUR_TEAM not in ask(text)
