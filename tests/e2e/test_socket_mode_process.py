"""`privacy-bot run` with SLACK_APP_TOKEN connects over Socket Mode (a loopback WebSocket) and answers there."""

from __future__ import annotations

import json
import signal
import sqlite3
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bot import strings
from bot.local import payloads
from bot.local.fake_slack import FakeSlack
from bot.local.sender import SocketSender
from bot.local.workspace import LOCAL_APP_TOKEN, LOCAL_BOT_TOKEN, MEMBER, im_channel_id
from bot.serving import Gate
from tests.botproc import BotProcess, free_port, start_bot, start_socket_bot, wait_until

pytestmark = pytest.mark.e2e

STOP_WITHIN_S = 10  # what platforms wait after SIGTERM, and what README promises


@pytest.fixture
def socket_bot(slack: FakeSlack, tmp_path: Path) -> Iterator[BotProcess]:
    bot = start_socket_bot(slack.api_url, tmp_path, LOG_FORMAT="json")
    try:
        slack.socket_wait_connected(timeout=15)
        yield bot
    finally:
        bot.stop()


def test_socket_mode_answers_a_slash_command_in_its_ack(slack: FakeSlack, socket_bot: BotProcess) -> None:
    ack = SocketSender(slack, response_urls=slack).slash_command(text="linkedin iphone")
    blocks = str(ack["payload"]["blocks"])
    assert "Steps on iPhone/iPad app" in blocks
    assert "data-for-ai-improvement" in blocks


def test_socket_mode_answers_a_direct_message(slack: FakeSlack, socket_bot: BotProcess) -> None:
    before = len(slack.calls)
    SocketSender(slack).event(payloads.dm_message(user_id=MEMBER, text="linkedin desktop"))
    call = slack.wait_for(lambda: next((c for c in slack.calls[before:] if c.method == "chat.postMessage"), None))
    assert call.args["channel"] == im_channel_id(MEMBER)
    assert "Steps on desktop web" in str(call.structured("blocks"))


def test_socket_mode_serves_health_and_metrics_but_no_events_url(socket_bot: BotProcess) -> None:
    with urllib.request.urlopen(f"{socket_bot.url}/healthz", timeout=3) as response:
        assert response.status == 200
    with urllib.request.urlopen(f"{socket_bot.url}/metrics", timeout=3) as response:
        assert b"privacy_bot_slack_requests" in response.read()
    # Without signature checks in this mode, an events URL would take anyone's requests.
    request = urllib.request.Request(f"{socket_bot.url}/slack/events", data=b"command=/privacy", method="POST")
    try:
        urllib.request.urlopen(request, timeout=3)
        raise AssertionError("the events URL answered in Socket Mode")
    except urllib.error.HTTPError as error:
        assert error.code == 404


def test_json_logs_are_one_object_a_line(socket_bot: BotProcess) -> None:
    entries = [json.loads(line) for line in socket_bot.log]
    assert any("Socket Mode" in entry["message"] for entry in entries)
    assert {"time", "level", "logger", "message"} <= set(entries[0])


def test_a_save_queued_behind_busy_socket_mode_workers_counts_its_wait_and_never_lands_late(
    slack: FakeSlack, socket_bot: BotProcess, tmp_path: Path
) -> None:
    # slack_sdk answers with 10 workers and queues the rest. With the database locked, the eleventh save
    # waited there until the others gave up (2.5 s), then got a budget of its own and saved once the lock
    # lifted, 3.3 s after it was sent, when Slack had already shown the member an error.
    members = [f"U0QUEUED{index:02d}" for index in range(11)]
    sender = SocketSender(slack, response_urls=slack, timeout=10)
    database = tmp_path / "bot.db"
    holder = sqlite3.connect(database, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    releaser = threading.Timer(3.3, holder.rollback)
    releaser.start()

    def save(user: str) -> str:
        return str(sender.slash_command(text="done claude", user_id=user)["payload"]["text"])

    try:
        with ThreadPoolExecutor(len(members)) as pool:
            answers = list(pool.map(save, members))
    finally:
        releaser.join()
        holder.close()
    assert answers == [strings.COULD_NOT_SAVE] * len(members)
    assert sender.slash_command(text="status", user_id=members[-1])["payload"]  # the bot is done with them all
    with sqlite3.connect(database) as db:
        assert db.execute("SELECT count(*) FROM attestations").fetchone()[0] == 0


def test_a_connection_dropped_without_a_goodbye_is_replaced_within_seconds(
    slack: FakeSlack, socket_bot: BotProcess
) -> None:
    # A lost network path (a NAT or proxy forgetting the connection) ends the stream with no close frame. slack_sdk's
    # client read "nothing" in a busy loop and noticed only when five pings in a row had failed: about a minute
    # without answers, one CPU core spent meanwhile.
    connects = slack.socket_connects
    slack.socket_drop()
    slack.wait_for(lambda: slack.socket_connects > connects and slack.socket_connections == 1, timeout=8)
    ack = SocketSender(slack, response_urls=slack).slash_command(text="linkedin")
    assert "On desktop web" in str(ack["payload"])


def test_a_revoked_app_token_stops_the_bot_with_one_line_naming_it(slack: FakeSlack, socket_bot: BotProcess) -> None:
    # Reconnecting with a revoked token can never succeed: the bot used to stay up, healthy on /healthz,
    # answering nothing and logging a traceback every few seconds, so that no platform restarted it.
    slack.revoke_app_token()
    assert socket_bot.process.wait(timeout=STOP_WITHIN_S) == 2
    refused = [line for line in socket_bot.log if "SLACK_APP_TOKEN" in line]
    assert refused and "token_revoked" in refused[0], socket_bot.log
    assert not any("Traceback" in line for line in socket_bot.log), "".join(socket_bot.log)


def test_slack_failing_the_connection_after_the_start_up_check_is_one_line_not_a_traceback(
    slack: FakeSlack, tmp_path: Path
) -> None:
    # The check at start-up opens a connection URL too; Slack failing the next one (and its retries) stopped
    # the bot with slack_sdk's traceback and status 1 instead of the line and status 2 of a failed check.
    slack.fail("apps.connections.open", times=10, status=500, after=1)
    env = {
        "SLACK_BOT_TOKEN": LOCAL_BOT_TOKEN,
        "SLACK_APP_TOKEN": LOCAL_APP_TOKEN,
        "SLACK_API_URL": slack.api_url,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'bot.db'}",
        "PORT": str(free_port()),
    }
    with pytest.raises(AssertionError, match="bot exited with 2") as exited:
        start_bot(["run"], env=env, cwd=tmp_path, ready="Socket Mode")
    message = str(exited.value)
    assert "Traceback" not in message
    assert "SLACK_API_URL: Slack answered HTTP 500 to apps.connections.open; try again in a minute" in message


