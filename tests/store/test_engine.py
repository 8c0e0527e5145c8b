"""Engines, the health probe and migrations run by several replicas at once."""

from __future__ import annotations

import multiprocessing
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, event, func, insert, make_url, select, text

from bot.store import current_revision, head_revision, make_engine, ping, upgrade
from bot.store.models import ProcessedEvent, Workspace

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
TEAM = "T0001"


def test_sqlite_waits_for_writers_instead_of_failing(tmp_path: object) -> None:
    engine = make_engine(f"sqlite:///{tmp_path}/bot.db")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        # Waits, but less than Slack's 3 s for an answer.
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() <= 2_000
        assert conn.exec_driver_sql("PRAGMA secure_delete").scalar() == 1
    engine.dispose()


def test_read_then_write_transactions_do_not_collide(engine: Engine) -> None:
    # With deferred transactions SQLite fails such writers at once ("database is locked").
    upgrade(engine)
    with engine.begin() as conn:
        conn.execute(insert(Workspace).values(team_id=TEAM, created_at=T0))
    threads = 8
    barrier = threading.Barrier(threads)

    def read_then_write(n: int) -> None:
        barrier.wait()
        with engine.begin() as conn:
            conn.execute(select(func.count()).select_from(ProcessedEvent)).scalar_one()
            conn.execute(insert(ProcessedEvent).values(team_id=TEAM, key=f"e{n}", at=T0))

    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(read_then_write, range(threads)))
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(ProcessedEvent)).scalar_one() == threads


def test_sqlite_lets_the_next_writer_in_only_once_the_commit_is_done(tmp_path: object) -> None:
    # Were the next writer let in before the COMMIT, it would find SQLite's lock still taken and sleep in
    # SQLite's busy handler (1, 2, 5, ... up to 100 ms a step): the tail of every burst of clicks. With no
    # busy timeout at all, such a writer fails at once instead, which is what this test looks for.
    engine = make_engine(f"sqlite:///{tmp_path}/bot.db")
    upgrade(engine)
    with engine.begin() as conn:
        conn.execute(insert(Workspace).values(team_id=TEAM, created_at=T0))

    @event.listens_for(engine, "connect")
    def _no_busy_wait(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA busy_timeout = 0")

    engine.dispose()  # connections opened from now on have no busy timeout
    threads, writes = 8, 40
    barrier = threading.Barrier(threads)

    def write(thread: int) -> None:
        barrier.wait()
        for n in range(writes):
            with engine.begin() as conn:
                conn.execute(insert(ProcessedEvent).values(team_id=TEAM, key=f"e{thread}-{n}", at=T0))

    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(write, range(threads)))  # "database is locked" would be raised here
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(ProcessedEvent)).scalar_one() == threads * writes
    engine.dispose()


def test_ping_answers_true_when_the_database_answers(engine: Engine) -> None:
    assert ping(engine) is True


def test_ping_answers_false_when_the_database_does_not(database_url: str, tmp_path: object) -> None:
    if database_url.startswith("sqlite"):
        unreachable = f"sqlite:///{tmp_path}/no/such/dir/bot.db"
    else:
        unreachable = make_url(database_url).set(port=1).render_as_string(hide_password=False)
    engine = make_engine(unreachable)
    assert ping(engine) is False
    engine.dispose()


def _replica(url: str, barrier: Any, revisions: Any) -> None:
    engine = make_engine(url)
    barrier.wait()
    upgrade(engine)
    revisions.put(current_revision(engine))
    engine.dispose()


def test_replicas_upgrading_a_fresh_database_at_once_all_succeed(database_url: str) -> None:
    # Separate processes, as real replicas are: within one process upgrade() also
    # serialises threads, which would hide a missing database lock.
    replicas = 4
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(replicas)
    revisions = context.Queue()
    processes = [context.Process(target=_replica, args=(database_url, barrier, revisions)) for _ in range(replicas)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=60)
    assert [process.exitcode for process in processes] == [0] * replicas
    assert sorted(revisions.get(timeout=5) for _ in range(replicas)) == [head_revision()] * replicas
    engine = make_engine(database_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar_one() == 1
    engine.dispose()


def test_threads_upgrading_at_once_all_succeed(database_url: str) -> None:
    engine = make_engine(database_url)
    threads = 4
    barrier = threading.Barrier(threads)

    def start(_: int) -> None:
        barrier.wait()
        upgrade(engine)

    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(start, range(threads)))
    assert current_revision(engine) == head_revision()
    engine.dispose()


def test_a_plain_postgresql_url_uses_psycopg_3() -> None:
    engine = make_engine("postgresql://bot@db.invalid/bot")
    assert engine.dialect.driver == "psycopg"
    engine.dispose()
