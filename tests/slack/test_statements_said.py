"""What members said in a fresh audit of the statements, with what each got: a device switched off recorded LinkedIn,
"did this last week" recorded nothing, "done for the day" was told of an unknown guide. Each recorded status is one
the member said; when in doubt, nothing is recorded."""

from __future__ import annotations

import pytest

from bot.local.fake_slack import FakeSlack
from bot.local.sender import SignedSender
from bot.local.workspace import MEMBER
from bot.slack.plaintext import buttons, render
from tests.conftest import dm_answer as dm
from tests.conftest import dm_status as status
from tests.slack.test_after_a_guide import GUIDE, RECORDED, TITLE, assert_recorded_after_the_guide

CHATGPT = "Stop ChatGPT using your chats to train OpenAI's models"
GRAMMARLY = "Turn off Grammarly's Product Improvement and Training"


# -- 1. never a record of what was not said -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "i turned off my phone",
        "turned off my laptop",
        "i switched off my iphone",
        "my wifi is off",
        "switched off notifications",
        "i turned off my alarm",
    ],
)
def test_a_device_or_anything_else_switched_off_after_a_guide_records_nothing(
    sender: SignedSender, slack: FakeSlack, typed: str
) -> None:
    dm(sender, slack, GUIDE)
    shown = dm(sender, slack, typed)
    assert "Recorded" not in shown and "Which guide?" not in shown
    assert f"{TITLE} – not done yet" in status(sender, slack)


@pytest.mark.parametrize("typed", ["i turned off my phone", "turned off my laptop", "my wifi is off"])
def test_a_device_switched_off_with_no_guide_shown_is_not_asked_which_guide(
    sender: SignedSender, slack: FakeSlack, typed: str
) -> None:
    # "Which guide? For example `/privacy done linkedin`" took it for a statement of what was done.
    assert "Which guide?" not in dm(sender, slack, typed)


@pytest.mark.parametrize("typed", ["grammarly training off", "linkedin ai training off", "chatgpt training off"])
def test_a_service_and_its_setting_off_as_a_first_message_is_a_search_for_its_guide(
    sender: SignedSender, slack: FakeSlack, typed: str
) -> None:
    shown = dm(sender, slack, typed)
    assert "Recorded" not in shown
    assert "– done" not in status(sender, slack)


def test_grammarly_training_off_shows_the_grammarly_guide(sender: SignedSender, slack: FakeSlack) -> None:
    assert dm(sender, slack, "grammarly training off").startswith(GRAMMARLY)


@pytest.mark.parametrize(
    "typed", ["i turned grammarly training off", "grammarly training is off", "grammarly training off ✅"]
)
def test_a_setting_said_to_be_off_by_its_member_is_still_recorded(
    sender: SignedSender, slack: FakeSlack, typed: str
) -> None:
    assert f"Recorded {GRAMMARLY} as done" in dm(sender, slack, typed)


# -- 2. what was clearly said is recorded ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "did this last week",
        "i already turned it off months ago",
        "I've done it yesterday evening",
        "the toggle is already off",
        "it was off already lol",
        "found it, done",
        "ok fine, done",
        "ok I did it. thanks a lot for the help, very useful",
        "yes i have make it off",
        "i has turned off it",
    ],
)
def test_saying_it_is_done_in_other_words_right_after_a_guide_records_that_guide(
    sender: SignedSender, slack: FakeSlack, typed: str
) -> None:
    assert_recorded_after_the_guide(sender, slack, typed)


def test_not_applicable_in_words_is_doesnt_apply(sender: SignedSender, slack: FakeSlack) -> None:
    dm(sender, slack, GUIDE)
    assert f"Noted: {TITLE} doesn't apply to you" in dm(sender, slack, "not applicable")


@pytest.mark.parametrize(
    ("shown_first", "typed"),
    [
        ("", "i have no linkedin account lol"),
        ("", "never had a linkedin"),
        ("", "deleted my linkedin years ago"),
        (GUIDE, "i have no linkedin account lol"),
        (GUIDE, "I closed my account last year"),
        (GUIDE, "i deleted my account"),
    ],
)
def test_having_no_account_in_other_words_records_no_account(
    sender: SignedSender, slack: FakeSlack, shown_first: str, typed: str
) -> None:
    if shown_first:
        dm(sender, slack, shown_first)
    assert f"Noted: {TITLE} doesn't apply to you – no account" in dm(sender, slack, typed)