def test_a_connection_slack_closes_without_a_disconnect_is_replaced_at_once(
    slack: FakeSlack, socket_bot: BotProcess
) -> None:
    # A Slack server going away closes its connections properly but says no `disconnect` first. slack_sdk's
    # reconnect on that close found the closing connection still "connected" and did nothing; its own check
    # reconnected up to 10 s later, with no answers meanwhile.
    connects = slack.socket_connects
    slack.socket_close()
    slack.wait_for(lambda: slack.socket_connects > connects and slack.socket_connections == 1, timeout=3)
    ack = SocketSender(slack, response_urls=slack).slash_command(text="linkedin")
    assert "On desktop web" in str(ack["payload"])


def test_a_request_arriving_while_a_stop_waits_for_another_is_answered(
    slack: FakeSlack, socket_bot: BotProcess, tmp_path: Path
) -> None:
    # A stopping bot keeps its connection open while it answers what it has; Slack keeps sending on it. Those
    # arrivals were left unacknowledged after the first half second, and Slack does not send a slash command
    # again: the member saw "failed with the error operation_timeout" during every deploy that hit one.
    sender = SocketSender(slack, response_urls=slack, timeout=6)
    holder = sqlite3.connect(tmp_path / "bot.db", isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")  # the first save waits on the database, so the stop waits on it
    try:
        with ThreadPoolExecutor(1) as pool:
            slow = pool.submit(sender.slash_command, text="done claude", user_id="U0SLOWSAVE")
            time.sleep(0.3)  # the save is being answered (waiting on the database)
            socket_bot.process.send_signal(signal.SIGTERM)
            wait_until(lambda: any("finishing the answers" in line for line in socket_bot.log), timeout=3, what="stop")
            time.sleep(Gate.SETTLE_S + 0.3)  # past the settle window, which was all a late arrival used to get
            late = sender.slash_command(text="linkedin")
            assert "On desktop web" in str(late["payload"])
            assert slow.result()["payload"]
    finally:
        holder.close()
    assert socket_bot.process.wait(timeout=STOP_WITHIN_S) == 0


def test_a_message_of_a_megabyte_and_more_is_acked_and_answered_on_the_same_connection(
    slack: FakeSlack, socket_bot: BotProcess
) -> None:
    # slack_sdk's reader called itself once per 1 KB read of a message: one past ~1 MB (a DM of 600,000 characters,
    # its text twice over with the blocks) hit Python's recursion limit. The connection was dropped with the
    # message unacknowledged, and reading on through the rest of it as frames wrote about a thousand log lines.
    event = payloads.dm_message(user_id=MEMBER, text="x" * 600_000)
    envelope = payloads.envelope(payloads.event_callback(event))
    assert len(json.dumps(envelope)) > 1_200_000
    connects, lines, before = slack.socket_connects, len(socket_bot.log), len(slack.calls)

    slack.socket_send(envelope, timeout=3)

    call = slack.wait_for(lambda: next((c for c in slack.calls[before:] if c.method == "chat.postMessage"), None))
    assert call.args["channel"] == im_channel_id(MEMBER)
    assert slack.socket_connects == connects
    assert len(socket_bot.log) - lines < 5, socket_bot.log[lines : lines + 5]


def test_requests_are_answered_while_slack_is_slow_to_give_a_new_connection_after_a_disconnect(
    slack: FakeSlack, socket_bot: BotProcess
) -> None:
    # Slack says `disconnect` a while before it closes a connection, and the bot asks it for a new one. slack_sdk
    # asked on the thread that hands every message to the listeners: while Slack was slow to answer (up to the Web
    # API's 10 s timeout), nothing arriving on the connection still open was acknowledged, and members saw errors.
    sender = SocketSender(slack, response_urls=slack, timeout=2)
    connects = slack.socket_connects
    with slack.hung():
        slack.socket_request_reconnect(reason="warning")
        acks = [sender.slash_command(text="linkedin") for _ in range(3)]
    assert all("On desktop web" in str(ack["payload"]) for ack in acks)
    # Once Slack answers, the new connection takes over.
    slack.wait_for(lambda: slack.socket_connects > connects and slack.socket_connections == 1, timeout=5)
    assert "On desktop web" in str(sender.slash_command(text="linkedin")["payload"])
