"""Campaign use cases: load the campaigns file, start, list and stop campaigns from Slack."""

from __future__ import annotations

import calendar
import datetime as dt
import logging
import re
from dataclasses import dataclass
from typing import Final
from zoneinfo import ZoneInfo

from bot import strings
from bot.campaigns import (
    CATCH_UP,
    FIRST_DEADLINE,
    LAST_DEADLINE,
    Campaign,
    CampaignError,
    close_guide,
    deadline_passed,
    is_active,
    local_time,
    next_policy_date,
    reminder_days,
    shared_audience,
    validate_campaign,
    weekend_moved,
)
from bot.core import OccasionKind
from bot.guides.catalog import Catalog, Guide
from bot.service.answering import Answering
from bot.service.clock import Clock
from bot.service.errors import UnknownGuide, UserFacingError
from bot.service.members import Members
from bot.service.ports import ChannelInfo, SlackError
from bot.store.campaign_rows import CampaignStore, StoredCampaign, UnusableCampaign
from bot.store.ledger import DeliveryLedger, LedgerKey
from bot.store.repo import CAMPAIGN_STARTED, CAMPAIGN_STOPPED, Store

log = logging.getLogger(__name__)

# A channel ID typed by hand may carry the "#" a channel name has ("#C0123ABCD").
_CHANNEL = re.compile(r"^<#([CG][A-Z0-9]+)(?:\|[^>]*)?>$|^#?([CG][A-Z0-9]{6,})$")
_GROUP = re.compile(r"^<!subteam\^(S[A-Z0-9]+)(?:\|[^>]*)?>$|^(S[A-Z0-9]{6,})$")
# What may stand around a channel, group or date without being part of it: quotes, a list's commas, a full stop.
_AROUND = "\"'“”‘’«»`,;.()"
# Meant as the audience but not one Slack could name: a channel name Slack did not link ("#genral", a channel
# the manager cannot see), a person ("<@U0BEN>"), "@here". Never words of the guide's name.
_UNPLACED = re.compile(r"^(?:#|@|<[#@!])")
# Any date: YYYY-MM-DD, and the day/month orders people write ("29/03/2027", "3.4.2027"), so that none is read
# as a word of the guide's name.
_DATE = re.compile(r"^(\d{1,4})[-/.](\d{1,2})[-/.](\d{1,4})$")
# The ledger's occasion for what a look at a file campaign's channel found, beside its reminder days (`d14`…).
CHANNEL_CHECK: Final = "channel-check"
ARCHIVED: Final = "is_archived"  # Slack's error for a post to an archived channel
NOT_IN_CHANNEL: Final = "not_in_channel"  # and for a post to a channel the bot is not a member of
# How far ahead of today an example deadline is: a fixed date would become a refusal once it had passed, and
# four weeks leaves a campaign its reminders 14, 7, 1 and 0 days before.
EXAMPLE_DEADLINE_AHEAD: Final = dt.timedelta(weeks=4)
FARTHEST_DEADLINE: Final = dt.timedelta(days=10 * 366)  # "more than 10 years away", leap days or not


@dataclass(frozen=True)
class CampaignStarted:
    campaign: Campaign
    guide: Guide
    members: int
    timezone: str
    # The days the channel posts go out (a weekend waits for Monday), as the scheduler plans them, not yet past in
    # the bot's zone (today's is still sent).
    post_days: tuple[dt.date, ...]
    # The human members of its channels and groups, before the guide's `applies_to` (owners, regions) took
    # those it is a to-do for: more than `members` says why a channel of 4 gives an audience of 2.
    everyone: int = 0
    # The first of `days_ahead` is today's post, past its hour but still sent: it goes out now, not at remind_at.
    first_now: bool = False
    # When the first channel post still to be sent is due, if any.
    first_post: dt.datetime | None = None
    # Channels the bot is not a member of, while a post there is still ahead: Slack would refuse each one until a
    # member invites the bot (its scopes let it read a public channel, not join one).
    not_member: tuple[str, ...] = ()
    bot_user_id: str | None = None  # whom to invite, as a mention; None when Slack has not said who the bot is
    overlaps: tuple[Overlap, ...] = ()
    # The days the pending members' DMs go out, at remind_at in each one's zone: from today in the bot's zone.
    dm_days: tuple[dt.date, ...] = ()
    # A reminder day fell on a weekend and waits for Monday (or joins the deadline day's): why a date is not the
    # one remind_days_before counts to.
    weekend_moved: bool = False