def test_never_used_chatgpt_after_its_guide_records_no_account(sender: SignedSender, slack: FakeSlack) -> None:
    dm(sender, slack, "/privacy chatgpt")
    shown = dm(sender, slack, "never used chatgpt")
    assert "Noted: Stop ChatGPT using your chats to train OpenAI's models doesn't apply to you – no account" in shown


@pytest.mark.parametrize("typed", ["i dont use linkedin", "i closed the app", "deleted my linkedin data"])
def test_an_account_unused_or_something_else_closed_is_no_lack_of_an_account(
    sender: SignedSender, slack: FakeSlack, typed: str
) -> None:
    dm(sender, slack, GUIDE)
    assert "no account (recorded" not in dm(sender, slack, typed)


def test_done_but_unsure_it_was_saved_is_recorded_and_told_how_to_tell(sender: SignedSender, slack: FakeSlack) -> None:
    dm(sender, slack, GUIDE)
    shown = dm(sender, slack, "I have done the steps but i am not sure if it is saved")
    assert RECORDED in shown and "Undo" in shown
    assert "I can't see your settings" in shown


def test_a_service_named_with_did_is_recorded_with_no_guide_shown(sender: SignedSender, slack: FakeSlack) -> None:
    assert RECORDED in dm(sender, slack, "i did linkedin yesterday")


def test_done_and_what_was_done_after_the_meta_guide_records_meta(sender: SignedSender, slack: FakeSlack) -> None:
    dm(sender, slack, "/privacy meta")
    assert "Recorded Object to Meta AI training" in dm(sender, slack, "done, submitted the form")


# -- 3. putting it off ----------------------------------------------------------------------------------------------

LATER = f"OK, I'll remind you about {TITLE} by DM on"


@pytest.mark.parametrize(
    "typed",
    [
        "maybe later",
        "i'll do it later",
        "busy rn, later",
        "snooze pls",
        "later pls",
        "snooze 1 week",
        "ask me tomorrow",
        "remind me friday",
    ],
)
def test_putting_it_off_right_after_a_guide_snoozes_that_guide(
    sender: SignedSender, slack: FakeSlack, typed: str
) -> None:
    dm(sender, slack, GUIDE)
    assert LATER in dm(sender, slack, typed)
    assert f"{TITLE} – reminder snoozed (until" in status(sender, slack)


def test_remind_me_about_a_guide_on_a_weekday_snoozes_it(sender: SignedSender, slack: FakeSlack) -> None:
    assert LATER in dm(sender, slack, "remind me about linkedin friday")


@pytest.mark.parametrize("typed", ["not now", "not today", "can't right now, in a meeting"])
def test_not_now_after_a_guide_says_in_one_line_how_to_hear_of_it_later(
    sender: SignedSender, slack: FakeSlack, typed: str
) -> None:
    dm(sender, slack, GUIDE)
    shown = dm(sender, slack, typed)
    # Not the whole help, and nothing snoozed the member did not ask for.
    assert shown.count("\n") == 1, shown
    assert "Remind me later" in shown and "`/privacy later linkedin`" in shown and "Doesn't apply to me" in shown
    assert f"brings {TITLE} back on" in shown
    assert "snoozed" not in status(sender, slack)


def test_not_now_with_no_guide_shown_is_not_about_a_guide(sender: SignedSender, slack: FakeSlack) -> None:
    assert "Remind me later" not in dm(sender, slack, "not now")


# -- 4. a record word before other words ----------------------------------------------------------------------------

NOT_A_GUIDE = "Nothing recorded: I only keep track of privacy guides."


