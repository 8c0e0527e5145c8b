"""Recording what a member did: status changes, undo, their list of guides, forget-me, Slack retries."""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Final

from bot.campaigns import zone
from bot.core import Platform, Reason, Source, Status
from bot.guides.applicability import Applicability, applicability, reach
from bot.guides.catalog import Catalog, Guide
from bot.service.answering import Answering
from bot.service.background import Background
from bot.service.besteffort import best_effort
from bot.service.clock import Clock
from bot.service.delivery import SNOOZE_FOR, Delivery, Snooze
from bot.service.outcomes import Recorded
from bot.store.directory import MemberDirectory, MemberRow
from bot.store.repo import Store

log = logging.getLogger(__name__)

REPLAY_WINDOW = timedelta(days=1)
# A snooze that ended this long ago has had its reminder (sent or skipped as stale): drop the row.
EXPIRED_SNOOZE_KEPT = timedelta(days=7)
# After a forget-me, how long emptying SQLite's write-ahead log is tried while another connection reads
# (a backup, a report), and the pauses between tries: short at first, then every few seconds.
EMPTY_LOG_FOR_S: Final = 600.0
EMPTY_LOG_PAUSES_S: Final = (0.05, 5.0)


@dataclass(frozen=True)
class GuideStatus:
    guide: Guide
    status: Status
    at: datetime | None
    platform: Platform | None
    snooze_until: datetime | None
    # "todo": the member should act; "offered": worth knowing, never pending (a how-to, or a region or
    # owners-only guide we cannot tell applies); "not_for_member": hidden unless they recorded something.
    applies: Applicability = "todo"
    # The nearest deadline of a running campaign of the workspace that asks this member about the guide:
    # what the team wants done first.
    deadline: date | None = None
    # The member's own day is past `deadline` (the campaign runs on a few days, for its final digest).
    deadline_passed: bool = False


@dataclass(frozen=True)
class TeamDeadline:
    """What a running campaign asks of a member for one guide: by when, and whether their own day is past it."""

    day: date
    passed: bool


