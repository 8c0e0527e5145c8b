"""The stand-in answers the Web API methods the bot uses the way Slack does, through a real WebClient."""

from __future__ import annotations

import json
import threading
import urllib.request
from typing import Any

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.local import workspace as ws
from bot.local.clock import ManualClock
from bot.local.fake_slack import FakeSlack
from bot.local.workspace import LOCAL_APP_TOKEN as APP_TOKEN
from bot.local.workspace import LOCAL_BOT_TOKEN as BOT_TOKEN


def _error(call: Any) -> str:
    with pytest.raises(SlackApiError) as info:
        call()
    return str(info.value.response["error"])


def test_auth_test_names_the_workspace_and_bot(client: WebClient) -> None:
    answer = client.auth_test()
    assert answer["team_id"] == ws.TEAM_ID
    assert answer["user_id"] == ws.BOT_USER_ID
    assert answer["bot_id"] == ws.BOT_ID


def test_tokens_are_checked_like_slack(slack: FakeSlack) -> None:
    assert _error(lambda: WebClient(base_url=slack.api_url).auth_test()) == "not_authed"
    assert _error(lambda: WebClient(token="xoxb-someone-else", base_url=slack.api_url).auth_test()) == "invalid_auth"
    app_client = WebClient(token=APP_TOKEN, base_url=slack.api_url)
    assert _error(lambda: app_client.chat_postMessage(channel=ws.GENERAL, text="x")) == "not_allowed_token_type"
    bot_client = WebClient(token=BOT_TOKEN, base_url=slack.api_url)
    assert _error(lambda: bot_client.apps_connections_open(app_token=BOT_TOKEN)) == "not_allowed_token_type"
    assert _error(lambda: bot_client.api_call("chat.fly")) == "unknown_method"
    assert [c.error for c in slack.calls] == [
        "not_authed",
        "invalid_auth",
        "not_allowed_token_type",
        "not_allowed_token_type",
        "unknown_method",
    ]


def test_token_may_come_as_a_form_field(slack: FakeSlack) -> None:
    body = b"token=" + BOT_TOKEN.encode() + b"&channel=" + ws.GENERAL.encode() + b"&text=hello"
    request = urllib.request.Request(f"{slack.api_url}chat.postMessage", data=body, method="POST")
    with urllib.request.urlopen(request, timeout=5) as answer:
        assert json.load(answer)["ok"] is True
    assert "token" not in slack.calls[0].args


def test_users_list_pages_through_2500_members_with_cursors(slack: FakeSlack, client: WebClient) -> None:
    added = slack.workspace.add_many_users(2500)
    # SlackResponse follows next_cursor when iterated (and reuses one object, so copy each page).
    pages = [list(page["members"]) for page in client.users_list(limit=200)]
    members = [m["id"] for page in pages for m in page]
    assert [len(page) for page in pages] == [200] * 12 + [109]  # 2,500 added + the 9 of the default roster
    assert len(members) == len(set(members)) == 2500 + len(ws.default_workspace().users)
    assert set(added) <= set(members)
    cursors = [c.args.get("cursor") for c in slack.calls_to("users.list")]
    assert cursors[0] is None and all(cursors[1:]) and len(cursors) == 13


def test_users_list_without_limit_is_refused_for_a_large_team(slack: FakeSlack, client: WebClient) -> None:
    assert len(client.users_list()["members"]) == len(slack.workspace.users)  # small team: everything
    slack.workspace.add_many_users(1500)
    assert _error(client.users_list) == "limit_required"


def test_conversations_members_pages_with_default_and_explicit_limits(slack: FakeSlack, client: WebClient) -> None:
    slack.workspace.add_channel("C0BIG", "big", [])
    slack.workspace.add_many_users(2500, channel="C0BIG")
    default_pages = [len(page["members"]) for page in client.conversations_members(channel="C0BIG")]
    assert default_pages == [100] * 25 + [1]  # Slack's default page is 100; 2,500 people plus the bot
    big_pages = [len(page["members"]) for page in client.conversations_members(channel="C0BIG", limit=5000)]
    assert big_pages == [1000, 1000, 501]  # limit is capped at 1,000
    assert _error(lambda: client.conversations_members(channel="C0BIG", cursor="bm9wZQ==")) == "invalid_cursor"
    assert _error(lambda: client.conversations_members(channel="C0NOPE")) == "channel_not_found"


def test_directory_lookups(client: WebClient) -> None:
    assert client.users_info(user=ws.GUEST)["user"]["is_restricted"] is True
    deleted = client.users_info(user=ws.DELETED)["user"]
    assert deleted["deleted"] is True and "tz" not in deleted and "is_admin" not in deleted
    assert client.users_info(user=ws.SLACKBOT)["user"]["is_bot"] is False  # Slack's own quirk
    assert _error(lambda: client.users_info(user="U0NOBODY")) == "user_not_found"
    assert client.usergroups_users_list(usergroup=ws.MANAGERS_GROUP)["users"] == [ws.MANAGER]
    assert _error(lambda: client.usergroups_users_list(usergroup="S0NOPE")) == "no_such_subteam"
    assert client.conversations_open(users=ws.MEMBER)["channel"]["id"] == ws.im_channel_id(ws.MEMBER)
    assert _error(lambda: client.conversations_open(users=ws.DELETED)) == "user_disabled"
    info = client.conversations_info(channel=ws.PRIVACY)["channel"]
    assert info["name"] == "privacy" and info["is_member"] is True


