"""Questions about the bot itself, asked as a newcomer asks them ("what data do you store about me?", "does my
manager see this?", "is this legit?"), get a short true answer about what the bot keeps and who sees it, never
"I couldn't tell which guide"; and the same words about a service still get that service's guide."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from bot import strings
from bot.slack.commands import COMMANDS
from tests.guide_ids import AI, CHATGPT, CLAUDE, DOWNLOAD, GEMINI


@pytest.mark.parametrize(
    "text",
    [
        "what data do you store about me?",
        "what do you know about me",
        "what do you keep about me?",
        "privacy policy",
        "what's your privacy policy?",
        "who can see my answers?",
        "does my manager see this?",
        "can my boss see my status?",
        "is this bot storing what I say?",
        "who can see that I opted out?",
        "does this bot share my data with linkedin?",
        "do you share what i type with my manager?",
        "is this bot using my data",
    ],
)
def test_a_question_about_what_the_bot_keeps_gets_what_it_keeps_and_who_sees_it(
    ask: Callable[[str], str], text: str
) -> None:
    shown = ask(text)
    assert "I couldn't tell which guide" not in shown
    assert "Slack ID" in shown and "Never message text" in shown
    assert "managers see each member's name and status" in shown
    assert "/privacy forget-me" in shown
    # "Does this bot share my data with linkedin?" is answered, not only what is kept.
    assert "nothing about you goes to LinkedIn or any other service" in shown


@pytest.mark.parametrize(
    "text",
    ["does the bot read my DMs", "can you read my messages", "do you read my dms?", "does this bot read my chats"],
)
def test_asking_whether_the_bot_reads_ones_messages_gets_which_it_reads(ask: Callable[[str], str], text: str) -> None:
    shown = ask(text)
    assert "I couldn't tell which guide" not in shown
    # im:history and app_mentions:read: what is sent to it, never anyone's other conversations; no text is kept.
    assert "I read only what you send me" in shown and "Never message text" in shown


@pytest.mark.parametrize("text", ["does linkedin read my messages", "who can read my messages"])
def test_reading_messages_without_the_bot_named_is_not_about_the_bot(ask: Callable[[str], str], text: str) -> None:
    assert "I read only what you send me" not in ask(text)


@pytest.mark.parametrize(
    "text",
    [
        "is this legit?",
        "is this bot legit",
        "is this a scam?",
        "can i trust you?",
        "is it safe to click the link?",
        "is this link safe",
    ],
)
def test_asking_whether_the_bot_is_legit_gets_what_it_is(ask: Callable[[str], str], text: str) -> None:
    shown = ask(text)
    assert "I couldn't tell which guide" not in shown
    assert "never ask for a password" in shown
    assert "Slack ID" in shown


@pytest.mark.parametrize(
    "text",
    [
        "delete everything you know about me",
        "delete my data",
        "erase my data",
        "please remove all my data",
        "wipe all my info",
        "delete what you have on me",
    ],
)
def test_asking_to_delete_ones_data_points_to_forget_me_and_deletes_nothing(
    ask: Callable[[str], str], text: str
) -> None:
    shown = ask(text)
    assert "Gemini" not in shown and "I couldn't tell which guide" not in shown
    assert "/privacy forget-me" in shown
    assert "This deletes everything I store about you" not in shown  # the command's own question is not asked


@pytest.mark.parametrize(
    ("text", "guide"),
    [
        ("what does chatgpt know about me", CHATGPT),
        ("does gemini keep my chats", GEMINI),
        ("linkedin privacy policy", AI),
        ("is it safe to opt out of linkedin ai", AI),  # the guide says what opting out does
        ("who can see my linkedin posts", None),
        ("delete my linkedin data", None),
        ("does linkedin store my data", None),
        ("who can see that i opted out of linkedin", AI),
    ],
)
def test_the_same_words_about_a_service_are_still_about_the_service(
    ask_json: Callable[[str], dict[str, object]], text: str, guide: str | None
) -> None:
    answer = ask_json(text)
    assert answer["guide"] == guide
    assert "forget-me" not in str(answer["text"]) and "Never message text" not in str(answer["text"])


def test_the_help_says_that_managers_see_each_members_name_and_status(ask: Callable[[str], str]) -> None:
    shown = ask("help")
    assert "managers see each member's name and status" in shown
    assert strings.HELP_PRIVACY.split(".")[0] in shown


@pytest.mark.parametrize(
    "text",
    [
        "how do I stop getting these reminders?",
        "stop reminding me",
        "unsubscribe",
        "mute",
        "stop",
        "no more reminders please",
        "how do i turn off these notifications",
        # the bot's DMs in other words (an audit: each got "I couldn't tell which guide" with every guide)
        "how do i stop you DMing me",
        "stop messaging me",
        "stop sending me messages",
        "please stop pinging me",
        "can you stop texting me",
        # naming the guide the DMs are about (an audit: "no guide for that yet (LinkedIn)", "couldn't tell")
        "stop messaging me about linkedin",
        "can you stop pinging me about claude",
        "please stop dming me about chatgpt",
        "stop sending me messages about the linkedin thing",
        "no more reminders for grok please",
        # a second audit: "couldn't tell which guide"
        "please don't remind me again",
        "don't remind me tomorrow",
        "never remind me about linkedin",
    ],
)
def test_asking_how_to_stop_the_reminders_says_what_stops_them(ask: Callable[[str], str], text: str) -> None:
    shown = ask(text)
    assert "I couldn't tell which guide" not in shown
    # What Delivery really checks: a member who confirmed or said it doesn't apply is not pending, so no DM; a snooze
    # only moves the next one.
    assert "stop once you press I've opted out or Doesn't apply to me" in shown
    assert "Remind me later (`/privacy later <guide>`) pauses them" in shown


@pytest.mark.parametrize(
    ("text", "guide"),
    [
        ("stop linkedin reminders", AI),
        ("how do i stop linkedin using my data", AI),
        ("stop chatgpt training", CHATGPT),
        # what LinkedIn sends is LinkedIn's to stop: no guide for that yet, never the bot's reminders
        ("stop linkedin messaging me", None),
    ],
)
def test_stopping_a_service_is_still_its_guide(
    ask_json: Callable[[str], dict[str, object]], text: str, guide: str
) -> None:
    assert ask_json(text)["guide"] == guide


# Someone else's messages are not the bot's DMs (an audit: each got what stops the bot's reminders).
@pytest.mark.parametrize(
    "text",
    [
        "how do i stop my boss messaging me after hours",
        "how do i stop spam messages on my phone",
        "how do i stop my coworker messaging me",
        "stop notifications from linkedin",
        "how can i stop spam texts",
    ],
)
def test_stopping_someone_elses_messages_is_not_the_bots_reminders(ask: Callable[[str], str], text: str) -> None:
    assert "My reminder DMs about a guide stop" not in ask(text)


# What a manager asks for in words (an audit of `privacy-bot ask`): each got "I couldn't tell which guide" with every
# guide, "export the report as csv" the LinkedIn download guide, "start a campaign for linkedin in #general" "For
# LinkedIn, I only help with privacy settings". They get the manager commands that do it, said to be managers' only.
@pytest.mark.parametrize(
    "text",
    [
        "how many people opted out",
        "remind my team",
        "who hasn't done it",
        "show me the campaign report",
        "send a reminder to #engineering about linkedin",
        "start a campaign for linkedin in #general",
        "export the report as csv",
        "how many people in my team have opted out of linkedin",
        "can i see which of my reports did the linkedin opt out",
        "can you nudge everyone who hasn't opted out",
        "who still hasn't done the linkedin opt out?",
        "remind everyone about the chatgpt setting",
        "can I get a csv of who has done it",
        "how do i run a campaign",
    ],
)
def test_a_manager_request_in_words_points_to_the_manager_commands(ask: Callable[[str], str], text: str) -> None:
    shown = ask(text)
    assert "I couldn't tell which guide" not in shown and "I only help with privacy settings" not in shown
    assert "for the privacy team's managers" in shown
    assert "`/privacy report`" in shown and "`/privacy nudge <campaign>`" in shown
    assert "`/privacy campaign start <guide> <#channel|@group>`" in shown
    # Only commands that exist: each word after the command's name is one the table declares.
    named = set(re.findall(r"`/privacy ([^`\s]+)", shown))
    assert named and named <= {word for spec in COMMANDS for word in spec.words}


@pytest.mark.parametrize(
    ("text", "guide"),
    [
        ("remind me later about linkedin", None),  # the snooze it asks for: a recording, no guide shown
        ("who can see that i opted out of linkedin", AI),
        ("how many people use linkedin", None),
        ("how do i report a fake profile on linkedin", None),
        ("linkedin campaign manager ads tracking", None),
    ],
)
def test_a_members_own_question_in_those_words_is_not_a_manager_request(
    ask_json: Callable[[str], dict[str, object]], text: str, guide: str | None
) -> None:
    answer = ask_json(text)
    assert answer["guide"] == guide
    assert "for the privacy team's managers" not in str(answer["text"])


# An audit: each of these got the manager commands, from "campaign" or "csv" anywhere, "a report", a group word
# anywhere beside reminding, "who" beside "did". A manager's request acts on the bot's campaigns and reports or on
# this workspace's people; what a named service does or sends ("linkedin keeps reminding people", "who did meta sell
# my data to", "the report linkedin sends") is about that service, and reminding oneself is the member's own. Each
# gets what it got before that line existed (None: "couldn't tell" or "no guide for that yet").
@pytest.mark.parametrize(
    ("text", "guide"),
    [
        ("remind me to tell my team about the claude setting", CLAUDE),
        ("my team lead said to remind me about linkedin", None),
        ("there's a bug, where's the report form", None),
        ("how do i file a report with the ico about linkedin ai training", AI),
        ("linkedin ad campaign data, is it used for ai training", AI),
        ("our linkedin marketing campaign data, is it used for ai training", AI),
        ("is the linkedin data download a csv file", DOWNLOAD),
        ("how many people opted out of linkedin ai training worldwide", AI),
        ("who did linkedin share my data with", AI),
        ("who did linkedin sell my data to for ai training", AI),
        ("who did chatgpt share my chats with for training", CHATGPT),
        ("who did meta sell my data to", None),
        ("how many members has linkedin done this to", None),
        ("i got a report from linkedin saying my data was used for ai", None),
        ("i run a campaign on facebook, does meta train ai on it", None),
        ("how do i export my linkedin connections as a csv", None),
        ("does chatgpt export my chats as a csv", None),
        ("who finished the linkedin download, me or not?", None),
        ("show me the report linkedin sends about my data", None),
        ("how do i stop linkedin reminding everyone about my work anniversary", None),
        ("linkedin keeps reminding people about my birthday", None),
        ("does linkedin remind my colleagues about my birthday", None),
    ],
)
def test_what_a_service_does_or_the_member_does_is_not_a_manager_request(
    ask_json: Callable[[str], dict[str, object]], text: str, guide: str | None
) -> None:
    answer = ask_json(text)
    assert "for the privacy team's managers" not in str(answer["text"])
    assert answer["guide"] == guide


# ... while the same words acting on this workspace's people or on the bot's campaigns are still a manager's request.
@pytest.mark.parametrize(
    "text",
    [
        "remind the whole team about the linkedin setting",
        "ping #general about the claude opt out",
        "how many of my colleagues did the chatgpt opt out",
        "who here hasn't done the linkedin thing yet",
        "start a reminder campaign for chatgpt",
        "can you send everyone a reminder about linkedin",
    ],
)
def test_a_managers_request_naming_a_service_as_its_topic_is_still_one(ask: Callable[[str], str], text: str) -> None:
    assert "for the privacy team's managers" in ask(text)


# "Are you an AI" was read as a question about AI training ("Which service?" and 15 guides).
@pytest.mark.parametrize(
    "text",
    [
        "are you an AI",
        "are you a bot",
        "is this automated",
        "are you a person?",
        "am i talking to a bot",
        "r u human",
        # an AI service named as what the bot might be (an audit: the ChatGPT or Claude guide, or "couldn't tell")
        "are you chatgpt",
        "are u chatgpt?",
        "are you claude?",
        "r u gemini",
        "are you a chatgpt bot",
        "is this bot using ai to read my messages",
        "are you using ai to answer me",
        "do you use claude",
    ],
)
def test_asking_what_the_bot_is_says_it_is_a_bot_answering_from_its_guides(
    ask: Callable[[str], str], text: str
) -> None:
    shown = ask(text)
    assert "Which service?" not in shown and "I couldn't tell which guide" not in shown
    assert "a bot this workspace runs" in shown and "I answer from my guides" in shown
    assert "nothing you type goes to an AI service" in shown


@pytest.mark.parametrize(
    "text",
    [
        "thank you bot",
        "is this ai training",
        "ai",
        "is chatgpt training on my chats",
        "are you on chatgpt plus",
        "is this linkedin",
        "can i use chatgpt for this",
        "does linkedin use ai on this",
    ],
)
def test_thanks_or_ai_training_is_not_asking_what_the_bot_is(ask: Callable[[str], str], text: str) -> None:
    assert "a bot this workspace runs" not in ask(text)
