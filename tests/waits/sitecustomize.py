"""Loaded by Python at start-up when this folder is on PYTHONPATH: the process's Slack retry waits
(bot.slack.gateway.retry_wait) are appended to RECORD_RETRY_WAITS instead of spent."""

import os

if record := os.environ.get("RECORD_RETRY_WAITS"):
    from bot.slack import gateway

    def _record(seconds: float) -> None:
        with open(record, "a") as waits:
            waits.write(f"{seconds!r}\n")

    gateway.retry_wait = _record
