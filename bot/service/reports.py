"""The manager summary: counts, pending names, trend and the CSV of a campaign; nudge and export on demand.

Used by Slack (`/privacy report|nudge|digest`, the buttons, App Home), by the digests and by
`privacy-bot report`. What may be shown is decided here once: below REPORT_MIN_GROUP a summary, a
CSV and a JSON report carry counts only. Work that talks to Slack at length (a nudge fan-out, a CSV
upload) runs in a background thread, so the request that asked for it is answered at once.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
from dataclasses import dataclass, replace
from typing import TextIO
from zoneinfo import ZoneInfo

from bot import strings
from bot.campaigns import Campaign, deadline_passed
from bot.core import DmRefusal, OccasionKind, TemporarilyUnavailable
from bot.guides.catalog import Catalog
from bot.reports import (
    PENDING_SHOWN,
    Counts,
    Snoozed,
    Summary,
    day_slots,
    first_snooze_end_text,
    json_report,
    names_hidden,
    summarize,
    trend_days,
    write_counts_csv,
    write_csv,
)
from bot.service.background import Background
from bot.service.besteffort import best_effort
from bot.service.campaigns import find_campaign
from bot.service.clock import Clock
from bot.service.delivery import Delivery
from bot.service.errors import UserFacingError
from bot.service.ports import Message, ReportRenderer, SlackError, SlackPort
from bot.store.campaign_rows import CampaignStore, StoredCampaign
from bot.store.repo import REPORT_EXPORTED, REPORT_NUDGED, DigestOptOuts
from bot.store.reports import ReportQueries

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class NudgeStarted:
    campaign: Campaign
    count: int  # members who will get a DM now (pending, and not nudged today yet)
    pending: int  # members pending at all
    asleep: int = 0  # members it would nudge but for the hour (or weekend) where they are: a later press reaches them
    reachable_from: dt.datetime | None = None  # when a press reaches the first of those


@dataclass(frozen=True)
class PastCampaign:
    """A stopped or ended campaign, and the day it stopped or its deadline (in BOT_TIMEZONE)."""

    id: str
    day: dt.date
    stopped: bool


class Reports:
    def __init__(
        self,
        *,
        catalog: Catalog,
        campaigns: CampaignStore,
        queries: ReportQueries,
        delivery: Delivery,
        optouts: DigestOptOuts,
        slack: SlackPort,
        renderer: ReportRenderer,
        clock: Clock,
        timezone: ZoneInfo,
        min_group: int,
        background: Background,
    ) -> None:
        self.catalog = catalog
        self.campaigns = campaigns
        self.queries = queries
        self.delivery = delivery
        self.optouts = optouts
        self.slack = slack
        self.renderer = renderer
        self.clock = clock
        self.timezone = timezone
        self.min_group = min_group
        self.background = background

    # -- summaries -----------------------------------------------------------------------

    def summary(self, *, team_id: str, campaign_id: str, command: str = "/privacy") -> Summary:
        return self.summarize(team_id, self.find(team_id=team_id, reference=campaign_id, command=command))

    def summaries(self, *, team_id: str) -> list[Summary]:
        """Every active campaign of the workspace (not stopped, and its deadline not passed in BOT_TIMEZONE),
        oldest first."""
        return [self.summarize(team_id, stored) for stored in self.active(team_id=team_id)]

    def past(self, *, team_id: str) -> int:
        """The workspace's stopped or ended campaigns: their reports are still there when none runs."""
        now = self.clock()
        return sum(
            1
            for _, stored in self.campaigns.all(team_id=team_id, include_stopped=True)
            if stored.stopped_at is not None or deadline_passed(stored.campaign, now=now, tz=self.timezone)
        )

    def last_past(self, *, team_id: str) -> PastCampaign | None:
        """Of the workspace's stopped or ended campaigns, the one that ended last: the report a manager most likely
        looks for when none runs. A campaign stopped after its deadline had ended already, on its deadline."""
        now, last = self.clock(), None
        for _, stored in self.campaigns.all(team_id=team_id, include_stopped=True):
            campaign = stored.campaign
            stopped = stored.stopped_at.astimezone(self.timezone).date() if stored.stopped_at is not None else None
            if stopped is not None and stopped <= campaign.deadline:
                past = PastCampaign(id=campaign.id, day=stopped, stopped=True)
            elif stopped is not None or deadline_passed(campaign, now=now, tz=self.timezone):
                past = PastCampaign(id=campaign.id, day=campaign.deadline, stopped=False)
            else:
                continue
            if last is None or past.day > last.day:
                last = past
        return last

    def active(self, *, team_id: str) -> list[StoredCampaign]:
        """Not ended: a campaign whose deadline has passed is reported as ended, even while its last hours still
        send (DMs to members further west, its final digest), as `campaign list` and the command line say."""
        now = self.clock()
        return [
            stored
            for _, stored in self.campaigns.all(team_id=team_id)
            if not deadline_passed(stored.campaign, now=now, tz=self.timezone)
        ]

    def summarize(self, team_id: str, stored: StoredCampaign, *, trend: bool = True) -> Summary:
        """Two queries for the counts and the first pending names, one more for the trend, one for what Slack
        refused (and, when it refused DMs, the audience and statuses to count them by)."""
        campaign, now = stored.campaign, self.clock()
        key = {"team_id": team_id, "campaign_id": campaign.id, "guide_id": campaign.guide}
        tally = self.queries.tally(**key, now=now)
        counts = Counts.of(tally)
        hidden = names_hidden(counts.audience, min_group=self.min_group)
        pending = [] if hidden else self.queries.first_pending(**key, now=now, limit=PENDING_SHOWN)
        snoozed = (
            [] if hidden or not counts.snoozed else self.queries.first_snoozed(**key, now=now, limit=PENDING_SHOWN)
        )
        first_end = self._first_snooze_end(key, counts, snoozed, now=now)
        stopped_by = (
            self.queries.stopped_by(team_id=team_id, campaign_id=campaign.id, stopped_at=stored.stopped_at)
            if stored.stopped_at is not None
            else None
        )
        answered = self._answered(key, stored, now=now) if trend else []
        guide = self.catalog.get(campaign.guide)
        unreachable, refused_posts = self.delivery.refusals(team_id, campaign, now=now)
        unposted = tuple(sorted(refused_posts.items()))
        summary = summarize(
            campaign_id=campaign.id,
            guide_id=campaign.guide,
            title=guide.title if guide else campaign.guide,
            deadline=campaign.deadline,
            started_at=stored.started_at,
            tally=tally,
            answered=answered,
            pending=pending,
            now=now,
            tz=self.timezone,
            min_group=self.min_group,
            snoozed=snoozed,
            first_snooze_end=first_end,
            stopped_at=stored.stopped_at,
            stopped_by=stopped_by,
            guide_gone=guide is None,
        )
        if not unreachable and not unposted:
            return summary
        return replace(
            summary,
            unreachable=tuple((why, n) for why in DmRefusal if (n := unreachable.get(why, 0))),
            unposted=unposted,
        )

    def _first_snooze_end(
        self, key: dict[str, str], counts: Counts, snoozed: list[Snoozed], *, now: dt.datetime
    ) -> dt.datetime | None:
        """From the listed snoozes (soonest first) when names are shown, else asked apart: a time, no name."""
        if not counts.snoozed:
            return None
        if snoozed:
            return snoozed[0].until
        return self.queries.first_snooze_end(**key, now=now)

    def _answered(
        self, key: dict[str, str], stored: StoredCampaign, *, now: dt.datetime
    ) -> list[tuple[dt.datetime, int]]:
        """Answers counted in slots of time that each fall on one day of the trend, in the zone's offset of
        that day: not of today's, which across a change of 30 minutes (Lord Howe Island) would move answers
        near midnight onto the day before or after."""
        first, last = trend_days(
            started_at=stored.started_at,
            deadline=stored.campaign.deadline,
            now=now,
            tz=self.timezone,
            stopped_at=stored.stopped_at,
        )
        slots = day_slots(self.timezone, first=first, last=last + dt.timedelta(days=1))
        return self.queries.answered_per_slot(**key, seconds=slots.seconds, at=slots.at)

    def find(self, *, team_id: str, reference: str, command: str = "/privacy") -> StoredCampaign:
        return find_campaign(
            self.campaigns, team_id=team_id, reference=reference, now=self.clock(), command=command, tz=self.timezone
        )

    # -- exports -----------------------------------------------------------------------

    def write_csv(self, *, team_id: str, stored: StoredCampaign, out: TextIO) -> int | None:
        """The CSV, streamed to `out`; counts only when names are hidden. Returns the member rows written,
        or None when only counts were (REPORT_MIN_GROUP)."""
        campaign, now = stored.campaign, self.clock()
        summary = self.summarize(team_id, stored, trend=False)
        if summary.names_hidden:
            write_counts_csv(summary.counts, out)
            return None
        rows = self.queries.rows(team_id=team_id, campaign_id=campaign.id, guide_id=campaign.guide)
        return write_csv(rows, out, now=now)

    def json(self, *, team_id: str, stored: StoredCampaign) -> dict[str, object]:
        summary = self.summarize(team_id, stored, trend=False)
        campaign = stored.campaign
        rows = self.queries.rows(team_id=team_id, campaign_id=campaign.id, guide_id=campaign.guide)
        return json_report(summary, rows, now=self.clock())

    def export_to_dm(self, *, team_id: str, user_id: str, campaign_id: str, command: str) -> Campaign:
        """Build the CSV and upload it to the manager's DM, in the background; returns at once."""
        stored = self.find(team_id=team_id, reference=campaign_id, command=command)
        self._audit(team_id, user_id, REPORT_EXPORTED, stored.campaign)
        self.background.run("export", lambda: self._upload(team_id, user_id, stored))
        return stored.campaign

    def _upload(self, team_id: str, user_id: str, stored: StoredCampaign) -> None:
        buffer = io.StringIO()
        campaign = stored.campaign
        try:
            rows = self.write_csv(team_id=team_id, stored=stored, out=buffer)
        except TemporarilyUnavailable:
            # The manager was told it is coming: they hear it is not, and the task's end is logged once.
            self._tell(user_id, self.renderer.note(strings.EXPORT_CUT_SHORT.format(id=campaign.id)))
            raise
        day = self.clock().astimezone(self.timezone).date().isoformat()
        try:
            self.slack.upload(
                user_id=user_id,
                filename=f"{campaign.id}-{day}.csv",
                # With the byte-order mark Excel, opened by a double-click, reads UTF-8 and not the
                # machine's code page, which would garble every accented or non-Latin name.
                content=buffer.getvalue().encode("utf-8-sig"),
                title=strings.EXPORT_TITLE.format(id=campaign.id, day=day),
                comment=strings.EXPORT_COMMENT_COUNTS.format(id=campaign.id)
                if rows is None
                else strings.EXPORT_COMMENT.format(id=campaign.id, rows=strings.members(rows)),
            )
        except SlackError as error:
            log.warning("could not upload a report (%s)", error.code)
            self._tell(user_id, self.renderer.note(strings.EXPORT_FAILED.format(id=campaign.id)))

    # -- nudge now ---------------------------------------------------------------------

    def nudge(self, *, team_id: str, user_id: str, campaign_id: str, command: str) -> NudgeStarted:
        """DM the campaign's pending members now (once a day at most, through the ledger), in the
        background; the manager gets a DM when the last one went."""
        stored = self.find(team_id=team_id, reference=campaign_id, command=command)
        campaign, now = stored.campaign, self.clock()
        if stored.stopped_at is not None or now.astimezone(self.timezone).date() > campaign.deadline:
            # The one whose deadline comes first, the others named: the one started last, however far off its
            # deadline, was no answer to "which do I nudge instead?".
            running = sorted(
                (other.campaign.deadline, other.campaign.id)
                for other in self.active(team_id=team_id)
                if other.campaign.guide == campaign.guide
                and other.campaign.id != campaign.id
                and now.astimezone(self.timezone).date() <= other.campaign.deadline
            )
            instead = ""
            if len(running) == 1:
                instead = strings.NUDGE_RUNNING_INSTEAD.format(other=running[0][1], cmd=command)
            elif running:
                (deadline, first), *others = running
                instead = strings.NUDGE_RUNNING_INSTEAD_NEAREST.format(
                    other=first,
                    deadline=deadline.isoformat(),
                    cmd=command,
                    others=strings.and_list([f"*{other}*" for _, other in others]),
                )
            why = strings.CAMPAIGN_NUDGE_STOPPED if stored.stopped_at else strings.CAMPAIGN_NUDGE_DEADLINE_PASSED
            raise UserFacingError(why.format(id=campaign.id, deadline=campaign.deadline.isoformat(), instead=instead))
        if self.catalog.get(campaign.guide) is None:
            # The fan-out would send nothing (no guide to send), after promising the manager it had begun.
            raise UserFacingError(strings.NUDGE_GUIDE_GONE.format(id=campaign.id, guide=campaign.guide))
        day = now.astimezone(self.timezone).date().isoformat()
        settled = self.delivery.ledger.settled(
            team_id=team_id, campaign_id=campaign.id, kinds={OccasionKind.MANUAL_NUDGE}, now=now
        )
        done_today = {target for kind, key, target in settled if key == day}
        pending = self.delivery.pending_members(team_id, campaign, now=now)
        if not pending:
            self._nobody_pending(team_id, stored)
        count = len(set(self.delivery.nudgeable(team_id, campaign, now=now)) - done_today)
        asleep = {
            user_id: at
            for user_id, at in self.delivery.asleep(team_id, campaign, now=now).items()
            if user_id not in done_today
        }
        if count:
            self._audit(team_id, user_id, REPORT_NUDGED, campaign)
            self.background.run("nudge", lambda: self._nudge(team_id, user_id, campaign, day))
        return NudgeStarted(
            campaign=campaign,
            count=count,
            pending=len(pending),
            asleep=len(asleep),
            reachable_from=min(asleep.values(), default=None),
        )

    def _nobody_pending(self, team_id: str, stored: StoredCampaign) -> None:
        """Nobody to nudge, but some snoozed: said with when the first snooze ends, as the report says it, so that
        "nobody is pending" is not read as everyone having answered."""
        summary = self.summarize(team_id, stored, trend=False)
        if summary.counts.snoozed and not summary.counts.pending:
            raise UserFacingError(
                strings.NUDGE_NONE_PENDING_SNOOZED.format(
                    id=stored.campaign.id,
                    snoozed=summary.counts.snoozed,
                    first_end=first_snooze_end_text(summary),
                )
            )

    def _nudge(self, team_id: str, user_id: str, campaign: Campaign, day: str) -> None:
        """The fan-out, then the manager's DM saying how it went: also when it was cut short (the process
        stopping, the database gone), which a manager would otherwise take for "all sent"."""
        kind = OccasionKind.MANUAL_NUDGE.value
        try:
            report = self.delivery.nudge_now(team_id, campaign, now=self.clock())
        except TemporarilyUnavailable:
            self._tell(user_id, self.renderer.note(strings.NUDGE_NOT_SENT.format(id=campaign.id)))
            raise
        sent = report.sent[kind]
        if report.untried[kind]:
            left = report.untried[kind] + report.retry[kind] + report.failed[kind]
            text = strings.NUDGE_CUT_SHORT.format(
                id=campaign.id, sent=strings.members(sent), left=strings.members(left)
            )
            self._tell(user_id, self.renderer.note(text))
            if report.refused:
                raise report.refused
            return
        last = self.delivery.ledger.last_sent(
            team_id=team_id, campaign_id=campaign.id, kind=OccasionKind.MANUAL_NUDGE, occasion=day
        )
        # Refused for good is not "press again": that day's key is settled, and Slack would refuse again anyway.
        done = self.renderer.nudge_done(
            campaign_id=campaign.id, sent=sent, failed=report.retry[kind], last=last, refused=report.failed[kind]
        )
        self._tell(user_id, done)

    def _audit(self, team_id: str, user_id: str, action: str, campaign: Campaign) -> None:
        """The audit log's line for a manager's export or nudge (the manager as actor, so their forget-me
        removes it). Best effort, as a refusal's: a busy database costs the line, not the manager's answer."""
        now = self.clock()
        store = self.delivery.store
        best_effort(
            f"auditing a {action}",
            lambda: store.audit_action(
                team_id=team_id, actor_id=user_id, action=action, now=now, detail={"campaign": campaign.id}
            ),
        )

    def _tell(self, user_id: str, message: Message) -> None:
        try:
            self.slack.post(user_id, message)
        except SlackError as error:
            log.warning("could not tell a manager a background task ended (%s)", error.code)

    # -- digests on|off ----------------------------------------------------------------

    def digest_on(self, *, team_id: str, user_id: str) -> bool:
        return user_id not in self.optouts.off(team_id=team_id)

    def set_digest(self, *, team_id: str, user_id: str, on: bool) -> bool:
        return self.optouts.switch(team_id=team_id, user_id=user_id, on=on, now=self.clock())
