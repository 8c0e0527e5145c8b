from __future__ import annotations

from collections.abc import Iterator

import pytest
from slack_sdk import WebClient

from bot.local.clock import ManualClock
from bot.local.fake_slack import FakeSlack
from bot.local.workspace import LOCAL_APP_TOKEN, LOCAL_BOT_TOKEN


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def slack(clock: ManualClock) -> Iterator[FakeSlack]:
    with FakeSlack(bot_token=LOCAL_BOT_TOKEN, app_token=LOCAL_APP_TOKEN, clock=clock) as fake:
        yield fake


@pytest.fixture
def client(slack: FakeSlack) -> WebClient:
    return WebClient(token=LOCAL_BOT_TOKEN, base_url=slack.api_url, timeout=5)
