"""Realistic Slack payloads, built the same way for the signed HTTP sender and for Socket Mode pushes.

Shapes follow what Slack sends today: slash commands as form fields, interactivity as a JSON
`payload=` form field, Events API as an `event_callback` JSON envelope. IDs default to the
stand-in's default workspace (`bot.local.workspace`). Only ids and timestamps vary between calls.
"""

from __future__ import annotations

import re
import secrets
import time
import uuid
from collections.abc import Mapping
from typing import Any, Literal

from bot.local.workspace import (
    API_APP_ID,
    BOT_ID,
    BOT_USER_ID,
    GENERAL,
    MEMBER,
    TEAM_DOMAIN,
    TEAM_ID,
    Workspace,
    default_workspace,
    im_channel_id,
)

VERIFICATION_TOKEN = "local-verification-token"  # deprecated by Slack but still sent in every payload
PLACEHOLDER_RESPONSE_URL = "https://hooks.slack.com/commands/T0LOCAL/0/unset"

EnvelopeType = Literal["slash_commands", "interactive", "events_api"]


def message_ts(at: float | None = None) -> str:
    """A Slack `ts`: seconds with six digits after the dot; unique enough across one process."""
    now = time.time() if at is None else at
    return f"{int(now)}.{secrets.randbelow(1_000_000):06d}"


def trigger_id() -> str:
    return f"{secrets.randbelow(10**13)}.{secrets.randbelow(10**12)}.{secrets.token_hex(16)}"


_DEFAULT = default_workspace()


def _name_of(user_id: str) -> str:
    user = _DEFAULT.users.get(user_id)
    return str(user["name"]) if user is not None else user_id.lower()


def _channel_name(channel_id: str) -> str:
    if channel_id.startswith("D"):
        return "directmessage"  # what Slack puts in channel_name for any DM
    channel = _DEFAULT.channels.get(channel_id)
    return channel.name if channel is not None else channel_id.lower()


def slash_command(
    *,
    text: str = "",
    command: str = "/privacy",
    user_id: str = MEMBER,
    user_name: str | None = None,
    channel_id: str = GENERAL,
    channel_name: str | None = None,
    team_id: str = TEAM_ID,
    team_domain: str = TEAM_DOMAIN,
    api_app_id: str = API_APP_ID,
    response_url: str = PLACEHOLDER_RESPONSE_URL,
    trigger: str | None = None,
) -> dict[str, str]:
    """The form fields of a slash command (sent urlencoded over HTTP, as a dict over Socket Mode)."""
    return {
        "token": VERIFICATION_TOKEN,
        "team_id": team_id,
        "team_domain": team_domain,
        "channel_id": channel_id,
        "channel_name": channel_name or _channel_name(channel_id),
        "user_id": user_id,
        "user_name": user_name or _name_of(user_id),
        "command": command,
        "text": text,
        "api_app_id": api_app_id,
        "is_enterprise_install": "false",
        "response_url": response_url,
        "trigger_id": trigger or trigger_id(),
    }


