"""Slack answering 500 or 503 for a moment: the reply a member is waiting for still arrives, once."""

from __future__ import annotations

import logging

import pytest

from bot.local import payloads
from bot.local.fake_slack import RESPONSE_URL_LIMIT, FakeSlack
from bot.local.sender import SignedSender
from bot.local.workspace import MEMBER
from bot.slack.plaintext import render
from tests.conftest import waited_as_slack_sdk_backs_off

GUIDE = "linkedin-ai-training"


def _click(sender: SignedSender) -> int:
    return sender.block_action(
        action_id="attest_confirmed", value=f"{GUIDE}|desktop", container_ts="1.2", is_ephemeral=True
    ).status


# urllib3's backoff for the response_url's retries: the first at once, the second half a second later.
RESPONSE_URL_RETRY_WAITS = [0.5]


def test_a_click_reply_that_slack_answers_500_to_is_sent_again(
    sender: SignedSender, slack: FakeSlack, retry_waits: list[float]
) -> None:
    slack.fail(RESPONSE_URL_LIMIT, times=2, status=500)
    assert _click(sender) == 200
    # The sender waits for the bot's replies: by now the third attempt has gone through.
    assert len(slack.responses) == 1
    assert "Recorded" in render(slack.responses[0].body["blocks"])
    assert retry_waits == RESPONSE_URL_RETRY_WAITS


def test_a_dm_answer_that_slack_answers_503_to_is_sent_again_once(
    sender: SignedSender, slack: FakeSlack, retry_waits: list[float]
) -> None:
    slack.fail("chat.postMessage", times=1, status=503)
    assert sender.event(payloads.dm_message(user_id=MEMBER, text="linkedin")).status == 200
    assert [call.status for call in slack.calls_to("chat.postMessage")] == [503, 200]
    assert waited_as_slack_sdk_backs_off(retry_waits, calls=1, retries=1), retry_waits
    assert len(slack.dm_messages(MEMBER)) == 1


def test_a_reply_slack_keeps_failing_is_given_up_with_one_line_and_no_member_id(
    sender: SignedSender, slack: FakeSlack, caplog: pytest.LogCaptureFixture, retry_waits: list[float]
) -> None:
    slack.fail(RESPONSE_URL_LIMIT, times=20, status=500)
    with caplog.at_level(logging.INFO):
        assert _click(sender) == 200
    failed = [record.getMessage() for record in caplog.records if "response_url failed" in record.getMessage()]
    assert len(failed) == 1 and MEMBER not in failed[0]
    assert slack.responses == []
    assert retry_waits == RESPONSE_URL_RETRY_WAITS  # three tries, then given up
    slack.fail(RESPONSE_URL_LIMIT, times=0)  # Slack is back
    assert _click(sender) == 200 and len(slack.responses) == 1  # and the next click is answered
