"""REPORT_MIN_GROUP hides names everywhere; `privacy-bot report` works from the database alone."""

from __future__ import annotations

import csv
import io
import json
import tomllib
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.campaigns import validate_campaign
from bot.local.fake_slack import FakeSlack
from bot.local.workspace import ADMIN, GENERAL, MANAGER, MEMBER, MEMBER_IST, PRIVACY
from tests.conftest import SettableClock, signed
from tests.e2e.test_readme_campaign import readme_campaign_file
from tests.reports.conftest import CAMPAIGN, GUIDE, START, Bot, Cli, serve
from tests.reports.test_report_digests import MONDAY_0905


@pytest.fixture
def small_group_bot(slack: FakeSlack, bot_db: Path, clock: SettableClock) -> Iterator[Bot]:
    clock.set(START)
    served = serve(slack, bot_db, clock, report_min_group=5)
    try:
        sender = signed(served, slack, clock)
        bot = Bot(slack=slack, sender=sender, served=served)
        bot.command(f"campaign start linkedin <#{GENERAL}|general> 2026-12-15", user=ADMIN)
        bot.click("attest_confirmed", f"{GUIDE}|", user=MEMBER)
        yield bot
    finally:
        served.stop()


def test_below_report_min_group_names_appear_nowhere(
    small_group_bot: Bot, slack: FakeSlack, clock: SettableClock
) -> None:
    bot = small_group_bot
    people = (ADMIN, MANAGER, MEMBER, MEMBER_IST)
    shown = bot.command(f"report {CAMPAIGN}", user=ADMIN)
    assert "Done *1*" in shown and "Pending *3*" in shown
    assert "Counts only" in shown and "REPORT_MIN_GROUP" in shown
    assert not any(user in shown for user in people)
    # The CSV: counts by status, no IDs, no names.
    bot.click("report_export", CAMPAIGN, user=ADMIN)
    upload = slack.wait_for(lambda: next((u for u in slack.uploads if u.completed), None))
    assert upload.data is not None
    text = upload.data.decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text))) == [
        ["status", "members"],
        ["confirmed", "1"],
        ["not_applicable", "0"],
        ["snoozed", "0"],
        ["pending", "3"],
        ["left", "0"],
    ]
    # The JSON report and the digest.
    services = bot.served.services
    stored = services.reports.find(team_id=bot.team, reference=CAMPAIGN)
    assert services.reports.json(team_id=bot.team, stored=stored)["members"] == []
    clock.set(MONDAY_0905)
    services.digests.dispatch_digests()
    digest = next(m for m in slack.dm_messages(ADMIN) if m.text.startswith("Weekly summary"))
    assert "Counts only" in str(digest.blocks)
    assert not any(user in str(digest.blocks) for user in people)
    # App Home for managers, too.
    assert bot.sender.event({"type": "app_home_opened", "user": ADMIN, "tab": "home"}).status == 200
    bot.served.settle()
    view = slack.wait_for(lambda: slack.home_view(ADMIN))
    assert "25%" in str(view) and not any(f"<@{user}>" in str(view) for user in people)


