"""Engines, schema migrations and the health probe."""

from __future__ import annotations

import logging
import os
import socket
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from sqlalchemy import URL, Connection, Engine, create_engine, event, make_url, text
from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlalchemy.pool import StaticPool

from bot.config import normalise_database_url
from bot.core import TemporarilyUnavailable, answer_by, outage_reported
from bot.log_tally import OncePerMinute

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

MIGRATIONS_DIR: Final = Path(__file__).resolve().parent / "migrations"

# Slack gives up on an answer after 3 s: no wait on the request path may be longer than this. Inside a
# request the waits below are cut shorter still, to what is left of its budget (bot.core.answering_by).
# How long a SQLite writer waits for another one before giving up.
SQLITE_BUSY_TIMEOUT_S: Final = 2.0
POSTGRES_CONNECT_TIMEOUT_S: Final = 2
POSTGRES_STATEMENT_TIMEOUT_MS: Final = 2000
POSTGRES_LOCK_TIMEOUT_MS: Final = 2000
# A statement the server never answers (network frozen, server hung) is cut off by the client
# shortly after the server's own statement_timeout would have fired.
CLIENT_DEADLINE_S: Final = 2.3
_GRACE_S: Final = CLIENT_DEADLINE_S - POSTGRES_STATEMENT_TIMEOUT_MS / 1000
PING_DEADLINE_S: Final = 0.3
# How long a request waits for a pooled connection when all are busy.
POOL_TIMEOUT_S: Final = 1.0
# Migrations run on their own connection and may take longer than a request may.
MIGRATION_WAIT_S: Final = 600

# Where a migration finds BOT_TIMEZONE among Alembic's config attributes (0005 reads it under this name).
BOT_TIMEZONE_ATTRIBUTE: Final = "bot_timezone"

# Arbitrary but fixed: every replica must ask for the same advisory lock.
_MIGRATION_LOCK_KEY: Final = 0x5052_4956_4143_5901  # "PRIVACY" + 1, fits a signed bigint

# Alembic keeps the running migration context in module globals (alembic.context,
# alembic.op), so two threads of one process must not migrate at the same time.
_IN_PROCESS = threading.Lock()

# Execution option a caller sets on a read-only connection so SQLite starts a
# deferred transaction instead of taking the write lock.
READ_ONLY: Final = "privacy_bot_read_only"
_HOLDS_WRITER: Final = "privacy_bot_holds_writer_lock"
# The busy timeout (ms) a request left on a pooled SQLite connection; absent when it is the usual one.
_BUSY_MS: Final = "privacy_bot_busy_timeout_ms"


def make_engine(url: str) -> Engine:
    """An engine for `url`; SQLite is set up so that concurrent writers queue.

    SQLite: WAL (readers do not block the writer), a busy timeout, foreign keys
    on, secure_delete (deleted rows are overwritten, for forget-me), and every
    transaction begins with BEGIN IMMEDIATE. A deferred transaction that reads
    and then writes cannot wait for the lock (SQLite reports "database is
    locked" at once to avoid a deadlock); taking the write lock up front turns
    that into a queue governed by the busy timeout. Connections opened with
    `execution_options(privacy_bot_read_only=True)` begin a deferred
    transaction, so reads run beside a writer. Inside a Slack request
    (bot.core.answering_by) a transaction waits for the lock, whether held by
    this process or another, only until the request's deadline, and one begun
    after it is refused: a save never lands once Slack has given up.

    PostgreSQL: connect, statement and lock timeouts and TCP keepalives keep
    every wait on the request path under Slack's 3 s, and a client-side
    deadline cuts off a statement the server never answers. Inside a Slack
    request a transaction's statement and lock timeouts are cut to what is
    left of the request's budget, the client-side deadline likewise, and a
    transaction begun after it is refused.

    Both: bound parameters (member IDs) never appear in error messages.
    """
    parsed = make_url(normalise_database_url(url))
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed, in_memory=parsed.database in (None, "", ":memory:"))
    if parsed.get_backend_name() != "postgresql":
        return create_engine(parsed, hide_parameters=True, pool_pre_ping=True)
    connect_args: dict[str, Any] = {
        "connect_timeout": POSTGRES_CONNECT_TIMEOUT_S,
        "options": f"-c statement_timeout={POSTGRES_STATEMENT_TIMEOUT_MS} -c lock_timeout={POSTGRES_LOCK_TIMEOUT_MS}",
        # A peer that vanished (host down, network cut) is noticed within seconds, not hours.
        "keepalives": 1,
        "keepalives_idle": 5,
        "keepalives_interval": 2,
        "keepalives_count": 2,
        "tcp_user_timeout": 5000,
    }
    # A value in the URL (e.g. ?connect_timeout=5) is the operator's choice.
    for name in list(connect_args):
        if name in parsed.query:
            del connect_args[name]
    engine = create_engine(
        parsed, pool_pre_ping=True, pool_timeout=POOL_TIMEOUT_S, hide_parameters=True, connect_args=connect_args
    )
    _guard_with_deadlines(engine)
    event.listen(engine, "begin", _within_the_requests_budget)
    return engine