@pytest.mark.parametrize(
    ("typed", "example"),
    [
        ("done for the day", "`/privacy done linkedin`"),
        ("done for today, bye", "`/privacy done linkedin`"),
        ("done with this meeting", "`/privacy done linkedin`"),
        ("i'm done for the day", "`/privacy done linkedin`"),
        ("snooze my alarm", "`/privacy later linkedin`"),
    ],
)
def test_a_record_word_before_everyday_words_records_nothing_and_says_so_in_one_line(
    sender: SignedSender, slack: FakeSlack, typed: str, example: str
) -> None:
    dm(sender, slack, GUIDE)  # not "the guide last shown": words follow the record word
    shown = dm(sender, slack, typed)
    assert shown.startswith(NOT_A_GUIDE) and example in shown and shown.count("\n") == 1
    assert "I don't know the guide" not in shown
    assert f"{TITLE} – not done yet" in status(sender, slack)


@pytest.mark.parametrize("typed", ["done linkdn", "done grammerly"])
def test_a_record_word_before_a_misspelt_guide_still_records_it(
    sender: SignedSender, slack: FakeSlack, typed: str
) -> None:
    assert "Recorded" in dm(sender, slack, typed)


def test_a_record_word_before_an_unknown_name_still_says_it_is_no_guide(sender: SignedSender, slack: FakeSlack) -> None:
    assert dm(sender, slack, "done foobar").startswith("I don't know the guide “foobar”")


def test_a_password_after_a_record_word_is_still_not_quoted_back(sender: SignedSender, slack: FakeSlack) -> None:
    shown = dm(sender, slack, "done my password is hunter2")
    assert "hunter2" not in shown and NOT_A_GUIDE not in shown


# -- 5. asked what was recorded -------------------------------------------------------------------------------------

NOTHING_YET = f"Nothing recorded yet for {TITLE}."


@pytest.mark.parametrize(
    "typed",
    [
        "did it record linkedin",
        "did you record that i did linkedin",
        "have i done linkedin?",
        "is linkedin recorded",
        "is linkedin recorded?",
        "has linkedin been recorded",
        "is my linkedin recorded",
    ],
)
def test_asked_whether_a_guide_was_recorded_with_nothing_recorded_says_so_with_the_buttons(
    sender: SignedSender, slack: FakeSlack, typed: str
) -> None:
    shown = dm(sender, slack, typed)
    # "I have no guide for that yet (LinkedIn)" was false.
    assert shown.startswith(NOTHING_YET) and "I've opted out" in shown and "Doesn't apply to me" in shown
    assert "no guide for that" not in shown


@pytest.mark.parametrize(
    "typed", ["did it record linkedin", "did it record that?", "have i done linkedin?", "is it recorded?"]
)
def test_asked_right_after_a_record_says_what_is_recorded_with_undo(
    sender: SignedSender, slack: FakeSlack, typed: str
) -> None:
    dm(sender, slack, GUIDE)
    dm(sender, slack, "ok done")
    shown = dm(sender, slack, typed)
    assert shown.startswith(f"[x] You recorded {TITLE} as done on") and "Undo" in shown


def test_saying_it_was_done_and_asking_whether_it_was_recorded_answers_what_is(
    sender: SignedSender, slack: FakeSlack
) -> None:
    dm(sender, slack, GUIDE)
    assert dm(sender, slack, "i did it already, did you record it?").startswith(NOTHING_YET)


def test_asked_whether_another_guide_is_recorded_names_that_guide(sender: SignedSender, slack: FakeSlack) -> None:
    # "I have no guide for that yet (ChatGPT)" was false: the guide is there, with nothing recorded for it.
    shown = dm(sender, slack, "is chatgpt recorded?")
    assert shown.startswith(f"Nothing recorded yet for {CHATGPT}.") and "I've opted out" in shown


@pytest.mark.parametrize("typed", ["did you get my data from linkedin", "have i done everything"])
def test_other_questions_like_it_are_not_about_what_is_recorded(
    sender: SignedSender, slack: FakeSlack, typed: str
) -> None:
    assert "Nothing recorded yet" not in dm(sender, slack, typed)


# -- 6. taking it back in words -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("said", "typed"),
    [
        ("ok done", "oops undo that"),
        ("ok done", "wait no, i haven't actually done it"),
        ("i don't have linkedin", "actually i do, undo"),
    ],
)
def test_taking_a_record_back_in_words_undoes_it(sender: SignedSender, slack: FakeSlack, said: str, typed: str) -> None:
    dm(sender, slack, GUIDE)
    dm(sender, slack, said)
    assert dm(sender, slack, typed).startswith(f"Undone: {TITLE} is back to not done yet.")
    assert f"{TITLE} – not done yet" in status(sender, slack)


