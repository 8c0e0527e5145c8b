"""A privacy reviewer's check of forget-me, on SQLite and PostgreSQL: a member who used everything the bot
offers, and was named in everything managers see, uses forget-me. Afterwards no table holds their ID or
any of their names, one anonymous audit entry says a deletion happened, and on SQLite no file on disk
(`.db`, `-wal`, `-shm`) holds them either. No message text is ever stored, and the log at info names nobody."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from bot.local import payloads
from bot.local.fake_slack import FakeSlack
from bot.local.workspace import ADMIN, GENERAL, MANAGER, MEMBER
from bot.store import make_engine
from bot.store.models import Base
from bot.store.repo import CAMPAIGN_STARTED, MEMBER_FORGOTTEN
from tests.conftest import SettableClock, signed
from tests.hostile.conftest import Capture
from tests.reports.conftest import CAMPAIGN, GUIDE, START, Bot, serve

# Chiara as Slack knows her: ID, user name, display name, real name.
CHIARA = (MEMBER, "chiara", "Chiara", "Chiara Rossi")
SECRET = "zebra-crossing-secret-question"
MONDAY_0905 = datetime(2026, 12, 7, 9, 5, tzinfo=UTC)  # her snooze's DM (10:00 in Rome), the weekly digest
TUESDAY_0900 = datetime(2026, 12, 8, 9, 0, tzinfo=UTC)  # the 7-days-before DM, 10:00 in Rome
TUESDAY_1400 = datetime(2026, 12, 8, 14, 0, tzinfo=UTC)


@pytest.fixture
def logged() -> Iterator[Capture]:
    capture = Capture()
    root = logging.getLogger()
    level = root.level
    root.addHandler(capture)
    root.setLevel(logging.INFO)
    try:
        yield capture
    finally:
        root.removeHandler(capture)
        root.setLevel(level)


@pytest.fixture
def bot(slack: FakeSlack, database_url: str, clock: SettableClock) -> Iterator[Bot]:
    clock.set(START)
    served = serve(slack, database_url, clock)
    try:
        yield Bot(slack=slack, sender=signed(served, slack, clock), served=served)
    finally:
        served.stop()


def every_value(url: str) -> dict[str, list[str]]:
    """Every row of every table in the database (not only the models': the migrations' too), as text."""
    engine = make_engine(url)
    try:
        with engine.connect() as db:
            tables = inspect(db).get_table_names()
            assert set(Base.metadata.tables) <= set(tables)
            return {
                table: [repr(tuple(row)) for row in db.execute(text(f'SELECT * FROM "{table}"'))] for table in tables
            }
    finally:
        engine.dispose()


def naming(values: dict[str, list[str]], words: tuple[str, ...]) -> dict[str, list[str]]:
    return {table: hits for table, rows in values.items() if (hits := [r for r in rows if any(w in r for w in words)])}


def on_disk(url: str) -> bytes:
    path = Path(url.removeprefix("sqlite:///"))
    files = [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]
    return b"".join(file.read_bytes() for file in files if file.exists())


def test_after_forget_me_no_table_and_no_file_holds_the_member_and_no_text_was_ever_kept(
    bot: Bot, database_url: str, clock: SettableClock, logged: Capture
) -> None:
    services = bot.served.services
    bot.command(f"campaign start linkedin <#{GENERAL}|general> 2026-12-15", user=ADMIN)
    # Chiara asks every way there is, with words of her own, and presses every button.
    bot.command(f"linkedin iphone {SECRET}", user=MEMBER)
    bot.command(SECRET, user=MEMBER)
    dm = payloads.dm_message(user_id=MEMBER, text=f"how do I opt out of linkedin {SECRET}")
    assert bot.sender.event(dm).status == 200
    assert bot.sender.event(payloads.app_mention(user_id=MEMBER, text=f"linkedin {SECRET}")).status == 200
    assert bot.sender.event(payloads.app_home_opened(user_id=MEMBER)).status == 200
    bot.click("show_platform_android", f"{GUIDE}|android", user=MEMBER)
    bot.click("attest_snoozed", f"{GUIDE}|ios", user=MEMBER)
    bot.click("attest_not_applicable", "linkedin-data-download|", user=MEMBER)
    bot.click("attest_reason_no_account", "linkedin-data-download|desktop", user=MEMBER)
    bot.command("done chatgpt", user=MEMBER)
    bot.command("status all", user=MEMBER)
    bot.command(f"report {CAMPAIGN}", user=MEMBER)  # refused: she is in the audit log as the actor
    # Managers see her: the report, the CSV, App Home, the digest; she gets her reminders and a nudge.
    bot.click("report_export", CAMPAIGN, user=MANAGER)
    assert any("Chiara" in (upload.data or b"").decode("utf-8-sig") for upload in bot.slack.uploads)
    shown = bot.command(f"report {CAMPAIGN}", user=ADMIN)
    # Snoozed: named in the snoozed list, not in the pending one above it.
    assert f"<@{MEMBER}>" not in shown.split("*Snoozed*")[0] and f"<@{MEMBER}> until" in shown
    assert bot.sender.event(payloads.app_home_opened(user_id=ADMIN)).status == 200
    clock.set(MONDAY_0905)
    assert services.delivery.dispatch_due().sent["snooze"] == 1
    assert services.digests.dispatch_digests().sent["digest"] == 2
    clock.set(TUESDAY_0900)
    bot.command("undo linkedin", user=MEMBER)
    assert services.delivery.dispatch_due().sent["nudge"] >= 1
    clock.set(TUESDAY_1400)
    bot.command("undo linkedin", user=MEMBER)
    assert f"<@{MEMBER}>" in bot.command(f"report {CAMPAIGN}", user=ADMIN)
    bot.command(f"nudge {CAMPAIGN}", user=MANAGER)
    bot.served.settle()
    assert len(bot.slack.dm_messages(MEMBER)) >= 2  # the snooze's reminder, the 7-days-before one

    before = every_value(database_url)
    assert naming(before, (SECRET,)) == {}  # never a word of what she wrote, at any time
    assert {"attestations", "audit_log", "members", "campaign_audience", "deliveries", "member_preferences"} <= set(
        naming(before, CHIARA)
    )  # the check below can see her

    assert "I deleted" in str(bot.click("forget_confirm", "yes", user=MEMBER))
    bot.served.settle()  # the write-ahead log is emptied in the background, right after the answer

    after = every_value(database_url)
    assert naming(after, CHIARA) == {}
    audit = after["audit_log"]
    assert sum(MEMBER_FORGOTTEN in row for row in audit) == 1
    assert any(CAMPAIGN_STARTED in row and ADMIN in row for row in audit)  # others' entries stay
    assert naming(after, (ADMIN, MANAGER))  # and so do the others
    if database_url.startswith("sqlite"):
        files = on_disk(database_url)
        assert [word for word in (*CHIARA, SECRET) if word.encode() in files] == []
        assert ADMIN.encode() in files
    shown = logged.text(level=logging.INFO)
    assert [word for word in (*CHIARA, ADMIN, MANAGER, "Ada", "Ben", SECRET) if word in shown] == [], shown
