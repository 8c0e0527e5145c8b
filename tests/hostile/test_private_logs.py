"""What an operator's log at info holds after a whole conversation: no member IDs, names or text."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from bot.local import payloads
from bot.local.fake_slack import FakeSlack
from bot.local.sender import SignedSender
from bot.local.workspace import ADMIN, GENERAL, MEMBER, MEMBER_IST
from tests.hostile.conftest import Capture

PEOPLE = (MEMBER, ADMIN, MEMBER_IST, "chiara", "Chiara", "ada", "Ada Lovelace", "devi", "Devi Patel")
SECRET_TEXT = "my-secret-question-about-toasters"


@pytest.fixture
def captured() -> Iterator[Capture]:
    """Everything logged, as an operator running LOG_LEVEL=info would see it; the bot's own loggers
    at debug, so that debug-only calls also run (and must not break)."""
    capture = Capture()
    root = logging.getLogger()
    bot = logging.getLogger("bot")
    levels = (root.level, bot.level)
    root.addHandler(capture)
    root.setLevel(logging.INFO)
    bot.setLevel(logging.DEBUG)
    try:
        yield capture
    finally:
        root.removeHandler(capture)
        root.setLevel(levels[0])
        bot.setLevel(levels[1])


def _click(sender: SignedSender, slack: FakeSlack, action_id: str, value: str, user: str) -> None:
    reply = sender.block_action(
        action_id=action_id,
        value=value,
        user_id=user,
        is_ephemeral=True,
        container_ts=payloads.message_ts(),
        response_url=slack.new_response_url(channel=GENERAL, user=user),
    )
    assert reply.status == 200


def test_a_whole_conversation_leaves_no_member_id_name_or_text_in_the_log_at_info(
    sender: SignedSender, slack: FakeSlack, captured: Capture
) -> None:
    for user in (MEMBER, ADMIN, MEMBER_IST):
        for text in ("", "linkedin iphone", "done linkedin", "status", "undo linkedin", SECRET_TEXT, "done toaster"):
            assert sender.slash_command(text=text, user_id=user).status == 200
        _click(sender, slack, "attest_confirmed", "linkedin-ai-training|ios", user)
        _click(sender, slack, "attest_not_applicable", "linkedin-data-download|", user)
        _click(sender, slack, "attest_reason_no_account", "linkedin-data-download|desktop", user)
        _click(sender, slack, "show_platform_android", "linkedin-ai-training|android", user)
        _click(sender, slack, "attest_confirmed", "no-such-guide|ios", user)  # an error path
        _click(sender, slack, "button_from_an_older_version", "x", user)  # an action the bot does not know
        assert sender.event(payloads.dm_message(user_id=user, text=f"linkedin {SECRET_TEXT}")).status == 200
        assert sender.event(payloads.app_mention(user_id=user, text="status")).status == 200
        assert sender.event(payloads.app_home_opened(user_id=user)).status == 200
        # Refused requests carry IDs too.
        assert sender.forged().slash_command(text=SECRET_TEXT, user_id=user).status == 401
        assert sender.stale().block_action(action_id="attest_confirmed", user_id=user).status == 401
        _click(sender, slack, "forget_confirm", "yes", user)

    logged = captured.text(level=logging.INFO)
    leaks = [word for word in (*PEOPLE, SECRET_TEXT) if word in logged]
    assert leaks == [], logged
