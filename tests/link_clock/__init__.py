"""Move the clock a whole `privacy-bot` process times Socket Mode outages on, so a test sees the grace period and
the steady period pass without waiting them out. time-machine cannot: it leaves time.monotonic() alone."""

from __future__ import annotations

from pathlib import Path

FOLDER = Path(__file__).resolve().parent


def link_clock_env(ahead: Path) -> dict[str, str]:
    """Environment for a subprocess whose link clock runs as many seconds ahead as `ahead` holds (none yet)."""
    return {"PYTHONPATH": str(FOLDER), "TEST_LINK_CLOCK_AHEAD": str(ahead)}


def move_link_clock(ahead: Path, *, seconds: float) -> None:
    """The process's link clock jumps `seconds` forward, from its next reading on."""
    before = float(ahead.read_text()) if ahead.exists() else 0.0
    # Replaced whole, so the process never reads a half-written file (an empty one would move its clock back).
    draft = ahead.with_name(ahead.name + ".draft")
    draft.write_text(repr(before + seconds))
    draft.replace(ahead)