@pytest.mark.parametrize("typed", ["i clicked the wrong button", "i pressed opted out by mistake"])
def test_a_wrong_click_in_words_is_told_how_to_undo_it(sender: SignedSender, slack: FakeSlack, typed: str) -> None:
    shown = dm(sender, slack, typed)
    assert "Undo" in shown and "`/privacy undo linkedin`" in shown and shown.count("\n") == 1


# -- 7. several services in one statement ---------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["opted out linkedin + chatgpt", "i turned off linkedin and chatgpt training"])
def test_several_services_said_done_are_each_recorded_with_undo(
    sender: SignedSender, slack: FakeSlack, typed: str
) -> None:
    shown = dm(sender, slack, typed)
    assert RECORDED in shown and f"Recorded {CHATGPT} as done" in shown and shown.count("Undo") == 2
    listed = status(sender, slack)
    assert f"{TITLE} – done" in listed and f"{CHATGPT} – done" in listed


@pytest.mark.parametrize("typed", ["opted out linkedin + chatgpt?", "done linkedin and chatgpt?"])
def test_several_services_asked_about_are_not_recorded(sender: SignedSender, slack: FakeSlack, typed: str) -> None:
    # Both were recorded, though anything that ends with a question mark records nothing.
    dm(sender, slack, typed)
    assert "– done" not in status(sender, slack)


def test_one_service_done_but_not_another_records_that_one_only(sender: SignedSender, slack: FakeSlack) -> None:
    shown = dm(sender, slack, "i opted out of linkedin but not chatgpt")
    assert RECORDED in shown and "ChatGPT" not in shown
    assert f"{CHATGPT} – not done yet" in status(sender, slack)


def test_and_another_too_right_after_a_record_records_it_too(sender: SignedSender, slack: FakeSlack) -> None:
    dm(sender, slack, GUIDE)
    dm(sender, slack, "ok done")
    assert f"Recorded {CHATGPT} as done" in dm(sender, slack, "and chatgpt too")


def test_and_another_too_with_nothing_recorded_records_nothing(sender: SignedSender, slack: FakeSlack) -> None:
    dm(sender, slack, GUIDE)
    assert "Recorded" not in dm(sender, slack, "and chatgpt too")


@pytest.mark.parametrize(
    "typed", ["done linkedin and chatgpt", "/privacy done linkedin and chatgpt", "done linkedin + chatgpt"]
)
def test_several_guides_after_a_typed_done_are_each_recorded_with_undo(
    sender: SignedSender, slack: FakeSlack, typed: str
) -> None:
    # Only LinkedIn was recorded, and "and chatgpt" taken for a reason.
    shown = dm(sender, slack, typed)
    assert RECORDED in shown and f"Recorded {CHATGPT} as done" in shown and shown.count("Undo") == 2
    assert f"{CHATGPT} – done" in status(sender, slack)


def test_a_guide_said_not_after_a_typed_done_of_several_is_left_out(sender: SignedSender, slack: FakeSlack) -> None:
    shown = dm(sender, slack, "done linkedin and chatgpt, not claude")
    assert RECORDED in shown and f"Recorded {CHATGPT} as done" in shown and "Claude" not in shown
    assert "Stop Anthropic training Claude on your chats – not done yet" in status(sender, slack)


def test_several_guides_after_a_typed_skip_are_each_recorded(sender: SignedSender, slack: FakeSlack) -> None:
    dm(sender, slack, "skip linkedin and chatgpt")
    listed = status(sender, slack)
    assert f"{TITLE} – doesn't apply" in listed and f"{CHATGPT} – doesn't apply" in listed


def test_words_after_and_that_name_no_guide_stay_a_reason(sender: SignedSender, slack: FakeSlack) -> None:
    dm(sender, slack, "skip linkedin and i don't use it")
    listed = status(sender, slack)
    assert f"{TITLE} – doesn't apply" in listed and f"{CHATGPT} – not done yet" in listed