def test_report_from_the_command_line_without_slack(bot: Bot, campaign: str, bot_db: Path, cli: Cli) -> None:
    bot.click("attest_confirmed", f"{GUIDE}|ios", user=MEMBER)
    bot.click("attest_not_applicable", f"{GUIDE}|", user=MEMBER_IST)
    bot.click("attest_snoozed", f"{GUIDE}|", user=MANAGER)
    bot.served.stop()  # Slack and the bot are gone: the report reads the stored directory only
    done = cli("report", campaign, "--format", "json", database=bot_db)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert {k: report[k] for k in ("campaign", "guide", "audience", "confirmed", "not_applicable", "pending")} == {
        "campaign": campaign,
        "guide": GUIDE,
        "audience": 4,
        "confirmed": 1,
        "not_applicable": 1,
        "pending": 1,
    }
    members = {m["user"]: m for m in report["members"]}
    assert set(members) == {ADMIN, MANAGER, MEMBER, MEMBER_IST}
    assert members[MEMBER]["status"] == "confirmed" and members[MEMBER]["name"] == "Chiara"
    assert members[MEMBER]["at"].startswith("2026-12-01T10:00")
    assert members[ADMIN] == {"user": ADMIN, "name": "Ada", "status": "pending", "at": None}
    assert {m["status"] for m in report["members"]} == {"confirmed", "not_applicable", "snoozed", "pending"}

    table = cli("report", campaign, database=bot_db)
    assert table.returncode == 0, table.stderr
    assert "audience 4  confirmed 1  not_applicable 1  snoozed 1  pending 1  left 0  answered 50%" in table.stdout
    assert "Chiara" in table.stdout

    as_csv = cli("report", campaign, "--format", "csv", database=bot_db)
    rows = list(csv.reader(io.StringIO(as_csv.stdout)))
    assert rows[0] == ["user_id", "name", "status", "recorded_at", "platform", "reason"] and len(rows) == 5

    hidden = cli("report", campaign, "--format", "json", database=bot_db, REPORT_MIN_GROUP="10")
    assert json.loads(hidden.stdout)["members"] == [] and json.loads(hidden.stdout)["names_hidden"] is True

    missing = cli("report", "nope", database=bot_db)
    assert missing.returncode == 2 and f"known: {campaign}" in missing.stderr


def test_the_command_lines_report_names_the_zone_of_its_times_and_says_when_a_campaign_is_stopped(
    bot: Bot, campaign: str, bot_db: Path, cli: Cli
) -> None:
    bot.click("attest_confirmed", f"{GUIDE}|ios", user=MEMBER)
    table = cli("report", campaign, database=bot_db)
    assert "deadline 2026-12-15 (14 days)" in table.stdout
    assert [line for line in table.stdout.splitlines() if "confirmed " in line and "Chiara" in line][0].endswith(
        "2026-12-01 10:00 UTC"
    )  # as `schedule` writes its times: not a bare time a reader in New York takes for theirs
    bot.command(f"campaign stop {campaign}", user=ADMIN)
    bot.served.stop()
    stopped = cli("report", campaign, database=bot_db)
    assert "deadline 2026-12-15 (14 days)" not in stopped.stdout
    # When and by whom, as Slack's report says it.
    assert f"deadline 2026-12-15, stopped 2026-12-01 10:00 UTC by {ADMIN}" in stopped.stdout


def test_the_json_report_says_whether_a_campaign_was_stopped_as_the_table_does(
    bot: Bot, campaign: str, bot_db: Path, cli: Cli
) -> None:
    running = json.loads(cli("report", campaign, "--format", "json", database=bot_db).stdout)
    assert running["stopped"] is False
    bot.command(f"campaign stop {campaign}", user=ADMIN)
    bot.served.stop()
    stopped = json.loads(cli("report", campaign, "--format", "json", database=bot_db).stdout)
    assert stopped["stopped"] is True
    # Every field DESIGN.md and the README list is still there.
    assert {"campaign", "guide", "audience", "confirmed", "not_applicable", "snoozed", "pending"} <= set(stopped)
    assert {"left", "names_hidden", "members"} <= set(stopped)


def test_schedule_lists_the_reminders_coming_up_in_order_without_slack(
    bot: Bot, campaign: str, bot_db: Path, cli: Cli
) -> None:
    bot.served.stop()
    done = cli("schedule", "--days", "30", database=bot_db)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()[1:]  # under the header
    assert lines == sorted(lines) and all(campaign in line for line in lines)
    # Each member at 10:00 their time: New York's is 15:00 UTC, still to come on the start day.
    assert lines[0].split() == ["2026-12-01", "15:00", "UTC", campaign, "nudge", "1", "member"]
    announces = [line.split()[0] for line in lines if "announce  1 channel" in line]
    assert announces == ["2026-12-08", "2026-12-14", "2026-12-15"]


