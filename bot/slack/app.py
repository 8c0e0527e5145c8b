"""The bolt App factory: one configured WebClient, every listener registered."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App, BoltRequest, BoltResponse
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import ConnectionErrorRetryHandler, RateLimitErrorRetryHandler

from bot.config import Settings
from bot.service import PrivacyService
from bot.slack import shapes
from bot.slack.listeners import register
from bot.slack.metrics import Metrics

log = logging.getLogger(__name__)

RATE_LIMIT_RETRIES = 10
BAD_SHAPE = "not a Slack payload"


class _MeasuredApp(App):
    """Dispatch is the one seam that HTTP and Socket Mode both go through: the shape check and the
    timing wrap it (bolt's global middleware cannot see the response)."""

    def __init__(self, *, metrics: Metrics, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.metrics = metrics

    def dispatch(self, req: BoltRequest) -> BoltResponse:
        wrong = shapes.problem(req.body)
        if wrong is not None:
            # The reason names a field, never a value from the body.
            log.debug("refused a signed body of the wrong shape: %s", wrong)
            return self.metrics.observe(req.body, lambda: BoltResponse(status=400, body=BAD_SHAPE), valid=False)
        return self.metrics.observe(req.body, lambda: super(_MeasuredApp, self).dispatch(req), valid=True)


class _QuietAboutOurClient(logging.Filter):
    """bolt warns that the token is unused whenever a client is given; ours carries the token."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("As you gave `client` as well")


def build_client(settings: Settings) -> WebClient:
    """A WebClient for SLACK_API_URL that waits out 429s (honouring Retry-After) instead of dropping calls."""
    token = settings.slack_bot_token.get_secret_value() if settings.slack_bot_token else None
    return WebClient(
        token=token,
        base_url=settings.slack_api_url,
        retry_handlers=[
            ConnectionErrorRetryHandler(max_retry_count=2),
            RateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES),
        ],
    )


def create_app(
    *,
    settings: Settings,
    service: PrivacyService,
    client: WebClient | None = None,
    process_before_response: bool = False,
    metrics: Metrics | None = None,
    socket_mode: bool = False,
) -> App:
    """`process_before_response` finishes each listener before answering Slack: for FaaS hosts, and for
    tests that must know the bot is done (e.g. that it did *not* reply). Requests are verified by
    whatever transport hands them over (`bot.slack.http` over HTTP, Slack itself over Socket Mode),
    so `socket_mode` changes nothing here."""
    secret = settings.slack_signing_secret.get_secret_value() if settings.slack_signing_secret else ""
    logger = logging.getLogger("bot.slack")
    if not any(isinstance(known, _QuietAboutOurClient) for known in logger.filters):
        logger.addFilter(_QuietAboutOurClient())
    app = _MeasuredApp(
        metrics=metrics or Metrics(),
        client=client or build_client(settings),
        # Passed explicitly (even empty) so bolt never reads the environment behind config.py's back.
        signing_secret=secret,
        # Over HTTP, bot.slack.http verifies every request (against the bot's clock) before a body is
        # parsed, so bolt never sees an unsigned one; bolt's own check would also log rejected bodies
        # at info. Over Socket Mode Slack authenticates the connection instead.
        request_verification_enabled=False,
        process_before_response=process_before_response,
        logger=logger,
    )
    register(app, service=service, command=settings.slash_command, metrics=app.metrics)
    return app
