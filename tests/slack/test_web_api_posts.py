"""Posts to Slack's Web API: they wait out rate limits only as long as the caller can use, and are
sent again only when Slack cannot have acted on them."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bot.local.fake_slack import FakeSlack
from bot.local.workspace import LOCAL_BOT_TOKEN, MEMBER
from bot.service.ports import Message, SlackError
from bot.slack import gateway
from bot.slack.gateway import CONNECT_AND_READ_TIMEOUT_S, Outbound, Pacer, SlackGateway, build_client

HELLO = Message(text="hello", blocks=())


class _Time:
    """The pacer's clock, moved on by the waits it asks for instead of spending them."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.waits: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += seconds


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    fake = FakeSlack().start()
    yield fake
    fake.stop()


@pytest.fixture
def time(monkeypatch: pytest.MonkeyPatch) -> _Time:
    moved = _Time()
    monkeypatch.setattr(gateway, "sleep", moved.sleep)
    return moved


def _gateway(slack: FakeSlack, time: _Time) -> SlackGateway:
    client = build_client(token=LOCAL_BOT_TOKEN, base_url=slack.api_url)
    return SlackGateway(client=client, outbound=Outbound(), pacer=Pacer(clock=time))


def test_a_post_waits_out_retry_after_only_while_its_caller_can_still_use_it(slack: FakeSlack, time: _Time) -> None:
    # A scheduled DM holds its claim for 60 s; past that another replica may send it too.
    slack.throttle("chat.postMessage", allow=0, refuse=3, retry_after=25)
    with pytest.raises(SlackError) as raised:
        _gateway(slack, time).post(MEMBER, HELLO, within=60)
    assert raised.value.code == "ratelimited" and raised.value.retryable
    # One wait of 25 s; a second would have ended past 60 s less the last attempt's own timeouts.
    assert time.waits == [25]
    assert sum(time.waits) + 2 * CONNECT_AND_READ_TIMEOUT_S <= 60
    assert len(slack.calls_to("chat.postMessage")) == 2


def test_a_long_retry_after_makes_later_posts_give_up_at_once_not_sleep_through_it(
    slack: FakeSlack, time: _Time
) -> None:
    slack.throttle("chat.postMessage", allow=0, refuse=1, retry_after=900)
    slack_gateway = _gateway(slack, time)
    for _ in range(3):  # the first meets the 429, the others the hold it left
        with pytest.raises(SlackError) as raised:
            slack_gateway.post(MEMBER, HELLO)  # willing to wait two minutes, not fifteen
        assert raised.value.retryable
    assert time.waits == []
    assert len(slack.calls_to("chat.postMessage")) == 1  # Slack's 900 s are respected, not hammered


def test_without_a_limit_a_post_still_waits_out_a_short_retry_after_and_arrives(slack: FakeSlack, time: _Time) -> None:
    slack.throttle("chat.postMessage", allow=0, refuse=2, retry_after=7)
    _gateway(slack, time).post(MEMBER, HELLO)
    assert time.waits == [7, 7]
    assert [call.status for call in slack.calls_to("chat.postMessage")] == [429, 429, 200]


class _DropsTheFirstAnswer(BaseHTTPRequestHandler):
    """A Slack that acts on a post, then loses the connection before its answer gets out."""

    bodies: list[str] = []

    def log_message(self, *_: object) -> None:
        pass

    def do_POST(self) -> None:
        self.bodies.append(self.rfile.read(int(self.headers["Content-Length"])).decode())
        if len(self.bodies) == 1:
            self.connection.shutdown(socket.SHUT_RDWR)
            self.close_connection = True
            return
        data = json.dumps({"ok": True, "channel": "D1", "ts": "1.1"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def test_a_post_whose_answer_was_lost_is_not_sent_again() -> None:
    # Slack may have posted it: sending it again could show the member the same DM twice. The ledger
    # (scheduled DMs) or the log (replies) decides what happens next.
    _DropsTheFirstAnswer.bodies = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _DropsTheFirstAnswer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        client = build_client(token=LOCAL_BOT_TOKEN, base_url=f"http://127.0.0.1:{server.server_address[1]}/api/")
        with pytest.raises(SlackError) as raised:
            SlackGateway(client=client, outbound=Outbound()).post(MEMBER, HELLO)
        assert raised.value.retryable
        assert len(_DropsTheFirstAnswer.bodies) == 1
    finally:
        server.shutdown()
        server.server_close()


def _refused(slack: FakeSlack) -> int:
    return sum(1 for call in slack.calls_to("chat.postMessage") if call.status == 429)


def test_a_limit_learnt_in_a_window_another_process_had_filled_is_outgrown_in_seconds(time: _Time) -> None:
    # A restarted bot meets the window its predecessor filled: its first 429 comes after a single
    # success of its own. Taken as Slack's limit, that would pace the rest of the fan-out at one DM a
    # second for a minute.
    with FakeSlack(rate_limit={"chat.postMessage": 40}, clock=time) as slack:
        predecessor = _gateway(slack, time)
        for _ in range(39):
            predecessor.post(MEMBER, HELLO)
        started = time.now
        ours = _gateway(slack, time)
        for _ in range(200):
            ours.post(MEMBER, HELLO)
        # 200 DMs at Slack's 40 a second take 5 s; paced at what it first learnt, 64 s.
        assert time.now - started < 20, time.now - started


def test_a_long_fanout_runs_at_slacks_limit_without_meeting_429_after_429(time: _Time) -> None:
    with FakeSlack(rate_limit={"chat.postMessage": 40}, clock=time) as slack:
        slack_gateway = _gateway(slack, time)
        started = time.now
        for _ in range(1200):  # half a minute of DMs at Slack's pace
            slack_gateway.post(MEMBER, HELLO)
        elapsed = time.now - started
        refused = _refused(slack)
    assert elapsed < 1200 / 40 * 1.25, elapsed
    assert refused <= 5, f"{refused} 429s"
