"""Requests that waited past Slack's limit before a thread took them: refused unread, counted, and
told to the operator at most once a minute (under the overload that causes them there are many, and a
line for each would add to it)."""

from __future__ import annotations

import logging
import threading
import time
from typing import Final

from bot.core import SLACK_ACK_LIMIT_S
from bot.slack.metrics import Metrics

log = logging.getLogger(__name__)

LOG_EVERY_S: Final = 60.0


class LateRequests:
    def __init__(self, metrics: Metrics) -> None:
        self._metrics = metrics
        self._lock = threading.Lock()
        self._next_log = 0.0
        self._unlogged = 0

    def too_late(self, arrived: float) -> bool:
        """True (and counted) when the request that arrived at `arrived`, a `time.monotonic()` value, has
        waited so long that Slack stopped waiting for its answer: nobody will see what it would say."""
        waited = time.monotonic() - arrived
        if waited < SLACK_ACK_LIMIT_S:
            return False
        self._metrics.late()
        with self._lock:
            self._unlogged += 1
            now = time.monotonic()
            if now < self._next_log:
                return True
            count, self._unlogged, self._next_log = self._unlogged, 0, now + LOG_EVERY_S
        log.warning(
            "refused %d request(s) from Slack unread: the last one waited %.1f s for a free thread, and Slack "
            "stops waiting after %g s (the bot is short of threads or CPU)",
            count,
            waited,
            SLACK_ACK_LIMIT_S,
        )
        return True
