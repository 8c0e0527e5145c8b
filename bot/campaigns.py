"""Campaigns and the occasions they make. Pure: a campaign, time zones and `now` in, times out.

A campaign is a reminder drive for one guide: channel announcements at `remind_at` in the bot's
zone on each `remind_days_before` day, and DM nudges at `remind_at` in each pending member's own
zone on the same days (a day at the weekend moves to Monday for both, unless `weekend_reminders`).
"Remind me later" makes one more occasion: the next `remind_at` after the snooze ends, in the member's
zone, never at night, and never after the deadline day of a running campaign for the guide. A late
occasion is still sent within CATCH_UP; a late DM only while its day lasts where the member is, before
QUIET_FROM there. Older ones are skipped, except the reminder a member asked for (`caught_up`).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Annotated, Any, Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, field_validator, model_validator

from bot.core import OccasionKind

# Past this an occasion is not sent at all: a reminder that arrives half a day late is noise.
CATCH_UP: Final = dt.timedelta(hours=12)
# A DM promised "at remind_at in your own time" that is late (the campaign started later that day, the bot
# was down) goes out only the same day in the member's zone and before this hour there: a campaign started
# at 16:00 UTC would otherwise reach Kolkata at 21:30 and, with a later remind_at, Tokyo after midnight.
QUIET_FROM: Final = dt.time(20, 0)
# A manager's "nudge now" reaches a member only from this hour until QUIET_FROM where they are: pressed in
# London's morning, it would otherwise wake New York at 04:00.
AWAKE_FROM: Final = dt.time(8, 0)
# A DM is on time, whatever the hour, this long after its time: an operator may choose an evening
# remind_at, and a large fan-out (rate limits, retries) needs a while to reach everyone.
ON_TIME: Final = dt.timedelta(hours=1)
# From the deadline's midnight UTC: its DMs end by the next day's 22:00 UTC (UTC-12), its final digest
# the next morning; three days is past both and their CATCH_UP.
OVER_AFTER: Final = dt.timedelta(days=3)
# The last zone to end a day (Etc/GMT+12): a date has ended everywhere once it has ended there.
LAST_ZONE: Final = dt.timezone(-dt.timedelta(hours=12))
DEFAULT_REMIND_DAYS: Final = (14, 7, 1, 0)
# Far enough either way for any real campaign, and far from the calendar's ends: the reminder days (365 before),
# the final digest's day and the "over" moment (days after) are dates too, and 9999-12-31 plus a day is none.
FIRST_DEADLINE: Final = dt.date(2000, 1, 1)
LAST_DEADLINE: Final = dt.date(2999, 12, 31)
DEFAULT_REMIND_AT: Final = "10:00"
SATURDAY: Final = 5
OLD_WEEKEND_KEY: Final = "weekend_dms"  # weekend_reminders' name in files written before posts waited too

CampaignId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")]
ChannelId = Annotated[str, StringConstraints(pattern=r"^[CG][A-Z0-9]{2,31}$")]
GroupId = Annotated[str, StringConstraints(pattern=r"^S[A-Z0-9]{2,31}$")]
_TIME_OF_DAY = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


class CampaignError(Exception):
    """A campaign cannot be used; the message names the file (if any), the campaign and the field."""


class Campaign(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: CampaignId
    guide: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    channels: tuple[ChannelId, ...] = ()
    groups: tuple[GroupId, ...] = ()
    deadline: Annotated[dt.date, Field(ge=FIRST_DEADLINE, le=LAST_DEADLINE)]
    remind_days_before: tuple[Annotated[int, Field(ge=0, le=365)], ...] = DEFAULT_REMIND_DAYS
    remind_at: str = DEFAULT_REMIND_AT
    nudge_pending: bool = True
    # Off by default: a channel post or DM due on Saturday or Sunday waits for Monday (unless Monday is too late).
    weekend_reminders: bool = False

    @model_validator(mode="before")
    @classmethod
    def _old_weekend_name(cls, data: Any) -> Any:
        """`weekend_dms` was the name while only DMs waited for Monday; files that use it keep working."""
        if not isinstance(data, Mapping) or OLD_WEEKEND_KEY not in data:
            return data
        if "weekend_reminders" in data:
            raise ValueError(f"{OLD_WEEKEND_KEY}: the old name of weekend_reminders; give only weekend_reminders")
        renamed = {key: value for key, value in data.items() if key != OLD_WEEKEND_KEY}
        return renamed | {"weekend_reminders": data[OLD_WEEKEND_KEY]}

    @field_validator("remind_at")
    @classmethod
    def _time_of_day(cls, value: str) -> str:
        if not _TIME_OF_DAY.match(value):
            raise ValueError("expected a time of day as HH:MM, such as 10:00")
        return value

    @field_validator("remind_days_before")
    @classmethod
    def _distinct_days(cls, value: tuple[int, ...]) -> tuple[int, ...]:
        if not value:
            # Reminder days are when the campaign posts and nudges: with none it would never send anything.
            raise ValueError("lists no day, so the campaign would send nothing; give at least one, such as [0]")
        if len(set(value)) != len(value):
            raise ValueError("lists a day twice")
        return tuple(sorted(value, reverse=True))

    @model_validator(mode="after")
    def _has_audience(self) -> Campaign:
        if not self.channels and not self.groups:
            raise ValueError("needs at least one channel (C…) or user group (S…)")
        return self

    @property
    def time_of_day(self) -> dt.time:
        hours, minutes = self.remind_at.split(":")
        return dt.time(int(hours), int(minutes))


@dataclass(frozen=True, slots=True)
class Occasion:
    """One message to send: its ledger key is (campaign_id, kind, key, target)."""

    campaign_id: str
    kind: OccasionKind
    key: str
    target: str
    due_at: dt.datetime  # UTC
    # The member's zone, for a DM due at a time of day there (nudges, snooze reminders): a late one goes out
    # only while that day lasts, before QUIET_FROM. None for what goes out in the bot's zone.
    zone: ZoneInfo | None = None


# -- the campaign file --------------------------------------------------------


def parse_campaigns(
    text: str, *, source: str, guide_ids: Iterable[str], nothing_to_switch: Iterable[str] = ()
) -> list[Campaign]:
    """Every campaign in a TOML text, or a CampaignError naming source, campaign and field. A guide in
    `nothing_to_switch` (there is no setting to turn off) is refused, as `campaign start` refuses it."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise CampaignError(f"{source}: not valid TOML ({error})") from None
    entries = data.get("campaign", [])
    unknown = sorted(set(data) - {"campaign"})
    if unknown:
        raise CampaignError(f"{source}: unknown table {unknown[0]!r}; campaigns are [[campaign]] entries")
    if not isinstance(entries, list):
        raise CampaignError(f"{source}: campaign: expected [[campaign]] entries")
    known = set(guide_ids)
    no_switch = set(nothing_to_switch)
    campaigns: list[Campaign] = []
    for position, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            raise CampaignError(f"{source}: campaign #{position}: expected a [[campaign]] table, found {entry!r:.40}")
        label = f"campaign {entry.get('id')!r}" if isinstance(entry.get("id"), str) else f"campaign #{position}"
        campaign = validate_campaign(entry, where=f"{source}: {label}")
        if campaign.guide not in known:
            close = close_guide(campaign.guide, {guide: guide for guide in known - no_switch})
            meant = f"; did you mean {close!r}?" if close else ""
            raise CampaignError(
                f"{source}: {label}: guide: no guide {campaign.guide!r}{meant} (see `privacy-bot guides list`)"
            )
        if campaign.guide in no_switch:
            # Nobody could ever be done with it: the campaign would DM its whole audience until the deadline.
            raise CampaignError(
                f"{source}: {label}: guide: {campaign.guide!r} has nothing to switch off, so nobody could ever be"
                " done with it and a campaign would remind everyone until its deadline"
            )
        if any(existing.id == campaign.id for existing in campaigns):
            raise CampaignError(f"{source}: {label}: id: used by an earlier campaign")
        campaigns.append(campaign)
    return campaigns


