"""`campaigns list` and `schedule` on a database several workspaces share: a campaign id is unique only within its
workspace, so the same id started in two of them is two campaigns, and each row says whose it is."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bot.campaigns import validate_campaign
from bot.local.workspace import GENERAL
from bot.store.directory import MemberRow
from tests.reports.conftest import CAMPAIGN, GUIDE, START, Bot, Cli
from tests.reports.test_campaign_stored_out_of_range import OLD, store_old_campaign

THEIRS = "T0THEIRS"  # another workspace's bot, keeping its campaigns in the same database
THEIR_CHANNEL = "C0THEIRS"


def start_theirs(bot: Bot, campaign_id: str = CAMPAIGN) -> None:
    """What `/privacy campaign start linkedin #theirs 2026-12-15` in the other workspace stores: the same id,
    since ids are made of the guide and the deadline, with a member of theirs in its audience."""
    campaign = validate_campaign(
        {"id": campaign_id, "guide": GUIDE, "channels": [THEIR_CHANNEL], "deadline": "2026-12-15"}, where="test"
    )
    services = bot.served.services
    services.campaigns.campaigns.save(team_id=THEIRS, campaign=campaign, origin="slack", now=START)
    member = MemberRow(user_id="U0THEIRS", name="Tove", tz="Europe/Oslo", is_admin=False, is_owner=False, active=True)
    services.members.directory.replace(team_id=THEIRS, members=[member], now=START)
    services.members.directory.set_audience(team_id=THEIRS, campaign_id=campaign_id, user_ids=["U0THEIRS"], now=START)


def test_campaigns_list_shows_the_same_id_in_two_workspaces_as_two_rows_that_name_theirs(
    bot: Bot, campaign: str, bot_db: Path, cli: Cli, tmp_path: Path
) -> None:
    # Listed by id alone, the other workspace's campaign hid this one: one row, with their channel.
    start_theirs(bot)
    bot.served.stop()
    listed = cli("campaigns", "list", database=bot_db)
    assert listed.returncode == 0 and listed.stderr == "", listed.stderr
    # The origin column names the workspace: every column stays where scripts read it.
    header, *rows = listed.stdout.splitlines()
    assert header.split() == ["campaign", "guide", "deadline", "state", "origin", "audience"]
    assert [line.split() for line in rows] == [
        [campaign, GUIDE, "2026-12-15", "active", f"slack@{bot.team}", GENERAL],
        [campaign, GUIDE, "2026-12-15", "active", f"slack@{THEIRS}", THEIR_CHANNEL],
    ]
    # A file campaign `run` has not stored yet belongs to no workspace yet: it says so by naming none.
    file = tmp_path / "campaigns.toml"
    file.write_text(
        f'[[campaign]]\nid = "from-the-file"\nguide = "{GUIDE}"\nchannels = ["{GENERAL}"]\ndeadline = 2026-12-20\n'
    )
    with_file = cli("campaigns", "list", database=bot_db, CAMPAIGNS_FILE=str(file))
    assert with_file.returncode == 0, with_file.stderr
    assert ["from-the-file", GUIDE, "2026-12-20", "active", "file", GENERAL] in [
        line.split() for line in with_file.stdout.splitlines()
    ]


def test_campaigns_lists_notes_name_the_workspace_when_several_are_listed(
    bot: Bot, campaign: str, bot_db: Path, cli: Cli
) -> None:
    start_theirs(bot)
    bot.served.stop()
    day_after = cli("campaigns", "list", database=bot_db, TRAVEL_TO="2026-12-16T10:00:00+00:00")
    assert day_after.returncode == 0, day_after.stderr
    passed = (
        "ended: its deadline 2026-12-15 has passed (BOT_TIMEZONE UTC); until 2026-12-17 12:00 UTC it may still send"
        " its final digest and the deadline day's DMs to members whose day is not over yet"
    )
    assert day_after.stderr.splitlines() == [
        f"note: campaign '{campaign}' in workspace {bot.team}: {passed}",
        f"note: campaign '{campaign}' in workspace {THEIRS}: {passed}",
    ]


def test_schedule_lists_each_workspaces_reminders_apart_and_names_the_workspace(
    bot: Bot, campaign: str, bot_db: Path, cli: Cli
) -> None:
    # Counted together, the two workspaces' channel posts read as one campaign posting in two channels.
    start_theirs(bot)
    bot.served.stop()
    schedule = cli("schedule", "--days", "8", database=bot_db)
    assert schedule.returncode == 0 and schedule.stderr == "", schedule.stderr
    header, *lines = schedule.stdout.splitlines()
    assert header.split() == ["when", "(UTC)", "campaign", "kind", "count", "workspace"]
    rows = [line.split() for line in lines]
    assert [row for row in rows if row[4] == "announce"] == [
        ["2026-12-08", "10:00", "UTC", campaign, "announce", "1", "channel", bot.team],
        ["2026-12-08", "10:00", "UTC", campaign, "announce", "1", "channel", THEIRS],
    ]
    # Tove's DM, at 10:00 in Oslo, is theirs alone; each row has the same columns.
    assert ["2026-12-08", "09:00", "UTC", campaign, "nudge", "1", "member", THEIRS] in rows
    assert {len(row) for row in rows} == {8}


def test_schedules_notes_go_to_stderr_and_name_the_workspace_when_several_are_listed(
    bot: Bot, campaign: str, bot_db: Path, cli: Cli
) -> None:
    # The other workspace holds a campaign that cannot run: `/privacy campaign stop` stops it there, not here.
    start_theirs(bot)
    bot.served.stop()
    store_old_campaign(bot_db, dt.date(9999, 12, 30), team_id=THEIRS)
    schedule = cli("schedule", "--days", "8", database=bot_db)
    assert schedule.returncode == 0, schedule.stderr
    assert OLD not in schedule.stdout and {len(line.split()) for line in schedule.stdout.splitlines()[1:]} == {8}
    [note] = [line for line in schedule.stderr.splitlines() if line.startswith("note:")]  # after the log's warning
    assert note.startswith(f"note: campaign '{OLD}' in workspace {THEIRS}: its deadline 9999-12-30 is outside")
    assert note.endswith(f"stop it in Slack with `/privacy campaign stop {OLD}`")
    listed = cli("campaigns", "list", database=bot_db)
    assert [OLD, GUIDE, "9999-12-30", "unusable", f"slack@{THEIRS}", GENERAL] in [
        line.split() for line in listed.stdout.splitlines()
    ]
    assert f"note: campaign '{OLD}' in workspace {THEIRS}: its deadline 9999-12-30" in listed.stderr


def test_report_of_an_id_that_cannot_run_in_one_workspace_and_runs_in_another_asks_which(
    bot: Bot, campaign: str, bot_db: Path, cli: Cli
) -> None:
    # The unusable one was looked for only where no usable one was found: without --team the other workspace's
    # report came out as if it were the only one, and with --team its own workspace was "not" where it is.
    ours = validate_campaign({"id": OLD, "guide": GUIDE, "channels": [GENERAL], "deadline": "2026-12-15"}, where="test")
    bot.served.services.campaigns.campaigns.save(team_id=bot.team, campaign=ours, origin="slack", now=START)
    start_theirs(bot)
    bot.served.stop()
    store_old_campaign(bot_db, dt.date(9999, 12, 30), team_id=THEIRS)
    either = cli("report", OLD, database=bot_db)
    assert (either.returncode, either.stdout) == (2, "")
    assert f"privacy-bot: campaign '{OLD}' is in workspaces {bot.team}, {THEIRS}: add --team with" in either.stderr
    theirs = cli("report", OLD, "--team", THEIRS, database=bot_db)
    assert (theirs.returncode, theirs.stdout) == (2, "")
    assert f"privacy-bot: campaign '{OLD}': its deadline 9999-12-30 is outside" in theirs.stderr
    assert f"not in {THEIRS}" not in theirs.stderr
    assert cli("report", OLD, "--team", bot.team, database=bot_db).returncode == 0


def test_report_without_team_names_the_workspaces_to_choose_from(
    bot: Bot, campaign: str, bot_db: Path, cli: Cli
) -> None:
    # "add --team T…" left the operator to find the workspace IDs elsewhere; "known: a, a" listed an id twice.
    start_theirs(bot)
    start_theirs(bot, campaign_id="theirs-only")
    bot.served.stop()
    either = cli("report", campaign, database=bot_db)
    assert (either.returncode, either.stdout) == (2, "")
    assert f"is in workspaces {bot.team}, {THEIRS}: add --team with one of them" in either.stderr
    unknown = cli("report", "nope", database=bot_db)
    assert unknown.returncode == 2
    known = unknown.stderr.split("known: ", 1)[1].strip()
    assert known == f"{campaign} ({bot.team}), {campaign} ({THEIRS}), theirs-only ({THEIRS})"
