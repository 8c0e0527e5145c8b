"""Answering a question: which guide, for which platform, remembering the member's platform and last guide."""

from __future__ import annotations

import functools
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Final, Generic, TypeVar

from bot import strings
from bot.answers import (
    QUESTION_CHARS,
    Answer,
    asks_more_than_a_guide,
    interpret,
    names_only,
    reason_given,
    shares_a_secret,
)
from bot.core import Platform, Reason
from bot.guides.catalog import Catalog, Guide
from bot.service.besteffort import best_effort
from bot.service.clock import Clock
from bot.service.errors import UnknownGuide, UserFacingError
from bot.store.ledger import DeliveryLedger
from bot.store.repo import Store

# `done|skip|undo <guide> <anything>`: how many leading words are tried as the guide's name ("linkedin data
# download" is three, "wordpress.com" one), so a long reason costs a handful of reads, not one per word.
_NAME_WORDS: Final = 4


# The line that answers a question about the bot itself (bot/replies.py, `about_the_bot`).
_ABOUT_THE_BOT: Final = {
    "what_is_kept": strings.ABOUT_WHAT_IS_KEPT,
    "is_it_legit": strings.ABOUT_IS_IT_LEGIT,
    "what_it_is": strings.ABOUT_WHAT_IT_IS,
    "forget_me": strings.ABOUT_FORGET_ME,
    "reminders": strings.ABOUT_REMINDERS,
    "manager_commands": strings.ABOUT_MANAGER_COMMANDS,
    "secret_shared": strings.ABOUT_SECRET_SHARED,
    "does_it_for_you": strings.ABOUT_DOING_IT_FOR_YOU,
    "why_this_message": strings.ABOUT_WHY_THIS_MESSAGE,
    "ask_your_team": strings.ABOUT_ASK_YOUR_TEAM,
    "problem_with_the_bot": strings.ABOUT_PROBLEM,
    "deleting_where": strings.ABOUT_DELETING_WHERE,
}


@dataclass(frozen=True)
class GuideAnswer:
    query: str
    guide: Guide | None
    platform: Platform | None
    confidence: float
    reading: Answer | None = None  # how the question was read (help, an unknown service …)