def block_actions(
    *,
    action_id: str,
    value: str | None = None,
    block_id: str | None = None,
    user_id: str = MEMBER,
    user_name: str | None = None,
    channel_id: str = GENERAL,
    message: Mapping[str, Any] | None = None,
    container_ts: str | None = None,
    is_ephemeral: bool = False,
    view: Mapping[str, Any] | None = None,
    team_id: str = TEAM_ID,
    team_domain: str = TEAM_DOMAIN,
    api_app_id: str = API_APP_ID,
    response_url: str = PLACEHOLDER_RESPONSE_URL,
    trigger: str | None = None,
    button_text: str = "Button",
    at: float | None = None,
) -> dict[str, Any]:
    """A button click. On a message: pass `message` (with `ts`, `blocks`), or `container_ts` +
    `is_ephemeral=True` for an ephemeral one, which Slack sends without `message`. On the App Home:
    pass `view`, and there is neither channel nor response_url."""
    action_ts = message_ts(at)
    name = user_name or _name_of(user_id)
    payload: dict[str, Any] = {
        "type": "block_actions",
        "user": {"id": user_id, "username": name, "name": name, "team_id": team_id},
        "api_app_id": api_app_id,
        "token": VERIFICATION_TOKEN,
        "trigger_id": trigger or trigger_id(),
        "team": {"id": team_id, "domain": team_domain},
        "enterprise": None,
        "is_enterprise_install": False,
        "state": {"values": {}},
        "actions": [
            {
                "action_id": action_id,
                "block_id": block_id or secrets.token_hex(3),
                "text": {"type": "plain_text", "text": button_text, "emoji": True},
                "value": value,
                "type": "button",
                "action_ts": action_ts,
            }
        ],
    }
    if value is None:
        del payload["actions"][0]["value"]
    if view is not None:
        payload["container"] = {"type": "view", "view_id": view.get("id", "V0LOCAL")}
        payload["view"] = dict(view)
        return payload
    ts = (message or {}).get("ts") or container_ts or message_ts(at)
    payload["container"] = {"type": "message", "message_ts": ts, "channel_id": channel_id, "is_ephemeral": is_ephemeral}
    payload["channel"] = {"id": channel_id, "name": _channel_name(channel_id)}
    if message is not None and not is_ephemeral:
        payload["message"] = dict(message)
    payload["response_url"] = response_url
    return payload


def event_callback(
    event: Mapping[str, Any],
    *,
    team_id: str = TEAM_ID,
    api_app_id: str = API_APP_ID,
    bot_user_id: str = BOT_USER_ID,
    event_id: str | None = None,
    at: float | None = None,
) -> dict[str, Any]:
    """The Events API envelope around one event."""
    now = time.time() if at is None else at
    return {
        "token": VERIFICATION_TOKEN,
        "team_id": team_id,
        "api_app_id": api_app_id,
        "event": dict(event),
        "type": "event_callback",
        "event_id": event_id or f"Ev{secrets.token_hex(5).upper()}",
        "event_time": int(now),
        "authorizations": [
            {
                "enterprise_id": None,
                "team_id": team_id,
                "user_id": bot_user_id,
                "is_bot": True,
                "is_enterprise_install": False,
            }
        ],
        "is_ext_shared_channel": False,
        "event_context": f"4-{secrets.token_urlsafe(24)}",
    }


def dm_message(
    *, text: str, user_id: str = MEMBER, channel_id: str | None = None, team_id: str = TEAM_ID, at: float | None = None
) -> dict[str, Any]:
    """A `message.im` event: someone wrote to the bot in their DM with it."""
    ts = message_ts(at)
    return {
        "type": "message",
        "channel": channel_id or im_channel_id(user_id),
        "user": user_id,
        "text": text,
        "ts": ts,
        "event_ts": ts,
        "channel_type": "im",
        "team": team_id,
        "client_msg_id": str(uuid.uuid4()),
        "blocks": _rich_text(text),
    }


def app_mention(
    *,
    text: str,
    user_id: str = MEMBER,
    channel_id: str = GENERAL,
    thread_ts: str | None = None,
    bot_user_id: str = BOT_USER_ID,
    team_id: str = TEAM_ID,
    at: float | None = None,
) -> dict[str, Any]:
    """An `app_mention`; `text` gets the `<@BOT>` prefix a real mention has unless it already names the bot."""
    mention = f"<@{bot_user_id}>"
    full = text if mention in text else f"{mention} {text}"
    ts = message_ts(at)
    event: dict[str, Any] = {
        "type": "app_mention",
        "user": user_id,
        "text": full,
        "ts": ts,
        "channel": channel_id,
        "event_ts": ts,
        "team": team_id,
        "client_msg_id": str(uuid.uuid4()),
        "blocks": _rich_text(full),
    }
    if thread_ts is not None:
        event["thread_ts"] = thread_ts
    return event


