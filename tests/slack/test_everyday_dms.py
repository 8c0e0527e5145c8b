"""What a newcomer types in a DM when they do not know the bot's words yet: a command with the bot's name before it
("privacy status"), a question about the bot itself, how to stop the reminders, their status in other words, a
slipped command. Sent as Slack sends a DM, answered as the member meant it."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.local import payloads
from bot.local.fake_slack import FakeSlack
from bot.local.sender import SignedSender
from bot.local.workspace import GENERAL, MEMBER
from bot.slack.plaintext import render
from tests.conftest import SettableClock, dm_answer

TITLE = "Stop LinkedIn using your data to train generative AI"


dm = dm_answer


def mention(sender: SignedSender, slack: FakeSlack, text: str) -> str:
    """What the bot answers an @mention in #general with, in its thread, as plain text."""
    before = len(slack.messages(GENERAL))
    assert sender.event(payloads.app_mention(user_id=MEMBER, text=text)).status == 200
    answers = [message for message in slack.messages(GENERAL)[before:] if message.thread_ts]
    assert len(answers) == 1
    return render(answers[0].blocks)


# -- a command typed with the bot's name before it ------------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["privacy", "/privacy", "Privacy"])
def test_a_command_typed_after_the_bots_name_is_that_command(
    sender: SignedSender, slack: FakeSlack, prefix: str
) -> None:
    done = dm(sender, slack, f"{prefix} done linkedin")
    assert f"Recorded {TITLE} as done" in done
    status = dm(sender, slack, f"{prefix} status")
    assert status.startswith("Your privacy to-dos")
    assert f"{TITLE} – done" in status
    assert dm(sender, slack, f"{prefix} help").startswith("Privacy Reminder Bot")
    assert dm(sender, slack, f"{prefix} forget-me").startswith("This deletes everything I store about you")


def test_the_bots_name_alone_is_the_help(sender: SignedSender, slack: FakeSlack) -> None:
    assert dm(sender, slack, "/privacy").startswith("Privacy Reminder Bot")
    assert dm(sender, slack, "privacy").startswith("Privacy Reminder Bot")


def test_a_personal_command_after_a_mention_is_still_answered_in_private(
    sender: SignedSender, slack: FakeSlack
) -> None:
    shown = mention(sender, slack, "/privacy status")
    assert shown.startswith("That's personal")
    assert mention(sender, slack, "privacy status").startswith("That's personal")


def test_privacy_before_a_question_is_still_the_question(sender: SignedSender, slack: FakeSlack) -> None:
    assert dm(sender, slack, "privacy settings linkedin").startswith(TITLE)
    assert dm(sender, slack, "/privacy how do i opt out of linkedin ai").startswith(TITLE)


# -- questions about the bot itself ---------------------------------------------------------------------------------


def test_delete_my_data_by_slash_command_points_to_forget_me_and_keeps_the_status(
    sender: SignedSender, slack: FakeSlack
) -> None:
    dm(sender, slack, "done linkedin")
    for text in ("delete my data", "delete everything you know about me"):
        shown = sender.slash_command(text=text, user_id=MEMBER).json()["text"]
        assert "`/privacy forget-me`" in shown and "Gemini" not in shown
    assert f"{TITLE} – done" in dm(sender, slack, "status")


def test_who_sees_my_answers_is_answered_in_a_dm_and_in_a_channel(sender: SignedSender, slack: FakeSlack) -> None:
    for shown in (dm(sender, slack, "who can see my answers?"), mention(sender, slack, "does my manager see this?")):
        assert "managers see each member's name and status" in shown


# -- the reminders ----------------------------------------------------------------------------------------------------


def test_stop_reminding_me_says_what_stops_the_reminders_and_records_nothing(
    sender: SignedSender, slack: FakeSlack
) -> None:
    shown = dm(sender, slack, "stop reminding me")
    assert "stop once you press I've opted out or Doesn't apply to me" in shown
    assert f"{TITLE} – not done yet" in dm(sender, slack, "status")


# -- the status in other words ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "my status please",
        "my status pls",
        "status please",
        "todo",
        "to-do list",
        "my todo list",
        "what's left?",
        "where do I stand",
        "show my progress",
        "what do I still need to do?",
        "am I done?",
    ],
)
def test_asking_for_my_status_in_everyday_words_gets_the_status(
    sender: SignedSender, slack: FakeSlack, text: str
) -> None:
    dm(sender, slack, "done linkedin")
    shown = dm(sender, slack, text)
    assert shown.startswith("Your privacy to-dos")
    assert f"{TITLE} – done" in shown


