"""Settings pointed at the Slack stand-in: for the shell, tests, benchmarks and anything else run without Slack."""

from __future__ import annotations

from pydantic import SecretStr

from bot.config import Settings
from bot.local.workspace import LOCAL_BOT_TOKEN, LOCAL_SIGNING_SECRET, MANAGERS_GROUP


def stand_in_settings(
    *, api_url: str, database_url: str, base: Settings | None = None, **overrides: object
) -> Settings:
    """`base` (the operator's own settings, or the defaults) with Slack's side swapped for the stand-in's:
    its tokens, its Web API, HTTP mode, a database of the caller's choosing, and the stand-in's privacy
    team (Ben, through a user group) as managers unless MANAGERS names someone else."""
    settings = base or Settings.model_construct()
    return settings.model_copy(
        update={
            "slack_bot_token": SecretStr(LOCAL_BOT_TOKEN),
            "slack_signing_secret": SecretStr(LOCAL_SIGNING_SECRET),
            "slack_app_token": None,
            "slack_api_url": api_url,
            "database_url": database_url,
            "managers": settings.managers or (MANAGERS_GROUP,),
            **overrides,
        }
    )
