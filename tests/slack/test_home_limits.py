"""App Home within Slack's 100 blocks whatever the catalog and the campaigns: a GUIDES_DIR of 100 guides
and a manager with 30 running campaigns still get a Home (Slack refuses the whole view otherwise, and the
member keeps seeing an empty or stale tab), and what does not fit is counted, not silently dropped."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.cli import Served
from bot.local import limits, payloads
from bot.local.fake_slack import FakeSlack
from bot.local.sender import SignedSender
from bot.local.workspace import ADMIN, GENERAL, MEMBER
from bot.slack.plaintext import render
from tests.conftest import SettableClock, final_answer, signed
from tests.reports.conftest import serving_guides

TODAY = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)
EXTRA_GUIDES = 100
CAMPAIGNS = 30


def guide(number: int) -> str:
    return f"""
id = "extra-{number:03d}"
service = "Extra{number:03d}"
title = "Switch off Extra {number:03d}'s AI training"
setting = "AI training"
aliases = ["extra{number:03d}"]
url = "https://extra.example/{number}"
summary = "Extra {number:03d} trains AI on what you write."
not_undone = "Past training."
verified = 2026-11-29
notes = ["A note."]
dates = []

[steps]
desktop = ["Open Settings."]
ios = ["Open Settings."]
android = ["Open Settings."]

[[sources]]
title = "Extra Help"
url = "https://extra.example/help"
"""


@pytest.fixture
def served(slack: FakeSlack, bot_db: Path, clock: SettableClock, tmp_path: Path) -> Iterator[Served]:
    extra = {f"extra-{number:03d}.toml": guide(number) for number in range(EXTRA_GUIDES)}
    with serving_guides(slack, bot_db, clock, tmp_path / "guides", extra, now=TODAY) as served:
        yield served


@pytest.fixture
def sender(served: Served, slack: FakeSlack, clock: SettableClock) -> SignedSender:
    return signed(served, slack, clock)


def open_home(sender: SignedSender, served: Served, slack: FakeSlack, user: str) -> dict[str, Any]:
    before = len(slack.calls_to("views.publish"))
    assert sender.event(payloads.app_home_opened(user_id=user)).status == 200
    served.settle()
    call = slack.wait_for(lambda: next(iter(slack.calls_to("views.publish")[before:]), None), timeout=10)
    assert call.ok, call.response
    view = slack.home_view(user)
    assert view is not None
    assert limits.check_view(view, expect_type="home") == []
    return view


def more_count(shown: str) -> int:
    found = re.search(r"…and (\d+) more", shown)
    return int(found.group(1)) if found else 0


def test_a_member_with_more_to_dos_than_fit_gets_a_home_that_counts_the_rest(
    sender: SignedSender, served: Served, slack: FakeSlack
) -> None:
    view = open_home(sender, served, slack, MEMBER)
    shown = render(view["blocks"])
    listed = len(re.findall(r"Switch off Extra \d{3}'s AI training", shown))
    assert listed > 0
    assert listed + more_count(shown) >= EXTRA_GUIDES  # every extra guide is listed or counted
    assert "status all" in shown  # where the rest are


def test_a_manager_with_thirty_campaigns_and_a_long_catalog_sees_campaigns_and_a_count_of_the_rest(
    sender: SignedSender, served: Served, slack: FakeSlack
) -> None:
    for day in range(CAMPAIGNS):
        deadline = dt.date(2027, 1, 1) + dt.timedelta(days=day)
        reply = final_answer(sender, f"campaign start linkedin <#{GENERAL}|general> {deadline}", user_id=ADMIN)
        assert "started" in reply["text"], reply
    served.settle()
    view = open_home(sender, served, slack, ADMIN)
    shown = render(view["blocks"])
    campaigns = set(re.findall(r"campaign `(linkedin-ai-training-[0-9-]+)`", shown))
    assert campaigns, "no campaign on a manager's Home"
    assert len(campaigns) + int(re.findall(r"…and (\d+) more: `/privacy report", shown)[0]) == CAMPAIGNS
