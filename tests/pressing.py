"""A member pressing a button of the bot's message, as Slack sends the click, and the bot's one reply to it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from bot.local.fake_slack import FakeSlack
from bot.local.sender import SignedSender
from bot.local.workspace import GENERAL, MEMBER
from bot.slack.plaintext import buttons

Blocks = Sequence[Mapping[str, Any]]


def press(
    sender: SignedSender,
    slack: FakeSlack,
    blocks: Blocks,
    label: str,
    *,
    channel: str = GENERAL,
    message_ts: str | None = None,
) -> dict[str, Any]:
    """Press the button labelled `label`: on an ephemeral answer, or (`message_ts`) on a message in `channel`
    (a DM's too), which Slack sends along with the click. The bot's one reply to it."""
    [button] = [button for button in buttons(blocks) if button.label == label]
    before = len(slack.responses)
    url = slack.new_response_url(channel=channel, user=MEMBER, message_ts=message_ts)
    reply = sender.block_action(
        action_id=button.action_id,
        value=button.value,
        block_id=button.block_id,
        user_id=MEMBER,
        channel_id=channel,
        message=None if message_ts is None else {"type": "message", "ts": message_ts, "blocks": list(blocks)},
        is_ephemeral=message_ts is None,
        container_ts=message_ts or "1700000000.000100",
        response_url=url,
    )
    assert reply.status == 200
    slack.wait_for(lambda: len(slack.responses) > before)
    [post] = slack.responses[before:]
    return post.body
