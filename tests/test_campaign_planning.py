"""Campaign files and planning: when each announcement and DM is due, in which zone, and what is too late."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.campaigns import (
    CATCH_UP,
    Campaign,
    CampaignError,
    Occasion,
    after_snooze,
    announcements,
    is_active,
    is_over,
    load_campaigns,
    local_time,
    next_policy_date,
    next_reachable,
    nudges,
    parse_campaigns,
    reminder_day,
    snooze_reminder,
    triage,
)
from bot.core import OccasionKind
from bot.service.digests import DIGEST_AT

GUIDES = ["linkedin-ai-training", "linkedin-data-download"]
BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
KOLKATA = ZoneInfo("Asia/Kolkata")
# The first zone to start a day and the last to end one.
KIRITIMATI = ZoneInfo("Pacific/Kiritimati")
BAKER_ISLAND = ZoneInfo("Etc/GMT+12")
UTC = dt.UTC

README_EXAMPLE = """
[[campaign]]
id = "linkedin-2026"
guide = "linkedin-ai-training"
channels = ["C0123ABCD"]
deadline = 2026-12-15
remind_days_before = [14, 7, 1, 0]
remind_at = "10:00"
nudge_pending = true
"""


def campaign(**changes: object) -> Campaign:
    values: dict[str, object] = {
        "id": "linkedin-2026",
        "guide": "linkedin-ai-training",
        "channels": ("C0123ABCD",),
        "deadline": dt.date(2026, 12, 15),  # a Tuesday
    }
    values.update(changes)
    return Campaign.model_validate(values)


def test_the_readme_example_parses_with_its_defaults() -> None:
    [parsed] = parse_campaigns(README_EXAMPLE, source="campaigns.toml", guide_ids=GUIDES)
    assert parsed.id == "linkedin-2026"
    assert parsed.remind_days_before == (14, 7, 1, 0)
    assert parsed.time_of_day == dt.time(10, 0)
    assert parsed.nudge_pending and not parsed.weekend_reminders


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("this is = not toml [", "campaigns.toml: not valid TOML"),
        (
            README_EXAMPLE.replace("linkedin-ai-training", "linkedn"),
            "campaign 'linkedin-2026': guide: no guide 'linkedn'",
        ),
        (README_EXAMPLE.replace("2026-12-15", '"next week"'), "campaign 'linkedin-2026': deadline: expected a date"),
        (README_EXAMPLE.replace("2026-12-15", '"15/12/2026"'), "deadline: expected a date as YYYY-MM-DD, without a"),
        (README_EXAMPLE.replace("2026-12-15", "2026-12-15T10:00:00"), "deadline: expected a date as YYYY-MM-DD, with"),
        (README_EXAMPLE.replace('"10:00"', '"25:00"'), "campaign 'linkedin-2026': remind_at: expected a time of day"),
        (
            README_EXAMPLE.replace('"C0123ABCD"', '"#general"'),
            "campaign 'linkedin-2026': channels.0: expected a channel ID",
        ),
        (
            README_EXAMPLE.replace('channels = ["C0123ABCD"]', 'groups = ["U0123"]'),
            "groups.0: expected a user-group ID",
        ),
        (README_EXAMPLE + README_EXAMPLE, "campaign 'linkedin-2026': id: used by an earlier campaign"),
        (
            README_EXAMPLE.replace("linkedin-ai-training", "reddit-ai-licensing"),
            "campaign 'linkedin-2026': guide: 'reddit-ai-licensing' has nothing to switch off",
        ),
        (README_EXAMPLE.replace("[14, 7, 1, 0]", "[7, 7]"), "remind_days_before: Value error, lists a day twice"),
        (README_EXAMPLE.replace("[14, 7, 1, 0]", "[]"), "remind_days_before: Value error, lists no day"),
        (README_EXAMPLE.replace('channels = ["C0123ABCD"]\n', ""), "needs at least one channel"),
        (
            README_EXAMPLE.replace("deadline = 2026-12-15\n", ""),
            "'linkedin-2026': deadline: missing: every campaign needs one",
        ),
        (README_EXAMPLE.replace('guide = "linkedin-ai-training"\n', ""), "'linkedin-2026': guide: missing"),
        (README_EXAMPLE.replace("nudge_pending", "nudge_pendng"), "nudge_pendng: not a campaign field; did you mean"),
        (
            README_EXAMPLE.replace("channels =", "channel ="),
            "'linkedin-2026': channel: not a campaign field; did you mean channels?",
        ),
        (README_EXAMPLE + 'colour = "blue"\n', "'linkedin-2026': colour: not a campaign field"),
        ("[campaigns]\nid = 1", "unknown table 'campaigns'"),
        # A list of values where tables belong: one line naming the entry, not a traceback at start.
        ('campaign = ["linkedin-2026"]', "campaign #1: expected a [[campaign]] table"),
        ("campaign = [1, 2]", "campaign #1: expected a [[campaign]] table, found 1"),
    ],
)
def test_a_bad_file_names_the_file_campaign_and_field(text: str, expected: str) -> None:
    with pytest.raises(CampaignError) as caught:
        parse_campaigns(
            text,
            source="campaigns.toml",
            guide_ids=[*GUIDES, "reddit-ai-licensing"],
            nothing_to_switch=["reddit-ai-licensing"],
        )
    message = str(caught.value)
    assert message.startswith("campaigns.toml: ")
    assert expected.replace("Value error, ", "") in message
    assert "\n" not in message


@pytest.mark.parametrize(
    ("line", "says"),
    [
        (
            "remind_days_before = [14, -1]",
            "remind_days_before: expected a list of whole days before the deadline, each from 0 to 365, such as"
            " [14, 7, 1, 0] (got -1)",
        ),
        ("remind_days_before = [400]", "remind_days_before: expected a list of whole days before the deadline"),
        ('remind_days_before = ["a week"]', "(got 'a week')"),
        ("remind_days_before = 7", "remind_days_before: expected a list of whole days before the deadline"),
        (
            "remind_at = 10",
            'remind_at: expected a time of day in quotes as HH:MM, such as remind_at = "10:00" (got 10)',
        ),
        ('nudge_pending = "perhaps"', "nudge_pending: expected true or false (got 'perhaps')"),
        ('channels = "C0123ABCD"', 'channels: expected a list of channel IDs, such as channels = ["C0123ABCD"]'),
        ('channels = ["#general"]', "channels.0: expected a channel ID such as C0123ABCD"),
    ],
)
def test_a_wrong_value_in_the_file_is_told_in_our_words_with_what_was_given(line: str, says: str) -> None:
    # A negative reminder day got pydantic's "remind_days_before.0: Input should be greater than or equal to 0".
    field = line.split(" = ")[0]
    text = "\n".join(line if row.startswith(f"{field} =") else row for row in README_EXAMPLE.splitlines())
    with pytest.raises(CampaignError) as caught:
        parse_campaigns(text, source="campaigns.toml", guide_ids=GUIDES)
    message = str(caught.value)
    assert message.startswith("campaigns.toml: campaign 'linkedin-2026': ")
    assert says in message
    assert "Input should" not in message


def test_a_file_saved_as_utf16_is_told_to_be_saved_as_utf8(tmp_path: Path) -> None:
    # It said "cannot read it (UnicodeDecodeError)", as if the bot had failed, not the file's encoding.
    path = tmp_path / "campaigns.toml"
    path.write_text(README_EXAMPLE, encoding="utf-16")
    with pytest.raises(CampaignError) as caught:
        load_campaigns(path, guide_ids=GUIDES)
    assert str(caught.value) == f"{path}: cannot read it (UnicodeDecodeError); save it as UTF-8 text"


def test_an_unreadable_file_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "campaigns.toml"
    path.write_bytes(b"\xff\xfe not utf-8")
    with pytest.raises(CampaignError, match=r"campaigns.toml: cannot read it"):
        load_campaigns(path, guide_ids=GUIDES)


def test_announcements_go_out_at_remind_at_in_the_bots_zone_on_each_day() -> None:
    planned = announcements(campaign(channels=("C0AAA", "C0BBB")), tz=BERLIN)
    assert len(planned) == 8
    first = [o for o in planned if o.target == "C0AAA"]
    assert [o.key for o in first] == ["d14", "d7", "d1", "d0"]
    # 10:00 in Berlin (UTC+1 in December) is 09:00 UTC.
    assert [o.due_at for o in first] == [dt.datetime(2026, 12, day, 9, 0, tzinfo=UTC) for day in (1, 8, 14, 15)]
    assert all(o.kind is OccasionKind.ANNOUNCEMENT for o in planned)


def test_nudges_go_out_at_remind_at_in_the_members_own_zone() -> None:
    berlin = nudges(campaign(remind_days_before=(0,)), user_id="U1", tz=BERLIN)
    kolkata = nudges(campaign(remind_days_before=(0,)), user_id="U2", tz=KOLKATA)
    assert berlin[0].due_at == dt.datetime(2026, 12, 15, 9, 0, tzinfo=UTC)
    # A half-hour offset: 10:00 IST is 04:30 UTC.
    assert kolkata[0].due_at == dt.datetime(2026, 12, 15, 4, 30, tzinfo=UTC)
    assert nudges(campaign(nudge_pending=False), user_id="U1", tz=BERLIN) == []


def test_a_dm_due_on_a_weekend_moves_to_monday_unless_that_passes_the_deadline() -> None:
    drive = campaign()  # deadline Tuesday 2026-12-15
    assert reminder_day(drive, 3) == dt.date(2026, 12, 14)  # Saturday the 12th -> Monday the 14th
    assert reminder_day(drive, 2) == dt.date(2026, 12, 14)  # Sunday the 13th -> Monday
    friday_deadline = campaign(deadline=dt.date(2026, 12, 18))
    assert reminder_day(friday_deadline, 5) == dt.date(2026, 12, 14)  # Sunday the 13th -> Monday
    sunday_deadline = campaign(deadline=dt.date(2026, 12, 20))
    # Monday the 21st is past a Sunday deadline: the reminder stays on the weekend.
    assert reminder_day(sunday_deadline, 0) == dt.date(2026, 12, 20)
    assert reminder_day(campaign(weekend_reminders=True), 3) == dt.date(2026, 12, 12)


def _days(occasions: list[Occasion], tz: ZoneInfo) -> list[tuple[str, dt.date]]:
    return [(occasion.key, occasion.due_at.astimezone(tz).date()) for occasion in occasions]


def test_channel_posts_go_out_on_the_dms_working_days_not_at_the_weekend() -> None:
    # Started on Saturday 5 December for Sunday the 20th: #general heard "14 days left" on Sunday the 6th and
    # the DM came on Monday. Both now come on Monday; Saturday the 19th stays, as Monday is past the deadline,
    # and so does the deadline day itself.
    drive = campaign(deadline=dt.date(2026, 12, 20))
    posts = announcements(drive, tz=BERLIN)
    assert _days(posts, BERLIN) == [
        ("d14", dt.date(2026, 12, 7)),
        ("d7", dt.date(2026, 12, 14)),
        ("d1", dt.date(2026, 12, 19)),
        ("d0", dt.date(2026, 12, 20)),
    ]
    assert all(post.due_at.astimezone(BERLIN).time() == dt.time(10, 0) for post in posts)
    assert _days(posts, BERLIN) == _days(nudges(drive, user_id="U1", tz=BERLIN), BERLIN)


def test_two_reminder_days_a_weekend_moves_onto_one_day_make_one_post_per_channel() -> None:
    # A Monday deadline: Sunday's post (1 day before) moves onto the deadline day's, whose wording fits.
    drive = campaign(deadline=dt.date(2026, 12, 14), channels=("C0AAA", "C0BBB"))
    posts = announcements(drive, tz=BERLIN)
    for channel in ("C0AAA", "C0BBB"):
        assert _days([post for post in posts if post.target == channel], BERLIN) == [
            ("d14", dt.date(2026, 11, 30)),
            ("d7", dt.date(2026, 12, 7)),
            ("d0", dt.date(2026, 12, 14)),
        ]


def test_weekend_reminders_keep_the_exact_days_for_posts_and_dms_alike() -> None:
    drive = campaign(deadline=dt.date(2026, 12, 20), weekend_reminders=True)
    exact = [(f"d{days}", dt.date(2026, 12, 20) - dt.timedelta(days=days)) for days in (14, 7, 1, 0)]
    assert _days(announcements(drive, tz=BERLIN), BERLIN) == exact
    assert _days(nudges(drive, user_id="U1", tz=BERLIN), BERLIN) == exact


@pytest.mark.parametrize(
    ("line", "weekends"), [("", False), ("weekend_dms = true", True), ("weekend_dms = false", False)]
)
def test_a_file_with_the_old_name_weekend_dms_still_means_what_it_did_for_dms(line: str, weekends: bool) -> None:
    [parsed] = parse_campaigns(f"{README_EXAMPLE}{line}\n", source="campaigns.toml", guide_ids=GUIDES)
    assert parsed.weekend_reminders is weekends
    [named] = parse_campaigns(
        f"{README_EXAMPLE}weekend_reminders = {str(weekends).lower()}\n", source="campaigns.toml", guide_ids=GUIDES
    )
    assert named == parsed


def test_both_names_for_weekends_in_one_campaign_is_refused() -> None:
    text = f"{README_EXAMPLE}weekend_dms = true\nweekend_reminders = false\n"
    with pytest.raises(CampaignError, match=r"campaign 'linkedin-2026': weekend_dms: .*weekend_reminders"):
        parse_campaigns(text, source="campaigns.toml", guide_ids=GUIDES)


def test_two_reminder_days_a_weekend_moves_onto_one_day_send_one_dm() -> None:
    # A Monday deadline: the Sunday reminder (1 day before) moves onto the deadline day's.
    monday_deadline = campaign(deadline=dt.date(2026, 12, 14))
    sent = nudges(monday_deadline, user_id="U1", tz=BERLIN)
    days = [occasion.due_at.date() for occasion in sent]
    assert len(days) == len(set(days)), days
    assert [occasion.key for occasion in sent] == ["d14", "d7", "d0"]  # the deadline day's wording stays
    # Saturday and Sunday (3 and 2 days before a Tuesday deadline) both move to Monday: one DM there.
    tuesday = nudges(campaign(remind_days_before=(3, 2, 0)), user_id="U1", tz=BERLIN)
    assert [(occasion.key, occasion.due_at.date()) for occasion in tuesday] == [
        ("d2", dt.date(2026, 12, 14)),
        ("d0", dt.date(2026, 12, 15)),
    ]


@pytest.mark.parametrize(
    ("tz", "before", "after"),
    [
        # Europe leaves summer time on 2026-10-25, the US on 2026-11-01.
        (BERLIN, dt.datetime(2026, 10, 23, 8, 0, tzinfo=UTC), dt.datetime(2026, 10, 26, 9, 0, tzinfo=UTC)),
        (NEW_YORK, dt.datetime(2026, 10, 30, 14, 0, tzinfo=UTC), dt.datetime(2026, 11, 2, 15, 0, tzinfo=UTC)),
    ],
)
def test_local_times_stay_local_across_a_clock_change(tz: ZoneInfo, before: dt.datetime, after: dt.datetime) -> None:
    drive = campaign(deadline=after.astimezone(tz).date(), remind_days_before=(3, 0))
    planned = {o.key: o.due_at for o in nudges(drive, user_id="U1", tz=tz)}
    assert planned == {"d3": before, "d0": after}
    assert all(moment.astimezone(tz).time() == dt.time(10, 0) for moment in planned.values())


def test_spring_forward_keeps_a_time_that_exists() -> None:
    # 02:30 does not exist in Berlin on 2027-03-28; the reminder still happens, one hour later in UTC terms.
    drive = campaign(deadline=dt.date(2027, 3, 28), remind_days_before=(0,), remind_at="02:30", weekend_reminders=True)
    [occasion] = nudges(drive, user_id="U1", tz=BERLIN)
    assert occasion.due_at == dt.datetime(2027, 3, 28, 1, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("snooze_until_local", "expected_local"),
    [
        (dt.datetime(2026, 12, 2, 8, 0), dt.datetime(2026, 12, 2, 10, 0)),  # Wednesday morning: same day 10:00
        (dt.datetime(2026, 12, 2, 10, 0, 30), dt.datetime(2026, 12, 2, 10, 0)),  # within 10:00's minute: then
        (dt.datetime(2026, 12, 2, 10, 1), dt.datetime(2026, 12, 3, 10, 0)),  # 10:01: the next day's 10:00
        (dt.datetime(2026, 12, 2, 23, 30), dt.datetime(2026, 12, 3, 10, 0)),  # late at night: next morning
        (dt.datetime(2026, 12, 4, 15, 0), dt.datetime(2026, 12, 7, 10, 0)),  # Friday afternoon: Monday
        (dt.datetime(2026, 12, 5, 9, 0), dt.datetime(2026, 12, 7, 10, 0)),  # Saturday: Monday
    ],
)
def test_the_snooze_reminder_comes_at_the_next_morning_never_at_night(
    snooze_until_local: dt.datetime, expected_local: dt.datetime
) -> None:
    until = snooze_until_local.replace(tzinfo=NEW_YORK)
    due = after_snooze(until, at=dt.time(10, 0), tz=NEW_YORK)
    assert due == expected_local.replace(tzinfo=NEW_YORK).astimezone(UTC)


def test_a_new_snooze_is_a_new_reminder() -> None:
    first = snooze_reminder(
        campaign_id="",
        guide_id="g",
        user_id="U1",
        snoozed_at=dt.datetime(2026, 11, 29, 8, tzinfo=UTC),
        snooze_until=dt.datetime(2026, 12, 2, 8, tzinfo=UTC),
        at=dt.time(10),
        tz=BERLIN,
    )
    again = snooze_reminder(
        campaign_id="",
        guide_id="g",
        user_id="U1",
        snoozed_at=dt.datetime(2026, 12, 2, 8, tzinfo=UTC),
        snooze_until=dt.datetime(2026, 12, 5, 8, tzinfo=UTC),
        at=dt.time(10),
        tz=BERLIN,
    )
    assert first.kind is OccasionKind.SNOOZE_END
    assert first.key != again.key


@pytest.mark.parametrize(
    ("snoozed_local", "deadline", "expected_local"),
    [
        # Wednesday 10:05, deadline Thursday: not Monday (three days on, after the weekend) but Thursday 10:00.
        (dt.datetime(2026, 12, 16, 10, 5), dt.date(2026, 12, 17), dt.datetime(2026, 12, 17, 10, 0)),
        # Thursday 10:05, deadline Saturday: Saturday 10:00, as the campaign's own last DM (Monday is too late).
        (dt.datetime(2026, 12, 17, 10, 5), dt.date(2026, 12, 19), dt.datetime(2026, 12, 19, 10, 0)),
        # Deadline day 09:00, before its DM: that DM's time, an hour on.
        (dt.datetime(2026, 12, 17, 9, 0), dt.date(2026, 12, 17), dt.datetime(2026, 12, 17, 10, 0)),
        # Deadline day 10:05, after its DM: nothing before the deadline is left; three days on, as without one.
        (dt.datetime(2026, 12, 17, 10, 5), dt.date(2026, 12, 17), dt.datetime(2026, 12, 21, 10, 0)),
        # A deadline further off than the three days changes nothing.
        (dt.datetime(2026, 12, 7, 9, 0), dt.date(2026, 12, 17), dt.datetime(2026, 12, 10, 10, 0)),
    ],
)
def test_a_snooze_reminder_never_comes_after_a_running_campaigns_deadline_day(
    snoozed_local: dt.datetime, deadline: dt.date, expected_local: dt.datetime
) -> None:
    snoozed_at = snoozed_local.replace(tzinfo=BERLIN).astimezone(UTC)
    reminder = snooze_reminder(
        campaign_id="",
        guide_id="linkedin-ai-training",
        user_id="U1",
        snoozed_at=snoozed_at,
        snooze_until=snoozed_at + dt.timedelta(days=3),
        at=dt.time(10),
        tz=BERLIN,
        campaigns=[campaign(deadline=deadline)],
    )
    assert reminder.due_at == expected_local.replace(tzinfo=BERLIN).astimezone(UTC)


def test_triage_sends_what_is_due_and_skips_what_is_more_than_12_hours_late() -> None:
    planned = announcements(campaign(remind_days_before=(1, 0)), tz=BERLIN)
    day_before, deadline_day = sorted(planned, key=lambda o: o.due_at)
    just_due = triage(planned, now=day_before.due_at)
    assert just_due.due == [day_before] and just_due.later == [deadline_day] and just_due.stale == []
    almost_stale = triage(planned, now=day_before.due_at + CATCH_UP)
    assert almost_stale.due == [day_before]
    stale = triage(planned, now=day_before.due_at + CATCH_UP + dt.timedelta(seconds=1))
    assert stale.stale == [day_before] and stale.due == []
    # A DM due at midnight is not at its evening yet 12 hours later, and too late all the same.
    [midnight] = nudges(campaign(remind_days_before=(1,), remind_at="00:00"), user_id="U1", tz=BERLIN)
    assert triage([midnight], now=midnight.due_at + CATCH_UP).due == [midnight]
    assert triage([midnight], now=midnight.due_at + CATCH_UP + dt.timedelta(seconds=1)).stale == [midnight]


def test_a_late_dm_goes_out_the_same_day_until_the_evening_where_the_member_is() -> None:
    """A DM that could not go at its 10:00 (the campaign started later that day, the bot was down) still
    goes that day before 20:00 in the member's zone: later it would reach them in the evening or at night.
    A channel post is read by many, in the bot's zone: it keeps the 12-hour rule."""
    drive = campaign(remind_days_before=(7,))
    [dm] = nudges(drive, user_id="U1", tz=KOLKATA)  # 10:00 IST on the 8th: 04:30 UTC
    [post] = announcements(drive, tz=ZoneInfo("UTC"))  # 10:00 UTC
    evening = dt.datetime(2026, 12, 8, 20, 0, tzinfo=KOLKATA)
    assert triage([dm], now=evening - dt.timedelta(seconds=1)).due == [dm]
    assert triage([dm], now=evening).stale == [dm]
    afternoon_utc = dt.datetime(2026, 12, 8, 16, 0, tzinfo=UTC)  # 21:30 in Kolkata, 11:30 after the DM's time
    sorted_out = triage([dm, post], now=afternoon_utc)
    assert sorted_out.due == [post] and sorted_out.stale == [dm]
    # In Berlin it is 11:00 when the campaign starts at 10:00 UTC: the 10:00 DM goes at once.
    [berlin] = nudges(drive, user_id="U2", tz=BERLIN)
    assert triage([berlin], now=dt.datetime(2026, 12, 8, 10, 0, tzinfo=UTC)).due == [berlin]