def close_guide(typed: str, names: Mapping[str, str]) -> str | None:
    """The guide meant by a typo (`names`: a guide's id, or a service's name, to that guide's id), when one name is
    close to `typed`, as the bot's other did-you-means find them."""
    close = difflib.get_close_matches(typed.casefold(), list(names), n=1, cutoff=0.6)
    return names[close[0]] if close else None


def load_campaigns(path: Path, *, guide_ids: Iterable[str], nothing_to_switch: Iterable[str] = ()) -> list[Campaign]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        # As .env's: the reason, and what to do about it ("UnicodeDecodeError" alone left Windows' UTF-16 a riddle).
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error.__class__.__name__
        hint = "save it as UTF-8 text" if isinstance(error, UnicodeDecodeError) else "check its permissions"
        raise CampaignError(f"{path}: cannot read it ({reason}); {hint}") from None
    return parse_campaigns(text, source=str(path), guide_ids=guide_ids, nothing_to_switch=nothing_to_switch)


def validate_campaign(entry: Mapping[str, Any], *, where: str) -> Campaign:
    try:
        return Campaign.model_validate(dict(entry))
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"])
        message = str(first["msg"]).removeprefix("Value error, ")
        top = str(first["loc"][0]) if first["loc"] else ""
        given = first.get("input")
        if first["type"] == "string_pattern_mismatch":
            message = _PATTERN_HINTS.get(top, message) + (f" (got {given!r:.40})" if isinstance(given, str) else "")
        elif first["type"] == "extra_forbidden":
            # pydantic's "Extra inputs are not permitted" leaves the operator to spot `channel` for `channels`.
            close = difflib.get_close_matches(field, [*Campaign.model_fields, OLD_WEEKEND_KEY], n=1, cutoff=0.6)
            message = "not a campaign field" + (f"; did you mean {close[0]}?" if close else "")
        elif first["type"] == "missing":
            message = "missing: every campaign needs one"  # not pydantic's "Field required"
        elif field == "deadline" and str(first["type"]).startswith("date"):
            # Not pydantic's "valid date or datetime, invalid character in year": the one form a file takes.
            message = f"expected a date as YYYY-MM-DD, without a time of day, such as {field} = 2027-01-03"
        elif first["type"] != "value_error" and top in _EXPECTED:
            # Not pydantic's "Input should be greater than or equal to 0": what the field takes, and what the file
            # says, so a negative day in a list of four is found at a glance.
            field = top
            message = f"expected {_EXPECTED[top]}"
            if isinstance(given, str | int | float | bool):
                message += f" (got {given!r:.40})"
        # A check of the whole campaign has no field of its own: its message names the fields it is about.
        raise CampaignError(f"{where}: {field}: {message}" if field else f"{where}: {message}") from None


