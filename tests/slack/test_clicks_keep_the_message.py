"""A button that shows the guide again (another platform's steps, Undo) keeps what the message already said: the
answer the member recorded with its Undo, and the first line of a reminder. Buttons are pressed as Slack sends them:
with the block they sit in, and on a DM with the message itself."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from bot.local.fake_slack import FakeSlack
from bot.local.sender import SignedSender
from bot.local.workspace import GENERAL, MEMBER
from bot.slack.plaintext import buttons, render

Blocks = Sequence[Mapping[str, Any]]


def ask(sender: SignedSender, text: str) -> Blocks:
    """`/privacy <text>`: the ephemeral answer's blocks."""
    reply = sender.slash_command(text=text, user_id=MEMBER)
    assert reply.status == 200, reply.text
    blocks: Blocks = json.loads(reply.text)["blocks"]
    return blocks


def press(sender: SignedSender, slack: FakeSlack, blocks: Blocks, label: str) -> dict[str, Any]:
    """Press the button labelled `label` on an ephemeral answer; the bot's reply to it."""
    [button] = [button for button in buttons(blocks) if button.label == label]
    before = len(slack.responses)
    url = slack.new_response_url(channel=GENERAL, user=MEMBER)
    reply = sender.block_action(
        action_id=button.action_id,
        value=button.value,
        block_id=button.block_id,
        user_id=MEMBER,
        is_ephemeral=True,
        container_ts="1700000000.000100",
        response_url=url,
    )
    assert reply.status == 200
    post = slack.wait_for(lambda: slack.responses[before] if len(slack.responses) > before else None)
    return post.body


def test_another_platform_after_answering_keeps_the_answer_and_its_undo(sender: SignedSender, slack: FakeSlack) -> None:
    answered = press(sender, slack, ask(sender, "linkedin iphone"), "I've opted out")
    assert "as done on" in render(answered["blocks"])
    switched = press(sender, slack, answered["blocks"], "Steps for Android")
    shown = render(switched["blocks"])
    assert "Steps on Android app" in shown
    assert "as done on" in shown, "the recorded answer disappeared"
    labels = [button.label for button in buttons(switched["blocks"])]
    assert "Undo" in labels and "I've opted out" not in labels
    # Undo from the switched message still takes the answer back, and the buttons return.
    undone = press(sender, slack, switched["blocks"], "Undo")
    assert "I've opted out" in [button.label for button in buttons(undone["blocks"])]
    assert "not done yet" in render(ask(sender, "status"))


def test_another_platform_before_answering_still_offers_the_buttons(sender: SignedSender, slack: FakeSlack) -> None:
    # Answered elsewhere before (a typed `done`): a fresh answer's switch is no place to bring that up.
    ask(sender, "done linkedin")
    switched = press(sender, slack, ask(sender, "linkedin iphone"), "Steps for Android")
    labels = [button.label for button in buttons(switched["blocks"])]
    assert "I've opted out" in labels and "Undo" not in labels


def test_a_switch_after_the_answer_was_undone_elsewhere_offers_the_buttons_again(
    sender: SignedSender, slack: FakeSlack
) -> None:
    answered = press(sender, slack, ask(sender, "linkedin"), "Doesn't apply to me")
    ask(sender, "undo linkedin")
    switched = press(sender, slack, answered["blocks"], "Steps for Android")
    labels = [button.label for button in buttons(switched["blocks"])]
    assert "Doesn't apply to me" in labels and "Undo" not in labels