def test_a_late_snooze_reminder_waits_for_no_evening_either() -> None:
    reminder = snooze_reminder(
        campaign_id="",
        guide_id="g",
        user_id="U1",
        snoozed_at=dt.datetime(2026, 11, 29, 2, tzinfo=UTC),
        snooze_until=dt.datetime(2026, 12, 2, 2, tzinfo=UTC),  # 07:30 in Kolkata
        at=dt.time(10),
        tz=KOLKATA,
    )
    assert reminder.due_at == dt.datetime(2026, 12, 2, 4, 30, tzinfo=UTC)
    assert triage([reminder], now=dt.datetime(2026, 12, 2, 14, 29, tzinfo=UTC)).due == [reminder]  # 19:59 IST
    assert triage([reminder], now=dt.datetime(2026, 12, 2, 14, 30, tzinfo=UTC)).stale == [reminder]  # 20:00 IST


@pytest.mark.parametrize("remind_at", ["19:30", "21:00", "23:30"])
def test_a_dm_due_in_the_evening_still_goes_at_its_time_but_not_late(remind_at: str) -> None:
    """An operator who chose an evening `remind_at` gets DMs then: a fan-out has an hour to go out;
    past that the DM is late, and a late DM in the evening or the next day is skipped."""
    [dm] = nudges(campaign(remind_days_before=(7,), remind_at=remind_at), user_id="U1", tz=BERLIN)
    assert triage([dm], now=dt.datetime(2026, 12, 8, 10, 0, tzinfo=UTC)).later == [dm]
    assert triage([dm], now=dm.due_at).due == [dm]
    assert triage([dm], now=dm.due_at + dt.timedelta(minutes=59)).due == [dm]
    assert triage([dm], now=dm.due_at + dt.timedelta(minutes=61)).stale == [dm]