_EXPECTED: Final = {
    "deadline": f"a date from {FIRST_DEADLINE} to {LAST_DEADLINE}, such as deadline = 2027-01-03",
    "remind_days_before": "a list of whole days before the deadline, each from 0 to 365, such as [14, 7, 1, 0]",
    "remind_at": 'a time of day in quotes as HH:MM, such as remind_at = "10:00"',
    "channels": 'a list of channel IDs, such as channels = ["C0123ABCD"]',
    "groups": 'a list of user-group IDs, such as groups = ["S0123ABCD"]',
    "id": 'a name in quotes, such as id = "linkedin-2026"',
    "guide": 'a guide\'s id in quotes, such as guide = "linkedin-ai-training"',
    "nudge_pending": "true or false",
    "weekend_reminders": "true or false",
}

_PATTERN_HINTS: Final = {
    "id": "expected lower-case letters, digits, - or _ (such as linkedin-2026)",
    "channels": "expected a channel ID such as C0123ABCD (channel details → About, at the bottom)",
    "groups": "expected a user-group ID such as S0123ABCD",
}


# -- planning -----------------------------------------------------------------


def zone(name: str | None, *, fallback: ZoneInfo) -> ZoneInfo:
    """A member's zone from Slack; unknown or missing zones use the bot's."""
    if not name:
        return fallback
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return fallback


