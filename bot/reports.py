"""Manager summaries: counts, progress, trend, and the CSV. Pure: rows, time zone and `now` in; values out.

The store counts in SQL (a summary of 50,000 members must not load 50,000 rows); this module decides
what the numbers mean and how they read: which members count as pending, percent answered, the progress
bar, the per-day trend, and the CSV cells, neutralised against spreadsheet formula injection.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final, TextIO
from zoneinfo import ZoneInfo

from bot import strings
from bot.core import DmRefusal, Status

LEFT: Final = "left"  # a member no longer in the audience (left the channel, deactivated): counted apart
PENDING_SHOWN: Final = 20
BAR_WIDTH: Final = 20
TREND_DAYS: Final = 42  # six weeks of days fit one line of a Slack message
_SPARKS: Final = "▁▂▃▄▅▆▇█"
# OWASP "CSV injection": a cell starting with one of these is a formula to a spreadsheet.
_FORMULA_STARTS: Final = frozenset("=+-@\t\r")
CSV_COLUMNS: Final = ("user_id", "name", "status", "recorded_at", "platform", "reason")
COUNT_COLUMNS: Final = ("status", "members")


@dataclass(frozen=True, slots=True)
class Counts:
    confirmed: int = 0
    not_applicable: int = 0
    snoozed: int = 0
    pending: int = 0
    left: int = 0

    @classmethod
    def of(cls, tally: Mapping[str, int]) -> Counts:
        return cls(
            confirmed=tally.get(Status.CONFIRMED.value, 0),
            not_applicable=tally.get(Status.NOT_APPLICABLE.value, 0),
            snoozed=tally.get(Status.SNOOZED.value, 0),
            pending=tally.get(Status.PENDING.value, 0),
            left=tally.get(LEFT, 0),
        )

    @property
    def audience(self) -> int:
        """Members still addressed; those who left are not in it."""
        return self.confirmed + self.not_applicable + self.snoozed + self.pending

    @property
    def done(self) -> int:
        return self.confirmed + self.not_applicable

    @property
    def percent(self) -> int:
        """Rounded down, so 100 % means everyone, not "all but one of 300"."""
        return self.done * 100 // self.audience if self.audience else 0

    def of_status(self, status: Status) -> int:
        return {
            Status.CONFIRMED: self.confirmed,
            Status.NOT_APPLICABLE: self.not_applicable,
            Status.SNOOZED: self.snoozed,
            Status.PENDING: self.pending,
        }[status]


@dataclass(frozen=True, slots=True)
class Person:
    user_id: str
    name: str


@dataclass(frozen=True, slots=True)
class Snoozed:
    """A snoozed member and when their snooze ends: the reminder DM comes back then (None: a row without an end)."""

    person: Person
    until: dt.datetime | None


@dataclass(frozen=True, slots=True)
class ReportRow:
    """One member of a campaign's audience as stored: the raw status row (if any) and the directory."""

    user_id: str
    name: str | None
    status: str | None  # None: no row, pending
    recorded_at: dt.datetime | None
    snooze_until: dt.datetime | None
    platform: str | None
    reason: str | None
    left: bool  # left the audience, or the account was deactivated


@dataclass(frozen=True)
class Summary:
    campaign_id: str
    guide_id: str
    title: str
    deadline: dt.date
    started: dt.date
    today: dt.date
    counts: Counts
    names_hidden: bool  # the audience is smaller than REPORT_MIN_GROUP: counts only
    pending: tuple[Person, ...] = ()  # the first PENDING_SHOWN, by name; empty when names are hidden
    snoozed: tuple[Snoozed, ...] = ()  # the first PENDING_SHOWN, soonest end first; empty when names are hidden
    # When the first snooze ends (a time, no name: said below REPORT_MIN_GROUP too); None when nobody is snoozed.
    first_snooze_end: dt.datetime | None = None
    trend: tuple[int, ...] = field(default=())  # members who answered, per day, up to today
    trend_start: dt.date | None = None
    trend_after: int = 0  # members who answered after the trend's last day (the day after the deadline)
    # Members whose answer came before the trend's first day: an earlier campaign's, counted as done but not in it.
    trend_before: int = 0
    stopped: bool = False  # a manager stopped it: nothing more goes out, whatever days are left
    stopped_at: dt.datetime | None = None
    stopped_by: str | None = None  # the manager, from the audit log; None when unknown (a file's, or forgotten)
    # Its guide is no longer in the catalog (a GUIDES_DIR file removed, an id renamed): nothing goes out for it.
    guide_gone: bool = False
    # Pending members whose DMs Slack refuses, by why (a deactivated account, the app's Messages tab off…).
    unreachable: tuple[tuple[DmRefusal, int], ...] = ()
    # (channel, Slack's error) for channels that refuse its posts: the manager would not see it otherwise.
    unposted: tuple[tuple[str, str], ...] = ()
    tz: ZoneInfo = field(default=ZoneInfo("UTC"))  # BOT_TIMEZONE: the zone `today` and the times shown are in

    @property
    def days_left(self) -> int:
        """Days to the deadline from today in the bot's zone; 0 on the day, negative once past."""
        return (self.deadline - self.today).days

    @property
    def more_pending(self) -> int:
        return max(0, self.counts.pending - len(self.pending)) if not self.names_hidden else 0

    @property
    def more_snoozed(self) -> int:
        return max(0, self.counts.snoozed - len(self.snoozed)) if not self.names_hidden else 0

    @property
    def everyone_answered(self) -> bool:
        """Done or doesn't apply, every one: a snoozed member has not answered yet."""
        return self.counts.audience > 0 and self.counts.done == self.counts.audience


