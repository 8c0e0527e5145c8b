"""Delivery: plan each campaign's occasions, and send the due ones exactly once through the ledger.

`dispatch_due(now)` is the scheduler's one call. For every active campaign it plans the channel
announcements, the DM nudges of members still pending and the reminders "Remind me later"
promised; an occasion is sent when due and less than CATCH_UP late, a late DM only the same day
before QUIET_FROM where the member is (older ones are recorded as skipped and logged as a count,
never sent stale), but for a snooze's reminder: a member asked for that one, and a late one goes
the next time the late-DM rules allow (`caught_up`). Each send is claimed in the ledger first, so
replicas sharing a database never both send it; a DM's claim also takes the member's day for its
guide, so they get one DM about a guide a day, whatever sends it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextvars import copy_context
from dataclasses import dataclass, field
from functools import partial
from typing import Literal
from zoneinfo import ZoneInfo

from bot.campaigns import (
    CATCH_UP,
    DEFAULT_REMIND_AT,
    QUIET_FROM,
    Campaign,
    Occasion,
    announcements,
    caught_up,
    deadline_day_of,
    is_over,
    next_reachable,
    nudges,
    reachable,
    reminder_days,
    snooze_reminder,
    too_late,
    triage,
    zone,
)
from bot.core import SNOOZE_DAYS, DmRefusal, OccasionKind, Status, TemporarilyUnavailable, outage_reported
from bot.guides.catalog import Catalog, Guide
from bot.service.campaigns import CampaignBook, Campaigns
from bot.service.clock import Clock
from bot.service.members import Members, todo_for
from bot.service.ports import Message, ReminderRenderer, SlackError, SlackPort
from bot.store.directory import MemberRow
from bot.store.ledger import DeliveryLedger, DeliveryState, DmDay, LedgerKey, Spared
from bot.store.repo import Store

log = logging.getLogger(__name__)

DEFAULT_LEASE = dt.timedelta(seconds=60)
# How long the ledger keeps a campaign's rows after its deadline (each names a member): long enough for
# managers' reports on it, and far past anything a tick could still send.
DELIVERIES_KEPT = dt.timedelta(days=90)
# Marking a post sent is tried this often (each try waits out the database's own lock timeout) before
# the process only remembers it: a post Slack took must not be sent again because the ledger was busy.
RECORD_ATTEMPTS = 3
FANOUT_WORKERS = 4
NO_CAMPAIGN = ""  # the ledger's campaign for snooze reminders: one member's, whatever campaigns come and go
# A snooze ending further back has had its reminder (due when the snooze ends), unless the bot was down for
# days: one missed by that much is not sent.
_SNOOZE_LOOKBACK = dt.timedelta(days=4)
SNOOZE_FOR = dt.timedelta(days=SNOOZE_DAYS)  # how long "Remind me later" leaves a member alone, at least
# A snooze ends with its reminder: the next `remind_at` once SNOOZE_FOR is out, up to a day and a weekend later.
_SNOOZE_LONGEST = SNOOZE_FOR + dt.timedelta(days=3)
# A running campaign's audience is read again this often, reminder due or not: between two reminder days (a
# week, at times) reports, digests and the CSV would otherwise count leavers as pending and miss newcomers.
AUDIENCE_EVERY = dt.timedelta(days=1)
# After a read Slack failed, the next try: meanwhile the stored audience serves (one log line a try).
AUDIENCE_RETRY = dt.timedelta(hours=1)


@dataclass
class DispatchReport:
    sent: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)
    failed: Counter[str] = field(default_factory=Counter)
    retry: Counter[str] = field(default_factory=Counter)
    # Too late already when the campaign began (a campaign started five days before its deadline never owed
    # its 14-days-before reminder, nor one started at 16:00 UTC the 10:00 DM of a member for whom it is
    # evening): settled like a skipped one, but nothing was missed.
    unowed: Counter[str] = field(default_factory=Counter)
    # Not sent, as not needed: another DM about the guide took the member's day first (see `DmDay`).
    spared: Counter[str] = field(default_factory=Counter)
    # The database refused (gone, or busy past its timeouts): what was left was not tried, and waits for a later
    # tick. The first refusal, for whoever reports the outage.
    refused: TemporarilyUnavailable | None = None
    # Not tried: the process was stopping, or the database had refused.
    untried: Counter[str] = field(default_factory=Counter)

    def count(self, outcome: str) -> Counter[str]:
        return {
            "sent": self.sent,
            "failed": self.failed,
            "retry": self.retry,
            "skipped": self.skipped,
            "spared": self.spared,
        }[outcome]

    def add(self, other: DispatchReport) -> None:
        for mine, theirs in (
            (self.sent, other.sent),
            (self.skipped, other.skipped),
            (self.failed, other.failed),
            (self.retry, other.retry),
            (self.unowed, other.unowed),
            (self.spared, other.spared),
            (self.untried, other.untried),
        ):
            mine.update(theirs)
        self.refused = self.refused or other.refused


@dataclass(frozen=True, slots=True)
class Snooze:
    """A member's "Remind me later" for a guide: when they asked, and when the snooze ends."""

    user_id: str
    guide_id: str
    snoozed_at: dt.datetime
    until: dt.datetime


@dataclass(frozen=True, slots=True)
class SnoozeReminder:
    """The DM a snooze promised. A member gets one reminder DM for a guide a day: on that day the campaign
    does not nudge them, and on a running campaign's deadline day the DM says so in the campaign's words."""

    occasion: Occasion
    day: dt.date  # in the member's zone
    deadline_of: Campaign | None  # the running campaign for the guide whose deadline day it is


