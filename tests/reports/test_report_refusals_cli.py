"""`privacy-bot report` warns as Slack's report does: pending members the bot's DMs don't reach, and channels
that refuse the campaign's posts, in Slack's words, with channel IDs in place of mentions."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from bot.local.fake_slack import FakeSlack
from bot.local.sender import SignedSender
from bot.local.workspace import ADMIN, GENERAL, MEMBER
from tests.conftest import Served, SettableClock
from tests.reports.conftest import Cli
from tests.slack.test_campaigns_in_slack import CAMPAIGN, DEADLINE, command, dispatch
from tests.slack.test_dm_refusals import TICKS

# Seven channels archived after the start: five named, then "and 2 more channels", as in Slack.
ARCHIVED = [f"C0ARCH{number}" for number in range(1, 8)]
AFTER_THE_TICKS = datetime(2026, 12, 8, 21, 0, tzinfo=UTC)


def _warnings(text: str) -> list[str]:
    return [line for line in text.splitlines() if "don't reach" in line]


def test_the_command_lines_report_warns_in_slacks_words_and_the_json_carries_the_same_facts(
    sender: SignedSender, served: Served, slack: FakeSlack, clock: SettableClock, bot_db: Path, cli: Cli
) -> None:
    with slack.lock:
        for number, channel in enumerate(ARCHIVED, start=1):
            slack.workspace.add_channel(channel, f"old-{number}", [ADMIN, MEMBER])
    audience = " ".join([f"<#{GENERAL}|general>", *(f"<#{channel}>" for channel in ARCHIVED)])
    assert CAMPAIGN in command(sender, f"campaign start linkedin {audience} {DEADLINE}", user_id=ADMIN)

    clean = cli("report", CAMPAIGN, database=bot_db, TRAVEL_TO=AFTER_THE_TICKS.isoformat())
    assert clean.returncode == 0, clean.stderr
    assert _warnings(clean.stdout) == []
    clean_json = json.loads(cli("report", CAMPAIGN, "--format", "json", database=bot_db).stdout)
    assert clean_json["unreachable"] == [] and clean_json["unposted"] == []

    with slack.lock:
        for channel in ARCHIVED:
            slack.workspace.archive(channel)
        slack.workspace.dm_refusals[MEMBER] = "restricted_action"
    for tick in TICKS:
        dispatch(served, clock, tick)
    in_slack = _warnings(command(sender, f"report {CAMPAIGN}", user_id=ADMIN))
    served.stop()

    table = cli("report", CAMPAIGN, database=bot_db, TRAVEL_TO=AFTER_THE_TICKS.isoformat())
    assert table.returncode == 0, table.stderr
    lines = _warnings(table.stdout)
    assert lines == [
        "My DMs don't reach 1 member: 1 whom the workspace's settings keep me from messaging.",
        "My channel posts don't reach C0ARCH1, C0ARCH2, C0ARCH3, C0ARCH4, C0ARCH5 and 2 more channels: they are"
        " archived (unarchive them, or stop this campaign and start one on other channels); my DMs to their members"
        " are not affected.",
    ], table.stdout
    # The very sentences a manager reads in Slack, less the emoji and with IDs in place of channel mentions.
    assert [line.split(" ", 1)[1].replace("#C0", "C0") for line in in_slack] == lines, in_slack
    assert ":warning:" not in table.stdout and "<#" not in table.stdout
    # The counts line scripts read is unchanged.
    assert "audience 4  confirmed 0  not_applicable 0  snoozed 0  pending 4  left 0  answered 0%" in table.stdout

    facts = json.loads(cli("report", CAMPAIGN, "--format", "json", database=bot_db).stdout)
    assert facts["unreachable"] == [{"reason": "restricted", "count": 1}]
    assert facts["unposted"] == [{"channel": channel, "reason": "is_archived"} for channel in ARCHIVED]
    assert {"campaign", "guide", "audience", "confirmed", "not_applicable", "snoozed", "pending"} <= set(facts)
    assert {"left", "names_hidden", "stopped", "members"} <= set(facts)
