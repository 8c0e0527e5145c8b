"""Upgrade day: DMs the version before 0004 sent earlier that day still count for the member's day afterwards.

The database is built with the migrations of that time and written as that version wrote it (its ledger rows
name no guide and no day); then the bot of today migrates it, as `run` does on start, and its tick comes."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import Engine, text

from bot.local.fake_slack import FakeSlack
from bot.local.workspace import ADMIN, GENERAL, MEMBER, MEMBER_IST, TEAM_ID, make_user
from bot.store import make_engine, upgrade
from tests.conftest import SettableClock
from tests.reports.conftest import CAMPAIGN, GUIDE, START, serve
from tests.reports.test_one_dm_a_day_across_replicas import reminders_to

AUCKLAND = "U0AKL"
ZONES = {ADMIN: "Europe/London", MEMBER: "Europe/Rome", MEMBER_IST: "Asia/Kolkata", AUCKLAND: "Pacific/Auckland"}


def written_before_0004(engine: Engine, *, dms: dict[str, datetime]) -> None:
    """A campaign started in Slack, the member directory, and DMs sent at `dms`, as that version stored them:
    the schema built by the migrations up to 0003, the rows by that version's own statements."""
    upgrade(engine, revision="0003")
    with engine.begin() as db:
        db.execute(
            text("INSERT INTO workspaces (team_id, created_at) VALUES (:team, :at)"), {"team": TEAM_ID, "at": START}
        )
        db.execute(
            text(
                "INSERT INTO campaigns (team_id, id, guide_id, channels, groups, deadline, remind_days_before,"
                " remind_at, nudge_pending, weekend_dms, origin, started_at) VALUES (:team, :id, :guide, :channels,"
                " '[]', :deadline, '[14, 7, 1, 0]', '10:00', true, false, 'slack', :at)"
            ),
            {
                "team": TEAM_ID,
                "id": CAMPAIGN,
                "guide": GUIDE,
                "channels": f'["{GENERAL}"]',
                "deadline": date(2026, 12, 15),
                "at": START,
            },
        )
        for user, tz in ZONES.items():
            db.execute(
                text(
                    "INSERT INTO members (team_id, user_id, name, tz, is_admin, is_owner, active, updated_at)"
                    " VALUES (:team, :user, :user, :tz, false, false, true, :at)"
                ),
                {"team": TEAM_ID, "user": user, "tz": tz, "at": START},
            )
        for user, at in dms.items():
            # A manager's "Nudge pending now" is keyed by the bot's day.
            db.execute(
                text(
                    "INSERT INTO deliveries (team_id, campaign_id, kind, occasion, target, due_at, state, attempts,"
                    " done_at) VALUES (:team, :campaign, :kind, :occasion, :user, :at, 'sent', 1, :at)"
                ),
                {
                    "team": TEAM_ID,
                    "campaign": CAMPAIGN,
                    "kind": "manual",
                    "occasion": at.date().isoformat(),
                    "user": user,
                    "at": at,
                },
            )


def tick_after_upgrade(slack: FakeSlack, clock: SettableClock, database_url: str, *, at: datetime) -> dict[str, int]:
    """Start today's bot on the database (it migrates it to head), tick at `at`: the reminders each member has."""
    clock.set(at)
    served = serve(slack, database_url, clock)
    try:
        served.services.delivery.dispatch_due(team_id=served.team_id)
        served.settle()
    finally:
        served.stop()
    return {user: reminders_to(slack, user) for user in ZONES}


@pytest.mark.parametrize("upgraded_to", ["0003", "0004"])
def test_members_a_managers_nudge_reached_that_morning_get_no_second_dm_from_the_upgraded_bot(
    slack: FakeSlack, clock: SettableClock, database_url: str, upgraded_to: str
) -> None:
    """08:00 UTC: the old version's "Nudge pending now" reached Ada (London), Chiara (Rome) and Devi (Kolkata).
    The upgrade (straight from 0003, or from a database already at 0004), then the tick at 10:00 UTC, when
    their 7-days-before DMs are due: none of them gets a second DM about the guide that day."""
    morning = datetime(2026, 12, 8, 8, 0, tzinfo=UTC)
    engine = make_engine(database_url)
    try:
        written_before_0004(engine, dms={ADMIN: morning, MEMBER: morning, MEMBER_IST: morning})
        upgrade(engine, revision=upgraded_to)
    finally:
        engine.dispose()

    reminders = tick_after_upgrade(slack, clock, database_url, at=datetime(2026, 12, 8, 10, 0, tzinfo=UTC))

    assert reminders == {ADMIN: 0, MEMBER: 0, MEMBER_IST: 0, AUCKLAND: 0}


def test_a_dm_counts_for_the_day_in_the_members_own_zone_not_utcs(
    slack: FakeSlack, clock: SettableClock, database_url: str
) -> None:
    """19:00 UTC on the 7th is 08:00 on the 8th in Auckland: the old version's nudge reached Aroha then. At 10:00
    there (21:00 UTC, still the 7th in UTC) her 7-days-before DM is due: it would be her second that day."""
    with slack.lock:
        slack.workspace.add_user(make_user(AUCKLAND, "aroha", "Aroha Ngata", tz=ZONES[AUCKLAND]))
        slack.workspace.channels[GENERAL].members.append(AUCKLAND)
    engine = make_engine(database_url)
    try:
        written_before_0004(engine, dms={AUCKLAND: datetime(2026, 12, 7, 19, 0, tzinfo=UTC)})
    finally:
        engine.dispose()

    reminders = tick_after_upgrade(slack, clock, database_url, at=datetime(2026, 12, 7, 21, 0, tzinfo=UTC))

    assert reminders[AUCKLAND] == 0
