"""The vocabulary every layer shares: statuses, platforms, reasons, occasion kinds.

A new value is added here once; buttons, commands, views, store, reports and metrics all
read these enums, so no value can reach a member as an unknown string. They are StrEnums:
a value compares equal to its plain spelling, which is what Slack payloads and the database
carry.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from enum import StrEnum
from typing import Final


class Status(StrEnum):
    """Where a member stands on one guide. `pending` is never stored: no row means pending."""

    CONFIRMED = "confirmed"
    NOT_APPLICABLE = "not_applicable"
    SNOOZED = "snoozed"
    PENDING = "pending"

    @classmethod
    def stored(cls) -> tuple[Status, ...]:
        return (cls.CONFIRMED, cls.NOT_APPLICABLE, cls.SNOOZED)

    @property
    def acted(self) -> bool:
        """True when the member has answered for good: no more nudges for this guide."""
        return self in (Status.CONFIRMED, Status.NOT_APPLICABLE)


class Platform(StrEnum):
    DESKTOP = "desktop"
    IOS = "ios"
    ANDROID = "android"
    MOBILE = "mobile"  # "the app" without saying which phone

    @classmethod
    def explicit(cls) -> tuple[Platform, ...]:
        """The platforms a guide has its own steps for."""
        return (cls.DESKTOP, cls.IOS, cls.ANDROID)

    @classmethod
    def parse(cls, value: object) -> Platform | None:
        """A platform named by a button or the database; anything else (forged, stale) is None."""
        try:
            return cls(str(value)) if value is not None else None
        except ValueError:
            return None


class Reason(StrEnum):
    """Why a guide does not apply; optional, so managers can tell "no account" from "not my region"."""

    NO_ACCOUNT = "no_account"
    REGION = "region"

    @classmethod
    def parse(cls, value: object) -> Reason | None:
        try:
            return cls(str(value)) if value is not None else None
        except ValueError:
            return None


class Source(StrEnum):
    """How a status was recorded, for the audit log."""

    BUTTON = "button"
    COMMAND = "command"
    MANAGER = "manager"


class OccasionKind(StrEnum):
    """What a scheduled delivery is. The value is part of the delivery ledger's key."""

    ANNOUNCEMENT = "announce"  # a post to a campaign channel
    NUDGE = "nudge"  # a DM to a pending member before a deadline
    SNOOZE_END = "snooze"  # the DM "Remind me later" promised
    MANUAL_NUDGE = "manual"  # a manager's "nudge now"
    DIGEST = "digest"  # a manager's weekly summary
    FINAL_DIGEST = "final"  # the summary the day after a deadline
    POST_REFUSED = "unposted"  # a DM to the manager who started a campaign: a channel refused its post


class DmRefusal(StrEnum):
    """Why Slack would not take a member's DM, as a manager's report says it (from Slack's error code)."""

    GONE = "gone"  # deactivated, or no longer in the workspace
    RESTRICTED = "restricted"  # the workspace's settings keep the bot from messaging them
    MESSAGES_TAB = "messages_tab"  # the app's Messages tab is off: every DM is refused
    ACCESS = "access"  # the bot's token or scopes no longer work: every call is refused
    OTHER = "other"


SNOOZE_DAYS: Final = 3


class TemporarilyUnavailable(Exception):
    """Something the bot depends on (the database) did not answer in time. Raised only after the
    work was rolled back, so telling the member "please try again" is the truth.

    `while_writing` is False when it failed on a read, so the member is not told a save failed
    when they only asked for something."""

    while_writing: bool = True
    cause: str = "unavailable"  # for the operator's log: the driver's error class, never its message


# Slack shows the member an error when an answer takes longer than this.
SLACK_ACK_LIMIT_S: Final = 3.0
# Everything the bot waits for
# while answering (the database above all) is over this long after the request reached it, which
# leaves room for the answer's way back.
REQUEST_BUDGET_S: Final = 2.5

_ANSWER_BY: ContextVar[float | None] = ContextVar("privacy_bot_answer_by", default=None)


@contextmanager
def answering_by(deadline: float) -> Iterator[None]:
    """Inside: a request is being answered and must be done by `deadline`, a `time.monotonic()` value,
    or by the deadline already set if that is earlier (a step may only shorten its request's budget).
    Set where a Slack request enters the bot; read by whatever waits (the store). Threads started
    inside do not inherit it: work handed off the request keeps its own, longer, limits."""
    current = _ANSWER_BY.get()
    token = _ANSWER_BY.set(deadline if current is None else min(current, deadline))
    try:
        yield
    finally:
        _ANSWER_BY.reset(token)


def answer_by() -> float | None:
    """The deadline of the request this thread is answering; None outside a request."""
    return _ANSWER_BY.get()


_OUTAGE_REPORTED: ContextVar[bool] = ContextVar("privacy_bot_outage_reported", default=False)


@contextmanager
def reporting_outages() -> Iterator[None]:
    """Inside: the caller tells the operator of a database outage once, in its own words (a scheduler tick
    says so once a tick), and the store does not log each refusal. Threads started inside inherit it only
    when run in a copy of this context (`contextvars.copy_context`)."""
    token = _OUTAGE_REPORTED.set(True)
    try:
        yield
    finally:
        _OUTAGE_REPORTED.reset(token)


def outage_reported() -> bool:
    """True inside `reporting_outages`: someone above reports a database outage, once."""
    return _OUTAGE_REPORTED.get()