@dataclass(frozen=True)
class Overlap:
    """Another running campaign for the same guide over some of the same channels or groups: their members would
    hear from both (both campaigns' channel posts; DMs on either's days, one a day at most)."""

    campaign: Campaign
    channels: tuple[str, ...]
    groups: tuple[str, ...]


@dataclass(frozen=True)
class PlannedCampaign:
    """A campaign a manager typed, checked against everything but Slack: who is in its audience."""

    campaign: Campaign
    guide: Guide


@dataclass(frozen=True)
class ListedCampaign:
    team_id: str  # a campaign id is unique only within its workspace
    campaign: Campaign
    title: str
    origin: str
    stopped: bool
    # Its deadline has passed in BOT_TIMEZONE: ended for its managers, though its last hours may still send (DMs to
    # members further west, its final digest) until it is no longer `is_active`.
    ended: bool = False
    guide_gone: bool = False  # its guide is no longer in the catalog: the scheduler skips it


@dataclass(frozen=True)
class ListedUnusable:
    """A stored row today's checks refuse: listed with why, so that a manager can stop it; never run."""

    stored: UnusableCampaign
    title: str


@dataclass(frozen=True)
class CampaignListing:
    listed: tuple[ListedCampaign, ...]
    unusable: tuple[ListedUnusable, ...] = ()


@dataclass(frozen=True)
class CampaignBook:
    """The campaigns as one read of the table found them (oldest first, stopped ones too): what a scheduler
    tick asks several times (which run, each guide's latest), answered without reading them again."""

    stored: tuple[tuple[str, StoredCampaign], ...]
    now: dt.datetime  # what "still running" is judged against

    def active(self, *, team_id: str | None = None) -> list[tuple[str, Campaign]]:
        """As `Campaigns.active`."""
        return [
            (team, stored.campaign)
            for team, stored in self.stored
            if stored.stopped_at is None and team_id in (None, team) and is_active(stored.campaign, now=self.now)
        ]

    def latest_by_guide(self, *, team_id: str) -> dict[str, Campaign]:
        """As `Campaigns.latest_by_guide`."""
        return {stored.campaign.guide: stored.campaign for team, stored in self.stored if team == team_id}

    def stored_of(self, *, team_id: str, campaign_id: str) -> StoredCampaign | None:
        return next(
            (stored for team, stored in self.stored if team == team_id and stored.campaign.id == campaign_id), None
        )