class Recording:
    def __init__(
        self,
        *,
        catalog: Catalog,
        store: Store,
        clock: Clock,
        answering: Answering,
        reminders: Delivery,
        background: Background,
        directory: MemberDirectory | None = None,
    ) -> None:
        self.catalog = catalog
        self.store = store
        self.clock = clock
        self.answering = answering
        self.reminders = reminders
        self.directory = directory
        self._log = _LogEmptier(store=store, background=background)
        self._unrecorded = _Unrecorded()
        self._answered = _Answered(store)

    def record(
        self,
        *,
        team_id: str,
        user_id: str,
        guide_id: str,
        status: Status,
        source: Source,
        platform: Platform | None = None,
        reason: Reason | None = None,
    ) -> Recorded:
        guide = self.answering.known_guide(guide_id)
        if status == Status.PENDING:
            raise ValueError("pending is recorded by undo, not by record")
        if reason is not None and status != Status.NOT_APPLICABLE:
            raise ValueError(f"a reason only goes with {Status.NOT_APPLICABLE}")
        now = self.clock()
        snooze_until = None
        if status == Status.SNOOZED:
            snooze_until = now + SNOOZE_FOR
            # The snooze ends with the DM it promised: at the next `remind_at` once three days are out (up to a
            # weekend later), or sooner on a campaign's deadline day. Until that DM the member is snoozed, in
            # their status and in reports, and from it on pending again: one moment in the reply, the status
            # and the scheduler, not a snooze that ends a day before its reminder comes.
            snooze_until = self._reminder_at(team_id, user_id, guide.id, now, snooze_until) or snooze_until
        result = self.store.record(
            team_id=team_id,
            user_id=user_id,
            guide_id=guide.id,
            status=status,
            now=now,
            platform=platform if platform in Platform.explicit() else None,
            source=source,
            reason=reason,
            snooze_until=snooze_until,
            actor_id=user_id,
        )
        view = result.attestation
        self._answered.add((team_id, user_id))
        return Recorded(
            guide=guide,
            status=view.status,
            changed=result.changed,
            at=view.recorded_at,
            snooze_until=view.snooze_until,
            reason=view.reason,
            reminder_at=self._reminder_at(team_id, view.user_id, view.guide_id, view.recorded_at, view.snooze_until),
            replaced=result.replaced,
        )

    def _reminder_at(
        self, team_id: str, user_id: str, guide_id: str, snoozed_at: datetime, until: datetime | None
    ) -> datetime | None:
        """When the snooze's DM goes out, worked out as the scheduler will, so the member is told the truth."""
        if until is None:
            return None
        snooze = Snooze(user_id=user_id, guide_id=guide_id, snoozed_at=snoozed_at, until=until)
        return next((reminder.occasion.due_at for reminder in self.reminders.snooze_reminders(team_id, [snooze])), None)

    def reminder_if_snoozed(self, *, team_id: str, user_id: str, guide_id: str) -> datetime:
        """When *Remind me later* pressed now would bring the guide back, as its reply would say."""
        now = self.clock()
        until = now + SNOOZE_FOR
        return self._reminder_at(team_id, user_id, guide_id, now, until) or until

    def answer_of(self, *, team_id: str, user_id: str, guide_id: str) -> Recorded | None:
        """The member's answer for a guide as it stands, as they were told it when they gave it; None while
        pending (never answered, undone, or a snooze that ran out)."""
        guide = self.answering.known_guide(guide_id)
        view = self.store.attestation_of(team_id=team_id, user_id=user_id, guide_id=guide.id, now=self.clock())
        if view is None:
            return None
        return Recorded(
            guide=guide,
            status=view.status,
            changed=False,
            at=view.recorded_at,
            snooze_until=view.snooze_until,
            reason=view.reason,
            reminder_at=self._reminder_at(team_id, user_id, guide.id, view.recorded_at, view.snooze_until),
        )

    def settled_answer(self, *, team_id: str, user_id: str, guide_id: str) -> Recorded | None:
        """The member's done or doesn't-apply for a guide they ask for again, to show in place of the buttons
        that would record it once more. None while pending or snoozed (they are back to act: the buttons are
        what they need), and when the database does not answer in time: the guide is what they asked for."""
        if not self._answered.may_have((team_id, user_id)):
            return None
        found = best_effort(
            "recalling an answer", lambda: (self.answer_of(team_id=team_id, user_id=user_id, guide_id=guide_id),)
        )
        answer = found[0] if found is not None else None
        return replace(answer, earlier=True) if answer is not None and answer.status.acted else None

    def undo(self, *, team_id: str, user_id: str, guide_id: str) -> tuple[Guide, bool]:
        guide = self.answering.known_guide(guide_id)
        removed = self.store.undo(
            team_id=team_id, user_id=user_id, guide_id=guide.id, now=self.clock(), actor_id=user_id
        )
        return guide, removed

    def status(self, *, team_id: str, user_id: str) -> list[GuideStatus]:
        """Every guide with the member's status and whether it is a to-do for them; one without a record
        (or an expired snooze) is pending. Who the member is (owner, time zone) comes from the directory."""
        now = self.clock()
        current = {
            view.guide_id: view for view in self.store.attestations_for(team_id=team_id, user_id=user_id, now=now)
        }
        member = self._member(team_id=team_id, user_id=user_id)
        asked = self._asked(team_id=team_id, user_id=user_id)
        today = self._members_today(member.tz if member else None, now=now)
        statuses = []
        for guide in self.catalog:
            view = current.get(guide.id)
            is_owner, tz = bool(member and member.is_owner), member.tz if member else None
            applies = applicability(guide, is_owner=is_owner, is_admin=bool(member and member.is_admin), tz=tz)
            if applies == "offered" and guide.id in asked and reach(guide, is_owner=is_owner, tz=tz) == "todo":
                # A how-to a running campaign asks the member to do is theirs to do: the campaign DMs them
                # about it and counts them pending, and their status must not call it merely "available".
                applies = "todo"
            statuses.append(
                GuideStatus(
                    guide=guide,
                    status=view.status if view else Status.PENDING,
                    at=view.recorded_at if view else None,
                    platform=view.platform if view else None,
                    snooze_until=view.snooze_until if view else None,
                    applies=applies,
                    deadline=asked.get(guide.id),
                    deadline_passed=guide.id in asked and asked[guide.id] < today,
                )
            )
        return statuses

    def deadlines(self, *, team_id: str, user_id: str) -> dict[str, TeamDeadline]:
        """Guide -> the nearest deadline of the running campaigns that ask the member about it."""
        asked = self._asked(team_id=team_id, user_id=user_id)
        if not asked:
            return {}
        member = self._member(team_id=team_id, user_id=user_id)
        today = self._members_today(member.tz if member else None, now=self.clock())
        return {guide_id: TeamDeadline(day=day, passed=day < today) for guide_id, day in asked.items()}

    def _member(self, *, team_id: str, user_id: str) -> MemberRow | None:
        return self.directory.members(team_id=team_id, user_ids=[user_id]).get(user_id) if self.directory else None

    def _members_today(self, tz: str | None, *, now: datetime) -> date:
        """The day it is where the member is: a deadline has passed for them only once their own day is past it."""
        return now.astimezone(zone(tz, fallback=self.reminders.timezone)).date()

    def _asked(self, *, team_id: str, user_id: str) -> dict[str, date]:
        """Guide -> the nearest deadline of the running campaigns whose audience holds the member. A campaign
        whose audience Slack has not told yet (a file campaign before its first reminder) asks everyone."""
        asked: dict[str, date] = {}
        for _, campaign in self.reminders.campaigns.active(team_id=team_id):
            audience = self.directory.audience(team_id=team_id, campaign_id=campaign.id) if self.directory else {}
            if audience and user_id not in audience:
                continue
            if campaign.guide not in asked or campaign.deadline < asked[campaign.guide]:
                asked[campaign.guide] = campaign.deadline
        return asked

    def forget(self, *, team_id: str, user_id: str) -> int:
        self.answering.forget_member(team_id=team_id, user_id=user_id)
        rows = self.store.forget_member(team_id=team_id, user_id=user_id, now=self.clock())
        self._log.empty_soon()  # off the request: it may have to wait for another connection to finish reading
        return rows

    def first_time(self, *, team_id: str, key: str) -> bool:
        """True the first time Slack delivers this event; retries and replays get False.

        When the database cannot record the delivery (busy or gone) the event is handled anyway: a question
        is better answered twice than not at all, and Slack retries only an event whose answer came late.
        Even then a retry is recognised when the first delivery was recorded (a read works beside SQLite's
        writer) or handled by this process (kept here); only one reaching another replica before the
        database recovers is handled twice."""
        held = (team_id, key)
        if held in self._unrecorded:
            return False
        now = self.clock()
        claimed = best_effort(
            "recording a Slack delivery", lambda: self.store.claim_event(team_id=team_id, key=key, now=now)
        )
        if claimed is not None:
            return claimed
        if best_effort("looking up a Slack delivery", lambda: self.store.event_seen(team_id=team_id, key=key)):
            return False
        self._unrecorded.add(held)
        return True

    def prune(self) -> int:
        """Slack retries an event for minutes, not days; a long-expired snooze has had its reminder."""
        now = self.clock()
        return self.store.prune_events(before=now - REPLAY_WINDOW) + self.store.prune_snoozes(
            before=now - EXPIRED_SNOOZE_KEPT
        )