def local_time(day: dt.date, at: dt.time, tz: ZoneInfo) -> dt.datetime:
    """`at` on `day` in `tz`, as UTC. zoneinfo resolves a time skipped or repeated by a clock change."""
    return dt.datetime.combine(day, at, tzinfo=tz).astimezone(dt.UTC)


def reminder_day(campaign: Campaign, days_before: int) -> dt.date:
    """The day a reminder (channel post or DM) goes out: weekends move to Monday, unless Monday is past the
    deadline. The channel hears it the day the DMs come, so a post never says "14 days left" the day before."""
    day = campaign.deadline - dt.timedelta(days=days_before)
    if campaign.weekend_reminders or day.weekday() < SATURDAY:
        return day
    monday = day + dt.timedelta(days=7 - day.weekday())
    return monday if monday <= campaign.deadline else day


def reminder_days(campaign: Campaign) -> dict[dt.date, int]:
    """Each day the campaign reminds on, in order, with the `remind_days_before` it stands for (its ledger key).
    One reminder a day: when a weekend moves one onto another's day (Sunday's onto a Monday deadline), the
    one nearer the deadline is kept, as its wording fits that day."""
    kept: dict[dt.date, int] = {}
    for days in sorted(campaign.remind_days_before):
        kept.setdefault(reminder_day(campaign, days), days)
    return dict(sorted(kept.items()))


def weekend_moved(campaign: Campaign) -> bool:
    """Some reminder day is not the one `remind_days_before` counts to: it fell on a weekend (`reminder_day`)."""
    return any(
        reminder_day(campaign, days) != campaign.deadline - dt.timedelta(days=days)
        for days in campaign.remind_days_before
    )


def announcements(campaign: Campaign, *, tz: ZoneInfo) -> list[Occasion]:
    """One post per channel on each reminder day, at `remind_at` in the bot's zone."""
    return [
        Occasion(
            campaign_id=campaign.id,
            kind=OccasionKind.ANNOUNCEMENT,
            key=f"d{days}",
            target=channel,
            due_at=local_time(day, campaign.time_of_day, tz),
        )
        for day, days in reminder_days(campaign).items()
        for channel in campaign.channels
    ]


def nudges(campaign: Campaign, *, user_id: str, tz: ZoneInfo) -> list[Occasion]:
    """The member's DM nudges, at `remind_at` in their own zone (only sent while they are pending)."""
    if not campaign.nudge_pending:
        return []
    return [
        Occasion(
            campaign_id=campaign.id,
            kind=OccasionKind.NUDGE,
            key=f"d{days}",
            target=user_id,
            due_at=local_time(day, campaign.time_of_day, tz),
            zone=tz,
        )
        for day, days in reminder_days(campaign).items()
    ]


def after_snooze(snooze_until: dt.datetime, *, at: dt.time, tz: ZoneInfo, weekends: bool = False) -> dt.datetime:
    """The first `at` in the member's zone once the snooze is over (never at night, never on a weekend
    unless allowed). To the minute, as `at` is and as every time is shown: a snooze ending at 10:00:30 is
    reminded at 10:00, the moment its member reads as its end, not a day later."""
    local = snooze_until.astimezone(tz).replace(second=0, microsecond=0)
    day = local.date()
    if local.timetz().replace(tzinfo=None) > at:
        day += dt.timedelta(days=1)
    while not weekends and day.weekday() >= SATURDAY:
        day += dt.timedelta(days=1)
    return local_time(day, at, tz)


