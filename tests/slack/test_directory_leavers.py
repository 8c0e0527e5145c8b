"""Someone Slack no longer lists in the workspace is gone from the directory's point of view too."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.cli import serve_in_background
from bot.local.fake_slack import FakeSlack
from bot.local.settings import stand_in_settings
from bot.local.workspace import ADMIN, DELETED, GENERAL, MEMBER, im_channel_id, make_user
from tests.conftest import SettableClock
from tests.reports.conftest import CAMPAIGN, START
from tests.reports.test_report_digests import MONDAY_0905, digests_to, start_campaign

ZED = "U0ZED"  # a second workspace admin, later removed from the workspace


def test_an_admin_removed_from_the_workspace_gets_no_more_digests_and_manages_nothing(
    slack: FakeSlack, clock: SettableClock, bot_db: Path
) -> None:
    # Slack lists a deactivated account with deleted: true, but one removed from the workspace (an Enterprise
    # Grid org taking them off it, a guest's removal) is not listed at all. The stored directory kept them as
    # an active admin: a manager for good, sent each week's digest with the names of those still pending.
    with slack.lock:
        slack.workspace.add_user(make_user(ZED, "zed", "Zed Admin", is_admin=True))
    clock.set(START)
    served = serve_in_background(
        stand_in_settings(api_url=slack.api_url, database_url=f"sqlite:///{bot_db}"), clock=clock
    )
    try:
        start_campaign(served, slack, clock)
        clock.set(MONDAY_0905)
        served.services.digests.dispatch_digests()
        assert len(digests_to(slack, ZED)) == 1
        with slack.lock:
            del slack.workspace.users[ZED]
        slack.clear_calls()
        clock.set(MONDAY_0905 + timedelta(days=7))
        served.services.digests.dispatch_digests()
        posted_to = {call.args.get("channel") for call in slack.calls_to("chat.postMessage")}
        assert not posted_to & {ZED, im_channel_id(ZED)}
        assert len(digests_to(slack, ADMIN)) == 2
        assert ZED not in served.services.members.managers(team_id=served.team_id)
        row = served.services.members.directory.members(team_id=served.team_id, user_ids=[ZED]).get(ZED)
        assert row is None or not row.active
        assert not served.services.members.is_manager(team_id=served.team_id, user_id=ZED)
        assert served.services.members.is_manager(team_id=served.team_id, user_id=ADMIN)
    finally:
        served.stop()
        clock.set(datetime(2026, 12, 1, tzinfo=UTC))


def test_the_directory_keeps_names_only_of_audience_members_and_nothing_but_a_name_of_the_deactivated(
    slack: FakeSlack, clock: SettableClock, bot_db: Path
) -> None:
    # It stored every member's name, time zone and role, for good, deactivated or not, though a name is only
    # ever shown in the reports of a campaign the member is in, and nothing at all goes to a deactivated one.
    eli = "U0ELI"  # in no campaign's audience
    with slack.lock:
        slack.workspace.add_user(make_user(eli, "eli", "Eli Elsewhere", tz="Asia/Tokyo"))
    clock.set(START)
    served = serve_in_background(
        stand_in_settings(api_url=slack.api_url, database_url=f"sqlite:///{bot_db}"), clock=clock
    )
    try:
        bot = start_campaign(served, slack, clock)  # #general: Ada, Ben, Chiara and Devi
        with slack.lock:
            slack.workspace.channels[GENERAL].members.append(FAY)
            slack.workspace.add_user(make_user(FAY, "fay", "Fay Newcomer", tz="Europe/Paris"))
            slack.workspace.users[MEMBER] = make_user(MEMBER, "chiara", "Chiara Rossi", deleted=True)
        clock.set(START + timedelta(days=1, hours=1))
        served.services.members.refresh_if_stale(team_id=served.team_id)
        campaign = served.services.reports.campaigns.get(team_id=served.team_id, campaign_id=CAMPAIGN)
        assert campaign is not None
        served.services.delivery.refresh_audience(served.team_id, campaign.campaign, now=clock())
        stored = served.services.members.directory.members(team_id=served.team_id)
        report = bot.command(f"report {CAMPAIGN}", user=ADMIN)
    finally:
        served.stop()
    assert stored[eli].name == "" and stored[eli].tz == "Asia/Tokyo"  # their own DMs (a snooze) need the zone
    assert stored[DELETED].name == "" and stored[DELETED].tz is None
    assert stored[MEMBER].name == "Chiara Rossi" and stored[MEMBER].tz is None and not stored[MEMBER].active
    assert stored[FAY].name == "Fay Newcomer" and stored[ADMIN].name == "Ada"
    assert stored[ADMIN].is_admin and not stored[MEMBER].is_owner
    assert CAMPAIGN in report


FAY = "U0FAY"  # joins #general mid-campaign
