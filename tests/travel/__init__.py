"""Run a whole `privacy-bot` process at a moment a test chooses, so dated tests never age."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

FOLDER = Path(__file__).resolve().parent


def travel_env(moment: datetime) -> dict[str, str]:
    """Environment for a subprocess whose clocks start at `moment` (timezone-aware) and run on."""
    if moment.tzinfo is None:
        raise ValueError("a moment to travel to needs a timezone")
    return {"PYTHONPATH": str(FOLDER), "TRAVEL_TO": moment.isoformat()}
