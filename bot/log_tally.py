"""Counting what anyone on the network can make happen at any rate, and saying when to log it: at most once a minute."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Final

LOG_EVERY_S: Final = 60.0


class OncePerMinute:
    """Counts what happened; says when to log it: the first time at once, then at most once a minute, with how
    many came since the last line and the largest `size` among them."""

    def __init__(self, *, clock: Callable[[], float] = time.monotonic) -> None:
        self._lock = threading.Lock()
        self._clock = clock
        self._next_log: float | None = None
        self._unlogged = 0
        self._largest = 0.0

    def count(self, size: float = 0) -> tuple[int, float] | None:
        """(how many, the largest size) when a line is due, else None."""
        with self._lock:
            self._unlogged += 1
            self._largest = max(self._largest, size)
            now = self._clock()
            if self._next_log is not None and now < self._next_log:
                return None
            due = (self._unlogged, self._largest)
            self._unlogged, self._largest, self._next_log = 0, 0.0, now + LOG_EVERY_S
            return due

    def warning(self, logger: logging.Logger, message: str, *, size: float = 0, **values: object) -> None:
        """Count one; when a line is due, log `message` with `%(count)d` (how many since the last line),
        `%(largest)…` (the largest `size` among them) and `values`."""
        due = self.count(size)
        if due is not None:
            logger.warning(message, {"count": due[0], "largest": due[1], **values})
