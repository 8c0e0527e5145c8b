"""HTTP 429 with Retry-After, and slack_sdk's RateLimitErrorRetryHandler honouring it without real sleeping."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry import builtin_handlers
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler

from bot.local import workspace as ws
from bot.local.clock import ManualClock
from bot.local.fake_slack import FakeSlack
from bot.local.workspace import LOCAL_BOT_TOKEN


@pytest.fixture
def patient_client(slack: FakeSlack, clock: ManualClock, monkeypatch: pytest.MonkeyPatch) -> WebClient:
    """A client that retries on 429; its sleep advances the stand-in's clock instead of waiting."""
    monkeypatch.setattr(builtin_handlers, "time", SimpleNamespace(sleep=clock.sleep))
    return WebClient(
        token=LOCAL_BOT_TOKEN,
        base_url=slack.api_url,
        retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=2)],
    )


def test_throttled_call_gets_429_with_retry_after(slack: FakeSlack, client: WebClient) -> None:
    slack.throttle("chat.postMessage", allow=1, refuse=1, retry_after=7)
    client.chat_postMessage(channel=ws.GENERAL, text="first")
    with pytest.raises(SlackApiError) as info:
        client.chat_postMessage(channel=ws.GENERAL, text="second")
    assert info.value.response.status_code == 429
    assert info.value.response.headers["Retry-After"] == "7"
    assert info.value.response["error"] == "ratelimited"
    client.chat_postMessage(channel=ws.GENERAL, text="third")  # the script is spent
    assert [m.text for m in slack.messages(ws.GENERAL)] == ["first", "third"]
    assert [c.status for c in slack.calls_to("chat.postMessage")] == [200, 429, 200]


def test_per_second_window_and_retry_handler(slack: FakeSlack, patient_client: WebClient, clock: ManualClock) -> None:
    slack.set_rate("chat.postMessage", 2)
    for n in range(5):
        patient_client.chat_postMessage(channel=ws.GENERAL, text=f"reminder {n}")
    assert [m.text for m in slack.messages(ws.GENERAL)] == [f"reminder {n}" for n in range(5)]
    refused = slack.calls_to("chat.postMessage", ok=False)
    assert [c.status for c in refused] == [429, 429]  # the 3rd and the 5th waited for the next window
    assert len(clock.slept) == 2 and all(1 <= s < 2 for s in clock.slept)  # Retry-After 1, plus jitter


def test_other_methods_are_not_limited(slack: FakeSlack, client: WebClient) -> None:
    slack.set_rate("chat.postMessage", 1)
    for _ in range(5):
        client.users_info(user=ws.MEMBER)
    assert all(c.ok for c in slack.calls)