def last_reminder(campaign: Campaign, *, tz: ZoneInfo) -> dt.datetime:
    """`remind_at` on the deadline day in the member's zone, weekend or not: the last moment a campaign
    reminds anyone (its deadline-day nudge)."""
    return local_time(campaign.deadline, campaign.time_of_day, tz)


def snooze_reminder(
    *,
    campaign_id: str,
    guide_id: str,
    user_id: str,
    snoozed_at: dt.datetime,
    snooze_until: dt.datetime,
    at: dt.time,
    tz: ZoneInfo,
    campaigns: Iterable[Campaign] = (),
) -> Occasion:
    """The DM "Remind me later" promised: the first `at` once the snooze is over, but never after the
    deadline day of a running campaign for the guide (`campaigns`): at the latest at that campaign's
    `remind_at` on its deadline day. A member who snoozed after that moment is past helping before the
    deadline and is reminded as without a campaign. Keyed by the snooze's end, so a new snooze is a new
    reminder."""
    due = after_snooze(snooze_until, at=at, tz=tz)
    for campaign in campaigns:
        last = last_reminder(campaign, tz=tz)
        if snoozed_at < last < due:
            due = last
    return Occasion(
        campaign_id=campaign_id,
        kind=OccasionKind.SNOOZE_END,
        key=f"{guide_id}@{snooze_until.astimezone(dt.UTC).strftime('%Y%m%dT%H%M%S')}",
        target=user_id,
        due_at=due,
        zone=tz,
    )


def deadline_day_of(due: dt.datetime, campaigns: Iterable[Campaign], *, tz: ZoneInfo) -> Campaign | None:
    """The campaign whose deadline day (in the member's zone) a reminder falls on, if any."""
    day = due.astimezone(tz).date()
    return next((campaign for campaign in campaigns if campaign.deadline == day), None)


@dataclass(frozen=True, slots=True)
class Triage:
    due: list[Occasion]  # send now
    stale: list[Occasion]  # too late (see `too_late`): skip and log
    later: list[Occasion]


def is_active(campaign: Campaign, *, now: dt.datetime) -> bool:
    """The campaign is still running: the day after its deadline (its final digest's day) has not ended
    in every zone. Not the bot's own calendar: with the bot on Kiritimati (UTC+14), a member on Baker
    Island (UTC-12) is still in the deadline day when the bot is two days past it, and is owed that DM."""
    return now < active_until(campaign)


def active_until(campaign: Campaign) -> dt.datetime:
    """When `is_active` ends: the day after the deadline has ended in every zone."""
    return dt.datetime.combine(campaign.deadline + dt.timedelta(days=2), dt.time(), tzinfo=LAST_ZONE)


def deadline_passed(campaign: Campaign, *, now: dt.datetime, tz: ZoneInfo) -> bool:
    """The deadline day has ended in the bot's zone (as reports count days left): the campaign is reported as
    ended everywhere from then on. It may still send a few hours, to members further west and its final digest
    (`is_active`), but a new round for the guide is the one ahead."""
    return now.astimezone(tz).date() > campaign.deadline


