"""The manager buttons: nudge pending now and export CSV, and what a forged click gets."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta

import pytest

from bot.campaigns import Campaign
from bot.local.fake_slack import FakeSlack
from bot.local.workspace import ADMIN, GENERAL, MANAGER, MEMBER, MEMBER_IST, im_channel_id, make_user
from bot.reports import CSV_COLUMNS
from bot.store.repo import MANAGER_REFUSED, REPORT_EXPORTED, REPORT_NUDGED
from tests.conftest import SettableClock
from tests.reports.conftest import GUIDE, Bot


def dm_texts(slack: FakeSlack, user: str) -> list[str]:
    return [message.text for message in slack.dm_messages(user)]


@pytest.mark.parametrize("action_id", ["report_nudge", "report_export", "report_show"])
@pytest.mark.parametrize("home", [False, True])
def test_a_forged_manager_button_shows_nothing_and_is_audited(
    bot: Bot, slack: FakeSlack, campaign: str, action_id: str, home: bool
) -> None:
    bot.click("attest_confirmed", f"{GUIDE}|", user=MANAGER)
    slack.clear_calls()
    reply = bot.click(action_id, campaign, user=MEMBER, home=home)
    if home:
        assert reply is None  # App Home has no response_url: nothing at all
    else:
        assert reply is not None
        assert reply["text"] == "Sorry, that button is for the privacy team's managers."
        assert "<@" not in str(reply) and "replace_original" in reply and not reply["replace_original"]
    # No DM went anywhere (no nudges, no note), nothing was uploaded, no Home was published.
    for method in ("chat.postMessage", "files.completeUploadExternal", "views.publish", "conversations.open"):
        assert slack.calls_to(method) == [], method
    audit = bot.served.services.members.store.audit_entries(team_id=bot.team)
    assert [(e.action, e.actor_id, (e.detail or {}).get("what")) for e in audit[:1]] == [
        (MANAGER_REFUSED, MEMBER, action_id)
    ]


def test_nudge_now_dms_the_pending_once_a_day_and_tells_the_manager(bot: Bot, slack: FakeSlack, campaign: str) -> None:
    bot.click("attest_confirmed", f"{GUIDE}|", user=MEMBER)
    bot.click("attest_snoozed", f"{GUIDE}|", user=MANAGER)
    reply = bot.click("report_nudge", campaign, user=ADMIN)
    assert reply is not None and "Nudging the 2 members still pending" in reply["text"]
    # The fan-out runs in the background; the manager hears when the last DM has gone.
    done = slack.wait_for(lambda: [t for t in dm_texts(slack, ADMIN) if "Nudged" in t])
    assert "Nudged 2 members of" in done[0] and "the last DM went <!date^" in done[0]
    nudged = {
        call.args["channel"] for call in slack.calls_to("chat.postMessage") if "friendly reminder" in str(call.args)
    }
    assert nudged == {ADMIN, MEMBER_IST}  # pending only: not the one who confirmed, not the snoozed one
    # Never twice the same day, whether by button or command.
    again = bot.command(f"nudge {campaign}", user=MANAGER)
    assert "Nobody to nudge" in again
    assert len([c for c in slack.calls_to("chat.postMessage") if "friendly reminder" in str(c.args)]) == 2


def test_nudge_now_skips_whoever_had_the_days_scheduled_dm_already(
    bot: Bot, slack: FakeSlack, clock: SettableClock, campaign: str
) -> None:
    bot.served.tick()  # the start day is 14 days before the deadline: its DMs go out
    bot.served.settle()
    reminded = len([c for c in slack.calls_to("chat.postMessage") if "friendly reminder" in str(c.args)])
    assert reminded == 3  # the three pending members whose 10:00 has come (not New York's)
    clock.advance(timedelta(hours=3))  # 13:00 UTC, the same day for everyone; 08:00 for Ben in New York
    answer = bot.command(f"nudge {campaign}", user=ADMIN)
    assert "Nudging 1 of the 4 members still pending" in answer
    bot.served.settle()
    nudged = [c.args["channel"] for c in slack.calls_to("chat.postMessage") if "friendly reminder" in str(c.args)]
    assert len(nudged) == reminded + 1 and nudged[-1] == MANAGER


def test_the_nudge_answer_adds_up_to_the_pending_count_the_report_shows(
    bot: Bot, clock: SettableClock, campaign: str
) -> None:
    bot.served.tick()  # 10:00 UTC: the day's DMs for London, Rome and Kolkata
    bot.served.settle()
    clock.advance(timedelta(hours=3))  # 08:00 in New York: only Ben is left to reach today
    assert "Pending *4*" in bot.command(f"report {campaign}", user=ADMIN)
    answer = bot.command(f"nudge {campaign}", user=ADMIN)
    # Not "the 1 member still pending" beside a report of 4 pending: the manager reads where the others are.
    assert "Nudging 1 of the 4 members still pending" in answer
    assert "3 members had a DM about it from me today already" in answer


def test_a_managers_morning_nudge_is_the_members_one_dm_that_day(
    bot: Bot, slack: FakeSlack, clock: SettableClock, campaign: str
) -> None:
    bot.served.tick()  # 10:00 UTC: the day's DMs for London, Rome and Kolkata; Ben's 10:00 in New York is to come
    clock.advance(timedelta(hours=3))  # 08:00 in New York
    assert "Nudging 1 of the 4 members still pending" in bot.command(f"nudge {campaign}", user=ADMIN)
    bot.served.settle()
    clock.advance(timedelta(hours=2))  # 10:00 in New York: the scheduled DM's time
    report = bot.served.services.delivery.dispatch_due(team_id=bot.team)
    bot.served.settle()
    to_ben = [m for m in slack.dm_messages(MANAGER) if "friendly reminder" in m.text]
    assert len(to_ben) == 1  # the manager's nudge; not the scheduled one too
    # Settled as not needed, not as a failure or a miss: nothing to retry, nothing to warn about.
    assert report.spared == {"nudge": 1} and not report.failed and not report.skipped
    ledger = bot.served.services.delivery.ledger.counts(team_id=bot.team, campaign_id=campaign)
    assert ("nudge", "failed") not in ledger and ledger[("nudge", "skipped")] == 1


def test_a_managers_nudge_waits_for_morning_where_it_is_night(
    bot: Bot, slack: FakeSlack, clock: SettableClock, campaign: str
) -> None:
    clock.set(datetime(2026, 12, 2, 10, 0, tzinfo=UTC))  # no reminder day; 05:00 for Ben in New York
    answer = bot.command(f"nudge {campaign}", user=ADMIN)
    assert "Nudging 3 of the 4 members still pending" in answer and "Left for later: 1 member" in answer
    # 08:00 in New York, as a Slack date (shown in the reader's zone; UTC where dates are not shown).
    assert "press again from <!date^" in answer and "|2026-12-02 13:00 UTC>" in answer
    bot.served.settle()
    assert not [m for m in slack.dm_messages(MANAGER) if "friendly reminder" in m.text]  # not at 05:00
    clock.set(datetime(2026, 12, 2, 13, 0, tzinfo=UTC))  # 08:00 in New York
    assert "Nudging 1 of the 4 members still pending" in bot.command(f"nudge {campaign}", user=MANAGER)
    bot.served.settle()
    assert len([m for m in slack.dm_messages(MANAGER) if "friendly reminder" in m.text]) == 1
    clock.set(datetime(2026, 12, 3, 1, 0, tzinfo=UTC))  # 06:30 in Kolkata, 01:00 in London: night (Ben had his)
    night = bot.command(f"nudge {campaign}", user=ADMIN)
    assert "Nobody to nudge" in night and "3 of the 4 members still pending" in night and "Press again from" in night
    assert "|2026-12-03 02:30 UTC> to reach the first of them" in night  # 08:00 in Kolkata
    assert "1 member had a DM about it from me today already" in night
    bot.served.settle()
    assert len([c for c in slack.calls_to("chat.postMessage") if "friendly reminder" in str(c.args)]) == 4


def test_a_nudge_that_leaves_one_member_for_morning_says_so_in_the_singular(
    bot: Bot, clock: SettableClock, campaign: str
) -> None:
    clock.set(datetime(2026, 12, 2, 10, 0, tzinfo=UTC))  # no reminder day; 05:00 for Ben in New York
    assert "Left for later: 1 member" in bot.command(f"nudge {campaign}", user=ADMIN)
    bot.served.settle()
    # The others had today's DM: only Ben is left, and the answer read "the 1 member still pending are outside".
    again = bot.command(f"nudge {campaign}", user=ADMIN)
    assert "Nobody to nudge" in again and "1 of the 4 members still pending is outside 08:00–20:00" in again


def test_a_managers_nudge_keeps_the_campaigns_weekends_free(
    bot: Bot, slack: FakeSlack, clock: SettableClock, campaign: str
) -> None:
    """The campaign's own reminders wait for Monday (no `weekend_reminders`); a manager's nudge does too."""
    clock.set(datetime(2026, 12, 5, 12, 0, tzinfo=UTC))  # Saturday: midday in London, Rome and Kolkata
    weekend = bot.command(f"nudge {campaign}", user=ADMIN)
    assert "Nobody to nudge" in weekend and "outside 08:00–20:00 on a weekday where they are" in weekend
    bot.served.settle()
    assert not [c for c in slack.calls_to("chat.postMessage") if "friendly reminder" in str(c.args)]
    clock.set(datetime(2026, 12, 7, 12, 0, tzinfo=UTC))  # Monday; 07:00 in New York
    monday = bot.command(f"nudge {campaign}", user=ADMIN)
    assert "Nudging 3 of the 4 members still pending" in monday and "Left for later: 1 member" in monday
    bot.served.settle()
    nudged = {c.args["channel"] for c in slack.calls_to("chat.postMessage") if "friendly reminder" in str(c.args)}
    assert nudged == {ADMIN, MEMBER, MEMBER_IST}


def test_a_campaign_that_reminds_at_weekends_is_nudged_at_weekends(
    bot: Bot, slack: FakeSlack, clock: SettableClock
) -> None:
    weekends = Campaign(
        id="weekends", guide=GUIDE, channels=(GENERAL,), deadline=date(2026, 12, 15), weekend_reminders=True
    )
    clock.set(datetime(2026, 12, 5, 12, 0, tzinfo=UTC))  # Saturday, no reminder day: midday but in New York
    bot.served.services.campaigns.load(team_id=bot.team, campaigns=[weekends])  # as from CAMPAIGNS_FILE
    bot.served.tick()  # reads its audience
    answer = bot.command("nudge weekends", user=ADMIN)
    assert "Nudging 3 of the 4 members still pending" in answer and "outside 08:00–20:00 now" in answer
    bot.served.settle()
    nudged = {c.args["channel"] for c in slack.calls_to("chat.postMessage") if "friendly reminder" in str(c.args)}
    assert nudged == {ADMIN, MEMBER, MEMBER_IST}


def test_nudge_says_so_when_nobody_is_pending(bot: Bot, slack: FakeSlack, campaign: str) -> None:
    for user in (ADMIN, MANAGER, MEMBER, MEMBER_IST):
        bot.click("attest_confirmed", f"{GUIDE}|", user=user)
    answer = bot.command(f"nudge {campaign}", user=ADMIN)
    assert "nobody is pending" in answer and "had a DM" not in answer
    assert not [c for c in slack.calls_to("chat.postMessage") if "friendly reminder" in str(c.args)]


def test_nudge_needs_an_active_campaign(bot: Bot, campaign: str) -> None:
    assert "I don't know a campaign" in bot.command("nudge nope", user=ADMIN)
    bot.command(f"campaign stop {campaign}", user=ADMIN)
    assert "Which campaign?" in bot.command("nudge", user=ADMIN)  # none runs now to take
    assert "is stopped, so I don't nudge" in bot.command(f"nudge {campaign}", user=ADMIN)


@pytest.mark.parametrize("asked", ["help", "HELP", "?"])
def test_report_help_and_nudge_help_say_how_they_work(bot: Bot, campaign: str, asked: str) -> None:
    # "I don't know a campaign “help”" read as if the manager had named one wrong.
    report = bot.command(f"report {asked}", user=ADMIN)
    assert "`/privacy report <campaign>`" in report and "I don't know a campaign" not in report
    nudge = bot.command(f"nudge {asked}", user=ADMIN)
    assert "`/privacy nudge <campaign>`" in nudge and "I don't know a campaign" not in nudge


def test_after_the_deadline_the_report_offers_no_nudge_it_would_refuse(
    bot: Bot, campaign: str, clock: SettableClock
) -> None:
    assert "report_nudge" in bot.command(f"report {campaign}", user=ADMIN)  # 2 weeks to go
    clock.set(datetime(2026, 12, 16, 9, 30, tzinfo=UTC))  # the day after: the final digest's day
    shown = bot.command(f"report {campaign}", user=ADMIN)
    assert "report_nudge" not in shown and "report_export" in shown  # the CSV still makes sense
    assert "is past its deadline (2026-12-15)" in bot.command(f"nudge {campaign}", user=ADMIN)


def test_a_stopped_campaigns_report_says_so_and_offers_no_nudge_it_would_refuse(bot: Bot, campaign: str) -> None:
    running = bot.command(f"report {campaign}", user=ADMIN)
    assert "report_nudge" in running and "14 days left" in running and "stopped" not in running
    bot.command(f"campaign stop {campaign}", user=ADMIN)
    shown = bot.command(f"report {campaign}", user=ADMIN)
    # Two weeks before its deadline, but stopped: no "14 days left" as if it ran, no button only refused.
    assert "report_nudge" not in shown and "report_export" in shown
    assert "14 days left" not in shown and "stopped: no reminders go out for it" in shown
    assert "is stopped, so I don't nudge" in bot.command(f"nudge {campaign}", user=ADMIN)


def test_a_stopped_campaigns_trend_ends_on_the_day_it_was_stopped(
    bot: Bot, campaign: str, clock: SettableClock
) -> None:
    clock.set(datetime(2026, 12, 2, 12, 0, tzinfo=UTC))
    bot.click("attest_confirmed", f"{GUIDE}|", user=MEMBER)
    bot.command(f"campaign stop {campaign}", user=ADMIN)
    clock.set(datetime(2026, 12, 5, 12, 0, tzinfo=UTC))  # three days after the stop, a member still answers
    bot.click("attest_not_applicable", f"{GUIDE}|", user=MEMBER_IST)
    shown = bot.command(f"report {campaign}", user=ADMIN)
    # It asked nobody after 2 Dec: days of zeros up to today, ending "today 1", would read as if it still ran.
    assert "today" not in shown
    assert "Answers per day from 2026-12-01 to 2026-12-02: `▁█` · best day 1 · 1 answered after 2026-12-02" in shown


def test_answers_given_before_the_campaign_are_not_shown_as_answers_on_its_first_day(
    bot: Bot, campaign: str, clock: SettableClock
) -> None:
    bot.click("attest_confirmed", f"{GUIDE}|", user=MEMBER)  # during the first campaign
    bot.command(f"campaign stop {campaign}", user=ADMIN)
    clock.set(datetime(2026, 12, 3, 12, 0, tzinfo=UTC))  # two days on, a new campaign; nobody answers today
    second = "linkedin-ai-training-2026-12-20"
    assert second in bot.command(f"campaign start linkedin <#{GENERAL}|general> 2026-12-20", user=ADMIN)
    shown = bot.command(f"report {second}", user=ADMIN)
    assert "Done *1*" in shown  # the earlier answer counts as done …
    assert "Answers per day since 2026-12-03: `▁` · best day 0 · today 0" in shown  # … but was not given today


def test_a_report_read_after_the_trend_ended_does_not_call_its_last_day_today(
    bot: Bot, campaign: str, clock: SettableClock
) -> None:
    clock.set(datetime(2026, 12, 16, 12, 0, tzinfo=UTC))  # the day after the deadline: the trend's last day
    bot.click("attest_confirmed", f"{GUIDE}|", user=MEMBER)
    assert "· today 1" in bot.command(f"report {campaign}", user=ADMIN)
    clock.set(datetime(2026, 12, 21, 12, 0, tzinfo=UTC))  # five days on, nobody has answered today
    shown = bot.command(f"report {campaign}", user=ADMIN)
    assert (
        "today 1" not in shown and "Answers per day from 2026-12-01 to 2026-12-16:" in shown and "best day 1" in shown
    )


def test_answers_given_after_the_trend_ended_are_counted_apart_not_on_its_last_day(
    bot: Bot, campaign: str, clock: SettableClock
) -> None:
    clock.set(datetime(2026, 12, 20, 12, 0, tzinfo=UTC))  # four days after the trend's last day (16 Dec)
    bot.click("attest_confirmed", f"{GUIDE}|", user=MEMBER)
    bot.click("attest_not_applicable", f"{GUIDE}|", user=MEMBER_IST)
    clock.set(datetime(2026, 12, 21, 12, 0, tzinfo=UTC))
    shown = bot.command(f"report {campaign}", user=ADMIN)
    assert "Done *1*" in shown and "Doesn't apply *1*" in shown
    # Nobody answered from 1 to 16 Dec; the two answers since are said apart, so the line adds up to the counts.
    assert (
        "Answers per day from 2026-12-01 to 2026-12-16: `" + "▁" * 16 + "` · best day 0 · 2 answered after 2026-12-16"
        in shown
    )


def test_export_uploads_the_csv_to_the_managers_dm(bot: Bot, slack: FakeSlack, campaign: str) -> None:
    bot.click("attest_confirmed", f"{GUIDE}|ios", user=MEMBER)
    bot.click("attest_reason_no_account", f"{GUIDE}|", user=MEMBER_IST)
    reply = bot.click("report_export", campaign, user=MANAGER)
    assert reply is not None and "Preparing the CSV" in reply["text"]
    upload = slack.wait_for(lambda: next((u for u in slack.uploads if u.completed), None))
    assert upload.channel == im_channel_id(MANAGER)
    assert upload.filename == f"{campaign}-2026-12-01.csv"
    assert upload.data is not None
    # With the byte-order mark, Excel opened by a double-click reads it as UTF-8: "Zoë" is not "ZoÃ«".
    assert upload.data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(upload.data.decode("utf-8-sig"))))
    assert tuple(rows[0]) == CSV_COLUMNS
    by_user = {row[0]: row for row in rows[1:]}
    assert by_user[MEMBER][1:] == ["Chiara", "confirmed", "2026-12-01T10:00:00+00:00", "ios", ""]
    assert by_user[MEMBER_IST][1:] == ["Devi Patel", "not_applicable", "2026-12-01T10:00:00+00:00", "", "no_account"]
    assert by_user[ADMIN][1:] == ["Ada", "pending", "", "", ""]
    assert len(by_user) == 4


def test_export_from_app_home_and_the_acknowledgement_arrives_by_dm(bot: Bot, slack: FakeSlack, campaign: str) -> None:
    assert bot.click("report_export", campaign, user=ADMIN, home=True) is None
    slack.wait_for(lambda: next((u for u in slack.uploads if u.completed), None))
    slack.wait_for(lambda: [t for t in dm_texts(slack, ADMIN) if "Preparing the CSV" in t])


FORMULAS = ['=HYPERLINK("http://evil","x")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd", "=1|' /C calc'!A0"]


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(bot: Bot, slack: FakeSlack) -> None:
    people = [f"U9EVIL{n:02d}" for n in range(len(FORMULAS))]
    with slack.lock:
        for user_id, name in zip(people, FORMULAS, strict=True):
            slack.workspace.add_user(make_user(user_id, "evil", "Evil", display_name=name))
        slack.workspace.add_channel("C0EVIL", "evil", [*people, ADMIN])
    bot.served.services.members.refresh(team_id=bot.team)  # the daily directory refresh, now
    bot.command("campaign start linkedin <#C0EVIL|evil> 2026-12-15", user=ADMIN)
    bot.click("attest_confirmed", f"{GUIDE}|android", user=people[0])
    bot.click("report_export", "linkedin-ai-training-2026-12-15", user=ADMIN)
    upload = slack.wait_for(lambda: next((u for u in slack.uploads if u.completed), None))
    assert upload.data is not None
    rows = list(csv.reader(io.StringIO(upload.data.decode("utf-8-sig"), newline="")))
    assert len(rows) == 1 + len(people) + 1
    for row in rows:
        assert len(row) == len(CSV_COLUMNS)
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), row
    names = {row[1] for row in rows[1:]}
    assert {"'" + name for name in FORMULAS} <= names


def test_an_owners_only_campaign_counts_and_nudges_only_owners(bot: Bot, slack: FakeSlack) -> None:
    # Slack's opt-out is an owner's to send: members cannot act on it, so they are not pending, not in
    # the summary's names and not nudged, by the schedule or by "Nudge now".
    campaign = "slack-training-2026-12-15"
    started = bot.command(f"campaign start slack <#{GENERAL}|general> 2026-12-15", user=ADMIN)
    assert campaign in started and "1 of the 4 members (the guide is a to-do only for them)" in started
    summary = bot.command(f"report {campaign}", user=ADMIN)
    assert "0 of 1 member ·" in summary and "Pending *1*" in summary
    reply = bot.click("report_nudge", campaign, user=ADMIN)
    assert reply is not None and "Nudging the 1 member still pending" in reply["text"]
    slack.wait_for(lambda: [t for t in dm_texts(slack, ADMIN) if "Nudged" in t])
    nudged = {
        call.args["channel"] for call in slack.calls_to("chat.postMessage") if "friendly reminder" in str(call.args)
    }
    assert nudged == {ADMIN}  # the primary owner; not MANAGER, MEMBER or MEMBER_IST


def test_an_export_of_an_empty_audience_does_not_blame_report_min_group(bot: Bot, slack: FakeSlack) -> None:
    # Nobody in #random owns the workspace, so the owners-only Slack campaign has nobody to count.
    started = bot.command("campaign start slack <#C0RANDOM|random> 2026-12-15", user=ADMIN)
    assert "0 of the 2 members (the guide is a to-do for none of them)" in started, started
    bot.click("report_export", "slack-training-2026-12-15", user=ADMIN)
    upload = slack.wait_for(lambda: next((u for u in slack.uploads if u.completed), None))
    assert "0 members" in str(upload.initial_comment)
    assert "REPORT_MIN_GROUP" not in str(upload.initial_comment)


def test_a_how_to_campaign_nudges_the_same_members_its_report_lists_as_pending(
    bot: Bot, slack: FakeSlack, clock: SettableClock
) -> None:
    campaign = "linkedin-data-download-2026-12-15"
    assert campaign in bot.command(f"campaign start linkedin-data-download <#{GENERAL}|general> 2026-12-15", user=ADMIN)
    assert "Pending *4*" in bot.command(f"report {campaign}", user=ADMIN)
    clock.advance(timedelta(hours=3))  # 08:00 in New York: daytime for all four
    reply = bot.click("report_nudge", campaign, user=ADMIN)
    assert reply is not None and "Nudging the 4 members still pending" in reply["text"]


def test_who_exported_names_or_nudged_members_is_in_the_audit_log_until_their_forget_me(
    bot: Bot, slack: FakeSlack, campaign: str
) -> None:
    """A CSV of everyone's names and statuses, and a DM to every pending member, are the two things a manager
    does with members' data: the audit log says who did them, and forgets it with that manager."""
    store = bot.served.services.members.store
    bot.click("report_export", campaign, user=MANAGER)
    bot.command(f"nudge {campaign}", user=ADMIN)
    done = [(e.action, e.actor_id, e.detail) for e in store.audit_entries(team_id=bot.team)[:2]]
    assert sorted(done) == [
        (REPORT_EXPORTED, MANAGER, {"campaign": campaign}),
        (REPORT_NUDGED, ADMIN, {"campaign": campaign}),
    ]
    assert "I deleted" in str(bot.click("forget_confirm", "yes", user=MANAGER))
    left = [(e.action, e.actor_id) for e in store.audit_entries(team_id=bot.team)]
    assert (REPORT_NUDGED, ADMIN) in left and all(
        MANAGER not in (e.actor_id, e.subject_id) for e in store.audit_entries(team_id=bot.team)
    )
