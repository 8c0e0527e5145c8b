"""What recording an answer did, as the member is told it: a value the Slack layer renders without loading the
store (the guide checks render it while the command line lists guides)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.core import Reason, Status
from bot.guides.catalog import Guide


@dataclass(frozen=True)
class Recorded:
    guide: Guide
    status: Status
    changed: bool
    at: datetime
    snooze_until: datetime | None
    reason: Reason | None = None
    # When the DM a snooze promised goes out (a snooze's end is not it: that DM waits for `remind_at`).
    reminder_at: datetime | None = None
    replaced: Status | None = None  # the member's earlier, different answer, if any
    # Shown again, as given earlier (a guide asked for again), not as recorded by what the member just did.
    earlier: bool = False