class Campaigns:
    def __init__(
        self,
        *,
        catalog: Catalog,
        campaigns: CampaignStore,
        members: Members,
        answering: Answering,
        store: Store,
        clock: Clock,
        timezone: ZoneInfo,
        ledger: DeliveryLedger | None = None,
    ) -> None:
        self.catalog = catalog
        # What was sent already: a campaign stopped and started again (same id) does not send those posts twice.
        self.ledger = ledger
        self.campaigns = campaigns
        self.members = members
        self.answering = answering
        self.store = store
        self.clock = clock
        self.timezone = timezone

    def load(self, *, team_id: str, campaigns: list[Campaign]) -> int:
        """Make the stored file campaigns what the campaigns file now says: new or edited ones are saved,
        running ones no longer in it are stopped. Returns how many changed."""
        now = self.clock()
        changed = sum(self.campaigns.save(team_id=team_id, campaign=c, origin="file", now=now) for c in campaigns)
        listed = {campaign.id for campaign in campaigns}
        stored = [campaign for _, campaign in self.campaigns.all(team_id=team_id, include_stopped=True)]
        # The file never overwrites a campaign a manager started in Slack: say so, or the file's is silently lost.
        taken = sorted(s.campaign.id for s in stored if s.origin != "file" and s.campaign.id in listed)
        if taken:
            log.warning(
                "CAMPAIGNS_FILE: %d campaign(s) not loaded, a manager started one with the same id in Slack: %s "
                "(give the file's another id)",
                len(taken),
                ", ".join(taken),
            )
        gone = [
            s.campaign.id for s in stored if s.origin == "file" and s.stopped_at is None and s.campaign.id not in listed
        ]
        # One the file can no longer hold (a deadline out of today's range) is out of the file by now.
        gone += [
            s.id
            for s in self.campaigns.unusable(team_id=team_id)
            if s.origin == "file" and s.stopped_at is None and s.id not in listed
        ]
        for campaign_id in gone:
            self.campaigns.stop(team_id=team_id, campaign_id=campaign_id, now=now)
        if gone:
            log.info("stopped %d campaign(s) no longer in CAMPAIGNS_FILE: %s", len(gone), ", ".join(gone))
        running = [c for c in campaigns if c.id not in taken and is_active(c, now=now)]
        self._check_channels(team_id=team_id, campaigns=running, now=now)
        self._warn_of_overlaps(team_id=team_id, campaigns=running, now=now)
        return changed + len(gone)

    def _warn_of_overlaps(self, *, team_id: str, campaigns: list[Campaign], now: dt.datetime) -> None:
        """A manager starting a second round in Slack is told (CampaignStarted.overlaps); nobody starts a file
        campaign, so the log says it, at each start, once for each pair."""
        told: set[frozenset[str]] = set()
        for campaign in campaigns:
            if deadline_passed(campaign, now=now, tz=self.timezone):
                continue
            for overlap in self._overlaps(team_id, campaign, now=now):
                pair = frozenset({campaign.id, overlap.campaign.id})
                if pair in told:
                    continue
                told.add(pair)
                log.warning(
                    "CAMPAIGNS_FILE: campaign %r reminds %s about %s, as campaign %r does until %s: members there hear"
                    " from both (DMs on the days of either, one a day at most)",
                    campaign.id,
                    " ".join([*overlap.channels, *overlap.groups]),
                    campaign.guide,
                    overlap.campaign.id,
                    overlap.campaign.deadline.isoformat(),
                )

    def _check_channels(self, *, team_id: str, campaigns: list[Campaign], now: dt.datetime) -> None:
        """A file campaign is not started by a manager, so nobody was told its channel is archived (as
        `campaign start` tells them): the log says so now, and the ledger notes it, so its report, App Home and
        digest name the channel from the start, not from its first refused post days later. A channel
        found taking posts again loses the note."""
        if self.ledger is None:
            return
        archived: list[str] = []
        outside: list[str] = []
        for campaign in campaigns:
            for channel in campaign.channels:
                try:
                    info = self.members.slack.channel_info(channel)
                except SlackError:
                    continue  # Slack down or the channel unseen: the campaign's posts record what Slack says
                self._note_channel(team_id, campaign.id, channel, info, now=now)
                if info.archived:
                    archived.append(f"{campaign.id} in {channel}")
                elif not info.member:
                    outside.append(f"{campaign.id} in {channel}")
        if archived:
            log.warning(
                "CAMPAIGNS_FILE: %d channel(s) archived, Slack refuses every post there, so no reminder of the"
                " campaign goes out in it: %s (unarchive it, or take it out of the file)",
                len(archived),
                ", ".join(archived),
            )
        if outside:
            log.warning(
                "CAMPAIGNS_FILE: the bot is not a member of %d channel(s), Slack refuses its posts there until a"
                " member invites it (/invite and the bot's name, in the channel): %s",
                len(outside),
                ", ".join(outside),
            )

    def _note_channel(
        self, team_id: str, campaign_id: str, channel: str, info: ChannelInfo, *, now: dt.datetime
    ) -> None:
        """What a look at the channel found, in the ledger as a refused post would be, so the campaign's report, App
        Home and digest name a channel Slack would refuse from the start, not from its first post days later; one
        found taking posts again loses the note (as a post that goes through makes it old news)."""
        if self.ledger is None:
            return
        key = LedgerKey(
            team_id=team_id,
            campaign_id=campaign_id,
            kind=OccasionKind.ANNOUNCEMENT,
            occasion=CHANNEL_CHECK,
            target=channel,
        )
        if info.archived:
            self.ledger.note_refused(key, error=ARCHIVED, now=now)
        elif not info.member:
            self.ledger.note_refused(key, error=NOT_IN_CHANNEL, now=now)
        else:
            self.ledger.forget(key)

    def plan(self, *, team_id: str, text: str, command: str) -> PlannedCampaign:
        """`<guide> <#channel|@group>… [YYYY-MM-DD]`, as a manager types it after `campaign start`, checked
        without asking Slack anything: what the manager typed wrong is told at once."""
        channels: list[str] = []
        groups: list[str] = []
        dates: list[str] = []
        words: list[str] = []
        after: list[str] = []  # words after the audience, where the deadline goes: "tomorrow", "next friday"
        unplaced: list[str] = []
        # "#general,#privacy": Slack links both channels and leaves the comma between them, with no space.
        for token in re.sub(r",(?=\S)", ", ", text).split():
            # "<#C…|general>, <#C…|random>" and a pasted “<#C…|general>”: Slack links the channel and leaves the
            # comma or the quotes beside it, and the channel was then "not one Slack linked".
            bare = token.strip(_AROUND)
            if match := _CHANNEL.match(bare):
                channels.append(match.group(1) or match.group(2))
            elif match := _GROUP.match(bare):
                groups.append(match.group(1) or match.group(2))
            elif _DATE.match(bare):
                dates.append(bare)
            elif _UNPLACED.match(bare):
                unplaced.append(bare)
            elif words and (channels or groups or unplaced):
                after.append(token)
            else:
                words.append(token)
        if after and not dates:
            # Read as more of the guide's name, "linkedin tomorrow" was LinkedIn, and the manager was told the
            # guide has no date ahead "so I need a deadline": as if none had been written.
            example = (self.clock().astimezone(self.timezone).date() + EXAMPLE_DEADLINE_AHEAD).isoformat()
            raise UserFacingError(
                strings.CAMPAIGN_BAD_DATE.format(text=strings.escape(" ".join(after)), example=example)
            )
        words += after
        if not words:
            raise UserFacingError(strings.CAMPAIGN_USAGE.format(cmd=command))
        guide = self._guide(" ".join(words), command=command)
        if guide.nothing_to_switch:
            # Nothing could ever mark a member done: the campaign would DM everyone until its deadline.
            raise UserFacingError(strings.CAMPAIGN_NOTHING_TO_SWITCH.format(title=strings.escape(guide.title)))
        # What was typed as plain text is named back ("#genral"); a person's or a special mention is not echoed.
        typed = [f"“{strings.escape(token)}”" for token in unplaced if not token.startswith("<")]
        today = self.clock().astimezone(self.timezone).date()
        if typed:
            # A campaign over fewer channels than the manager named would quietly miss an audience.
            example = self._example_deadline(dates, today=today)
            raise UserFacingError(
                strings.CAMPAIGN_NOT_LINKED.format(text=", ".join(typed), cmd=command, guide=guide.id, deadline=example)
            )
        if unplaced or (not channels and not groups):
            example = self._example_deadline(dates, today=today)
            raise UserFacingError(strings.CAMPAIGN_NEEDS_AUDIENCE.format(cmd=command, guide=guide.id, deadline=example))
        deadline = self._deadline(dates, guide=guide, today=today, audience=text, command=command)
        campaign_id = f"{guide.id}-{deadline.isoformat()}"[:64]
        if self.campaigns.get(team_id=team_id, campaign_id=campaign_id) is not None:
            existing = self.campaigns.get(team_id=team_id, campaign_id=campaign_id)
            if existing is not None and existing.stopped_at is None:
                raise UserFacingError(strings.CAMPAIGN_EXISTS_ADD.format(id=campaign_id, cmd=command))
        try:
            campaign = validate_campaign(
                {"id": campaign_id, "guide": guide.id, "channels": channels, "groups": groups, "deadline": deadline},
                where="campaign",
            )
        except CampaignError as error:
            raise UserFacingError(str(error)) from None
        return PlannedCampaign(campaign=campaign, guide=guide)

    def launch(self, *, team_id: str, user_id: str, planned: PlannedCampaign) -> CampaignStarted:
        """Ask Slack who is in the audience, then save the campaign; talks to Slack, so a request thread
        hands it to the background rather than wait long."""
        campaign, guide = planned.campaign, planned.guide
        # Slack first: when it cannot say who is in the audience (a wrong channel, an outage) nothing is
        # saved, and the manager's next try starts the campaign rather than meet "already a campaign".
        try:
            # Slack still lists an archived channel's members, so the campaign would start, and every one of
            # its posts there fail while the manager heard nothing. Each is named: told only the first, the
            # manager would fix it and be refused again for the next.
            infos = {channel: self.members.slack.channel_info(channel) for channel in campaign.channels}
            archived = [info.name for info in infos.values() if info.archived]
            if len(archived) == 1:
                raise UserFacingError(strings.CAMPAIGN_CHANNEL_ARCHIVED.format(channel=strings.escape(archived[0])))
            if archived:
                names = [f"#{strings.escape(name)}" for name in archived]
                channels = strings.and_list(names)
                raise UserFacingError(strings.CAMPAIGN_CHANNELS_ARCHIVED.format(channels=channels))
            everyone = self.members.humans_in(team_id=team_id, channels=campaign.channels, groups=campaign.groups)
            audience = self.members.for_guide(team_id=team_id, found=everyone, guide=guide)
        except SlackError as error:
            # Slack's trouble, not the bot's and not the manager's: say which, never "something went wrong".
            unseen = strings.CAMPAIGN_SLACK_UNAVAILABLE if error.retryable else strings.CAMPAIGN_AUDIENCE_UNSEEN
            raise UserFacingError(unseen.format(code=error.code)) from None
        now = self.clock()
        if not self.campaigns.save(team_id=team_id, campaign=campaign, origin="slack", now=now, running_too=False):
            # Someone started it while Slack was being asked (the manager's second try, a colleague).
            existing = self.campaigns.get(team_id=team_id, campaign_id=campaign.id)
            if existing is not None and existing.stopped_at is None:
                raise UserFacingError(strings.CAMPAIGN_EXISTS.format(id=campaign.id))
            raise UserFacingError(strings.CAMPAIGN_FILE_STOPPED.format(id=campaign.id))
        self.store.audit_action(
            team_id=team_id, actor_id=user_id, action=CAMPAIGN_STARTED, now=now, detail={"campaign": campaign.id}
        )
        self.members.directory.set_audience(team_id=team_id, campaign_id=campaign.id, user_ids=audience, now=now)
        # The days the posts really go out (a weekend's wait for Monday), as the channel will count them; today's
        # only while it is still sent (less than CATCH_UP late), not one the campaign began too late for.
        posted = self._posted(team_id, campaign, now=now)
        posts = {
            day: local_time(day, campaign.time_of_day, self.timezone)
            for day, key in reminder_days(campaign).items()
            if key not in posted
        }
        ahead = tuple(day for day, at in posts.items() if now - at <= CATCH_UP)
        today = now.astimezone(self.timezone).date()
        first_now = any(at <= now and now - at <= CATCH_UP for at in posts.values())
        first_post = min((at for at in posts.values() if now - at <= CATCH_UP), default=None)
        # Told now, not by the first post's refusal days later: the DMs go out whatever the posts do, so the
        # campaign starts, and an invitation before that post is all it takes.
        outside = tuple(channel for channel, info in infos.items() if not info.member)
        for channel, info in infos.items():
            self._note_channel(team_id, campaign.id, channel, info, now=now)
        return CampaignStarted(
            campaign=campaign,
            guide=guide,
            members=len(audience),
            timezone=str(self.timezone),
            post_days=ahead,
            dm_days=tuple(day for day in reminder_days(campaign) if day >= today) if campaign.nudge_pending else (),
            weekend_moved=weekend_moved(campaign),
            everyone=len(everyone),
            first_now=first_now,
            first_post=first_post,
            not_member=outside if first_post is not None else (),
            bot_user_id=self.members.bot_user_id,
            overlaps=self._overlaps(team_id, campaign, now=now),
        )

    def _guide(self, typed: str, *, command: str) -> Guide:
        """The guide named, or, for a name of none, the one it is a typo of offered ("lnkdn": linkedin-ai-training)."""
        try:
            return self.answering.guide(typed, command=command)
        except UnknownGuide:  # not a password typed ("my password is …" is never matched against names)
            names = {guide.id: guide.id for guide in self.catalog if not guide.nothing_to_switch}
            for service in self.catalog.services:
                primary = self.catalog.primary(service)
                if primary is not None and not primary.nothing_to_switch:
                    names.setdefault(service.casefold(), primary.id)
            close = close_guide(typed, names)
            if close is None:
                raise
            raise UserFacingError(
                strings.CAMPAIGN_GUIDE_DID_YOU_MEAN.format(text=strings.escape(typed), guide=close)
            ) from None

    def _overlaps(self, team_id: str, campaign: Campaign, *, now: dt.datetime) -> tuple[Overlap, ...]:
        """Said, not refused: a second round started before the first is stopped, or a file campaign beside one
        started in Slack, may be meant (README: any number of campaigns for a guide). One past its deadline
        sends nothing more to channels, and a new round after it is the expected thing: not named."""
        found: list[Overlap] = []
        for _, stored in self.campaigns.all(team_id=team_id):
            other = stored.campaign
            if deadline_passed(other, now=now, tz=self.timezone):
                continue
            channels, groups = shared_audience(campaign, other)
            if channels or groups:
                found.append(Overlap(campaign=other, channels=channels, groups=groups))
        return tuple(found)

    def _posted(self, team_id: str, campaign: Campaign, *, now: dt.datetime) -> set[int]:
        """The reminder days (`remind_days_before`) whose posts every channel has had already: a campaign stopped
        and started again under its id, which the ledger sends once."""
        if self.ledger is None or not campaign.channels:
            return set()
        settled = self.ledger.settled(
            team_id=team_id, campaign_id=campaign.id, kinds={OccasionKind.ANNOUNCEMENT}, now=now
        )
        return {
            days
            for days in campaign.remind_days_before
            if all((OccasionKind.ANNOUNCEMENT, f"d{days}", channel) in settled for channel in campaign.channels)
        }

    @staticmethod
    def _example_deadline(dates: list[str], *, today: dt.date) -> str:
        """The deadline an example command carries: the one the manager typed, when it is one they could start a
        campaign with; else four weeks ahead. Without one, the example would be answered "I need a deadline"
        whenever the guide has no policy date ahead."""
        example = (today + EXAMPLE_DEADLINE_AHEAD).isoformat()
        if len(dates) == 1:
            try:
                typed = _read_date(dates[0], example=example)
            except UserFacingError:
                return example
            return typed.isoformat() if typed >= today else example
        return example

    def _deadline(self, dates: list[str], *, guide: Guide, today: dt.date, audience: str, command: str) -> dt.date:
        if len(dates) > 1:
            # Taking the first would quietly set reminders for a date the manager may have corrected after it.
            written = ", ".join(f"“{strings.escape(date)}”" for date in dates)
            raise UserFacingError(strings.CAMPAIGN_TWO_DATES.format(dates=written))
        if dates:
            example = (today + EXAMPLE_DEADLINE_AHEAD).isoformat()
            deadline = _read_date(dates[0], example=example)
            if deadline < today:
                raise UserFacingError(strings.CAMPAIGN_PAST_DATE.format(date=deadline.isoformat()))
            if deadline > today + FARTHEST_DEADLINE:
                # A slip of the year (2072 for 2027, 9999): a campaign that far off would only sit in every list.
                raise UserFacingError(strings.CAMPAIGN_FAR_DATE.format(date=deadline.isoformat(), example=example))
            return deadline
        ahead = next_policy_date([item.date for item in guide.dates], today=today)
        if ahead is None:
            typed = [token for token in audience.split() if _CHANNEL.match(token) or _GROUP.match(token)]
            channels = [match.group(1) or match.group(2) for token in typed if (match := _CHANNEL.match(token))]
            groups = [match.group(1) or match.group(2) for token in typed if (match := _GROUP.match(token))]
            raise UserFacingError(
                strings.CAMPAIGN_NEEDS_DATE.format(
                    title=strings.escape(guide.title),
                    cmd=command,
                    guide=guide.id,
                    audience=strings.audience(channels, groups),
                    typed=" ".join(typed),
                )
            )
        return ahead

    def listing(self, *, team_id: str) -> CampaignListing:
        return CampaignListing(
            self._listed(self.campaigns.all(team_id=team_id, include_stopped=True)),
            self._unusable(self.campaigns.unusable(team_id=team_id)),
        )

    def listing_all(self) -> CampaignListing:
        """Every workspace's campaigns, for the command line."""
        return CampaignListing(
            self._listed(self.campaigns.all(include_stopped=True)), self._unusable(self.campaigns.unusable())
        )

    def _unusable(self, rows: list[UnusableCampaign]) -> tuple[ListedUnusable, ...]:
        return tuple(ListedUnusable(stored, title=self._title(stored.guide_id)) for stored in rows)

    def _listed(self, rows: list[tuple[str, StoredCampaign]]) -> tuple[ListedCampaign, ...]:
        now = self.clock()
        return tuple(
            ListedCampaign(
                team_id=team_id,
                campaign=stored.campaign,
                title=self._title(stored.campaign.guide),
                origin=stored.origin,
                stopped=stored.stopped_at is not None,
                ended=deadline_passed(stored.campaign, now=now, tz=self.timezone),
                guide_gone=self.catalog.get(stored.campaign.guide) is None,
            )
            for team_id, stored in rows
        )

    def stop(self, *, team_id: str, user_id: str, campaign_id: str, command: str) -> StoredCampaign | UnusableCampaign:
        now = self.clock()
        stored: StoredCampaign | UnusableCampaign
        unusable = self.campaigns.get_any(team_id=team_id, campaign_id=campaign_id.strip())
        if isinstance(unusable, UnusableCampaign):
            # The one thing left to do with it: the list says to stop it.
            stored = unusable
        else:
            stored = find_campaign(
                self.campaigns, team_id=team_id, reference=campaign_id, now=now, command=command, tz=self.timezone
            )
        campaign_id = stored.id
        if self.campaigns.stop(team_id=team_id, campaign_id=campaign_id, now=now):
            self.store.audit_action(
                team_id=team_id, actor_id=user_id, action=CAMPAIGN_STOPPED, now=now, detail={"campaign": campaign_id}
            )
        return stored

    def active(self, *, team_id: str | None = None) -> list[tuple[str, Campaign]]:
        """(team, campaign) of every campaign not stopped and still running (`is_active`): of one workspace,
        or of every workspace in the database."""
        return CampaignBook(tuple(self.campaigns.all(team_id=team_id)), now=self.clock()).active()

    def the_one_running(self, *, team_id: str) -> Campaign | None:
        """The campaign a manager means without naming one, when that is beyond doubt: the only one running, or of
        those, the only one whose deadline has not passed (a new round beside the last one's final days)."""
        now = self.clock()
        running = [campaign for _, campaign in self.active(team_id=team_id)]
        ahead = [campaign for campaign in running if not deadline_passed(campaign, now=now, tz=self.timezone)]
        if len(running) == 1:
            return running[0]
        return ahead[0] if len(ahead) == 1 else None

    def latest_by_guide(self, *, team_id: str) -> dict[str, Campaign]:
        """Each guide's most recently started campaign in the workspace, running, ended or stopped."""
        return self.book(team_id=team_id).latest_by_guide(team_id=team_id)

    def book(self, *, team_id: str | None = None) -> CampaignBook:
        """Every campaign of one workspace, or of all, stopped ones too, in one read."""
        return CampaignBook(tuple(self.campaigns.all(team_id=team_id, include_stopped=True)), now=self.clock())

    def _title(self, guide_id: str) -> str:
        guide = self.catalog.get(guide_id)
        return guide.title if guide is not None else guide_id