@pytest.mark.parametrize(
    "text",
    [
        "what do i still need to do to opt out of linkedin ai?",
        "where do i stand with linkedin ai training",
    ],
)
def test_a_guide_question_in_those_words_still_gets_the_guide(
    sender: SignedSender, slack: FakeSlack, text: str
) -> None:
    assert dm(sender, slack, text).startswith(TITLE)


# -- slips ------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("hepl", "help"), ("halp", "help"), ("hlep", "help"), ("forgt-me", "forget-me"), ("forgetme", None)],
)
def test_a_slip_of_a_command_typed_alone_asks_did_you_mean(sender: SignedSender, typed: str, meant: str | None) -> None:
    shown = sender.slash_command(text=typed, user_id=MEMBER).json()["text"]
    if meant is None:  # a spelling of the command itself: the command
        assert shown.startswith("This deletes everything I store about you")
    else:
        assert shown == f"Did you mean `/privacy {meant}`?"


@pytest.mark.parametrize(("typed", "meant"), [("skp linkedin", "skip linkedin"), ("dnoe linkedin", "done linkedin")])
def test_a_slipped_recording_verb_before_a_guide_asks_did_you_mean_and_records_nothing(
    sender: SignedSender, slack: FakeSlack, typed: str, meant: str
) -> None:
    shown = dm(sender, slack, typed)
    assert shown.startswith(f"Did you mean `/privacy {meant}`?")
    assert "I only help with privacy settings" not in shown
    assert f"{TITLE} – not done yet" in dm(sender, slack, "status")


@pytest.mark.parametrize(
    ("typed", "steps"),
    [("linkedin ipone", "iPhone/iPad app"), ("linkedin androd", "Android app"), ("linkedin andriod", "Android app")],
)
def test_a_slipped_phone_is_that_phone(sender: SignedSender, slack: FakeSlack, typed: str, steps: str) -> None:
    shown = dm(sender, slack, typed)
    assert shown.startswith(TITLE)
    assert f"Steps on {steps}" in shown


# -- a reason typed after the guide's name --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "skip linkedin I dont have an account",
        "skip linkedin, I don't have a LinkedIn account",
        "skip linkedin no account",
        "skip linkedin i don't use it",
        "n/a linkedin not on linkedin",
    ],
)
def test_a_known_reason_after_the_guide_is_recorded_and_not_asked_again(
    sender: SignedSender, slack: FakeSlack, typed: str
) -> None:
    shown = dm(sender, slack, typed)
    assert f"Noted: {TITLE} doesn't apply to you – no account (recorded" in shown
    assert "Why doesn't it apply?" not in shown
    assert f"{TITLE} – doesn't apply" in dm(sender, slack, "status")


def test_a_region_reason_is_recorded_where_the_guide_has_regions(sender: SignedSender, slack: FakeSlack) -> None:
    shown = dm(sender, slack, "skip meta I'm not in the EU")
    assert "doesn't apply to you – not in a region where it applies (recorded" in shown
    assert "Why doesn't it apply?" not in shown


@pytest.mark.parametrize(
    "typed",
    [
        "skip linkedin because reasons",
        "skip linkedin I'm not in the EU",
        "skip linkedin",
        # Not having or using something else is no "no account".
        "skip linkedin i dont have time",
        "skip linkedin I don't use it for work",
        "skip linkedin i dont have premium",
    ],
)
def test_no_known_reason_still_asks_why(sender: SignedSender, slack: FakeSlack, typed: str) -> None:
    # LinkedIn trains on members' data in every region: a region is no reason it has.
    shown = dm(sender, slack, typed)
    assert f"Noted: {TITLE} doesn't apply to you (recorded" in shown
    assert "Why doesn't it apply?" in shown


# -- what the member did, said in their own words ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "I've opted out of linkedin",
        "i opted out of linkedin ai",
        "I have turned off linkedin ai training",
        "i already switched off linkedin ai",
        "i've opted out of linkedin!",
    ],
)
def test_saying_i_opted_out_of_a_guide_records_it_as_done(sender: SignedSender, slack: FakeSlack, typed: str) -> None:
    shown = dm(sender, slack, typed)
    assert f"Recorded {TITLE} as done" in shown
    assert "Undo" in shown
    assert f"{TITLE} – done" in dm(sender, slack, "status")


