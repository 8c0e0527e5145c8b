"""Settings pointed at the Slack stand-in: for the shell, the benchmark and anything else run without Slack."""

from __future__ import annotations

from pydantic import SecretStr

from bot.config import Settings
from bot.local.workspace import LOCAL_BOT_TOKEN, LOCAL_SIGNING_SECRET


def stand_in_settings(*, api_url: str, database_url: str, base: Settings | None = None) -> Settings:
    """`base` (the operator's own settings, or the defaults) with Slack's side swapped for the stand-in's:
    its tokens, its Web API, HTTP mode, and a database of the caller's choosing."""
    return (base or Settings.model_construct()).model_copy(
        update={
            "slack_bot_token": SecretStr(LOCAL_BOT_TOKEN),
            "slack_signing_secret": SecretStr(LOCAL_SIGNING_SECRET),
            "slack_app_token": None,
            "slack_api_url": api_url,
            "database_url": database_url,
        }
    )
