"""A clock a test (or the shell) moves by hand, for the stand-in's rate limits, trigger and URL expiry."""

from __future__ import annotations


class ManualClock:
    """Callable like `time.time`; `sleep` advances it, so it can replace `time.sleep` in a retry handler."""

    def __init__(self, start: float = 1_767_225_600.0) -> None:  # 2026-01-01T00:00:00Z
        self.now = start
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds
