"""SignedSender speaks to an app exactly like Slack: checked with slack_sdk's verifier and a real bolt App."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest
from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk import WebClient
from slack_sdk.signature import Clock, SignatureVerifier

from bot.local import payloads
from bot.local import workspace as ws
from bot.local.fake_slack import FakeSlack
from bot.local.sender import InvalidAck, SignedSender
from bot.local.workspace import LOCAL_BOT_TOKEN, LOCAL_SIGNING_SECRET

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def _serve(app: WsgiApp) -> Iterator[str]:
    server: WSGIServer = make_server("127.0.0.1", 0, app, handler_class=_Quiet)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/slack/events"
    finally:
        server.shutdown()
        server.server_close()


class Capture:
    """Records what arrived, as raw as an app sees it."""

    def __init__(self) -> None:
        self.requests: list[tuple[dict[str, str], bytes]] = []

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        headers = {k[5:].replace("_", "-").lower(): v for k, v in environ.items() if k.startswith("HTTP_")}
        headers["content-type"] = environ.get("CONTENT_TYPE", "")
        self.requests.append((headers, body))
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b""]


@pytest.fixture
def capture() -> Capture:
    return Capture()


@pytest.fixture
def capture_url(capture: Capture) -> Iterator[str]:
    yield from _serve(capture)


def _verified(headers: dict[str, str], body: bytes, *, now: float | None = None) -> bool:
    verifier = (
        SignatureVerifier(LOCAL_SIGNING_SECRET, clock=_Clock(now)) if now else SignatureVerifier(LOCAL_SIGNING_SECRET)
    )
    return verifier.is_valid(
        body=body, timestamp=headers["x-slack-request-timestamp"], signature=headers["x-slack-signature"]
    )


class _Clock(Clock):
    def __init__(self, now: float) -> None:
        self._now = now

    def now(self) -> float:
        return self._now


def test_signature_verifies_and_forged_or_stale_does_not(capture: Capture, capture_url: str) -> None:
    sender = SignedSender(capture_url, LOCAL_SIGNING_SECRET)
    sender.slash_command(text="help")
    sender.forged().slash_command(text="help")
    sender.stale().slash_command(text="help")
    (good, forged, stale) = capture.requests
    assert _verified(*good)
    assert not _verified(*forged)
    assert not _verified(*stale)
    age = int(good[0]["x-slack-request-timestamp"]) - int(stale[0]["x-slack-request-timestamp"])
    assert age > 5 * 60
    assert _verified(*stale, now=float(stale[0]["x-slack-request-timestamp"]))  # only its age is wrong


def test_content_types_and_bodies_match_slack(capture: Capture, capture_url: str) -> None:
    sender = SignedSender(capture_url, LOCAL_SIGNING_SECRET)
    sender.slash_command(text="linkedin iphone", user_id=ws.ADMIN)
    sender.block_action(action_id="confirm", value="linkedin-ai-training", container_ts="1.000001", is_ephemeral=True)
    sender.event(payloads.dm_message(text="how do I opt out?"), retry_num=1, retry_reason="http_timeout")
    (command, action, event) = capture.requests

    assert command[0]["content-type"] == "application/x-www-form-urlencoded"
    fields = {k: v[0] for k, v in parse_qs(command[1].decode(), keep_blank_values=True).items()}
    assert (fields["command"], fields["text"], fields["user_id"]) == ("/privacy", "linkedin iphone", ws.ADMIN)
    assert fields["team_id"] == ws.TEAM_ID and fields["trigger_id"] and fields["response_url"]

    assert action[0]["content-type"] == "application/x-www-form-urlencoded"
    payload = json.loads(parse_qs(action[1].decode())["payload"][0])
    assert payload["type"] == "block_actions" and "message" not in payload  # ephemeral: Slack omits it
    assert payload["actions"][0]["action_id"] == "confirm" and payload["container"]["is_ephemeral"] is True

    assert event[0]["content-type"] == "application/json"
    assert (event[0]["x-slack-retry-num"], event[0]["x-slack-retry-reason"]) == ("1", "http_timeout")
    body = json.loads(event[1])
    assert body["type"] == "event_callback" and body["event"]["channel_type"] == "im"
    assert body["event_id"].startswith("Ev") and body["authorizations"][0]["user_id"] == ws.BOT_USER_ID


@pytest.fixture
def bolt_url(slack: FakeSlack) -> Iterator[str]:
    """A real bolt App behind a WSGI server, talking to the stand-in: the path the bot takes in HTTP mode."""
    app = App(client=WebClient(token=LOCAL_BOT_TOKEN, base_url=slack.api_url), signing_secret=LOCAL_SIGNING_SECRET)

    @app.command("/privacy")
    def command(ack: Any, respond: Any, command: dict[str, Any]) -> None:
        ack()
        respond(f"you asked: {command['text']}")

    @app.action("confirm")
    def confirm(ack: Any, respond: Any) -> None:
        ack()
        respond(text="Thanks, noted.", replace_original=True)

    @app.event("message")
    def direct_message(event: dict[str, Any], say: Any) -> None:
        say(f"echo: {event['text']}")

    yield from _serve(SlackRequestHandler(app))


def test_bolt_accepts_signed_requests_and_rejects_bad_ones(slack: FakeSlack, bolt_url: str) -> None:
    sender = SignedSender(bolt_url, LOCAL_SIGNING_SECRET, response_urls=slack)
    assert sender.slash_command(text="linkedin").status == 200
    reply = slack.wait_for(lambda: slack.messages(ws.GENERAL))[0]
    assert (reply.text, reply.ephemeral_to) == ("you asked: linkedin", ws.MEMBER)

    assert sender.forged().slash_command(text="forged").status == 401
    assert sender.stale().slash_command(text="stale").status == 401
    assert len(slack.responses) == 1  # the rejected ones changed nothing

    challenge = sender.url_verification(challenge="abc123")
    assert challenge.status == 200 and challenge.json() == {"challenge": "abc123"}


def test_bolt_round_trip_for_a_button_and_a_dm(slack: FakeSlack, bolt_url: str) -> None:
    client = WebClient(token=LOCAL_BOT_TOKEN, base_url=slack.api_url)
    posted = client.chat_postMessage(channel=ws.GENERAL, text="Did you opt out?")
    sender = SignedSender(bolt_url, LOCAL_SIGNING_SECRET, response_urls=slack)
    assert sender.block_action(action_id="confirm", value="x", message=posted["message"]).status == 200
    slack.wait_for(lambda: slack.message(ws.GENERAL, posted["ts"]).edits)  # type: ignore[union-attr]
    assert slack.messages(ws.GENERAL)[0].text == "Thanks, noted."

    assert sender.event(payloads.dm_message(text="hello", user_id=ws.MEMBER)).status == 200
    dm = slack.wait_for(lambda: slack.dm_messages(ws.MEMBER))[0]
    assert dm.text == "echo: hello"


def _answering(body: dict[str, Any]) -> WsgiApp:
    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        data = json.dumps(body).encode()
        start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(data)))])
        return [data]

    return app


@pytest.mark.parametrize(
    ("blocks", "refused"),
    [
        ([{"type": "section", "text": {"type": "mrkdwn", "text": "hi"}}] * 51, True),  # Slack shows at most 50
        ([{"type": "section", "text": {"type": "mrkdwn", "text": "x" * 3001}}], True),
        ([{"type": "section", "text": {"type": "mrkdwn", "text": "hi"}}], False),
    ],
    ids=["51-blocks", "3001-characters", "fine"],
)
def test_an_answer_slack_would_refuse_is_an_error_not_an_answer(blocks: list[Any], refused: bool) -> None:
    # As the stand-in refuses such a message posted to a response_url: the member would see Slack's error.
    for url in _serve(_answering({"response_type": "ephemeral", "blocks": blocks})):
        sender = SignedSender(url, LOCAL_SIGNING_SECRET)
        if refused:
            with pytest.raises(InvalidAck, match="invalid_blocks"):
                sender.slash_command(text="linkedin")
        else:
            assert sender.slash_command(text="linkedin").status == 200
