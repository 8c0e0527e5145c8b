"""What members type right after reading a guide in a DM: that they did it ("ok done", "done ✅", "i did it on my
phone"), to hear of it later ("remind me tomorrow"), or the steps again for their phone ("what about my phone",
"steps pls"). Each is about the guide they were just shown; each recorded status is one the member was told of."""

from __future__ import annotations

import pytest

from bot.core import Platform
from bot.local import payloads
from bot.local.fake_slack import FakeSlack
from bot.local.sender import SignedSender
from bot.local.workspace import GENERAL, MEMBER, TEAM_ID
from bot.slack.plaintext import render
from tests.conftest import Served
from tests.conftest import dm_answer as dm
from tests.conftest import dm_status as status

TITLE = "Stop LinkedIn using your data to train generative AI"
GUIDE = "how do i opt out of linkedin ai training"
RECORDED = f"Recorded {TITLE} as done"
LATER = f"OK, I'll remind you about {TITLE} by DM on"
APP_STEPS = "Steps on the app (iPhone, iPad or Android)"


# -- "ok done" ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "ok done",
        "okay, done",
        "Done!",
        "all done",
        "done, thanks",
        "done ✅",
        "done ✔️",
        "done ☑️",
        "ok did it",
        "yes, did it 👍🏽",
        "i did it on my phone",
        "already did it last year",
        "did it 👍 linkedin",
        "linkedin ai off ✅",
        # Slack sends the emoji of a message's text as shortcodes.
        "done :white_check_mark:",
        "done :heavy_check_mark:",
        "done :ballot_box_with_check:",
        "ok :+1: done",
        "did it :thumbsup::skin-tone-3:",
        "linkedin ai off :white_check_mark:",
        # A second audit: each said it was done and recorded nothing.
        "all set",
        "it's off now",
        "it was already off",
        "already had it off",
        "I had already opted out",
        "finally did it",
        "took care of it",
        "did that",
    ],
)
def test_saying_it_is_done_right_after_a_guide_records_that_guide(
    sender: SignedSender, slack: FakeSlack, typed: str
) -> None:
    # "You're welcome!" and nothing recorded: the member believed it was.
    assert_recorded_after_the_guide(sender, slack, typed)


def assert_recorded_after_the_guide(sender: SignedSender, slack: FakeSlack, typed: str) -> None:
    """`typed` right after the LinkedIn guide records it, with Undo, as `status` then shows."""
    dm(sender, slack, GUIDE)
    shown = dm(sender, slack, typed)
    assert RECORDED in shown and "Undo" in shown
    assert f"{TITLE} – done" in status(sender, slack)


def test_saying_it_is_done_with_no_guide_shown_asks_which_one(sender: SignedSender, slack: FakeSlack) -> None:
    for typed in ("ok done", "done ✅", "i did it on my phone", "already did it last year"):
        assert dm(sender, slack, typed) == "Which guide? For example `/privacy done linkedin`.\n"
    # A guide named needs no guide shown before.
    assert RECORDED in dm(sender, slack, "did it 👍 linkedin")


@pytest.mark.parametrize(
    ("typed", "platform"),
    [
        ("i did it on my iphone", Platform.IOS),
        ("did it on android", Platform.ANDROID),
        ("I opted out of linkedin on my laptop", Platform.DESKTOP),
        ("done on my phone", None),  # which phone it was is not said
    ],
)
def test_where_it_was_done_is_recorded_with_it(
    sender: SignedSender, slack: FakeSlack, served: Served, typed: str, platform: Platform | None
) -> None:
    dm(sender, slack, GUIDE)
    assert RECORDED in dm(sender, slack, typed)
    recording = served.services.recording
    recorded = recording.store.attestation_of(
        team_id=TEAM_ID, user_id=MEMBER, guide_id="linkedin-ai-training", now=recording.clock()
    )
    assert recorded is not None and recorded.platform == platform  # the manager's CSV has a platform column


@pytest.mark.parametrize(
    "typed",
    [
        "thanks",
        "ok",
        "ok thanks",
        "👍",
        "my boss did it",
        "not done",
        "ok not done",
        "not done yet ✅",
        "done with linkedin? no",
        "done? 🤔",
        "done 🤔",
        "did it ;)",
        "done :thinking_face:",
        "done :white_check_mark:?",
        "ok done with this",
        "done with my boss",
        "i did it on my old account",
        "did it last year, do i need to again",
        "already did it last year?",
        "my boss did it on his phone",
        "i turned it off on my phone number",
        "slack off ✅",
        "linkedin off 👍",
        "linkedin premium off ✅",
        # A device that is off is no setting turned off (a second audit found each recorded LinkedIn as done).
        "my phone is off",
        "my phone turned off",
        "phone off",
        "my laptop is off",
        "my iphone is switched off",
        "android off",
        "the app is off",
        # Asked, not said: a closing question mark.
        "doesn't apply?",
        "doesn't apply to me?",
        "I've opted out?",
        "opted out?",
        "done on my phone?",
        "done on my iphone too?",
        "done with linkedin?",
        "done linkedin?",
        "skip linkedin?",
        "so done.",
        "is it off now?",
        "it was off before but now it's on",
        "my phone had it off",
        "i had it off but it turned back on",
        "did that work?",
        "who took care of it",
    ],
)
def test_other_words_after_a_guide_record_nothing(sender: SignedSender, slack: FakeSlack, typed: str) -> None:
    dm(sender, slack, GUIDE)
    shown = dm(sender, slack, typed)
    assert "Recorded" not in shown and "Noted" not in shown
    assert f"{TITLE} – not done yet" in status(sender, slack)