class Answering:
    def __init__(self, *, catalog: Catalog, store: Store, ledger: DeliveryLedger, clock: Clock) -> None:
        self.catalog = catalog
        self.store = store
        self.ledger = ledger
        self.clock = clock
        # Reading a question is pure and the catalog never changes: the same words read the same way.
        self._read_once = functools.lru_cache(maxsize=4096)(self._read)
        # Every question reads the platform, and it only decides which steps come first: another replica's change
        # may take half a minute to be seen.
        self._platforms: _Recent[Platform | None] = _Recent(ttl_s=PLATFORM_KEPT_S)
        # By the bot's clock: "within the hour" is the member's hour, as tests and the shell move it.
        self._shown: _Recent[str] = _Recent(ttl_s=SHOWN_FOR.total_seconds(), now=lambda: self.clock().timestamp())

    def read(self, text: str) -> Answer:
        # Cached by the part that is read: 4096 whole texts of 200 KB each would hold most of a gigabyte.
        return self._read_once(text[:QUESTION_CHARS])

    def _read(self, text: str) -> Answer:
        return interpret(text, catalog=self.catalog)

    def answer(
        self, *, text: str, team_id: str | None = None, user_id: str | None = None, recall: bool = True
    ) -> GuideAnswer:
        """Interpret a question; an explicit platform word is remembered, an unnamed one is recalled
        unless the answer is for everyone to see (`recall=False`): the member's phone is theirs to tell."""
        found = self.read(text)
        platform = Platform.parse(found.platform)
        if team_id and user_id:
            if platform in Platform.explicit():
                assert platform is not None
                self.remember_platform(team_id=team_id, user_id=user_id, platform=platform)
            elif platform is None and found.guide_id is not None and recall:
                platform = self.platform_of(team_id=team_id, user_id=user_id)
        guide = self.catalog.get(found.guide_id) if found.guide_id else None
        return GuideAnswer(query=text, guide=guide, platform=platform, confidence=found.confidence, reading=found)

    def short_reply(self, found: GuideAnswer, *, command: str) -> str | None:
        """The line that answers a thanks, or a platform named alone ("iphone": which service?), in place of
        the help; None when the help, a guide or the guides to pick from are the answer."""
        reading = found.reading
        if reading is None or reading.reply is None:
            return None
        if reading.reply == "thanks":
            return strings.THANKS_REPLY.format(cmd=command)
        if reading.reply in _ABOUT_THE_BOT:
            return _ABOUT_THE_BOT[reading.reply].format(cmd=command)
        if self.catalog.services:
            # The bot does not keep the guide a member last asked for, only their platform: the example names
            # the first service, as the help does.
            platform = strings.WHICH_SERVICE_PLATFORMS.get(reading.platform or "", strings.WHICH_SERVICE_PLATFORM)
            service = self.catalog.services[0].casefold()
            return strings.WHICH_SERVICE.format(cmd=command, service=service, platform=platform)
        return None

    def remember_platform(self, *, team_id: str, user_id: str, platform: Platform) -> None:
        """Best effort: a member who names their phone gets its steps even when the database is busy;
        it is remembered the next time they name it."""
        key = (team_id, user_id)
        if platform not in Platform.explicit() or (key in self._platforms and self._platforms.get(key) == platform):
            return
        now = self.clock()

        def save() -> bool:
            self.store.set_platform(team_id=team_id, user_id=user_id, platform=platform, now=now)
            return True

        if best_effort("remembering a platform", save):
            self._platforms.put(key, platform)

    def platform_of(self, *, team_id: str, user_id: str) -> Platform | None:
        """The platform the member last asked about: asked of the database at most every half minute.
        None (every platform's steps) when the database does not answer."""
        key = (team_id, user_id)
        if key in self._platforms:
            return self._platforms.get(key)
        # In a tuple: a member with no platform stored (None) is not a database that did not answer.
        found = best_effort("recalling a platform", lambda: (self.store.platform_of(team_id=team_id, user_id=user_id),))
        if found is None:
            return None
        self._platforms.put(key, found[0])
        return found[0]

    def forget_member(self, *, team_id: str, user_id: str) -> None:
        self._platforms.drop((team_id, user_id))
        self._shown.drop((team_id, user_id))

    def shown(self, *, team_id: str, user_id: str, guide_id: str) -> None:
        """The guide a member was just shown, privately: what "i turned it off" or a bare `done` is about."""
        self._shown.put((team_id, user_id), guide_id)

    def last_shown(self, *, team_id: str, user_id: str) -> Guide | None:
        """The guide the member was shown last within SHOWN_FOR: by this process, or by a reminder DM any
        process sent (the delivery ledger says which); None after that, or when only another replica's answer
        showed it: "it" is then asked about, not guessed."""
        since = self.clock() - SHOWN_FOR
        reminded = best_effort(
            "recalling a reminder", lambda: self.ledger.last_dm(team_id=team_id, target=user_id, since=since)
        )
        shown = [self._shown.entry((team_id, user_id))]
        if reminded is not None:
            shown.append((reminded[0], reminded[1].timestamp()))
        latest = max((found for found in shown if found is not None), key=lambda found: found[1], default=None)
        return self.catalog.get(latest[0]) if latest is not None else None

    def guide(self, reference: str, *, command: str = "/privacy", verb: str = "done") -> Guide:
        """A guide by id, service name or question, for `done|skip|undo <guide>`."""
        reference = reference.strip()
        if not reference:
            raise UserFacingError(strings.USAGE_NEEDS_GUIDE.format(cmd=command, verb=verb))
        if shares_a_secret(reference):
            # "done linkedin my password is hunter2": neither recorded nor quoted back as a guide's name.
            raise UserFacingError(strings.ABOUT_SECRET_SHARED)
        guide = self._read_guide(reference)
        # "skip linkedin because I don't use it": a reason after the guide's name. Its words can make the
        # whole text fit no guide, or two (LinkedIn has two), while its first words name one.
        words = reference.split()
        for count in range(min(len(words) - 1, _NAME_WORDS), 0, -1):
            if guide is not None:
                break
            guide = self._read_guide(" ".join(words[:count]))
        if guide is None:
            raise UnknownGuide(strings.UNKNOWN_GUIDE.format(text=strings.escape(reference), cmd=command))
        return guide

    def _read_guide(self, text: str) -> Guide | None:
        exact = self.catalog.get(text.lower())
        if exact is not None:
            return exact
        found = self.read(text)
        return self.catalog.get(found.guide_id) if found.guide_id else None

    def asks_more_than_a_guide(self, reference: str) -> bool:
        """Whether what follows `done|skip|undo` is a question about a service ("undo send on slack"), not a guide."""
        return asks_more_than_a_guide(reference, catalog=self.catalog)

    def reason_given(self, text: str, *, guide: Guide) -> Reason | None:
        """Why a guide does not apply, as typed after its name ("skip linkedin I don't have an account"), or None."""
        # Typed by its id too ("skip linkedin-ai-training no account"): its words are the guide's name, no reason.
        return Reason.parse(reason_given(text, names=(guide.service, *guide.service_aliases, guide.id)))

    def names_only(self, text: str, *, guide: Guide, lacked: bool = False) -> bool:
        """Whether `text` names the guide's service and nothing else of it ("my linkedin account", not "linkedin
        premium"): what a member says they did or lack is recorded only then."""
        return names_only(text, names=(guide.service, *guide.service_aliases), lacked=lacked)

    def known_guide(self, guide_id: str) -> Guide:
        """The guide a button names; a button can outlive its guide (removed from GUIDES_DIR)."""
        guide = self.catalog.get(guide_id)
        if guide is None:
            raise UserFacingError(strings.GUIDE_GONE.format(text=strings.escape(guide_id)))
        return guide