def test_without_a_date_the_deadline_is_the_next_policy_date() -> None:
    dates = [dt.date(2024, 11, 20), dt.date(2025, 11, 3), dt.date(2027, 1, 1)]
    assert next_policy_date(dates, today=dt.date(2026, 11, 29)) == dt.date(2027, 1, 1)
    assert next_policy_date(dates[:2], today=dt.date(2026, 11, 29)) is None


def test_a_campaign_runs_until_the_day_after_its_deadline_has_ended_on_baker_island() -> None:
    drive = campaign()  # deadline Tuesday 2026-12-15
    end = dt.datetime(2026, 12, 17, 12, 0, tzinfo=UTC)  # midnight after the 16th at UTC-12
    assert is_active(drive, now=dt.datetime(2026, 11, 1, tzinfo=UTC))
    assert is_active(drive, now=end - dt.timedelta(microseconds=1))
    assert not is_active(drive, now=end)
    # Two days later in the bot's zone on Kiritimati, and still running.
    assert end.astimezone(KIRITIMATI).date() == dt.date(2026, 12, 18)
    assert not is_over(drive, now=end)


@pytest.mark.parametrize("bot_tz", [KIRITIMATI, ZoneInfo("UTC"), BAKER_ISLAND])
@pytest.mark.parametrize("member_tz", [KIRITIMATI, KOLKATA, ZoneInfo("Pacific/Pago_Pago"), BAKER_ISLAND])
@pytest.mark.parametrize("remind_at", ["00:00", "10:00", "23:59"])
def test_everything_a_campaign_sends_is_due_and_caught_up_while_it_runs(
    bot_tz: ZoneInfo, member_tz: ZoneInfo, remind_at: str
) -> None:
    """Whatever the bot's and the member's zones: sent on time or within CATCH_UP while the campaign is
    active, or else recorded as skipped by a tick while it still is."""
    drive = campaign(remind_at=remind_at)
    final_digest = local_time(drive.deadline + dt.timedelta(days=1), DIGEST_AT, bot_tz)
    occasions = [*announcements(drive, tz=bot_tz), *nudges(drive, user_id="U1", tz=member_tz)]
    for due_at in [final_digest, *(occasion.due_at for occasion in occasions)]:
        assert is_active(drive, now=due_at + CATCH_UP + dt.timedelta(seconds=1)), due_at


