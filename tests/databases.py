"""Scratch databases for tests: a SQLite file always, a PostgreSQL database when TEST_DATABASE_URL is set."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, make_url, text

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "")
PG_SKIPPED = "PostgreSQL tests skipped: TEST_DATABASE_URL is not set"
# What each pytest-xdist worker hands its controller: how many PostgreSQL variants it left out.
POSTGRESQL_NOT_RUN = "postgresql_not_run"


def postgresql_not_run(count: int) -> str:
    """The summary line when the PostgreSQL variants of the storage tests were left out."""
    return f"{PG_SKIPPED} ({count} PostgreSQL variants not run)"


@contextmanager
def scratch_database(kind: str, folder: Path) -> Iterator[str]:
    """The URL of an empty database of `kind` ("sqlite" or "postgresql"), dropped afterwards."""
    if kind == "sqlite":
        yield f"sqlite:///{folder}/bot.db"
        return
    admin = create_engine(TEST_DATABASE_URL, isolation_level="AUTOCOMMIT")
    name = f"privacy_bot_test_{uuid.uuid4().hex[:12]}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        yield make_url(TEST_DATABASE_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            # FORCE: a failed test may leave a pooled connection open.
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@contextmanager
def sqlite_write_lock(path: Path) -> Iterator[None]:
    """Another process's writer holding SQLite's write lock on `path` until the block ends."""
    import sqlite3

    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        holder.rollback()
        holder.close()
