"""The pure summary: what the numbers mean and how they read, without Slack or a database."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.core import Status
from bot.reports import (
    LEFT,
    Counts,
    Person,
    ReportRow,
    csv_cells,
    current_status,
    neutralise,
    per_day,
    progress_bar,
    sparkline,
    summarize,
    write_csv,
)
from tests.test_architecture import FRAMEWORKS, MODULES, _violations

NOW = datetime(2026, 12, 10, 12, 0, tzinfo=UTC)


def row(status: str | None = None, **fields: object) -> ReportRow:
    values: dict[str, object] = {
        "user_id": "U1",
        "name": "Ann",
        "status": status,
        "recorded_at": NOW - timedelta(days=1) if status else None,
        "snooze_until": None,
        "platform": None,
        "reason": None,
        "left": False,
        **fields,
    }
    return ReportRow(**values)  # type: ignore[arg-type]


def test_reports_is_pure() -> None:
    banned = (*FRAMEWORKS, "bot.store", "bot.slack", "bot.local", "bot.service", "bot.scheduler", "bot.cli")
    assert _violations("bot.reports", banned) == [] and "bot.reports" in MODULES


def test_counts_percent_rounds_down_and_left_is_not_in_the_audience() -> None:
    counts = Counts.of({"confirmed": 299, "not_applicable": 0, "pending": 1, LEFT: 7})
    assert (counts.audience, counts.done, counts.percent, counts.left) == (300, 299, 99, 7)
    assert Counts().percent == 0


def test_an_expired_snooze_is_pending() -> None:
    assert current_status(row(Status.SNOOZED.value, snooze_until=NOW + timedelta(hours=1)), now=NOW) is Status.SNOOZED
    assert current_status(row(Status.SNOOZED.value, snooze_until=NOW), now=NOW) is Status.PENDING
    assert current_status(row(None), now=NOW) is Status.PENDING


def test_progress_bar_and_sparkline() -> None:
    assert progress_bar(0) == "░" * 20 and progress_bar(100) == "█" * 20 and progress_bar(50) == "█" * 10 + "░" * 10
    assert sparkline([0, 1, 2, 4, 8]) == "▁▂▃▅█"
    assert sparkline([0, 0]) == "▁▁" and sparkline([]) == ""


def test_per_day_uses_the_bots_zone_and_clamps_to_the_campaign() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    hours = [
        (datetime(2026, 11, 1, 9, tzinfo=UTC), 5),  # before the campaign: not in its trend
        (datetime(2026, 11, 30, 23, 30, tzinfo=UTC), 5),  # 00:30 on 1 Dec in Berlin: its first day
        (datetime(2026, 12, 1, 23, tzinfo=UTC), 2),  # 00:00 on 2 Dec in Berlin
        (datetime(2026, 12, 3, 10, tzinfo=UTC), 1),
        (datetime(2026, 12, 3, 23, tzinfo=UTC), 4),  # 00:00 on 4 Dec in Berlin: after the last day, not on it
    ]
    assert per_day(hours, first=date(2026, 12, 1), last=date(2026, 12, 3), tz=berlin) == (5, 2, 1)


def test_summary_hides_names_below_the_minimum_group() -> None:
    common = {
        "campaign_id": "c",
        "guide_id": "g",
        "title": "T",
        "deadline": date(2026, 12, 15),
        "started_at": datetime(2026, 12, 1, 9, tzinfo=UTC),
        "answered": [],
        "pending": [Person("U1", "Ann"), Person("U2", "Bo")],
        "now": NOW,
        "tz": ZoneInfo("UTC"),
    }
    tally = {"confirmed": 1, "pending": 2}
    shown = summarize(tally=tally, min_group=0, **common)  # type: ignore[arg-type]
    assert not shown.names_hidden and len(shown.pending) == 2 and shown.days_left == 5 and len(shown.trend) == 10
    hidden = summarize(tally=tally, min_group=4, **common)  # type: ignore[arg-type]
    assert hidden.names_hidden and hidden.pending == () and hidden.more_pending == 0


def test_every_formula_start_is_neutralised_and_nothing_else() -> None:
    for cell in ("=1+1", "+1", "-1", "@A1", "\t=1", "\r=1"):
        assert neutralise(cell) == "'" + cell
    for cell in ("Ann", "1", "'x", " =1", "U0CHI", "2026-12-01T10:00:00+00:00"):
        assert neutralise(cell) == cell


def test_csv_rows_are_exact_and_left_members_say_so() -> None:
    confirmed = row(Status.CONFIRMED.value, platform="ios", name="=cmd")
    left = row(Status.CONFIRMED.value, left=True, user_id="U2")
    expired = row(Status.SNOOZED.value, snooze_until=NOW - timedelta(hours=1), user_id="U3")
    assert csv_cells(confirmed, now=NOW) == ["U1", "'=cmd", "confirmed", "2026-12-09T12:00:00+00:00", "ios", ""]
    assert csv_cells(left, now=NOW)[2] == LEFT
    assert csv_cells(expired, now=NOW)[2:] == ["pending", "", "", ""]
    out = io.StringIO()
    assert write_csv([confirmed, left, expired], out, now=NOW) == 3
    assert len(list(csv.reader(io.StringIO(out.getvalue())))) == 4


def test_the_managers_home_section_fits_what_the_guides_leave() -> None:
    from bot.slack import report_views, views

    summary = summarize(
        campaign_id="c",
        guide_id="g",
        title="T",
        deadline=date(2026, 12, 15),
        started_at=datetime(2026, 12, 1, 9, tzinfo=UTC),
        tally={"pending": 3},
        answered=[],
        pending=[],
        now=NOW,
        tz=ZoneInfo("UTC"),
        min_group=0,
    )
    for room in (100, 40, 10, 4):
        blocks = report_views.home_blocks([summary] * 30, command="/privacy", room=room)
        assert len(blocks) <= room and views.checked(blocks, limit=views.MAX_VIEW_BLOCKS)
        assert "and " in str(blocks[-1].to_dict())  # "…and N more" says what did not fit
