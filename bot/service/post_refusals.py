"""Telling the manager who started a campaign that a channel refused its post: one DM per campaign and channel,
at the first refusal, through the delivery ledger as every message goes (once across restarts and replicas).

A campaign with no such manager (CAMPAIGNS_FILE, or a starter who used forget-me) is logged once a process
instead; its report, digest and App Home name the channel either way.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping

from bot import strings
from bot.campaigns import Campaign, Occasion
from bot.core import OccasionKind
from bot.service.clock import Clock
from bot.service.delivery import Delivery, DispatchReport
from bot.service.ports import Message, ReportRenderer
from bot.store.repo import Store

log = logging.getLogger(__name__)


class PostRefusals:
    def __init__(
        self, *, delivery: Delivery, store: Store, renderer: ReportRenderer, clock: Clock, command: str
    ) -> None:
        self.delivery = delivery
        self.store = store
        self.renderer = renderer
        self.clock = clock
        self.command = command
        self._logged: set[tuple[str, str, str]] = set()  # (team, campaign, channel) a warning named already
        self._lock = threading.Lock()

    def tell(self, team_id: str, campaign: Campaign, refused: Mapping[str, str]) -> DispatchReport:
        """`refused`: channel -> Slack's error, for the campaign's posts Slack refused just now."""
        starter = self.store.campaign_starter(team_id=team_id, campaign_id=campaign.id)
        if starter is None:
            self._log_once(team_id, campaign, refused)
            return DispatchReport()
        now = self.clock()
        occasions = [
            Occasion(campaign_id=campaign.id, kind=OccasionKind.POST_REFUSED, key=channel, target=starter, due_at=now)
            for channel in sorted(refused)
        ]
        return self.delivery.send_all(team_id, occasions, lambda occasion: self._message(campaign, occasion, refused))

    def _message(self, campaign: Campaign, occasion: Occasion, refused: Mapping[str, str]) -> Message:
        code = refused[occasion.key]
        why = strings.CAMPAIGN_UNPOSTED_WHY.get(code) or strings.REPORT_UNPOSTED_OTHER.format(code=strings.escape(code))
        todo = ""
        if code in strings.INVITE_FIXES:
            bot = self.delivery.members.bot_user_id
            invite = strings.CAMPAIGN_INVITE_ME.format(bot=bot) if bot else strings.CAMPAIGN_INVITE_ME_UNNAMED
            todo = strings.REFUSED_POST_INVITE.format(invite=invite)
        text = strings.REFUSED_POST.format(id=campaign.id, channel=occasion.key, why=why, todo=todo, cmd=self.command)
        return self.renderer.note(text)

    def _log_once(self, team_id: str, campaign: Campaign, refused: Mapping[str, str]) -> None:
        for channel, code in sorted(refused.items()):
            with self._lock:
                if (team_id, campaign.id, channel) in self._logged:
                    continue
                self._logged.add((team_id, campaign.id, channel))
            log.warning(
                "campaign %s: Slack refused its post in %s (%s); no manager started it in Slack to tell by DM, so"
                " its report, digest and App Home name the channel",
                campaign.id,
                channel,
                code,
            )