def _within_the_requests_budget(connection: Connection) -> None:
    """PostgreSQL: a transaction begun inside a request waits no longer than the request has left."""
    deadline = answer_by()
    if deadline is None:
        return
    left = _time_left(deadline)
    if left < POSTGRES_STATEMENT_TIMEOUT_MS / 1000:
        # Both end with the transaction; the session's own limits apply again afterwards. Cut only when
        # needed: most requests begin well inside their budget and are spared the round trip.
        ms = max(1, int(left * 1000))
        connection.exec_driver_sql(
            f"SELECT set_config('statement_timeout', '{ms}', true), set_config('lock_timeout', '{ms}', true)"
        )


def _time_left(deadline: float) -> float:
    """Seconds left before `deadline`; past it, the error a timeout would have raised."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise OperationalError("BEGIN", None, TimeoutError("the request's time is up"))
    return left


def _locked() -> OperationalError:
    return OperationalError("BEGIN IMMEDIATE", None, sqlite3.OperationalError("database is locked"))


def _sqlite_engine(url: URL, *, in_memory: bool) -> Engine:
    connect_args: dict[str, Any] = {"timeout": SQLITE_BUSY_TIMEOUT_S, "check_same_thread": False}
    if in_memory:
        # One shared connection, or each checkout would see its own empty database;
        # fine for a quick experiment in one thread, not for the server.
        engine = create_engine(url, connect_args=connect_args, poolclass=StaticPool, hide_parameters=True)
    else:
        engine = create_engine(url, connect_args=connect_args, pool_timeout=POOL_TIMEOUT_S, hide_parameters=True)

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
            # Deleted rows are overwritten with zeros rather than left in free pages: forget-me means gone.
            cursor.execute("PRAGMA secure_delete = ON")
        finally:
            cursor.close()

    # SQLite has one writer at a time, and a writer that finds the lock taken sleeps in growing steps
    # (up to 100 ms) before it looks again: threads of one process queue here instead, and are woken
    # the moment the lock is free. Other processes still wait on the busy timeout.
    writers = threading.Lock()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # Inside a request, the wait for this process's writers and then SQLite's busy wait together end
        # at the request's deadline: stacked, each of 2 s, they outlasted Slack's 3 s.
        deadline = answer_by()
        if connection.get_execution_options().get(READ_ONLY):
            _wait_at_most(connection, deadline)
            connection.exec_driver_sql("BEGIN")
            return
        wait = SQLITE_BUSY_TIMEOUT_S if deadline is None else min(SQLITE_BUSY_TIMEOUT_S, _time_left(deadline))
        if not writers.acquire(timeout=wait):
            raise _locked()
        connection.info[_HOLDS_WRITER] = True
        try:
            _wait_at_most(connection, deadline)
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        except BaseException:
            _release_writer(connection)
            raise

    def _release_writer(connection: Connection) -> None:
        # Once only: a failed BEGIN also fires the rollback event below.
        if connection.info.pop(_HOLDS_WRITER, False):
            writers.release()

    def _end_then_release(connection: Connection, end: Callable[[Any], None]) -> None:
        # SQLAlchemy's commit and rollback events come before the driver's COMMIT or ROLLBACK. Were the
        # next writer let in here, it would find SQLite's lock still held and sleep in SQLite's busy
        # handler (1, 2, 5, ... up to 100 ms a step), a commit's checkpoint all the more. So the
        # transaction ends here first; the driver's own call after this finds none and does nothing.
        if not connection.info.get(_HOLDS_WRITER):
            return
        try:
            if not connection.invalidated:  # an invalidated one has no transaction left to end
                end(connection.connection.dbapi_connection)
        except sqlite3.Error as error:
            raise OperationalError("COMMIT or ROLLBACK", None, error) from None
        finally:
            _release_writer(connection)

    event.listen(engine, "commit", lambda connection: _end_then_release(connection, sqlite3.Connection.commit))
    event.listen(engine, "rollback", lambda connection: _end_then_release(connection, sqlite3.Connection.rollback))
    return engine


def _wait_at_most(connection: Connection, deadline: float | None) -> None:
    """SQLite's busy timeout for the transaction about to begin: what is left of the request's budget
    (a request past it is refused here), or the usual one outside a request."""
    if deadline is None:
        if connection.info.pop(_BUSY_MS, None) is not None:
            _sqlite_busy_timeout(connection, SQLITE_BUSY_TIMEOUT_S)
        return
    ms = max(1, min(int(SQLITE_BUSY_TIMEOUT_S * 1000), int(_time_left(deadline) * 1000)))
    if connection.info.get(_BUSY_MS) != ms:
        _sqlite_busy_timeout(connection, ms / 1000)
        connection.info[_BUSY_MS] = ms


def checkpoint(engine: Engine) -> bool:
    """Fold SQLite's write-ahead log into the database file and empty it, so rows just deleted
    (and overwritten, see secure_delete) survive in no file on disk. True once done (at once for
    other databases: nothing to do); False when another connection was writing or still reading an
    older snapshot, for the caller to try again later.

    Never waits for that connection: while a checkpoint waits for readers it holds SQLite's write
    lock, and every save would queue behind it."""
    if engine.dialect.name != "sqlite":
        return True
    try:
        with engine.connect() as connection:
            _sqlite_busy_timeout(connection, 0)
            try:
                # On the driver's connection: a checkpoint cannot run inside the transaction SQLAlchemy would begin.
                busy = connection.connection.dbapi_connection.execute(  # type: ignore[union-attr]
                    "PRAGMA wal_checkpoint(TRUNCATE)"
                ).fetchone()[0]
            finally:
                _sqlite_busy_timeout(connection, SQLITE_BUSY_TIMEOUT_S)
    except (SQLAlchemyError, sqlite3.Error) as error:
        log.debug("could not empty the write-ahead log yet: %s", type(error).__name__)
        return False
    return not busy


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


class StoreError(Exception):
    """The database refused a statement for a reason other than availability (a constraint, a bug).

    Replaces the driver's error, whose message can quote the row (PostgreSQL's DETAIL shows the
    conflicting key, i.e. member IDs); this one names only the error class and constraint."""


class StoreUnavailable(StoreError, TemporarilyUnavailable):
    """The database did not answer in time, was locked, or the connection was lost.

    Raised only once the transaction is rolled back, so nothing of the attempt is written later:
    a member told "couldn't save" can trust it. The message names no member and no parameter."""

    def __init__(self, *, while_writing: bool, deadlocked: bool = False, cause: str = "unavailable") -> None:
        super().__init__("the database is unavailable or busy")
        self.while_writing = while_writing
        self.cause = cause
        # PostgreSQL chose this transaction to end a deadlock: the other went through, and trying again is safe.
        self.deadlocked = deadlocked


@contextmanager
def unavailable_on_timeouts(*, writing: bool) -> Iterator[None]:
    """Turn waits and lost connections into StoreUnavailable, and other driver errors into a
    StoreError without the row's values."""
    try:
        yield
    except (OperationalError, PoolTimeoutError) as error:
        deadlocked = getattr(getattr(error, "orig", None), "sqlstate", None) == "40P01"
        # A deadlock is the caller's to try again, not the operator's to hear of; an outage, that of a caller
        # who reports it once (a scheduler tick), rather than once per statement refused.
        if not deadlocked and not outage_reported():
            _log_unavailable("database unavailable", _cause(error))
        raise StoreUnavailable(while_writing=writing, deadlocked=deadlocked, cause=_cause(error)) from None
    except DBAPIError as error:
        if error.connection_invalidated:
            if not outage_reported():
                _log_unavailable("database connection lost", _cause(error))
            raise StoreUnavailable(while_writing=writing, cause=_cause(error)) from None
        diagnostics = getattr(error.orig, "diag", None)
        constraint = getattr(diagnostics, "constraint_name", None)
        raise StoreError(f"{_cause(error)}{f' on {constraint}' if constraint else ''}") from None