class _LogEmptier:
    """Forget-me's last step: the rows it deleted still have copies in SQLite's write-ahead log until the log
    is emptied, which cannot happen while another connection reads an older snapshot. Tried in the
    background at once, then after growing pauses until it works, for at most EMPTY_LOG_FOR_S. One run at a
    time: a forget-me during a run is covered by that run's next success."""

    def __init__(self, *, store: Store, background: Background) -> None:
        self._store = store
        self._background = background
        self._lock = threading.Lock()
        self._asked = 0  # forget-mes so far
        self._running = False

    def empty_soon(self) -> None:
        with self._lock:
            self._asked += 1
            if self._running:
                return
            self._running = True
        self._background.run("empty-log", self._run)

    def _run(self) -> None:
        emptied = False
        try:
            emptied = self._until_empty()
        finally:
            if not emptied:  # gave up or failed: the next forget-me starts a new run
                with self._lock:
                    self._running = False

    def _until_empty(self) -> bool:
        """True once the log is empty after the last forget-me (the run is marked over in the same step)."""
        pause, longest = EMPTY_LOG_PAUSES_S
        give_up_at = time.monotonic() + EMPTY_LOG_FOR_S
        while True:
            with self._lock:
                covered = self._asked
            if self._store.empty_log():
                with self._lock:
                    if self._asked == covered:
                        self._running = False
                        return True
                continue  # another forget-me committed meanwhile: its rows may be in the log again
            if time.monotonic() >= give_up_at or self._background.pause(pause):
                log.warning(
                    "gave up emptying the database's write-ahead log after a forget-me: another connection "
                    "kept reading; deleted rows may stay in the -wal file until it is emptied"
                )
                return False
            pause = min(pause * 2, longest)


class _Answered:
    """The members known to have recorded an answer: read from the database at the first guide asked for, then added
    to as this process records. Only for them is the answer read when a guide is asked for again: most members who
    ask have answered nothing, and that read, on a slash command's path, cost as much CPU as the rest of its answer
    (bench/ack.py). One that another replica recorded since is unknown here until this process restarts: that member
    sees the buttons, as every member did before answers were shown, never a status they did not give."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._lock = threading.Lock()
        self._members: set[tuple[str, str]] = set()
        self._read = False

    def may_have(self, member: tuple[str, str]) -> bool:
        if not self._read:
            found = best_effort("reading who has answered", self._store.members_with_answers)
            if found is None:
                return True  # unknown: the member's own answer is read (or, the database still busy, not shown)
            with self._lock:
                self._members |= found  # beside those this process recorded meanwhile
                self._read = True
        return member in self._members

    def add(self, member: tuple[str, str]) -> None:
        with self._lock:
            self._members.add(member)


class _Unrecorded:
    """Slack deliveries handled while the database could not record them (see Recording.first_time): kept an
    hour, well past Slack's retries (three, within about five minutes), and at most SIZE of them."""

    KEPT_S: Final = 3600.0
    SIZE: Final = 10_000

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._keys: OrderedDict[tuple[str, str], float] = OrderedDict()

    def __contains__(self, key: tuple[str, str]) -> bool:
        with self._lock:
            at = self._keys.get(key)
            return at is not None and time.monotonic() - at < self.KEPT_S

    def add(self, key: tuple[str, str]) -> None:
        with self._lock:
            self._keys[key] = time.monotonic()
            self._keys.move_to_end(key)
            while len(self._keys) > self.SIZE:
                self._keys.popitem(last=False)
