"""Engines, schema migrations and the health probe."""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Final

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import URL, Connection, Engine, create_engine, event, make_url, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import StaticPool

from bot.config import normalise_database_url

log = logging.getLogger(__name__)

MIGRATIONS_DIR: Final = Path(__file__).resolve().parent / "migrations"

# How long a SQLite writer waits for another one before giving up.
SQLITE_BUSY_TIMEOUT_S: Final = 10.0
POSTGRES_CONNECT_TIMEOUT_S: Final = 10

# Arbitrary but fixed: every replica must ask for the same advisory lock.
_MIGRATION_LOCK_KEY: Final = 0x5052_4956_4143_5901  # "PRIVACY" + 1, fits a signed bigint

# Alembic keeps the running migration context in module globals (alembic.context,
# alembic.op), so two threads of one process must not migrate at the same time.
_IN_PROCESS = threading.Lock()

# Execution option a caller sets on a read-only connection so SQLite starts a
# deferred transaction instead of taking the write lock.
READ_ONLY: Final = "privacy_bot_read_only"


def make_engine(url: str) -> Engine:
    """An engine for `url`; SQLite is set up so that concurrent writers queue.

    SQLite: WAL (readers do not block the writer), a busy timeout, foreign keys
    on, and every transaction begins with BEGIN IMMEDIATE. A deferred
    transaction that reads and then writes cannot wait for the lock (SQLite
    reports "database is locked" at once to avoid a deadlock); taking the write
    lock up front turns that into a queue governed by the busy timeout.
    Connections opened with `execution_options(privacy_bot_read_only=True)`
    begin a deferred transaction, so reads run beside a writer.
    """
    parsed = make_url(normalise_database_url(url))
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed, in_memory=parsed.database in (None, "", ":memory:"))
    connect_args: dict[str, Any] = {}
    if parsed.get_backend_name() == "postgresql" and "connect_timeout" not in parsed.query:
        connect_args["connect_timeout"] = POSTGRES_CONNECT_TIMEOUT_S
    return create_engine(parsed, pool_pre_ping=True, connect_args=connect_args)


def _sqlite_engine(url: URL, *, in_memory: bool) -> Engine:
    connect_args: dict[str, Any] = {"timeout": SQLITE_BUSY_TIMEOUT_S, "check_same_thread": False}
    if in_memory:
        # One shared connection, or each checkout would see its own empty database;
        # fine for a quick experiment in one thread, not for the server.
        engine = create_engine(url, connect_args=connect_args, poolclass=StaticPool)
    else:
        engine = create_engine(url, connect_args=connect_args)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # The driver's own BEGIN handling would defeat BEGIN IMMEDIATE below.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            # The busy timeout first: switching to WAL needs a lock another process may hold.
            cursor.execute(f"PRAGMA busy_timeout = {int(SQLITE_BUSY_TIMEOUT_S * 1000)}")
            if not in_memory:
                _use_wal(cursor)
                # WAL is durable at commit with NORMAL except for a power loss; that is enough here.
                cursor.execute("PRAGMA synchronous = NORMAL")
            cursor.execute("PRAGMA foreign_keys = ON")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        if connection.get_execution_options().get(READ_ONLY):
            connection.exec_driver_sql("BEGIN")
        else:
            connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _use_wal(cursor: Any) -> None:
    # WAL is a property of the file, so this only does work on a new database.
    # Two connections switching at once can deadlock, which SQLite reports as
    # "locked" without calling the busy handler: retry briefly until one wins.
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_S
    delay = 0.005
    while True:
        try:
            cursor.execute("PRAGMA journal_mode")
            if str(cursor.fetchone()[0]).lower() == "wal":
                return
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.fetchall()
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.1)


def ping(engine: Engine) -> bool:
    """True when the database answers a trivial query."""
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except SQLAlchemyError as error:
        # Health checks poll often: one line, not a traceback each time.
        log.warning("database ping failed: %s", error.__class__.__name__)
        return False
    return True


def head_revision() -> str:
    head = ScriptDirectory(str(MIGRATIONS_DIR)).get_current_head()
    if head is None:
        raise RuntimeError("no migrations found")
    return head


def current_revision(engine: Engine) -> str | None:
    """The schema revision the database is at; None for an empty database."""
    with engine.connect().execution_options(**{READ_ONLY: True}) as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, *, revision: str = "head") -> None:
    """Migrate to `revision`; safe when several replicas start at once.

    All migrations run in one transaction on one connection, behind a lock
    that every replica takes on that connection: PostgreSQL's session advisory
    lock, SQLite's write lock (BEGIN IMMEDIATE). The second replica waits, then
    finds the schema current and does nothing. A failed migration rolls back
    entirely.
    """
    with _migrating(engine) as config:
        command.upgrade(config, revision)


def downgrade(engine: Engine, *, revision: str) -> None:
    with _migrating(engine) as config:
        command.downgrade(config, revision)


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic configured from code, so it works from an installed package."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@contextmanager
def _migrating(engine: Engine) -> Iterator[Config]:
    with _IN_PROCESS, engine.connect() as connection, _migration_lock(connection), connection.begin():
        yield alembic_config(connection)


@contextmanager
def _migration_lock(connection: Connection) -> Iterator[None]:
    if connection.dialect.name != "postgresql":
        # SQLite: the transaction itself begins with the database's write lock.
        yield
        return
    # Taken outside the migration transaction, so that transaction's snapshot is
    # only taken once the lock is held, whatever the isolation level.
    connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": _MIGRATION_LOCK_KEY})
    connection.commit()
    try:
        yield
    finally:
        try:
            if connection.in_transaction():
                connection.rollback()
            connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": _MIGRATION_LOCK_KEY})
            connection.commit()
        except SQLAlchemyError:
            # The session lock dies with the session: drop the connection instead of pooling it.
            log.warning("could not release the migration lock; discarding the connection", exc_info=True)
            connection.invalidate()