def test_schedule_lists_the_remind_me_later_reminders_too_as_counts(
    bot: Bot, bot_db: Path, run: Callable[..., tuple[int, str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    # No campaign: a snooze is a reminder the bot owes all the same. Ben's 3 days end on Friday at 10:00 UTC,
    # 05:00 in New York: reminded at 10:00 there. Chiara's end at 11:00 in Rome: the next 10:00 is Saturday's,
    # and reminders wait for Monday.
    bot.click("attest_snoozed", f"{GUIDE}|", user=MANAGER)
    bot.click("attest_snoozed", "linkedin-data-download|", user=MANAGER)
    bot.click("attest_snoozed", f"{GUIDE}|", user=MEMBER)
    bot.served.stop()
    monkeypatch.setattr("bot.cli.utc_now", lambda: START + timedelta(hours=1))
    code, out, err = run("schedule", "--days", "7", env={"DATABASE_URL": f"sqlite:///{bot_db}"})
    assert code == 0, err
    assert [line.split() for line in out.splitlines()[1:]] == [
        ["2026-12-04", "15:00", "UTC", GUIDE, "snooze", "1", "member"],
        ["2026-12-04", "15:00", "UTC", "linkedin-data-download", "snooze", "1", "member"],
        ["2026-12-07", "09:00", "UTC", GUIDE, "snooze", "1", "member"],
    ]
    assert not any(user in out for user in (MANAGER, MEMBER))  # counts, never who


def test_schedule_counts_a_member_of_two_campaigns_for_one_guide_once_as_the_dm_goes_once(
    bot: Bot,
    campaign: str,
    bot_db: Path,
    clock: SettableClock,
    run: Callable[..., tuple[int, str, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A second campaign for the guide over #privacy: Ada (London) and Chiara (Rome) are in both channels and
    # both campaigns remind them at 10:00 their time on the same days.
    second = validate_campaign(
        {"id": "linkedin-privacy", "guide": GUIDE, "channels": [PRIVACY], "deadline": "2026-12-15"}, where="file"
    )
    services = bot.served.services
    services.campaigns.load(team_id=bot.team, campaigns=[second])
    assert services.delivery.refresh_audience(bot.team, second, now=START) == 2

    def nudges_on_the_8th(now: datetime) -> dict[str, int]:
        monkeypatch.setattr("bot.cli.utc_now", lambda: now)
        code, out, err = run("schedule", "--days", "8", env={"DATABASE_URL": f"sqlite:///{bot_db}"})
        assert code == 0, err
        listed: Counter[str] = Counter()
        for line in out.splitlines()[1:]:
            day, time, _, _, kind, count, _ = line.split()
            if kind == "nudge" and day == "2026-12-08":
                listed[time] += int(count)
        return dict(listed)

    # Devi at 04:30 UTC, Chiara at 09:00, Ada at 10:00, Ben at 15:00: one DM each, whichever campaign sends it.
    assert nudges_on_the_8th(START + timedelta(hours=1)) == {"04:30": 1, "09:00": 1, "10:00": 1, "15:00": 1}
    clock.set(datetime(2026, 12, 8, 4, 30, tzinfo=UTC))
    assert bot.served.services.delivery.dispatch_due().sent["nudge"] == 1
    # A manager's nudge at 08:00 UTC reaches Ada and Chiara (Devi had hers; 03:00 for Ben): that day's
    # scheduled DMs are theirs no more, and the schedule says so.
    clock.set(datetime(2026, 12, 8, 8, 0, tzinfo=UTC))
    assert "Nudging 2 of the 4 members still pending" in bot.command(f"nudge {campaign}", user=ADMIN)
    assert nudges_on_the_8th(datetime(2026, 12, 8, 8, 5, tzinfo=UTC)) == {"15:00": 1}
    sent = 0
    for hour in (9, 10, 15):
        clock.set(datetime(2026, 12, 8, hour, 0, tzinfo=UTC))
        sent += services.delivery.dispatch_due().sent["nudge"]
    assert sent == 1


def test_schedule_says_a_file_campaign_waits_for_run_instead_of_nothing(tmp_path: Path, cli: Cli) -> None:
    database = tmp_path / "fresh.db"
    campaigns = readme_campaign_file(tmp_path)
    assert cli("db", "upgrade", database=database).returncode == 0
    done = cli("schedule", database=database, CAMPAIGNS_FILE=str(campaigns))
    assert done.returncode == 0, done.stderr
    [campaign] = tomllib.loads(campaigns.read_text())["campaign"]  # the README's example, its id included
    # It said "nothing scheduled in the next 30 days" on stdout, and only a note on stderr said why.
    [waiting] = done.stdout.splitlines()
    assert waiting.startswith(
        f"nothing stored to send in the next 30 days yet: CAMPAIGNS_FILE's campaign {campaign['id']} is not stored;"
        " `privacy-bot run` stores it"
    )
    assert done.stderr == ""


def test_report_says_a_file_campaign_waits_for_run_instead_of_not_found(tmp_path: Path, cli: Cli) -> None:
    database = tmp_path / "fresh.db"
    campaigns = readme_campaign_file(tmp_path)
    assert cli("db", "upgrade", database=database).returncode == 0
    [campaign] = tomllib.loads(campaigns.read_text())["campaign"]
    listed = cli("campaigns", "list", database=database, CAMPAIGNS_FILE=str(campaigns)).stdout
    assert campaign["id"] in listed and "active" in listed
    # It said "campaign '…' not found; known: none" of the campaign `campaigns list` had just shown as active.
    done = cli("report", campaign["id"], database=database, CAMPAIGNS_FILE=str(campaigns))
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith(
        f"privacy-bot: campaign {campaign['id']!r} is in CAMPAIGNS_FILE but not stored yet; `privacy-bot run` stores it"
    )
    assert "not found" not in done.stderr
    unknown = cli("report", "nope", database=database, CAMPAIGNS_FILE=str(campaigns))
    assert unknown.returncode == 2 and "campaign 'nope' not found; known: none" in unknown.stderr


def test_the_command_lines_report_of_an_ended_campaign_says_when_it_ended(
    bot: Bot, campaign: str, bot_db: Path, cli: Cli
) -> None:
    bot.served.stop()
    ended = cli("report", campaign, database=bot_db, TRAVEL_TO=(START + timedelta(days=17)).isoformat())
    assert ended.returncode == 0, ended.stderr
    assert "deadline 2026-12-15, ended (passed 3 days ago)" in ended.stdout and "-3 days" not in ended.stdout


def test_schedule_counts_a_snoozed_member_on_the_reminder_days_after_their_snooze_ends(
    bot: Bot,
    campaign: str,
    clock: SettableClock,
    run: Callable[..., tuple[int, str, str]],
    monkeypatch: pytest.MonkeyPatch,
    bot_db: Path,
) -> None:
    # Chiara (Rome, 10:00 there is 09:00 UTC) presses Remind me later at the start: her 3 days end on Friday,
    # reminded on Monday the 7th. Pending again from then, the campaign's DMs of the 8th, 14th and 15th are hers.
    bot.click("attest_snoozed", f"{GUIDE}|", user=MEMBER)
    monkeypatch.setattr("bot.cli.utc_now", lambda: START + timedelta(hours=1))
    code, out, err = run("schedule", "--days", "15", env={"DATABASE_URL": f"sqlite:///{bot_db}"})
    assert code == 0, err
    at_nine = [line.split() for line in out.splitlines() if " 09:00 UTC " in line]
    assert [(day, kind, count) for day, _, _, _, kind, count, _ in at_nine] == [
        ("2026-12-07", "snooze", "1"),
        ("2026-12-08", "nudge", "1"),
        ("2026-12-14", "nudge", "1"),
        ("2026-12-15", "nudge", "1"),
    ], out
    # As the scheduler sends them: the snooze's reminder on the 7th, the campaign's DM on the 8th.
    for day in (7, 8):
        clock.set(datetime(2026, 12, day, 9, 0, tzinfo=UTC))
        bot.served.services.delivery.dispatch_due()
    assert len(bot.slack.dm_messages(MEMBER)) == 2


def test_campaigns_list_calls_a_campaign_past_its_deadline_ended_and_notes_what_it_may_still_send(
    bot: Bot, campaign: str, bot_db: Path, cli: Cli
) -> None:
    # It listed it as "active" the day after its deadline, after its final digest, while Slack's list said
    # "deadline passed" and the shell "every campaign has ended". The note says what its last hours may still send.
    bot.served.stop()
    on_the_day = cli("campaigns", "list", database=bot_db, TRAVEL_TO="2026-12-15T12:00:00+00:00")
    assert on_the_day.returncode == 0 and on_the_day.stderr == "", on_the_day.stderr
    assert on_the_day.stdout.splitlines()[1].split()[3] == "active"
    day_after = cli("campaigns", "list", database=bot_db, TRAVEL_TO="2026-12-16T10:00:00+00:00")
    assert day_after.returncode == 0, day_after.stderr
    _, row = day_after.stdout.splitlines()
    assert row.split() == [campaign, GUIDE, "2026-12-15", "ended", "slack", GENERAL]
    assert day_after.stderr.splitlines() == [
        f"note: campaign '{campaign}': ended: its deadline 2026-12-15 has passed (BOT_TIMEZONE UTC); until"
        " 2026-12-17 12:00 UTC it may still send its final digest and the deadline day's DMs to members whose day is"
        " not over yet"
    ]
    # In Tokyo the deadline day ended nine hours earlier.
    tokyo = cli("campaigns", "list", database=bot_db, TRAVEL_TO="2026-12-15T16:00:00+00:00", BOT_TIMEZONE="Asia/Tokyo")
    assert "(BOT_TIMEZONE Asia/Tokyo)" in tokyo.stderr and tokyo.stdout == day_after.stdout
    # Once nothing more can go out, it is ended without a note.
    later = cli("campaigns", "list", database=bot_db, TRAVEL_TO="2026-12-17T12:00:00+00:00")
    assert later.stdout == day_after.stdout and later.stderr == ""


@pytest.mark.parametrize("team", ["T0ELSEWHERE", "bogus"])
def test_report_in_another_workspace_says_where_the_campaign_is_rather_than_not_found(
    bot: Bot, campaign: str, bot_db: Path, cli: Cli, team: str
) -> None:
    # "campaign 'x' not found; known: x" named the very campaign it could not find.
    done = cli("report", campaign, "--team", team, database=bot_db)
    assert (done.returncode, done.stdout) == (2, "")
    assert "not found; known" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
    if team == "bogus":
        assert "is not a Slack workspace ID" in done.stderr
    else:
        assert f"is in workspace {bot.team}, not in {team}" in done.stderr
    assert cli("report", campaign, "--team", bot.team, database=bot_db).returncode == 0


def test_report_of_an_unknown_campaign_in_a_workspace_not_held_names_the_workspaces_held(
    bot: Bot, campaign: str, bot_db: Path, cli: Cli
) -> None:
    # "not found; known: <every workspace's campaigns>": as `member --team`, a workspace the database never held is
    # named as such, and the campaigns listed are those of the workspace asked about.
    done = cli("report", "nope", "--team", "T0ELSEWHERE", database=bot_db)
    assert (done.returncode, done.stdout) == (2, "")
    assert f"the database holds no workspace T0ELSEWHERE; it holds {bot.team}" in done.stderr
    assert campaign not in done.stderr
    done = cli("report", "nope", "--team", bot.team, database=bot_db)
    assert done.returncode == 2 and f"not found; known: {campaign}" in done.stderr
