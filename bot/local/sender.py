"""Drive the bot the way Slack does: signed HTTP POSTs to `/slack/events`, or envelopes over Socket Mode.

    sender = SignedSender("http://127.0.0.1:3000/slack/events", secret, response_urls=slack)
    assert sender.slash_command(text="linkedin").status == 200
    assert sender.forged().slash_command(text="status").status == 401

Both senders build their payloads with `bot.local.payloads`, so HTTP and Socket Mode see the same bytes
of meaning. Response URLs come from a `ResponseUrlIssuer` (a running `FakeSlack`) so `respond()` lands
somewhere a test can read.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any, Generic, Protocol, TypeVar
from urllib.parse import urlencode

from bot.local import limits, payloads
from bot.local.payloads import EnvelopeType
from bot.local.workspace import GENERAL, MEMBER

STALE_AGE = 6 * 60  # seconds; Slack apps reject requests more than 5 minutes old
FORM = "application/x-www-form-urlencoded"
JSON = "application/json"

R = TypeVar("R")


class ResponseUrlIssuer(Protocol):
    def new_response_url(
        self, *, channel: str | None = None, user: str | None = None, message_ts: str | None = None
    ) -> str: ...


class SocketPusher(Protocol):
    def socket_send(self, envelope: Mapping[str, Any], *, timeout: float = 5.0) -> dict[str, Any]: ...


@dataclass(frozen=True)
class Response:
    status: int
    headers: dict[str, str]  # names lower-cased
    text: str

    def json(self) -> Any:
        return json.loads(self.text)


def sign(*, signing_secret: str, timestamp: str, body: bytes) -> str:
    """Slack's v0 request signature: HMAC-SHA256 over `v0:{timestamp}:{body}`."""
    base = b"v0:" + timestamp.encode() + b":" + body
    return "v0=" + hmac.new(signing_secret.encode(), base, hashlib.sha256).hexdigest()


class _Driver(ABC, Generic[R]):
    """What Slack can send an app, independent of how it travels."""

    def __init__(self, *, command: str, response_urls: ResponseUrlIssuer | None) -> None:
        self.command = command
        self.response_urls = response_urls

    @abstractmethod
    def _send(
        self, kind: EnvelopeType, payload: dict[str, Any], *, retry_num: int | None, retry_reason: str | None
    ) -> R: ...

    def _response_url(self, *, channel: str, user: str, message_ts: str | None) -> str:
        if self.response_urls is None:
            return payloads.PLACEHOLDER_RESPONSE_URL
        return self.response_urls.new_response_url(channel=channel, user=user, message_ts=message_ts)

    def slash_command(
        self,
        *,
        text: str = "",
        user_id: str = MEMBER,
        channel_id: str = GENERAL,
        command: str | None = None,
        response_url: str | None = None,
        trigger: str | None = None,
    ) -> R:
        fields = payloads.slash_command(
            text=text,
            command=command or self.command,
            user_id=user_id,
            channel_id=channel_id,
            response_url=response_url or self._response_url(channel=channel_id, user=user_id, message_ts=None),
            trigger=trigger,
        )
        return self._send("slash_commands", dict(fields), retry_num=None, retry_reason=None)

    def block_action(
        self,
        *,
        action_id: str,
        value: str | None = None,
        block_id: str | None = None,
        user_id: str = MEMBER,
        channel_id: str = GENERAL,
        message: Mapping[str, Any] | None = None,
        container_ts: str | None = None,
        is_ephemeral: bool = False,
        view: Mapping[str, Any] | None = None,
        response_url: str | None = None,
        trigger: str | None = None,
    ) -> R:
        """A button click on a message (`message` or `container_ts`) or on the App Home (`view`)."""
        ts = (message or {}).get("ts") or container_ts
        if response_url is None and view is None:
            response_url = self._response_url(channel=channel_id, user=user_id, message_ts=ts)
        payload = payloads.block_actions(
            action_id=action_id,
            value=value,
            block_id=block_id,
            user_id=user_id,
            channel_id=channel_id,
            message=message,
            container_ts=container_ts,
            is_ephemeral=is_ephemeral,
            view=view,
            response_url=response_url or payloads.PLACEHOLDER_RESPONSE_URL,
            trigger=trigger,
        )
        return self._send("interactive", payload, retry_num=None, retry_reason=None)

    def event(
        self,
        event: Mapping[str, Any],
        *,
        event_id: str | None = None,
        retry_num: int | None = None,
        retry_reason: str | None = None,
    ) -> R:
        """An Events API delivery; `event` is the inner event (see `payloads.dm_message` …) or a full callback."""
        body = (
            dict(event) if event.get("type") == "event_callback" else payloads.event_callback(event, event_id=event_id)
        )
        return self._send("events_api", body, retry_num=retry_num, retry_reason=retry_reason)


@dataclass(frozen=True)
class _Tamper:
    forge: bool = False
    age: float = 0.0


