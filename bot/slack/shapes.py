"""Is a (signed) body shaped like something Slack sends? Checked before any listener sees it.

A signature proves who sent a body, not that it has the fields our listeners and bolt's own context
building index blindly. A body that would make them raise gets a 400 here instead of a 500 there,
and never a row with an empty user id. Pure: data in, a short reason (or None) out. Of bolt it borrows only the
helpers that name a body's workspace and member, so this check reads the fields bolt's context will.
The reason names the missing field, never a value from the body.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Final
from urllib.parse import urlsplit

from slack_bolt.request.internals import extract_team_id, extract_user_id

# Payloads from the interactivity URL: each names the member who acted in `user.id`.
INTERACTIVE: Final = frozenset(
    {
        "block_actions",
        "block_suggestion",
        "view_submission",
        "view_closed",
        "shortcut",
        "message_action",
        "interactive_message",
        "dialog_submission",
        "dialog_cancellation",
        "dialog_suggestion",
    }
)
EVENTS_API: Final = frozenset({"event_callback", "url_verification", "app_rate_limited"})

# Slack's IDs (U…, W…, T…, E…) are capitals and digits. A padded or lower-cased one would be stored as a
# second member, or a second workspace, beside the real one.
_SLACK_ID: Final = re.compile(r"[A-Z][A-Z0-9]{1,31}")
# A member is a user (U…, or W… on Enterprise Grid): a channel, bot or group ID in a user field would be stored
# as a member of its own.
_USER_ID: Final = re.compile(r"[UW][A-Z0-9]{1,31}")
# A workspace is a team (T…): a member's or a channel's ID given for one would find none of its rows.
_TEAM_ID: Final = re.compile(r"T[A-Z0-9]{1,31}")
# Slack's event IDs ("Ev0PV52K21"): the bot stores them to act on a delivery once, so an odd one reaches the
# database (a NUL or a lone surrogate, or more than the key column holds, fails there).
_EVENT_ID: Final = re.compile(r"Ev[A-Za-z0-9]{1,62}")
# A message's `ts` ("1733500000.123456"): the bot answers a mention in the thread it names.
_TS: Final = re.compile(r"[0-9]{1,12}\.[0-9]{1,9}")

# Slack's own caps on a block element: a longer one was not made by Slack, and the listeners that read an
# action's value (a guide, a question) must not be handed hundreds of kilobytes of it.
MAX_ACTION_ID: Final = 255  # action_id and block_id
MAX_ACTION_VALUE: Final = 2000

# Events the bot may answer in their own channel (a DM, an @mention's thread).
_ANSWERED_IN_CHANNEL: Final = frozenset({"message", "app_mention"})

# Fields bolt reads as objects (`.get(...)` on them) wherever they appear at the top level.
_OBJECT_FIELDS: Final = ("team", "user", "channel", "enterprise", "container", "view", "message", "event")


def problem(body: Any) -> str | None:
    """None when the body can be handed to the listeners; otherwise why not (no body values in it)."""
    if not isinstance(body, Mapping):
        return "body is not an object"
    if body.get("ssl_check") == "1" and "command" not in body and "type" not in body:
        return None  # Slack checking a slash command URL's certificate: bolt answers it 200
    if "command" in body:
        return _slash_command(body) or _named(body)
    kind = body.get("type")
    if not isinstance(kind, str) or not kind:
        return "no type"
    if kind not in INTERACTIVE and kind not in EVENTS_API:
        return "unknown type"
    for name in _OBJECT_FIELDS:
        if body.get(name) is not None and not isinstance(body[name], Mapping):
            return f"{name} is not an object"
    authorizations = body.get("authorizations")
    if authorizations is not None and not (
        isinstance(authorizations, list) and all(isinstance(item, Mapping) for item in authorizations)
    ):
        return "authorizations is not a list of objects"
    if kind == "url_verification":
        return None if isinstance(body.get("challenge"), str) else "no challenge"
    named = _named(body)
    if named is not None:
        return named
    # Replies go to this URL, and the error path answers any body that has one, events too. One urllib3 cannot
    # post to, or would read as a host name (`U0ABC`, `//x`, ` `), is an outbound call to somewhere not Slack.
    url = body.get("response_url")
    if url is not None and not _http_url(url):
        return "response_url is not an http(s) URL"
    if kind == "event_callback":
        if body.get("team_id") is not None and not _is_id(body["team_id"]):
            return "event_callback team_id is not an ID"
        # Kept to act on a delivery once (see `first_delivery`), so it must fit the store.
        if body.get("event_id") is not None and not _matches(_EVENT_ID, body["event_id"]):
            return "event_id is not an event ID"
        return _event(body.get("event"))
    if kind in INTERACTIVE:
        return _interactive(kind, body)
    return None


def _named(body: Mapping[str, Any]) -> str | None:
    """The workspace and member as bolt's context will name them, which listeners use before the fields they
    read themselves (bolt takes `authorizations[0].team_id` before `team_id`, a top-level `user` before
    `event.user`): rows are kept under these, so an empty or made-up one would be a workspace or member of its own."""
    try:
        team, user = extract_team_id(dict(body)), extract_user_id(dict(body))
    except (TypeError, AttributeError, KeyError, IndexError):
        return "no workspace or member bolt can read"
    if not _is_id(team):
        return "no workspace ID"
    if user is not None and not _matches(_USER_ID, user):
        return "the member is not a user ID"
    return None


def _slash_command(body: Mapping[str, Any]) -> str | None:
    for name in ("command", "user_id", "team_id"):
        if not _text(body.get(name)):
            return f"slash command without {name}"
    if not _is_id(body["team_id"]):
        return "slash command team_id is not an ID"
    if not _matches(_USER_ID, body["user_id"]):
        return "slash command user_id is not a user ID"
    url = body.get("response_url")
    if url is not None and not _http_url(url):
        return "slash command response_url is not an http(s) URL"
    text = body.get("text")
    if text is not None and not isinstance(text, str):
        return "slash command text is not text"
    return None


def _event(event: Any) -> str | None:
    if not isinstance(event, Mapping):
        return "event is not an object"
    if not _text(event.get("type")):
        return "event without type"
    # Events name their member as a plain ID; anything else would reach the store as garbage.
    user = event.get("user")
    if user is not None and not _matches(_USER_ID, user):
        return "event user is not a user ID"
    team = event.get("team")
    if isinstance(team, str) and not _is_id(team):
        return "event team is not an ID"
    # The bot answers these where they were written: without a channel ID there is nowhere to answer, and
    # anything else would be posted to as a channel's name.
    if event["type"] in _ANSWERED_IN_CHANNEL:
        if not _is_id(event.get("channel")):
            return "event channel is not an ID"
        # Read as the member's words: anything but text would be answered as words they never wrote.
        if event.get("text") is not None and not isinstance(event["text"], str):
            return "event text is not text"
        # A mention is answered in the thread these name: an odd one would post into a thread that is not there.
        for name in ("ts", "thread_ts"):
            if event.get(name) is not None and not _matches(_TS, event[name]):
                return f"event {name} is not a message timestamp"
    return None


def _interactive(kind: str, body: Mapping[str, Any]) -> str | None:
    user = body.get("user")
    if not isinstance(user, Mapping) or not _text(user.get("id")):
        return "no user.id"
    if not _matches(_USER_ID, user["id"]):
        return "user.id is not a user ID"
    # Decides whether a click rewrites the message in place: "false" (a string) would rewrite a public message.
    container = body.get("container") or {}
    if container.get("is_ephemeral") is not None and not isinstance(container["is_ephemeral"], bool):
        return "container.is_ephemeral is not a boolean"
    if kind == "block_actions":
        actions = body.get("actions")
        if not isinstance(actions, list) or not actions:
            return "block_actions without actions"
        for action in actions:
            if not isinstance(action, Mapping) or not _text(action.get("action_id")):
                return "action without action_id"
            if len(action["action_id"]) > MAX_ACTION_ID:
                return "action_id is longer than Slack allows"
            block_id = action.get("block_id")
            if block_id is not None and not (isinstance(block_id, str) and len(block_id) <= MAX_ACTION_ID):
                return "block_id is not text Slack would send"
            value = action.get("value")
            if value is not None and not isinstance(value, str):
                return "action value is not text"
            if value is not None and len(value) > MAX_ACTION_VALUE:
                return "action value is longer than Slack allows"
    if kind in ("view_submission", "view_closed"):
        view = body.get("view")
        if not isinstance(view, Mapping) or not _text(view.get("type")):
            return f"{kind} without view.type"
    return None


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _is_id(value: Any) -> bool:
    return _matches(_SLACK_ID, value)


def is_user_id(value: object) -> bool:
    """A member's ID as Slack writes it (U…, or W… on Enterprise Grid)."""
    return _matches(_USER_ID, value)


def is_team_id(value: object) -> bool:
    """A workspace's ID as Slack writes it (T…)."""
    return _matches(_TEAM_ID, value)


def _matches(pattern: re.Pattern[str], value: Any) -> bool:
    return isinstance(value, str) and pattern.fullmatch(value) is not None


def _http_url(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError:  # a malformed port or IPv6 literal
        return False
    return parts.scheme in ("http", "https") and bool(host) and value == value.strip()