def app_home_opened(
    *, user_id: str = MEMBER, tab: Literal["home", "messages"] = "home", view: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """`app_home_opened`; `view` is absent the first time a user opens the Home tab."""
    event: dict[str, Any] = {
        "type": "app_home_opened",
        "user": user_id,
        "channel": im_channel_id(user_id),
        "tab": tab,
        "event_ts": message_ts(),
    }
    if view is not None:
        event["view"] = dict(view)
    return event


def bot_message(
    *,
    text: str,
    channel_id: str = GENERAL,
    bot_id: str = BOT_ID,
    bot_user_id: str | None = BOT_USER_ID,
    legacy: bool = False,
    channel_type: str = "channel",
) -> dict[str, Any]:
    """A message posted by a bot, as the Events API echoes it: an app's bot user posts a plain message
    with `bot_id` (and `user`), a legacy integration a `subtype: bot_message`. An app must ignore both."""
    ts = message_ts()
    event: dict[str, Any] = {
        "type": "message",
        "channel": channel_id,
        "text": text,
        "ts": ts,
        "event_ts": ts,
        "bot_id": bot_id,
        "channel_type": channel_type,
    }
    if legacy:
        event["subtype"] = "bot_message"
        event["username"] = "integration"
    elif bot_user_id is not None:
        event["user"] = bot_user_id
        event["app_id"] = API_APP_ID
    return event


def url_verification(*, challenge: str | None = None) -> dict[str, str]:
    """What Slack sends once when the Request URL is saved; the app must echo `challenge`."""
    challenge = challenge or secrets.token_urlsafe(32)
    return {"token": VERIFICATION_TOKEN, "challenge": challenge, "type": "url_verification"}


def envelope(
    payload: Mapping[str, Any],
    *,
    kind: EnvelopeType | None = None,
    envelope_id: str | None = None,
    retry_attempt: int = 0,
    retry_reason: str = "",
) -> dict[str, Any]:
    """A Socket Mode envelope around any payload above; the kind is inferred when not given."""
    if kind is None:
        if "command" in payload:
            kind = "slash_commands"
        elif payload.get("type") == "event_callback":
            kind = "events_api"
        else:
            kind = "interactive"
    # Slack lets an app answer inline only where an HTTP response body would be shown.
    accepts = kind == "slash_commands" or (kind == "interactive" and payload.get("type") != "block_actions")
    wrapped: dict[str, Any] = {
        "envelope_id": envelope_id or str(uuid.uuid4()),
        "type": kind,
        "payload": dict(payload),
        "accepts_response_payload": accepts,
    }
    if kind == "events_api":
        wrapped["retry_attempt"] = retry_attempt
        wrapped["retry_reason"] = retry_reason
    return wrapped


def _rich_text(text: str) -> list[dict[str, Any]]:
    return [
        {
            "type": "rich_text",
            "block_id": secrets.token_hex(2),
            "elements": [{"type": "rich_text_section", "elements": [{"type": "text", "text": text}]}],
        }
    ]


def escaped(text: str, workspace: Workspace) -> str:
    """Text as Slack sends it to an app that asks for escaping: `#general` and `@privacy-managers`
    become `<#C…|general>` and `<!subteam^S…|@privacy-managers>` when they name a real channel or group."""

    def channel(match: re.Match[str]) -> str:
        name = match.group(1)
        found = next((c for c in workspace.channels.values() if c.name == name and not c.is_im), None)
        return f"<#{found.id}|{name}>" if found else match.group(0)

    def group(match: re.Match[str]) -> str:
        handle = match.group(1)
        found = next((g for g in workspace.usergroups.values() if g.handle == handle), None)
        return f"<!subteam^{found.id}|@{handle}>" if found else match.group(0)

    text = re.sub(r"(?<![<\w])#([a-z0-9_-]+)", channel, text)
    return re.sub(r"(?<![<\w!])@([a-z0-9_.-]+)", group, text)