@pytest.mark.parametrize(
    "typed",
    [
        "i dont have linkedin",
        "I don't have a LinkedIn account",
        "i'm not on linkedin",
        "i dont have an account on linkedin",
    ],
)
def test_saying_i_dont_have_the_service_records_doesnt_apply_with_no_account(
    sender: SignedSender, slack: FakeSlack, typed: str
) -> None:
    shown = dm(sender, slack, typed)
    assert f"Noted: {TITLE} doesn't apply to you – no account (recorded" in shown
    assert "Undo" in shown


CHATGPT = "Stop ChatGPT using your chats to train OpenAI's models"


@pytest.mark.parametrize(
    ("typed", "title"),
    [
        # Without the "I": a reply to "have you opted out yet?".
        ("turned off linkedin ai training", TITLE),
        ("opted out of linkedin already", TITLE),
        # The particle after what was turned off.
        ("i turned chatgpt training off", CHATGPT),
        ("i switched linkedin data sharing off", TITLE),
        ("I turned the LinkedIn AI setting off", TITLE),
        # The service's name with one slip, as the guide's answer reads it.
        ("i opted out of linkdin", TITLE),
        ("I turned off chatgtp training", CHATGPT),
        ("i turned off linkedin's ai training", TITLE),
        ("I've opted out of LinkedIn, thanks!", TITLE),
    ],
)
def test_saying_what_i_did_in_other_everyday_words_records_it_as_done(
    sender: SignedSender, slack: FakeSlack, typed: str, title: str
) -> None:
    shown = dm(sender, slack, typed)
    assert f"Recorded {title} as done" in shown
    assert f"{title} – done" in dm(sender, slack, "status all")


def test_saying_i_havent_opted_out_yet_gets_the_steps_and_records_nothing(
    sender: SignedSender, slack: FakeSlack
) -> None:
    for typed in ("I haven't opted out of linkedin yet", "i havent turned off linkedin ai training"):
        shown = dm(sender, slack, typed)
        assert shown.startswith(TITLE)
        assert "On desktop web" in shown
        assert "Recorded" not in shown and "Noted" not in shown
    assert f"{TITLE} – not done yet" in dm(sender, slack, "status")


def test_saying_i_turned_it_off_with_no_guide_asks_which_guide(sender: SignedSender, slack: FakeSlack) -> None:
    # No guide shown to this member lately: the command, with the guide named, is one line away.
    assert dm(sender, slack, "i turned it off") == "Which guide? For example `/privacy done linkedin`.\n"


def test_i_turned_it_off_right_after_a_guide_records_that_guide_with_its_undo(
    sender: SignedSender, slack: FakeSlack, clock: SettableClock
) -> None:
    # It asked "Which guide?" of a member who had the guide's steps in front of them.
    dm(sender, slack, "how do i stop chatgpt training on my chats")
    shown = dm(sender, slack, "i turned it off")
    assert "Recorded Stop ChatGPT using your chats to train OpenAI's models as done" in shown and "Undo" in shown
    # An hour on, "it" is no longer the guide they just read.
    dm(sender, slack, "linkedin")
    clock.set(clock() + timedelta(hours=1, minutes=1))
    assert dm(sender, slack, "i did it").startswith("Which guide?")
    assert "Stop LinkedIn using your data to train generative AI – done" not in dm(sender, slack, "status all")


