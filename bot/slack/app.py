"""The bolt App factory: the one WebClient, the gateway, every listener registered."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App, BoltRequest, BoltResponse

from bot.config import Settings
from bot.service import Services
from bot.slack.commands import Commands
from bot.slack.gateway import SlackGateway
from bot.slack.listeners import Deps, register
from bot.slack.metrics import Metrics


class _MeasuredApp(App):
    """bolt's global middleware cannot see the response, so timing wraps dispatch, the one seam that
    HTTP and Socket Mode both go through."""

    def __init__(self, *, metrics: Metrics, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.metrics = metrics

    def dispatch(self, req: BoltRequest) -> BoltResponse:
        return self.metrics.observe(req.body, lambda: super(_MeasuredApp, self).dispatch(req))


class _QuietAboutOurClient(logging.Filter):
    """bolt warns that the token is unused whenever a client is given; ours carries the token."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("As you gave `client` as well")


def create_app(
    *,
    settings: Settings,
    services: Services,
    gateway: SlackGateway,
    metrics: Metrics | None = None,
    socket_mode: bool = False,
) -> App:
    """Listeners run before the response (process_before_response): the answer to a slash command is
    its ack, and nothing waits on bolt's ack polling or a listener thread pool."""
    secret = settings.slack_signing_secret.get_secret_value() if settings.slack_signing_secret else ""
    logger = logging.getLogger("bot.slack")
    if not any(isinstance(known, _QuietAboutOurClient) for known in logger.filters):
        logger.addFilter(_QuietAboutOurClient())
    app = _MeasuredApp(
        metrics=metrics or Metrics(),
        client=gateway.client,
        # Passed explicitly (even empty) so bolt never reads the environment behind config.py's back.
        signing_secret=secret,
        # Over Socket Mode Slack authenticates the connection instead; over HTTP every request is checked,
        # whatever else is configured.
        request_verification_enabled=not socket_mode,
        process_before_response=True,
        logger=logger,
    )
    commands = Commands(services=services, command=settings.slash_command, metrics=app.metrics)
    register(app, found=Deps(services=services, commands=commands, gateway=gateway), command=settings.slash_command)
    return app
