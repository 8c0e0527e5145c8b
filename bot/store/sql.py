"""Small SQL helpers shared by the store's query modules."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from sqlalchemy import Connection, Engine, Table
from sqlalchemy.dialects import postgresql, sqlite

from bot.store.database import READ_ONLY, unavailable_on_timeouts
from bot.store.models import Base, Workspace


def insert_for(conn: Connection | Engine, model: type[Base]) -> postgresql.Insert | sqlite.Insert:
    # ON CONFLICT is dialect-specific in SQLAlchemy; both spell it the same way. The Table, not the
    # mapped class: a Core insert skips the ORM's per-call attribute bookkeeping (a third of a click's time).
    table = table_of(model)
    if conn.dialect.name == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)


def table_of(model: type[Base]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


def ensure_workspace(conn: Connection, *, team_id: str, now: datetime) -> None:
    statement = insert_for(conn, Workspace).values(team_id=team_id, created_at=now)
    conn.execute(statement.on_conflict_do_nothing(index_elements=["team_id"]))


def check_time(value: datetime, name: str) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware, got {value!r}")


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """One transaction; a wait or a lost connection becomes StoreUnavailable once it is rolled back."""
    with unavailable_on_timeouts(writing=True), engine.begin() as conn:
        yield conn


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """A read that never takes SQLite's write lock, with the same error translation."""
    with unavailable_on_timeouts(writing=False), engine.execution_options(**{READ_ONLY: True}).connect() as conn:
        yield conn
