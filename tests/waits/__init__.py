"""Record the retry waits of a whole `privacy-bot` process instead of spending them, as the `retry_waits`
fixture does for a bot in the test's own process."""

from __future__ import annotations

from pathlib import Path

FOLDER = Path(__file__).resolve().parent


def record_waits_env(record: Path) -> dict[str, str]:
    """Environment for a subprocess whose Slack retry waits are written to `record`, one a line, not spent."""
    return {"PYTHONPATH": str(FOLDER), "RECORD_RETRY_WAITS": str(record)}


def recorded_waits(record: Path) -> list[float]:
    return [float(line) for line in record.read_text().split()] if record.exists() else []