def _read_date(text: str, *, example: str) -> dt.date:
    """A deadline as typed: YYYY-MM-DD (or with "/" or "."), or day and month in either order before a
    four-digit year when only one order makes a date ("29/03/2027", "03/29/2027"); refused otherwise."""
    match = _DATE.match(text)
    bad = UserFacingError(strings.CAMPAIGN_BAD_DATE.format(text=strings.escape(text), example=example))
    if match is None:
        raise bad
    first, second, third = match.groups()
    if len(first) == 4:
        readings = {_date(int(first), int(second), int(third))}
    elif len(third) == 4:
        year, one, other = int(third), int(first), int(second)
        readings = {_date(year, other, one), _date(year, one, other)}
    else:
        readings = set()  # "29/03/27": which century, and which number is the year, is a guess
    found = sorted(reading for reading in readings if reading is not None)
    if not found and len(first) == 4 and dt.MINYEAR <= int(first) <= dt.MAXYEAR:
        raise _not_on_the_calendar(text, year=int(first), month=int(second), day=int(third), example=example)
    if not found:
        raise bad
    if len(found) > 1:
        earlier, later = (reading.isoformat() for reading in found)
        raise UserFacingError(
            strings.CAMPAIGN_AMBIGUOUS_DATE.format(text=strings.escape(text), one=earlier, other=later, example=example)
        )
    return found[0]


