"""Slack-style rate limiting for the stand-in: a per-method window, or a scripted burst of 429s.

Time comes from an injected clock so a test can advance it instead of sleeping.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass

WINDOW = 1.0  # seconds; `rate_limit={"chat.postMessage": 2}` means 2 calls per second


@dataclass
class _Script:
    allow: int  # calls still let through before the 429s start
    refuse: int  # 429s still to give
    retry_after: int


class RateLimiter:
    def __init__(self, per_second: Mapping[str, int] | None, *, clock: Callable[[], float]) -> None:
        self._per_second = dict(per_second or {})
        self._clock = clock
        self._seen: dict[str, deque[float]] = {}
        self._scripts: dict[str, _Script] = {}

    def set_rate(self, method: str, per_second: int | None) -> None:
        if per_second is None:
            self._per_second.pop(method, None)
        else:
            self._per_second[method] = per_second

    def script(self, method: str, *, allow: int = 0, refuse: int = 1, retry_after: int = 1) -> None:
        """Let `allow` calls through, then answer 429 to the next `refuse`, then behave normally."""
        self._scripts[method] = _Script(allow=allow, refuse=refuse, retry_after=retry_after)

    def check(self, method: str) -> int | None:
        """Seconds to put in Retry-After if this call is refused; None when it may go ahead (and is counted)."""
        script = self._scripts.get(method)
        if script is not None:
            if script.allow > 0:
                script.allow -= 1
            elif script.refuse > 0:
                script.refuse -= 1
                return script.retry_after
            else:
                del self._scripts[method]
        limit = self._per_second.get(method)
        if limit is None:
            return None
        now = self._clock()
        seen = self._seen.setdefault(method, deque())
        while seen and seen[0] <= now - WINDOW:
            seen.popleft()
        if len(seen) >= limit:
            # Slack sends whole seconds, never 0: a client that honours it must actually wait.
            return max(1, math.ceil(seen[0] + WINDOW - now))
        seen.append(now)
        return None
