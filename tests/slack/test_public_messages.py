"""Messages others can see stay neutral, member text is escaped exactly once, and every failure takes
the one error path: the member's own words for what they can fix, a short apology for the rest."""

from __future__ import annotations

import logging

import pytest

from bot.local import payloads
from bot.local.fake_slack import FakeSlack, StoredMessage
from bot.local.sender import SignedSender
from bot.local.workspace import GENERAL, MANAGER, MEMBER, im_channel_id
from bot.slack import listeners
from bot.slack.plaintext import render
from tests.conftest import Served

GUIDE = "linkedin-ai-training"


def public_answer(sender: SignedSender, slack: FakeSlack) -> StoredMessage:
    """The bot's answer to an @mention: in a channel thread, seen by everyone there."""
    assert sender.event(payloads.app_mention(user_id=MEMBER, text="linkedin")).status == 200
    [answer] = [m for m in slack.messages(GENERAL) if m.thread_ts]
    return answer


BUTTONS = [
    ("attest_confirmed", f"{GUIDE}|desktop", "as done on"),
    ("attest_not_applicable", f"{GUIDE}|desktop", "doesn't apply to you"),
    ("attest_snoozed", f"{GUIDE}|desktop", "remind you"),
    ("attest_reason_region", f"{GUIDE}|desktop", "not in a region"),
    ("show_platform_android", f"{GUIDE}|android", "Android"),
    ("guide_details", f"{GUIDE}|", "Everything to know"),
    ("open_guide_0", GUIDE, "Stop LinkedIn"),
]


@pytest.mark.parametrize(("action_id", "value", "shown"), BUTTONS, ids=[b[0] for b in BUTTONS])
def test_a_click_on_a_public_answer_answers_only_the_clicker(
    sender: SignedSender, slack: FakeSlack, action_id: str, value: str, shown: str
) -> None:
    answer = public_answer(sender, slack)
    before = render(answer.blocks)
    url = slack.new_response_url(channel=GENERAL, user=MEMBER, message_ts=answer.ts)
    response = sender.block_action(
        action_id=action_id,
        value=value,
        user_id=MEMBER,
        channel_id=GENERAL,
        message={"ts": answer.ts, "text": answer.text, "blocks": answer.blocks},
        response_url=url,
    )
    assert response.status == 200
    [reply] = [post for post in slack.responses if post.url == url]
    assert reply.body.get("replace_original") is False
    assert reply.body.get("response_type") == "ephemeral"
    assert shown in render(reply.body.get("blocks") or [])
    stored = slack.message(GENERAL, answer.ts)
    assert stored is not None and render(stored.blocks) == before


def test_undo_on_a_public_answer_answers_only_the_clicker(sender: SignedSender, slack: FakeSlack) -> None:
    answer = public_answer(sender, slack)
    sender.slash_command(text="done linkedin")
    url = slack.new_response_url(channel=GENERAL, user=MEMBER, message_ts=answer.ts)
    sender.block_action(
        action_id="attest_undo",
        value=f"{GUIDE}|desktop",
        channel_id=GENERAL,
        message={"ts": answer.ts, "text": answer.text, "blocks": answer.blocks},
        response_url=url,
    )
    [reply] = [post for post in slack.responses if post.url == url]
    assert reply.body.get("replace_original") is False


def test_member_text_is_escaped_exactly_once(sender: SignedSender, slack: FakeSlack) -> None:
    # Slack sends `&`, `<` and `>` escaped; echoing must not escape them again.
    assert (
        sender.event(payloads.dm_message(user_id=MEMBER, text="tell me about &lt;b&gt;zzyzx&lt;/b&gt; privacy")).status
        == 200
    )
    [reply] = slack.dm_messages(MEMBER)
    shown = str(reply.blocks)
    assert "&lt;b&gt;zzyzx" in shown
    assert "&amp;lt;" not in shown
    assert "<b>" not in shown


def test_a_forged_platform_in_a_button_records_and_answers_without_an_apology(
    sender: SignedSender, slack: FakeSlack
) -> None:
    url = slack.new_response_url(channel=GENERAL, user=MEMBER)
    sender.block_action(
        action_id="attest_confirmed",
        value=f"{GUIDE}|windows-phone",
        is_ephemeral=True,
        container_ts="1.1",
        response_url=url,
    )
    [reply] = [post for post in slack.responses if post.url == url]
    assert "as done on" in render(reply.body.get("blocks") or [])
    assert "Sorry" not in str(reply.body)


