"""`campaigns list` and `schedule` as a manager reads them in a terminal: a header over the rows, and a truthful
line when nothing is stored yet for a campaign the file names."""

from __future__ import annotations

import re
from pathlib import Path

from bot.local.workspace import GENERAL
from tests.reports.conftest import CAMPAIGN, GUIDE, Bot, Cli

FILE_CAMPAIGN = "linkedin-2027"


def starts(line: str) -> list[int]:
    """Where each column of a line begins."""
    return [found.start() for found in re.finditer(r"\S+", line)]


def campaigns_file(folder: Path) -> Path:
    file = folder / "campaigns.toml"
    file.write_text(
        f'[[campaign]]\nid = "{FILE_CAMPAIGN}"\nguide = "{GUIDE}"\nchannels = ["{GENERAL}"]\ndeadline = 2027-01-15\n'
    )
    return file


def test_campaigns_list_names_its_columns_above_the_rows(bot: Bot, campaign: str, bot_db: Path, cli: Cli) -> None:
    # The rows came bare: "linkedin-ai-training-2026-12-15  linkedin-ai-training  2026-12-15  active  slack  C0…".
    bot.served.stop()
    listed = cli("campaigns", "list", database=bot_db)
    assert listed.returncode == 0, listed.stderr
    header, row = listed.stdout.splitlines()
    assert header.split() == ["campaign", "guide", "deadline", "state", "origin", "audience"]
    assert row.split() == [CAMPAIGN, GUIDE, "2026-12-15", "active", "slack", GENERAL]
    # Each name stands over its column, where the rows put it.
    assert starts(row) == starts(header)


def test_schedule_names_its_columns_above_the_rows(bot: Bot, campaign: str, bot_db: Path, cli: Cli) -> None:
    bot.served.stop()
    done = cli("schedule", "--days", "30", database=bot_db)
    assert done.returncode == 0, done.stderr
    header, first, *_ = done.stdout.splitlines()
    assert header.split() == ["when", "(UTC)", "campaign", "kind", "count"]
    assert first.split() == ["2026-12-01", "15:00", "UTC", campaign, "nudge", "1", "member"]
    for word, column in (("campaign", campaign), ("kind", "nudge"), ("count", "1 member")):
        assert header.index(word) == first.index(column)


def test_schedule_with_nothing_stored_for_a_file_campaign_says_it_waits_for_run_not_that_nothing_is_scheduled(
    tmp_path: Path, cli: Cli
) -> None:
    database = tmp_path / "fresh.db"
    assert cli("db", "upgrade", database=database).returncode == 0
    done = cli("schedule", database=database, CAMPAIGNS_FILE=str(campaigns_file(tmp_path)))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        f"nothing stored to send in the next 30 days yet: CAMPAIGNS_FILE's campaign {FILE_CAMPAIGN} is not stored;"
        " `privacy-bot run` stores it when it starts, and its reminders are listed here from then on"
    ]
    assert "nothing scheduled" not in done.stdout


def test_schedule_with_nothing_at_all_still_says_nothing_is_scheduled_without_a_header(
    tmp_path: Path, cli: Cli
) -> None:
    database = tmp_path / "fresh.db"
    assert cli("db", "upgrade", database=database).returncode == 0
    done = cli("schedule", database=database)
    assert done.returncode == 0 and done.stdout == "nothing scheduled in the next 30 days\n"


def test_reports_member_rows_have_a_header_too(bot: Bot, campaign: str, bot_db: Path, cli: Cli) -> None:
    # Under the counts, rows of "U0ADA  Ada  pending" came without a word on what each column was.
    bot.served.stop()
    table = cli("report", campaign, database=bot_db)
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    [at] = [number for number, line in enumerate(lines) if line.startswith("user ")]
    assert lines[at].split() == ["user", "name", "status", "recorded_at", "(UTC)"]
    member = lines[at + 1]
    assert member.split()[0].startswith("U0") and starts(member)[:3] == starts(lines[at])[:3]
