"""Signatures of the requests already taken, kept while Slack's 5-minute window would accept them again.

Slack's signature proves who made a request, not that it is new: a copy of a signed request (from a proxy's
log, a captured request) passes the signature check for as long as its timestamp is within the window. Slack
never sends the same command or click twice (each carries a new trigger ID), and an event it sends again is one
already taken, so a second sight of a signature is a copy of something done, and is answered with nothing.

Only signed requests reach here, so nobody without the signing secret can add to what is kept; what is
kept is bounded by what Slack sends in ten minutes, and forgotten once its timestamp leaves the window.
"""

from __future__ import annotations

import heapq
import threading


class SeenSignatures:
    def __init__(self, *, window_s: int) -> None:
        """`window_s`: how far a request's timestamp may be from the clock for its signature to be accepted."""
        self._window_s = window_s
        self._lock = threading.Lock()
        self._seen: set[str] = set()
        self._expiring: list[tuple[int, str]] = []  # a heap: (the last second the request is accepted, signature)

    def first(self, signature: str, *, timestamp: int, now: float) -> bool:
        """True the first time this signature is seen within its window; False for every copy."""
        with self._lock:
            while self._expiring and self._expiring[0][0] < now:
                self._seen.discard(heapq.heappop(self._expiring)[1])
            if signature in self._seen:
                return False
            self._seen.add(signature)
            heapq.heappush(self._expiring, (timestamp + self._window_s, signature))
            return True

    def forget(self, signature: str) -> None:
        """The request was refused, not taken: its copies are not copies of anything done."""
        with self._lock:
            self._seen.discard(signature)  # its heap entry expires harmlessly

    def __len__(self) -> int:
        with self._lock:
            return len(self._seen)
