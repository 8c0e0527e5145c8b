"""Policy dates across guides: `/privacy dates` (upcoming and recent, with regions) and the iCalendar file
that `privacy-bot calendar` prints, read back with an independent parser."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import icalendar
import pytest

from bot.guides import Catalog, load_catalog
from bot.ics import calendar_ics
from bot.policy_dates import all_policy_dates, policy_dates
from bot.slack.views import as_dicts, dates_blocks

NOW = dt.datetime(2026, 11, 29, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def test_every_guide_date_is_listed_once_oldest_first(catalog: Catalog) -> None:
    changes = all_policy_dates(catalog, now=NOW)
    assert len(changes) == sum(len(guide.dates) for guide in catalog)
    assert [change.date for change in changes] == sorted(change.date for change in changes)
    meta = [change for change in changes if change.guide_id == "meta-ai-objection"]
    assert {region for change in meta for region in change.regions} == {"EU and EEA", "United Kingdom"}


def test_dates_shows_every_upcoming_date_and_the_latest_past_ones(catalog: Catalog) -> None:
    early = policy_dates(catalog, now=dt.date(2025, 1, 1), recent=3)
    past = [change for change in early if not change.upcoming]
    upcoming = [change for change in early if change.upcoming]
    assert len(past) == 3 and past[-1].date == dt.date(2024, 12, 10)
    assert upcoming[0].date == dt.date(2025, 4, 14)
    assert upcoming[-1].date == dt.date(2026, 8, 21)
    # A date is upcoming on its own day.
    assert policy_dates(catalog, now=dt.date(2025, 11, 3), recent=0)[0].date == dt.date(2025, 11, 3)


def test_dates_blocks_name_service_regions_and_say_when_nothing_is_coming(catalog: Catalog) -> None:
    text = json.dumps(as_dicts(dates_blocks(policy_dates(catalog, now=NOW))), ensure_ascii=False)
    assert "No upcoming dates in the guides." in text
    assert "*2025-11-03* · LinkedIn (EU and EEA, Switzerland, United Kingdom, Canada, Hong Kong)" in text
    later = json.dumps(as_dicts(dates_blocks(policy_dates(catalog, now=dt.date(2025, 5, 1)))), ensure_ascii=False)
    assert "Coming up" in later and "*2025-05-27* · Meta (EU and EEA)" in later


def test_the_calendar_parses_as_rfc_5545_with_one_all_day_event_per_date(catalog: Catalog) -> None:
    changes = all_policy_dates(catalog, now=NOW)
    text = calendar_ics(changes, now=NOW, name="Privacy policy dates")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))
    calendar = icalendar.Calendar.from_ical(text)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == len(changes)
    assert len({str(event["UID"]) for event in events}) == len(events)
    uk = next(event for event in events if str(event["UID"]).startswith("linkedin-ai-training-20240920"))
    assert uk.decoded("DTSTART") == dt.date(2024, 9, 20)
    assert uk.decoded("DTEND") == dt.date(2024, 9, 21)
    assert str(uk["SUMMARY"]).startswith("LinkedIn: LinkedIn suspends training on UK members' data")
    assert "Regions: United Kingdom" in str(uk["DESCRIPTION"])
    assert calendar["X-WR-CALNAME"] == "Privacy policy dates"


def test_the_calendar_escapes_and_folds_text_an_importer_must_read_back() -> None:
    change = next(c for c in all_policy_dates(load_catalog(), now=NOW) if c.guide_id == "x-grok-training")
    tricky = dataclasses.replace(change, what="Semi; comma, back\\slash — ünïcödé " * 5)
    [event] = icalendar.Calendar.from_ical(calendar_ics([tricky], now=NOW, name="n")).walk("VEVENT")
    assert str(event["SUMMARY"]) == f"X: {tricky.what}"


def test_uids_stay_the_same_across_runs_so_a_reimport_updates(catalog: Catalog) -> None:
    first = calendar_ics(all_policy_dates(catalog, now=NOW), now=NOW, name="n")
    later = NOW + dt.timedelta(days=30)
    second = calendar_ics(all_policy_dates(catalog, now=later), now=later, name="n")
    uids = [line for line in first.split("\r\n") if line.startswith("UID:")]
    assert uids == [line for line in second.split("\r\n") if line.startswith("UID:")]