# When a manager's nudge left for later reaches its first member: the answer says when to press again.
@pytest.mark.parametrize(
    ("now", "weekend_reminders", "expected"),
    [
        (dt.datetime(2026, 12, 1, 6, 0), False, dt.datetime(2026, 12, 1, 8, 0)),  # a Tuesday before 08:00
        (dt.datetime(2026, 12, 1, 21, 0), False, dt.datetime(2026, 12, 2, 8, 0)),  # after 20:00: the next morning
        (dt.datetime(2026, 12, 4, 21, 0), False, dt.datetime(2026, 12, 7, 8, 0)),  # a Friday night: Monday
        (dt.datetime(2026, 12, 5, 10, 0), False, dt.datetime(2026, 12, 7, 8, 0)),  # a Saturday morning: Monday
        (dt.datetime(2026, 12, 5, 10, 0), True, dt.datetime(2026, 12, 5, 10, 0)),  # at weekends too: now
        (dt.datetime(2026, 12, 4, 21, 0), True, dt.datetime(2026, 12, 5, 8, 0)),
    ],
)
def test_the_next_moment_a_nudge_reaches_a_member_is_their_next_weekday_morning(
    now: dt.datetime, weekend_reminders: bool, expected: dt.datetime
) -> None:
    london = ZoneInfo("Europe/London")
    found = next_reachable(campaign(weekend_reminders=weekend_reminders), now.replace(tzinfo=london), tz=london)
    assert found == expected.replace(tzinfo=london)
