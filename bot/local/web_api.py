"""The Web API methods the stand-in serves, each a function of (state, args) -> Slack's JSON answer.

Transport (HTTP, auth, rate limits, recording) lives in `fake_slack.py`; this module only decides
what Slack would answer. Errors are raised as `ApiError` and become `{"ok": false, "error": ...}`.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from bot.local import limits
from bot.local.state import TRIGGER_TTL, SlackState, StoredMessage, Upload
from bot.local.workspace import Channel

MAX_PAGE = 1000  # Slack caps `limit` at 1000 on the paginated methods used here
USERS_LIST_UNPAGED_MAX = 1000  # beyond this many members, users.list without a limit answers limit_required
_TRIGGER_SHAPE = re.compile(r"^\d+\.\d+\.[0-9a-f]+$")


class ApiError(Exception):
    def __init__(self, error: str, *, messages: Sequence[str] = ()) -> None:
        super().__init__(error)
        self.error = error
        self.messages = list(messages)

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"ok": False, "error": self.error}
        if self.messages:
            body["response_metadata"] = {"messages": self.messages}
        return body


@dataclass(frozen=True)
class Links:
    """URLs only the running server knows (its ports), handed to the methods that give them out."""

    upload_url: Callable[[str], str]
    socket_url: Callable[[], str]


class Args:
    """Request arguments from a form (all strings) or a JSON body (typed), read the same way."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self.raw = raw

    def text(self, key: str) -> str | None:
        value = self.raw.get(key)
        if value is None or value == "":
            return None
        return value if isinstance(value, str) else json.dumps(value) if isinstance(value, dict | list) else str(value)

    def flag(self, key: str) -> bool:
        return self.raw.get(key) in (True, 1, "1", "true", "True")

    def number(self, key: str) -> int | None:
        value = self.raw.get(key)
        if value in (None, ""):
            return None
        try:
            return int(value)
        except (TypeError, ValueError):
            message = f"[ERROR] must be an integer [json-pointer:/{key}]"
            raise ApiError("invalid_arguments", messages=[message]) from None

    def structured(self, key: str, *, error: str = "invalid_arguments") -> Any:
        """A structured argument: already parsed in a JSON body, a JSON string in a form body."""
        value = self.raw.get(key)
        if isinstance(value, str):
            try:
                return json.loads(value)
            except json.JSONDecodeError:
                raise ApiError(error) from None
        return value


Handler = Callable[[SlackState, Args, Links], dict[str, Any]]


def _resolve_channel(state: SlackState, channel_id: str | None) -> Channel:
    """A channel the bot can see; a user ID means the bot's DM with that user (as chat.postMessage allows)."""
    ws = state.workspace
    if channel_id is None:
        raise ApiError("channel_not_found")
    if channel_id[0] in "UW":
        return ws.im_channel(_live_user(state, channel_id)["id"])
    channel = ws.channels.get(channel_id)
    if channel is None:  # Slack also takes a channel name, with or without '#'
        name = channel_id.removeprefix("#")
        channel = next((c for c in ws.channels.values() if c.name == name and not c.is_im), None)
    if channel is None and channel_id.startswith("D") and "U" + channel_id[1:] in ws.users:
        # A DM the user opened from their side (their first message to the bot) exists without conversations.open.
        channel = ws.im_channel("U" + channel_id[1:])
    if channel is None or (channel.is_private and ws.bot_user_id not in channel.members):
        raise ApiError("channel_not_found")
    return channel


def _live_user(state: SlackState, user_id: str | None) -> dict[str, Any]:
    user = state.workspace.users.get(user_id or "") or state.workspace.strangers.get(user_id or "")
    if user is None:
        raise ApiError("user_not_found")
    if user["deleted"]:
        raise ApiError("user_disabled")
    return user