def _not_on_the_calendar(text: str, *, year: int, month: int, day: int, example: str) -> UserFacingError:
    """Why YYYY-MM-DD names no day: the month has no such day (30 February), or there is no such month."""
    shown = strings.escape(text)
    if not 1 <= month <= 12:
        return UserFacingError(strings.CAMPAIGN_NO_SUCH_MONTH.format(text=shown, month=month, example=example))
    last = calendar.monthrange(year, month)[1]
    return UserFacingError(
        strings.CAMPAIGN_NO_SUCH_DAY.format(
            text=shown, month=calendar.month_name[month], year=year, day=day, last=last, example=example
        )
    )


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_campaign(
    store: CampaignStore, *, team_id: str, reference: str, now: dt.datetime, command: str, tz: ZoneInfo
) -> StoredCampaign:
    """A campaign by id; a guide word or an id's start also works when it names one active campaign, or, of
    several, the one whose deadline has not passed (a new round, while the last runs on for its final digest)."""
    reference = reference.strip()
    stored = store.get_any(team_id=team_id, campaign_id=reference) if reference else None
    if isinstance(stored, UnusableCampaign):
        raise UserFacingError(strings.CAMPAIGN_UNUSABLE.format(id=stored.id, why=unusable_why(stored), cmd=command))
    if stored is not None:
        return stored
    wanted = reference.lower()

    def named(campaign: Campaign) -> bool:
        return bool(wanted) and (campaign.id.startswith(wanted) or campaign.guide.split("-")[0] == wanted)

    everything = [candidate for _, candidate in store.all(team_id=team_id, include_stopped=True)]
    matches = [
        candidate
        for candidate in everything
        if candidate.stopped_at is None and is_active(candidate.campaign, now=now) and named(candidate.campaign)
    ]
    ahead = [candidate for candidate in matches if not deadline_passed(candidate.campaign, now=now, tz=tz)]
    if len(matches) > 1 and len(ahead) == 1:
        return ahead[0]
    if len(matches) == 1:
        return matches[0]
    if matches:
        ids = ", ".join(f"`{candidate.campaign.id}`" for candidate in matches)
        raise UserFacingError(
            strings.CAMPAIGN_AMBIGUOUS.format(text=strings.escape(reference), count=len(matches), ids=ids)
        )
    over = [candidate.campaign.id for candidate in everything if named(candidate.campaign)]
    if over:
        # "linkedin" after its campaign was stopped or ended: it is known, and its id still shows its report.
        ids = ", ".join(f"`{campaign_id}`" for campaign_id in over)
        raise UserFacingError(
            strings.CAMPAIGN_NONE_RUNNING.format(text=strings.escape(reference), ids=ids, cmd=command)
        )
    raise UserFacingError(strings.CAMPAIGN_UNKNOWN.format(text=strings.escape(reference), cmd=command))


def unusable_why(stored: UnusableCampaign) -> str:
    """Why a stored campaign cannot run, in a manager's words."""
    if stored.deadline < FIRST_DEADLINE or stored.deadline > LAST_DEADLINE:
        return strings.CAMPAIGN_UNUSABLE_DEADLINE.format(
            deadline=stored.deadline.isoformat(), first=FIRST_DEADLINE.isoformat(), last=LAST_DEADLINE.isoformat()
        )
    return strings.CAMPAIGN_UNUSABLE_OTHER.format(fields=strings.and_list(stored.fields or ("settings",)))
