"""Replies to clicks go to their response_urls over kept-alive connections, through real HTTP to the stand-in."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.local import workspace as ws
from bot.local.fake_slack import RESPONSE_URL_LIMIT, FakeSlack
from bot.service.ports import SlackError
from bot.slack import gateway as gateway_module
from bot.slack.gateway import Outbound, SlackGateway, build_client
from bot.slack.response_urls import ResponseUrls


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
    replies = ResponseUrls(connections=1)
    replies.post(slack.new_response_url(channel=ws.GENERAL, user=ws.MEMBER), _reply(1))
    slack.drop_connections()  # idle keep-alive connections are closed by Slack's side after a while
    replies.post(slack.new_response_url(channel=ws.GENERAL, user=ws.MEMBER), _reply(2))
    assert [post.body["text"] for post in slack.responses] == ["Noted 1", "Noted 2"]
    assert slack.connections_accepted == 2


def test_an_expired_response_url_is_an_error_that_names_no_one(slack: FakeSlack) -> None:
    replies = ResponseUrls(connections=1)
    with pytest.raises(SlackError) as refused:
        replies.post(f"{slack.base_url}response/no-such-url", _reply(1))
    assert refused.value.code == "http_404" and not refused.value.retryable


def test_a_stopped_slack_is_an_error_the_worker_can_retry_later(slack: FakeSlack) -> None:
    replies = ResponseUrls(connections=1)
    url = slack.new_response_url(channel=ws.GENERAL, user=ws.MEMBER)
    replies.post(url, _reply(1))
    slack.stop()
    with pytest.raises(SlackError) as refused:
        replies.post(url, _reply(2))
    assert refused.value.retryable
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
    slack: FakeSlack, gateway: SlackGateway, monkeypatch: pytest.MonkeyPatch
) -> None:
    waited: list[float] = []
    monkeypatch.setattr(gateway_module, "sleep", waited.append)  # record the wait instead of spending it
    slack.throttle(RESPONSE_URL_LIMIT, allow=0, refuse=1, retry_after=3)
    gateway.respond_later(slack.new_response_url(channel=ws.GENERAL, user=ws.MEMBER), _reply(1))
    assert gateway.outbound.drain(timeout=10)
    assert [post.body["text"] for post in slack.responses] == ["Noted 1"]
    assert len(waited) == 1 and 2.5 < waited[0] <= 3  # as long as Slack asked, not dropped