def test_an_unexpected_failure_is_logged_and_answered_with_a_short_apology(
    sender: SignedSender,
    slack: FakeSlack,
    served: Served,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def broken(**_: object) -> None:
        raise RuntimeError("the disk is on fire")

    monkeypatch.setattr(served.services.recording, "status", broken)
    with caplog.at_level(logging.ERROR):
        reply = sender.slash_command(text="status")
    assert reply.status == 200
    assert reply.json()["text"].startswith("Sorry, something went wrong on my side")
    assert "disk is on fire" not in reply.text
    assert any(record.exc_info for record in caplog.records)
    # The next request is served normally.
    assert "Stop LinkedIn" in str(sender.slash_command(text="linkedin").json())
    # A DM that fails is answered in the DM, with the same apology.
    assert sender.event(payloads.dm_message(user_id=MEMBER, text="status")).status == 200
    [apology] = slack.dm_messages(MEMBER)
    assert apology.channel == im_channel_id(MEMBER) and apology.text.startswith("Sorry")


def test_a_problem_the_member_can_fix_is_shown_in_their_words(sender: SignedSender) -> None:
    reply = sender.slash_command(text="done")
    assert reply.json()["text"] == "Which guide? For example `/privacy done linkedin`."


def test_listeners_are_top_level_functions_registered_in_one_place() -> None:
    names = [name for name in dir(listeners) if name.startswith("on_")]
    assert {"on_command", "on_attest", "on_undo", "on_message", "on_mention", "on_home_opened"} <= set(names)
    assert all(getattr(listeners, name).__qualname__ == name for name in names)


def test_a_public_answer_does_not_give_away_the_platform_the_asker_named_in_private(
    sender: SignedSender, slack: FakeSlack
) -> None:
    # Everyone in the channel sees the answer: it must not show which phone the asker uses, and the
    # steps must suit whoever reads them, so it is the answer a member who never named one gets.
    assert sender.slash_command(text="linkedin android", user_id=MEMBER).status == 200
    assert sender.event(payloads.app_mention(user_id=MANAGER, text="linkedin")).status == 200
    assert sender.event(payloads.app_mention(user_id=MEMBER, text="linkedin")).status == 200
    neutral, asked = [m for m in slack.messages(GENERAL) if m.thread_ts]
    assert render(asked.blocks) == render(neutral.blocks)
    # Naming a platform in public still gets that platform's steps: the asker said it themselves.
    assert sender.event(payloads.app_mention(user_id=MANAGER, text="linkedin on iphone")).status == 200
    assert "iPhone" in render(slack.messages(GENERAL)[-1].blocks)


PHISHING = "https://evil.example/login *URGENT* :rotating_light: verify your account <https://evil.example|here>"


def test_an_unclear_mention_is_answered_in_public_without_repeating_the_members_words(
    sender: SignedSender, slack: FakeSlack
) -> None:
    # Quoted under the bot's name, a member's text (links, bold, up to 3,000 characters) reads as the
    # bot's own message to everyone in the channel; Slack would link a bare URL even escaped.
    mention = payloads.app_mention(user_id=MEMBER, text=f"<@U0BOT> how do i opt out {PHISHING}")
    assert sender.event(mention).status == 200
    [answer] = [m for m in slack.messages(GENERAL) if m.thread_ts]
    shown = f"{answer.text}\n{answer.blocks}"
    assert "couldn't tell which guide" in render(answer.blocks)
    assert "Stop LinkedIn" in render(answer.blocks)  # the guides are still offered
    for words in ("evil.example", "URGENT", "verify your account", "rotating_light"):
        assert words not in shown


def test_an_unclear_question_in_a_dm_still_quotes_it_back_to_the_asker(sender: SignedSender, slack: FakeSlack) -> None:
    assert sender.event(payloads.dm_message(user_id=MEMBER, text="what about my zzyzx privacy settings")).status == 200
    [reply] = slack.dm_messages(MEMBER)
    assert "I couldn't tell which guide “what about my zzyzx privacy settings” is about" in render(reply.blocks)
