"""Replies to clicks go to their response_urls over kept-alive connections, through real HTTP to the stand-in."""

from __future__ import annotations

import logging
import socket
import time
from collections.abc import Iterator

import pytest

from bot.local import workspace as ws
from bot.local.fake_slack import RESPONSE_URL_LIMIT, FakeSlack
from bot.local.sender import SignedSender
from bot.service.ports import RateLimited, SlackError
from bot.slack.gateway import Outbound, SlackGateway, build_client
from bot.slack.plaintext import render
from bot.slack.response_urls import LONGEST_HOLD_S, ResponseUrls, hosts_for, retry_after_seconds
from tests.botproc import wait_until


@pytest.fixture
def gateway(slack: FakeSlack) -> Iterator[SlackGateway]:
    outbound = Outbound()
    yield SlackGateway(client=build_client(token="xoxb-test", base_url=slack.api_url), outbound=outbound)
    outbound.stop()


def _reply(n: int) -> dict[str, object]:
    return {"text": f"Noted {n}", "replace_original": False, "response_type": "ephemeral"}


def test_replies_to_many_clicks_reuse_a_few_connections(slack: FakeSlack, gateway: SlackGateway) -> None:
    urls = [slack.new_response_url(channel=ws.GENERAL, user=ws.MEMBER) for _ in range(40)]
    before = slack.connections_accepted
    for n, url in enumerate(urls):
        gateway.respond_later(url, _reply(n))
    assert gateway.outbound.drain(timeout=10)
    assert sorted(post.body["text"] for post in slack.responses) == sorted(f"Noted {n}" for n in range(40))
    # One per outbound worker at most, where one connection per reply (and TLS handshake) was the rule.
    assert slack.connections_accepted - before <= gateway.outbound.workers


def test_a_connection_slack_closed_is_replaced_without_losing_the_reply(slack: FakeSlack) -> None:
    replies = ResponseUrls(hosts=hosts_for(slack.api_url), connections=1)
    replies.post(slack.new_response_url(channel=ws.GENERAL, user=ws.MEMBER), _reply(1))
    slack.drop_connections()  # idle keep-alive connections are closed by Slack's side after a while
    replies.post(slack.new_response_url(channel=ws.GENERAL, user=ws.MEMBER), _reply(2))
    assert [post.body["text"] for post in slack.responses] == ["Noted 1", "Noted 2"]
    assert slack.connections_accepted == 2


def test_an_expired_response_url_is_an_error_that_names_no_one(slack: FakeSlack) -> None:
    replies = ResponseUrls(hosts=hosts_for(slack.api_url), connections=1)
    with pytest.raises(SlackError) as refused:
        replies.post(f"{slack.base_url}response/no-such-url", _reply(1))
    assert refused.value.code == "http_404" and not refused.value.retryable


def test_a_stopped_slack_is_an_error_the_worker_can_retry_later(slack: FakeSlack) -> None:
    waits: list[float] = []
    replies = ResponseUrls(hosts=hosts_for(slack.api_url), connections=1, retry_wait=waits.append)
    url = slack.new_response_url(channel=ws.GENERAL, user=ws.MEMBER)
    replies.post(url, _reply(1))
    slack.stop()
    with pytest.raises(SlackError) as refused:
        replies.post(url, _reply(2))
    assert refused.value.retryable
    assert waits == [0.5]  # tried three times: again at once, then half a second later
    assert [post.body["text"] for post in slack.responses] == ["Noted 1"]


