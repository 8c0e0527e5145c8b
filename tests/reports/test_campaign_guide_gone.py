"""A campaign started for a guide of GUIDES_DIR whose file was later removed (or its id renamed): the scheduler
sends nothing for it, so the manager's report, the Nudge button of an old report, the digest and the campaign
list say so. Before, the report counted days down with a Nudge button, a press answered "Nudging 2 … I'll tell
you when the last one has gone", and the DM that followed said "Nudged 0 members … the last DM went -"."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.local.fake_slack import FakeSlack
from bot.local.workspace import ADMIN, GENERAL, MEMBER, TEAM_ID
from tests.conftest import SettableClock, signed
from tests.reports.conftest import START, Bot, Cli, serve, serving_guides

GUIDE = "acme-ai-training"
CAMPAIGN = f"{GUIDE}-2026-12-15"
ACME = f'''
id = "{GUIDE}"
service = "Acme"
title = "Stop Acme training AI"
setting = "AI training"
aliases = ["acme"]
url = "https://acme.example/settings"
summary = "Acme trains AI on your posts."
not_undone = "Past training."
verified = 2026-11-29
notes = ["Acme's own help page lists the setting."]

[steps]
desktop = ["Open Settings."]
ios = ["Open Settings."]
android = ["Open Settings."]

[[dates]]
date = 2026-12-15
what = "Acme starts training"

[[sources]]
title = "Acme Help"
url = "https://acme.example/help"
'''
GONE = f"its guide `{GUIDE}` is no longer installed"


def test_a_campaign_whose_guide_is_gone_says_nothing_goes_out_and_nudges_nobody(
    slack: FakeSlack, bot_db: Path, clock: SettableClock, tmp_path: Path
) -> None:
    guides = tmp_path / "guides"
    with serving_guides(slack, bot_db, clock, guides, {"acme.toml": ACME}, now=START) as served:
        bot = Bot(slack=slack, sender=signed(served, slack, clock), served=served)
        assert CAMPAIGN in bot.command(f"campaign start acme <#{GENERAL}|general> 2026-12-15", user=ADMIN)
        old_report = bot.command(f"report {CAMPAIGN}", user=ADMIN)
        assert "report_nudge" in old_report
    (guides / "acme.toml").unlink()  # the operator removes the guide and restarts the bot

    clock.set(datetime(2026, 12, 7, 9, 5, tzinfo=UTC))  # Monday: the weekly digest's hour
    served = serve(slack, bot_db, clock, guides_dir=guides)
    try:
        bot = Bot(slack=slack, sender=signed(served, slack, clock), served=served)
        report = bot.command(f"report {CAMPAIGN}", user=ADMIN)
        assert GONE in report and "days left" not in report, report
        assert "report_nudge" not in report and "report_export" in report

        dms_before = len(slack.dm_messages(ADMIN))
        pressed = bot.click("report_nudge", CAMPAIGN, user=ADMIN)  # the Nudge button of the old report
        assert pressed is not None and GONE in str(pressed) and "Nudging" not in str(pressed), pressed
        served.services.digests.dispatch_digests()
        served.settle()
        after = [m for m in slack.dm_messages(ADMIN)[dms_before:]]
        assert not [m for m in after if "Nudged" in m.text], [m.text for m in after]
        (digest,) = [m for m in after if m.text.startswith("Weekly summary")]
        assert GONE in str(digest.blocks) and "days left" not in str(digest.blocks)
        assert slack.dm_messages(MEMBER) == []  # the scheduler sent nothing for it, the nudge neither

        listed = bot.command("campaign list", user=ADMIN)
        assert CAMPAIGN in listed and "no longer installed" in listed, listed
    finally:
        served.stop()


def test_the_scheduler_says_once_which_campaign_it_skips_for_its_missing_guide(
    slack: FakeSlack, bot_db: Path, clock: SettableClock, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The scheduler looks every few seconds: a warning each time was thousands of lines a day, none of them
    saying which campaign an operator should stop or whose guide to put back."""
    guides = tmp_path / "guides"
    with serving_guides(slack, bot_db, clock, guides, {"acme.toml": ACME}, now=START) as served:
        bot = Bot(slack=slack, sender=signed(served, slack, clock), served=served)
        assert CAMPAIGN in bot.command(f"campaign start acme <#{GENERAL}|general> 2026-12-15", user=ADMIN)
    (guides / "acme.toml").unlink()

    served = serve(slack, bot_db, clock, guides_dir=guides)
    try:
        with caplog.at_level(logging.WARNING, logger="bot"):
            for minutes in range(3):
                clock.set(datetime(2026, 12, 7, 9, minutes, tzinfo=UTC))
                served.services.delivery.dispatch_due(team_id=TEAM_ID)
        skipped = [r.getMessage() for r in caplog.records if "guide" in r.getMessage()]
        assert len(skipped) == 1 and CAMPAIGN in skipped[0] and GUIDE in skipped[0], skipped
    finally:
        served.stop()


def test_the_command_line_says_a_campaign_without_its_guide_sends_nothing(
    slack: FakeSlack, bot_db: Path, clock: SettableClock, tmp_path: Path, cli: Cli
) -> None:
    """`schedule` listed its posts and DMs as coming, and `report` counted its days down, while the scheduler
    sent none of them."""
    guides = tmp_path / "guides"
    with serving_guides(slack, bot_db, clock, guides, {"acme.toml": ACME}, now=START) as served:
        bot = Bot(slack=slack, sender=signed(served, slack, clock), served=served)
        assert CAMPAIGN in bot.command(f"campaign start acme <#{GENERAL}|general> 2026-12-15", user=ADMIN)
    (guides / "acme.toml").unlink()

    schedule = cli("schedule", "--days", "30", database=bot_db, GUIDES_DIR=str(guides))
    assert schedule.returncode == 0, schedule.stderr
    # On stderr, as `campaigns list` writes its notes: scripts read every line of stdout as a reminder.
    assert CAMPAIGN not in schedule.stdout, schedule.stdout
    assert schedule.stderr.splitlines() == [f"note: campaign '{CAMPAIGN}': {GONE}, so nothing is sent for it"]
    report = cli("report", CAMPAIGN, database=bot_db, GUIDES_DIR=str(guides))
    assert report.returncode == 0, report.stderr
    assert f"deadline 2026-12-15, {GONE}" in report.stdout and "days)" not in report.stdout, report.stdout