def current_status(row: ReportRow, *, now: dt.datetime) -> Status:
    """What a stored row means now: no row, or a snooze that ran out, is pending."""
    if row.status is None:
        return Status.PENDING
    status = Status(row.status)
    if status is Status.SNOOZED and (row.snooze_until is None or row.snooze_until <= now):
        return Status.PENDING
    return status


def names_hidden(audience: int, *, min_group: int) -> bool:
    """REPORT_MIN_GROUP: below it a status is as good as a name, so only counts are shown."""
    return min_group > 0 and audience < min_group


def summarize(
    *,
    campaign_id: str,
    guide_id: str,
    title: str,
    deadline: dt.date,
    started_at: dt.datetime,
    tally: Mapping[str, int],
    answered: Iterable[tuple[dt.datetime, int]],
    pending: Sequence[Person],
    now: dt.datetime,
    tz: ZoneInfo,
    min_group: int,
    snoozed: Sequence[Snoozed] = (),
    first_snooze_end: dt.datetime | None = None,
    stopped_at: dt.datetime | None = None,
    stopped_by: str | None = None,
    guide_gone: bool = False,
) -> Summary:
    counts = Counts.of(tally)
    hidden = names_hidden(counts.audience, min_group=min_group)
    today = now.astimezone(tz).date()
    start = started_at.astimezone(tz).date()
    first, end = trend_days(started_at=started_at, deadline=deadline, now=now, tz=tz, stopped_at=stopped_at)
    answered = list(answered)
    return Summary(
        campaign_id=campaign_id,
        guide_id=guide_id,
        title=title,
        deadline=deadline,
        started=start,
        today=today,
        counts=counts,
        names_hidden=hidden,
        pending=() if hidden else tuple(pending[:PENDING_SHOWN]),
        snoozed=() if hidden else tuple(snoozed[:PENDING_SHOWN]),
        first_snooze_end=first_snooze_end if counts.snoozed else None,
        trend=per_day(answered, first=first, last=end, tz=tz),
        trend_start=first,
        trend_after=sum(count for at, count in answered if at.astimezone(tz).date() > end),
        trend_before=sum(count for at, count in answered if at.astimezone(tz).date() < first),
        stopped=stopped_at is not None,
        stopped_at=stopped_at,
        stopped_by=stopped_by if stopped_at is not None else None,
        guide_gone=guide_gone,
        tz=tz,
    )


def moment_text(moment: dt.datetime, tz: ZoneInfo) -> str:
    """A time in BOT_TIMEZONE, named, as `privacy-bot report` writes times: "2026-12-07 10:00 Europe/Rome"."""
    return f"{moment.astimezone(tz):%Y-%m-%d %H:%M} {tz.key}"


def first_snooze_end_text(summary: Summary) -> str:
    """The sentence on when the first snooze ends, for the report, the digest and the nudge answer alike."""
    if summary.first_snooze_end is None:
        return ""
    return strings.SNOOZE_FIRST_END.format(when=moment_text(summary.first_snooze_end, summary.tz))


def day_text(moment: dt.datetime, tz: ZoneInfo) -> str:
    return moment.astimezone(tz).date().isoformat()


def trend_days(
    *,
    started_at: dt.datetime,
    deadline: dt.date,
    now: dt.datetime,
    tz: ZoneInfo,
    stopped_at: dt.datetime | None = None,
) -> tuple[dt.date, dt.date]:
    """The first and the last day of the trend in `tz`: from the campaign's start, at most TREND_DAYS, up to
    today, the day after the deadline, or the day a manager stopped it (after which it asks nobody)."""
    today = now.astimezone(tz).date()
    start = started_at.astimezone(tz).date()
    ends = [today, deadline + dt.timedelta(days=1)]
    if stopped_at is not None:
        ends.append(stopped_at.astimezone(tz).date())
    last = max(start, min(ends))
    return max(start, last - dt.timedelta(days=TREND_DAYS - 1)), last


@dataclass(frozen=True, slots=True)
class Slots:
    """Spans of time the store counts answers in: `seconds` long (a divisor of an hour), one starting `at`
    seconds past each UTC hour (and every `seconds` after it)."""

    seconds: int = 3600
    at: int = 0


