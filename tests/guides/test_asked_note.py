"""A yes/no question that one note of the guide answers ("does linkedin use my private messages?") gets that note
first, under the title, and not again under "Good to know"; a question that only names the service, or asks how,
or whose words are in two notes, gets the guide as it always was. Read as `privacy-bot ask` prints the DM a member
gets, and once through the Slack stand-in (a DM and a slash command)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.local.fake_slack import FakeSlack
from bot.local.sender import SignedSender
from bot.local.workspace import MEMBER
from bot.slack.plaintext import render
from tests.conftest import dm_answer, final_answer
from tests.guides.test_first_messages import first_message

ASKED = "What you asked about:"
# The guides' notes as written (bot/guides/*.toml), each traced to /work/shared/facts/.
LINKEDIN_REGIONS = (
    "Since 2025-11-03 training also covers members in the EU, EEA, Switzerland, the UK, Canada and Hong Kong"
)
LINKEDIN_MESSAGES = "Press reports say private messages are not used"
LINKEDIN_DEVICES = "That one change covers all your devices is likely, but LinkedIn does not say so outright."
LINKEDIN_HISTORY = "When the setting appeared on 2024-09-18 it applied outside the EU, EEA and Switzerland"
LINKEDIN_OBJECTION = "To object to other processing LinkedIn bases on legitimate or public interest"
LINKEDIN_DELETION = "To delete your data, rather than stop its use for training"
LINKEDIN_ADS = "The Microsoft advertising data sharing that started on 2025-11-03 in some regions is a separate setting"
META_REGIONS = "Only for people in the EU and EEA and in the UK. In the US no equivalent mechanism is reported."
META_MESSAGES = "Private messages with friends and family are not used."
META_REASON = "Giving a reason in the form is optional."
META_INSTAGRAM = "Instagram has its own form"
X_PRIVATE = "Making your account private also keeps your posts out of training."
REDDIT_DELETED = "Nothing in our sources says deleting posts takes back what was already licensed or used."
COPILOT_WORK = "Work and school (Entra ID) accounts are reported not to be used for this training"
COPILOT_EEA = "Whether people in the EEA are still left out of this training is reported, not confirmed"
CHATGPT_TEMPORARY = "a Temporary Chat is not used for training either"
CHATGPT_WORK = "OpenAI does not use API, ChatGPT Business or Enterprise data for training by default"
CHATGPT_DEVICES = "syncs across your devices"
CLAUDE_WORK = "Claude for Work, Government and Education accounts and the API are not covered by this setting."
GEMINI_WORK = "Work or school Google accounts: your administrator controls this setting, so ask them."


def asked_first(shown: str, title: str) -> str:
    """The paragraph right under the guide's title (its line holds `title`): the note asked about, quoted."""
    lines = shown.splitlines()
    under = next(index for index, line in enumerate(lines) if title in line) + 2  # the title, then its underline
    paragraph = "\n".join(lines[under:]).strip().split("\n\n", 1)[0]
    assert paragraph.startswith(ASKED), shown
    return paragraph