def test_undo_beside_one_of_several_records_takes_back_that_one(sender: SignedSender, slack: FakeSlack) -> None:
    dm(sender, slack, "opted out linkedin + chatgpt")
    [message] = slack.dm_messages(MEMBER)[-1:]
    first = next(button for button in buttons(message.blocks) if button.label == "Undo")
    before = len(slack.responses)
    reply = sender.block_action(
        action_id=first.action_id,
        value=first.value,
        block_id=first.block_id,
        user_id=MEMBER,
        channel_id=message.channel,
        message={"type": "message", "ts": message.ts, "blocks": list(message.blocks)},
        is_ephemeral=False,
        container_ts=message.ts,
        response_url=slack.new_response_url(channel=message.channel, user=MEMBER, message_ts=message.ts),
    )
    assert reply.status == 200
    slack.wait_for(lambda: len(slack.responses) > before)
    shown = render(slack.responses[before].body["blocks"])
    # The other record and its Undo stay where they were.
    assert f"Undone: {TITLE} is back to not done yet." in shown and f"Recorded {CHATGPT} as done" in shown
    assert shown.count("] Undo") == 1  # the other record's button


# -- 8. follow-ups stay with the guide just read --------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed", ["does this stop microsoft", "do i need to do it on every device", "i'm in the uk does this matter"]
)
def test_a_follow_up_one_of_the_guides_notes_answers_gets_that_guide_with_the_note_first(
    sender: SignedSender, slack: FakeSlack, typed: str
) -> None:
    dm(sender, slack, GUIDE)
    shown = dm(sender, slack, typed)
    assert shown.startswith(TITLE) and "What you asked about:" in shown


MESSAGES_NOTE = "Press reports say private messages are not used"
NOT_UNDONE = "Turning it off stops future use only: it does not undo training that already happened."


# Both got "I couldn't tell which guide": a word alone, right after the guide, is in the sense the guide has it.
@pytest.mark.parametrize(
    ("typed", "first"),
    [
        ("what about my messages", f"What you asked about:\n> {MESSAGES_NOTE}"),
        ("and group messages?", f"What you asked about:\n> {MESSAGES_NOTE}"),
        ("what does it not undo?", f"What opting out does not undo\n{NOT_UNDONE}"),
        ("does it undo past training", f"What opting out does not undo\n{NOT_UNDONE}"),
    ],
)
def test_a_follow_up_a_note_or_what_opting_out_does_not_undo_answers_gets_it_first(
    sender: SignedSender, slack: FakeSlack, typed: str, first: str
) -> None:
    dm(sender, slack, GUIDE)
    shown = dm(sender, slack, typed)
    assert shown.startswith(f"{TITLE}\n{'=' * len(TITLE)}\n\n{first}")
    assert shown.count(first.splitlines()[-1].removeprefix("> ")) == 1  # and not again below


@pytest.mark.parametrize("typed", ["what about my messages", "what does it not undo?"])
def test_those_words_with_no_guide_shown_get_no_linkedin_guide(
    sender: SignedSender, slack: FakeSlack, typed: str
) -> None:
    assert not dm(sender, slack, typed).startswith(TITLE)


@pytest.mark.parametrize(
    ("typed", "steps"),
    [
        ("didnt work", "On desktop web"),
        ("i can't find data privacy", "On desktop web"),
        ("there's no such option in my app", "Steps on the app (iPhone, iPad or Android)"),
    ],
)
def test_steps_that_did_not_work_right_after_a_guide_get_its_steps_again(
    sender: SignedSender, slack: FakeSlack, typed: str, steps: str
) -> None:
    dm(sender, slack, GUIDE)
    shown = dm(sender, slack, typed)
    assert TITLE in shown and steps in shown
    assert "tell your privacy team" in shown


@pytest.mark.parametrize("typed", ["does this stop microsoft", "didnt work"])
def test_the_same_words_with_no_guide_shown_are_not_about_linkedin(
    sender: SignedSender, slack: FakeSlack, typed: str
) -> None:
    assert not dm(sender, slack, typed).startswith(TITLE)


