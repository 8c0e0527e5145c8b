"""Digests: each manager's weekly summary DM (Mondays 09:00 in BOT_TIMEZONE) while a campaign runs, and
a final one the day after its deadline.

Each digest is an occasion in the delivery ledger, keyed by campaign, ISO week (or "final") and
manager, and goes out through `Delivery.send_all`: once, across restarts and replicas. One missed by
more than CATCH_UP (the bot was down all Monday) is recorded as skipped, never sent stale. Managers
who said `/privacy digest off` get none.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from typing import Final
from zoneinfo import ZoneInfo

from bot.campaigns import Occasion, is_over, local_time, triage
from bot.core import OccasionKind
from bot.reports import Summary
from bot.service.clock import Clock
from bot.service.delivery import Delivery, DispatchReport
from bot.service.members import Members
from bot.service.ports import Message, ReportRenderer
from bot.service.reports import Reports
from bot.store.campaign_rows import StoredCampaign
from bot.store.ledger import LedgerKey

log = logging.getLogger(__name__)

DIGEST_AT: Final = dt.time(9, 0)
MONDAY: Final = 0
_Due = tuple[OccasionKind, str, dt.datetime]  # kind, ledger key, due time


def weekly_key(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


class Digests:
    def __init__(
        self,
        *,
        reports: Reports,
        members: Members,
        delivery: Delivery,
        renderer: ReportRenderer,
        clock: Clock,
        timezone: ZoneInfo,
        command: str,
    ) -> None:
        self.reports = reports
        self.members = members
        self.delivery = delivery
        self.renderer = renderer
        self.clock = clock
        self.timezone = timezone
        self.command = command

    def dispatch_digests(self, now: dt.datetime | None = None, *, team_id: str | None = None) -> DispatchReport:
        """Send every digest due now, once: of one workspace, as dispatch_due does. The scheduler's tick
        calls this beside dispatch_due."""
        now = now or self.clock()
        report = DispatchReport()
        for team, stored in self.reports.campaigns.all(team_id=team_id):
            if self.delivery.stopping.is_set():
                break
            if is_over(stored.campaign, now=now):
                continue  # its final digest is past catching up: looking again would only record it skipped
            due = self.due(stored, now=now)
            if not due:
                continue
            report.add(self._dispatch(team, stored, due, now=now))
        if report.sent or report.skipped or report.failed:
            log.info(
                "digests: sent %s, skipped %s, failed %s", dict(report.sent), dict(report.skipped), dict(report.failed)
            )
        return report

    def next_at(self, *, now: dt.datetime) -> dt.datetime | None:
        """When the next digest falls due (a Monday's, or a final one), for `schedule`-like views."""
        upcoming: list[dt.datetime] = []
        today = now.astimezone(self.timezone).date()
        for _, stored in self.reports.campaigns.all():
            deadline = stored.campaign.deadline
            monday = today + dt.timedelta(days=(MONDAY - today.weekday()) % 7)
            for day in (monday, monday + dt.timedelta(days=7)):
                at = local_time(day, DIGEST_AT, self.timezone)
                if now < at and day <= deadline:
                    upcoming.append(at)
            final_at = local_time(deadline + dt.timedelta(days=1), DIGEST_AT, self.timezone)
            if now < final_at:
                upcoming.append(final_at)
        return min(upcoming, default=None)

    def due(self, stored: StoredCampaign, *, now: dt.datetime) -> list[_Due]:
        """(kind, key, due time) of the digests this campaign has had due by `now`: this week's and the final."""
        campaign = stored.campaign
        today = now.astimezone(self.timezone).date()
        found: list[_Due] = []
        monday = today - dt.timedelta(days=today.weekday() - MONDAY)
        weekly_at = local_time(monday, DIGEST_AT, self.timezone)
        if stored.started_at < weekly_at <= now and monday <= campaign.deadline:
            found.append((OccasionKind.DIGEST, weekly_key(monday), weekly_at))
        final_at = local_time(campaign.deadline + dt.timedelta(days=1), DIGEST_AT, self.timezone)
        if final_at <= now:
            found.append((OccasionKind.FINAL_DIGEST, campaign.deadline.isoformat(), final_at))
        return found

    def _dispatch(
        self,
        team_id: str,
        stored: StoredCampaign,
        due: list[tuple[OccasionKind, str, dt.datetime]],
        *,
        now: dt.datetime,
    ) -> DispatchReport:
        campaign = stored.campaign
        off = self.reports.optouts.off(team_id=team_id)
        managers = [user for user in self.members.managers(team_id=team_id) if user not in off]
        occasions = [
            Occasion(campaign_id=campaign.id, kind=kind, key=key, target=manager, due_at=at)
            for kind, key, at in due
            for manager in managers
        ]
        ledger = self.delivery.ledger
        settled = ledger.settled(team_id=team_id, campaign_id=campaign.id, kinds={kind for kind, _, _ in due}, now=now)
        sorted_out = triage((o for o in occasions if (o.kind, o.key, o.target) not in settled), now=now)
        report = DispatchReport()
        for occasion in sorted_out.stale:
            key = LedgerKey(team_id, campaign.id, occasion.kind, occasion.key, occasion.target)
            if ledger.skip(key, due_at=occasion.due_at, now=now, reason="late"):
                report.skipped[occasion.kind.value] += 1
        if not sorted_out.due:
            return report
        summary: list[Summary] = []  # computed once, by the first digest this tick actually sends
        once = threading.Lock()

        def render(occasion: Occasion) -> Message | None:
            if occasion.target in self.reports.optouts.off(team_id=team_id):
                return None  # turned off since this tick began
            with once:
                if not summary:
                    summary.append(self.reports.summarize(team_id, stored))
            final = occasion.kind is OccasionKind.FINAL_DIGEST
            return self.renderer.digest(summary[0], final=final, command=self.command)

        report.add(self.delivery.send_all(team_id, sorted_out.due, render))
        return report
