"""Weekly and final digests: once per manager, across replicas sharing a database and across a restart."""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.cli import Served, serve_in_background
from bot.local.fake_slack import FakeSlack
from bot.local.settings import stand_in_settings
from bot.local.workspace import ADMIN, DELETED, GENERAL, MANAGER, MANAGERS_GROUP, MEMBER, im_channel_id, make_user
from tests.conftest import SettableClock, signed
from tests.reports.conftest import CAMPAIGN, GUIDE, START, Bot, serve

MONDAY_0905 = datetime(2026, 12, 7, 9, 5, tzinfo=UTC)


def digests_to(slack: FakeSlack, user: str) -> list[str]:
    return [m.text for m in slack.dm_messages(user) if m.text.startswith(("Weekly summary", "Final summary"))]


def start_campaign(served: Served, slack: FakeSlack, clock: SettableClock) -> Bot:
    sender = signed(served, slack, clock)
    bot = Bot(slack=slack, sender=sender, served=served)
    assert CAMPAIGN in bot.command(f"campaign start linkedin <#{GENERAL}|general> 2026-12-15", user=ADMIN)
    return bot


def test_the_weekly_digest_goes_out_once_across_replicas_and_a_restart(
    slack: FakeSlack, clock: SettableClock, database_url: str
) -> None:
    clock.set(START)
    first, second = serve(slack, database_url, clock), serve(slack, database_url, clock)
    try:
        bot = start_campaign(first, slack, clock)
        bot.click("attest_confirmed", f"{GUIDE}|", user=MEMBER)
        clock.set(datetime(2026, 12, 7, 8, 59, tzinfo=UTC))
        assert not first.services.digests.dispatch_digests().sent  # Monday, but not 09:00 yet
        clock.set(MONDAY_0905)
        replicas = [threading.Thread(target=s.services.digests.dispatch_digests) for s in (first, second) * 2]
        for thread in replicas:
            thread.start()
        for thread in replicas:
            thread.join()
        assert len(digests_to(slack, ADMIN)) == 1
        assert len(digests_to(slack, MANAGER)) == 1
        assert digests_to(slack, MEMBER) == []
        (digest,) = [m for m in slack.dm_messages(ADMIN) if m.text.startswith("Weekly summary")]
        shown = str(digest.blocks)
        assert "Done *1*" in shown and "Pending *3*" in shown and "25%" in shown
        assert f"<@{ADMIN}>" in shown  # names, as REPORT_MIN_GROUP is 0
    finally:
        first.stop()
    restarted = serve(slack, database_url, clock)
    try:
        clock.set(datetime(2026, 12, 7, 15, 0, tzinfo=UTC))
        assert not restarted.services.digests.dispatch_digests().sent
        assert not second.services.digests.dispatch_digests().sent
        assert len(digests_to(slack, ADMIN)) == 1
    finally:
        restarted.stop()
        second.stop()


def test_digest_off_the_final_digest_and_a_stale_week_skipped(bot: Bot, slack: FakeSlack, clock: SettableClock) -> None:
    bot.command(f"campaign start linkedin <#{GENERAL}|general> 2026-12-15", user=ADMIN)
    assert "Digests off" in bot.command("digest off", user=MANAGER)
    digests = bot.served.services.digests
    clock.set(MONDAY_0905)
    digests.dispatch_digests()
    assert len(digests_to(slack, ADMIN)) == 1 and digests_to(slack, MANAGER) == []
    assert "Digests on" in bot.command("digest on", user=MANAGER)
    # The bot was down from Monday 14 Dec to Wednesday 16 Dec: that week's digest is skipped, not sent
    # two days late, and the final one (the day after the deadline, 09:00) goes out.
    clock.set(datetime(2026, 12, 16, 9, 30, tzinfo=UTC))
    report = digests.dispatch_digests()
    assert report.skipped["digest"] == 2
    assert report.sent["final"] == 2
    assert [t.split(":")[0] for t in digests_to(slack, MANAGER)] == ["Final summary"]
    final = [m for m in slack.dm_messages(ADMIN) if m.text.startswith("Final summary")]
    assert "Deadline 2026-12-15 passed yesterday" in str(final[0].blocks)
    # The last one says so, and offers no `digest off` for summaries that will not come; a weekly one does.
    assert "The last summary of `linkedin-ai-training-2026-12-15`" in str(final[0].blocks)
    assert "digest off" not in str(final[0].blocks)
    weekly = next(m for m in slack.dm_messages(ADMIN) if m.text.startswith("Weekly summary"))
    assert "`/privacy digest off` to stop these summaries" in str(weekly.blocks)
    clock.set(datetime(2026, 12, 17, 9, 30, tzinfo=UTC))
    assert not digests.dispatch_digests().sent


def test_digest_alone_says_whether_the_managers_digests_are_on(bot: Bot) -> None:
    # It answered "Weekly digests: `/privacy digest on` or `/privacy digest off`", whichever they were.
    assert "Your weekly digests are on" in bot.command("digest", user=MANAGER)
    bot.command("digest off", user=MANAGER)
    assert "Your weekly digests are off. `/privacy digest on` brings them back." in bot.command("digest", user=MANAGER)
    assert "Your weekly digests are off" in bot.command("digest maybe", user=MANAGER)
    assert "Your weekly digests are on" in bot.command("digest", user=ADMIN)


