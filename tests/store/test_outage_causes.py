"""What the operator reads when SQLite refuses a write: the class alone ("OperationalError") said nothing of a full
disk or a read-only file, and the message, which would say it, may quote the statement's values."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from bot.store.database import StoreUnavailable, unavailable_on_timeouts


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