# Each request the database refuses would log a line: at any rate anyone sends them, during a whole outage.
UNAVAILABLE_LOGGED = OncePerMinute()


def _log_unavailable(what: str, cause: str) -> None:
    due = UNAVAILABLE_LOGGED.count()
    if due is None:
        return
    count = due[0]
    if count == 1:
        log.warning("%s: %s", what, cause)
    else:
        log.warning("%s: %s (%d refusals since the last such line)", what, cause, count)


def _cause(error: SQLAlchemyError) -> str:
    # The driver's class name only: its message may quote the statement and its values. SQLite's own name for the
    # trouble is safe to add and tells a full disk (SQLITE_FULL) or a read-only file (SQLITE_READONLY) from a lock;
    # PostgreSQL's classes already do (psycopg's DiskFull, ReadOnlySqlTransaction).
    original = getattr(error, "orig", None)
    if original is None:
        return type(error).__name__
    why = getattr(original, "sqlite_errorname", None) or getattr(original, "sqlstate", None)
    if not isinstance(why, str):
        # A connection PostgreSQL never made has no SQLSTATE; libpq's message says why, with the host and port
        # beside it: only a phrase from this list is taken from it, so nothing else of it reaches the log.
        message = str(original).lower()
        why = next((phrase for phrase in _CONNECTION_TROUBLE if phrase in message), None)
    return f"{type(original).__name__} ({why})" if why else type(original).__name__