@pytest.mark.parametrize(
    "typed",
    [
        "how do I opt out of linkedin ai",
        "I want to opt out of linkedin ai",
        "i will opt out of linkedin ai",
        "i need to turn off linkedin ai training",
        "have i opted out of linkedin ai?",
        "i opted out of linkedin ai, is it still training on my data?",
        "I don't have a linkedin account, can they still use my data?",
        "i dont have time",
        # Naming the service is not enough: the rest says something else of it.
        "I don't have linkedin premium",
        "i dont have the linkedin app",
        "i'm not on linkedin much",
        "i don't have time for linkedin",
        "I opted out of linkedin but it still shows on",
        "i turned off linkedin notifications",
        # From an audit of 158 such messages, of which 74 recorded before the rest had to be the service's name.
        "i opted out of linkedin, right",
        "I opted out of linkedin will i lose features",
        "I turned off chatgpt training but not on my phone",
        "I've opted out of linkedin lol jk",
        "i opted out of linkedin and then opted back in",
        "I objected to meta's terms",
        "i did it for chatgpt? no wait",
        "I don't have linkedin yet",
        "i dont have linkedin but i will make one",
        "I don't have the setting in linkedin",
        # Near misses of the everyday words above: none says the member did it, or lacks the service.
        "did i opt out of linkedin?",
        "did i opt out of linkedin",
        "should i turn linkedin off?",
        "should i turn off linkedin ai training",
        "my boss turned linkedin off",
        "my boss turned off linkedin ai training",
        "he opted out of linkedin",
        "we turned off linkedin ai training",
        "i turned it off and on again",
        "i turned linkedin off and on again",
        "i turned off linkedin ai training and then turned it back on",
        "if i opt out of linkedin will i lose anything",
        "if i opted out of linkedin, does it delete my data",
        "i wanted to opt out of linkedin",
        "i wanted to opt out of linkedin but couldnt find it",
        "i tried to turn off linkedin ai training",
        "I haven't opted out of linkedin",
        "i have not turned off linkedin ai training",
        "i never opted out of linkedin",
        "i didnt opt out of linkedin",
        "not opted out of linkedin yet",
        "opted out of linkedin?",
        "turned off linkedin ai training?",
        "turned off linkedin ai training, now what",
        "i turned off linkedin ai training for my team",
        "i opted out of linkedin last year, do i need to again",
        "i opted out of linkedin ads",
        "i turned linkedin notifications off",
        "i switched linkedin dark mode off",
        "I turned chatgpt memory off",
        "i turned off linkedin for my kids",
        "turned off linkedin messages",
        "i opted out of linking",
        "i opted out of linkedin premium",
        "i disabled my linkedin account",
        "I turned off my linkedin account",
        "i dont have linkedin ai training",
        "i dont have linkdin premium",
        "i opted out of linkedin not",
        "opted out of linkedin lol jk",
        "i turned off stack",
        # Words that are LinkedIn's other guide, a copy of one's data: nothing is opted out of by getting it.
        "i turned off my linkedin data",
        "i opted out of my linkedin data",
        "disabled linkedin data",
        # Unsure, or about some of it only.
        "i think i opted out of linkedin",
        "i opted out of linkedin i think",
        "maybe i opted out of linkedin",
        "not sure if i opted out of linkedin",
        "i couldnt turn off linkedin ai training",
        "i opted out of all but linkedin",
        "i opted out of chatgpt not linkedin",
        "i opted out of linkedin on my old account",
        "i dont have linkedin on my phone",
        # An audit of the everyday forms: a question mark before a thanks or an emoji, another language's "not",
        # logging off, a question in a statement's words, what lies past the words read, a mark that is not "?".
        "opted out of linkedin? thanks!",
        "i opted out of linkedin? thx",
        "i opted out of linkedin?? thanks please",
        "i turned off chatgpt training? pls",
        "i opted out of linkedin?\n",
        "i opted out of linkedin？",
        "i opted out of linkedin؟",
        "i opted out of linkedin? 🤔",
        "i opted out of linkedin ;)",
        "i opted out of linkedin :(",
        "i opted out of linkedin?)",
        "i turned off linkedin ki nicht",
        "i opted out of linkedin ia? no",
        "im not on linkedin today",
        "i dont use linkedin today",
        "i turned off slack today",
        "i turned slack off",
        "i turned zoom off",
        "i turned off slack yesterday",
        "switched off x",
        "i opted out of linkedin, am i",
        "i opted out of linkedin, do i",
        "i turned off linkedin ai training, does it",
        "i opted out of linkedin really",
        "i opted out of linkedin, any",
        "i opted out of linkedin at all",
        "i opted out of linkedin there",
        "i opted out of linkedin, this one",
        "i opted out of linkedin " + "ai " * 340 + "not really",
        # An account unused is still an account, trained on unless switched off: not "doesn't apply".
        "i don't use linkedin",
        "i never use linkedin",
        "i dont use linkedin anymore",
    ],
)
def test_a_question_or_a_plan_in_those_words_records_nothing(
    sender: SignedSender, slack: FakeSlack, typed: str
) -> None:
    shown = dm(sender, slack, typed)
    assert "Recorded" not in shown and "Noted" not in shown
    status = dm(sender, slack, "status all")
    assert "– done" not in status and "doesn't apply" not in status