def _check_content(args: Args, *, required: bool, max_blocks: int = limits.MAX_MESSAGE_BLOCKS) -> None:
    text = args.text("text")
    blocks = args.structured("blocks", error="invalid_blocks_format")
    if required and text is None and blocks is None and args.raw.get("attachments") in (None, ""):
        raise ApiError("no_text")
    if text is not None and len(text) > limits.MAX_MESSAGE_TEXT:
        raise ApiError("msg_too_long")
    if blocks is not None:
        errors = limits.check_blocks(blocks, max_blocks=max_blocks)
        if errors:
            raise ApiError("invalid_blocks", messages=errors)


def _blocks(args: Args) -> list[dict[str, Any]] | None:
    blocks = args.structured("blocks", error="invalid_blocks_format")
    return list(blocks) if blocks is not None else None


def _post_message(state: SlackState, args: Args, links: Links) -> dict[str, Any]:
    channel = _resolve_channel(state, args.text("channel"))
    if channel.is_archived:
        raise ApiError("is_archived")
    if state.workspace.bot_user_id not in channel.members:
        raise ApiError("not_in_channel")
    if channel.is_im:
        if not state.workspace.messages_tab:
            raise ApiError("messages_tab_disabled")
        refusal = state.workspace.dm_refusals.get(channel.user or "")
        if refusal is not None:
            raise ApiError(refusal)
    _check_content(args, required=True)
    metadata = args.structured("metadata")
    message = state.store(
        StoredMessage(
            channel=channel.id,
            ts=state.next_ts(),
            text=args.text("text") or "",
            blocks=_blocks(args) or [],
            user=state.workspace.bot_user_id,
            via="chat.postMessage",
            thread_ts=args.text("thread_ts"),
            metadata=metadata if isinstance(metadata, dict) else None,
        )
    )
    return {"channel": channel.id, "ts": message.ts, "message": state.as_slack(message)}


def _post_ephemeral(state: SlackState, args: Args, links: Links) -> dict[str, Any]:
    channel = _resolve_channel(state, args.text("channel"))
    user_id = args.text("user")
    if user_id is None or user_id not in state.workspace.users:
        raise ApiError("user_not_found")
    if channel.is_archived:
        raise ApiError("is_archived")
    if user_id not in channel.members:
        raise ApiError("user_not_in_channel")
    if state.workspace.bot_user_id not in channel.members:
        raise ApiError("not_in_channel")
    _check_content(args, required=True)
    message = state.store(
        StoredMessage(
            channel=channel.id,
            ts=state.next_ts(),
            text=args.text("text") or "",
            blocks=_blocks(args) or [],
            user=state.workspace.bot_user_id,
            via="chat.postEphemeral",
            thread_ts=args.text("thread_ts"),
            ephemeral_to=user_id,
        )
    )
    return {"message_ts": message.ts}


def _update(state: SlackState, args: Args, links: Links) -> dict[str, Any]:
    channel = _resolve_channel(state, args.text("channel"))
    ts = args.text("ts")
    message = state.messages.get((channel.id, ts or ""))
    # Ephemeral messages are not addressable by chat.update in Slack either: only their response_url can.
    if message is None or message.deleted or message.ephemeral_to is not None:
        raise ApiError("message_not_found")
    _check_content(args, required=False)
    text, blocks = args.text("text"), _blocks(args)
    if text is None and blocks is None:
        raise ApiError("no_text")
    # Slack keeps whichever of text/blocks the update leaves out.
    if text is not None:
        message.text = text
    if blocks is not None:
        message.blocks = blocks
    message.edits += 1
    return {"channel": channel.id, "ts": message.ts, "text": message.text, "message": state.as_slack(message)}


def _view_answer(state: SlackState, view: dict[str, Any], *, user_id: str | None = None) -> dict[str, Any]:
    ws = state.workspace
    stored = dict(view)
    stored.update(
        {
            "id": state.new_id("V"),
            "team_id": ws.team_id,
            "app_id": ws.api_app_id,
            "bot_id": ws.bot_id,
            "hash": f"{int(state.clock())}.{state.next_seq()}",
            "private_metadata": view.get("private_metadata", ""),
            "callback_id": view.get("callback_id", ""),
        }
    )
    if user_id is not None:
        stored["user_id"] = user_id
    return stored