# How long "it" ("i turned it off", a bare `done`) means the guide a member was last shown.
SHOWN_FOR: Final = timedelta(hours=1)
PLATFORM_KEPT_S: Final = 30.0
T = TypeVar("T")


class _Recent(Generic[T]):
    """Members' recent values (a platform, a guide shown), each kept `ttl_s` by `now` and at most SIZE of them."""

    SIZE: Final = 10_000

    def __init__(self, *, ttl_s: float, now: Callable[[], float] = time.monotonic) -> None:
        self._ttl_s = ttl_s
        self._now = now
        self._lock = threading.Lock()
        self._known: OrderedDict[tuple[str, str], tuple[T, float]] = OrderedDict()

    def __contains__(self, key: tuple[str, str]) -> bool:
        with self._lock:
            found = self._known.get(key)
            return found is not None and 0 <= self._now() - found[1] < self._ttl_s

    def entry(self, key: tuple[str, str]) -> tuple[T, float] | None:
        """The value with when it was put, while it is kept."""
        with self._lock:
            found = self._known.get(key)
            return found if found is not None and 0 <= self._now() - found[1] < self._ttl_s else None

    def get(self, key: tuple[str, str]) -> T | None:
        with self._lock:
            found = self._known.get(key)
            return found[0] if found is not None else None

    def put(self, key: tuple[str, str], value: T) -> None:
        with self._lock:
            self._known[key] = (value, self._now())
            self._known.move_to_end(key)
            while len(self._known) > self.SIZE:
                self._known.popitem(last=False)

    def drop(self, key: tuple[str, str]) -> None:
        with self._lock:
            self._known.pop(key, None)
