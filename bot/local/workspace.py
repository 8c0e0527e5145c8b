"""The workspace the Slack stand-in pretends to be: team, bot identity, people, channels, user groups.

Shared by the fake Web API (what `users.list` answers) and the payload builders (who sends a
slash command), so IDs line up on both sides of a test. User dicts follow Slack's `users.list`
members, quirks included: a deactivated user carries `deleted: true` and none of the role or
time-zone fields; Slackbot (`USLACKBOT`) reports `is_bot: false`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

TEAM_ID = "T0LOCAL"
TEAM_NAME = "Local Workspace"
TEAM_DOMAIN = "local"
API_APP_ID = "A0LOCAL"
BOT_USER_ID = "U0BOT"
BOT_ID = "B0BOT"
BOT_NAME = "privacybot"

# Credentials for talking to the stand-in (shell, tests). Not secrets: they open nothing real.
LOCAL_BOT_TOKEN = "xoxb-local-0000-stand-in"
LOCAL_APP_TOKEN = "xapp-1-A0LOCAL-0000-stand-in"
LOCAL_SIGNING_SECRET = "local-signing-secret-stand-in"

# The default roster, by role, so tests read as intent rather than as IDs.
ADMIN = "U0ADA"  # workspace admin and primary owner
MANAGER = "U0BEN"  # plain member, manager through the S0MANAGERS user group
MEMBER = "U0CHI"
MEMBER_IST = "U0DEV"  # Asia/Kolkata: a half-hour UTC offset
GUEST = "U0GUS"  # multi-channel guest (is_restricted)
DELETED = "U0OLD"  # deactivated account
OTHER_BOT = "U0HELPER"  # another app's bot user
SLACKBOT = "USLACKBOT"

GENERAL = "C0GENERAL"
PRIVACY = "C0PRIVACY"
RANDOM = "C0RANDOM"  # the bot is not a member: posting there fails with not_in_channel
MANAGERS_GROUP = "S0MANAGERS"
DESIGN_GROUP = "S0DESIGN"


def im_channel_id(user_id: str) -> str:
    """The bot's DM channel with a user; deterministic so payloads and the fake agree without talking."""
    return "D" + user_id[1:]


def tz_offset(tz: str, *, at: dt.datetime | None = None) -> int:
    """Seconds east of UTC, as Slack reports it for the user's zone today."""
    moment = at or dt.datetime.now(dt.UTC)
    offset = moment.astimezone(ZoneInfo(tz)).utcoffset()
    return int(offset.total_seconds()) if offset is not None else 0


def make_user(
    user_id: str,
    name: str,
    real_name: str,
    *,
    team_id: str = TEAM_ID,
    display_name: str = "",
    tz: str = "UTC",
    is_admin: bool = False,
    is_owner: bool = False,
    is_restricted: bool = False,
    is_ultra_restricted: bool = False,
    is_bot: bool = False,
    deleted: bool = False,
    bot_id: str | None = None,
) -> dict[str, Any]:
    """A `users.list` member dict shaped like Slack's."""
    profile: dict[str, Any] = {
        "real_name": real_name,
        "real_name_normalized": real_name,
        "display_name": display_name,
        "display_name_normalized": display_name,
        "first_name": real_name.split(" ")[0],
        "team": team_id,
        "image_48": f"https://avatars.example/{user_id}_48.png",
    }
    if bot_id is not None:
        profile["bot_id"] = bot_id
        profile["api_app_id"] = API_APP_ID if user_id == BOT_USER_ID else "A0HELPER"
    user: dict[str, Any] = {
        "id": user_id,
        "team_id": team_id,
        "name": name,
        "deleted": deleted,
        "real_name": real_name,
        "profile": profile,
        "is_bot": is_bot,
        "is_app_user": False,
        "updated": 1_700_000_000,
    }
    if deleted:
        # Slack drops these for deactivated accounts; code that indexes them blindly breaks here first.
        return user
    user.update(
        {
            "color": "9f69e7",
            "tz": tz,
            "tz_label": tz,
            "tz_offset": tz_offset(tz),
            "is_admin": is_admin,
            "is_owner": is_owner,
            "is_primary_owner": is_owner,
            "is_restricted": is_restricted or is_ultra_restricted,
            "is_ultra_restricted": is_ultra_restricted,
            "is_email_confirmed": not is_bot,
        }
    )
    return user


@dataclass
class Channel:
    id: str
    name: str
    members: list[str]
    is_private: bool = False
    is_im: bool = False
    user: str | None = None  # the other party of a DM
    # Archived: Slack still answers who its members are, and refuses any post to it with `is_archived`.
    is_archived: bool = False

    def info(self, *, bot_user_id: str) -> dict[str, Any]:
        """The `conversations.info` shape."""
        if self.is_im:
            return {"id": self.id, "is_im": True, "user": self.user, "is_open": True, "created": 1_700_000_000}
        return {
            "id": self.id,
            "name": self.name,
            "is_channel": not self.is_private,
            "is_group": self.is_private,
            "is_im": False,
            "is_mpim": False,
            "is_private": self.is_private,
            "is_archived": self.is_archived,
            "is_general": self.name == "general",
            "is_member": bot_user_id in self.members,
            "created": 1_700_000_000,
            "num_members": len(self.members),
        }


@dataclass
class UserGroup:
    id: str
    handle: str
    name: str
    users: list[str]


