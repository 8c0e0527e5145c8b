"""Use cases, one module each; `Services` bundles them for the Slack layer and the scheduler."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # importing one use case (or a value of one) must not load them all, and the store with them
    from bot.guides.catalog import Catalog
    from bot.service.answering import Answering
    from bot.service.background import Background
    from bot.service.campaigns import Campaigns
    from bot.service.delivery import Delivery
    from bot.service.digests import Digests
    from bot.service.members import Members
    from bot.service.recording import Recording
    from bot.service.reports import Reports


@dataclass(frozen=True)
class Services:
    catalog: Catalog
    answering: Answering
    recording: Recording
    members: Members
    campaigns: Campaigns
    delivery: Delivery
    reports: Reports
    digests: Digests
    background: Background  # what they run off the request thread: a stopping process waits for it


__all__ = ["Services"]