def test_a_thanks_after_a_guide_is_still_welcomed(sender: SignedSender, slack: FakeSlack) -> None:
    dm(sender, slack, GUIDE)
    assert dm(sender, slack, "thanks").startswith("You're welcome!")


# -- "remind me tomorrow" -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "remind me tomorrow",
        "remind me next week pls",
        "can you remind me on friday",
        "snooze this for a week",
        "remind me later",
        "Remind me later, thanks!",
        "please remind me in 3 days",
        "snooze it",
    ],
)
def test_asking_to_be_reminded_right_after_a_guide_snoozes_that_guide(
    sender: SignedSender, slack: FakeSlack, typed: str
) -> None:
    dm(sender, slack, GUIDE)
    assert LATER in dm(sender, slack, typed)
    assert f"{TITLE} – reminder snoozed (until" in status(sender, slack)


def test_asking_to_be_reminded_with_no_guide_shown_asks_which_one(sender: SignedSender, slack: FakeSlack) -> None:
    for typed in ("remind me tomorrow", "snooze this for a week"):
        assert dm(sender, slack, typed) == "Which guide? For example `/privacy later linkedin`.\n"


@pytest.mark.parametrize(
    "typed",
    [
        "remind me tomorrow?",
        "remind me tomorrow to call mom",
        "dont remind me tomorrow",
        "remind my team tomorrow",
        "remind me",
        "remind me again",  # may be "tell me again"
        "snooze this for a week?",
        "can you remind me on friday 🤔",
        "remind me later?",
        "later linkedin?",
        "snooze linkedin?",
        "remind me of chatgpt",  # what it is
        "remind me about linkedin",  # no time named: the guide, with its *Remind me later*
        "remind me again about linkedin",
    ],
)
def test_other_words_near_a_reminder_request_snooze_nothing(sender: SignedSender, slack: FakeSlack, typed: str) -> None:
    dm(sender, slack, GUIDE)
    assert "I'll remind you about" not in dm(sender, slack, typed)
    assert "snoozed" not in status(sender, slack)


# -- "what about my phone" ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "steps"),
    [
        ("what about my phone", APP_STEPS),
        ("and on android?", "Steps on Android"),
        ("what about iphone", "Steps on iPhone"),
        ("on my laptop?", "Steps on desktop"),
        ("steps pls", "On desktop web"),
        ("link?", "On desktop web"),
        ("wait which setting", "On desktop web"),
        ("send me the steps again", "On desktop web"),
        ("steps for android pls", "Steps on Android"),
        # a second audit: each got "couldn't tell" or every guide to pick from
        ("remind me how to do it", "On desktop web"),
        ("can you remind me which setting", "On desktop web"),
        ("where do i click", "On desktop web"),
        ("ping me the link", "On desktop web"),
    ],
)
def test_a_follow_up_naming_only_a_device_or_the_steps_shows_the_guide_again(
    sender: SignedSender, slack: FakeSlack, typed: str, steps: str
) -> None:
    dm(sender, slack, GUIDE)
    shown = dm(sender, slack, typed)
    assert shown.startswith(TITLE)
    assert steps in shown


def test_my_phone_is_the_phone_the_member_named_before(sender: SignedSender, slack: FakeSlack) -> None:
    dm(sender, slack, "chatgpt on my iphone")  # remembered: an iPhone
    dm(sender, slack, GUIDE)
    shown = dm(sender, slack, "what about my phone")
    assert shown.startswith(TITLE) and "Steps on iPhone" in shown and APP_STEPS not in shown
    # A laptop named last is no phone: the app's steps, which are both phones'.
    dm(sender, slack, "how do i opt out of linkedin ai training on my laptop")
    assert APP_STEPS in dm(sender, slack, "what about my phone")


def test_a_follow_up_with_no_guide_shown_is_answered_as_before(sender: SignedSender, slack: FakeSlack) -> None:
    assert dm(sender, slack, "what about my phone").startswith("Which service is it about?")
    assert dm(sender, slack, "steps pls").startswith("I couldn't tell which guide")


@pytest.mark.parametrize(
    "typed",
    [
        "what about my phone number on linkedin",  # a question about data
        "what about my phone number",
        "what about my data?",
        "steps to delete my account?",
        "which setting is the best",
        "link my account",
    ],
)
def test_other_questions_after_a_guide_are_not_that_guide_again(
    sender: SignedSender, slack: FakeSlack, typed: str
) -> None:
    dm(sender, slack, GUIDE)
    assert not dm(sender, slack, typed).startswith(TITLE)


def test_a_device_named_with_another_service_is_that_services_guide(sender: SignedSender, slack: FakeSlack) -> None:
    dm(sender, slack, GUIDE)
    shown = dm(sender, slack, "what about chatgpt on my phone")
    assert shown.startswith("Stop ChatGPT")


def test_a_follow_up_in_a_channel_is_not_about_the_members_dm(sender: SignedSender, slack: FakeSlack) -> None:
    dm(sender, slack, GUIDE)
    before = len(slack.messages(GENERAL))
    assert sender.event(payloads.app_mention(user_id=MEMBER, text="what about my phone")).status == 200
    [answer] = [message for message in slack.messages(GENERAL)[before:] if message.thread_ts]
    # Everyone in the channel sees the answer: the guide the member read privately is not said there.
    assert render(answer.blocks).startswith("Which service is it about?")
