"""What the operator reads when SQLite refuses a write: the class alone ("OperationalError") said nothing of a full
disk or a read-only file, and the message, which would say it, may quote the statement's values."""

from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from bot.log_tally import OncePerMinute
from bot.store import database
from bot.store.database import StoreUnavailable, unavailable_on_timeouts


@pytest.fixture(autouse=True)
def first_line_of_the_minute(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test's refusal is the first of its minute (outages are logged once a minute, with a count)."""
    monkeypatch.setattr(database, "UNAVAILABLE_LOGGED", OncePerMinute())


def test_a_write_sqlite_refuses_is_logged_with_sqlites_own_name_for_why_and_no_value(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "bot.db"
    with sqlite3.connect(path) as setup:
        setup.execute("CREATE TABLE member (user_id TEXT)")
    read_only = create_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    with (
        caplog.at_level(logging.WARNING),
        pytest.raises(StoreUnavailable) as raised,
        unavailable_on_timeouts(writing=True),
        read_only.begin() as conn,
    ):
        conn.execute(text("INSERT INTO member VALUES (:user)"), {"user": "U0SECRET"})
    logged = [record.getMessage() for record in caplog.records]
    assert logged == ["database unavailable: OperationalError (SQLITE_READONLY)"], logged
    assert raised.value.cause == "OperationalError (SQLITE_READONLY)"


def test_a_postgresql_server_that_refuses_the_connection_is_logged_as_refused(caplog: pytest.LogCaptureFixture) -> None:
    # "database unavailable: OperationalError" alone did not tell a server that is down from a timeout or a login
    # refused. Nothing listens on port 1.
    nobody = create_engine("postgresql+psycopg://postgres@127.0.0.1:1/privacybot", connect_args={"connect_timeout": 2})
    with (
        caplog.at_level(logging.WARNING),
        pytest.raises(StoreUnavailable),
        unavailable_on_timeouts(writing=False),
        nobody.connect() as conn,
    ):
        conn.execute(text("SELECT 1"))
    [logged] = [record.getMessage() for record in caplog.records]
    assert logged.startswith("database unavailable: OperationalError (") and "refused" in logged, logged


def test_a_statement_postgresql_refuses_is_logged_with_its_sqlstate_and_no_value(
    caplog: pytest.LogCaptureFixture,
) -> None:
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        pytest.skip("PostgreSQL tests skipped: TEST_DATABASE_URL is not set")
    engine = create_engine(url)
    with (
        caplog.at_level(logging.WARNING),
        pytest.raises(StoreUnavailable),
        unavailable_on_timeouts(writing=False),
        engine.connect() as conn,
    ):
        conn.execute(text("SET statement_timeout = 50"))
        conn.execute(text("SELECT pg_sleep(1), :user"), {"user": "U0SECRET"})
    engine.dispose()
    [logged] = [record.getMessage() for record in caplog.records]
    assert logged == "database unavailable: QueryCanceled (57014)", logged


def test_an_outage_is_logged_once_a_minute_with_how_many_requests_it_refused(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = [0.0]
    monkeypatch.setattr(database, "UNAVAILABLE_LOGGED", OncePerMinute(clock=lambda: now[0]))
    path = tmp_path / "bot.db"
    with sqlite3.connect(path) as setup:
        setup.execute("CREATE TABLE member (user_id TEXT)")
    read_only = create_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    with caplog.at_level(logging.WARNING):
        for moment in (0.0, 1.0, 2.0, 61.0):
            now[0] = moment
            with pytest.raises(StoreUnavailable), unavailable_on_timeouts(writing=True), read_only.begin() as conn:
                conn.execute(text("INSERT INTO member VALUES ('U0SECRET')"))
    assert [record.getMessage() for record in caplog.records] == [
        "database unavailable: OperationalError (SQLITE_READONLY)",
        "database unavailable: OperationalError (SQLITE_READONLY) (3 refusals since the last such line)",
    ]
