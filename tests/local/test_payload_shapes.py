"""The payload builders produce what bolt reads: its own request parsing finds team, user and channel."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

import pytest
from slack_bolt.request import BoltRequest

from bot.local import payloads
from bot.local import workspace as ws


def _bolt(body: str, content_type: str) -> BoltRequest:
    return BoltRequest(body=body, headers={"content-type": [content_type]})


def _form(fields: dict[str, Any]) -> BoltRequest:
    return _bolt(urlencode(fields), "application/x-www-form-urlencoded")


def _event(event: dict[str, Any]) -> BoltRequest:
    return _bolt(json.dumps(payloads.event_callback(event)), "application/json")


def test_slash_command() -> None:
    request = _form(payloads.slash_command(text="linkedin", user_id=ws.ADMIN, channel_id=ws.PRIVACY))
    assert (request.context.team_id, request.context.user_id, request.context.channel_id) == (
        ws.TEAM_ID,
        ws.ADMIN,
        ws.PRIVACY,
    )
    assert request.body["user_name"] == "ada" and request.body["channel_name"] == "privacy"


def test_block_actions_on_a_message_and_on_the_home_tab() -> None:
    message = {"type": "message", "ts": "1767225600.000100", "text": "t", "blocks": []}
    on_message = _form({"payload": json.dumps(payloads.block_actions(action_id="confirm", message=message))})
    assert (on_message.context.user_id, on_message.context.channel_id) == (ws.MEMBER, ws.GENERAL)
    assert on_message.body["container"]["message_ts"] == message["ts"]
    home = payloads.block_actions(action_id="confirm", view={"id": "V0HOME", "type": "home", "blocks": []})
    on_home = _form({"payload": json.dumps(home)})
    assert on_home.context.channel_id is None and "response_url" not in home
    assert on_home.body["container"] == {"type": "view", "view_id": "V0HOME"}


@pytest.mark.parametrize(
    ("event", "channel"),
    [
        (payloads.dm_message(text="opt out?"), ws.im_channel_id(ws.MEMBER)),
        (payloads.app_mention(text="opt out?"), ws.GENERAL),
        (payloads.app_home_opened(), ws.im_channel_id(ws.MEMBER)),
    ],
    ids=["dm", "mention", "home"],
)
def test_events_name_user_and_channel(event: dict[str, Any], channel: str) -> None:
    request = _event(event)
    assert (request.context.team_id, request.context.user_id, request.context.channel_id) == (
        ws.TEAM_ID,
        ws.MEMBER,
        channel,
    )
    assert request.context.bot_user_id is None or request.context.bot_user_id == ws.BOT_USER_ID


def test_mention_text_starts_with_the_bot() -> None:
    assert payloads.app_mention(text="hi")["text"] == f"<@{ws.BOT_USER_ID}> hi"
    assert payloads.app_mention(text=f"hey <@{ws.BOT_USER_ID}>")["text"] == f"hey <@{ws.BOT_USER_ID}>"


def test_bot_messages_carry_bot_id() -> None:
    own = payloads.bot_message(text="reminder")
    legacy = payloads.bot_message(text="reminder", legacy=True)
    assert own["bot_id"] == ws.BOT_ID and own["user"] == ws.BOT_USER_ID and "subtype" not in own
    assert legacy["subtype"] == "bot_message" and "user" not in legacy


def test_envelopes_infer_their_type() -> None:
    assert payloads.envelope(payloads.slash_command())["type"] == "slash_commands"
    assert payloads.envelope(payloads.block_actions(action_id="a"))["accepts_response_payload"] is False
    events = payloads.envelope(payloads.event_callback(payloads.app_home_opened()), retry_attempt=1)
    assert (events["type"], events["retry_attempt"]) == ("events_api", 1)
