"""Policy dates as an RFC 5545 iCalendar file, written by hand: a few all-day events need no library."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from bot.policy_dates import DatedChange

PRODID = "-//Privacy Reminder Bot//Policy dates//EN"
_FOLD_AT = 75  # octets per line, CRLF excluded (RFC 5545 3.1)


def _escape(text: str) -> str:
    # RFC 5545 3.3.11: backslash, semicolon, comma and newlines are escaped in TEXT values.
    return (
        text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")
    )


def _fold(line: str) -> list[str]:
    """Split a content line into lines of at most 75 octets, never inside a UTF-8 character."""
    lines: list[str] = []
    current = ""
    limit = _FOLD_AT
    for char in line:
        if len((current + char).encode("utf-8")) > limit:
            lines.append(current)
            current = char
            limit = _FOLD_AT - 1  # continuation lines start with a space
        else:
            current += char
    lines.append(current)
    return [lines[0], *(f" {rest}" for rest in lines[1:])]


def _stamp(now: dt.datetime) -> str:
    return now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar_ics(changes: Sequence[DatedChange], *, now: dt.datetime, name: str) -> str:
    """One all-day VEVENT per change, with a UID that stays the same across runs so re-imports update."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    lines.append(f"X-WR-CALNAME:{_escape(name)}")
    seen: dict[tuple[str, dt.date], int] = {}
    for change in changes:
        number = seen[(change.guide_id, change.date)] = seen.get((change.guide_id, change.date), 0) + 1
        regions = ", ".join(change.regions) if change.regions else "everywhere"
        description = f"{change.what}\nRegions: {regions}\nGuide: {change.title} ({change.guide_id})"
        summary = f"{change.service}: {change.what}"
        lines += [
            "BEGIN:VEVENT",
            f"UID:{change.guide_id}-{change.date:%Y%m%d}-{number}@privacy-reminder-bot",
            f"DTSTAMP:{_stamp(now)}",
            f"DTSTART;VALUE=DATE:{change.date:%Y%m%d}",
            f"DTEND;VALUE=DATE:{change.date + dt.timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_escape(summary)}",
            f"DESCRIPTION:{_escape(description)}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(f"{folded}\r\n" for line in lines for folded in _fold(line))
