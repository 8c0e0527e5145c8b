"""Replies a request thread hands over go out only once its ack has been written.

Handed to the outbound worker while the request was still being answered, a reply could reach Slack
before the ack: a `campaign start` whose audience Slack listed just after SLACK_WAIT_S
(bot.slack.commands) could show "started" first and "Slack is slow…, I'll post here when it has
started" under it. The HTTP server collects what the request thread hands over (`collecting`) and
lets it go from the response's `close()`, which a WSGI server calls once the response is written
(PEP 3333); Socket Mode lets it go once bolt's listener, which sends the ack, returns.

A thread that answers no request (the scheduler, an outbound worker, a future's callback) hands over at once.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

log = logging.getLogger(__name__)

_held = threading.local()


def hand_over(action: Callable[[], None]) -> None:
    """`action` now, or once the ack of the request this thread is answering has been sent."""
    waiting: list[Callable[[], None]] | None = getattr(_held, "actions", None)
    if waiting is None:
        action()
    else:
        waiting.append(action)


@contextmanager
def collecting() -> Iterator[list[Callable[[], None]]]:
    """What this thread hands over inside the block is kept in the list yielded, for `release`."""
    waiting: list[Callable[[], None]] = []
    _held.actions = waiting
    try:
        yield waiting
    finally:
        _held.actions = None


def release(actions: Iterable[Callable[[], None]]) -> None:
    """Each in turn; one that fails is logged and does not keep back those after it."""
    for action in actions:
        try:
            action()
        except Exception:
            log.exception("a reply could not be handed to the outbound worker")


class SentThen(list[bytes]):
    """A WSGI response body whose `close()` releases what was handed over while answering."""

    def __init__(self, body: Iterable[bytes], actions: list[Callable[[], None]]) -> None:
        super().__init__(body)
        self._actions = actions

    def close(self) -> None:
        actions, self._actions = self._actions, []
        release(actions)