class SignedSender(_Driver[Response]):
    """POSTs to the app's Request URL with Slack's headers and signature. Uses only urllib."""

    def __init__(
        self,
        url: str,
        signing_secret: str,
        *,
        clock: Callable[[], float] = time.time,
        response_urls: ResponseUrlIssuer | None = None,
        command: str = "/privacy",
        timeout: float = 10.0,
        settle: Callable[[], object] | None = None,
    ) -> None:
        """`settle`, when given, is called after each request: an in-process bot passes a function that
        waits until its replies after the ack have gone out, so the caller sees all of them."""
        super().__init__(command=command, response_urls=response_urls)
        self.url = url
        self.settle = settle
        self.signing_secret = signing_secret
        self.clock = clock
        self.timeout = timeout
        self._tamper = _Tamper()
        # Loopback must not go through a proxy from the environment.
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def forged(self) -> SignedSender:
        """The same sender, signing with a wrong secret (the app must answer 401)."""
        return self._variant(replace(self._tamper, forge=True))

    def stale(self, *, age: float = STALE_AGE) -> SignedSender:
        """The same sender, correctly signing a timestamp `age` seconds old (the app must answer 401)."""
        return self._variant(replace(self._tamper, age=age))

    def _variant(self, tamper: _Tamper) -> SignedSender:
        twin = SignedSender(
            self.url,
            self.signing_secret,
            clock=self.clock,
            response_urls=self.response_urls,
            command=self.command,
            timeout=self.timeout,
            settle=self.settle,
        )
        twin._tamper = tamper
        return twin

    def url_verification(self, *, challenge: str | None = None) -> Response:
        return self.post(json.dumps(payloads.url_verification(challenge=challenge)), content_type=JSON)

    def _send(
        self, kind: EnvelopeType, payload: dict[str, Any], *, retry_num: int | None, retry_reason: str | None
    ) -> Response:
        if kind == "slash_commands":
            return self.post(urlencode(payload), content_type=FORM)
        if kind == "interactive":
            return self.post(urlencode({"payload": json.dumps(payload)}), content_type=FORM)
        return self.post(json.dumps(payload), content_type=JSON, retry_num=retry_num, retry_reason=retry_reason)

    def post(
        self,
        body: bytes | str,
        *,
        content_type: str,
        retry_num: int | None = None,
        retry_reason: str | None = None,
    ) -> Response:
        """The raw request: sign `body` (honouring forged()/stale()) and POST it."""
        data = body.encode() if isinstance(body, str) else body
        timestamp = str(int(self.clock() - self._tamper.age))
        secret = self.signing_secret + "-forged" if self._tamper.forge else self.signing_secret
        headers = {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": timestamp,
            "X-Slack-Signature": sign(signing_secret=secret, timestamp=timestamp, body=data),
            "User-Agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
        }
        if retry_num is not None:
            headers["X-Slack-Retry-Num"] = str(retry_num)
            headers["X-Slack-Retry-Reason"] = retry_reason or "http_timeout"
        request = urllib.request.Request(self.url, data=data, headers=headers, method="POST")
        try:
            with self._opener.open(request, timeout=self.timeout) as answer:
                response = _response(answer.status, answer.headers.items(), answer.read())
        except urllib.error.HTTPError as e:
            response = _response(e.code, e.headers.items(), e.read())
        if self.settle is not None:
            self.settle()
        return response


def _response(status: int, headers: Any, raw: bytes) -> Response:
    response = Response(status=status, headers={k.lower(): v for k, v in headers}, text=raw.decode("utf-8", "replace"))
    _check_ack(response)
    return response


class InvalidAck(ValueError):
    """The bot acknowledged with a message Slack would refuse (`invalid_blocks`): the member would see Slack's
    error instead of the answer. Raised, so no test or shell session takes it for an answer."""


def _check_ack(response: Response) -> None:
    """What Slack checks in an ack that carries a message (a slash command's answer), as the stand-in checks a
    response_url's post."""
    if response.status != 200 or not response.headers.get("content-type", "").startswith(JSON):
        return
    try:
        body = json.loads(response.text)
    except ValueError:
        raise InvalidAck(f"the bot acknowledged with JSON Slack cannot read: {response.text[:200]!r}") from None
    if isinstance(body, dict) and "blocks" in body:
        errors = limits.check_blocks(body["blocks"], max_blocks=limits.MAX_MESSAGE_BLOCKS)
        if errors:
            raise InvalidAck("Slack would refuse the bot's answer (invalid_blocks): " + "; ".join(errors[:5]))


class SocketSender(_Driver[dict[str, Any]]):
    """Pushes the same payloads as Socket Mode envelopes through a running `FakeSlack`; returns the app's ack."""

    def __init__(
        self,
        link: SocketPusher,
        *,
        response_urls: ResponseUrlIssuer | None = None,
        command: str = "/privacy",
        timeout: float = 5.0,
    ) -> None:
        super().__init__(command=command, response_urls=response_urls)
        self.link = link
        self.timeout = timeout

    def _send(
        self, kind: EnvelopeType, payload: dict[str, Any], *, retry_num: int | None, retry_reason: str | None
    ) -> dict[str, Any]:
        envelope = payloads.envelope(payload, kind=kind, retry_attempt=retry_num or 0, retry_reason=retry_reason or "")
        ack = self.link.socket_send(envelope, timeout=self.timeout)
        answer = ack.get("payload") if isinstance(ack, dict) else None
        if isinstance(answer, dict) and "blocks" in answer:
            errors = limits.check_blocks(answer["blocks"], max_blocks=limits.MAX_MESSAGE_BLOCKS)
            if errors:
                raise InvalidAck("Slack would refuse the bot's answer (invalid_blocks): " + "; ".join(errors[:5]))
        return ack
