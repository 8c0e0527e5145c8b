"""What `campaign start` tells a manager at once: examples that work when copied."""

from __future__ import annotations

import re

import pytest

from bot.local.sender import SignedSender
from bot.local.workspace import GENERAL
from tests.conftest import SettableClock
from tests.slack.test_campaigns_in_slack import TODAY, said


@pytest.fixture(autouse=True)
def today(clock: SettableClock) -> None:
    clock.set(TODAY)


def _example(answer: str) -> str:
    """The command an answer suggests, as Slack would send it once the manager typed it: `#general` linked."""
    found = re.search(r"e\.g\. `/privacy ([^`]+)`", answer)
    assert found is not None, answer
    return found.group(1).replace("#general", f"<#{GENERAL}|general>")


@pytest.mark.parametrize("typed", ["campaign start linkedin 2027-02-01", "campaign start linkedin #genral 2026-12-25"])
def test_the_example_a_refusal_suggests_starts_a_campaign_as_written(sender: SignedSender, typed: str) -> None:
    refused = said(sender, typed)
    assert "Which channel or user group?" in refused, refused
    started = said(sender, _example(refused))
    assert "started" in started, started


@pytest.mark.parametrize("typed", ["campaign list", "report"])
def test_with_no_campaign_yet_the_way_to_start_one_names_the_deadline(sender: SignedSender, typed: str) -> None:
    assert "<#channel> [YYYY-MM-DD]`" in said(sender, typed)