def test_replies_left_when_the_bot_stops_are_dropped_with_a_count_and_none_is_sent_later(
    slack: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    outbound = Outbound()
    gateway = SlackGateway(client=build_client(token="xoxb-test", base_url=slack.api_url), outbound=outbound)
    urls = [slack.new_response_url(channel=ws.GENERAL, user=ws.MEMBER) for _ in range(7)]
    with slack.hung():  # Slack takes the first 4 (one per worker) and answers none before the stop
        for n, url in enumerate(urls[:6]):
            gateway.respond_later(url, _reply(n))
        outbound.stop(timeout=0.2)
        gateway.respond_later(urls[6], _reply(6))  # from work that outlived its own stop budget
    assert outbound.drain(timeout=10)
    assert len(slack.responses) == outbound.workers  # those in flight; the 2 queued were dropped, as logged
    logged = [record.getMessage() for record in caplog.records if record.name == "bot.slack.gateway"]
    assert "stopping: 2 response_url replies not sent in time, dropped" in logged
    assert "stopping: dropped a response_url reply (1 dropped so far)" in logged
    assert not any(ws.MEMBER in line or "Noted" in line for line in logged)


def test_a_reply_slack_rate_limits_is_posted_once_its_retry_after_is_over(
    slack: FakeSlack, gateway: SlackGateway
) -> None:
    slack.throttle(RESPONSE_URL_LIMIT, allow=0, refuse=1, retry_after=1)
    started = time.time()  # the stand-in's clock
    gateway.respond_later(slack.new_response_url(channel=ws.GENERAL, user=ws.MEMBER), _reply(1))
    assert gateway.outbound.drain(timeout=10)
    assert [post.body["text"] for post in slack.responses] == ["Noted 1"]  # not dropped
    assert 0.95 < slack.responses[0].at - started < 2  # as long as Slack asked, and no longer


def _click(sender: SignedSender, user: str) -> int:
    return sender.block_action(
        action_id="attest_confirmed", value="linkedin-ai-training|desktop", user_id=user, is_ephemeral=True
    ).status


def test_a_429_on_one_members_response_url_does_not_hold_another_members_reply(
    sender: SignedSender, slack: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    # Slack limits each response_url on its own (a few posts in 30 minutes). The first member's URL is
    # refused for longer than a reply is worth waiting for; the second member's URL is fine.
    slack.throttle(RESPONSE_URL_LIMIT, allow=0, refuse=1, retry_after=200)
    started = time.monotonic()
    assert _click(sender, ws.MEMBER) == 200
    assert _click(sender, ws.MEMBER_IST) == 200
    assert time.monotonic() - started < 3  # neither reply waited out the 200 s
    seen = [(post.user, post.status) for post in slack.responses]
    assert seen == [(ws.MEMBER_IST, 200)]  # the second member sees "Recorded"; the first was given up
    assert "Recorded" in render(slack.responses[0].body["blocks"])
    failed = [record.getMessage() for record in caplog.records if "response_url failed" in record.getMessage()]
    assert failed == ["response_url failed: ratelimited"]


def test_replies_to_urls_slack_holds_wait_apart_and_other_replies_go_at_once(
    slack: FakeSlack, gateway: SlackGateway
) -> None:
    # More URLs held at once than the outbound has workers: none of them may hold a worker either.
    held = [slack.new_response_url(channel=ws.GENERAL, user=ws.MEMBER) for _ in range(gateway.outbound.workers + 2)]
    slack.throttle(RESPONSE_URL_LIMIT, allow=0, refuse=len(held), retry_after=1)
    for n, url in enumerate(held):
        gateway.respond_later(url, _reply(n))
    wait_until(lambda: gateway.response_urls.holding == len(held), timeout=5, what="Slack's 429 for each")
    started = time.monotonic()
    gateway.respond_later(slack.new_response_url(channel=ws.GENERAL, user=ws.MEMBER_IST), _reply(99))
    slack.wait_for(lambda: slack.responses, timeout=0.5)
    assert time.monotonic() - started < 0.5
    assert [post.body["text"] for post in slack.responses] == ["Noted 99"]
    # Each held reply goes once its own Retry-After is over.
    assert gateway.outbound.drain(timeout=10)
    assert sorted(post.body["text"] for post in slack.responses) == sorted(
        [f"Noted {n}" for n in range(len(held))] + ["Noted 99"]
    )
    assert {post.url for post in slack.responses} == {*held, slack.responses[0].url}


def test_holds_on_response_urls_are_forgotten_once_over(slack: FakeSlack) -> None:
    now = [1000.0]
    replies = ResponseUrls(hosts=hosts_for(slack.api_url), connections=1, clock=lambda: now[0])
    slack.throttle(RESPONSE_URL_LIMIT, allow=0, refuse=50, retry_after=30)
    for _ in range(50):
        with pytest.raises(RateLimited):
            replies.post(slack.new_response_url(channel=ws.GENERAL, user=ws.MEMBER), _reply(1))
    assert replies.holding == 50
    now[0] += 31  # every hold is over: a long-running bot keeps none of them
    replies.post(slack.new_response_url(channel=ws.GENERAL, user=ws.MEMBER), _reply(2))
    assert replies.holding == 0


def test_a_reply_waiting_out_a_retry_after_when_the_bot_stops_is_dropped_with_a_count(
    slack: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    outbound = Outbound()
    gateway = SlackGateway(client=build_client(token="xoxb-test", base_url=slack.api_url), outbound=outbound)
    slack.throttle(RESPONSE_URL_LIMIT, allow=0, refuse=1, retry_after=100)
    gateway.respond_later(slack.new_response_url(channel=ws.GENERAL, user=ws.MEMBER), _reply(1))
    wait_until(lambda: gateway.response_urls.holding == 1, timeout=5, what="Slack's 429")
    outbound.stop(timeout=0.2)
    assert outbound.drain(timeout=1)  # nothing left waiting: it is not sent after the stop
    logged = [record.getMessage() for record in caplog.records if record.name == "bot.slack.gateway"]
    assert logged == ["stopping: 1 response_url replies not sent in time, dropped"]
    assert slack.responses == []


def test_a_response_url_not_on_slacks_hosts_is_never_posted_to(
    slack: FakeSlack, gateway: SlackGateway, caplog: pytest.LogCaptureFixture
) -> None:
    """The URL comes in the request: signed with a leaked secret, one pointing into the bot's own network would
    have had the bot post there. Only Slack's hook hosts are posted to (the stand-in's, here)."""
    with socket.create_server(("127.0.0.1", 0)) as elsewhere:
        elsewhere.setblocking(False)
        port = elsewhere.getsockname()[1]
        with caplog.at_level(logging.WARNING):
            for url in (f"http://localhost:{port}/actions/T0/1/key", f"http://169.254.169.254:{port}/latest"):
                gateway.respond_later(url, _reply(1))
            gateway.respond_later(slack.new_response_url(channel=ws.GENERAL, user=ws.MEMBER), _reply(2))
            assert gateway.outbound.drain(timeout=10)
        with pytest.raises(BlockingIOError):
            elsewhere.accept()  # nobody connected
    assert [post.body["text"] for post in slack.responses] == ["Noted 2"]
    refused = [record.getMessage() for record in caplog.records if "response_url_not_slack" in record.getMessage()]
    assert len(refused) == 2 and not any("key" in line or "169.254" in line for line in refused)


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("2.5", 2.5),  # the start-up check read it with int() and failed on a fraction
        (["3"], 3.0),
        (None, 1.0),
        ("soon", 1.0),
        ("-5", 0.0),
        ("nan", 1.0),
        ("-inf", 1.0),
        # A relay or a Slack gone wrong must not hold a method or a member's reply for good.
        ("inf", LONGEST_HOLD_S),
        ("1e308", LONGEST_HOLD_S),
    ],
)
def test_a_retry_after_is_read_as_seconds_never_forever(header: object, seconds: float) -> None:
    assert retry_after_seconds(header) == seconds