def test_a_slip_of_on_or_off_is_asked_about_not_taken_for_a_look(bot: Bot) -> None:
    # "digest of" answered "Your weekly digests are on", and a manager who meant off read it as a refusal.
    answer = bot.command("digest of", user=MANAGER)
    assert "Did you mean `/privacy digest off`? Your weekly digests are on" in answer
    assert "Did you mean `/privacy digest on`?" in bot.command("digest onn", user=MANAGER)
    assert "Did you mean" not in bot.command("digest maybe", user=MANAGER)


def test_forget_me_tells_a_manager_with_digests_off_that_they_come_back(bot: Bot) -> None:
    bot.command("digest off", user=MANAGER)
    asked = bot.command("forget-me", user=MANAGER)
    assert "Your `/privacy digest off` is deleted too" in asked
    assert "digest" not in bot.command("forget-me", user=MEMBER)  # a member never turned any off
    assert "I deleted" in str(bot.click("forget_confirm", "yes", user=MANAGER))
    assert "Your weekly digests are on" in bot.command("digest", user=MANAGER)  # as it warned


def test_which_digests_are_due_when(bot: Bot) -> None:
    from datetime import date

    from bot.campaigns import Campaign
    from bot.service.digests import weekly_key
    from bot.store.campaign_rows import StoredCampaign

    campaign = Campaign(id="c", guide=GUIDE, channels=(GENERAL,), deadline=date(2026, 12, 15))
    digests = bot.served.services.digests

    def due(started: datetime, now: datetime) -> list[tuple[str, str]]:
        stored = StoredCampaign(campaign, origin="slack", started_at=started, stopped_at=None)
        return [(kind.value, key) for kind, key, _ in digests.due(stored, now=now)]

    # Started on a Monday after 09:00: the first weekly digest is the next Monday's.
    assert due(datetime(2026, 12, 7, 10, tzinfo=UTC), datetime(2026, 12, 7, 11, tzinfo=UTC)) == []
    assert due(START, MONDAY_0905) == [("digest", "2026-W50")]
    assert due(START, datetime(2026, 12, 14, 9, tzinfo=UTC)) == [("digest", "2026-W51")]
    # The day after the deadline: the final one (this week's Monday was before the deadline, so it is due too;
    # the ledger skips it if it is more than 12 hours late).
    assert due(START, datetime(2026, 12, 16, 9, 0, tzinfo=UTC)) == [("digest", "2026-W51"), ("final", "2026-12-15")]
    assert due(START, datetime(2026, 12, 22, 9, 0, tzinfo=UTC)) == [("final", "2026-12-15")]
    assert weekly_key(date(2026, 12, 28)) == "2026-W53" and weekly_key(date(2027, 1, 4)) == "2027-W01"


def test_answers_per_day_fall_on_the_bots_calendar_in_a_half_hour_zone(
    slack: FakeSlack, clock: SettableClock, database_url: str
) -> None:
    # 18:45 UTC on Dec 1 is 00:15 on Dec 2 in Kolkata: that answer belongs to Dec 2's bar.
    clock.set(START)
    served = serve(slack, database_url, clock, bot_timezone="Asia/Kolkata")
    try:
        bot = start_campaign(served, slack, clock)
        clock.set(datetime(2026, 12, 1, 18, 45, tzinfo=UTC))
        bot.click("attest_confirmed", f"{GUIDE}|", user=MEMBER)
        clock.set(datetime(2026, 12, 2, 12, 0, tzinfo=UTC))
        shown = bot.command(f"report {CAMPAIGN}", user=ADMIN)
        assert "`▁█` · best day 1 · today 1" in shown, shown
    finally:
        served.stop()


def test_a_deactivated_manager_gets_no_digest_and_no_failure_every_week(
    slack: FakeSlack, clock: SettableClock, bot_db: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # Olga (deactivated) is named in MANAGERS; Gil, deactivated too, is still in the managers' user group.
    gone = "U0GONE"
    with slack.lock:
        slack.workspace.add_user(make_user(gone, "gil", "Gil Gone", deleted=True))
        slack.workspace.usergroups[MANAGERS_GROUP].users.append(gone)
    clock.set(START)
    settings = stand_in_settings(
        api_url=slack.api_url, database_url=f"sqlite:///{bot_db}", managers=(MANAGERS_GROUP, DELETED)
    )
    served = serve_in_background(settings, clock=clock)
    try:
        start_campaign(served, slack, clock)
        for monday in (MONDAY_0905, MONDAY_0905 + timedelta(days=7)):
            clock.set(monday)
            with caplog.at_level(logging.INFO):
                report = served.services.digests.dispatch_digests()
            assert report.sent["digest"] == 2 and not report.failed, report
        assert len(digests_to(slack, ADMIN)) == 2 and len(digests_to(slack, MANAGER)) == 2
        posted_to = {call.args.get("channel") for call in slack.calls_to("chat.postMessage")}
        assert not posted_to & {DELETED, gone, im_channel_id(DELETED), im_channel_id(gone)}
        lines = [record.getMessage() for record in caplog.records if record.name == "bot.service.digests"]
        assert lines and all(line.endswith("failed {}") for line in lines), lines
        assert not [record for record in caplog.records if record.levelno >= logging.WARNING]
        assert served.services.members.managers(team_id=served.team_id) == sorted([ADMIN, MANAGER])
    finally:
        served.stop()
