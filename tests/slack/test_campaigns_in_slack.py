"""Campaigns through the stand-in: managers start them in Slack, channels get announcements, pending
members get DMs at their own 10:00, each message exactly once."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.campaigns import validate_campaign
from bot.cli import serve_in_background
from bot.core import OccasionKind
from bot.local import payloads
from bot.local.fake_slack import FakeSlack
from bot.local.sender import SignedSender
from bot.local.workspace import ADMIN, DESIGN_GROUP, GENERAL, MANAGER, MEMBER, MEMBER_IST, PRIVACY, im_channel_id
from bot.slack import gateway
from bot.slack.plaintext import render
from bot.store import StoreUnavailable, make_engine
from bot.store.ledger import DeliveryLedger, DeliveryState, LedgerKey
from bot.store.repo import CAMPAIGN_STOPPED, Store
from tests.conftest import Served, SettableClock, dm_answer, final_answer, local_settings, signed

UTC = dt.UTC
DEADLINE = "2026-12-15"  # a Tuesday
START = f"campaign start linkedin <#{GENERAL}|general> {DEADLINE}"
CAMPAIGN = f"linkedin-ai-training-{DEADLINE}"
# 10:00 on 2026-12-08 (7 days before) in each member's zone.
SEVEN_DAYS_UTC = dt.datetime(2026, 12, 8, 10, 0, tzinfo=UTC)  # the bot's zone: UTC; Ada: London (UTC+0)
CHIARA_ROME = dt.datetime(2026, 12, 8, 9, 0, tzinfo=UTC)
DEVI_KOLKATA = dt.datetime(2026, 12, 8, 4, 30, tzinfo=UTC)
BEN_NEW_YORK = dt.datetime(2026, 12, 8, 15, 0, tzinfo=UTC)
# When each test starts its campaign: a fixed moment, so the deadline stays ahead whatever the date.
TODAY = dt.datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def today(clock: SettableClock) -> None:
    clock.set(TODAY)


def command(sender: SignedSender, text: str, *, user_id: str = MEMBER) -> str:
    return render(final_answer(sender, text, user_id=user_id).get("blocks") or [])


def dispatch(served: Served, clock: SettableClock, at: dt.datetime) -> dict[str, int]:
    clock.set(at)
    try:
        report = served.services.delivery.dispatch_due()
    finally:
        clock.set(TODAY)
    return dict(report.sent)


def dms(slack: FakeSlack, user_id: str) -> list[str]:
    return [message.text for message in slack.dm_messages(user_id)]


def test_a_manager_starts_a_campaign_and_anyone_else_is_refused(sender: SignedSender, served: Served) -> None:
    refused = command(sender, START, user_id=MEMBER)
    assert "for the privacy team's managers" in refused
    assert CAMPAIGN not in refused
    started = command(sender, START, user_id=ADMIN)
    # General has Ada, Ben, Chiara and Devi (and the bot, which is never in an audience).
    assert f"Campaign *{CAMPAIGN}* started" in started or f"Campaign {CAMPAIGN} started" in started
    assert "4 members" in started
    listed = command(sender, "campaign list", user_id=MANAGER)  # Ben: a manager through the user group
    assert CAMPAIGN in listed and "2026-12-15" in listed
    store = Store(make_engine(served_db(served)))
    actions = [entry.action for entry in store.audit_entries(team_id="T0LOCAL")]
    assert "manager.refused" in actions and "campaign.started" in actions


def served_db(served: Served) -> str:
    return str(served.services.recording.store._engine.url)  # noqa: SLF001 - the test reads what the bot wrote


def test_without_a_date_the_guide_has_no_date_ahead_so_the_manager_is_asked(sender: SignedSender) -> None:
    answer = command(sender, f"campaign start linkedin <#{GENERAL}|general>", user_id=ADMIN)
    assert "no policy date ahead" in answer
    assert "YYYY-MM-DD" in answer


def test_bad_campaign_commands_get_a_clear_answer(sender: SignedSender) -> None:
    assert "Which channel or user group" in command(sender, "campaign start linkedin", user_id=ADMIN)
    assert "is already past" in command(sender, f"campaign start linkedin <#{GENERAL}> 2020-01-01", user_id=ADMIN)
    assert "there is no month 13" in command(sender, f"campaign start linkedin <#{GENERAL}> 2026-13-45", user_id=ADMIN)
    assert "I don't know the guide" in command(sender, f"campaign start zzzz <#{GENERAL}> {DEADLINE}", user_id=ADMIN)
    assert "Usage" in command(sender, "campaign frobnicate", user_id=ADMIN)
    assert "I don't know a campaign" in command(sender, "campaign stop nope", user_id=ADMIN)


def test_campaign_stop_without_an_id_asks_which(sender: SignedSender) -> None:
    # It answered "I don't know a campaign “”", as if the manager had named an empty one.
    for typed in ("campaign stop", "campaign stop   "):
        answer = command(sender, typed, user_id=ADMIN)
        assert "Which campaign? `/privacy campaign stop <id>`" in answer
        assert "“”" not in answer


def test_a_date_it_cannot_read_gets_an_example_that_works_copied(sender: SignedSender, clock: SettableClock) -> None:
    clock.set(dt.datetime(2027, 3, 1, 12, 0, tzinfo=UTC))  # after any date a fixed example could name
    answer = command(sender, f"campaign start linkedin <#{GENERAL}> 2027-02-30", user_id=ADMIN)
    assert "Use YYYY-MM-DD, e.g. 2027-03-29." in answer
    assert "started" in command(sender, f"campaign start linkedin <#{GENERAL}> 2027-03-29", user_id=ADMIN)


def test_announcement_then_dms_at_each_members_own_ten_oclock_only_to_the_pending(
    sender: SignedSender, served: Served, slack: FakeSlack, clock: SettableClock
) -> None:
    command(sender, START, user_id=ADMIN)
    command(sender, "done linkedin", user_id=MEMBER_IST)  # Devi has acted: no DM for her
    # Before anything is due nothing goes out.
    assert dispatch(served, clock, DEVI_KOLKATA - dt.timedelta(minutes=1)) == {}
    assert dispatch(served, clock, CHIARA_ROME) == {"nudge": 1}
    assert len(dms(slack, MEMBER)) == 1
    assert "A friendly reminder" in dms(slack, MEMBER)[0]
    assert dms(slack, MEMBER_IST) == []
    assert dispatch(served, clock, SEVEN_DAYS_UTC) == {"announce": 1, "nudge": 1}  # the channel, and Ada
    [post] = [m for m in slack.messages(GENERAL) if m.via == "chat.postMessage"]
    shown = render(post.blocks)
    assert "Reminder:" in shown and "7 days left" in shown
    assert "I've opted out" in shown and "Remind me later" not in shown
    # The post and the DM of the same day write the deadline alike (the post said "15 Dec 2026", the DM 2026-12-15).
    assert f"– {DEADLINE}." in shown and f"(deadline {DEADLINE})" in dms(slack, MEMBER)[0]
    assert dispatch(served, clock, SEVEN_DAYS_UTC + dt.timedelta(minutes=1)) == {}
    assert dispatch(served, clock, BEN_NEW_YORK) == {"nudge": 1}
    assert dms(slack, MEMBER_IST) == []
    # The channel's own posts: a start slower than 0.5 s answers the manager later, ephemerally, in #general.
    assert len(slack.posts(GENERAL)) == 1


def test_a_restart_sends_nothing_twice(
    sender: SignedSender, served: Served, slack: FakeSlack, clock: SettableClock, bot_db: Path
) -> None:
    command(sender, START, user_id=ADMIN)
    assert dispatch(served, clock, SEVEN_DAYS_UTC) == {"announce": 1, "nudge": 3}
    again = serve_in_background(local_settings(slack, bot_db), clock=clock)
    try:
        clock.set(SEVEN_DAYS_UTC + dt.timedelta(seconds=15))
        assert dict(again.services.delivery.dispatch_due().sent) == {}
    finally:
        clock.set(TODAY)
        again.stop()
    assert len(slack.posts(GENERAL)) == 1


def test_an_occasion_missed_by_more_than_12_hours_is_skipped_not_sent_stale(
    sender: SignedSender, served: Served, slack: FakeSlack, clock: SettableClock
) -> None:
    command(sender, START, user_id=ADMIN)
    clock.set(SEVEN_DAYS_UTC + dt.timedelta(hours=13))
    report = served.services.delivery.dispatch_due()
    clock.set(TODAY)
    assert dict(report.sent) == {"nudge": 1}  # Ben's 10:00 in New York is 2 hours ago: still sent
    # Skipped: 14 and 7 days before, the channel post and the other members' DMs (4 + 3).
    assert report.skipped == {"announce": 2, "nudge": 7}
    assert slack.posts(GENERAL) == []


def test_reminders_due_before_the_campaign_began_are_not_reported_as_missed(
    sender: SignedSender, served: Served, clock: SettableClock, caplog: pytest.LogCaptureFixture
) -> None:
    """Started five days before its deadline, a campaign never owed its 14- and 7-days-before reminders:
    they are settled quietly, not logged as 'skipped: more than 12 hours late' (which means the bot was
    down)."""
    clock.set(dt.datetime(2026, 12, 10, 12, 0, tzinfo=UTC))
    command(sender, START, user_id=ADMIN)
    with caplog.at_level(logging.INFO):
        report = served.services.delivery.dispatch_due()
        again = served.services.delivery.dispatch_due()
    assert not report.skipped and not report.sent
    assert report.unowed == {"announce": 2, "nudge": 8}  # planned no more: settled in the ledger
    assert not again.unowed
    assert not [record for record in caplog.records if record.levelno >= logging.WARNING]


def test_clicking_an_announcement_answers_only_the_clicker(
    sender: SignedSender, served: Served, slack: FakeSlack, clock: SettableClock
) -> None:
    command(sender, START, user_id=ADMIN)
    dispatch(served, clock, SEVEN_DAYS_UTC)
    [post] = slack.posts(GENERAL)
    nudged_before = len(dms(slack, MEMBER))
    slack.clear_calls()
    response = sender.block_action(
        action_id="attest_confirmed",
        value="linkedin-ai-training|",
        user_id=MEMBER,
        channel_id=GENERAL,
        message={"ts": post.ts, "blocks": post.blocks, "text": post.text},
    )
    assert response.status == 200
    [answer] = slack.responses
    assert answer.body.get("replace_original") is False
    assert answer.body.get("response_type") == "ephemeral"
    assert render(slack.message(GENERAL, post.ts).blocks) == render(post.blocks)  # type: ignore[union-attr]
    # Having confirmed, Chiara is not nudged on the next reminder day (Devi, in Kolkata, is).
    assert dispatch(served, clock, dt.datetime(2026, 12, 14, 9, 0, tzinfo=UTC)) == {"nudge": 1}
    assert len(dms(slack, MEMBER)) == nudged_before


def test_remind_me_later_sends_the_promised_dm_at_the_next_ten_oclock(
    sender: SignedSender, served: Served, slack: FakeSlack, clock: SettableClock
) -> None:
    snoozed_at = dt.datetime(2026, 12, 2, 16, 0, tzinfo=UTC)  # a Wednesday
    clock.set(snoozed_at)
    served.services.recording.record(
        team_id="T0LOCAL",
        user_id=MEMBER,
        guide_id="linkedin-ai-training",
        status="snoozed",
        source="button",  # type: ignore[arg-type]
    )
    clock.set(TODAY)
    rome = ZoneInfo("Europe/Rome")
    # The snooze ends Saturday 16:00 UTC: the reminder waits for Monday 10:00 in Rome.
    monday = dt.datetime(2026, 12, 7, 10, 0, tzinfo=rome).astimezone(UTC)
    assert dispatch(served, clock, snoozed_at + dt.timedelta(days=3, hours=1)) == {}
    assert dispatch(served, clock, monday) == {"snooze": 1}
    assert "You asked me to remind you" in dms(slack, MEMBER)[0]
    assert dispatch(served, clock, monday + dt.timedelta(hours=1)) == {}


def test_stopping_a_campaign_stops_its_reminders(
    sender: SignedSender, served: Served, slack: FakeSlack, clock: SettableClock
) -> None:
    command(sender, START, user_id=ADMIN)
    assert "stopped" in command(sender, f"campaign stop {CAMPAIGN}", user_id=ADMIN)
    assert dispatch(served, clock, SEVEN_DAYS_UTC) == {}
    listed = command(sender, "campaign list", user_id=ADMIN)
    assert "stopped" in listed


def test_the_start_message_says_when_the_guide_reaches_only_some_of_the_channel(sender: SignedSender) -> None:
    # Meta's objection is for the EU, EEA and UK: of #general's four, Ada (London) and Chiara (Rome).
    started = command(sender, f"campaign start meta <#{GENERAL}|general> 2026-12-20", user_id=ADMIN)
    assert "2 of the 4 members (the guide is a to-do only for them)" in started, started
    # A guide for everyone reaches everyone: the plain count, as before.
    everyone = command(sender, START, user_id=ADMIN)
    assert "4 members;" in everyone and "of the" not in everyone


@pytest.mark.parametrize(
    "audience",
    [f"<#{GENERAL}|general>, <#{PRIVACY}|privacy>", f"“<#{GENERAL}|general>” “<#{PRIVACY}|privacy>”"],
)
def test_channels_in_a_list_or_in_quotes_are_the_audience(sender: SignedSender, audience: str) -> None:
    # Slack links "#general," and leaves the comma (or a pasted quote) beside the link: the manager was told
    # "Which channel or user group? Mention it", having mentioned two.
    answer = command(sender, f"campaign start linkedin {audience} {DEADLINE}.", user_id=ADMIN)
    assert "started" in answer, answer
    assert GENERAL in answer and PRIVACY in answer, answer


def test_two_deadlines_are_refused_rather_than_the_second_dropped(sender: SignedSender) -> None:
    typed = f"campaign start linkedin <#{GENERAL}|general> 2026-12-15 2026-12-20"
    answer = command(sender, typed, user_id=ADMIN)
    assert "Which deadline" in answer and "2026-12-15" in answer and "2026-12-20" in answer
    assert "started" not in answer
    assert "linkedin-ai-training" not in command(sender, "campaign list", user_id=ADMIN)  # nothing was started


def test_a_campaign_over_since_its_deadline_is_listed_as_ended_not_as_if_it_ran(
    sender: SignedSender, clock: SettableClock
) -> None:
    command(sender, START, user_id=ADMIN)
    running = command(sender, "campaign list", user_id=ADMIN)
    assert CAMPAIGN in running and "ended" not in running
    clock.set(dt.datetime(2026, 12, 20, 12, 0, tzinfo=UTC))  # five days past the deadline: nothing more goes out
    listed = command(sender, "campaign list", user_id=ADMIN)
    assert f"deadline {DEADLINE}" in listed and listed.rstrip().endswith(") – ended"), listed
    # `report linkedin` no longer takes it by the guide's word, but knows it: not "I don't know a campaign".
    by_word = command(sender, "report linkedin", user_id=ADMIN)
    assert "is running now" in by_word and f"`{CAMPAIGN}`" in by_word, by_word
    assert "Deadline" in command(sender, f"report {CAMPAIGN}", user_id=ADMIN)  # by its id, as the answer says


def test_a_stopped_campaign_named_by_its_guide_is_named_back_by_its_id(sender: SignedSender) -> None:
    command(sender, START, user_id=ADMIN)
    command(sender, f"campaign stop {CAMPAIGN}", user_id=ADMIN)
    for asked in ("report linkedin", "nudge linkedin", "campaign stop linkedin"):
        answer = command(sender, asked, user_id=ADMIN)
        assert "No campaign “linkedin” is running now" in answer and f"`{CAMPAIGN}`" in answer, answer
        # "Name one by its id" sent a manager to nudge or stop it by its id, only to be refused: it is over.
        assert "`/privacy report` with its id still shows its numbers" in answer, answer
    assert "I don't know a campaign" in command(sender, "report zoom", user_id=ADMIN)


def test_stopping_a_stopped_campaign_again_says_it_was_stopped_already(sender: SignedSender, served: Served) -> None:
    command(sender, START, user_id=ADMIN)
    first = command(sender, f"campaign stop {CAMPAIGN}", user_id=ADMIN)
    assert "stopped: no more reminders go out for it" in first
    # A second press changes nothing: it must not read as if this stop did something.
    again = command(sender, f"campaign stop {CAMPAIGN}", user_id=ADMIN)
    assert "was stopped already" in again and CAMPAIGN in again
    assert "no more reminders go out" not in again
    audit = served.services.members.store.audit_entries(team_id=served.team_id)
    assert len([entry for entry in audit if entry.action == CAMPAIGN_STOPPED]) == 1


def test_campaign_stop_takes_the_guide_word_report_and_nudge_take(sender: SignedSender) -> None:
    command(sender, START, user_id=ADMIN)
    assert CAMPAIGN in command(sender, "report linkedin", user_id=ADMIN)
    stopped = command(sender, "campaign stop linkedin", user_id=ADMIN)
    assert "stopped" in stopped and CAMPAIGN in stopped
    assert "stopped" in command(sender, "campaign list", user_id=ADMIN)


def test_the_start_message_lists_only_the_channel_posts_still_ahead(sender: SignedSender, clock: SettableClock) -> None:
    clock.set(dt.datetime(2026, 12, 5, 12, 0, tzinfo=UTC))  # ten days before: the 14-day post is gone
    started = command(sender, START, user_id=ADMIN)
    assert "channel posts on Tue 8 Dec, Mon 14 Dec and Tue 15 Dec" in started


def test_a_guide_with_nothing_to_switch_off_cannot_be_a_campaign(sender: SignedSender) -> None:
    # Members could never mark it done: the campaign would DM them until its deadline.
    answer = command(sender, f"campaign start reddit <#{GENERAL}|general> 2026-12-15", user_id=ADMIN)
    assert "nothing to switch off" in answer and "started" not in answer
    assert "reddit" not in command(sender, "campaign list", user_id=ADMIN)


def test_the_help_shows_manager_commands_under_their_own_heading(sender: SignedSender) -> None:
    shown = command(sender, "help")
    assert "For managers" in shown
    assert "campaign start" in shown
    assert shown.index("status") < shown.index("For managers") < shown.index("campaign start")


def test_an_unknown_event_kind_is_ignored_quietly(sender: SignedSender) -> None:
    assert sender.event(payloads.event_callback({"type": "reaction_added", "user": MEMBER})).status == 200


def test_the_kinds_of_occasions_have_stable_ledger_names() -> None:
    # The values are stored in the ledger: changing one would resend everything already sent.
    assert [kind.value for kind in OccasionKind] == [
        "announce",
        "nudge",
        "snooze",
        "manual",
        "digest",
        "final",
        "unposted",
    ]
    assert im_channel_id(MEMBER).startswith("D")


def test_forget_me_removes_the_member_from_directory_audiences_and_the_ledger(
    sender: SignedSender, served: Served, slack: FakeSlack, clock: SettableClock
) -> None:
    command(sender, START, user_id=ADMIN)
    dispatch(served, clock, SEVEN_DAYS_UTC)
    engine = make_engine(served_db(served))
    with engine.connect() as db:
        before = {
            table: db.exec_driver_sql(f"SELECT count(*) FROM {table} WHERE {column} = ?", (MEMBER,)).scalar()
            for table, column in (("members", "user_id"), ("campaign_audience", "user_id"), ("deliveries", "target"))
        }
    assert before["members"] == 1 and before["campaign_audience"] == 1 and before["deliveries"] >= 1
    slack.clear_calls()
    url = slack.new_response_url(channel=GENERAL, user=MEMBER)
    sender.block_action(
        action_id="forget_confirm", value="yes", user_id=MEMBER, is_ephemeral=True, container_ts="1.1", response_url=url
    )
    with engine.connect() as db:
        for table, column in (("members", "user_id"), ("campaign_audience", "user_id"), ("deliveries", "target")):
            assert db.exec_driver_sql(f"SELECT count(*) FROM {table} WHERE {column} = ?", (MEMBER,)).scalar() == 0
    engine.dispose()


def test_forget_me_warns_a_member_reminded_today_that_a_campaign_may_remind_them_once_more(
    sender: SignedSender, served: Served, slack: FakeSlack, clock: SettableClock
) -> None:
    """The record of today's DM names the member, so forget-me deletes it; a campaign that reads them back into
    its audience the same day (New York's DMs, later, read the channel again) DMs them once more. They hear so
    before they confirm, and only when a DM reached them today."""
    command(sender, START, user_id=ADMIN)
    dispatch(served, clock, CHIARA_ROME)
    assert len(dms(slack, MEMBER)) == 1
    clock.set(CHIARA_ROME + dt.timedelta(hours=1))
    warning = "You had a reminder from me today"
    assert warning in command(sender, "forget-me", user_id=MEMBER)
    assert warning not in command(sender, "forget-me", user_id=MANAGER)  # Ben's 10:00 in New York is still to come
    clock.set(CHIARA_ROME + dt.timedelta(days=1))
    assert warning not in command(sender, "forget-me", user_id=MEMBER)  # a day on, nothing to repeat
    clock.set(CHIARA_ROME + dt.timedelta(hours=1))
    url = slack.new_response_url(channel=GENERAL, user=MEMBER)
    sender.block_action(
        action_id="forget_confirm", value="yes", user_id=MEMBER, is_ephemeral=True, container_ts="1.1", response_url=url
    )
    dispatch(served, clock, BEN_NEW_YORK)
    assert len(dms(slack, MEMBER)) == 2  # as she was told


def test_bot_timezone_sets_when_channels_hear_the_reminder(
    slack: FakeSlack, bot_db: Path, clock: SettableClock
) -> None:
    """BOT_TIMEZONE=Europe/Rome: #general's post is at 10:00 in Rome (09:00 UTC), not at 10:00 UTC."""
    rome = serve_in_background(local_settings(slack, bot_db, bot_timezone="Europe/Rome"), clock=clock)
    try:
        sender = signed(rome, slack, clock)
        assert "(Europe/Rome)" in command(sender, START, user_id=ADMIN)
        assert dispatch(rome, clock, CHIARA_ROME - dt.timedelta(minutes=1)).get("announce") is None
        assert dispatch(rome, clock, CHIARA_ROME)["announce"] == 1  # 09:00 UTC
        assert len([m for m in slack.messages(GENERAL) if m.via == "chat.postMessage"]) == 1
    finally:
        rome.stop()


def test_a_long_retry_after_gives_the_claims_back_at_once_instead_of_sitting_on_them(
    sender: SignedSender, served: Served, slack: FakeSlack, clock: SettableClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Slack asks for 15 minutes' pause. The tick must not sleep through it holding claims whose 60 s
    lease another replica would take over (and send again): it gives them back for a later tick."""
    waited: list[float] = []
    monkeypatch.setattr(gateway, "sleep", waited.append)
    command(sender, START, user_id=ADMIN)
    slack.throttle("chat.postMessage", allow=0, refuse=10, retry_after=900)
    try:
        clock.set(SEVEN_DAYS_UTC)
        first = served.services.delivery.dispatch_due()
        asked = len(slack.calls_to("chat.postMessage"))
        clock.set(SEVEN_DAYS_UTC + dt.timedelta(seconds=1))
        second = served.services.delivery.dispatch_due()  # may claim them again at once
    finally:
        clock.set(TODAY)
        slack.throttle("chat.postMessage", allow=0, refuse=0)
    assert waited == []
    # #general and Ada at 10:00 UTC, and Chiara and Devi, whose 10:00 came earlier that day.
    assert sum(first.retry.values()) == 4 and not first.sent
    assert sum(second.retry.values()) == 4 and not second.sent
    # Slack's 900 s are respected, not hammered: only posts already on their way when the first 429
    # came back (at most the fan-out's width) reached Slack, and none in the second tick.
    assert 1 <= asked <= served.services.delivery.workers
    assert len(slack.calls_to("chat.postMessage")) == asked


def test_a_dm_counts_the_days_left_in_the_members_own_zone(
    slack: FakeSlack, bot_db: Path, clock: SettableClock
) -> None:
    """Devi's 7-days-before DM goes out at 10:00 in Kolkata on 2026-12-08, which is still 12-07 in the
    bot's Los Angeles: her DM says 7 days left, as her own calendar does, not 8."""
    los_angeles = serve_in_background(local_settings(slack, bot_db, bot_timezone="America/Los_Angeles"), clock=clock)
    try:
        command(signed(los_angeles, slack, clock), START, user_id=ADMIN)
        assert dispatch(los_angeles, clock, DEVI_KOLKATA).get("nudge") == 1
        [dm_text] = dms(slack, MEMBER_IST)
        assert "7 days left" in dm_text, dm_text
    finally:
        los_angeles.stop()


class _BusyWhenMarkingSent(DeliveryLedger):
    """The ledger of a database too busy to take "sent" (another process holds SQLite's lock)."""

    busy = True

    def finish(
        self, key: LedgerKey, *, claim: int, state: DeliveryState, now: dt.datetime, error: str | None = None
    ) -> bool:
        if self.busy and state is DeliveryState.SENT:
            raise StoreUnavailable(while_writing=True)
        return super().finish(key, claim=claim, state=state, now=now, error=error)


def test_a_dm_posted_while_the_database_was_too_busy_to_mark_it_sent_is_not_sent_again(
    sender: SignedSender, served: Served, slack: FakeSlack, clock: SettableClock
) -> None:
    command(sender, START, user_id=ADMIN)
    ledger = _BusyWhenMarkingSent(served.services.delivery.ledger._engine)  # noqa: SLF001 - the bot's own database
    served.services.delivery.ledger = ledger
    assert dispatch(served, clock, SEVEN_DAYS_UTC) == {"announce": 1, "nudge": 3}  # the tick goes on, counted
    ledger.busy = False
    # Past the claims' 60 s lease, when an unfinished claim would be taken and sent again.
    assert dispatch(served, clock, SEVEN_DAYS_UTC + dt.timedelta(minutes=2)) == {}
    assert [len(dms(slack, user)) for user in (ADMIN, MEMBER, MEMBER_IST)] == [1, 1, 1]
    assert len(slack.posts(GENERAL)) == 1
    counts = ledger.counts(team_id="T0LOCAL", campaign_id=CAMPAIGN)
    assert counts[("announce", "sent")] == 1 and counts[("nudge", "sent")] == 3  # the ledger caught up


def test_a_campaign_slack_cannot_find_the_audience_of_is_not_started_and_can_be_started_again(
    sender: SignedSender, served: Served
) -> None:
    refused = command(sender, f"campaign start linkedin <#C0NOSUCH|gone> {DEADLINE}", user_id=ADMIN)
    assert "Slack answered `channel_not_found`" in refused and "Nothing was started" in refused
    assert CAMPAIGN not in command(sender, "campaign list", user_id=ADMIN)  # nothing half-started
    started = command(sender, START, user_id=ADMIN)
    assert f"Campaign *{CAMPAIGN}* started" in started or f"Campaign {CAMPAIGN} started" in started


def test_stopping_a_file_campaign_says_it_stopped_and_until_when(
    sender: SignedSender, served: Served, clock: SettableClock
) -> None:
    from_file = validate_campaign(
        {"id": CAMPAIGN, "guide": "linkedin-ai-training", "channels": [GENERAL], "deadline": DEADLINE}, where="file"
    )
    served.services.campaigns.load(team_id="T0LOCAL", campaigns=[from_file])
    answer = command(sender, f"campaign stop {CAMPAIGN}", user_id=ADMIN)
    # It is stopped (it read only "comes from the campaigns file: remove it there", as if refused) …
    assert f"{CAMPAIGN} stopped: no more reminders go out for it until the bot restarts" in answer
    assert "remove it there, or it comes back on restart" in answer
    assert dispatch(served, clock, SEVEN_DAYS_UTC) == {}  # … and nothing goes out for it


def test_restarting_a_stopped_file_campaign_from_slack_says_where_it_lives_instead_of_started(
    sender: SignedSender, served: Served
) -> None:
    from_file = validate_campaign(
        {"id": CAMPAIGN, "guide": "linkedin-ai-training", "channels": [GENERAL], "deadline": DEADLINE}, where="file"
    )
    served.services.campaigns.load(team_id="T0LOCAL", campaigns=[from_file])
    command(sender, f"campaign stop {CAMPAIGN}", user_id=ADMIN)
    answer = command(sender, START, user_id=ADMIN)
    assert "comes from the campaigns file" in answer and "started" not in answer.replace("starts again", "")
    assert "stopped" in command(sender, "campaign list", user_id=ADMIN)  # and it is still stopped


def test_a_file_campaign_with_the_id_of_one_started_in_slack_is_not_loaded_and_the_log_says_so(
    sender: SignedSender, served: Served, caplog: pytest.LogCaptureFixture
) -> None:
    command(sender, START, user_id=ADMIN)
    from_file = validate_campaign(
        {"id": CAMPAIGN, "guide": "linkedin-ai-training", "channels": [PRIVACY], "deadline": "2027-01-29"},
        where="file",
    )
    with caplog.at_level(logging.WARNING):
        served.services.campaigns.load(team_id="T0LOCAL", campaigns=[from_file])
    warned = [record.getMessage() for record in caplog.records if "not loaded" in record.getMessage()]
    assert len(warned) == 1 and CAMPAIGN in warned[0], warned
    listed = command(sender, "campaign list", user_id=ADMIN)
    assert DEADLINE in listed and "2027-01-29" not in listed  # the manager's campaign, as started


def test_a_file_campaign_over_a_channel_another_campaign_reminds_about_its_guide_is_named_in_the_log(
    sender: SignedSender, served: Served, caplog: pytest.LogCaptureFixture
) -> None:
    # A manager starting a second round in Slack is told; one added to the file was not: #general had both posts.
    command(sender, START, user_id=ADMIN)
    from_file = validate_campaign(
        {"id": "li-file", "guide": "linkedin-ai-training", "channels": [GENERAL, PRIVACY], "deadline": "2027-01-29"},
        where="file",
    )
    other_guide = validate_campaign(
        {"id": "gpt-file", "guide": "chatgpt-training", "channels": [GENERAL], "deadline": "2027-01-29"}, where="file"
    )
    with caplog.at_level(logging.WARNING):
        served.services.campaigns.load(team_id="T0LOCAL", campaigns=[from_file, other_guide])
        served.services.campaigns.load(team_id="T0LOCAL", campaigns=[from_file, other_guide])  # a restart
    warned = [record.getMessage() for record in caplog.records if "hear from both" in record.getMessage()]
    said = (
        f"CAMPAIGNS_FILE: campaign 'li-file' reminds {GENERAL} about linkedin-ai-training, as campaign '{CAMPAIGN}'"
        " does until 2026-12-15: members there hear from both (DMs on the days of either, one a day at most)"
    )
    assert warned == [said, said]
    assert MEMBER not in " ".join(warned)


def test_a_second_start_with_more_channels_says_how_to_add_them_and_that_way_nothing_is_sent_twice(
    sender: SignedSender, served: Served, slack: FakeSlack, clock: SettableClock
) -> None:
    # "There is already a campaign … Stop it first, or pick another guide or date" left a manager adding #privacy
    # to a running campaign to guess whether stopping it would send everything again, or to fake another date.
    command(sender, START, user_id=ADMIN)
    assert dispatch(served, clock, SEVEN_DAYS_UTC)["announce"] == 1

    # Posts everyone sees: a command's answer that followed late (Slack slow to say) is Ada's alone, in the channel.
    def posts(channel: str) -> int:
        return len([message for message in slack.messages(channel) if message.ephemeral_to is None])

    general_posts, member_dms = posts(GENERAL), len(dms(slack, MEMBER))
    both = f"campaign start linkedin <#{GENERAL}|general> <#{PRIVACY}|privacy> {DEADLINE}"
    refused = command(sender, both, user_id=ADMIN)
    assert f"There is already a campaign {CAMPAIGN}" in refused
    assert f"stop it (`/privacy campaign stop {CAMPAIGN}`) and start it again naming them all" in refused, refused
    command(sender, f"campaign stop {CAMPAIGN}", user_id=ADMIN)
    assert "started" in command(sender, both, user_id=ADMIN)
    assert dispatch(served, clock, SEVEN_DAYS_UTC)["announce"] == 1  # #privacy's, not #general's again
    assert posts(GENERAL) == general_posts and posts(PRIVACY) == 1
    assert len(dms(slack, MEMBER)) == member_dms  # in both channels, reminded once


def test_a_reminder_dm_answered_i_did_it_records_its_guide(
    sender: SignedSender, served: Served, slack: FakeSlack, clock: SettableClock
) -> None:
    # The reminder asks "have you?": "i did it" or a bare "done" in reply was met with "Which guide?".
    command(sender, START, user_id=ADMIN)
    assert dispatch(served, clock, SEVEN_DAYS_UTC)["nudge"] == 3
    clock.set(SEVEN_DAYS_UTC + dt.timedelta(minutes=5))
    sender.event(payloads.dm_message(user_id=MEMBER, text="i did it"))
    served.settle()
    assert "Recorded *Stop LinkedIn using your data to train generative AI* as done" in dms(slack, MEMBER)[-1]


def reminded_by_another_replica(sender: SignedSender, slack: FakeSlack, clock: SettableClock, bot_db: Path) -> None:
    """A campaign's nudges, sent by a second bot on the same database (a replica), not by `served`."""
    command(sender, START, user_id=ADMIN)
    other = serve_in_background(local_settings(slack, bot_db), clock=clock)
    try:
        assert dispatch(other, clock, SEVEN_DAYS_UTC)["nudge"] == 3
    finally:
        other.stop()


def test_a_reminder_dm_sent_by_another_replica_answered_done_records_its_guide(
    sender: SignedSender, served: Served, slack: FakeSlack, clock: SettableClock, bot_db: Path
) -> None:
    # Two replicas share the database and both send reminders: Slack hands the member's "done" to either, and the
    # one that had not sent the DM asked "Which guide?" of a member with the reminder in front of them.
    reminded_by_another_replica(sender, slack, clock, bot_db)
    clock.set(SEVEN_DAYS_UTC + dt.timedelta(minutes=50))
    assert "Recorded Stop LinkedIn using your data to train generative AI as done" in dm_answer(sender, slack, "done")
    # A guide this replica showed after the reminder is what "it" means.
    dm_answer(sender, slack, "how do i stop chatgpt training on my chats")
    assert "Recorded Stop ChatGPT" in dm_answer(sender, slack, "i turned it off")


def test_a_reminder_dm_sent_more_than_an_hour_ago_by_another_replica_is_not_what_done_means(
    sender: SignedSender, served: Served, slack: FakeSlack, clock: SettableClock, bot_db: Path
) -> None:
    reminded_by_another_replica(sender, slack, clock, bot_db)
    clock.set(SEVEN_DAYS_UTC + dt.timedelta(hours=1, minutes=1))
    assert dm_answer(sender, slack, "done").startswith("Which guide?")


def test_ninety_days_after_the_deadline_the_ledger_forgets_the_campaigns_members_for_good(
    sender: SignedSender, served: Served, slack: FakeSlack, clock: SettableClock
) -> None:
    command(sender, START, user_id=ADMIN)
    assert dispatch(served, clock, SEVEN_DAYS_UTC) == {"announce": 1, "nudge": 3}
    ledger = served.services.delivery.ledger
    try:
        clock.set(dt.datetime(2026, 12, 20, 12, 0, tzinfo=UTC))  # 5 days after: over, kept for reports
        assert served.services.delivery.prune() == 0
        clock.set(dt.datetime(2027, 3, 16, 12, 0, tzinfo=UTC))  # 91 days after
        assert served.services.delivery.prune() > 0
        assert ledger.counts(team_id="T0LOCAL", campaign_id=CAMPAIGN) == {}
        # An over campaign is planned no more: its old occasions do not come back, not even as "skipped".
        served.services.delivery.dispatch_due()
        served.services.digests.dispatch_digests()
        assert ledger.counts(team_id="T0LOCAL", campaign_id=CAMPAIGN) == {}
    finally:
        clock.set(TODAY)
    assert len(slack.posts(GENERAL)) == 1


def test_a_tick_sends_only_this_workspaces_campaigns_from_a_shared_database(
    sender: SignedSender, served: Served, slack: FakeSlack, clock: SettableClock
) -> None:
    # Another workspace's bot keeps its campaign in the same database. This token reaches none of its
    # channels or members, and a failure recorded here would settle what that bot has to send.
    other = validate_campaign(
        {"id": "theirs", "guide": "linkedin-ai-training", "channels": ["C0THEIRS"], "deadline": DEADLINE},
        where="test",
    )
    store = served.services.campaigns.campaigns
    store.save(team_id="T0THEIRS", campaign=other, origin="slack", now=TODAY)
    served.services.members.directory.set_audience(
        team_id="T0THEIRS", campaign_id="theirs", user_ids=["U0THEIRS"], now=TODAY
    )
    command(sender, START, user_id=ADMIN)
    clock.set(SEVEN_DAYS_UTC)
    try:
        served.tick()
        served.settle()
        clock.set(dt.datetime(2026, 12, 16, 9, 30, tzinfo=UTC))  # the final digests are due
        served.tick()
        served.settle()
    finally:
        clock.set(TODAY)
    ledger = served.services.delivery.ledger
    assert ledger.counts(team_id="T0THEIRS") == {}
    assert sum(ledger.counts(team_id="T0LOCAL", campaign_id=CAMPAIGN).values()) > 0
    assert not [call for call in slack.calls if "C0THEIRS" in str(call.args) or "U0THEIRS" in str(call.args)]


def test_a_campaign_taken_out_of_the_campaigns_file_stops_at_the_next_start(
    slack: FakeSlack, clock: SettableClock, bot_db: Path, tmp_path: Path
) -> None:
    listed = tmp_path / "campaigns.toml"
    listed.write_text(
        f'[[campaign]]\nid = "{CAMPAIGN}"\nguide = "linkedin-ai-training"\nchannels = ["{GENERAL}"]\n'
        f"deadline = {DEADLINE}\n"
    )
    clock.set(dt.datetime(2026, 11, 20, 12, 0, tzinfo=UTC))
    serve_in_background(local_settings(slack, bot_db, campaigns_file=listed), clock=clock).stop()
    listed.write_text("# nothing planned\n")  # the operator takes it out, and restarts the bot
    served = serve_in_background(local_settings(slack, bot_db, campaigns_file=listed), clock=clock)
    try:
        [shown] = served.services.campaigns.listing(team_id=served.team_id).listed
        assert shown.stopped
        assert dispatch(served, clock, SEVEN_DAYS_UTC) == {}  # a week before: no post, no DM
    finally:
        served.stop()
    # Without CAMPAIGNS_FILE (a web-only replica) the bot cannot tell what the file holds: nothing is stopped.
    listed.write_text(
        f'[[campaign]]\nid = "{CAMPAIGN}"\nguide = "linkedin-ai-training"\nchannels = ["{GENERAL}"]\n'
        f"deadline = {DEADLINE}\n"
    )
    serve_in_background(local_settings(slack, bot_db, campaigns_file=listed), clock=clock).stop()
    served = serve_in_background(local_settings(slack, bot_db), clock=clock)
    try:
        [shown] = served.services.campaigns.listing(team_id=served.team_id).listed
        assert not shown.stopped
    finally:
        served.stop()


def test_two_campaigns_for_one_guide_dm_a_member_in_both_once_a_day(
    sender: SignedSender, served: Served, slack: FakeSlack, clock: SettableClock
) -> None:
    # One campaign in CAMPAIGNS_FILE over #privacy, one a manager started in Slack over #general: Ada and
    # Chiara are in both channels, and both campaigns remind them on the same days.
    from_file = validate_campaign(
        {"id": "linkedin-file", "guide": "linkedin-ai-training", "channels": [PRIVACY], "deadline": DEADLINE},
        where="file",
    )
    served.services.campaigns.load(team_id="T0LOCAL", campaigns=[from_file])
    command(sender, START, user_id=ADMIN)
    dispatch(served, clock, SEVEN_DAYS_UTC)
    for user in (ADMIN, MEMBER):
        assert len(dms(slack, user)) == 1, user  # one DM about the guide that day, not one per campaign
    assert len(dms(slack, MEMBER_IST)) == 1  # only in #general: the Slack campaign's DM
    # Both channels still hear their campaign's post; a manager's nudge of either campaign adds no DM that day.
    assert len(slack.posts(GENERAL)) == 1 and len(slack.posts(PRIVACY)) == 1
    clock.set(SEVEN_DAYS_UTC + dt.timedelta(hours=1))
    try:
        assert "Nobody to nudge" in command(sender, "nudge linkedin-file", user_id=ADMIN)
    finally:
        clock.set(TODAY)
    assert len(dms(slack, ADMIN)) == 1


def said(sender: SignedSender, text: str) -> str:
    """The answer's mrkdwn as Slack receives it, mentions and all."""
    return " ".join(block["text"]["text"] for block in final_answer(sender, text, user_id=ADMIN)["blocks"])


# A date written day first was read as a word of the guide's name ("linkedin 29/03/2027"), so the manager was
# told the guide had no date ahead. Only one order makes 29/03/2027 a date: it is read as that date.
@pytest.mark.parametrize("typed", ["29/03/2027", "29.03.2027", "03/29/2027"])
def test_a_date_with_the_day_first_is_read_when_only_one_order_makes_a_date(sender: SignedSender, typed: str) -> None:
    started = said(sender, f"campaign start linkedin <#{GENERAL}|general> {typed}")
    assert "Campaign *linkedin-ai-training-2027-03-29* started" in started
    assert "deadline 2027-03-29" in started


def test_a_date_that_could_be_either_month_is_refused_naming_the_format(sender: SignedSender) -> None:
    refused = said(sender, f"campaign start linkedin <#{GENERAL}|general> 03/04/2027")
    assert "“03/04/2027” could be 2027-03-04 or 2027-04-03" in refused
    assert "YYYY-MM-DD" in refused
    assert "No campaigns yet" in said(sender, "campaign list")


@pytest.mark.parametrize("typed", ["tomorrow", "next friday", "15 Jan 2027"])
def test_words_where_the_deadline_goes_are_refused_as_a_date_not_read_as_the_guide(
    sender: SignedSender, typed: str
) -> None:
    # "linkedin #general tomorrow" was read as the guide "linkedin tomorrow", and the manager was told LinkedIn has
    # no date ahead, "so I need a deadline": as if they had written none.
    refused = said(sender, f"campaign start linkedin <#{GENERAL}|general> {typed}")
    assert f"“{typed}” is not a date I can read: use YYYY-MM-DD" in refused
    assert "no policy date ahead" not in refused
    # The guide may still come after the channel.
    assert "started" in said(sender, f"campaign start <#{GENERAL}|general> linkedin 2027-03-29")


def test_a_year_of_two_digits_is_refused_naming_the_format(sender: SignedSender) -> None:
    refused = said(sender, f"campaign start linkedin <#{GENERAL}|general> 29/03/27")
    assert "“29/03/27” is not a date I can read: use YYYY-MM-DD" in refused


# A channel ID typed by hand, "#" and all, is the channel, and answers name it as Slack shows a channel.
def test_a_channel_id_typed_with_a_hash_is_the_channel_and_shown_as_a_mention(sender: SignedSender) -> None:
    started = said(sender, f"campaign start linkedin #{GENERAL} 2027-03-29")
    assert f"for <#{GENERAL}>, deadline 2027-03-29" in started
    assert f" #{GENERAL}" not in started


@pytest.mark.parametrize("typed", [GENERAL, f"#{GENERAL}"])
def test_asking_for_a_deadline_names_the_channel_as_a_mention(sender: SignedSender, typed: str) -> None:
    asked = said(sender, f"campaign start linkedin {typed}")
    assert f"I need a deadline for <#{GENERAL}>:" in asked
    assert f"`/privacy campaign start linkedin-ai-training {typed} YYYY-MM-DD`" in asked


# Slack links only channels it knows: "#genral" (a typo, or a channel the manager cannot see) arrives as typed,
# and a person as <@U…>. The manager is asked for the audience, not told the guide is unknown, and a campaign
# over fewer channels than they named is not started.
@pytest.mark.parametrize(
    "audience",
    ["#genral", f"<#{GENERAL}|general> #genral", f"<@{MANAGER}|ben>", "@design"],
)
def test_an_audience_slack_did_not_link_is_asked_for_not_read_as_the_guide(sender: SignedSender, audience: str) -> None:
    answer = said(sender, f"campaign start linkedin {audience} {DEADLINE}")
    assert "Which channel or user group?" in answer
    assert "I don't know the guide" not in answer
    assert CAMPAIGN not in said(sender, "campaign list")


def test_an_audience_typed_as_plain_text_is_named_back(sender: SignedSender) -> None:
    # It answered "Which channel or user group? Mention it" to "#genral", as if no audience had been typed.
    answer = said(sender, f"campaign start linkedin <#{GENERAL}|general> #genral @design {DEADLINE}")
    assert "Slack did not link “#genral”, “@design”, so I can't tell which one it is" in answer
    person = said(sender, f"campaign start linkedin <@{MANAGER}|ben> {DEADLINE}")
    assert "Which channel or user group? Mention it" in person and MANAGER not in person


# Started on a reminder day after that day's post is more than 12 hours late (10:00 UTC, started 23:00): the post is
# never sent (too late already when the campaign began), so the start message does not promise it. At 21:00 it
# still goes, and is listed.
@pytest.mark.parametrize(
    ("hour", "promised", "announced"),
    [(23, "channel posts on Mon 14 Dec and Tue 15 Dec", 0), (21, "channel posts on Tue 8 Dec, Mon 14 Dec and", 1)],
    ids=["13-hours-late", "11-hours-late"],
)
def test_the_start_message_lists_todays_post_only_while_it_is_still_sent(
    sender: SignedSender, served: Served, clock: SettableClock, hour: int, promised: str, announced: int
) -> None:
    started_at = dt.datetime(2026, 12, 8, hour, 0, tzinfo=UTC)  # 7 days before the deadline
    clock.set(started_at)
    started = command(sender, START, user_id=ADMIN)
    assert promised in started
    assert dispatch(served, clock, started_at).get("announce", 0) == announced


def test_a_campaign_over_a_user_group_only_promises_dms_not_channel_posts(
    sender: SignedSender, served: Served, clock: SettableClock
) -> None:
    clock.set(dt.datetime(2026, 12, 1, 9, 0, tzinfo=UTC))  # 14 days before, before the 10:00 reminders
    started = command(sender, f"campaign start linkedin <!subteam^{DESIGN_GROUP}|design> {DEADLINE}", user_id=ADMIN)
    assert "channel posts" not in started, started
    days = "Tue 1 Dec, Tue 8 Dec, Mon 14 Dec and Tue 15 Dec"
    assert f"DMs to those still pending on {days} at 10:00 in their own time zone" in started
    assert dispatch(served, clock, dt.datetime(2026, 12, 1, 10, 0, tzinfo=UTC)).get("announce", 0) == 0


def test_a_campaign_started_after_its_last_post_says_none_is_left(
    sender: SignedSender, served: Served, clock: SettableClock
) -> None:
    clock.set(dt.datetime(2026, 12, 15, 23, 0, tzinfo=UTC))  # the deadline day, 13 hours after its 10:00 post
    started = command(sender, START, user_id=ADMIN)
    assert "no channel post is left before the deadline" in started and "posts  days" not in started, started


def test_a_guide_word_that_fits_several_running_campaigns_names_them(sender: SignedSender) -> None:
    command(sender, START, user_id=ADMIN)
    command(sender, f"campaign start linkedin <#{PRIVACY}|privacy> 2027-01-29", user_id=ADMIN)
    for asked in ("report linkedin", "campaign stop linkedin"):
        answer = command(sender, asked, user_id=ADMIN)
        assert "fits 2 running campaigns" in answer and CAMPAIGN in answer, answer
        assert "linkedin-ai-training-2027-01-29" in answer and "I don't know" not in answer
    assert "stopped" not in command(sender, "campaign list", user_id=ADMIN)  # neither was stopped


@pytest.mark.parametrize("typed", ["9999-12-30", "31/12/9999", "2072-12-02"])
def test_a_deadline_years_away_is_refused_as_a_slip_and_other_campaigns_keep_their_reminders(
    sender: SignedSender, served: Served, slack: FakeSlack, clock: SettableClock, typed: str
) -> None:
    # 9999-12-30 was taken, and from then on every scheduler tick failed: no campaign reminded anyone.
    answer = command(sender, f"campaign start linkedin <#{PRIVACY}> {typed}", user_id=ADMIN)
    assert "more than 10 years away" in answer and "started" not in answer
    assert "started" in command(sender, START, user_id=ADMIN)
    assert dispatch(served, clock, SEVEN_DAYS_UTC)["announce"] == 1
    assert "linkedin-ai-training-9999" not in command(sender, "campaign list", user_id=ADMIN)


# "report linkedin csv" answered "I don't know a campaign “linkedin csv”".
@pytest.mark.parametrize("text", ["report linkedin csv", "report linkedin as csv", "report linkedin export"])
def test_a_report_asked_as_csv_is_the_report_with_where_its_csv_is(sender: SignedSender, text: str) -> None:
    command(sender, START, user_id=ADMIN)
    shown = command(sender, text, user_id=ADMIN)
    assert shown.startswith("The CSV: press *Export CSV* under this report.") or shown.startswith(
        "The CSV: press Export CSV under this report."
    )
    assert "Export CSV" in shown.split("\n", 1)[1]  # the button, under the report
    assert "I don't know a campaign" not in shown
