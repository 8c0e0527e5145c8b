"""The CSV's note in the manager's DM and the report say the same about who is counted: a member who left the
audience is a line of the CSV (status `left`) but not one of the report's members, and the note says so."""

from __future__ import annotations

import csv
import io
import re

from bot.local.fake_slack import FakeSlack
from bot.local.workspace import ADMIN, GENERAL, MANAGER, MEMBER_IST
from tests.reports.conftest import Bot


def test_after_a_member_left_the_csv_note_and_the_report_add_up(bot: Bot, slack: FakeSlack, campaign: str) -> None:
    services = bot.served.services
    with bot.slack.lock:
        bot.slack.workspace.channels[GENERAL].members.remove(MEMBER_IST)
    stored = services.reports.find(team_id=bot.team, reference=campaign)
    services.delivery.refresh_audience(bot.team, stored.campaign, now=services.reports.clock())
    shown = bot.command(f"report {campaign}", user=ADMIN)
    audience = int(re.search(r"of (\d+) members", shown).group(1))  # type: ignore[union-attr]
    left = int(re.search(r"left the audience (\d+)", shown).group(1))  # type: ignore[union-attr]
    assert (audience, left) == (3, 1)

    bot.click("report_export", campaign, user=MANAGER)
    upload = slack.wait_for(lambda: next((u for u in slack.uploads if u.completed), None))
    assert upload.data is not None
    rows = list(csv.DictReader(io.StringIO(upload.data.decode("utf-8-sig"))))
    assert len(rows) == audience + left
    assert sum(row["status"] == "left" for row in rows) == left
    note = upload.initial_comment or ""
    # The note's count is the CSV's lines; it says those who left are among them, counted apart in the report.
    assert f"{audience + left} members" in note
    assert "left" in note and "`left`" in note
