"""Requests that waited past Slack's limit before a thread took them: refused unread, counted, and
told to the operator at most once a minute (under the overload that causes them there are many, and a
line for each would add to it)."""

from __future__ import annotations

import logging
import time

from bot.core import SLACK_ACK_LIMIT_S
from bot.log_tally import OncePerMinute
from bot.slack.metrics import Metrics

log = logging.getLogger(__name__)


class LateRequests:
    def __init__(self, metrics: Metrics) -> None:
        self._metrics = metrics
        self._tally = OncePerMinute()

    def too_late(self, arrived: float) -> bool:
        """True (and counted) when the request that arrived at `arrived`, a `time.monotonic()` value, has
        waited so long that Slack stopped waiting for its answer: nobody will see what it would say."""
        waited = time.monotonic() - arrived
        if waited < SLACK_ACK_LIMIT_S:
            return False
        self._metrics.late()
        self._tally.warning(
            log,
            "refused %(count)d request(s) from Slack unread: the longest waited %(largest).1f s for a free thread, "
            "and Slack stops waiting after %(limit)g s (the bot is short of threads or CPU)",
            size=waited,
            limit=SLACK_ACK_LIMIT_S,
        )
        return True
