"""Store fixtures: every test runs on a SQLite file, and on PostgreSQL when
TEST_DATABASE_URL points at a server (each test gets a database it creates and drops)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from bot.store import Store, make_engine, upgrade
from tests.databases import POSTGRESQL_NOT_RUN, TEST_DATABASE_URL, postgresql_not_run

HERE = Path(__file__).resolve().parent
_deselected: list[pytest.Item] = []


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # Without a server the PostgreSQL variants are left out and reported once,
    # instead of one "skipped" line per test.
    if TEST_DATABASE_URL:
        return
    postgres = [item for item in items if _uses_postgres(item)]
    if postgres:
        config.hook.pytest_deselected(items=postgres)
        items[:] = [item for item in items if item not in postgres]
        _deselected.extend(postgres)


def _uses_postgres(item: pytest.Item) -> bool:
    callspec = getattr(item, "callspec", None)
    return (
        callspec is not None
        and callspec.params.get("database_url") == "postgresql"
        and HERE in Path(str(item.path)).resolve().parents
    )


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _deselected:
        terminalreporter.write_line(postgresql_not_run(len(_deselected)))


def pytest_sessionfinish(session: pytest.Session) -> None:
    # In a pytest-xdist worker (which collects every test) the summary is not shown: the controller says it.
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:
        workeroutput[POSTGRESQL_NOT_RUN] = len(_deselected)


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """An engine on an empty database."""
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def store(engine: Engine) -> Store:
    upgrade(engine)
    return Store(engine)
