"""What the use cases need from the outside world, as Protocols the Slack layer implements.

The use cases decide who gets what and when; these ports carry it out. Keeping Slack behind
them lets the service be tested against the stand-in through the real gateway, and keeps
slack_sdk out of bot/service.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from bot.core import Platform
from bot.guides.catalog import Guide
from bot.reports import Summary


@dataclass(frozen=True, slots=True)
class MemberInfo:
    """A workspace member as the directory keeps them."""

    user_id: str
    name: str
    tz: str | None
    is_admin: bool
    is_owner: bool
    active: bool  # false for deactivated accounts
    human: bool  # false for bots, Slackbot and guests: never part of an audience


@dataclass(frozen=True, slots=True)
class Message:
    """A rendered message: fallback text for notifications plus Block Kit as plain dicts."""

    text: str
    blocks: Sequence[dict[str, object]]


@dataclass(frozen=True, slots=True)
class ChannelInfo:
    """A channel as conversations.info describes it."""

    name: str
    archived: bool  # Slack still lists its members but refuses every post to it (`is_archived`)
    # The bot is in it (`is_member`); when not, Slack refuses its posts there with `not_in_channel`. Unsaid is
    # taken as in: a warning Slack gave no ground for would only send a manager to invite the bot again.
    member: bool = True


class SlackError(Exception):
    """Slack refused or could not be reached. `retryable` says whether the same call may work later."""

    def __init__(self, code: str, *, retryable: bool) -> None:
        super().__init__(code)
        self.code = code
        self.retryable = retryable


class RateLimited(SlackError):
    """Slack answered 429 and asked for a pause of `retry_after` seconds."""

    def __init__(self, retry_after: float) -> None:
        super().__init__("ratelimited", retryable=True)
        self.retry_after = retry_after


class SlackPort(Protocol):
    def directory(self) -> list[MemberInfo]:
        """Every member of the workspace (users.list, 200 a page)."""
        ...

    def channel_members(self, channel_id: str) -> list[str]:
        """User IDs in a channel (conversations.members, paged)."""
        ...

    def group_members(self, group_id: str) -> list[str]:
        """User IDs in a user group (usergroups.users.list)."""
        ...

    def channel_info(self, channel_id: str) -> ChannelInfo:
        """A channel's name, whether it is archived and whether the bot is in it (conversations.info)."""
        ...

    def post(self, channel: str, message: Message, *, within: float | None = None) -> None:
        """Post to a channel, or to a member's DM when `channel` is a user ID. Raises SlackError, and
        with `within` raises a retryable one rather than still be at it `within` seconds from now."""
        ...

    def upload(self, *, user_id: str, filename: str, content: bytes, title: str, comment: str) -> None:
        """A file in the member's DM (files_upload_v2)."""
        ...


class ReminderRenderer(Protocol):
    """Turns what to say into a Slack message; implemented next to the other Block Kit views."""

    def announcement(self, guide: Guide, *, deadline: dt.date, days_left: int, command: str) -> Message: ...

    def nudge(
        self, guide: Guide, *, deadline: dt.date, days_left: int, utc_offset: dt.timedelta, platform: Platform | None
    ) -> Message:
        """`days_left` in the member's zone, whose `utc_offset` lets a later click count them again: below 0 when
        the deadline has passed there (a manager's nudge)."""
        ...

    def snooze_over(self, guide: Guide, *, platform: Platform | None) -> Message: ...


class ReportRenderer(Protocol):
    """Turns a summary into a manager's DM (digests, "nudge done"); implemented in bot/slack/report_views.py."""

    def digest(self, summary: Summary, *, final: bool, command: str) -> Message: ...

    def nudge_done(
        self, *, campaign_id: str, sent: int, failed: int, last: dt.datetime | None, refused: int = 0
    ) -> Message:
        """`failed`: DMs a later press may send (Slack was busy); `refused`: DMs Slack refuses for good."""
        ...

    def note(self, text: str) -> Message: ...


class OfflineSlack:
    """The port for commands that work from the database alone (`schedule`, `report`): any call to
    Slack says so instead of trying the network."""

    def directory(self) -> list[MemberInfo]:
        raise SlackError("offline", retryable=False)

    def channel_members(self, channel_id: str) -> list[str]:
        raise SlackError("offline", retryable=False)

    def group_members(self, group_id: str) -> list[str]:
        raise SlackError("offline", retryable=False)

    def channel_info(self, channel_id: str) -> ChannelInfo:
        raise SlackError("offline", retryable=False)

    def post(self, channel: str, message: Message, *, within: float | None = None) -> None:
        raise SlackError("offline", retryable=False)

    def upload(self, *, user_id: str, filename: str, content: bytes, title: str, comment: str) -> None:
        raise SlackError("offline", retryable=False)