@pytest.mark.parametrize(
    ("question", "title", "note"),
    [
        ("does linkedin use my private messages for ai training", "train generative AI", LINKEDIN_MESSAGES),
        ("does linkedin use my group messages to train ai", "train generative AI", LINKEDIN_MESSAGES),
        ("¿LinkedIn usa mis mensajes privados para entrenar IA?", "train generative AI", LINKEDIN_MESSAGES),
        ("does the linkedin ai training apply to me in the UK", "train generative AI", LINKEDIN_REGIONS),
        ("does linkedin train on my data in switzerland", "train generative AI", LINKEDIN_REGIONS),
        ("I'm in Canada, does LinkedIn use my data for AI", "train generative AI", LINKEDIN_REGIONS),
        # A country is its region: Germany is in the EU, which the note names.
        ("I'm in Germany, is LinkedIn training on my data?", "train generative AI", LINKEDIN_REGIONS),
        ("I live in the Netherlands, does LinkedIn train on my data?", "train generative AI", LINKEDIN_REGIONS),
        ("is linkedin using my data for ai in wales", "train generative AI", LINKEDIN_REGIONS),
        ("does the linkedin opt out apply in hong kong now", "train generative AI", LINKEDIN_REGIONS),
        ("how do I turn off the microsoft data sharing on linkedin in the uk", "train generative AI", LINKEDIN_REGIONS),
        ("does one linkedin change cover all my devices", "train generative AI", LINKEDIN_DEVICES),
        ("is the linkedin ai setting per device or for the whole account", "train generative AI", LINKEDIN_DEVICES),
        # Notes behind "More details" too, when the question's words are theirs alone.
        ("did linkedin start training in the UK in 2024", "train generative AI", LINKEDIN_HISTORY),
        (
            "how do I object to linkedin processing my data for non generative ai",
            "train generative AI",
            LINKEDIN_OBJECTION,
        ),
        ("I'm in the US, can I object to meta ai training", "Object to Meta AI training", META_REGIONS),
        # "the us" is the country: "us" the word is no note's subject.
        ("i'm in the us, can i object to meta ai training", "Object to Meta AI training", META_REGIONS),
        # Microsoft in the US: not the note about the UK and the regions named with it.
        ("does linkedin share my data with microsoft in the us", "train generative AI", LINKEDIN_ADS),
        ("does meta use my private messages for ai", "Object to Meta AI training", META_MESSAGES),
        ("do i need to give a reason for the meta objection form", "Object to Meta AI training", META_REASON),
        ("does making my X account private stop training", "Stop X using your posts", X_PRIVATE),
        # A word beside the member's thing the note has it beside: "close your account", "accounts are linked".
        ("my x account is private, do i still need to turn off grok", "Stop X using your posts", X_PRIVATE),
        ("should i close my linkedin account or just turn off ai training", "train generative AI", LINKEDIN_DELETION),
        ("how do i object to meta ai on instagram, accounts are linked", "Object to Meta AI training", META_INSTAGRAM),
        ("i deleted my reddit posts, are they still used for ai", "Reddit: there is no switch", REDDIT_DELETED),
        ("is my work copilot account used for training", "Stop Microsoft training Copilot", COPILOT_WORK),
        ("does copilot train on my chats in the EEA", "Stop Microsoft training Copilot", COPILOT_EEA),
        ("does chatgpt temporary chat get used for training", "Stop ChatGPT using your chats", CHATGPT_TEMPORARY),
        ("does chatgpt enterprise use our data for training", "Stop ChatGPT using your chats", CHATGPT_WORK),
        ("is my chatgpt business account used for training", "Stop ChatGPT using your chats", CHATGPT_WORK),
        ("do i need to opt out of chatgpt on every device", "Stop ChatGPT using your chats", CHATGPT_DEVICES),
        ("does claude for work train on our data", "Stop Anthropic training Claude", CLAUDE_WORK),
        ("does gemini use my work account chats for training", "Turn off Keep Activity", GEMINI_WORK),
    ],
)
def test_the_note_that_answers_the_question_comes_first_and_once(
    ask: Callable[[str], str], question: str, title: str, note: str
) -> None:
    # The whole guide answered these, the answer its second or third "Good to know" bullet or behind "More details".
    shown = first_message(ask, question)
    assert note in asked_first(shown, title)
    assert shown.count(note) == 1, shown


def test_the_notes_left_under_good_to_know_are_the_others(ask: Callable[[str], str]) -> None:
    shown = first_message(ask, "does linkedin use my private messages for ai training")
    good_to_know = shown.split("Good to know", 1)[1]
    assert "It covers only AI that generates content" in good_to_know
    assert LINKEDIN_REGIONS in good_to_know
    assert LINKEDIN_MESSAGES not in good_to_know


def test_the_note_comes_before_the_summary_and_the_steps(ask: Callable[[str], str]) -> None:
    shown = first_message(ask, "does linkedin use my private messages for ai training")
    assert shown.index(LINKEDIN_MESSAGES) < shown.index("LinkedIn uses members' data") < shown.index("On desktop web")