def day_slots(tz: ZoneInfo, *, first: dt.date, last: dt.date) -> Slots:
    """The longest slots none of which holds the start of a day in `tz` from `first` to `last` (answers
    before `first` are left out; pass the day after the trend's last as `last`, so that answers after it are
    told apart exactly), so that each slot's answers fall on one day: hours for most zones (from :30 past the
    UTC hour in Kolkata), but half hours where the offset moves by 30 minutes within the days (Lord Howe
    Island's summer time)."""
    starts = {
        dt.datetime.combine(first + dt.timedelta(days=n), dt.time(), tzinfo=tz).astimezone(dt.UTC)
        for n in range((last - first).days + 1)
    }
    past_hour = sorted({start.minute * 60 + start.second for start in starts})
    if not past_hour:
        return Slots()
    seconds = math.gcd(3600, *(second - past_hour[0] for second in past_hour))
    return Slots(seconds=seconds, at=past_hour[0] % seconds)


def per_day(
    answered: Iterable[tuple[dt.datetime, int]], *, first: dt.date, last: dt.date, tz: ZoneInfo
) -> tuple[int, ...]:
    """Counts per slot (the store's slots each fall on one day in `tz`, see `day_slots`) as days in `tz`
    from `first` to `last`, each slot on the day it starts.
    Answers given before `first` (before the campaign, or weeks ago) are not in it: the line reads "answers per
    day since" the start, and shown on the first day they read as that day's, "today 2" when nobody answered
    today. They are in the done count. Answers after `last` (a report read a week after the deadline) are not
    in it either: put on the last day, they would read as answers given that day; the report counts them apart."""
    days = [0] * ((last - first).days + 1)
    for at, count in answered:
        index = (at.astimezone(tz).date() - first).days
        if 0 <= index < len(days):
            days[index] += count
    return tuple(days)


def progress_bar(percent: int, *, width: int = BAR_WIDTH) -> str:
    filled = min(width, max(0, round(percent * width / 100)))
    return "█" * filled + "░" * (width - filled)


def sparkline(values: Sequence[int]) -> str:
    """One character per value, scaled to the largest; a day with nothing is the lowest bar."""
    top = max(values, default=0)
    if top == 0:
        return _SPARKS[0] * len(values)
    steps = len(_SPARKS) - 1
    return "".join(_SPARKS[0] if value == 0 else _SPARKS[max(1, round(value * steps / top))] for value in values)


# -- CSV ------------------------------------------------------------------------


def neutralise(cell: str) -> str:
    """A leading apostrophe makes a spreadsheet show the cell as text instead of running it."""
    return "'" + cell if cell[:1] in _FORMULA_STARTS else cell


def csv_cells(row: ReportRow, *, now: dt.datetime) -> list[str]:
    status = LEFT if row.left else current_status(row, now=now).value
    answered = status != Status.PENDING.value
    at = row.recorded_at
    return [
        neutralise(row.user_id),
        neutralise(row.name or ""),
        status,
        at.astimezone(dt.UTC).isoformat(timespec="seconds") if answered and at else "",
        (row.platform or "") if answered else "",
        neutralise(row.reason or "") if answered else "",
    ]


def write_csv(rows: Iterable[ReportRow], out: TextIO, *, now: dt.datetime) -> int:
    """Row by row, so 50,000 members never sit in memory at once; returns how many were written."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    written = 0
    for row in rows:
        writer.writerow(csv_cells(row, now=now))
        written += 1
    return written


def write_counts_csv(counts: Counts, out: TextIO) -> None:
    """The CSV when names are hidden (REPORT_MIN_GROUP): one line per status, no IDs, no names."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COUNT_COLUMNS)
    for status in Status:
        writer.writerow([status.value, counts.of_status(status)])
    writer.writerow([LEFT, counts.left])


# -- json ------------------------------------------------------------------------


def json_member(row: ReportRow, *, now: dt.datetime) -> dict[str, str | None]:
    status = current_status(row, now=now)
    return {
        "user": row.user_id,
        "name": row.name,
        "status": status.value,
        "at": row.recorded_at.astimezone(dt.UTC).isoformat()
        if row.recorded_at and status is not Status.PENDING
        else None,
    }


def json_report(summary: Summary, rows: Iterable[ReportRow], *, now: dt.datetime) -> dict[str, object]:
    """DESIGN.md's `report --format json`; members who left the audience are counted in `left`, not listed.
    `stopped`: a manager stopped it, as the table and Slack's report say (nothing more goes out for it)."""
    counts = summary.counts
    members = [] if summary.names_hidden else [json_member(row, now=now) for row in rows if not row.left]
    return {
        "campaign": summary.campaign_id,
        "guide": summary.guide_id,
        "audience": counts.audience,
        **{status.value: counts.of_status(status) for status in Status},
        "left": counts.left,
        "names_hidden": summary.names_hidden,
        "stopped": summary.stopped,
        "members": members,
        # What Slack's report warns of: pending members whose DMs Slack refuses, by why, and channels that refuse
        # the campaign's posts, with Slack's error.
        "unreachable": [{"reason": why.value, "count": count} for why, count in summary.unreachable],
        "unposted": [{"channel": channel, "reason": code} for channel, code in summary.unposted],
    }