def test_post_update_and_read_back(slack: FakeSlack, client: WebClient) -> None:
    blocks = [{"type": "section", "block_id": "b1", "text": {"type": "mrkdwn", "text": "*Opt out* today"}}]
    posted = client.chat_postMessage(channel=ws.GENERAL, text="Opt out today", blocks=blocks)
    assert posted["message"]["blocks"] == blocks and posted["message"]["bot_id"] == ws.BOT_ID
    client.chat_update(channel=ws.GENERAL, ts=posted["ts"], text="Done")
    current = slack.message(ws.GENERAL, posted["ts"])
    assert current is not None
    assert (current.text, current.blocks, current.edits) == ("Done", blocks, 1)  # blocks kept, like Slack
    assert _error(lambda: client.chat_update(channel=ws.GENERAL, ts="1.000001", text="x")) == "message_not_found"


@pytest.mark.filterwarnings("ignore:The top-level `text` argument is missing")
def test_message_errors_match_slack(client: WebClient) -> None:
    assert _error(lambda: client.chat_postMessage(channel="", text="x")) == "channel_not_found"
    assert _error(lambda: client.chat_postMessage(channel="C0NOPE", text="x")) == "channel_not_found"
    assert _error(lambda: client.chat_postMessage(channel=ws.RANDOM, text="x")) == "not_in_channel"
    assert _error(lambda: client.chat_postMessage(channel=ws.GENERAL)) == "no_text"
    assert _error(lambda: client.chat_postEphemeral(channel=ws.GENERAL, user=ws.GUEST, text="x")) == (
        "user_not_in_channel"
    )


def test_ephemeral_and_dm_by_user_id(slack: FakeSlack, client: WebClient) -> None:
    client.chat_postEphemeral(channel=ws.GENERAL, user=ws.MEMBER, text="only you")
    client.chat_postMessage(channel=ws.MEMBER, text="psst")  # a user ID posts to the bot's DM with them
    (ephemeral,) = slack.messages(ws.GENERAL)
    assert ephemeral.ephemeral_to == ws.MEMBER
    assert [m.text for m in slack.dm_messages(ws.MEMBER)] == ["psst"]


def test_form_encoded_blocks_are_accepted(slack: FakeSlack, client: WebClient) -> None:
    blocks = [{"type": "divider"}]
    # params= makes slack_sdk send x-www-form-urlencoded, with blocks as a JSON string (as curl users do).
    client.api_call("chat.postMessage", params={"channel": "#general", "text": "t", "blocks": json.dumps(blocks)})
    assert slack.messages(ws.GENERAL)[0].blocks == blocks
    call = slack.calls_to("chat.postMessage")[0]
    assert isinstance(call.args["blocks"], str) and call.structured("blocks") == blocks


def test_views_publish_and_open(slack: FakeSlack, client: WebClient, clock: ManualClock) -> None:
    home = {"type": "home", "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "Hi"}}]}
    view = client.views_publish(user_id=ws.MEMBER, view=home)["view"]
    assert view["id"].startswith("V") and slack.home_view(ws.MEMBER) == view
    modal = {"type": "modal", "title": {"type": "plain_text", "text": "Report"}, "blocks": []}
    trigger = slack.new_trigger_id()
    client.views_open(trigger_id=trigger, view=modal)
    assert _error(lambda: client.views_open(trigger_id=trigger, view=modal)) == "trigger_exchanged"
    late = slack.new_trigger_id()
    clock.advance(3.5)
    assert _error(lambda: client.views_open(trigger_id=late, view=modal)) == "expired_trigger_id"
    assert _error(lambda: client.views_open(trigger_id="nonsense", view=modal)) == "invalid_trigger_id"


def test_file_upload_v2_round_trip(slack: FakeSlack, client: WebClient) -> None:
    csv = "user,status\nU0CHI,confirmed\n"
    answer = client.files_upload_v2(channel=ws.GENERAL, content=csv, filename="report.csv", title="Report")
    (upload,) = slack.uploads
    assert upload.data == csv.encode() and upload.completed and upload.channel == ws.GENERAL
    assert answer["file"]["id"] == upload.file_id


def test_wait_for_call_sees_a_call_made_by_another_thread(slack: FakeSlack, client: WebClient) -> None:
    go = threading.Event()

    def bot() -> None:
        go.wait(5)
        client.chat_postMessage(channel=ws.GENERAL, text="from the bot thread")

    worker = threading.Thread(target=bot)
    worker.start()
    go.set()
    call = slack.wait_for_call("chat.postMessage", timeout=5)
    worker.join(5)
    assert call.ok and call.args["text"] == "from the bot thread"
    with pytest.raises(TimeoutError, match="chat.update"):
        slack.wait_for_call("chat.update", timeout=0.05)