def shared_audience(campaign: Campaign, other: Campaign) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The channels and user groups of `campaign` that `other`, another campaign for the same guide, reminds too:
    members there hear from both (both campaigns' posts; DMs on the days of either, one a day at most)."""
    if other.id == campaign.id or other.guide != campaign.guide:
        return (), ()
    # Once each, as a file may list a channel twice.
    channels = tuple(dict.fromkeys(channel for channel in campaign.channels if channel in other.channels))
    groups = tuple(dict.fromkeys(group for group in campaign.groups if group in other.groups))
    return channels, groups


def is_over(campaign: Campaign, *, now: dt.datetime) -> bool:
    """Nothing of the campaign can be sent any more: its last DM (10:00 on the deadline day in the
    furthest zone west, the next day in UTC) and its final digest are more than CATCH_UP behind.
    An over campaign is planned no more, so what the ledger held of it may go."""
    return now > dt.datetime.combine(campaign.deadline, dt.time(), tzinfo=dt.UTC) + OVER_AFTER


def too_late(occasion: Occasion, *, now: dt.datetime) -> bool:
    """An occasion due by `now` can no longer be sent: more than CATCH_UP late or, for a DM in the member's
    zone that is no longer on time (ON_TIME), its day there has ended or reached QUIET_FROM."""
    late = now - occasion.due_at
    if late > CATCH_UP:
        return True
    if occasion.zone is None or late <= ON_TIME:
        return False
    there = now.astimezone(occasion.zone)
    return there.date() != occasion.due_at.astimezone(occasion.zone).date() or there.time() >= QUIET_FROM


def caught_up(occasion: Occasion, *, now: dt.datetime) -> Occasion:
    """A snooze's reminder `too_late` would drop, moved to when the late-DM rules let it go: a member asked for
    it, so it is never skipped as stale. While it is before QUIET_FROM where they are, AWAKE_FROM today there
    (now, from that hour on; a DM at most 12 hours late and before the evening goes); from QUIET_FROM, the
    next morning at AWAKE_FROM; and on a weekday, as snooze reminders are (Saturday's waits for Monday)."""
    tz = occasion.zone
    if tz is None or occasion.due_at > now or not too_late(occasion, now=now):
        return occasion
    there = now.astimezone(tz)
    day = there.date() + dt.timedelta(days=1 if there.time() >= QUIET_FROM else 0)
    while day.weekday() >= SATURDAY:
        day += dt.timedelta(days=1)
    return replace(occasion, due_at=local_time(day, AWAKE_FROM, tz))


def awake(now: dt.datetime, *, tz: ZoneInfo) -> bool:
    """It is daytime where the member is: from AWAKE_FROM until QUIET_FROM."""
    return AWAKE_FROM <= now.astimezone(tz).time() < QUIET_FROM


def reachable(campaign: Campaign, now: dt.datetime, *, tz: ZoneInfo) -> bool:
    """A DM about `campaign` may reach the member now: daytime where they are, and a weekday there unless the
    campaign reminds at weekends too (what its scheduled reminders keep to, a manager's nudge keeps to)."""
    return awake(now, tz=tz) and (campaign.weekend_reminders or now.astimezone(tz).weekday() < SATURDAY)


def next_reachable(campaign: Campaign, now: dt.datetime, *, tz: ZoneInfo) -> dt.datetime:
    """When a DM about `campaign` may next reach a member in `tz` (`reachable`): now, or the next AWAKE_FROM on a day
    the campaign reminds on."""
    if reachable(campaign, now, tz=tz):
        return now
    local = now.astimezone(tz)
    day = local.date() if local.time() < AWAKE_FROM else local.date() + dt.timedelta(days=1)
    while not campaign.weekend_reminders and day.weekday() >= SATURDAY:
        day += dt.timedelta(days=1)
    return dt.datetime.combine(day, AWAKE_FROM, tzinfo=tz)


def triage(occasions: Iterable[Occasion], *, now: dt.datetime) -> Triage:
    due: list[Occasion] = []
    stale: list[Occasion] = []
    later: list[Occasion] = []
    for occasion in occasions:
        if occasion.due_at > now:
            later.append(occasion)
        elif too_late(occasion, now=now):
            stale.append(occasion)
        else:
            due.append(occasion)
    return Triage(due=due, stale=stale, later=later)


def next_policy_date(dates: Sequence[dt.date], *, today: dt.date) -> dt.date | None:
    """A guide's next policy date, for `campaign start` without a date."""
    ahead = [day for day in dates if day >= today]
    return min(ahead) if ahead else None