@dataclass(frozen=True)
class Upcoming:
    when: dt.datetime
    team_id: str  # a campaign id is unique only within its workspace, and so is a member's snooze
    campaign_id: str  # NO_CAMPAIGN for snooze reminders
    kind: OccasionKind
    count: int  # channels for announcements, members for DMs
    guide_id: str = ""

    @property
    def name(self) -> str:
        """The campaign, or the guide of a snooze reminder (which belongs to no campaign)."""
        return self.campaign_id or self.guide_id


class Delivery:
    def __init__(
        self,
        *,
        catalog: Catalog,
        campaigns: Campaigns,
        members: Members,
        ledger: DeliveryLedger,
        store: Store,
        slack: SlackPort,
        renderer: ReminderRenderer,
        clock: Clock,
        timezone: ZoneInfo,
        command: str,
        lease: dt.timedelta = DEFAULT_LEASE,
        workers: int = FANOUT_WORKERS,
        reminded: Callable[[str, str, str], None] | None = None,
    ) -> None:
        self.catalog = catalog
        # (team, member, guide) of each reminder DM sent: a reply of "done" or "i did it" is about that guide.
        self.reminded = reminded
        self.campaigns = campaigns
        self.members = members
        self.ledger = ledger
        self.store = store
        self.slack = slack
        self.renderer = renderer
        self.clock = clock
        self.timezone = timezone
        self.command = command
        self.lease = lease
        self.workers = workers
        self.stopping = threading.Event()
        self._audience_at: dict[tuple[str, str], dt.datetime] = {}  # campaign -> its last audience read
        self._audience_tried: dict[tuple[str, str], dt.datetime] = {}  # campaign -> the last try, read or not
        self._busy = threading.Lock()
        # Posted, but the ledger could not be told yet: never sent again by this process.
        self._unrecorded: dict[LedgerKey, int] = {}  # with the claim it was sent under
        self._unrecorded_lock = threading.Lock()
        self._guide_gone_told: set[tuple[str, str]] = set()  # campaigns whose missing guide the log has named
        # Told the channels a campaign's posts were just refused in (channel -> Slack's error): the manager who
        # started it hears of them (bot/service/post_refusals.py), which sends through this very object.
        self.refused_posts: Callable[[str, Campaign, Mapping[str, str]], DispatchReport] | None = None

    # -- the scheduler's call -----------------------------------------------------

    def dispatch_due(self, now: dt.datetime | None = None, *, team_id: str | None = None) -> DispatchReport:
        """Send everything due now, once. Overlapping calls in one process wait for each other.
        A process sends for its own workspace (`team_id`): its token cannot reach another's channels and
        members, and a failure recorded there would settle what that workspace's own bot should send.
        Raises TemporarilyUnavailable once the database refuses, having logged what went out before."""
        report = DispatchReport()
        scope = team_id
        with self._busy:
            now = now or self.clock()
            # Read once for the whole tick: which campaigns run, and each guide's latest for snooze reminders.
            book = self.campaigns.book(team_id=scope)
            for team_id, campaign in book.active(team_id=scope):
                if self.stopping.is_set() or report.refused:
                    break
                if is_over(campaign, now=now):
                    continue  # nothing left to send: planning it would only record its occasions as skipped
                guide = self.catalog.get(campaign.guide)
                if guide is None:
                    self._tell_guide_gone(team_id, campaign)
                    continue
                report.add(self._dispatch_campaign(team_id, campaign, guide, now, book=book))
            if not self.stopping.is_set() and not report.refused:
                report.add(self._dispatch_snoozes(now, scope=scope, book=book))
        if report.skipped:
            log.warning(
                "skipped %s: missed (more than %s late, or a DM whose day had ended or reached %s where the member is)",
                dict(report.skipped),
                CATCH_UP,
                QUIET_FROM.strftime("%H:%M"),
            )
        if report.unowed:
            log.info("settled %s: too late to send when their campaign began", dict(report.unowed))
        if report.spared:
            log.info("spared %s: the member had a DM about the guide earlier that day", dict(report.spared))
        if report.sent or report.failed or report.retry:
            log.info("delivered %s, failed %s, to retry %s", dict(report.sent), dict(report.failed), dict(report.retry))
        if report.refused:
            raise report.refused
        return report

    def _dispatch_campaign(
        self, team_id: str, campaign: Campaign, guide: Guide, now: dt.datetime, *, book: CampaignBook
    ) -> DispatchReport:
        if self._audience_due(team_id, campaign, now=now):
            # First look in this process (a campaign just loaded from the file, or a restart): resolve the
            # audience before planning, or nudges already due today would wait for the next channel post.
            # Then daily, on this (the scheduler's) thread: a manager's report never waits for Slack.
            self.refresh_audience(team_id, campaign, now=now)
        occasions = self.plan(team_id, campaign, now=now, book=book)
        work = self._unsettled(team_id, campaign.id, occasions, now=now)
        if not work.due and not work.stale:
            return DispatchReport()
        if self._audience_stale(team_id, campaign, [*work.due, *work.stale]):
            self.refresh_audience(team_id, campaign, now=now)
            work = self._unsettled(team_id, campaign.id, self.plan(team_id, campaign, now=now, book=book), now=now)
        report = self._skip(team_id, work.stale, now=now, began=_began(book, team_id, campaign) if work.stale else None)
        sent = self.send_all(
            team_id,
            work.due,
            lambda occasion: self._campaign_message(team_id, campaign, guide, occasion),
            guide_of=lambda _: campaign.guide,
        )
        report.add(sent)
        if sent.failed[OccasionKind.ANNOUNCEMENT.value] and self.refused_posts is not None:
            report.add(self.refused_posts(team_id, campaign, self._refused_now(team_id, campaign, work.due)))
        return report

    def _refused_now(self, team_id: str, campaign: Campaign, due: Sequence[Occasion]) -> dict[str, str]:
        """Channel -> Slack's error, for the channels among `due`'s posts that Slack has just refused."""
        tried = {occasion.target for occasion in due if occasion.kind is OccasionKind.ANNOUNCEMENT}
        refused = self.ledger.refused_to(team_id=team_id, campaign_id=campaign.id, kinds=(OccasionKind.ANNOUNCEMENT,))
        return {channel: error for channel, error in refused.items() if channel in tried}

    def _dispatch_snoozes(self, now: dt.datetime, *, scope: str | None, book: CampaignBook) -> DispatchReport:
        report = DispatchReport()
        if scope is not None:
            teams = {scope}
        else:
            teams = {team for team, _ in book.active()} | set(self.store.teams_with_snoozes())
        for team_id in teams:
            if report.refused:
                break
            # Settled by a row under any campaign: earlier versions keyed a reminder by the campaign active
            # when it went out, and once that campaign ended its snooze is looked back over again.
            snoozes = self._snoozes(team_id, now=now)
            if not snoozes:
                continue
            self._directory_fresh(team_id)
            reminders = {
                (r.occasion.key, r.occasion.target): r
                for r in self.snooze_reminders(team_id, snoozes, book=book)
                if r.occasion.due_at <= now  # the others wait: no need to ask the ledger about them yet
            }
            if not reminders:
                continue
            work = self._unsettled(team_id, None, [r.occasion for r in reminders.values()], now=now)
            # Missed (the bot was down, Slack held it back into the evening): not skipped, but sent once the
            # late-DM rules allow; until then each tick finds it unsettled and moves it again.
            late = [_moved(reminders[o.key, o.target], caught_up(o, now=now)) for o in work.stale]
            reminders |= {(r.occasion.key, r.occasion.target): r for r in late}
            report.add(
                self.send_all(
                    team_id,
                    [*work.due, *(r.occasion for r in late if r.occasion.due_at <= now)],
                    partial(self._snooze_message, team_id, reminders),
                    guide_of=_snoozed_guide,
                )
            )
        return report

    def prune(self) -> int:
        """Forget the deliveries of campaigns DELIVERIES_KEPT past their deadline (and snooze reminders as old)."""
        return self.ledger.prune(before=self.clock() - DELIVERIES_KEPT)

    # -- planning ---------------------------------------------------------------------

    def plan(
        self,
        team_id: str,
        campaign: Campaign,
        *,
        now: dt.datetime,
        book: CampaignBook | None = None,
        ahead: bool = False,
    ) -> list[Occasion]:
        """Announcements, and nudges for the members of the stored audience who are still pending, except on
        the day their snooze's reminder comes: that DM is their reminder that day. `book`: the campaigns as
        the caller read them (read here when a snooze needs them, if not given). `ahead` (a forecast): also the
        nudges of members snoozed now that come once their snooze has ended, when they are pending again."""
        occasions = announcements(campaign, tz=self.timezone)
        if not campaign.nudge_pending:
            return occasions
        pending: list[tuple[str, MemberRow | None, dt.datetime | None]] = [
            (user_id, member, None) for user_id, member in self._pending(team_id, campaign, now=now)
        ]
        if ahead:
            pending += self._snoozed(team_id, campaign, now=now)
        # Only a pending member's snooze can have ended (the others are not nudged anyway); ahead, theirs too.
        ids = {user_id for user_id, _, _ in pending}
        snoozes = [s for s in self._snoozes(team_id, now=now, guide_id=campaign.guide) if s.user_id in ids]
        reminded = {(r.occasion.target, r.day) for r in self.snooze_reminders(team_id, snoozes, book=book)}
        # What a snooze put off was not due: planned again once it ends, it would be "missed", and logged so.
        put_off: dict[str, list[tuple[dt.datetime, dt.datetime]]] = {}
        for snooze in snoozes:
            put_off.setdefault(snooze.user_id, []).append((snooze.snoozed_at, snooze.until))
        # Two members' nudges in one zone differ only in whom they go to: each tick plans them once a zone
        # (with the day they fall on there), not once a member.
        by_zone: dict[ZoneInfo, list[tuple[Occasion, dt.date]]] = {}
        for user_id, member, snoozed_until in pending:
            tz = zone(member.tz if member else None, fallback=self.timezone)
            if (planned := by_zone.get(tz)) is None:
                planned = by_zone[tz] = [
                    (nudge, nudge.due_at.astimezone(tz).date()) for nudge in nudges(campaign, user_id="", tz=tz)
                ]
            windows = put_off.get(user_id, ())
            occasions.extend(
                # Built anew: dataclasses.replace is several times slower, and this runs ~8,000 times a tick.
                Occasion(
                    campaign_id=nudge.campaign_id,
                    kind=nudge.kind,
                    key=nudge.key,
                    target=user_id,
                    due_at=nudge.due_at,
                    zone=tz,
                )
                for nudge, day in planned
                if (user_id, day) not in reminded
                and (snoozed_until is None or nudge.due_at >= snoozed_until)
                and not any(start <= nudge.due_at < end for start, end in windows)
            )
        return occasions

    def _snoozed(
        self, team_id: str, campaign: Campaign, *, now: dt.datetime
    ) -> list[tuple[str, MemberRow | None, dt.datetime | None]]:
        """The audience members snoozed now for whom the guide is a to-do, with their directory rows and when
        their snooze ends: pending from then on (`current_status`), so the reminder days after it DM them."""
        audience = self.members.directory.audience(team_id=team_id, campaign_id=campaign.id)
        snoozed = {
            view.user_id: view.snooze_until
            for view in self.store.attestations_for_guide(team_id=team_id, guide_id=campaign.guide, now=now)
            if view.status is Status.SNOOZED and view.snooze_until is not None and view.user_id in audience
        }
        if not snoozed:
            return []
        directory = self.members.directory.members(team_id=team_id, user_ids=set(snoozed))
        guide = self.catalog.get(campaign.guide)
        rows = [(user_id, directory.get(user_id), until) for user_id, until in sorted(snoozed.items())]
        return [(user_id, row, until) for user_id, row, until in rows if guide is None or todo_for(guide, row)]

    def _pending(self, team_id: str, campaign: Campaign, *, now: dt.datetime) -> list[tuple[str, MemberRow | None]]:
        """The audience members who have not acted and for whom the guide is a to-do, with their
        directory rows: the one answer to "who is pending" for scheduled and manager-triggered DMs."""
        audience = self.members.directory.audience(team_id=team_id, campaign_id=campaign.id)
        acted = self._not_pending(team_id, campaign.guide, now=now)
        directory = self.members.directory.members(team_id=team_id, user_ids=audience)
        guide = self.catalog.get(campaign.guide)
        rows = [(user_id, directory.get(user_id)) for user_id in sorted(audience) if user_id not in acted]
        return [(user_id, row) for user_id, row in rows if guide is None or todo_for(guide, row)]

    def _not_pending(self, team_id: str, guide_id: str, *, now: dt.datetime) -> set[str]:
        """Members who confirmed, said it doesn't apply, or are snoozed (they get the snooze's reminder)."""
        return {
            view.user_id
            for view in self.store.attestations_for_guide(team_id=team_id, guide_id=guide_id, now=now)
            if view.status is not Status.PENDING
        }

    def _snoozes(self, team_id: str, *, now: dt.datetime, guide_id: str | None = None) -> list[Snooze]:
        """The snoozes whose reminder may be due around now (of one guide, or all): those still running too,
        as a campaign's deadline day can bring a reminder before its snooze's end."""
        ended = self.store.snoozes_ended(team_id=team_id, after=now - _SNOOZE_LOOKBACK, before=now + _SNOOZE_LONGEST)
        return [
            Snooze(user_id=view.user_id, guide_id=view.guide_id, snoozed_at=view.recorded_at, until=until)
            for view in ended
            if (until := view.snooze_until) is not None and guide_id in (None, view.guide_id)
        ]

    def snooze_reminders(
        self, team_id: str, snoozes: Sequence[Snooze], *, book: CampaignBook | None = None
    ) -> list[SnoozeReminder]:
        """The DMs these snoozes promised, at the time they go out: the one answer to "when", for the
        scheduler and for the reply that tells the member. From the stored directory: never asks Slack.
        `book`: the campaigns as the caller read them (read here if not given)."""
        if not snoozes:
            return []
        book = book or self.campaigns.book(team_id=team_id)
        # The guide's latest campaign, active or not: a time that changed when the campaign ended could make a
        # reminder more than CATCH_UP late at once, and it would be skipped unsent.
        campaigns = book.latest_by_guide(team_id=team_id)
        snoozed_guides = {snooze.guide_id for snooze in snoozes}
        running = [campaign for _, campaign in book.active(team_id=team_id) if campaign.guide in snoozed_guides]
        # A campaign cuts a snooze short only for the members it asks: one over a channel they are not in is not theirs.
        # One whose audience Slack has not told yet (a file campaign before its first reminder) asks everyone, as
        # the member's status has it (Recording._asked).
        asks = {
            campaign.id: self.members.directory.audience(team_id=team_id, campaign_id=campaign.id)
            for campaign in running
        }
        directory = self.members.directory.members(team_id=team_id, user_ids={snooze.user_id for snooze in snoozes})
        reminders = []
        for snooze in snoozes:
            if self.catalog.get(snooze.guide_id) is None:
                continue
            campaign = campaigns.get(snooze.guide_id)
            member = directory.get(snooze.user_id)
            tz = zone(member.tz if member else None, fallback=self.timezone)
            same_guide = [
                running_campaign
                for running_campaign in running
                if running_campaign.guide == snooze.guide_id
                and (not asks[running_campaign.id] or snooze.user_id in asks[running_campaign.id])
            ]
            occasion = snooze_reminder(
                # Not the campaign's id: a campaign may end, be stopped or start between two ticks that
                # plan the same reminder, and a key that followed it would send it again.
                campaign_id=NO_CAMPAIGN,
                guide_id=snooze.guide_id,
                user_id=snooze.user_id,
                snoozed_at=snooze.snoozed_at,
                snooze_until=snooze.until,
                at=campaign.time_of_day if campaign else dt.time.fromisoformat(DEFAULT_REMIND_AT),
                tz=tz,
                campaigns=same_guide,
            )
            reminders.append(
                SnoozeReminder(
                    occasion=occasion,
                    day=occasion.due_at.astimezone(tz).date(),
                    deadline_of=deadline_day_of(occasion.due_at, same_guide, tz=tz),
                )
            )
        return reminders

    def _directory_fresh(self, team_id: str) -> None:
        """Members' time zones decide when their DMs go out: read the directory at least daily."""
        self.members.refresh_if_stale(team_id=team_id)

    def _unsettled(
        self, team_id: str, campaign_id: str | None, occasions: Iterable[Occasion], *, now: dt.datetime
    ) -> _Work:
        occasions = list(occasions)
        settled = self.ledger.settled(
            team_id=team_id, campaign_id=campaign_id, kinds={o.kind for o in occasions}, now=now
        )
        sorted_out = triage((o for o in occasions if (o.kind, o.key, o.target) not in settled), now=now)
        # Channel posts first: they reach the most people.
        due = sorted(sorted_out.due, key=lambda o: (o.kind is not OccasionKind.ANNOUNCEMENT, o.due_at, o.target))
        return _Work(due=due, stale=sorted_out.stale)

    def _audience_due(self, team_id: str, campaign: Campaign, *, now: dt.datetime) -> bool:
        """Never read by this process, or last read AUDIENCE_EVERY ago (and not tried in the last
        AUDIENCE_RETRY, so a Slack outage costs one try and one log line an hour)."""
        key = (team_id, campaign.id)
        tried = self._audience_tried.get(key)
        if tried is None:
            return True
        read = self._audience_at.get(key)
        if read is not None and now - read < AUDIENCE_EVERY:
            return False
        return now - tried >= AUDIENCE_RETRY

    def _audience_stale(self, team_id: str, campaign: Campaign, due: Sequence[Occasion]) -> bool:
        """Refreshed before each occasion (and daily, see `_audience_due`), so newcomers are nudged and leavers
        are not; a late occasion counts too, so what is skipped is counted against the real audience."""
        if not due:
            return False
        last = self._audience_at.get((team_id, campaign.id))
        first_due = min(occasion.due_at for occasion in due)
        return last is None or last < first_due

    def refresh_audience(self, team_id: str, campaign: Campaign, *, now: dt.datetime) -> int:
        self._audience_tried[(team_id, campaign.id)] = now
        try:
            audience = self.members.resolve(
                team_id=team_id,
                channels=campaign.channels,
                groups=campaign.groups,
                guide=self.catalog.get(campaign.guide),
            )
        except SlackError as error:
            # Keep the stored audience: a short Slack outage must not stop reminders.
            log.warning("could not refresh a campaign audience (%s); using the stored one", error.code)
            return -1
        self.members.directory.set_audience(team_id=team_id, campaign_id=campaign.id, user_ids=audience, now=now)
        self._audience_at[(team_id, campaign.id)] = now
        return len(audience)

    # -- sending ----------------------------------------------------------------------

    def _skip(
        self, team_id: str, stale: Sequence[Occasion], *, now: dt.datetime, began: dt.datetime | None = None
    ) -> DispatchReport:
        """Settle occasions too late to send. Those that were too late already when the campaign began
        (`began`) were never owed: counted apart, so the warning says only what a stopped bot missed."""
        report = DispatchReport()
        for occasion in stale:
            unowed = began is not None and too_late(occasion, now=began)
            reason = "due before the campaign began" if unowed else "late"
            if self.ledger.skip(_key(team_id, occasion), due_at=occasion.due_at, now=now, reason=reason):
                (report.unowed if unowed else report.skipped)[occasion.kind.value] += 1
        return report

    def send_all(
        self, team_id: str, due: Sequence[Occasion], render: _Render, *, guide_of: _GuideOf | None = None
    ) -> DispatchReport:
        """Claim, send and mark each occasion through the ledger, a few at a time; the one way out for
        every scheduled or manager-triggered message. A DM about a guide (`guide_of`) claims the member's
        day for it too: one whose day another DM about the guide holds is settled unsent, as spared. The first
        refusal of the database ends the fan-out (`refused`): the members after it would each wait to be
        refused too, and a later tick finds them all (a claim not given back, once its lease ends)."""
        report = DispatchReport()
        if not due:
            return report
        lock = threading.Lock()

        def send(occasion: Occasion) -> None:
            if self.stopping.is_set() or report.refused:
                with lock:
                    report.untried[occasion.kind.value] += 1
                return
            try:
                outcome = self._send_one(team_id, occasion, render, guide_of)
            except TemporarilyUnavailable as error:
                with lock:
                    report.refused = report.refused or error
                    report.untried[occasion.kind.value] += 1
                return
            if outcome is not None:
                with lock:
                    report.count(outcome)[occasion.kind.value] += 1

        with ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="privacy-bot-fanout") as pool:
            # Each in the caller's context: a caller who reports an outage once (a tick) does so for its workers.
            list(pool.map(lambda context, occasion: context.run(send, occasion), [copy_context() for _ in due], due))
        if report.refused and not outage_reported():
            log.warning(
                "the database is unavailable (%s): the messages not sent yet wait for a later tick",
                report.refused.cause,
            )
        return report

    def _send_one(
        self, team_id: str, occasion: Occasion, render: _Render, guide_of: _GuideOf | None = None
    ) -> Literal["sent", "failed", "retry", "spared"] | None:
        """Claim, render, send, mark. Returns which count the outcome goes to (None: someone else's)."""
        key = _key(team_id, occasion)
        with self._unrecorded_lock:
            unrecorded = self._unrecorded.get(key)
        if unrecorded is not None:  # sent already; only the ledger has yet to hear of it
            self._record_sent(key, unrecorded)
            return None
        now = self.clock()
        dm = self._dm_day(team_id, occasion, guide_of, now=now)
        claim = self.ledger.claim(key, due_at=occasion.due_at, now=now, lease=self.lease, dm=dm)
        if claim is Spared.DAY_TAKEN:
            return "spared"
        if claim is None:
            return None
        try:
            message = render(occasion)
            if message is None:
                self.ledger.finish(key, claim=claim, state=DeliveryState.SKIPPED, now=self.clock(), error="not needed")
                return None
            # Never still sending once the claim has lapsed: another replica may take it over and send.
            self.slack.post(occasion.target, message, within=(now + self.lease - self.clock()).total_seconds())
        except SlackError as error:
            if error.retryable:
                self.ledger.release(key, claim=claim, now=self.clock())
                return "retry"
            self.ledger.finish(key, claim=claim, state=DeliveryState.FAILED, now=self.clock(), error=error.code)
            return "failed"
        except TemporarilyUnavailable:
            # Rendering read the database and it refused: nothing was sent. Given back if it answers again at
            # once, else the claim's lease runs out and a later tick takes it over.
            with contextlib.suppress(TemporarilyUnavailable):
                self.ledger.release(key, claim=claim, now=self.clock())
            raise
        except Exception:
            # Unknown trouble: give the claim back for the next tick rather than lose the message.
            log.exception("sending a %s failed", occasion.kind.value)
            self.ledger.release(key, claim=claim, now=self.clock())
            return "retry"
        self._record_sent(key, claim)
        if dm is not None and self.reminded is not None:
            self.reminded(team_id, occasion.target, dm.guide_id)
        return "sent"

    def _record_sent(self, key: LedgerKey, claim: int) -> None:
        for _ in range(RECORD_ATTEMPTS):
            try:
                self.ledger.finish(key, claim=claim, state=DeliveryState.SENT, now=self.clock())
            except TemporarilyUnavailable:
                continue
            with self._unrecorded_lock:
                self._unrecorded.pop(key, None)
            return
        with self._unrecorded_lock:
            self._unrecorded[key] = claim
        # Within an outage reported once (a tick's) this is one of its consequences, not news of its own.
        log.log(
            logging.INFO if outage_reported() else logging.WARNING,
            "a message went out but the database was busy: recorded as sent on a later tick",
        )

    def _dm_day(self, team_id: str, occasion: Occasion, guide_of: _GuideOf | None, *, now: dt.datetime) -> DmDay | None:
        """The member's day a DM about a guide takes (a campaign's, scheduled or a manager's, of any campaign
        for the guide, or a snooze's reminder): today on their own calendar, as they read it."""
        if occasion.kind not in _DM_KINDS or guide_of is None:
            return None
        # Planned nudges and snooze reminders carry the member's zone already; a manager's nudge does not.
        tz = occasion.zone or self._zone_of(team_id, occasion.target)
        return DmDay(guide_id=guide_of(occasion), day=now.astimezone(tz).date())

    def reminded_today(self, team_id: str, user_id: str, *, now: dt.datetime) -> bool:
        """Whether a DM about a guide reached the member today, on their own calendar. Forget-me deletes that
        record with the rest (it names them), so a campaign that reads them back into its audience today may DM
        them again: they are told so before they confirm."""
        today = now.astimezone(self._zone_of(team_id, user_id)).date()
        return today in self.ledger.dm_days(team_id=team_id, target=user_id)

    def _zone_of(self, team_id: str, user_id: str) -> ZoneInfo:
        member = self.members.directory.members(team_id=team_id, user_ids=[user_id]).get(user_id)
        return zone(member.tz if member else None, fallback=self.timezone)

    def _campaign_message(self, team_id: str, campaign: Campaign, guide: Guide, occasion: Occasion) -> Message | None:
        if occasion.kind is OccasionKind.ANNOUNCEMENT:
            # Counted from the day it goes out, not the day it was due: a post caught up after midnight (an
            # evening remind_at, the bot down) is read that day, and one past the deadline day would say
            # "today is the last day" when it no longer is: that one is not posted. Nor is one that would land
            # on another reminder day: a channel hears a campaign once a day, and that day's own post (sent
            # already, or to come) says the same, counted from the same day.
            today = self.clock().astimezone(self.timezone).date()
            due_day = occasion.due_at.astimezone(self.timezone).date()
            if today > campaign.deadline or (today != due_day and today in reminder_days(campaign)):
                return None
            return self.renderer.announcement(
                guide, deadline=campaign.deadline, days_left=(campaign.deadline - today).days, command=self.command
            )
        # Counted in the member's zone, as their DM was planned: in Auckland the deadline day comes first. A
        # planned nudge carries that zone; a manager's nudge does not.
        tz = occasion.zone or self._zone_of(team_id, occasion.target)
        # Negative only for a manager's nudge on the deadline day in BOT_TIMEZONE, when the member's day is the next.
        there = occasion.due_at.astimezone(tz)
        platform = self.store.platform_of(team_id=team_id, user_id=occasion.target)
        return self.renderer.nudge(
            guide,
            deadline=campaign.deadline,
            days_left=(campaign.deadline - there.date()).days,
            utc_offset=there.utcoffset() or dt.timedelta(0),
            platform=platform,
        )

    def _snooze_message(
        self, team_id: str, reminders: Mapping[tuple[str, str], SnoozeReminder], occasion: Occasion
    ) -> Message | None:
        reminder = reminders[occasion.key, occasion.target]
        guide_id = occasion.key.partition("@")[0]
        guide = self.catalog.get(guide_id)
        if guide is None:
            return None
        campaign = reminder.deadline_of
        # The steps for the device the member last asked about, as in the campaign's own DMs.
        platform = self.store.platform_of(team_id=team_id, user_id=occasion.target)
        if campaign is not None:
            # The deadline day's own DM (which this one stands for) says what matters most today: it is the last day.
            offset = occasion.due_at.astimezone(self._zone_of(team_id, occasion.target)).utcoffset()
            return self.renderer.nudge(
                guide, deadline=campaign.deadline, days_left=0, utc_offset=offset or dt.timedelta(0), platform=platform
            )
        return self.renderer.snooze_over(guide, platform=platform)

    # -- a manager's "nudge now" ---------------------------------------------------------

    def _tell_guide_gone(self, team_id: str, campaign: Campaign) -> None:
        # Once a process, not at every tick: the scheduler looks every few seconds, and the operator needs the
        # names to act on (put the guide back in GUIDES_DIR, or stop the campaign).
        if (team_id, campaign.id) in self._guide_gone_told:
            return
        self._guide_gone_told.add((team_id, campaign.id))
        log.warning(
            "campaign %s sends nothing: its guide %s is no longer installed (put it back in GUIDES_DIR, or stop "
            "the campaign)",
            campaign.id,
            campaign.guide,
        )

    def pending_members(self, team_id: str, campaign: Campaign, *, now: dt.datetime) -> list[str]:
        return [user_id for user_id, _ in self._pending(team_id, campaign, now=now)]

    def refusals(
        self, team_id: str, campaign: Campaign, *, now: dt.datetime
    ) -> tuple[dict[DmRefusal, int], dict[str, str]]:
        """What Slack refused the campaign, as of each target's last try: members still pending whose last DM it
        refused, counted by why (each once, and no more once a later DM reached them); and channel -> the error
        of the last post, for channels no later post reached (one archived after the start answers `is_archived`).
        One read of the ledger for both."""
        refused = self.ledger.refused_to(
            team_id=team_id, campaign_id=campaign.id, kinds=(*_DM_KINDS, OccasionKind.ANNOUNCEMENT)
        )
        if not refused:  # the usual case: the audience and its statuses are not read for nothing
            return {}, {}
        unposted = {target: error for target, error in refused.items() if target in campaign.channels}
        members = {target: error for target, error in refused.items() if target not in campaign.channels}
        if not members:
            return {}, unposted
        audience = self.members.directory.audience(team_id=team_id, campaign_id=campaign.id)
        acted = self._not_pending(team_id, campaign.guide, now=now)
        counts = Counter(
            dm_refusal(error) for user_id, error in members.items() if user_id in audience and user_id not in acted
        )
        return dict(counts), unposted

    def nudgeable(self, team_id: str, campaign: Campaign, *, now: dt.datetime) -> list[str]:
        """The pending members a manager's nudge would DM now: not those whom a DM about the guide (of this
        campaign or another for the guide, scheduled or a manager's, or a snooze's reminder) reached earlier
        on their own calendar day, nor those for whom it is night or, unless the campaign reminds at weekends, the
        weekend (`reachable`)."""
        return self._not_reached_today(team_id, campaign, now=now)[0]

    def asleep(self, team_id: str, campaign: Campaign, *, now: dt.datetime) -> dict[str, dt.datetime]:
        """The pending members a manager's nudge would DM now but for the hour or the weekend where they are, with
        when a press reaches each (`next_reachable`)."""
        return self._not_reached_today(team_id, campaign, now=now)[1]

    def _not_reached_today(
        self, team_id: str, campaign: Campaign, *, now: dt.datetime
    ) -> tuple[list[str], dict[str, dt.datetime]]:
        last = self.ledger.last_sent_to(team_id=team_id, guide_id=campaign.guide, kinds=_DM_KINDS)
        day: list[str] = []
        night: dict[str, dt.datetime] = {}
        for user_id, member in self._pending(team_id, campaign, now=now):
            tz = zone(member.tz if member else None, fallback=self.timezone)
            reached = last.get(user_id)
            if reached is None or reached.astimezone(tz).date() != now.astimezone(tz).date():
                if reachable(campaign, now, tz=tz):
                    day.append(user_id)
                else:
                    night[user_id] = next_reachable(campaign, now, tz=tz)
        return day, night

    def nudge_now(self, team_id: str, campaign: Campaign, *, now: dt.datetime) -> DispatchReport:
        """DM the `nudgeable` members now; the ledger key is the bot's day, so two managers' clicks at once
        send each DM once."""
        guide = self.catalog.get(campaign.guide)
        if guide is None:
            return DispatchReport()
        day = now.astimezone(self.timezone).date().isoformat()
        occasions = [
            Occasion(campaign_id=campaign.id, kind=OccasionKind.MANUAL_NUDGE, key=day, target=user_id, due_at=now)
            for user_id in self.nudgeable(team_id, campaign, now=now)
        ]
        work = self._unsettled(team_id, campaign.id, occasions, now=now)
        return self.send_all(
            team_id,
            work.due,
            lambda occasion: self._campaign_message(team_id, campaign, guide, occasion),
            guide_of=lambda _: campaign.guide,
        )

    # -- what is coming ------------------------------------------------------------------

    def upcoming(self, *, now: dt.datetime, days: int) -> list[Upcoming]:
        """Occasions in the next `days`, grouped by time, campaign (or a snooze's guide) and kind; from the
        stored directory only. DMs are counted as they will go: one about a guide a member's day, the first
        due (of two campaigns for the guide at one time, the one a tick sends first), none on a day a DM
        about the guide reached the member already."""
        until = now + dt.timedelta(days=days)
        planned: list[tuple[str, str, str, Occasion]] = []  # team, campaign (or NO_CAMPAIGN), guide, occasion
        teams = set(self.store.teams_with_snoozes())
        book = self.campaigns.book()
        for team_id, campaign in book.active():
            teams.add(team_id)
            if self.catalog.get(campaign.guide) is None:
                continue  # dispatch_due sends nothing for it: listing its reminders would promise them
            planned.extend(
                (team_id, campaign.id, campaign.guide, occasion)
                # Ahead: a member snoozed now is pending again once their snooze ends, and DMed then.
                for occasion in self.plan(team_id, campaign, now=now, book=book, ahead=True)
                if now <= occasion.due_at <= until
            )
        # What "Remind me later" promised is as much a scheduled DM as a campaign's, campaign or none; one
        # missed and not sent yet goes when `caught_up` says.
        for team_id in sorted(teams):
            reminders = self.snooze_reminders(team_id, self._snoozes(team_id, now=now), book=book)
            missed = [r.occasion for r in reminders if r.occasion.due_at < now]
            owed = self._unsettled(team_id, None, missed, now=now).stale if missed else []
            for reminder in reminders:
                occasion = reminder.occasion
                if occasion in owed:
                    occasion = caught_up(occasion, now=now)
                if now <= occasion.due_at <= until:
                    planned.append((team_id, NO_CAMPAIGN, _snoozed_guide(occasion), occasion))
        reached: dict[tuple[str, str], dict[str, dt.datetime]] = {}
        taken: set[tuple[str, str, str, dt.date]] = set()
        counts: Counter[tuple[dt.datetime, str, str, str, OccasionKind]] = Counter()
        # Stable: at one time, in the order a tick claims them (campaigns as listed, then snooze reminders).
        for team_id, campaign_id, guide_id, occasion in sorted(planned, key=lambda item: item[3].due_at):
            if occasion.kind in _DM_KINDS:
                tz = occasion.zone or self.timezone
                day = occasion.due_at.astimezone(tz).date()
                if (team_id, guide_id) not in reached:
                    reached[team_id, guide_id] = self.ledger.last_sent_to(
                        team_id=team_id, guide_id=guide_id, kinds=_DM_KINDS
                    )
                last = reached[team_id, guide_id].get(occasion.target)
                slot = (team_id, occasion.target, guide_id, day)
                if slot in taken or (last is not None and last.astimezone(tz).date() == day):
                    continue
                taken.add(slot)
            counts[(occasion.due_at, team_id, campaign_id, guide_id, occasion.kind)] += 1
        return [
            Upcoming(when=when, team_id=team_id, campaign_id=campaign_id, guide_id=guide_id, kind=kind, count=count)
            for (when, team_id, campaign_id, guide_id, kind), count in sorted(
                counts.items(), key=lambda item: (item[0][0], item[0][2] or item[0][3], item[0][4], item[0][1])
            )
        ]


