"""Sentences managers read, added while bot/strings.py was being edited by another change: they belong there, and
move there when both land (one place to review tone, as STYLE.md asks)."""

from __future__ import annotations

from typing import Final

# After a report's deadline line once the deadline has passed in BOT_TIMEZONE: the campaign is over for its
# managers (its final digest says so too), whatever DMs to members further west its last hours still send.
REPORT_ENDED: Final = " · the campaign has ended"
