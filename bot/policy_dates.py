"""Policy dates across every guide: what changed or will change, when, and where. Pure: takes `now`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from bot.guides.catalog import Guide

# How many past dates `/privacy dates` shows besides every upcoming one: enough for context, short enough to read.
RECENT: int = 8


@dataclass(frozen=True)
class DatedChange:
    date: dt.date
    what: str
    regions: tuple[str, ...]  # empty: everywhere
    guide_id: str
    service: str
    title: str
    upcoming: bool  # on or after the day it was listed


def _today(now: dt.datetime | dt.date) -> dt.date:
    return now.date() if isinstance(now, dt.datetime) else now


def _changes(guides: Iterable[Guide], today: dt.date) -> list[DatedChange]:
    changes = [
        DatedChange(
            date=item.date,
            what=item.what,
            regions=item.regions,
            guide_id=guide.id,
            service=guide.service,
            title=guide.title,
            upcoming=item.date >= today,
        )
        for guide in guides
        for item in guide.dates
    ]
    # Stable: on one day, guides keep catalog order and a guide's dates keep file order.
    return sorted(changes, key=lambda change: change.date)


def all_policy_dates(guides: Iterable[Guide], *, now: dt.datetime | dt.date) -> list[DatedChange]:
    """Every date of the guides (the catalog, or one service's), oldest first (for the calendar file)."""
    return _changes(guides, _today(now))


def policy_dates(
    guides: Iterable[Guide], *, now: dt.datetime | dt.date, recent: int | None = RECENT
) -> list[DatedChange]:
    """Every upcoming date and the `recent` latest past ones of the guides (None: every one), oldest first."""
    changes = all_policy_dates(guides, now=now)
    past = [change for change in changes if not change.upcoming]
    if recent is None:
        return changes
    return [*past[max(0, len(past) - recent) :], *(change for change in changes if change.upcoming)]
