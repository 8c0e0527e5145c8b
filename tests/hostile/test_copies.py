"""A copy of a request Slack signed (from a proxy's log, a captured request) passes the signature check for
5 minutes; it must do nothing a second time: no answer, no write, no reply, no DM."""

from __future__ import annotations

import json
import logging
from urllib.parse import urlencode

from bot.local import payloads
from bot.slack.replays import SeenSignatures
from tests.hostile.conftest import HostileBot
from tests.hostile.test_hostile_requests import FORM, JSON, _sign, _signed

WHO = "U0COPIED7"


def _copies_counted(hostile: HostileBot) -> float:
    for line in hostile.metrics().splitlines():
        if line.startswith("privacy_bot_slack_requests_total{") and 'kind="copy"' in line:
            return float(line.rsplit(" ", 1)[1])
    return 0.0


def test_a_copy_of_a_signed_command_is_answered_with_nothing_and_acts_on_nothing(hostile: HostileBot) -> None:
    hook = hostile.slack.new_response_url(channel="C0GENERAL", user=WHO)
    body = urlencode(payloads.slash_command(text="done linkedin", user_id=WHO, response_url=hook)).encode()
    method, _, headers = _signed(FORM, body)
    first = hostile.request(method, body, headers)
    assert first.status == 200 and b"linkedin" in first.body.lower()
    rows, calls, responses = hostile.rows(), len(hostile.slack.calls), len(hostile.slack.responses)
    copies = _copies_counted(hostile)

    for _ in range(3):
        again = hostile.request(method, body, headers)
        assert (again.status, again.body) == (200, b"")

    assert hostile.rows() == rows
    assert hostile.slack.calls[calls:] == []
    assert hostile.slack.responses[responses:] == []
    assert _copies_counted(hostile) == copies + 3


def test_a_copy_of_a_click_writes_and_replies_nothing(hostile: HostileBot) -> None:
    hook = hostile.slack.new_response_url(channel="C0GENERAL", user=WHO)
    payload = payloads.block_actions(
        action_id="attest_not_applicable", value="linkedin-ai-training|ios", user_id=WHO, response_url=hook
    )
    body = urlencode({"payload": json.dumps(payload)}).encode()
    method, _, headers = _signed(FORM, body)
    assert hostile.request(method, body, headers).status == 200
    rows, responses = hostile.rows(), len(hostile.slack.responses)

    again = hostile.request(method, body, headers)
    assert (again.status, again.body) == (200, b"")

    assert hostile.rows() == rows  # not even an audit entry
    assert hostile.slack.responses[responses:] == []


def test_the_same_event_signed_anew_is_still_told_apart_by_its_event_id(hostile: HostileBot) -> None:
    # Slack's retries are signed again: the signature differs, and the event's ID is what says it was handled.
    event = payloads.event_callback(payloads.dm_message(user_id=WHO, text="linkedin"), team_id="T0LOCAL")
    body = json.dumps(event).encode()
    calls = len(hostile.slack.calls_to("chat.postMessage"))
    method, _, headers = _signed(JSON, body)
    assert hostile.request(method, body, headers).status == 200
    assert len(hostile.slack.calls_to("chat.postMessage")) == calls + 1
    retry = dict(headers) | {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    retry["X-Slack-Request-Timestamp"] = str(int(headers["X-Slack-Request-Timestamp"]) + 1)
    retry["X-Slack-Signature"] = _sign(retry["X-Slack-Request-Timestamp"], body)
    assert hostile.request(method, body, retry).status == 200
    assert len(hostile.slack.calls_to("chat.postMessage")) == calls + 1


def test_a_burst_of_copies_is_one_log_line_without_the_member(hostile: HostileBot) -> None:
    body = urlencode(payloads.slash_command(text="status", user_id=WHO)).encode()
    method, _, headers = _signed(FORM, body)
    assert hostile.request(method, body, headers).status == 200
    logs = len(hostile.logs.records)

    for _ in range(50):
        again = hostile.request(method, body, headers)
        assert (again.status, again.body) == (200, b"")

    said = [r for r in hostile.logs.records[logs:] if r.levelno >= logging.WARNING and "copy" in r.getMessage()]
    assert len(said) <= 1  # the first copy of the suite's run is told at once, the rest once a minute
    assert WHO not in hostile.logs.text(since=logs)


def test_signatures_are_forgotten_once_their_requests_would_be_refused_as_stale() -> None:
    seen = SeenSignatures(window_s=300)
    assert seen.first("v0=a", timestamp=1_000, now=1_000.0)
    assert not seen.first("v0=a", timestamp=1_000, now=1_299.0)
    assert seen.first("v0=b", timestamp=1_200, now=1_301.0)  # a's window is over: a is let go
    assert len(seen) == 1
    assert not seen.first("v0=b", timestamp=1_200, now=1_500.0)
