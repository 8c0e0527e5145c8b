"""A slow, hung or rate-limiting Slack never slows an ack; what was queued is delivered once Slack recovers."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bot.local import payloads
from bot.local.fake_slack import FakeSlack
from bot.local.sender import Response, SignedSender
from bot.local.workspace import GENERAL, LOCAL_SIGNING_SECRET, MEMBER, im_channel_id
from bot.slack.plaintext import render
from tests.botproc import start_http_bot, wait_until

ACK_BUDGET_S = 0.3  # DESIGN.md: acks in well under a second; the target is 300 ms
GUIDE = "linkedin-ai-training"
CLIENTS = 8  # as many as the HTTP threads of `privacy-bot run`


@pytest.fixture
def unsettled(slack: FakeSlack, tmp_path: Path) -> Iterator[SignedSender]:
    """`privacy-bot run --http` in a process of its own, as deployed, and a sender that does not wait for
    the bot's later replies: Slack is the thing that is stuck. (A bot inside the test process would share
    one interpreter lock with the clients and the stand-in, and the test would time that lock instead.)"""
    bot = start_http_bot(slack.api_url, tmp_path, flags=("--no-scheduler",))
    try:
        yield SignedSender(bot.url, LOCAL_SIGNING_SECRET, response_urls=slack, timeout=5.0)
    finally:
        bot.stop()


def timed(send: object) -> tuple[Response, float]:
    started = time.perf_counter()
    response = send()  # type: ignore[operator]
    return response, time.perf_counter() - started


def burst(sender: SignedSender, count: int) -> list[tuple[Response, float]]:
    """`count` slash commands and `count` clicks at once, from as many clients as the bot has threads."""

    def command(_: int) -> tuple[Response, float]:
        return timed(lambda: sender.slash_command(text="linkedin"))

    def click(_: int) -> tuple[Response, float]:
        return timed(
            lambda: sender.block_action(
                action_id="attest_confirmed", value=f"{GUIDE}|desktop", container_ts="1.2", is_ephemeral=True
            )
        )

    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        return list(pool.map(command, range(count))) + list(pool.map(click, range(count)))


def test_acks_stay_fast_while_slack_is_hung_and_replies_arrive_after(unsettled: SignedSender, slack: FakeSlack) -> None:
    with slack.hung():
        # A DM question first: its reply is stuck in Slack, as are the clicks' message updates.
        assert unsettled.event(payloads.dm_message(user_id=MEMBER, text="linkedin")).status == 200
        results = burst(unsettled, 20)
    assert [response.status for response, _ in results] == [200] * 40
    slowest = max(seconds for _, seconds in results)
    assert slowest < ACK_BUDGET_S, f"slowest ack {slowest * 1000:.0f} ms of {[round(s * 1000) for _, s in results]}"
    commands = [json.loads(response.text) for response, _ in results[:20]]
    assert all("Stop LinkedIn" in render(body["blocks"]) for body in commands)
    # Once Slack answers again, every queued reply goes out: one DM and 20 message updates.
    wait_until(lambda: len(slack.responses) == 20 and slack.dm_messages(MEMBER), timeout=15, what="queued replies")
    assert len(slack.dm_messages(MEMBER)) == 1


def test_acks_stay_fast_during_a_429_storm_and_nothing_queued_is_lost(
    unsettled: SignedSender, slack: FakeSlack
) -> None:
    slack.throttle("chat.postMessage", allow=0, refuse=12, retry_after=1)
    for _ in range(6):
        assert unsettled.event(payloads.dm_message(user_id=MEMBER, text="linkedin")).status == 200
    results = burst(unsettled, 20)
    assert [response.status for response, _ in results] == [200] * 40
    slowest = max(seconds for _, seconds in results)
    assert slowest < ACK_BUDGET_S, f"slowest ack {slowest * 1000:.0f} ms of {[round(s * 1000) for _, s in results]}"
    wait_until(lambda: len(slack.dm_messages(MEMBER)) >= 6, timeout=30, what="the six DM replies")
    assert len(slack.dm_messages(MEMBER)) == 6
    refused = [call for call in slack.calls_to("chat.postMessage") if call.status == 429]
    assert len(refused) == 12


def test_a_rate_limited_method_does_not_hold_up_click_replies(unsettled: SignedSender, slack: FakeSlack) -> None:
    # chat.postMessage refused for the whole test: more DM replies wait out Retry-After than the bot has
    # outbound workers. A click's reply goes to its response_url, which Slack is not limiting.
    slack.throttle("chat.postMessage", allow=0, refuse=10**6, retry_after=1)
    for _ in range(12):
        assert unsettled.event(payloads.dm_message(user_id=MEMBER, text="linkedin")).status == 200
    started = time.monotonic()
    for _ in range(5):
        clicked = unsettled.block_action(
            action_id="attest_confirmed", value=f"{GUIDE}|desktop", container_ts="1.2", is_ephemeral=True
        )
        assert clicked.status == 200
    wait_until(lambda: len(slack.responses) == 5, timeout=10, what="the five click replies")
    assert time.monotonic() - started < 3, "click replies waited behind the rate-limited DMs"
    assert slack.dm_messages(MEMBER) == []  # the storm is still on
    slack.throttle("chat.postMessage", allow=0, refuse=0)


def test_a_slack_error_on_a_reply_is_logged_and_the_next_request_is_served(
    sender: SignedSender, slack: FakeSlack
) -> None:
    with slack.lock:
        # The bot was removed from the DM: posting there fails for good.
        slack.workspace.im_channel(MEMBER).members.remove(slack.workspace.bot_user_id)
    assert sender.event(payloads.dm_message(user_id=MEMBER, text="linkedin")).status == 200
    assert slack.calls_to("chat.postMessage", ok=False)
    assert sender.slash_command(text="status").status == 200
    assert im_channel_id(MEMBER) not in {m.channel for m in slack.messages(GENERAL)}
