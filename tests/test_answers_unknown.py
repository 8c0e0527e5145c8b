"""Services no list knows: a member who asks "how do I stop hinge using my photos for AI" hears that there is no guide
for Hinge, by the name they wrote, with the guides the bot has for AI training; never "I couldn't tell which guide"
and never another service's guide as if it answered. Ordinary words where a name could stand ("my company", "ai
training at school", "Please") are never taken for a service: every question of every answer table is checked."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.answers import OTHER_SERVICES, Platform, interpret
from bot.guides import Catalog, load_catalog
from tests.guide_ids import ADOBE, AI, DOWNLOAD, MEDIUM, REDDIT, ZOOM
from tests.test_answers import EVERYDAY_QUESTIONS, LINKEDIN_QUESTIONS, PHRASINGS, TRAINING_SWITCHES
from tests.test_answers_everyday import EVERYDAY

# (what a member types, the service they should hear named back, the platform they named)
UNKNOWN: list[tuple[str, str, Platform | None]] = [
    ("how do I stop hinge using my photos for AI", "Hinge", None),
    ("Hinge AI opt out", "Hinge", None),
    ("does hinge train ai on my pictures", "Hinge", None),
    ("does vsco train on my photos", "Vsco", None),
    ("how do i turn off ai training in VSCO on my iphone", "VSCO", "ios"),
    ("bereal ai training opt out", "Bereal", None),
    ("opt out of ai training on grindr", "Grindr", None),
    ("grindr ai opt out android", "Grindr", "android"),
    ("is replika using my chats for training", "Replika", None),
    ("lensa ai opt out", "Lensa", None),
    ("picsart ai privacy settings", "Picsart", None),
    ("capcut ai training on my videos", "Capcut", None),
    ("does goodreads sell my data to ai companies", "Goodreads", None),
    ("stop soundcloud training ai on my music", "Soundcloud", None),
    ("squarespace ai scraping opt out", "Squarespace", None),
    ("wix ai training", "Wix", None),
    ("Behance AI training opt-out", "Behance", None),
    ("hinge ai training opt out", "Hinge", None),
    ("vsco ai training opt out", "Vsco", None),
    ("patreon ai training", "Patreon", None),
    ("does signal train ai on my messages", "Signal", None),
    ("viber ai opt out", "Viber", None),
    ("wechat ai training", "Wechat", None),
    ("coursera ai training on my essays", "Coursera", None),
    ("does udemy use my videos for ai", "Udemy", None),
    ("babbel ai opt out", "Babbel", None),
    ("quizlet ai training opt out", "Quizlet", None),
    ("does chegg train ai on my questions", "Chegg", None),
    ("airtable ai training opt out", "Airtable", None),
    ("clickup ai opt out", "Clickup", None),
    ("does jasper train on my writing", "Jasper", None),
    ("quillbot ai training", "Quillbot", None),
    ("descript ai training on my voice", "Descript", None),
    ("elevenlabs voice training opt out", "Elevenlabs", None),
    ("does fitbit use my health data for ai", "Fitbit", None),
    ("Can Kagi train on my searches?", "Kagi", None),
    ("how do I stop Nextdoor using my posts for AI training", "Nextdoor", None),
    ("is zapier training ai on my data", "Zapier", None),
    ("opt out of ai training in babbel please", "Babbel", None),
]

# Ordinary questions with a word where a name could stand: none of them is about a service we do not know.
ORDINARY: list[str] = [
    "how do I stop my data being used for AI training?",
    "opt out of ai training",
    "please help me opt out of ai training",
    "Please opt me out of AI training",
    "how do I stop my company using my data for AI",
    "opt out of ai training at work",
    "ai training at school",
    "does my employer train ai on my emails",
    "can my boss see my ai chats",
    "stop ai training on my art",
    "does ai train on my code",
    "how do i stop people using my photos for ai",
    "is it too late to opt out of ai training",
    "what is ai training",
    "why is everyone talking about ai training",
    "which apps train ai on my data",
    "ai training opt out for my kids",
    "stop ai scraping my blog",
    "is my voice used for ai training",
    "can i opt out of ai training in the eu",
    "ai training on my face",
    "does anyone know how to opt out of ai",
    "Urgent: opt out of AI training",
    "Quick question about ai training",
    "Hello, ai training opt out?",
    "my door hinge squeaks",
    "opt out of ai training on everything",
    "stop ai training on my posts",
    "Thanks, and how do I opt out of AI training?",
    "Seriously, how do I opt out of AI training",
    "Honestly is ai training bad",
    "how does ai training work",
    "my manager asked me to opt out of ai training",
    "does the government train ai on my data",
    "ai training on my drawings",
    "can companies train ai on my music",
    # who can see or do something, and people in the plural, where a name could stand
    "Can Sarah see my AI chats?",
    "how do I stop spammers using my photos for ai",
    "stop scammers training ai on my voice",
    "does security team use ai on our data",
    "opt out of ai training for teenagers",
    "can recruiters use ai on my profile",
    "how to stop hackers using my data for ai",
    "stop facial recognition training on my photos",
]

TABLES = [row[0] for row in (*PHRASINGS, *LINKEDIN_QUESTIONS, *EVERYDAY, *EVERYDAY_QUESTIONS)]
ASKED = [text for text in TABLES if text not in {row[0] for row in UNKNOWN}] + ORDINARY


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def test_the_tables_are_long_enough_and_name_no_listed_service() -> None:
    assert len(UNKNOWN) >= 30 and len(ORDINARY) >= 30
    listed = {name.casefold() for name in OTHER_SERVICES.values()}
    assert not {service.casefold() for _text, service, _platform in UNKNOWN} & listed


def test_a_service_no_list_knows_is_named_back_and_gets_no_guide(catalog: Catalog) -> None:
    misses = []
    for text, service, platform in UNKNOWN:
        answer = interpret(text, catalog=catalog)
        if (answer.guide_id, answer.unknown_service, answer.platform) != (None, service, platform):
            misses.append(f"  {text!r}: got {answer.guide_id}/{answer.unknown_service}/{answer.platform}")
    print("\n".join(misses))
    assert misses == []


def test_an_ordinary_word_is_never_taken_for_a_service(catalog: Catalog) -> None:
    """Every question of every answer table: a service told back is one the bot knows by name, never a word of the
    question made into one ("I have no guide for that yet (Please)")."""
    guides = {name for guide in catalog for name in (guide.service, *guide.service_aliases)}
    known = {name.casefold() for name in (*OTHER_SERVICES.values(), *guides)}
    told = {text: interpret(text, catalog=catalog).unknown_service for text in ASKED}
    invented = {text: name for text, name in told.items() if name is not None and name.casefold() not in known}
    assert invented == {}
    assert len(ASKED) >= 400


def test_ai_training_at_an_unknown_service_offers_every_training_switch(catalog: Catalog) -> None:
    for text in ("how do I stop hinge using my photos for AI", "bumble ai opt out", "duolingo ai training"):
        answer = interpret(text, catalog=catalog)
        assert answer.closest == TRAINING_SWITCHES
        assert not {DOWNLOAD, ZOOM, REDDIT, MEDIUM} & set(answer.closest)


def test_a_bare_ai_training_question_offers_every_training_switch_linkedin_first_adobe_after_the_generative(
    catalog: Catalog,
) -> None:
    for text in ("how do I stop my data being used for AI training?", "opt out of ai training"):
        answer = interpret(text, catalog=catalog)
        assert answer.intent == "unclear"
        assert answer.closest == TRAINING_SWITCHES
        assert answer.closest.index(ADOBE) > answer.closest.index(AI) + 6


def test_a_member_asking_about_hinge_hears_there_is_no_hinge_guide(ask: Callable[[str], str]) -> None:
    shown = ask("how do I stop hinge using my photos for AI")
    assert shown.startswith("I have no guide for that yet (Hinge).")
    assert "couldn't tell which guide" not in shown
    assert "The closest guides I have:" in shown
    # Said to members, in a thread everyone may read: whom to ask, not the operator's file paths and commands.
    assert "Whoever runs this bot can add a guide for it" in shown
    assert "bot/guides" not in shown and "privacy-bot" not in shown and "GUIDES_DIR" not in shown
