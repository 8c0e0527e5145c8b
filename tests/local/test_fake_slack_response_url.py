"""response_url: what bolt's respond() posts to (through slack_sdk's WebhookClient) lands where a user would see it."""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.webhook import WebhookClient

from bot.local import workspace as ws
from bot.local.clock import ManualClock
from bot.local.fake_slack import FakeSlack


def test_replace_original_edits_the_clicked_message(slack: FakeSlack, client: WebClient) -> None:
    posted = client.chat_postMessage(channel=ws.GENERAL, text="Did you opt out?")
    url = slack.new_response_url(channel=ws.GENERAL, user=ws.MEMBER, message_ts=posted["ts"])
    assert url.startswith(f"{slack.base_url}response/")
    answer = WebhookClient(url).send(text="Thanks, noted.", replace_original=True)
    assert answer.status_code == 200
    (message,) = slack.messages(ws.GENERAL)
    assert (message.ts, message.text, message.edits) == (posted["ts"], "Thanks, noted.", 1)
    (post,) = slack.responses
    assert post.body == {"text": "Thanks, noted.", "replace_original": True} and post.user == ws.MEMBER


def test_slash_command_replies_are_ephemeral_then_replaceable(slack: FakeSlack) -> None:
    url = slack.new_response_url(channel=ws.GENERAL, user=ws.MEMBER)
    hook = WebhookClient(url)
    hook.send(text="Working on it…")
    hook.send(text="Here is your guide", replace_original=True)
    (reply,) = slack.messages(ws.GENERAL)
    assert (reply.text, reply.ephemeral_to, reply.via) == ("Here is your guide", ws.MEMBER, "response_url")
    hook.send(text="Posted for everyone", response_type="in_channel")
    assert slack.messages(ws.GENERAL)[-1].ephemeral_to is None
    hook.send_dict({"delete_original": True})
    assert [m.text for m in slack.messages(ws.GENERAL)] == ["Here is your guide"]


def test_a_response_url_has_five_uses_and_thirty_minutes(slack: FakeSlack, clock: ManualClock) -> None:
    hook = WebhookClient(slack.new_response_url(channel=ws.GENERAL, user=ws.MEMBER))
    assert [hook.send(text=str(n)).status_code for n in range(6)] == [200] * 5 + [404]
    late = WebhookClient(slack.new_response_url(channel=ws.GENERAL, user=ws.MEMBER))
    clock.advance(31 * 60)
    assert late.send(text="too late").body == '{"ok": false, "error": "expired_url"}'


def test_invalid_blocks_are_refused_on_a_response_url(slack: FakeSlack) -> None:
    hook = WebhookClient(slack.new_response_url(channel=ws.GENERAL, user=ws.MEMBER))
    blocks = [{"type": "divider"} for _ in range(51)]
    answer = hook.send(text="x", blocks=blocks)
    assert answer.status_code == 400 and "invalid_blocks" in answer.body
    assert slack.messages(ws.GENERAL) == []
    assert slack.wait_for(lambda: slack.responses)[0].status == 400
