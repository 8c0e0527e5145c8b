"""The bolt App factory: the one WebClient, the gateway, every listener registered."""

from __future__ import annotations

import logging
import time
from typing import Any

from slack_bolt import App, BoltRequest, BoltResponse
from slack_bolt.middleware.authorization import SingleTeamAuthorization
from slack_sdk.web import SlackResponse

from bot.config import Settings
from bot.core import REQUEST_BUDGET_S, answering_by
from bot.service import Services
from bot.slack import shapes
from bot.slack.commands import Commands
from bot.slack.gateway import SlackGateway
from bot.slack.listeners import Deps, register
from bot.slack.metrics import Metrics

log = logging.getLogger(__name__)

BAD_SHAPE = "not a Slack payload"


class _MeasuredApp(App):
    """Dispatch is the one seam that HTTP and Socket Mode both go through: the shape check and the
    timing wrap it (bolt's global middleware cannot see the response)."""

    def __init__(self, *, metrics: Metrics, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.metrics = metrics

    def dispatch(self, req: BoltRequest) -> BoltResponse:
        # For Socket Mode; over HTTP bot.slack.http started the clock on arrival, and the earlier deadline holds.
        with answering_by(time.monotonic() + REQUEST_BUDGET_S):
            return self._dispatch(req)

    def _dispatch(self, req: BoltRequest) -> BoltResponse:
        wrong = shapes.problem(req.body)
        if wrong is not None:
            # The reason names a field, never a value from the body.
            log.debug("refused a signed body of the wrong shape: %s", wrong)
            return self.metrics.observe(req.body, lambda: BoltResponse(status=400, body=BAD_SHAPE), valid=False)
        return self.metrics.observe(req.body, lambda: super(_MeasuredApp, self).dispatch(req), valid=True)


def metrics_of(app: App) -> Metrics:
    """The metrics `create_app` gave `app` (a fresh set for any other bolt app)."""
    return app.metrics if isinstance(app, _MeasuredApp) else Metrics()


def _authorize_with(app: App, identity: SlackResponse) -> None:
    """Hand the start-up auth.test answer to bolt's single-workspace authorization, which App takes no
    argument for. Without it bolt asks auth.test on the first request, while Slack waits for the ack."""
    found = [m for m in app._middleware_list if isinstance(m, SingleTeamAuthorization)]
    if not found:
        raise RuntimeError("bolt's SingleTeamAuthorization is missing: it would ask auth.test on a request")
    for middleware in found:
        middleware.auth_test_result = identity


class _QuietAboutOurClient(logging.Filter):
    """bolt warns that the token is unused whenever a client is given; ours carries the token."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("As you gave `client` as well")


def create_app(
    *,
    settings: Settings,
    services: Services,
    gateway: SlackGateway,
    identity: SlackResponse,
    metrics: Metrics | None = None,
) -> App:
    """Listeners run before the response (process_before_response): the answer to a slash command is
    its ack, and nothing waits on bolt's ack polling or a listener thread pool. Requests are verified
    by whatever transport hands them over (`bot.slack.http` over HTTP, Slack itself over Socket Mode).
    `identity` is the bot's auth.test answer from start-up: bolt authorizes requests with it."""
    secret = settings.slack_signing_secret.get_secret_value() if settings.slack_signing_secret else ""
    logger = logging.getLogger("bot.slack")
    if not any(isinstance(known, _QuietAboutOurClient) for known in logger.filters):
        logger.addFilter(_QuietAboutOurClient())
    app = _MeasuredApp(
        metrics=metrics or Metrics(),
        client=gateway.client,
        # Passed explicitly (even empty) so bolt never reads the environment behind config.py's back.
        signing_secret=secret,
        # Over HTTP, bot.slack.http verifies every request (against the bot's clock) before a body is
        # parsed, so bolt never sees an unsigned one; bolt's own check would also log rejected bodies
        # at info. Over Socket Mode Slack authenticates the connection instead.
        request_verification_enabled=False,
        process_before_response=True,
        # A request no listener takes goes to the one error path (bot/slack/errors.py), which answers 200
        # and logs nothing of it; bolt's default is a 404 and a warning quoting the body's fields.
        raise_error_for_unhandled_request=True,
        # Start-up asked auth.test already (bot/cli.py): bolt's own check would ask a second time.
        token_verification_enabled=False,
        logger=logger,
    )
    _authorize_with(app, identity)
    commands = Commands(services=services, command=settings.slash_command, metrics=app.metrics)
    register(app, found=Deps(services=services, commands=commands, gateway=gateway), command=settings.slash_command)
    return app
