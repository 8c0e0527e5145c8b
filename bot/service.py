"""Use cases the Slack layer calls: answer a question, record what a member did, status, forget-me."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import cast

from bot import strings
from bot.answers import Platform, interpret
from bot.guides.catalog import Catalog, Guide
from bot.store.models import STATUSES, Status
from bot.store.repo import Store

SNOOZE_FOR = timedelta(days=3)
REPLAY_WINDOW = timedelta(days=1)
# Why a guide does not apply; optional, so managers can tell "no account" from "not my region".
NOT_APPLICABLE_REASONS = ("no_account", "region")
EXPLICIT_PLATFORMS: tuple[Platform, ...] = ("desktop", "ios", "android")

Clock = Callable[[], datetime]


class UserFacingError(Exception):
    """A problem the member can fix; its message is shown to them as is."""


@dataclass(frozen=True)
class GuideAnswer:
    query: str
    guide: Guide | None
    platform: Platform | None
    confidence: float


@dataclass(frozen=True)
class GuideStatus:
    guide: Guide
    status: str  # confirmed | not_applicable | snoozed | pending
    at: datetime | None
    platform: str | None
    snooze_until: datetime | None


@dataclass(frozen=True)
class Recorded:
    guide: Guide
    status: str
    changed: bool
    at: datetime
    snooze_until: datetime | None
    reason: str | None = None


class PrivacyService:
    def __init__(self, *, catalog: Catalog, store: Store, clock: Clock) -> None:
        self.catalog = catalog
        self.store = store
        self.clock = clock

    def answer(self, *, text: str, team_id: str | None = None, user_id: str | None = None) -> GuideAnswer:
        """Interpret a question; an explicit platform word is remembered, an unnamed one is recalled."""
        found = interpret(text, catalog=self.catalog)
        platform = found.platform
        if team_id and user_id:
            if platform is not None and platform in EXPLICIT_PLATFORMS:
                self.store.set_platform(team_id=team_id, user_id=user_id, platform=platform, now=self.clock())
            elif platform is None and found.guide_id is not None:
                platform = self.store.platform_of(team_id=team_id, user_id=user_id)
        guide = self.catalog.get(found.guide_id) if found.guide_id else None
        return GuideAnswer(query=text, guide=guide, platform=platform, confidence=found.confidence)

    def remember_platform(self, *, team_id: str, user_id: str, platform: str) -> None:
        chosen = _platform(platform)
        if chosen is not None:
            self.store.set_platform(team_id=team_id, user_id=user_id, platform=chosen, now=self.clock())

    def guide(self, reference: str, *, command: str = "/privacy") -> Guide:
        """A guide by id, service name or question, for `done|skip|undo <guide>`."""
        reference = reference.strip()
        if not reference:
            raise UserFacingError(strings.USAGE_NEEDS_GUIDE.format(cmd=command, verb="done"))
        exact = self.catalog.get(reference.lower())
        if exact is not None:
            return exact
        found = interpret(reference, catalog=self.catalog)
        guide = self.catalog.get(found.guide_id) if found.guide_id else None
        if guide is None:
            raise UserFacingError(strings.UNKNOWN_GUIDE.format(text=strings.escape(reference), cmd=command))
        return guide

    def record(
        self,
        *,
        team_id: str,
        user_id: str,
        guide_id: str,
        status: str,
        source: str,
        platform: str | None = None,
        reason: str | None = None,
    ) -> Recorded:
        guide = self.known_guide(guide_id)
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r}")
        if reason is not None and (status != "not_applicable" or reason not in NOT_APPLICABLE_REASONS):
            raise ValueError(f"unknown reason {reason!r} for {status}")
        now = self.clock()
        snooze_until = now + SNOOZE_FOR if status == "snoozed" else None
        result = self.store.record(
            team_id=team_id,
            user_id=user_id,
            guide_id=guide.id,
            status=cast(Status, status),
            now=now,
            platform=_platform(platform),
            source=source,
            reason=reason,
            snooze_until=snooze_until,
            actor_id=user_id,
        )
        view = result.attestation
        return Recorded(
            guide=guide,
            status=view.status,
            changed=result.changed,
            at=view.recorded_at,
            snooze_until=view.snooze_until,
            reason=view.reason,
        )

    def undo(self, *, team_id: str, user_id: str, guide_id: str) -> tuple[Guide, bool]:
        guide = self.known_guide(guide_id)
        removed = self.store.undo(
            team_id=team_id, user_id=user_id, guide_id=guide.id, now=self.clock(), actor_id=user_id
        )
        return guide, removed

    def status(self, *, team_id: str, user_id: str) -> list[GuideStatus]:
        """Every guide with the member's status; one without a record (or an expired snooze) is pending."""
        now = self.clock()
        # The store leaves out guides never acted on and snoozes that ran out: both are pending.
        current = {
            view.guide_id: view for view in self.store.attestations_for(team_id=team_id, user_id=user_id, now=now)
        }
        statuses = []
        for guide in self.catalog:
            view = current.get(guide.id)
            if view is None:
                statuses.append(GuideStatus(guide=guide, status="pending", at=None, platform=None, snooze_until=None))
            else:
                statuses.append(
                    GuideStatus(
                        guide=guide,
                        status=view.status,
                        at=view.recorded_at,
                        platform=view.platform,
                        snooze_until=view.snooze_until,
                    )
                )
        return statuses

    def forget(self, *, team_id: str, user_id: str) -> int:
        return self.store.forget_member(team_id=team_id, user_id=user_id, now=self.clock())

    def first_time(self, *, team_id: str, key: str) -> bool:
        """True the first time Slack delivers this event; retries and replays get False."""
        return self.store.claim_event(team_id=team_id, key=key, now=self.clock())

    def prune_replays(self) -> int:
        """Slack retries an event for minutes, not days: older claims only take space."""
        return self.store.prune_events(before=self.clock() - REPLAY_WINDOW)

    def known_guide(self, guide_id: str) -> Guide:
        """The guide a button names; a button can outlive its guide (removed from GUIDES_DIR)."""
        guide = self.catalog.get(guide_id)
        if guide is None:
            raise UserFacingError(strings.GUIDE_GONE.format(text=strings.escape(guide_id)))
        return guide


def _platform(value: str | None) -> Platform | None:
    """A platform a button or command named, if it is one we have steps for."""
    return next((known for known in EXPLICIT_PLATFORMS if known == value), None)