@dataclass
class Workspace:
    """Mutable on purpose: a test adds people or channels before (or while) the bot runs."""

    team_id: str = TEAM_ID
    team_name: str = TEAM_NAME
    team_domain: str = TEAM_DOMAIN
    api_app_id: str = API_APP_ID
    bot_user_id: str = BOT_USER_ID
    bot_id: str = BOT_ID
    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    channels: dict[str, Channel] = field(default_factory=dict)
    usergroups: dict[str, UserGroup] = field(default_factory=dict)
    # What Slack answers a DM to these members instead of posting it (user ID -> error): `restricted_action`
    # where an admin limits who may message them, say. Deactivated members need none: `deleted` does it.
    dm_refusals: dict[str, str] = field(default_factory=dict)
    # Slack Connect: people of another company in a shared channel. conversations.members lists them and a
    # DM to them may well be posted; users.list does not list them, and users.info marks them `is_stranger`.
    strangers: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Off, Slack refuses every DM from the bot with `messages_tab_disabled` (App Home's Messages tab).
    messages_tab: bool = True

    def add_user(self, user: dict[str, Any]) -> str:
        self.users[user["id"]] = user
        return str(user["id"])

    def add_stranger(self, user: dict[str, Any], *, channel: str) -> str:
        """A member of another workspace (`make_user(..., team_id=...)`) in the shared `channel`."""
        self.strangers[user["id"]] = {**user, "is_stranger": True}
        self.channels[channel].members.append(user["id"])
        return str(user["id"])

    def add_many_users(self, count: int, *, prefix: str = "U1", channel: str | None = None) -> list[str]:
        """`count` plain members named user0001…; joined to `channel` when given (paging tests)."""
        ids: list[str] = []
        for n in range(count):
            user_id = f"{prefix}{n:07d}"
            self.add_user(make_user(user_id, f"user{n:04d}", f"User {n:04d}", team_id=self.team_id))
            ids.append(user_id)
        if channel is not None:
            self.channels[channel].members.extend(ids)
        return ids

    def add_channel(
        self, channel_id: str, name: str, members: Iterable[str], *, is_private: bool = False, bot_member: bool = True
    ) -> Channel:
        people = list(members)
        if bot_member and self.bot_user_id not in people:
            people.append(self.bot_user_id)
        channel = Channel(id=channel_id, name=name, members=people, is_private=is_private)
        self.channels[channel_id] = channel
        return channel

    def archive(self, channel_id: str) -> Channel:
        """What a workspace member's "Archive channel" does: members stay listed, posts are refused."""
        channel = self.channels[channel_id]
        channel.is_archived = True
        return channel

    def unarchive(self, channel_id: str) -> Channel:
        """What "Unarchive channel" does: posts go through again, to the members it had."""
        channel = self.channels[channel_id]
        channel.is_archived = False
        return channel

    def add_usergroup(self, group_id: str, handle: str, users: Iterable[str], *, name: str | None = None) -> UserGroup:
        group = UserGroup(id=group_id, handle=handle, name=name or handle, users=list(users))
        self.usergroups[group_id] = group
        return group

    def im_channel(self, user_id: str) -> Channel:
        """The bot's DM with `user_id`, created on first use like `conversations.open` does."""
        channel_id = im_channel_id(user_id)
        existing = self.channels.get(channel_id)
        if existing is None:
            existing = Channel(
                id=channel_id, name=channel_id, members=[user_id, self.bot_user_id], is_im=True, user=user_id
            )
            self.channels[channel_id] = existing
        return existing

    def display_name(self, user_id: str) -> str:
        user = self.users.get(user_id)
        if user is None:
            return user_id
        return str(user["profile"].get("display_name") or user["name"])


def default_workspace() -> Workspace:
    """A small team with one of each kind of account the bot must tell apart."""
    ws = Workspace()
    for user in (
        make_user(ADMIN, "ada", "Ada Lovelace", display_name="Ada", tz="Europe/London", is_admin=True, is_owner=True),
        make_user(MANAGER, "ben", "Ben Okafor", display_name="Ben", tz="America/New_York"),
        make_user(MEMBER, "chiara", "Chiara Rossi", display_name="Chiara", tz="Europe/Rome"),
        make_user(MEMBER_IST, "devi", "Devi Patel", tz="Asia/Kolkata"),
        make_user(GUEST, "gus", "Gus Guest", display_name="Gus (guest)", tz="America/Los_Angeles", is_restricted=True),
        make_user(DELETED, "olga", "Olga Former", deleted=True),
        make_user(OTHER_BOT, "helperbot", "Helper Bot", tz="America/Los_Angeles", is_bot=True, bot_id="B0HELPER"),
        make_user(BOT_USER_ID, BOT_NAME, "Privacy Bot", tz="America/Los_Angeles", is_bot=True, bot_id=BOT_ID),
        make_user(SLACKBOT, "slackbot", "Slackbot", tz="America/Los_Angeles"),
    ):
        ws.add_user(user)
    ws.add_channel(GENERAL, "general", [ADMIN, MANAGER, MEMBER, MEMBER_IST])
    ws.add_channel(PRIVACY, "privacy", [ADMIN, MEMBER, GUEST, DELETED, OTHER_BOT])
    ws.add_channel(RANDOM, "random", [MANAGER, MEMBER_IST], bot_member=False)
    ws.add_usergroup(MANAGERS_GROUP, "privacy-managers", [MANAGER])
    ws.add_usergroup(DESIGN_GROUP, "design", [MEMBER, MEMBER_IST, GUEST])
    return ws