# libpq's reasons for a connection that failed, as its messages put them.
_CONNECTION_TROUBLE: Final = (
    "connection refused",
    "timeout expired",
    "connection timed out",
    "no route to host",
    "network is unreachable",
    "could not translate host name",
    "password authentication failed",
    "no pg_hba.conf entry",
    "the database system is starting up",
    "the database system is shutting down",
    "too many clients",
    "server closed the connection unexpectedly",
    "ssl",
)


class _Watchdog:
    """Cuts off a driver call that outlives its deadline by shutting its socket.

    statement_timeout is enforced by the server, so it cannot help when the server never
    receives the statement (a frozen network or proxy: TCP keeps acknowledging, keepalives keep
    answering). Shutting the socket makes the waiting call fail at once with a connection error;
    SQLAlchemy then discards the connection. One thread serves every engine in the process."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        # token -> (deadline, socket, whether the caller reports an outage itself: `outage_reported`)
        self._armed: dict[int, tuple[float, int, bool]] = {}
        self._next = 0
        self._thread: threading.Thread | None = None
        # When the waiting watchdog looks next. Deadlines all have the same length, so a new one is
        # rarely earlier: waking the thread for each statement would cost two thread switches.
        self._wakes_at = float("inf")

    @contextmanager
    def deadline(self, fd: int, seconds: float) -> Iterator[None]:
        due = time.monotonic() + seconds
        with self._cond:
            self._next += 1
            token = self._next
            self._armed[token] = (due, fd, outage_reported())
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="privacy-bot-db-watchdog", daemon=True)
                self._thread.start()
            if due < self._wakes_at:
                self._cond.notify()
        try:
            yield
        finally:
            with self._cond:
                self._armed.pop(token, None)

    def _run(self) -> None:
        while True:
            with self._cond:
                now = time.monotonic()
                expired = [token for token, (due, _, _) in self._armed.items() if due <= now]
                if not expired:
                    upcoming = min((due for due, _, _ in self._armed.values()), default=now + 60)
                    self._wakes_at = upcoming
                    self._cond.wait(timeout=max(upcoming - now, 0.01))
                    self._wakes_at = float("inf")
                    continue
                # Shut while still armed: a call that ends meanwhile waits for the lock before it
                # disarms, so its descriptor cannot have been closed and reused by another socket.
                for token in expired:
                    _, fd, reported = self._armed.pop(token)
                    _shut(fd, reported=reported)


def _shut(fd: int, *, reported: bool) -> None:
    try:
        # A duplicate of the descriptor: shutting it down ends the connection the driver waits on,
        # closing it leaves the driver's own descriptor for the driver to close.
        with socket.socket(fileno=os.dup(fd)) as sock:
            sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass  # already closed: the call it guarded has ended anyway
    log.log(
        logging.INFO if reported else logging.WARNING, "a database call passed its deadline; its connection was cut"
    )


_WATCHDOG = _Watchdog()


def _guard_with_deadlines(engine: Engine) -> None:
    """Wrap the driver calls that wait on the server (execute, ping, commit, rollback) in a deadline."""
    dialect: Any = engine.dialect

    def guarded(
        method: Callable[..., Any], connection_of: Callable[..., Any], seconds: float, *, budgeted: bool = True
    ) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            driver = _driver(connection_of(*args))
            fd = None if id(driver) in _UNGUARDED else _socket_of(driver)
            if fd is None:
                return method(*args, **kwargs)
            deadline = answer_by() if budgeted else None
            # In a request, also cut off a call that would outlast its deadline: several statements that
            # each wait almost their statement_timeout would otherwise add up past Slack's 3 s. Cutting
            # the connection before COMMIT writes nothing.
            limit = seconds if deadline is None else min(seconds, max(deadline - time.monotonic(), 0) + _GRACE_S)
            with _WATCHDOG.deadline(fd, limit):
                return method(*args, **kwargs)

        return call

    def by_cursor(cursor: Any, *_: Any) -> Any:
        return cursor.connection

    def by_connection(dbapi_connection: Any, *_: Any) -> Any:
        return dbapi_connection

    for name in ("do_execute", "do_execute_no_params", "do_executemany"):
        setattr(dialect, name, guarded(getattr(dialect, name), by_cursor, CLIENT_DEADLINE_S))
    dialect.do_ping = guarded(dialect.do_ping, by_connection, PING_DEADLINE_S)
    # A COMMIT keeps its own deadline, request or not: cut off, it might still have landed.
    for name in ("do_commit", "do_rollback"):
        setattr(dialect, name, guarded(getattr(dialect, name), by_connection, CLIENT_DEADLINE_S, budgeted=False))


# Driver connections (by id) that run migrations: they may take as long as they need.
_UNGUARDED: set[int] = set()


def _driver(dbapi_connection: Any) -> Any:
    # The psycopg connection behind SQLAlchemy's adapter, if there is one.
    return getattr(dbapi_connection, "driver_connection", dbapi_connection)


def _socket_of(driver: Any) -> int | None:
    try:
        fd = driver.pgconn.socket
    except Exception:  # closed or not connected: nothing to guard
        return None
    return int(fd) if isinstance(fd, int) and fd >= 0 else None


def ping(engine: Engine) -> bool:
    """True when the database answers a trivial read (never taking SQLite's write lock)."""
    try:
        with engine.connect().execution_options(**{READ_ONLY: True}) as connection:
            connection.execute(text("SELECT 1"))
    except SQLAlchemyError as error:
        # Health checks poll often: one line, not a traceback each time.
        log.warning("database ping failed: %s", error.__class__.__name__)
        return False
    return True


HEALTH_TIMEOUT_S: Final = 1.0
HEALTH_MAX_AGE_S: Final = 1.0


class HealthProbe:
    """Is the database usable for this bot: it answers a read within a second, its schema is at
    this bot's head revision, and (SQLite) the file the bot opened is still the one at its path.

    Checks run read-only on one dedicated thread: callers wait at most HEALTH_TIMEOUT_S for a
    fresh result, share one check in flight, reuse a result younger than HEALTH_MAX_AGE_S, and
    get "unhealthy" at once while a check is stuck, so however many probes arrive during an
    outage, none ties up a server thread for long or starts another thread."""

    def __init__(
        self,
        engine: Engine,
        *,
        timeout: float = HEALTH_TIMEOUT_S,
        max_age: float = HEALTH_MAX_AGE_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._engine = engine
        self._timeout = timeout
        self._max_age = max_age
        self._clock = clock
        self._head = head_revision()
        self._file = _sqlite_file(engine)
        self._identity = _identity(self._file) if self._file is not None else None
        self._cond = threading.Condition()
        self._result: tuple[float, bool] | None = None
        self._started: float | None = None  # when the check in flight began
        self._thread: threading.Thread | None = None

    def __call__(self) -> bool:
        with self._cond:
            now = self._clock()
            if self._result is not None and now - self._result[0] <= self._max_age:
                return self._result[1]
            if self._started is None:
                self._started = now
                if self._thread is None:
                    self._thread = threading.Thread(target=self._run, name="privacy-bot-health-check", daemon=True)
                    self._thread.start()
                self._cond.notify_all()
            elif now - self._started > self._timeout:
                return False  # stuck: do not wait again
            fresh = self._cond.wait_for(
                lambda: self._result is not None and self._result[0] >= now, timeout=self._timeout
            )
            return bool(fresh) and self._result is not None and self._result[1]

    def _run(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._started is not None)
            ok = self.check()
            with self._cond:
                self._result = (self._clock(), ok)
                self._started = None
                self._cond.notify_all()

    def check(self) -> bool:
        """One check, in the caller's thread."""
        if self._file is not None and _identity(self._file) != self._identity:
            log.warning("the database file is gone or was replaced")
            return False
        try:
            with self._engine.connect().execution_options(**{READ_ONLY: True}) as connection, connection.begin():
                if connection.dialect.name == "postgresql":
                    connection.execute(text("SET TRANSACTION READ ONLY"))
                    connection.execute(text("SET LOCAL statement_timeout = 1000"))
                current = _revision_of(connection)
        except SQLAlchemyError as error:
            log.warning("database health check failed: %s", _cause(error))
            return False
        if current != self._head:
            log.warning("database schema is at %s, this bot needs %s", current or "nothing", self._head)
            return False
        return True


def _sqlite_file(engine: Engine) -> Path | None:
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    if not database or database == ":memory:":
        return None
    return Path(database).resolve()


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_dev, status.st_ino


def _revision_of(connection: Connection) -> str | None:
    # alembic costs more to import than the rest of the store: commands that never touch the schema skip it.
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory(str(MIGRATIONS_DIR)).get_current_head()
    if head is None:
        raise RuntimeError("no migrations found")
    return head


def is_known_revision(revision: str) -> bool:
    """False for a revision a newer version of the bot wrote."""
    from alembic.script import ScriptDirectory

    try:
        return ScriptDirectory(str(MIGRATIONS_DIR)).get_revision(revision) is not None
    except Exception:  # alembic's ResolutionError/CommandError, whichever its version raises
        return False


def current_revision(engine: Engine) -> str | None:
    """The schema revision the database is at; None for an empty database."""
    with engine.connect().execution_options(**{READ_ONLY: True}) as connection:
        return _revision_of(connection)


def upgrade(engine: Engine, *, revision: str = "head", timezone: str = "UTC") -> None:
    """Migrate to `revision`; safe when several replicas start at once.

    All migrations run in one transaction on one connection, behind a lock
    that every replica takes on that connection: PostgreSQL's session advisory
    lock, SQLite's write lock (BEGIN IMMEDIATE). The second replica waits, then
    finds the schema current and does nothing. A failed migration rolls back
    entirely. `timezone` (BOT_TIMEZONE) is the day of members whose own zone
    is unknown, for migrations that date what was sent to them.
    """
    from alembic import command

    with _migrating(engine) as config:
        config.attributes[BOT_TIMEZONE_ATTRIBUTE] = timezone
        command.upgrade(config, revision)


def downgrade(engine: Engine, *, revision: str) -> None:
    from alembic import command

    with _migrating(engine) as config:
        command.downgrade(config, revision)


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic configured from code, so it works from an installed package."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@contextmanager
def _migrating(engine: Engine) -> Iterator[Config]:
    with (
        _IN_PROCESS,
        engine.connect() as connection,
        _patient(connection),
        _migration_lock(connection),
        connection.begin(),
    ):
        yield alembic_config(connection)


@contextmanager
def _patient(connection: Connection) -> Iterator[None]:
    """Lift the request path's short timeouts on the migrating connection: a migration may take
    longer, and a replica waits for another one's migration to finish."""
    postgres = connection.dialect.name == "postgresql"
    settings = ("statement_timeout", "lock_timeout")
    driver = id(_driver(connection.connection.dbapi_connection))
    if postgres:
        _UNGUARDED.add(driver)
        for name in settings:
            connection.execute(text(f"SET {name} = {MIGRATION_WAIT_S * 1000}"))
        connection.commit()
    else:
        # On the driver's connection: through SQLAlchemy even a PRAGMA would begin (and wait for) a write.
        _sqlite_busy_timeout(connection, MIGRATION_WAIT_S)
    try:
        yield
    finally:
        try:
            if connection.in_transaction():
                connection.rollback()
            if postgres:
                for name in settings:
                    connection.execute(text(f"RESET {name}"))
                connection.commit()
            else:
                _sqlite_busy_timeout(connection, SQLITE_BUSY_TIMEOUT_S)
        except SQLAlchemyError:
            # The pool must not hand out a connection without the request path's timeouts.
            connection.invalidate()
        finally:
            _UNGUARDED.discard(driver)


def _sqlite_busy_timeout(connection: Connection, seconds: float) -> None:
    connection.connection.dbapi_connection.execute(f"PRAGMA busy_timeout = {round(seconds * 1000)}")  # type: ignore[union-attr]
    connection.info.pop(_BUSY_MS, None)  # set on purpose (a migration's): not a request's to undo


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
