"""Whom a campaign addresses in a workspace with every kind of account Slack has, and whom it DMs."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.local.fake_slack import FakeSlack
from bot.local.sender import SignedSender
from bot.local.workspace import (
    ADMIN,
    BOT_USER_ID,
    DELETED,
    GENERAL,
    GUEST,
    MEMBER,
    MEMBER_IST,
    OTHER_BOT,
    PRIVACY,
    SLACKBOT,
    make_user,
)
from bot.slack import gateway
from bot.slack.plaintext import render
from tests.conftest import Served, SettableClock
from tests.slack.test_campaigns_in_slack import CAMPAIGN, DEADLINE, START, TODAY, command, dispatch, dms

START_PRIVACY = f"campaign start linkedin <#{PRIVACY}|privacy> {DEADLINE}"
PARTNER = "U0PARTNER"  # Slack Connect: another company's member of #privacy
SINGLE_GUEST = "U0SOLO"
APP_USER = "U0APPUSER"
# Every tick of 8 December (7 days before) in UTC, hourly: each member's 10:00 falls in it.
DAY_TICKS = [dt.datetime(2026, 12, 8, hour, 0, tzinfo=dt.UTC) for hour in range(0, 24)]


@pytest.fixture(autouse=True)
def today(clock: SettableClock) -> None:
    clock.set(TODAY)


@pytest.fixture
def crowded(slack: FakeSlack) -> FakeSlack:
    """#privacy as a real one: Ada and Chiara, a multi-channel guest, a deactivated member, another app's bot,
    and also a single-channel guest, Slackbot, an app's user and a partner company's member."""
    with slack.lock:
        ws = slack.workspace
        ws.add_user(make_user(SINGLE_GUEST, "solo", "Solo Guest", is_ultra_restricted=True))
        app_user = make_user(APP_USER, "workflow", "Workflow App")
        app_user["is_app_user"] = True
        ws.add_user(app_user)
        ws.channels[PRIVACY].members.extend([SINGLE_GUEST, SLACKBOT, APP_USER])
        ws.add_stranger(make_user(PARTNER, "pat", "Pat Partner", team_id="T0PARTNER"), channel=PRIVACY)
    return slack


def test_only_the_workspaces_own_active_people_are_in_the_audience_and_get_dms(
    crowded: FakeSlack, sender: SignedSender, served: Served, clock: SettableClock
) -> None:
    started = command(sender, START_PRIVACY, user_id=ADMIN)
    assert "2 members" in started
    for tick in DAY_TICKS:
        dispatch(served, clock, tick)
    assert len(dms(crowded, ADMIN)) == 1 and len(dms(crowded, MEMBER)) == 1
    never = (PARTNER, SINGLE_GUEST, GUEST, DELETED, OTHER_BOT, SLACKBOT, APP_USER, BOT_USER_ID)
    assert [user for user in never if crowded.dm_messages(user)] == []
    audience = served.services.members.directory.audience(team_id=served.team_id, campaign_id=CAMPAIGN)
    assert sorted(audience) == sorted([ADMIN, MEMBER])


def test_who_joins_the_channel_mid_campaign_is_nudged_and_who_leaves_is_not(
    sender: SignedSender, served: Served, slack: FakeSlack, clock: SettableClock
) -> None:
    command(sender, START_PRIVACY, user_id=ADMIN)
    with slack.lock:
        slack.workspace.channels[PRIVACY].members.remove(MEMBER)
        slack.workspace.channels[PRIVACY].members.append(MEMBER_IST)
        slack.workspace.channels[PRIVACY].name = "privacy-team"  # renamed: the campaign holds its ID
    for tick in DAY_TICKS:
        dispatch(served, clock, tick)
    assert dms(slack, MEMBER) == []
    assert len(dms(slack, MEMBER_IST)) == 1 and len(dms(slack, ADMIN)) == 1
    assert len(slack.posts(PRIVACY)) == 1  # the 7-days-before post, in the renamed channel
    audience = served.services.members.directory.audience(
        team_id=served.team_id, campaign_id=CAMPAIGN, include_left=True
    )
    assert audience[MEMBER] is not None and audience[MEMBER_IST] is None


def test_a_workspace_of_1500_reads_in_pages_and_waits_out_slacks_429(
    sender: SignedSender,
    served: Served,
    slack: FakeSlack,
    clock: SettableClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    waited: list[float] = []
    monkeypatch.setattr(gateway, "sleep", waited.append)
    with slack.lock:
        slack.workspace.add_many_users(1500, channel=GENERAL)
    clock.set(TODAY + dt.timedelta(days=2))  # the directory read at start is a day old: read again, in pages
    slack.clear_calls()
    slack.throttle("users.list", allow=2, refuse=1, retry_after=3)
    try:
        answer = command(sender, START, user_id=ADMIN)
        # Nine pages and a 429 can take longer than the ack may wait: then the answer follows by response_url.
        started = answer if "started:" in answer else render_posted(slack.wait_for(lambda: started_post(slack)))
    finally:
        clock.set(TODAY)
    assert "1504 members" in started
    pages = slack.calls_to("users.list")
    assert [call.status for call in pages].count(429) == 1 and len(pages) == 9  # 1,509 accounts, 200 a page
    assert 3 in [round(wait) for wait in waited]
    assert len(slack.calls_to("conversations.members")) == 2  # 1,505 in #general, 1,000 a page


def started_post(slack: FakeSlack) -> dict[str, object] | None:
    return next((post.body for post in slack.responses if "started:" in render_posted(post.body)), None)


def render_posted(body: dict[str, object]) -> str:
    blocks = body.get("blocks")
    return render(blocks if isinstance(blocks, list) else []) + str(body.get("text") or "")


def test_a_new_hire_added_to_the_channel_today_is_in_a_campaign_started_today(
    crowded: FakeSlack, sender: SignedSender, served: Served, clock: SettableClock
) -> None:
    # The directory is read daily: someone who joined the workspace since the last read was not in it, and a
    # campaign started that day left them out (nor nudged them until the next day's read).
    newcomer = "U0NEWHIRE"
    with crowded.lock:
        crowded.workspace.add_user(make_user(newcomer, "nia", "Nia New", tz="Europe/Berlin"))
        crowded.workspace.channels[PRIVACY].members.append(newcomer)
    clock.set(TODAY + dt.timedelta(hours=2))
    crowded.clear_calls()
    started = command(sender, START_PRIVACY, user_id=ADMIN)
    assert "3 members" in started
    assert len(crowded.calls_to("users.list")) == 1  # one read more (the partner's ID is not asked about again)
    for tick in DAY_TICKS:
        dispatch(served, clock, tick)
    assert len(dms(crowded, newcomer)) == 1
    # Reads of the audience before each reminder hour: the partner company's member, whom users.list never lists,
    # costs no read of the directory each time.
    assert len(crowded.calls_to("users.list")) <= 2
    assert crowded.dm_messages(PARTNER) == []


def test_a_private_channel_the_bot_is_not_in_or_an_empty_user_group_is_said_so(
    sender: SignedSender, slack: FakeSlack
) -> None:
    with slack.lock:
        slack.workspace.add_channel("G0SECRET", "secret", [ADMIN, MEMBER], is_private=True, bot_member=False)
        slack.workspace.add_usergroup("S0EMPTY", "nobody", [])
    unseen = command(sender, f"campaign start linkedin <#G0SECRET|secret> {DEADLINE}", user_id=ADMIN)
    assert "invite me to a private channel first" in unseen and "Nothing was started" in unseen
    empty = command(sender, f"campaign start linkedin <!subteam^S0EMPTY|nobody> {DEADLINE}", user_id=ADMIN)
    # Started, as people may join the group later (the audience is read again daily), but not as if anyone
    # were addressed: the manager reads that nobody is, yet.
    assert "0 members" in empty
