"""App Home for managers: each active campaign's progress and trend below their own guides.

Refreshed when the manager opens Home, and after members answer: at most once a minute per manager,
and only for managers who opened Home since this process started (a trailing refresh makes sure the
last answer of a burst is shown). Summaries are computed on the outbound worker, never on the
request thread of the click that changed them.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from typing import Any

from bot.service import Services
from bot.service.recording import GuideStatus
from bot.slack import report_views, views
from bot.slack.gateway import SlackGateway

log = logging.getLogger(__name__)

MIN_INTERVAL_S = 60.0
# Blocks a manager's campaigns section may always take on Home: its heading and five campaigns.
MIN_CAMPAIGN_ROOM = 4 + 3 * 5


def publish(*, services: Services, gateway: SlackGateway, team_id: str, user_id: str, command: str) -> None:
    """Queue a manager's Home: their statuses and the campaigns section, computed on the outbound worker."""

    def view() -> dict[str, Any]:
        statuses: Sequence[GuideStatus] = services.recording.status(team_id=team_id, user_id=user_id)
        summaries = services.reports.summaries(team_id=team_id)
        past = 0 if summaries else services.reports.past(team_id=team_id)
        last = services.reports.last_past(team_id=team_id) if past else None
        # The campaigns keep room for a few even beside a long catalog: the member's part gives way instead.
        room = max(MIN_CAMPAIGN_ROOM, views.MAX_VIEW_BLOCKS - len(views.home_view(statuses).blocks))
        manager = report_views.home_blocks(summaries, command=command, room=room, past=past, last=last)
        return views.home_view(statuses, manager=manager).to_dict()

    gateway.publish_home_later(user_id, view)


class ManagerHomes:
    """Which managers watch Home, and when each was last refreshed."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._watching: dict[str, set[str]] = {}
        self._last: dict[tuple[str, str], float] = {}
        self._timers: dict[tuple[str, str], threading.Timer] = {}

    def opened(self, *, team_id: str, user_id: str) -> None:
        with self._lock:
            self._watching.setdefault(team_id, set()).add(user_id)
            self._last[(team_id, user_id)] = time.monotonic()

    def changed(self, *, team_id: str, services: Services, gateway: SlackGateway, command: str) -> None:
        """A member's status changed: refresh each watching manager's Home once their minute is up."""
        now = time.monotonic()
        with self._lock:
            for user_id in self._watching.get(team_id, set()):
                key = (team_id, user_id)
                if key in self._timers:
                    continue  # a refresh is already on its way and will show this change too
                wait = max(0.0, self._last.get(key, 0.0) + MIN_INTERVAL_S - now)
                timer = threading.Timer(wait, self._refresh, args=(key, services, gateway, command))
                timer.daemon = True
                self._timers[key] = timer
                timer.start()

    def _refresh(self, key: tuple[str, str], services: Services, gateway: SlackGateway, command: str) -> None:
        with self._lock:
            self._timers.pop(key, None)
            self._last[key] = time.monotonic()
        team_id, user_id = key
        if services.delivery.stopping.is_set():
            return  # shutting down: the Home can wait for the next start
        try:
            if services.members.is_manager(team_id=team_id, user_id=user_id):
                publish(services=services, gateway=gateway, team_id=team_id, user_id=user_id, command=command)
            else:
                with self._lock:
                    self._watching.get(team_id, set()).discard(user_id)
        except Exception:
            log.exception("could not refresh a manager's App Home")
