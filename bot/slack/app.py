"""The bolt App factory: one configured WebClient, every listener registered."""

from __future__ import annotations

import logging

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import ConnectionErrorRetryHandler, RateLimitErrorRetryHandler

from bot.config import Settings
from bot.service import PrivacyService
from bot.slack.listeners import register

RATE_LIMIT_RETRIES = 10


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
) -> App:
    """`process_before_response` finishes each listener before answering Slack: for FaaS hosts, and for
    tests that must know the bot is done (e.g. that it did *not* reply)."""
    secret = settings.slack_signing_secret.get_secret_value() if settings.slack_signing_secret else ""
    app = App(
        client=client or build_client(settings),
        # Passed explicitly (even empty) so bolt never reads the environment behind config.py's back.
        signing_secret=secret,
        request_verification_enabled=not settings.socket_mode,
        process_before_response=process_before_response,
        logger=logging.getLogger("bot.slack"),
    )
    register(app, service=service, command=settings.slash_command)
    return app
