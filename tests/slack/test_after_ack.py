"""A reply to a request goes to the outbound worker only once the request's ack is written, so it can never
reach Slack before the ack does."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from slack_bolt import Ack, App

from bot.local.workspace import LOCAL_SIGNING_SECRET
from bot.slack.gateway import Outbound
from bot.slack.http import wsgi_app
from bot.slack.metrics import Metrics
from tests.wsgi_calls import bolt_app, call, signed_command


def _replying_app(outbound: Outbound, sent: list[str], *, fail_after_reply: bool = False) -> App:
    app = bolt_app()

    @app.command("/privacy")
    def answer(ack: Ack) -> None:
        outbound.submit("response_url", lambda: sent.append("the reply"))
        if fail_after_reply:
            raise RuntimeError("the listener broke after replying")
        ack(text="here is your guide")

    return app


def _served(app: App) -> tuple[str, Iterable[bytes]]:
    application = wsgi_app(
        app=app,
        healthy=lambda: True,
        metrics=Metrics(),
        signing_secret=LOCAL_SIGNING_SECRET,
        clock=lambda: datetime.now(UTC),
    )
    return call(application, signed_command())


def _close(body: Iterable[bytes]) -> None:
    """As a WSGI server does once the body is written (PEP 3333)."""
    close = getattr(body, "close", None)
    if close is not None:
        close()


def test_a_reply_is_handed_to_the_worker_once_the_ack_is_written() -> None:
    outbound, sent = Outbound(), []
    status, body = _served(_replying_app(outbound, sent))
    written = b"".join(body)  # what the server writes, before it closes the body
    assert status == "200 OK" and b"here is your guide" in written
    assert outbound.drain(timeout=2.0)
    assert sent == [], "the reply went out before the ack was written"
    _close(body)
    assert outbound.drain(timeout=2.0)
    assert sent == ["the reply"]
    outbound.stop()


def test_a_reply_handed_over_before_the_listener_broke_is_still_sent() -> None:
    outbound, sent = Outbound(), []
    status, body = _served(_replying_app(outbound, sent, fail_after_reply=True))
    b"".join(body)
    _close(body)
    assert status.startswith("500")
    assert outbound.drain(timeout=2.0)
    assert sent == ["the reply"]
    outbound.stop()


def test_a_reply_outside_a_request_is_handed_over_at_once() -> None:
    """Socket Mode, the scheduler and the workers themselves answer no HTTP request: nothing closes for them."""
    outbound, sent = Outbound(), []
    outbound.submit("chat.postMessage", lambda: sent.append("a DM"))
    assert outbound.drain(timeout=2.0)
    assert sent == ["a DM"]
    outbound.stop()