@dataclass(frozen=True)
class _Work:
    due: list[Occasion]
    stale: list[Occasion]


_Render = Callable[[Occasion], Message | None]
_GuideOf = Callable[[Occasion], str]  # the guide a DM is about
# The DMs a member gets about a guide, from any campaign for it or a snooze: at most one a day where they are.
_DM_KINDS: tuple[OccasionKind, ...] = (OccasionKind.NUDGE, OccasionKind.MANUAL_NUDGE, OccasionKind.SNOOZE_END)


_REFUSALS: Mapping[str, DmRefusal] = {
    **dict.fromkeys(("user_not_found", "user_disabled", "channel_not_found", "cannot_dm_bot"), DmRefusal.GONE),
    **dict.fromkeys(("restricted_action", "not_in_channel"), DmRefusal.RESTRICTED),
    "messages_tab_disabled": DmRefusal.MESSAGES_TAB,
    **dict.fromkeys(
        (
            "account_inactive",
            "invalid_auth",
            "not_authed",
            "token_revoked",
            "token_expired",
            "not_allowed_token_type",
            "missing_scope",
            "no_permission",
            "access_denied",
            "team_access_not_granted",
            "ekm_access_denied",
        ),
        DmRefusal.ACCESS,
    ),
}


def dm_refusal(error: str) -> DmRefusal:
    """What Slack's error code on a DM means to a manager."""
    return _REFUSALS.get(error, DmRefusal.OTHER)


