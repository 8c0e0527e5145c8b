"""Questions real members type, written to find what the answer tables missed: "how do i turn off", "does X train on
my data", "is it too late", "I'm on android", the training switch in Dutch, Portuguese, Polish and Swedish as well as
German, French, Spanish and Italian, dates, two services in one question, a platform named alone, and slips."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.answers import Platform, interpret
from bot.guides import Catalog, load_catalog
from tests.guide_ids import (
    ADOBE,
    AI,
    CHATGPT,
    CLAUDE,
    COPILOT,
    GEMINI,
    GRAMMARLY,
    GROK,
    MEDIUM,
    META,
    PINTEREST,
    QUORA,
    REDDIT,
    SLACK,
    SUBSTACK,
    ZOOM,
)
from tests.test_answers import EVERYDAY_QUESTIONS, LINKEDIN_QUESTIONS, PHRASINGS, TRAINING_SWITCHES, lines_of
from tests.test_answers_everyday import EVERYDAY
from tests.test_answers_unknown import ORDINARY, UNKNOWN

# (what a member types, the guide they should get, the platform they named)
MEMBERS: list[tuple[str, str | None, Platform | None]] = [
    # "how do i turn off …", slips and all
    ("how do i turn off linkedin ai training", AI, None),
    ("how do i turn of linkedin ai traning", AI, None),
    ("how do i turn off the ai thing on linkedin", AI, None),
    ("chat gtp training opt out", CHATGPT, None),
    ("calude training opt out", CLAUDE, None),
    ("instgram ai opt out", META, None),
    ("facebok ai training", META, None),
    ("gramarly ai training", GRAMMARLY, None),
    ("copliot training", COPILOT, None),
    ("gemni activity", GEMINI, None),
    # "does X train on my data"
    ("does linkedin train on my data", AI, None),
    ("does chatgpt use my conversations for training", CHATGPT, None),
    ("does claude train on my chats", CLAUDE, None),
    ("does gemini train on my data", GEMINI, None),
    ("does copilot train on my voice", COPILOT, None),
    ("does grammarly train on my writing", GRAMMARLY, None),
    ("does pinterest train ai on my pins", PINTEREST, None),
    ("does quora train ai on my answers", QUORA, None),
    ("does slack train ai on my messages", SLACK, None),
    ("does zoom train ai on my meetings", ZOOM, None),
    ("does reddit sell my posts for ai", REDDIT, None),
    ("does medium train ai on my stories", MEDIUM, None),
    ("does substack train ai on my newsletter", SUBSTACK, None),
    ("does instagram train ai on my photos", META, None),
    ("does x train grok on my posts", GROK, None),
    ("does photoshop train ai on my images", ADOBE, None),
    ("does linkedin use my DMs for ai", AI, None),
    # "is it too late", and what opting out does
    ("too late to turn off linkedin ai?", AI, None),
    ("is it too late to object to meta ai", META, None),
    ("is it too late to opt out of chatgpt training", CHATGPT, None),
    ("is it too late to opt out of grammarly training", GRAMMARLY, None),
    ("is it too late for claude", CLAUDE, None),
    ("is linkedin ai opt out permanent", AI, None),
    ("is the chatgpt opt out permanent", CHATGPT, None),
    ("does opting out delete what linkedin already used", AI, None),
    # "I'm on android", and a platform named alone
    ("i'm on android, how do i stop linkedin using my data for ai", AI, "android"),
    ("im on iphone, chatgpt training off", CHATGPT, "ios"),
    ("i'm on a mac, how do i turn off gemini activity", GEMINI, "desktop"),
    ("I'm on android", None, "android"),
    ("android ai training", None, "android"),
    ("desktop ai training settings", None, "desktop"),
    ("how do i stop my data being used for ai training on my iphone", None, "ios"),
    # other languages of the EU
    ("KI-Training bei LinkedIn deaktivieren", AI, None),
    ("Wie deaktiviere ich das KI-Training bei Instagram?", META, None),
    ("comment désactiver l'entraînement de l'IA sur LinkedIn", AI, None),
    ("cómo desactivar el entrenamiento de IA en instagram", META, None),
    ("come disattivare l'addestramento IA su facebook", META, None),
    ("hoe zet ik linkedin ai training uit", AI, None),
    ("linkedin AI-training uitzetten", AI, None),
    ("como desativar o treinamento de IA no linkedin", AI, None),
    ("jak wyłączyć trening AI na LinkedIn", AI, None),
    # "trenowanie" is the Polish for training as often as "trening"
    ("jak wyłączyć trenowanie AI na LinkedIn", AI, None),
    ("wyłącz trenowanie modeli w ChatGPT", CHATGPT, None),
    ("chcę wyłączyć opcję trenowania AI w linkedin", AI, None),
    ("hur stänger jag av AI-träning på LinkedIn", AI, None),
    # dates and deadlines
    ("when does meta start training on eu data", META, None),
    ("when did linkedin start training ai on eu data", AI, None),
    ("what date did x start grok training", GROK, None),
    ("did the claude deadline pass", CLAUDE, None),
    ("what happens on 3 november 2025", None, None),
    ("what changed on 2025-11-03", None, None),
    # two services in one question: one guide each to pick from, never the first service's alone
    ("linkedin and chatgpt ai training opt out", None, None),
    ("how do i opt out of ai training on linkedin and instagram", None, None),
    ("does linkedin or facebook train on my posts", None, None),
    ("chatgpt vs claude training", None, None),
    ("opt out of facebook and instagram ai", META, None),  # one service by two names
    # no service: which one?
    ("stop ai training", None, None),
    ("how to opt out of ai", None, None),
    ("do I need to opt out again", None, None),
]

# What the rows without a guide offer, first guides first.
OFFERED: dict[str, tuple[str, ...]] = {
    "linkedin and chatgpt ai training opt out": (AI, CHATGPT),
    "how do i opt out of ai training on linkedin and instagram": (AI, META),
    "does linkedin or facebook train on my posts": (AI, META),
    "chatgpt vs claude training": (CHATGPT, CLAUDE),
    "what happens on 3 november 2025": (AI,),
    "what changed on 2025-11-03": (AI,),
    "android ai training": TRAINING_SWITCHES,
    "desktop ai training settings": TRAINING_SWITCHES,
    "how do i stop my data being used for ai training on my iphone": TRAINING_SWITCHES,
    "stop ai training": TRAINING_SWITCHES,
    "how to opt out of ai": TRAINING_SWITCHES,
}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def test_the_table_is_new_questions_and_enough_of_them() -> None:
    texts = [row[0] for row in MEMBERS]
    assert len(texts) == len(set(texts)) >= 60
    older = {row[0] for row in (*PHRASINGS, *LINKEDIN_QUESTIONS, *EVERYDAY, *EVERYDAY_QUESTIONS, *UNKNOWN)}
    assert not set(texts) & (older | set(ORDINARY))


def test_members_questions_get_the_right_answer(catalog: Catalog) -> None:
    """Guide and platform together, a guide surely and no guide unsurely, and what is offered instead."""
    misses = []
    for text, guide, platform in MEMBERS:
        answer = interpret(text, catalog=catalog)
        sure = answer.confidence >= 0.4 if guide is not None else answer.confidence < 0.3
        offered = OFFERED.get(text)
        if (answer.guide_id, answer.platform) != (guide, platform) or not sure or answer.unknown_service:
            misses.append(f"  {text!r}: got {answer.guide_id}/{answer.platform} ({answer.confidence}), want {guide}")
        elif offered is not None and answer.closest[: len(offered)] != offered:
            misses.append(f"  {text!r}: offered {answer.closest}, want {offered}")
    print("\n".join(misses))
    assert misses == []


def test_a_member_asking_about_two_services_is_offered_both_and_not_asked_to_name_one(
    ask: Callable[[str], str],
) -> None:
    shown = ask("linkedin and chatgpt ai training opt out")
    offered = [line for line in lines_of(shown) if line.startswith("•")]
    assert offered == [
        "• Stop LinkedIn using your data to train generative AI",
        "• Stop ChatGPT using your chats to train OpenAI's models",
    ]
    assert "naming the service" not in shown


def test_a_member_asking_if_it_is_too_late_for_chatgpt_hears_opting_out_applies_going_forward(
    ask: Callable[[str], str],
) -> None:
    shown = ask("is it too late to opt out of chatgpt training")
    assert shown.startswith("Stop ChatGPT using your chats to train OpenAI's models")
    assert "going forward only" in shown


# Questions about the LinkedIn switch itself, in words no guide has (an audit of `privacy-bot ask`): each was told
# "For LinkedIn, I only help with privacy settings". A switch's state beside a word for the switch, the member's
# devices, whether it applies to who they are, who at work asked them to do it: all about the setting.
ABOUT_THE_SETTING: list[tuple[str, Platform | None]] = [
    # a switch greyed out, locked, missing
    ("linkedin toggle is greyed out on my iphone", "ios"),
    ("the linkedin ai toggle is grayed out", None),
    ("linkedin switch is locked on my android", "android"),
    ("the linkedin setting is missing", None),
    ("linkedin option is greyed out and wont turn off", None),
    # every device, or once
    ("do I need to do this on every device or just once for linkedin", None),
    ("do i have to turn off linkedin on each device", None),
    ("does the linkedin setting sync across my devices", None),
    # whether it applies to who they are
    ("i'm a contractor, does the linkedin thing apply to me", None),
    ("im a freelancer, does this linkedin setting apply to me", None),
    ("does the linkedin thing affect interns", None),
    # asked to by someone at work
    ("my manager asked me to do the linkedin thing, what is it", None),
    ("hr told us to do the linkedin thing", None),
    ("my boss wants me to change a linkedin setting, which one", None),
    # said, not asked (an audit: "couldn't tell")
    ("my team lead said i should opt out of linkedin ai", None),
    ("my manager says i have to turn off the linkedin ai setting", None),
    # in German, Dutch, Spanish
    ("Gilt das auch in der Schweiz für LinkedIn?", None),
    ("gilt das für linkedin in kanada", None),
    ("Ik heb geen LinkedIn-account, moet ik iets doen?", None),
    ("Ich habe kein LinkedIn-Konto, muss ich etwas tun?", None),
    ("no tengo cuenta de linkedin, tengo que hacer algo?", None),
]


@pytest.mark.parametrize(("text", "platform"), ABOUT_THE_SETTING)
def test_a_question_about_the_linkedin_switch_itself_gets_its_guide(
    ask_json: Callable[[str], dict[str, object]], text: str, platform: Platform | None
) -> None:
    answer = ask_json(text)
    assert (answer["guide"], answer["platform"]) == (AI, platform)
    assert str(answer["text"]).startswith("Stop LinkedIn using your data to train generative AI")
    assert "I only help with privacy settings" not in str(answer["text"])


# ... while using LinkedIn, in the same kinds of words, is still not a privacy question.
@pytest.mark.parametrize(
    "text",
    [
        "linkedin keeps logging me out",
        "is linkedin premium worth it",
        "write me a linkedin post",
        "how do i change my linkedin language setting",
        "the linkedin app is missing from my phone",
        "linkedin keeps crashing on every device",
        "my manager asked me to update my linkedin profile",
        "does linkedin premium apply to my account",
        # an audit: each got the training guide, from a role or a word of work with no word of the setting, or from
        # a toggle LinkedIn has for something else
        "my company wants me on linkedin",
        "do interns need linkedin",
        "do contractors need a linkedin account",
        "the linkedin open to work toggle is greyed out",
        "my employer wants me to be more active on linkedin",
        "do freelancers need a linkedin profile",
        "the linkedin open to work button is missing",
    ],
)
def test_using_linkedin_in_those_words_is_still_only_its_privacy_settings(ask: Callable[[str], str], text: str) -> None:
    assert "For LinkedIn, I only help with privacy settings." in ask(text)


# The switch greyed out is its guide at X as at LinkedIn, in any word for it (an audit: "the grok checkbox is greyed
# out" got "For Grok, I only help with privacy settings").
@pytest.mark.parametrize(
    ("text", "guide"),
    [
        ("the grok checkbox is greyed out", GROK),
        ("the x checkbox is greyed out", GROK),
        ("the linkedin checkbox is greyed out", AI),
        ("the chatgpt toggle is greyed out", CHATGPT),
    ],
)
def test_a_switch_greyed_out_in_any_word_for_it_is_its_guide(
    ask_json: Callable[[str], dict[str, object]], text: str, guide: str
) -> None:
    assert ask_json(text)["guide"] == guide


@pytest.mark.parametrize(
    "text",
    [
        "can my manager see that I skipped the linkedin guide?",
        "does my boss see that i opted out of linkedin",
        "can hr see my answers about the linkedin guide",
    ],
)
def test_who_at_work_sees_what_one_answered_about_a_service_is_about_the_bot(
    ask: Callable[[str], str], text: str
) -> None:
    shown = ask(text)
    assert "I only help with privacy settings" not in shown
    assert "managers see each member's name and status" in shown
    assert "other members don't see your answers" in shown


# How long a service keeps what it trains on is what its guide says, when its text says so (Claude's: 5 years while
# the setting is on, 30 days when off): an audit got "I have no guide for that yet (Anthropic)".
@pytest.mark.parametrize(
    "text",
    [
        "how long does anthropic keep my chats if i opt in",
        "how long does claude keep my conversations",
        "how long are my claude chats kept",
        "how long does anthropic retain my data",
    ],
)
def test_how_long_claude_keeps_chats_gets_the_claude_guide_that_says(ask: Callable[[str], str], text: str) -> None:
    shown = ask(text)
    assert shown.startswith("Stop Anthropic training Claude on your chats")
    assert "kept for 5 years" in shown and "30-day retention" in shown


# ... while keeping, asked of a service whose guide says no duration, is still no guide's.
@pytest.mark.parametrize("text", ["how long does linkedin keep my data", "does linkedin keep my posts"])
def test_how_long_a_guide_says_nothing_of_is_still_no_guide(
    ask_json: Callable[[str], dict[str, object]], text: str
) -> None:
    assert ask_json(text)["guide"] is None


def test_asked_whether_linkedin_shares_with_microsoft_gets_the_note_that_says_so(ask: Callable[[str], str]) -> None:
    shown = ask("does linkedin share my data with microsoft")
    assert shown.startswith("Stop LinkedIn using your data to train generative AI")
    assert "UK members: since that day LinkedIn also shares posts" in shown
    assert "I have no guide for that yet" not in shown
