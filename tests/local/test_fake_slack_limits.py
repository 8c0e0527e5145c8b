"""Block Kit limits: the stand-in refuses what Slack refuses, and accepts what slack_sdk.models builds."""

from __future__ import annotations

from typing import Any

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot.local import limits
from bot.local import workspace as ws
from bot.local.fake_slack import FakeSlack


def section(text: str = "x", **extra: Any) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}, **extra}


def button(text: str = "Go", action_id: str = "go") -> dict[str, Any]:
    return {"type": "button", "text": {"type": "plain_text", "text": text}, "action_id": action_id, "value": "v"}


def mrkdwn(text: str = "x") -> dict[str, Any]:
    return {"type": "mrkdwn", "text": text}


INVALID = {
    "51 blocks": [section() for _ in range(51)],
    "section text 3001": [section("x" * 3001)],
    "header text 151": [{"type": "header", "text": {"type": "plain_text", "text": "x" * 151}}],
    "header in mrkdwn": [{"type": "header", "text": mrkdwn()}],
    "button text 76": [{"type": "actions", "elements": [button("x" * 76)]}],
    "11 context elements": [{"type": "context", "elements": [mrkdwn() for _ in range(11)]}],
    "26 actions elements": [{"type": "actions", "elements": [button(action_id=f"a{i}") for i in range(26)]}],
    "11 fields": [{"type": "section", "fields": [mrkdwn() for _ in range(11)]}],
    "field 2001": [{"type": "section", "fields": [mrkdwn("x" * 2001)]}],
    "empty section text": [section("")],
    "duplicate block_id": [section(block_id="same"), section(block_id="same")],
    "duplicate action_id": [{"type": "actions", "elements": [button(), button()]}],
    "unknown block type": [{"type": "carousel"}],
}


@pytest.mark.parametrize("blocks", INVALID.values(), ids=INVALID.keys())
def test_over_the_limit_blocks_are_invalid_blocks(client: WebClient, blocks: list[dict[str, Any]]) -> None:
    with pytest.raises(SlackApiError) as info:
        client.chat_postMessage(channel=ws.GENERAL, text="fallback", blocks=blocks)
    assert info.value.response["error"] == "invalid_blocks"
    assert info.value.response["response_metadata"]["messages"][0].startswith("[ERROR]")


def test_at_the_limit_is_fine(client: WebClient, slack: FakeSlack) -> None:
    at_limit = [
        *[section("x" * 3000) for _ in range(46)],
        {"type": "header", "text": {"type": "plain_text", "text": "x" * 150}},
        {"type": "context", "elements": [mrkdwn() for _ in range(10)]},
        {"type": "actions", "elements": [button("x" * 75, action_id=f"a{i}") for i in range(25)]},
        {"type": "section", "fields": [mrkdwn("x" * 2000) for _ in range(10)]},
    ]
    assert len(at_limit) == limits.MAX_MESSAGE_BLOCKS
    client.chat_postMessage(channel=ws.GENERAL, text="fallback", blocks=at_limit)
    assert slack.messages(ws.GENERAL)[0].blocks == at_limit


def test_text_over_40000_characters_is_msg_too_long(client: WebClient) -> None:
    with pytest.raises(SlackApiError) as info:
        client.chat_postMessage(channel=ws.GENERAL, text="x" * 40_001)
    assert info.value.response["error"] == "msg_too_long"


def test_views_allow_100_blocks_not_101(client: WebClient) -> None:
    client.views_publish(user_id=ws.MEMBER, view={"type": "home", "blocks": [section() for _ in range(100)]})
    with pytest.raises(SlackApiError) as info:
        client.views_publish(user_id=ws.MEMBER, view={"type": "home", "blocks": [section() for _ in range(101)]})
    assert info.value.response["error"] == "invalid_arguments"
    with pytest.raises(SlackApiError) as info:
        client.views_publish(user_id=ws.MEMBER, view={"type": "modal", "blocks": []})
    assert info.value.response["error"] == "invalid_arguments"


def test_blocks_built_with_slack_sdk_models_pass(client: WebClient) -> None:
    blocks = [
        HeaderBlock(text="Opt out of LinkedIn AI training"),
        SectionBlock(text=MarkdownTextObject(text="*Desktop*: Settings → Data privacy"), fields=["*Due*", "Nov 20"]),
        DividerBlock(),
        ContextBlock(elements=[MarkdownTextObject(text="Verified 2024-11-20")]),
        ActionsBlock(
            block_id="guide-actions",
            elements=[
                ButtonElement(
                    text="I've opted out", action_id="confirm", value="linkedin-ai-training", style="primary"
                ),
                ButtonElement(text="Doesn't apply to me", action_id="not_applicable", value="linkedin-ai-training"),
            ],
        ),
    ]
    assert client.chat_postMessage(channel=ws.GENERAL, text="How to opt out", blocks=blocks)["ok"]