# -- 9. "done with that" right after a guide -----------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["done with that", "done with it", "Done with this."])
def test_done_with_it_right_after_a_guide_records_that_guide_with_undo(
    sender: SignedSender, slack: FakeSlack, typed: str
) -> None:
    # "Nothing recorded: I only keep track of privacy guides" answered what a bare `done` records.
    assert_recorded_after_the_guide(sender, slack, typed)


def test_done_with_it_with_no_guide_shown_records_nothing(sender: SignedSender, slack: FakeSlack) -> None:
    assert dm(sender, slack, "done with that").startswith(NOT_A_GUIDE)


# -- 10. short replies right after a guide --------------------------------------------------------------------------

WHEN_DONE = (
    f"When it's done, press *I've opted out* or type `done` to record it: any reminders about {TITLE} then stop."
)


@pytest.mark.parametrize(
    "typed", ["👍", ":+1:", "will do", "on it", "doing it now", "yes", "yup", "k", "ok will do", "lol"]
)
def test_a_short_yes_right_after_a_guide_says_how_to_record_it_in_one_line(
    sender: SignedSender, slack: FakeSlack, typed: str
) -> None:
    dm(sender, slack, GUIDE)
    # The whole help, or every guide to pick from, answered a member agreeing to do it.
    shown = dm(sender, slack, typed)
    assert shown.count("\n") == 1, shown
    assert WHEN_DONE.replace("*", "") in shown
    assert f"{TITLE} – not done yet" in status(sender, slack)


@pytest.mark.parametrize("typed", ["no", "nope", "haha no"])
def test_a_short_no_right_after_a_guide_is_the_not_now_line(sender: SignedSender, slack: FakeSlack, typed: str) -> None:
    dm(sender, slack, GUIDE)
    shown = dm(sender, slack, typed)
    assert shown.count("\n") == 1, shown
    assert "Remind me later" in shown and "Doesn't apply to me" in shown
    assert "snoozed" not in status(sender, slack)


def test_is_that_all_right_after_a_guide_shows_its_steps_again(sender: SignedSender, slack: FakeSlack) -> None:
    dm(sender, slack, GUIDE)
    assert dm(sender, slack, "is that all?").startswith(TITLE)


@pytest.mark.parametrize("typed", ["will do", "yes", "no", "👍", "k"])
def test_a_short_reply_with_no_guide_shown_is_not_about_a_guide(
    sender: SignedSender, slack: FakeSlack, typed: str
) -> None:
    shown = dm(sender, slack, typed)
    assert "When it's done" not in shown and "Remind me later" not in shown


def test_ok_thanks_right_after_a_guide_is_still_a_thanks(sender: SignedSender, slack: FakeSlack) -> None:
    dm(sender, slack, GUIDE)
    assert "When it's done" not in dm(sender, slack, "ok thanks")


@pytest.mark.parametrize("typed", ["i turned off my phone", "my phone is turned off", "i switched off my laptop"])
def test_a_device_switched_off_says_in_one_line_it_is_not_the_setting(
    sender: SignedSender, slack: FakeSlack, typed: str
) -> None:
    dm(sender, slack, GUIDE)
    # Every guide to pick from answered it, as if the member had asked about one.
    shown = dm(sender, slack, typed)
    assert shown.count("\n") == 1, shown
    assert shown.startswith("Nothing recorded") and "`/privacy done linkedin`" in shown
    assert f"{TITLE} – not done yet" in status(sender, slack)


@pytest.mark.parametrize("typed", ["what did i record", "what have i recorded", "What did I record?"])
def test_what_did_i_record_is_the_status(sender: SignedSender, slack: FakeSlack, typed: str) -> None:
    assert dm(sender, slack, typed).startswith("Your privacy to-dos")


@pytest.mark.parametrize("typed", ["finished", "all finished", "Finished!"])
def test_finished_right_after_a_guide_records_that_guide(sender: SignedSender, slack: FakeSlack, typed: str) -> None:
    dm(sender, slack, GUIDE)
    shown = dm(sender, slack, typed)
    assert RECORDED in shown and "Undo" in shown
    assert f"{TITLE} – done" in status(sender, slack)
