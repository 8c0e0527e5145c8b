"""Answering a question: which guide, for which platform, remembering the member's platform."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from bot import strings
from bot.answers import Answer, interpret
from bot.core import Platform
from bot.guides.catalog import Catalog, Guide
from bot.service.clock import Clock
from bot.service.errors import UserFacingError
from bot.store.repo import Store


@dataclass(frozen=True)
class GuideAnswer:
    query: str
    guide: Guide | None
    platform: Platform | None
    confidence: float
    reading: Answer | None = None  # how the question was read (help, an unknown service …)


class Answering:
    def __init__(self, *, catalog: Catalog, store: Store, clock: Clock) -> None:
        self.catalog = catalog
        self.store = store
        self.clock = clock
        # Reading a question is pure and the catalog never changes: the same words read the same way.
        self.read = functools.lru_cache(maxsize=4096)(self._read)

    def _read(self, text: str) -> Answer:
        return interpret(text, catalog=self.catalog)

    def answer(self, *, text: str, team_id: str | None = None, user_id: str | None = None) -> GuideAnswer:
        """Interpret a question; an explicit platform word is remembered, an unnamed one is recalled."""
        found = self.read(text)
        platform = Platform.parse(found.platform)
        if team_id and user_id:
            if platform in Platform.explicit():
                assert platform is not None
                self.store.set_platform(team_id=team_id, user_id=user_id, platform=platform, now=self.clock())
            elif platform is None and found.guide_id is not None:
                platform = self.store.platform_of(team_id=team_id, user_id=user_id)
        guide = self.catalog.get(found.guide_id) if found.guide_id else None
        return GuideAnswer(query=text, guide=guide, platform=platform, confidence=found.confidence, reading=found)

    def remember_platform(self, *, team_id: str, user_id: str, platform: Platform) -> None:
        if platform in Platform.explicit():
            self.store.set_platform(team_id=team_id, user_id=user_id, platform=platform, now=self.clock())

    def platform_of(self, *, team_id: str, user_id: str) -> Platform | None:
        return self.store.platform_of(team_id=team_id, user_id=user_id)

    def guide(self, reference: str, *, command: str = "/privacy", verb: str = "done") -> Guide:
        """A guide by id, service name or question, for `done|skip|undo <guide>`."""
        reference = reference.strip()
        if not reference:
            raise UserFacingError(strings.USAGE_NEEDS_GUIDE.format(cmd=command, verb=verb))
        exact = self.catalog.get(reference.lower())
        if exact is not None:
            return exact
        found = self.read(reference)
        guide = self.catalog.get(found.guide_id) if found.guide_id else None
        if guide is None:
            raise UserFacingError(strings.UNKNOWN_GUIDE.format(text=strings.escape(reference), cmd=command))
        return guide

    def known_guide(self, guide_id: str) -> Guide:
        """The guide a button names; a button can outlive its guide (removed from GUIDES_DIR)."""
        guide = self.catalog.get(guide_id)
        if guide is None:
            raise UserFacingError(strings.GUIDE_GONE.format(text=strings.escape(guide_id)))
        return guide