@pytest.mark.parametrize(
    "question",
    [
        # The service alone, or how to do it.
        "linkedin",
        "how do i opt out of linkedin ai",
        "how do I opt out of LinkedIn AI training on my iphone",
        "how do I stop LinkedIn using my posts for AI",
        "where is the meta objection form",
        "how do I object to Meta AI training on Instagram",
        "how do i stop chatgpt training on my chats",
        "how do i download my linkedin data",
        "does claude use my chats for training",
        # "work" the verb, not a work account; a device, not every device.
        "does the chatgpt opt out work",
        "how do i turn off linkedin ai on my device",
        "how do i opt out of linkedin ai on the whole",
        # Words of two notes: messages (one note), the UK (another).
        "does linkedin use my messages in the uk",
        # A region no note names.
        "does linkedin ai training apply in india",
        # A day of the month is no note's date ("2024-09-20" has a 20 too).
        "what happened on nov 20 with linkedin",
        # A question about dates gets the dates above the steps, not a note as well.
        "when does linkedin start training on EU data",
        # Who asked, where the member works, what they want: no subject of a note that has the word by chance.
        "my manager asked me to do the linkedin thing",
        "my boss asked me to turn off linkedin ai training",
        "hr asked me to opt out of linkedin ai, where is it",
        "my employer asked me to turn off linkedin ai, does it apply to contractors",
        "i asked linkedin support about ai training, no answer",
        "my manager asked me to turn off gemini activity",
        "i'm looking for a job, should i turn off linkedin ai training",
        "my company wants me to turn off linkedin ai training, how?",
        "i work at microsoft, how do i opt out of linkedin ai training",
        "i work at microsoft, does copilot train on my chats",
        "my family uses facebook, how do i object to meta ai",
        "my friends told me to object to meta ai",
        # An everyday word in another sense than the note's: a type of data, not what you type; the reasons to opt out,
        # not LinkedIn's reasons to process; a group in the settings, not group messages; a profile that is public.
        "what type of data does linkedin use for ai training",
        "what are the reasons to turn off linkedin ai training",
        "is there a reason linkedin trains ai on my data",
        "does linkedin use my interests for ai training",
        "what tools does linkedin use for ai and how do i opt out",
        "what tools can i use to stop linkedin ai training",
        "linkedin generative ai setting, which group is it under in settings",
        "which linkedin group should i post in about the ai opt out",
        "my linkedin profile is public, is it used for ai training",
        # The note says "public profile" only in brackets, of how long deleting takes: not what it is about.
        "is my public profile used for linkedin ai training",
        "can i set linkedin to not train ai on my data",
        "can i press a button to stop linkedin ai training",
        "i read about it in the press, how do i stop linkedin ai training",
        "my linkedin is down, how do i turn off ai training",
        "can you give me the link to turn off linkedin ai training",
        "how do i request that linkedin stop ai training",
        "what's the source for the linkedin ai training news",
        # Mostly about what no note has: the messages note answers one thing of four.
        "does linkedin ai training use my private messages, endorsements, skills and connections",
    ],
)
def test_a_question_no_single_note_answers_gets_the_guide_as_before(ask: Callable[[str], str], question: str) -> None:
    shown = first_message(ask, question)
    assert ASKED not in shown


def test_the_guide_for_the_service_alone_is_unchanged(ask: Callable[[str], str]) -> None:
    assert ask("does linkedin use my private messages for ai training").count("Good to know") == 1
    plain = first_message(ask, "how do I opt out of LinkedIn AI training?")
    assert plain == first_message(ask, "linkedin ai training")
    assert LINKEDIN_MESSAGES in plain.split("Good to know", 1)[1]


def test_a_dm_and_the_slash_command_show_the_note_first(sender: SignedSender, slack: FakeSlack) -> None:
    question = "does linkedin use my private messages for ai training"
    for shown in (dm_answer(sender, slack, question), render(final_answer(sender, question, user_id=MEMBER)["blocks"])):
        assert ASKED in shown and shown.count(LINKEDIN_MESSAGES) == 1
        assert shown.index(ASKED) < shown.index("On desktop web")
