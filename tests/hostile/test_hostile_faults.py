"""A database that is locked, slow or unreachable: Slack still gets its answer in time, the member
is told the truth, and nothing is written behind their back."""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

from bot import strings
from bot.cli import Served, serve_in_background
from bot.local import payloads
from bot.local.fake_slack import FakeSlack
from bot.local.sender import SignedSender
from bot.local.workspace import ADMIN, GENERAL, LOCAL_SIGNING_SECRET, MEMBER, MEMBER_IST, im_channel_id
from bot.log_tally import OncePerMinute
from bot.service import recording
from bot.service.background import Background
from bot.slack import errors
from bot.store import database as store_database
from tests.conftest import SettableClock, local_settings
from tests.databases import PG_SKIPPED, TEST_DATABASE_URL, scratch_database, sqlite_write_lock
from tests.hostile.freezable_proxy import FreezableProxy

SLACK_LIMIT_S = 3.0
CHATGPT = "chatgpt-training"


def _timed(action: object) -> tuple[object, float]:
    started = time.monotonic()
    result = action()  # type: ignore[operator]
    return result, time.monotonic() - started


def _status_line(sender: SignedSender) -> str:
    reply = sender.slash_command(text="status")
    assert reply.status == 200
    return str(reply.json()["blocks"])


def _health(base: str) -> int:
    try:
        with urllib.request.urlopen(f"{base}/healthz", timeout=5) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as error:
        return error.code


def _click(sender: SignedSender, slack: FakeSlack) -> int:
    return sender.block_action(
        action_id="attest_confirmed",
        value=f"{CHATGPT}|ios",
        user_id=MEMBER,
        is_ephemeral=True,
        response_url=slack.new_response_url(channel=GENERAL, user=MEMBER),
    ).status


def test_a_locked_sqlite_database_answers_within_3_s_and_nothing_lands_later(
    sender: SignedSender, slack: FakeSlack, bot_db: Path
) -> None:
    assert "not done yet" in _status_line(sender)
    with sqlite_write_lock(bot_db):
        # The sender gives up after 3 s, as Slack does: a 200 here is an answer in time.
        reply, took = _timed(lambda: sender.slash_command(text="done chatgpt"))
        assert reply.status == 200 and took < SLACK_LIMIT_S  # type: ignore[attr-defined]
        assert "as done on" not in reply.text  # type: ignore[attr-defined]
        status, took = _timed(lambda: _click(sender, slack))
        assert status == 200 and took < SLACK_LIMIT_S
        assert _chatgpt_rows(bot_db) == 0
    # Released: nothing of either attempt lands afterwards (the listeners have finished: the
    # sender's bot answers only once they have).
    assert _chatgpt_rows(bot_db) == 0
    assert "as done on" in sender.slash_command(text="done chatgpt").text  # and the member can retry


def _chatgpt_rows(database: Path, guide: str = CHATGPT) -> int:
    with sqlite3.connect(database) as db:
        return int(db.execute("SELECT count(*) FROM attestations WHERE guide_id = ?", (guide,)).fetchone()[0])