def _moved(reminder: SnoozeReminder, occasion: Occasion) -> SnoozeReminder:
    """The reminder at the time `caught_up` gave it: past its campaign's deadline day it no longer speaks for
    that day's DM."""
    tz = occasion.zone or dt.UTC
    day = occasion.due_at.astimezone(tz).date()
    campaign = reminder.deadline_of
    return SnoozeReminder(
        occasion=occasion, day=day, deadline_of=campaign if campaign is not None and campaign.deadline == day else None
    )


def _began(book: CampaignBook, team_id: str, campaign: Campaign) -> dt.datetime | None:
    """When a manager started the campaign in Slack. Not for CAMPAIGNS_FILE: the bot first reads a file
    campaign when it starts, which may be long after the operator wrote it, with its reminders owed."""
    stored = book.stored_of(team_id=team_id, campaign_id=campaign.id)
    return stored.started_at if stored is not None and stored.origin == "slack" else None


def _snoozed_guide(occasion: Occasion) -> str:
    return occasion.key.partition("@")[0]  # a snooze reminder is keyed `<guide>@<snooze end>`


def _key(team_id: str, occasion: Occasion) -> LedgerKey:
    return LedgerKey(
        team_id=team_id,
        campaign_id=occasion.campaign_id,
        kind=occasion.kind,
        occasion=occasion.key,
        target=occasion.target,
    )
