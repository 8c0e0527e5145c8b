"""A consistent copy of a SQLite database while the bot runs, for backups."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path

from bot.store.database import SQLITE_BUSY_TIMEOUT_S


def backup_sqlite(*, source: Path, target: Path) -> int:
    """Copy the database file `source` to `target`, a new file readable by this user only; returns its size.

    SQLite's online backup, under its read lock: what the write-ahead log holds is copied too, and the copy is one
    moment's database. A file copy (`cp`) of a database in WAL mode misses what the log has not yet folded in.
    Raises FileNotFoundError for a `source` that is not there (rather than create an empty one), and
    FileExistsError for a `target` that is (never overwritten)."""
    if not source.is_file():
        raise FileNotFoundError(source)
    os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    try:
        with (
            closing(sqlite3.connect(source, timeout=SQLITE_BUSY_TIMEOUT_S)) as reading,
            closing(sqlite3.connect(target)) as writing,
        ):
            reading.backup(writing)
            # The copy stands alone: one file, no -wal beside it to lose when it is moved.
            writing.execute("PRAGMA journal_mode = DELETE")
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return target.stat().st_size