def _saves_during_a_lock(
    served: Served, slack: FakeSlack, bot_db: Path, clock: SettableClock, members: list[str], *, apart: float
) -> list[tuple[str, float]]:
    """Each member saves `done claude`, `apart` seconds after the one before, while another process holds
    SQLite's write lock until 3.3 s after the first: past every save's budget and Slack's 3 s for it.
    Each answer's text and how long it took, once the bot's replies after them have gone out."""
    patient = SignedSender(  # measures each answer instead of giving up at 3 s as Slack does
        served.url, LOCAL_SIGNING_SECRET, response_urls=slack, timeout=10, clock=lambda: clock().timestamp()
    )
    assert "not done yet" in _status_line(patient)
    holder = sqlite3.connect(bot_db, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    releaser = threading.Timer(3.3, holder.rollback)
    releaser.start()

    def save(user: str) -> tuple[str, float]:
        reply, took = _timed(lambda: patient.slash_command(text="done claude", user_id=user))
        return str(reply.json()["text"]), took  # type: ignore[attr-defined]

    try:
        with ThreadPoolExecutor(len(members)) as pool:
            pending = []
            for member in members:
                pending.append(pool.submit(save, member))
                time.sleep(apart)
            answers = [future.result() for future in pending]
    finally:
        releaser.join()
        holder.close()
    served.settle()
    return answers


def test_saves_queued_behind_a_lock_are_refused_in_time_and_none_lands_once_it_lifts(
    served: Served, slack: FakeSlack, bot_db: Path, clock: SettableClock
) -> None:
    # The writer lock of this process (2 s) and SQLite's busy wait (2 s) used to add up: the second save
    # below was told "Recorded" after 3.2 s, when Slack had already shown the member a failure.
    # 0.1 s apart: the second queues behind the first in this process.
    answers = _saves_during_a_lock(served, slack, bot_db, clock, [MEMBER, MEMBER_IST], apart=0.1)
    assert [text for text, _ in answers] == [strings.COULD_NOT_SAVE] * 2
    assert max(took for _, took in answers) < SLACK_LIMIT_S
    assert _chatgpt_rows(bot_db, "claude-training") == 0  # nothing landed once the lock lifted


def test_a_save_queued_behind_busy_http_threads_counts_its_wait_and_never_lands_late(
    served: Served, slack: FakeSlack, bot_db: Path, clock: SettableClock
) -> None:
    # Five saves, four threads: the fifth waits in the server until the others give up on the lock (2.5 s).
    # Its budget used to start only then, so it saved once the lock lifted, 3.3 s after it was sent, when
    # Slack had already shown the member an error.
    members = [f"U0QUEUED{index}" for index in range(5)]
    answers = _saves_during_a_lock(served, slack, bot_db, clock, members, apart=0)
    assert [text for text, _ in answers] == [strings.COULD_NOT_SAVE] * len(members)
    assert max(took for _, took in answers) < SLACK_LIMIT_S
    assert _chatgpt_rows(bot_db, "claude-training") == 0


def test_a_locked_sqlite_database_tells_the_member_it_could_not_save(sender: SignedSender, bot_db: Path) -> None:
    with sqlite_write_lock(bot_db):
        reply = sender.slash_command(text="done chatgpt")
    assert reply.json()["text"] == strings.COULD_NOT_SAVE


def test_a_manager_switching_digests_off_during_a_lock_is_told_it_was_not_saved(
    sender: SignedSender, bot_db: Path
) -> None:
    with sqlite_write_lock(bot_db):
        reply, took = _timed(lambda: sender.slash_command(text="digest off", user_id=ADMIN))
    assert reply.json()["text"] == strings.COULD_NOT_SAVE and took < SLACK_LIMIT_S  # type: ignore[attr-defined]
    assert "off" in sender.slash_command(text="digest off", user_id=ADMIN).text  # and the retry works


@pytest.mark.skipif(not TEST_DATABASE_URL, reason=PG_SKIPPED)
def test_a_status_read_that_times_out_does_not_claim_something_was_being_saved(
    slack: FakeSlack, tmp_path: Path
) -> None:
    with scratch_database("postgresql", tmp_path) as url:
        served = serve_in_background(local_settings(slack, tmp_path / "unused.db", database_url=url))
        sender = SignedSender(served.url, LOCAL_SIGNING_SECRET, response_urls=slack, timeout=SLACK_LIMIT_S)
        try:
            assert "not done yet" in _status_line(sender)
            # Another session's migration holds the table: even reads wait, until lock_timeout.
            with create_engine(url).connect() as other, other.begin():
                other.execute(text("LOCK TABLE attestations IN ACCESS EXCLUSIVE MODE"))
                reply, took = _timed(lambda: sender.slash_command(text="status"))
            assert reply.json()["text"] == strings.COULD_NOT_READ and took < SLACK_LIMIT_S  # type: ignore[attr-defined]
            assert "save" not in strings.COULD_NOT_READ
            assert "not done yet" in _status_line(sender)  # and the retry works
        finally:
            served.stop()


@pytest.mark.skipif(not TEST_DATABASE_URL, reason=PG_SKIPPED)
def test_a_frozen_postgresql_gives_503_quickly_and_slash_commands_still_ack(slack: FakeSlack, tmp_path: Path) -> None:
    with scratch_database("postgresql", tmp_path) as url:
        target = make_url(url)
        with FreezableProxy((target.host or "127.0.0.1", target.port or 5432)) as proxy:
            proxied = target.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
            settings = local_settings(slack, tmp_path / "unused.db", database_url=proxied)
            served = serve_in_background(settings)
            events, stop = served.url, served.stop
            base = events.removesuffix("/slack/events")
            sender = SignedSender(events, LOCAL_SIGNING_SECRET, response_urls=slack, timeout=SLACK_LIMIT_S)
            try:
                assert _health(base) == 200
                assert sender.slash_command(text="linkedin").status == 200
                proxy.freeze()
                frozen_at = time.monotonic()
                reply, took = _timed(lambda: sender.slash_command(text="done chatgpt"))  # a write: must reach it
                assert reply.status == 200 and took < SLACK_LIMIT_S  # type: ignore[attr-defined]
                print(f"slash command with PostgreSQL frozen: {took:.2f} s")
                # Once the last healthy result is older than the probe's cache, /healthz says so, each
                # answer within 1.5 s.
                while True:
                    status, took = _timed(lambda: _health(base))
                    assert took < 1.5
                    if status == 503:
                        break
                    assert time.monotonic() - frozen_at < 5, "healthz kept saying 200 with the database frozen"
                # A second probe during the outage does not wait for the stuck one.
                status, took = _timed(lambda: _health(base))
                assert status == 503 and took < 0.5
                proxy.thaw()
                deadline = time.monotonic() + 15
                while _health(base) != 200:
                    assert time.monotonic() < deadline, "healthz did not recover"
                    time.sleep(0.2)
                assert sender.slash_command(text="linkedin").status == 200
            finally:
                proxy.thaw()
                stop()


def _on_disk(database: Path) -> bytes:
    files = [database, database.with_name(database.name + "-wal"), database.with_name(database.name + "-shm")]
    return b"".join(path.read_bytes() for path in files if path.exists())


def test_forget_me_answers_at_once_beside_a_reader_and_empties_the_log_once_it_lets_go(
    served: Served, slack: FakeSlack, bot_db: Path, clock: SettableClock
) -> None:
    # A backup or another tool reading the file holds a snapshot: the log cannot be emptied meanwhile.
    # The checkpoint used to wait 2 s for it on the request thread, fail, and never be tried again:
    # the member's ID stayed in the -wal file until the bot stopped.
    quick = SignedSender(  # no waiting for work after the ack: the ack alone is timed
        served.url, LOCAL_SIGNING_SECRET, response_urls=slack, timeout=SLACK_LIMIT_S, clock=lambda: clock().timestamp()
    )
    quick.slash_command(text="done chatgpt", user_id=MEMBER_IST)
    quick.slash_command(text="linkedin iphone", user_id=MEMBER_IST)
    served.settle()
    assert MEMBER_IST.encode() in _on_disk(bot_db)  # the check below can see it
    reader = sqlite3.connect(bot_db, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM attestations").fetchone()
    try:
        url = slack.new_response_url(channel=GENERAL, user=MEMBER_IST)
        reply, took = _timed(
            lambda: quick.block_action(
                action_id="forget_confirm", value="yes", user_id=MEMBER_IST, is_ephemeral=True, response_url=url
            )
        )
        assert reply.status == 200 and took < 0.5  # type: ignore[attr-defined]
        assert MEMBER_IST.encode() in _on_disk(bot_db)  # the reader still sees the rows: they are in the log
    finally:
        reader.execute("COMMIT")
        reader.close()
    gone_by = time.monotonic() + 10
    while MEMBER_IST.encode() in _on_disk(bot_db):
        assert time.monotonic() < gone_by, "the member's ID is still on disk 10 s after the reader let go"
        time.sleep(0.05)
    served.settle()
    assert any("deleted" in str(post.body) for post in slack.responses if post.url == url)


def test_emptying_the_log_is_bounded_and_gives_up_with_one_line_naming_no_one(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(recording, "EMPTY_LOG_FOR_S", 0.3)
    monkeypatch.setattr(recording, "EMPTY_LOG_PAUSES_S", (0.01, 0.05))

    class ReaderNeverLetsGo:
        tries = 0

        def empty_log(self) -> bool:
            self.tries += 1
            return False

    store = ReaderNeverLetsGo()
    background = Background()
    emptier = recording._LogEmptier(store=store, background=background)  # type: ignore[arg-type]
    emptier.empty_soon()
    emptier.empty_soon()  # a second forget-me meanwhile joins the run under way
    assert background.settle(timeout=5)
    assert 3 <= store.tries < 40
    gave_up = [record.getMessage() for record in caplog.records if record.levelno >= logging.WARNING]
    assert len(gave_up) == 1 and "write-ahead log" in gave_up[0] and "U0" not in gave_up[0]
    background.closing.set()  # a stopping process: the next run tries once, then ends without waiting
    emptier.empty_soon()
    assert background.settle(timeout=1)


# -- a locked database and requests that only ask: the answer does not depend on a write ----------


def test_a_locked_database_still_gives_the_steps_for_the_platform_a_member_named(
    sender: SignedSender, bot_db: Path
) -> None:
    with sqlite_write_lock(bot_db):
        reply, took = _timed(lambda: sender.slash_command(text="linkedin iphone"))
    shown = str(reply.json()["blocks"])  # type: ignore[attr-defined]
    assert "Steps on iPhone/iPad app" in shown and strings.COULD_NOT_SAVE not in shown
    assert took < 1.5  # remembering the platform is worth a short wait, not the request's whole budget
    with sqlite3.connect(bot_db) as db:  # not remembered this time, and nothing lands later
        assert db.execute("SELECT count(*) FROM member_preferences").fetchone()[0] == 0


def test_a_locked_database_still_refuses_a_non_manager_politely(sender: SignedSender, bot_db: Path) -> None:
    with sqlite_write_lock(bot_db):
        reply, took = _timed(lambda: sender.slash_command(text="report", user_id=MEMBER))
    assert reply.json()["text"] == strings.MANAGERS_ONLY.format(cmd="/privacy", word="report")  # type: ignore[attr-defined]
    assert took < 1.5


def test_a_locked_database_still_answers_a_dm_question_once_however_often_slack_retries(
    sender: SignedSender, slack: FakeSlack, bot_db: Path
) -> None:
    event = payloads.dm_message(user_id=MEMBER, text="linkedin")
    with sqlite_write_lock(bot_db):
        _, took = _timed(lambda: sender.event(event, event_id="Ev0LOCKED"))
        assert took < 1.5
        assert sender.event(event, event_id="Ev0LOCKED", retry_num=1, retry_reason="http_timeout").status == 200
    # Once the lock is gone the delivery can be recorded, but this one was answered already.
    assert sender.event(event, event_id="Ev0LOCKED", retry_num=2, retry_reason="http_timeout").status == 200
    posts = slack.calls_to("chat.postMessage")
    assert len(posts) == 1
    assert "LinkedIn" in str(posts[0].structured("blocks")) and strings.COULD_NOT_SAVE not in str(posts[0].args)


def test_a_locked_database_still_recognises_a_retry_of_a_dm_answered_before(
    sender: SignedSender, slack: FakeSlack, bot_db: Path
) -> None:
    event = payloads.dm_message(user_id=MEMBER, text="linkedin")
    assert sender.event(event, event_id="Ev0BEFORE").status == 200  # answered and recorded
    with sqlite_write_lock(bot_db):  # the retry cannot be recorded, but the first delivery can be read
        assert sender.event(event, event_id="Ev0BEFORE", retry_num=1, retry_reason="http_timeout").status == 200
    assert len(slack.calls_to("chat.postMessage")) == 1


def test_a_locked_database_makes_the_bot_say_nothing_about_a_dm_it_does_not_answer(
    sender: SignedSender, slack: FakeSlack, bot_db: Path
) -> None:
    # A member editing a DM: an event the bot acknowledges and otherwise ignores.
    edit = {
        "type": "message",
        "subtype": "message_changed",
        "channel": im_channel_id(MEMBER),
        "channel_type": "im",
        "message": {"user": MEMBER, "text": "linkedin"},
        "ts": payloads.message_ts(),
    }
    with sqlite_write_lock(bot_db):
        assert sender.event(edit).status == 200
    assert slack.calls_to("chat.postMessage") == []


def test_saves_the_database_refuses_are_counted_in_metrics_and_logged_once_a_minute(
    served: Served,
    slack: FakeSlack,
    bot_db: Path,
    clock: SettableClock,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A full disk: every save refused, /metrics the same as on a good day and two log lines per request (144
    # for 72 saves), while /healthz, read-only, said 200.
    monkeypatch.setattr(errors, "TRY_AGAIN_LOGGED", OncePerMinute())
    monkeypatch.setattr(store_database, "UNAVAILABLE_LOGGED", OncePerMinute())
    members = [MEMBER, MEMBER_IST, ADMIN]
    with caplog.at_level(logging.WARNING):
        answers = _saves_during_a_lock(served, slack, bot_db, clock, members, apart=0)
    assert [text for text, _ in answers] == [strings.COULD_NOT_SAVE] * len(members)
    metrics = urllib.request.urlopen(served.url.replace("/slack/events", "/metrics"), timeout=5).read().decode()
    assert 'privacy_bot_try_again_answers_total{what="save"} 3.0' in metrics
    logged = [record.getMessage() for record in caplog.records]
    assert len([line for line in logged if "try again" in line]) == 1, logged
    assert len([line for line in logged if "database unavailable" in line]) <= 1, logged
