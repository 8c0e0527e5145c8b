"""Signed bodies that are large but under the size limit: each is answered at once, whatever it holds.

A signature proves a body came from Slack's signing secret, not that it is the size Slack sends; the
events URL must still answer any body under MAX_BODY well inside Slack's 3 s, or a few such requests
hold every request thread."""

from __future__ import annotations

import http.client
import json
import time
from urllib.parse import urlencode, urlsplit

import pytest

from bot.local import payloads
from tests.hostile.conftest import Answer, HostileBot
from tests.hostile.test_hostile_requests import FORM, TEAM, WHO, _signed

QUICK_S = 0.5  # a normal click is acked in a few hundredths of a second here
QUESTION = "linkedin opt out ai training iphone "  # words the question reader does real work on


def _timed_click(hostile: HostileBot, **action: str) -> tuple[Answer, float]:
    payload = payloads.block_actions(
        user_id=WHO,
        team_id=TEAM,
        is_ephemeral=True,
        response_url=hostile.slack.new_response_url(channel="C0GENERAL", user=WHO),
        **action,  # type: ignore[arg-type]
    )
    return _timed(hostile, FORM, urlencode({"payload": json.dumps(payload)}).encode())


def _timed(hostile: HostileBot, content_type: str, body: bytes) -> tuple[Answer, float]:
    """The signed request's answer and how long it took to come, not counting the replies after it."""
    _, _, headers = _signed(content_type, body)
    target = urlsplit(hostile.url)
    connection = http.client.HTTPConnection(target.hostname or "127.0.0.1", target.port, timeout=30)
    try:
        started = time.monotonic()
        connection.request("POST", target.path, body, headers)
        response = connection.getresponse()
        answer = Answer(response.status, response.read())
        took = time.monotonic() - started
    finally:
        connection.close()
    hostile.settle()
    return answer, took


@pytest.mark.parametrize(
    "action",
    [
        # The report's reproduction: an open-guide button reads its value as a question.
        {"action_id": "open_guide", "value": QUESTION * 5_500},
        {"action_id": "attest_confirmed", "value": "linkedin-ai-training|" + "x" * 200_000},
        {"action_id": "open_guide", "value": "x" * 2_001},
        {"action_id": "open_guide_" + "1" * 300, "value": "linkedin"},
        {"action_id": "open_guide", "value": "linkedin", "block_id": "b" * 256},
    ],
    ids=["200 KB question", "200 KB guide value", "one over 2000", "long action_id", "long block_id"],
)
def test_a_click_longer_than_slack_allows_is_refused_at_once_and_does_nothing(
    hostile: HostileBot, action: dict[str, str]
) -> None:
    calls, responses, rows = len(hostile.slack.calls), len(hostile.slack.responses), hostile.rows()

    answer, took = _timed_click(hostile, **action)

    assert answer.status == 400
    assert took < QUICK_S, f"acked in {took:.2f} s"
    assert hostile.rows() == rows
    assert hostile.slack.calls[calls:] == []
    assert hostile.slack.responses[responses:] == []


def test_a_click_as_long_as_slack_allows_is_answered(hostile: HostileBot) -> None:
    answer, took = _timed_click(hostile, action_id="open_guide", value=(QUESTION * 60)[:2_000], block_id="b" * 255)

    assert answer.status == 200
    assert took < QUICK_S, f"acked in {took:.2f} s"
