"""Writes a request can do without: when the database is busy or gone, the member still gets what
they asked for, and only the side note (a remembered platform, an audit line) is missing."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Final, TypeVar

from bot.core import TemporarilyUnavailable, answering_by

log = logging.getLogger(__name__)

T = TypeVar("T")

# Such a write is worth a short wait, not the request's whole budget: the answer is what the member waits for.
BEST_EFFORT_WAIT_S: Final = 0.5


def best_effort(what: str, work: Callable[[], T]) -> T | None:
    """`work` (a store call), waiting at most BEST_EFFORT_WAIT_S for the database, or less if the request
    has less left; None when the database did not answer in time, with one log line saying `what` was
    skipped (never who). The store rolls a failed attempt back, so nothing of it is written later."""
    try:
        with answering_by(time.monotonic() + BEST_EFFORT_WAIT_S):
            return work()
    except TemporarilyUnavailable as error:
        log.warning("answered without %s: the database was busy or unreachable (%s)", what, type(error).__name__)
        return None
