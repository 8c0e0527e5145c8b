"""Settings pointed at the Slack stand-in, for the shell, tests and benchmarks: nothing read from this machine."""

from __future__ import annotations

from pydantic import SecretStr

from bot.config import Settings
from bot.local.fake_slack import FakeSlack
from bot.local.workspace import LOCAL_BOT_TOKEN, LOCAL_SIGNING_SECRET, MANAGERS_GROUP


def stand_in_settings(slack: FakeSlack, *, database_url: str, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "slack_bot_token": SecretStr(LOCAL_BOT_TOKEN),
        "slack_signing_secret": SecretStr(LOCAL_SIGNING_SECRET),
        "slack_api_url": slack.api_url,
        "database_url": database_url,
        # The stand-in's managers: Ben through this user group, Ada as workspace admin.
        "managers": (MANAGERS_GROUP,),
        **overrides,
    }
    return Settings.model_construct(**values)  # type: ignore[arg-type]