def _views_publish(state: SlackState, args: Args, links: Links) -> dict[str, Any]:
    user_id = args.text("user_id")
    if user_id is None:
        raise ApiError("invalid_arguments", messages=["[ERROR] missing required field: user_id"])
    _live_user(state, user_id)
    view = args.structured("view")
    errors = limits.check_view(view, expect_type="home")
    if errors:
        raise ApiError("invalid_arguments", messages=errors)
    previous = state.home_views.get(user_id)
    expected_hash = args.text("hash")
    if expected_hash is not None and previous is not None and previous["hash"] != expected_hash:
        raise ApiError("hash_conflict")
    stored = _view_answer(state, view, user_id=user_id)
    state.home_views[user_id] = stored
    return {"view": stored}


def _views_open(state: SlackState, args: Args, links: Links) -> dict[str, Any]:
    trigger_id = args.text("trigger_id")
    if trigger_id is None or not _TRIGGER_SHAPE.match(trigger_id):
        raise ApiError("invalid_trigger_id")
    if trigger_id in state.used_trigger_ids:
        raise ApiError("trigger_exchanged")
    issued = state.trigger_ids.get(trigger_id)
    if issued is not None and state.clock() - issued > TRIGGER_TTL:
        raise ApiError("expired_trigger_id")
    view = args.structured("view")
    errors = limits.check_view(view, expect_type="modal")
    if errors:
        raise ApiError("invalid_arguments", messages=errors)
    state.used_trigger_ids.add(trigger_id)
    stored = _view_answer(state, view)
    state.modal_views.append(stored)
    return {"view": stored}


def _encode_cursor(kind: str, key: str) -> str:
    return base64.b64encode(f"{kind}:{key}".encode()).decode()


def _page(items: Sequence[str], args: Args, *, kind: str, default: int | None) -> tuple[int, int, str]:
    """(start, stop, next_cursor) for a cursor-paginated list; cursors name the next item, like Slack's."""
    start = 0
    cursor = args.text("cursor")
    if cursor is not None:
        try:
            decoded_kind, _, key = base64.b64decode(cursor, validate=True).decode().partition(":")
            if decoded_kind != kind:
                raise ValueError(cursor)
            start = list(items).index(key)
        except (ValueError, binascii.Error, UnicodeDecodeError):
            raise ApiError("invalid_cursor") from None
    limit = args.number("limit") or default
    size = min(limit, MAX_PAGE) if limit else len(items)
    stop = min(start + size, len(items))
    next_cursor = _encode_cursor(kind, items[stop]) if stop < len(items) else ""
    return start, stop, next_cursor


def _users_list(state: SlackState, args: Args, links: Links) -> dict[str, Any]:
    ids = list(state.workspace.users)
    if not args.number("limit") and len(ids) > USERS_LIST_UNPAGED_MAX:
        raise ApiError("limit_required")
    start, stop, next_cursor = _page(ids, args, kind="user", default=None)
    members = [state.workspace.users[user_id] for user_id in ids[start:stop]]
    return {"members": members, "cache_ts": int(state.clock()), "response_metadata": {"next_cursor": next_cursor}}


def _users_info(state: SlackState, args: Args, links: Links) -> dict[str, Any]:
    user_id = args.text("user") or ""
    user = state.workspace.users.get(user_id) or state.workspace.strangers.get(user_id)
    if user is None:
        raise ApiError("user_not_found")
    return {"user": user}


def _conversations_members(state: SlackState, args: Args, links: Links) -> dict[str, Any]:
    channel = _resolve_channel(state, args.text("channel"))
    start, stop, next_cursor = _page(channel.members, args, kind="member", default=100)
    return {"members": channel.members[start:stop], "response_metadata": {"next_cursor": next_cursor}}


