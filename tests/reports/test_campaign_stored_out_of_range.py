"""A campaign stored before the deadline bounds existed (FIRST_DEADLINE, LAST_DEADLINE): every reader built it
into a Campaign and failed, so one such row made the list, the reports, the App Home, every member's status and
every scheduler tick answer "Sorry" or stop. Now it is listed with why, can be stopped, and the rest runs on."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import insert, select

from bot.local.workspace import ADMIN, GENERAL, MEMBER
from bot.store import make_engine
from bot.store.models import Campaign as CampaignRow
from bot.store.sql import table_of
from tests.conftest import SettableClock
from tests.reports.conftest import CAMPAIGN, GUIDE, START, Bot, Cli
from tests.reports.test_report_home import open_home

OLD = "linkedin-ai-training-old"
SEVEN_DAYS_BEFORE = dt.datetime(2026, 12, 8, 10, 0, tzinfo=dt.UTC)  # the campaign's channel post is due
SORRY = "something went wrong"


def store_old_campaign(database: Path, deadline: dt.date, *, team_id: str = "T0LOCAL") -> None:
    """As a bot from before the bounds saved it: straight into the table, past today's checks."""
    with make_engine(f"sqlite:///{database}").begin() as conn:
        conn.execute(
            insert(table_of(CampaignRow)).values(
                team_id=team_id,
                id=OLD,
                guide_id=GUIDE,
                channels=[GENERAL],
                groups=[],
                deadline=deadline,
                remind_days_before=[7, 0],
                remind_at="10:00",
                nudge_pending=True,
                weekend_dms=False,
                origin="slack",
                started_at=START,
            )
        )


def stored_deadline(database: Path) -> dt.date:
    with make_engine(f"sqlite:///{database}").connect() as conn:
        return conn.execute(select(CampaignRow.deadline).where(CampaignRow.id == OLD)).scalar_one()


@pytest.mark.parametrize("deadline", [dt.date(9999, 12, 30), dt.date(1999, 12, 31)])
def test_the_list_shows_it_with_why_and_everything_else_keeps_working(
    bot: Bot, campaign: str, bot_db: Path, clock: SettableClock, deadline: dt.date
) -> None:
    store_old_campaign(bot_db, deadline)
    listed = bot.command("campaign list", user=ADMIN)
    assert SORRY not in listed
    assert CAMPAIGN in listed and OLD in listed
    assert f"its deadline {deadline.isoformat()} is outside 2000-01-01 to 2999-12-31" in listed
    assert f"stop it with `/privacy campaign stop {OLD}`" in listed
    assert "answered (0%)" in bot.command("report", user=ADMIN)
    assert "cannot run" in bot.command(f"report {OLD}", user=ADMIN)
    assert "not done yet" in bot.command("status", user=MEMBER)
    assert f"campaign `{CAMPAIGN}`" in open_home(bot, ADMIN)
    clock.set(SEVEN_DAYS_BEFORE)
    assert dict(bot.served.services.delivery.dispatch_due().sent)["announce"] == 1  # the good campaign's post
    clock.set(START)
    assert f"Campaign *{OLD}* stopped" in bot.command(f"campaign stop {OLD}", user=ADMIN)
    listed = bot.command("campaign list", user=ADMIN)
    assert OLD in listed and "stopped" in listed and "stop it with" not in listed
    assert stored_deadline(bot_db) == deadline  # never rewritten, never dropped


def test_the_command_line_lists_it_and_names_it_in_schedule_and_report(
    bot: Bot, campaign: str, bot_db: Path, cli: Cli
) -> None:
    store_old_campaign(bot_db, dt.date(9999, 12, 30))
    listed = cli("campaigns", "list", database=bot_db)
    assert listed.returncode == 0, listed.stderr
    rows = {line.split()[0]: line.split() for line in listed.stdout.splitlines()}
    assert rows[CAMPAIGN][3] == "active" and rows[OLD][2:4] == ["9999-12-30", "unusable"]
    note = f"note: campaign '{OLD}': its deadline 9999-12-30 is outside 2000-01-01 to 2999-12-31"
    assert note in listed.stderr and f"`/privacy campaign stop {OLD}`" in listed.stderr
    schedule = cli("schedule", database=bot_db)
    assert schedule.returncode == 0 and OLD not in schedule.stdout
    assert f"note: campaign '{OLD}': its deadline 9999-12-30 is outside" in schedule.stderr
    report = cli("report", OLD, database=bot_db)
    assert report.returncode == 2 and "is outside 2000-01-01 to 2999-12-31" in report.stderr
    assert cli("report", CAMPAIGN, database=bot_db).returncode == 0


def test_a_file_campaign_stored_that_cannot_run_is_named_as_such_not_as_waiting_for_run(
    bot: Bot, campaign: str, bot_db: Path, cli: Cli, tmp_path: Path
) -> None:
    """`run` stored it from CAMPAIGNS_FILE long ago: it is stored, and what stops it is its deadline."""
    store_old_campaign(bot_db, dt.date(9999, 12, 30))
    file = tmp_path / "campaigns.toml"
    file.write_text(f'[[campaign]]\nid = "{OLD}"\nguide = "{GUIDE}"\nchannels = ["{GENERAL}"]\ndeadline = 2026-12-20\n')
    report = cli("report", OLD, database=bot_db, CAMPAIGNS_FILE=str(file))
    assert report.returncode == 2
    assert "is outside 2000-01-01 to 2999-12-31" in report.stderr and "not stored yet" not in report.stderr
    schedule = cli("schedule", database=bot_db, CAMPAIGNS_FILE=str(file))
    assert schedule.returncode == 0
    assert "is outside 2000-01-01 to 2999-12-31" in schedule.stderr and "not stored yet" not in schedule.stderr
