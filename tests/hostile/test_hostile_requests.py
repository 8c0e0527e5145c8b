"""What an outsider can send to the public events URL, and what it must leave behind: nothing.

Each row is one request and the status it must get. Whatever the status, the request must cause
no call to Slack (Web API or response_url), no row, no metric label outside the fixed lists, and
no log line carrying the IDs in its body."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

import pytest

from bot.local import payloads
from bot.local.workspace import LOCAL_SIGNING_SECRET
from bot.slack.http import MAX_BODY
from tests.hostile.conftest import HostileBot

WHO = "U0HOSTILE7"  # the member every body names: it must show up nowhere
TEAM = "T0HOSTILE7"
FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
HOOK = "{response_url}"  # replaced by a live stand-in response_url, so any reply would be recorded


def _sign(timestamp: str, body: bytes, secret: str = LOCAL_SIGNING_SECRET) -> str:
    return "v0=" + hmac.new(secret.encode(), b"v0:" + timestamp.encode() + b":" + body, hashlib.sha256).hexdigest()


def _now() -> str:
    return str(int(time.time()))


# -- bodies that would make the bot act, were they trusted ------------------------------------------


def _command() -> tuple[str, bytes]:
    fields = payloads.slash_command(text="done linkedin", user_id=WHO, team_id=TEAM, response_url=HOOK)
    return FORM, urlencode(fields).encode()


def _click() -> tuple[str, bytes]:
    payload = payloads.block_actions(
        action_id="attest_confirmed", value="linkedin-ai-training|ios", user_id=WHO, team_id=TEAM, response_url=HOOK
    )
    return FORM, urlencode({"payload": json.dumps(payload)}).encode()


def _dm() -> tuple[str, bytes]:
    event = payloads.event_callback(payloads.dm_message(user_id=WHO, text="linkedin"), team_id=TEAM)
    return JSON, json.dumps(event).encode()


def _reply_bait() -> tuple[str, bytes]:
    # The report's reproduction: an error would POST "Sorry" to this URL.
    return JSON, json.dumps({"type": "block_actions", "response_url": HOOK, "user": {"id": WHO}}).encode()


def _string_event() -> tuple[str, bytes]:
    return JSON, json.dumps({"type": "event_callback", "event": "x", "team_id": TEAM, "user": WHO}).encode()


def _random_type() -> tuple[str, bytes]:
    return JSON, json.dumps({"type": f"{WHO}-kind", "user": {"id": WHO}}).encode()


BODIES: dict[str, Callable[[], tuple[str, bytes]]] = {
    "command": _command,
    "click": _click,
    "dm": _dm,
    "reply-bait": _reply_bait,
    "string-event": _string_event,
    "random-type": _random_type,
}


@dataclass(frozen=True)
class Case:
    name: str
    status: int
    build: Callable[[bytes], tuple[str, bytes, dict[str, str]]]  # body -> (method, body, headers)
    body: str = "command"
    signed_shape: bool = False  # signed by Slack's secret: 200 allowed, rows without a member too


def _headers(content_type: str, timestamp: str | None, signature: str | None) -> dict[str, str]:
    headers = {"Content-Type": content_type}
    if timestamp is not None:
        headers["X-Slack-Request-Timestamp"] = timestamp
    if signature is not None:
        headers["X-Slack-Signature"] = signature
    return headers


# -- how the headers are wrong ---------------------------------------------------------------------


def _tamper(how: str) -> Callable[[str, bytes], tuple[str, bytes, dict[str, str]]]:
    def build(content_type: str, body: bytes) -> tuple[str, bytes, dict[str, str]]:
        now = _now()
        sign_now = _sign(now, body)
        variants: dict[str, tuple[bytes, str | None, str | None]] = {
            "no-headers": (body, None, None),
            "only-timestamp": (body, now, None),
            "only-signature": (body, None, sign_now),
            "wrong-secret": (body, now, _sign(now, body, "not-the-secret-at-all")),
            "stale": (body, str(int(now) - 6 * 60), _sign(str(int(now) - 6 * 60), body)),
            "future": (body, str(int(now) + 6 * 60), _sign(str(int(now) + 6 * 60), body)),
            "ts-x": (body, "x", _sign("x", body)),
            "ts-1e9": (body, "1e9", _sign("1e9", body)),
            "ts-empty": (body, "", _sign("", body)),
            "ts-float": (body, now + ".5", _sign(now + ".5", body)),
            "ts-negative": (body, "-" + now, _sign("-" + now, body)),
            "ts-huge": (body, "9" * 40, _sign("9" * 40, body)),
            "ts-padded": (body, " " + now, _sign(" " + now, body)),
            "sig-v1": (body, now, "v1=" + sign_now[3:]),
            "sig-zero": (body, now, "v0=0"),
            "sig-upper": (body, now, sign_now.upper().replace("V0=", "v0=")),
            "altered-body": (body + b"&x=1", now, sign_now),
            "other-timestamp": (body, str(int(now) - 1), sign_now),
        }
        sent, timestamp, signature = variants[how]
        headers = _headers(content_type, timestamp, signature)
        return "POST", sent, headers

    return build


TAMPERS = (
    "no-headers",
    "only-timestamp",
    "only-signature",
    "wrong-secret",
    "stale",
    "future",
    "ts-x",
    "ts-1e9",
    "ts-empty",
    "ts-float",
    "ts-negative",
    "ts-huge",
    "ts-padded",
    "sig-v1",
    "sig-zero",
    "sig-upper",
    "altered-body",
    "other-timestamp",
)


def _unsigned_cases() -> list[Case]:
    cases = []
    for body in BODIES:
        for how in TAMPERS:
            tamper = _tamper(how)
            cases.append(Case(f"{how}/{body}", 401, lambda raw, t=tamper, b=body: t(BODIES[b]()[0], raw), body=body))
    return cases


# -- signed, but not something Slack sends --------------------------------------------------------------


def _signed(content_type: str, body: bytes) -> tuple[str, bytes, dict[str, str]]:
    now = _now()
    return "POST", body, _headers(content_type, now, _sign(now, body))


def _json(value: object) -> Callable[[bytes], tuple[str, bytes, dict[str, str]]]:
    return lambda _: _signed(JSON, json.dumps(value).encode())


def _interactive(value: object) -> Callable[[bytes], tuple[str, bytes, dict[str, str]]]:
    return lambda _: _signed(FORM, urlencode({"payload": json.dumps(value)}).encode())


def _form(fields: dict[str, str]) -> Callable[[bytes], tuple[str, bytes, dict[str, str]]]:
    return lambda _: _signed(FORM, urlencode(fields).encode())


def _click_with(**changes: object) -> dict[str, object]:
    payload = payloads.block_actions(action_id="attest_confirmed", value="linkedin-ai-training|ios", team_id=TEAM)
    payload.update(changes)
    return {key: value for key, value in payload.items() if value is not _DROP}


_DROP = object()
_USER = {"id": WHO}


def _nested(depth: int) -> str:
    return '{"type":"block_actions","x":' + "[" * depth + "]" * depth + "}"


def _command_without(name: str) -> dict[str, str]:
    fields = payloads.slash_command(text="done linkedin", user_id=WHO, team_id=TEAM, response_url=HOOK)
    return {key: value for key, value in fields.items() if key != name}


def _dm_with(**changes: object) -> dict[str, object]:
    return payloads.event_callback(payloads.dm_message(user_id=WHO, team_id=TEAM, text="done linkedin") | changes)


def _mention_with(**changes: object) -> dict[str, object]:
    return payloads.event_callback(payloads.app_mention(user_id=WHO, team_id=TEAM, text="linkedin") | changes)


def _authorized(**changes: object) -> dict[str, object]:
    """A DM whose `authorizations[0]`, where bolt reads the workspace first, is changed."""
    body = _dm_with()
    body["authorizations"] = [body["authorizations"][0] | changes]  # type: ignore[index]
    return body


def _public_click(is_ephemeral: object) -> dict[str, object]:
    container = {"type": "message", "message_ts": "1733500000.000100", "channel_id": "C0GENERAL"}
    return _click_with(user=_USER, container=container | {"is_ephemeral": is_ephemeral}, response_url=HOOK)


SIGNED_SHAPES = [
    Case("slash without user_id", 400, _form(_command_without("user_id")), signed_shape=True),
    Case("slash without team_id", 400, _form(_command_without("team_id")), signed_shape=True),
    Case("slash with empty command", 400, _form(_command_without("command") | {"command": ""}), signed_shape=True),
    Case("form without command or type", 400, _form(_command_without("command")), signed_shape=True),
    Case("actions empty", 400, _interactive(_click_with(actions=[], user=_USER)), signed_shape=True),
    Case("actions [{}]", 400, _interactive(_click_with(actions=[{}], user=_USER)), signed_shape=True),
    Case("actions [null]", 400, _interactive(_click_with(actions=[None], user=_USER)), signed_shape=True),
    Case("actions missing", 400, _interactive(_click_with(actions=_DROP, user=_USER)), signed_shape=True),
    Case("actions an object", 400, _interactive(_click_with(actions={"a": 1}, user=_USER)), signed_shape=True),
    Case(
        "action value a list",
        400,
        _interactive(_click_with(actions=[{"action_id": "attest_confirmed", "value": ["x"]}], user=_USER)),
        signed_shape=True,
    ),
    Case("click without user", 400, _interactive(_click_with(user=_DROP)), signed_shape=True),
    Case("click with user {}", 400, _interactive(_click_with(user={})), signed_shape=True),
    Case("click with empty user id", 400, _interactive(_click_with(user={"id": ""})), signed_shape=True),
    Case("click with user a string", 400, _interactive(_click_with(user=WHO)), signed_shape=True),
    # Slack's IDs are capitals and digits: a padded or lower-case one would be a second member in the store.
    Case("click with a padded user id", 400, _interactive(_click_with(user={"id": f" {WHO} "})), signed_shape=True),
    Case(
        "click with a lower-case user id", 400, _interactive(_click_with(user={"id": WHO.lower()})), signed_shape=True
    ),
    Case(
        "slash with a numeric team_id",
        400,
        _form(_command_without("team_id") | {"team_id": "1e+308"}),
        signed_shape=True,
    ),
    Case(
        "slash with a padded user_id",
        400,
        _form(_command_without("user_id") | {"user_id": f"{WHO} "}),
        signed_shape=True,
    ),
    Case("click with team a string", 400, _interactive(_click_with(team=TEAM, user=_USER)), signed_shape=True),
    Case("click with channel a list", 400, _interactive(_click_with(channel=[1], user=_USER)), signed_shape=True),
    Case(
        "view_submission without view", 400, _interactive({"type": "view_submission", "user": _USER}), signed_shape=True
    ),
    Case(
        "view_submission without view.type",
        400,
        _interactive({"type": "view_submission", "user": _USER, "view": {"id": "V1"}}),
        signed_shape=True,
    ),
    Case(
        "view_closed with view a string",
        400,
        _interactive({"type": "view_closed", "user": _USER, "view": "V1"}),
        signed_shape=True,
    ),
    Case("event null", 400, _json({"type": "event_callback", "team_id": TEAM, "event": None}), signed_shape=True),
    Case("event a string", 400, _json({"type": "event_callback", "team_id": TEAM, "event": "x"}), signed_shape=True),
    Case("event a list", 400, _json({"type": "event_callback", "team_id": TEAM, "event": [WHO]}), signed_shape=True),
    Case(
        "event without type",
        400,
        _json({"type": "event_callback", "team_id": TEAM, "event": {"user": WHO}}),
        signed_shape=True,
    ),
    Case(
        "event user an object",
        400,
        _json(
            {
                "type": "event_callback",
                "team_id": TEAM,
                "event": {"type": "message", "user": {"id": WHO}, "channel_type": "im"},
            }
        ),
        signed_shape=True,
    ),
    Case(
        "authorizations a string",
        400,
        _json(
            {
                "type": "event_callback",
                "team_id": TEAM,
                "authorizations": "x",
                "event": {"type": "app_home_opened", "user": WHO},
            }
        ),
        signed_shape=True,
    ),
    Case("unknown type", 400, _json({"type": f"{WHO}-kind", "user": _USER}), signed_shape=True),
    Case("type a number", 400, _json({"type": 7, "user": _USER}), signed_shape=True),
    Case("no type", 400, _json({"user": _USER}), signed_shape=True),
    Case("JSON list", 400, lambda _: _signed(JSON, b"[1, 2]"), signed_shape=True),
    Case("JSON string", 400, lambda _: _signed(JSON, b'"U0HOSTILE7"'), signed_shape=True),
    Case("JSON broken", 400, lambda _: _signed(JSON, b'{"type": "block_actions", '), signed_shape=True),
    Case("payload a list", 400, lambda _: _signed(FORM, b"payload=%5B1%5D"), signed_shape=True),
    Case("payload broken", 400, lambda _: _signed(FORM, b"payload=%7B%22type"), signed_shape=True),
    Case("empty body", 400, lambda _: _signed(FORM, b""), signed_shape=True),
    Case("nested JSON", 400, lambda _: _signed(JSON, _nested(5000).encode()), signed_shape=True),
    Case("nested JSON, just over", 400, lambda _: _signed(JSON, _nested(40).encode()), signed_shape=True),
    Case(
        "nested payload",
        400,
        lambda _: _signed(FORM, urlencode({"payload": _nested(5000)}).encode()),
        signed_shape=True,
    ),
    Case(
        "not UTF-8",
        400,
        lambda _: _signed(JSON, b'{"type": "\xff\xfe", "user": {"id": "U0HOSTILE7"}}'),
        signed_shape=True,
    ),
    Case("XML", 400, lambda _: _signed("application/xml", b"<x>U0HOSTILE7</x>"), signed_shape=True),
    Case("text/plain form", 400, lambda _: _signed("text/plain", b"user_id=U0HOSTILE7"), signed_shape=True),
    Case(
        "url_verification",
        200,
        _json({"type": "url_verification", "challenge": "c0ffee", "token": "t"}),
        signed_shape=True,
    ),
    Case("url_verification without challenge", 400, _json({"type": "url_verification"}), signed_shape=True),
    # Slack checks the certificate of a slash command's URL this way, now and then: it wants a 200.
    Case("ssl_check", 200, _form({"ssl_check": "1", "token": WHO}), signed_shape=True),
    Case("ssl_check, not 1", 400, _form({"ssl_check": WHO, "token": WHO}), signed_shape=True),
    # Found by test_fuzz_signed.py. Rows are kept under the workspace bolt names, from authorizations first.
    Case("DM, authorizations without team_id", 400, _json(_authorized(team_id=None)), signed_shape=True),
    Case("DM, authorizations team_id a list", 400, _json(_authorized(team_id=[TEAM])), signed_shape=True),
    Case("DM, authorizations team_id a big number", 400, _json(_authorized(team_id=2**63)), signed_shape=True),
    Case("click naming no workspace", 400, _interactive(_click_with(team=_DROP, user=_USER)), signed_shape=True),
    # Longer than the store's ID column: PostgreSQL refused the row and the member got "Sorry".
    Case(
        "click, team.id longer than an ID",
        400,
        _interactive(_click_with(team={"id": "T" + "0" * 40}, user=_USER)),
        signed_shape=True,
    ),
    # A member is a user ID: a channel's or a bot's would be stored as a member of its own.
    Case("click by a channel ID", 400, _interactive(_click_with(user={"id": "D0HOSTILE7"})), signed_shape=True),
    Case("slash by a bot ID", 400, _form(_command_without("user_id") | {"user_id": "B0HOSTILE7"}), signed_shape=True),
    Case("DM from a channel ID", 400, _json(_dm_with(user="C0HOSTILE7")), signed_shape=True),
    Case("DM text a list", 400, _json(_dm_with(text=["done", "linkedin"])), signed_shape=True),
    Case("mention text an object", 400, _json(_mention_with(text={"text": "linkedin"})), signed_shape=True),
    Case("mention thread_ts true", 400, _json(_mention_with(thread_ts=True)), signed_shape=True),
    Case("mention thread_ts an ID", 400, _json(_mention_with(thread_ts="C0GENERAL")), signed_shape=True),
    Case("mention ts a number", 400, _json(_mention_with(ts=-1)), signed_shape=True),
    # "false" would have the bot rewrite a message the whole channel sees.
    Case("click, is_ephemeral the text false", 400, _interactive(_public_click("false")), signed_shape=True),
    Case("click, is_ephemeral an object", 400, _interactive(_public_click({"value": False})), signed_shape=True),
    # Stored to act on a delivery once: longer than the key column (PostgreSQL failed), or a lone surrogate (SQLite).
    Case("event_id longer than Slack's", 400, _json(_dm_with() | {"event_id": "Ev" + "0" * 300}), signed_shape=True),
    Case("event_id a lone surrogate", 400, _json(_dm_with() | {"event_id": "Ev\ud83d"}), signed_shape=True),
    Case("event_id a number", 400, _json(_dm_with() | {"event_id": 7}), signed_shape=True),
    # urllib3 reads a URL without a scheme as http, and a bare word as a host to look up.
    Case(
        "click, response_url a space", 400, _interactive(_click_with(user=_USER, response_url=" ")), signed_shape=True
    ),
    Case(
        "click, response_url a file",
        400,
        _interactive(_click_with(user=_USER, response_url="file:///etc/passwd")),
        signed_shape=True,
    ),
    Case(
        "click, response_url without a scheme",
        400,
        _interactive(_click_with(user=_USER, response_url="127.0.0.1:9/response/1")),
        signed_shape=True,
    ),
    # The error path answers a member through any body's response_url, an event's too.
    Case("DM, response_url a padded ID", 400, _json(_dm_with() | {"response_url": f" {WHO} "}), signed_shape=True),
    Case(
        "slash, response_url a file",
        400,
        _form(_command_without("response_url") | {"response_url": "file:///etc/passwd"}),
        signed_shape=True,
    ),
]

OTHER = [
    Case(
        "oversized, unsigned", 413, lambda _: ("POST", b"x" * (MAX_BODY + 1), _headers(FORM, _now(), "v0=" + "0" * 64))
    ),
    Case("oversized, signed", 413, lambda _: _signed(FORM, b"text=" + b"x" * MAX_BODY)),
    Case("not UTF-8, unsigned", 401, lambda _: ("POST", b"\xff\xfe" + WHO.encode(), _headers(JSON, _now(), None))),
    Case("nested, unsigned", 401, lambda _: ("POST", _nested(5000).encode(), _headers(JSON, _now(), "v0=0"))),
    Case("GET", 405, lambda _: ("GET", b"", {})),
    Case("PUT signed", 405, lambda _: ("PUT", *_signed(JSON, b"{}")[1:])),
    Case("DELETE", 405, lambda _: ("DELETE", b"", {})),
    Case("HEAD", 405, lambda _: ("HEAD", b"", {})),
]

CASES = [*_unsigned_cases(), *SIGNED_SHAPES, *OTHER]


def test_the_table_is_large_enough() -> None:
    assert len(CASES) >= 80


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_a_hostile_request_gets_its_status_and_leaves_nothing_behind(hostile: HostileBot, case: Case) -> None:
    content_type, raw = BODIES[case.body]()
    live_hook = hostile.slack.new_response_url(channel="C0GENERAL", user=WHO)
    method, body, headers = case.build(raw.replace(HOOK.encode(), live_hook.encode()))
    body = body.replace(HOOK.encode(), live_hook.encode()) if case.signed_shape else body
    calls, responses = len(hostile.slack.calls), len(hostile.slack.responses)
    rows = hostile.rows()
    logs = len(hostile.logs.records)

    answer = hostile.request(method, body, headers)

    assert answer.status == case.status, answer.body
    assert answer.status < 500
    assert WHO.encode() not in answer.body
    assert hostile.slack.calls[calls:] == []
    assert hostile.slack.responses[responses:] == []
    if case.signed_shape:
        assert hostile.rows_with_empty_user() == 0
        assert hostile.rows()["attestations"] == rows["attestations"]
    else:
        assert hostile.rows() == rows
    assert hostile.label_values() <= hostile.allowed_labels
    assert WHO not in hostile.metrics()
    assert WHO not in hostile.logs.text(since=logs)
    assert TEAM not in hostile.logs.text(since=logs)


def test_a_missing_or_bad_content_length_is_handled(hostile: HostileBot) -> None:
    now = _now()
    body = b"x" * 10
    assert hostile.request("POST", body, _headers(FORM, now, _sign(now, body)), content_length="ten").status == 400
    assert hostile.request("POST", b"", _headers(FORM, now, _sign(now, b"")), content_length=None).status == 400
    # A declared size over the limit is refused before a byte of the body is read.
    big = str(MAX_BODY + 1)
    assert hostile.request("POST", b"", _headers(FORM, now, _sign(now, b"")), content_length=big).status == 413


def test_unicode_digits_in_the_timestamp_are_refused(hostile: HostileBot) -> None:
    # str.isdigit() says yes to these; Slack only ever sends ASCII.
    for digits in ("１２３４５６７８９０", "²³", "١٢٣"):
        now = _now()
        headers = {"Content-Type": JSON, "X-Slack-Signature": _sign(now, b"{}")}
        answer = _raw_header_request(hostile, digits.encode(), headers)
        assert answer == 401


def _raw_header_request(hostile: HostileBot, timestamp: bytes, headers: dict[str, str]) -> int:
    import socket
    from urllib.parse import urlsplit

    target = urlsplit(hostile.url)
    lines = [f"POST {target.path} HTTP/1.1".encode(), f"Host: {target.netloc}".encode(), b"Content-Length: 2"]
    lines += [f"{name}: {value}".encode() for name, value in headers.items()]
    lines += [b"X-Slack-Request-Timestamp: " + timestamp, b"Connection: close", b"", b"{}"]
    with socket.create_connection((target.hostname, target.port), timeout=5) as sock:
        sock.sendall(b"\r\n".join(lines))
        reply = sock.recv(100)
    return int(reply.split(b" ")[1])


def test_a_crowd_of_requests_waiting_for_a_thread_is_one_log_line_not_one_each(hostile: HostileBot) -> None:
    # waitress warned "Task queue depth is N" for every request that found the threads busy: 50 connections
    # pipelining `GET /nope` wrote 9,000 lines a second, and anyone on the internet may send them.
    import socket
    from urllib.parse import urlsplit

    target = urlsplit(hostile.url)
    asked = b"GET /healthz HTTP/1.1\r\nHost: bot\r\n\r\n" * 25
    logs = len(hostile.logs.records)
    connections = [socket.create_connection((target.hostname, target.port), timeout=5) for _ in range(40)]
    try:
        for connection in connections:
            connection.sendall(asked)
        for connection in connections:
            answered = b""
            while answered.count(b"HTTP/1.1 200") < 25:
                chunk = connection.recv(65536)
                assert chunk, answered[-200:]  # every request is answered, none refused
                answered += chunk
    finally:
        for connection in connections:
            connection.close()

    queued = [record for record in hostile.logs.records[logs:] if record.name == "waitress.queue"]
    assert len(queued) <= 1, [record.getMessage() for record in queued[:5]]


def test_requests_that_waited_for_a_thread_are_counted_in_the_next_minutes_line(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from bot.http_channel import QueueLog

    now = [100.0]
    queue_log = QueueLog(clock=lambda: now[0])
    with caplog.at_level(logging.WARNING, logger="waitress.queue"):
        for depth in (1, 2, 7, 3):  # as waitress calls it
            queue_log.warning("Task queue depth is %d", depth)
        now[0] += 61
        queue_log.warning("Task queue depth is %d", 2)

    said = [record.getMessage() for record in caplog.records if record.name == "waitress.queue"]
    assert [line.split(" (")[0] for line in said] == [
        "1 request(s) waited for a free thread, up to 1 at once",
        "4 request(s) waited for a free thread, up to 7 at once",
    ]


def test_a_response_url_that_cannot_be_reached_is_not_written_to_the_log(hostile: HostileBot) -> None:
    # A response_url lets whoever holds it post into the member's conversation (five times in 30 minutes), and
    # names the workspace. urllib3 logged its path at WARNING before each retry of a connection that failed.
    import socket

    with socket.socket() as closed:  # a port nobody listens on: Slack's hooks host down
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    token = "s3cr3tR3sp0nseT0ken"
    url = f"http://127.0.0.1:{port}/actions/{TEAM}/1234567890/{token}"
    logs = len(hostile.logs.records)

    answer = hostile.request(*_interactive(_click_with(user={"id": "U0CHI"}, response_url=url))(b""))

    assert answer.status == 200
    said = hostile.logs.text(since=logs, level=logging.INFO)
    assert "response_url failed" in said  # the failure is still told, without the URL
    assert token not in said and TEAM not in said, said


def test_a_genuine_request_still_works_after_all_that(hostile: HostileBot) -> None:
    fields = payloads.slash_command(text="linkedin", user_id="U0CHI")
    body = urlencode(fields).encode()
    method, _, headers = _signed(FORM, body)
    answer = hostile.request(method, body, headers)
    assert answer.status == 200
    assert b"On desktop web" in answer.body


# -- signed, shaped as Slack sends it, but nothing the bot listens for ----------------------------------

SAID = "words-a-member-typed-7"  # text from the body: in no log line at info or above
_TEAM = {"id": TEAM, "domain": "x"}
_MEMBER = {"id": WHO, "username": SAID, "name": SAID, "team_id": TEAM}
NO_OPTIONS = b'{"options": []}'


@dataclass(frozen=True)
class Unhandled:
    name: str
    payload: dict[str, object]  # HOOK is replaced by a live response_url before it is signed
    answer: bytes = b""

    def signed(self, hook: str) -> tuple[str, bytes, dict[str, str]]:
        text = json.dumps(self.payload).replace(HOOK, hook)
        if self.payload["type"] in ("event_callback", "app_rate_limited"):
            return _signed(JSON, text.encode())
        return _signed(FORM, urlencode({"payload": text}).encode())


def _event_of(event: dict[str, object]) -> dict[str, object]:
    return payloads.event_callback(event, team_id=TEAM)


UNHANDLED = [
    Unhandled(
        "block_suggestion",
        (
            {"type": "block_suggestion", "action_id": SAID, "block_id": SAID, "value": SAID, "user": _MEMBER}
            | {"team": _TEAM, "response_url": HOOK}
        ),
        NO_OPTIONS,
    ),
    Unhandled(
        "dialog_suggestion",
        {"type": "dialog_suggestion", "callback_id": SAID, "value": SAID, "user": _MEMBER, "team": _TEAM},
        NO_OPTIONS,
    ),
    Unhandled(
        "view_submission",
        (
            {"type": "view_submission", "user": _MEMBER, "team": _TEAM}
            | {"view": {"type": "modal", "callback_id": SAID, "state": {"values": {"b": {"a": {"value": SAID}}}}}}
        ),
    ),
    Unhandled(
        "view_closed",
        {"type": "view_closed", "user": _MEMBER, "team": _TEAM, "view": {"type": "modal", "id": SAID}},
    ),
    Unhandled(
        "global shortcut",
        {"type": "shortcut", "callback_id": SAID, "user": _MEMBER, "team": _TEAM, "trigger_id": "1.2.x"},
    ),
    Unhandled(
        "message shortcut",
        (
            {"type": "message_action", "callback_id": SAID, "user": _MEMBER, "team": _TEAM}
            | {"channel": {"id": "C0GENERAL"}, "message": {"text": SAID, "user": WHO}, "response_url": HOOK}
        ),
    ),
    Unhandled(
        "legacy interactive_message",
        (
            {"type": "interactive_message", "callback_id": SAID, "user": _MEMBER, "team": _TEAM}
            | {"actions": [{"name": SAID, "value": SAID}], "response_url": HOOK}
        ),
    ),
    Unhandled("reaction_added", _event_of({"type": "reaction_added", "user": WHO, "reaction": SAID})),
    Unhandled("member_joined_channel", _event_of({"type": "member_joined_channel", "user": WHO, "channel": "C1"})),
    Unhandled(
        "app_rate_limited",
        {"type": "app_rate_limited", "team_id": TEAM, "minute_rate_limited": 1518467820, "api_app_id": SAID},
    ),
]


@pytest.mark.parametrize("case", UNHANDLED, ids=[case.name for case in UNHANDLED])
def test_a_request_the_bot_has_no_listener_for_gets_a_quick_harmless_200_and_logs_nothing_of_it(
    hostile: HostileBot, case: Unhandled
) -> None:
    live_hook = hostile.slack.new_response_url(channel="C0GENERAL", user=WHO)
    method, body, headers = case.signed(live_hook)
    calls, responses = len(hostile.slack.calls), len(hostile.slack.responses)
    rows = hostile.rows()
    logs = len(hostile.logs.records)

    started = time.monotonic()
    answer = hostile.request(method, body, headers)

    assert (answer.status, answer.body) == (200, case.answer)  # Slack gets its ack: no retry, no error shown
    assert time.monotonic() - started < 1
    assert hostile.slack.calls[calls:] == []
    assert hostile.slack.responses[responses:] == []
    assert hostile.rows()["attestations"] == rows["attestations"]
    assert hostile.rows()["audit_log"] == rows["audit_log"]
    logged = hostile.logs.text(since=logs, level=logging.INFO)
    assert not any(leak in logged for leak in (WHO, TEAM, SAID)), logged
    said = [
        (record.levelname, record.getMessage())
        for record in hostile.logs.records[logs:]
        if record.levelno >= logging.INFO and record.name.startswith(("bot.", "slack_bolt"))
    ]
    if case.name == "app_rate_limited":  # Slack is dropping our events: worth one line, naming no one
        assert len(said) == 1 and said[0][0] == "WARNING" and "app_rate_limited" in said[0][1], said
    else:  # bolt's "Unhandled request ({...body...})" with code suggestions, no more
        assert said in ([], [("INFO", "ignored an unknown action")]), said


# -- signed events the bot would answer, but with no place to answer in ---------------------------------


def _mention(**changes: object) -> dict[str, object]:
    event = payloads.app_mention(user_id=WHO, team_id=TEAM, text="linkedin")
    event.update(changes)
    return {key: value for key, value in event.items() if value is not _DROP}


def _dm_to_bot(**changes: object) -> dict[str, object]:
    event = payloads.dm_message(user_id=WHO, team_id=TEAM, text="linkedin")
    event.update(changes)
    return {key: value for key, value in event.items() if value is not _DROP}


NOWHERE_TO_ANSWER = {
    "mention without channel": _mention(channel=_DROP),
    "mention with channel null": _mention(channel=None),
    "mention with channel a list": _mention(channel=["C0GENERAL"]),
    "mention with channel a number": _mention(channel=7),
    "mention with channel an object": _mention(channel={"id": "C0GENERAL"}),
    "mention with a padded channel": _mention(channel=" C0GENERAL "),
    "DM without channel": _dm_to_bot(channel=_DROP),
    "DM with channel a list": _dm_to_bot(channel=["D0HOSTILE"]),
    "DM with channel an object": _dm_to_bot(channel={"id": "D0HOSTILE"}),
}


@pytest.mark.parametrize("event", NOWHERE_TO_ANSWER.values(), ids=NOWHERE_TO_ANSWER.keys())
def test_a_signed_event_without_a_channel_id_is_refused_quietly(hostile: HostileBot, event: dict[str, object]) -> None:
    calls, responses, rows = len(hostile.slack.calls), len(hostile.slack.responses), hostile.rows()
    logs = len(hostile.logs.records)

    answer = hostile.request(*_json(_event_of(event))(b""))

    assert answer.status in (200, 400)
    assert hostile.slack.calls[calls:] == []
    assert hostile.slack.responses[responses:] == []
    assert hostile.rows() == rows
    records = hostile.logs.records[logs:]
    assert [record.getMessage() for record in records if record.exc_info or record.levelno >= logging.ERROR] == []
    assert WHO not in hostile.logs.text(since=logs, level=logging.INFO)


# -- signed events naming their member or workspace with something that is not a Slack ID ----------------

BAD_EVENT_IDS = {
    "DM from a padded user": _event_of(_dm_to_bot(user=f" {WHO} ", text="done linkedin")),
    "DM from a lower-case user": _event_of(_dm_to_bot(user=WHO.lower(), text="done linkedin")),
    "DM in a numeric workspace": _event_of(_dm_to_bot(text="done linkedin")) | {"team_id": "1e+308"},
    "Home opened by a padded user": _event_of(payloads.app_home_opened(user_id=f"{WHO} ")),
}


@pytest.mark.parametrize("body", BAD_EVENT_IDS.values(), ids=BAD_EVENT_IDS.keys())
def test_a_signed_event_naming_anything_but_a_slack_id_is_refused(hostile: HostileBot, body: dict[str, object]) -> None:
    calls, rows = len(hostile.slack.calls), hostile.rows()

    answer = hostile.request(*_json(body)(b""))

    assert answer.status == 400
    assert hostile.rows() == rows  # no second member or workspace beside the real one
    assert hostile.slack.calls[calls:] == []