def _conversations_info(state: SlackState, args: Args, links: Links) -> dict[str, Any]:
    channel = _resolve_channel(state, args.text("channel"))
    return {"channel": channel.info(bot_user_id=state.workspace.bot_user_id)}


def _conversations_open(state: SlackState, args: Args, links: Links) -> dict[str, Any]:
    raw_users = args.raw.get("users")
    users = raw_users if isinstance(raw_users, list) else (args.text("users") or "").split(",")
    users = [u.strip() for u in users if u and u.strip()]
    if not users:
        channel_id = args.text("channel")
        if channel_id is None:
            raise ApiError("users_list_not_supplied")
        channel = _resolve_channel(state, channel_id)
    elif len(users) > 1:
        raise ApiError("method_not_supported_for_channel_type")  # group DMs are not part of the stand-in
    else:
        channel = state.workspace.im_channel(_live_user(state, users[0])["id"])
    if args.flag("return_im"):
        return {"channel": channel.info(bot_user_id=state.workspace.bot_user_id)}
    return {"channel": {"id": channel.id}}


def _usergroups_users_list(state: SlackState, args: Args, links: Links) -> dict[str, Any]:
    group = state.workspace.usergroups.get(args.text("usergroup") or "")
    if group is None:
        raise ApiError("no_such_subteam")
    return {"users": list(group.users)}


def _get_upload_url(state: SlackState, args: Args, links: Links) -> dict[str, Any]:
    filename, length = args.text("filename"), args.number("length")
    if filename is None or length is None:
        raise ApiError("invalid_arguments")
    upload = Upload(file_id=state.new_id("F"), filename=filename, length=length)
    state.uploads[upload.file_id] = upload
    return {"upload_url": links.upload_url(upload.file_id), "file_id": upload.file_id}


def _complete_upload(state: SlackState, args: Args, links: Links) -> dict[str, Any]:
    files = args.structured("files")
    if not isinstance(files, list) or not files:
        raise ApiError("invalid_arguments")
    channel_id = args.text("channel_id")
    channel = _resolve_channel(state, channel_id) if channel_id is not None else None
    done: list[dict[str, Any]] = []
    for item in files:
        upload = state.uploads.get(item.get("id", "") if isinstance(item, dict) else "")
        if upload is None or upload.data is None:
            raise ApiError("file_not_found")
        upload.title = item.get("title") or upload.filename
        upload.channel = channel.id if channel is not None else None
        upload.initial_comment = args.text("initial_comment")
        upload.completed = True
        done.append({"id": upload.file_id, "name": upload.filename, "title": upload.title, "size": len(upload.data)})
    return {"files": done}


def _auth_test(state: SlackState, args: Args, links: Links) -> dict[str, Any]:
    ws = state.workspace
    return {
        "url": f"https://{ws.team_domain}.slack.com/",
        "team": ws.team_name,
        "user": ws.users.get(ws.bot_user_id, {}).get("name", "bot"),
        "team_id": ws.team_id,
        "user_id": ws.bot_user_id,
        "bot_id": ws.bot_id,
        "is_enterprise_install": False,
    }


def _connections_open(state: SlackState, args: Args, links: Links) -> dict[str, Any]:
    return {"url": links.socket_url()}


METHODS: dict[str, Handler] = {
    "auth.test": _auth_test,
    "chat.postMessage": _post_message,
    "chat.postEphemeral": _post_ephemeral,
    "chat.update": _update,
    "views.publish": _views_publish,
    "views.open": _views_open,
    "users.info": _users_info,
    "users.list": _users_list,
    "conversations.members": _conversations_members,
    "conversations.open": _conversations_open,
    "conversations.info": _conversations_info,
    "usergroups.users.list": _usergroups_users_list,
    "files.getUploadURLExternal": _get_upload_url,
    "files.completeUploadExternal": _complete_upload,
    "apps.connections.open": _connections_open,
}

# Everything else wants a bot token; an app-level token is only good for opening Socket Mode.
APP_TOKEN_METHODS = frozenset({"apps.connections.open"})
