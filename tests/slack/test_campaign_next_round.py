"""A new round for a guide once its campaign's deadline has passed: the old one runs on a few days for its final
digest, and a guide's word names the round whose deadline is still ahead, not "fits 2 running campaigns"."""

from __future__ import annotations

import datetime as dt

from bot.local.sender import SignedSender
from bot.local.workspace import ADMIN, GENERAL
from bot.slack.plaintext import render
from tests.conftest import SettableClock, final_answer
from tests.slack.test_campaigns_in_slack import CAMPAIGN, START, command

DAY_AFTER = dt.datetime(2026, 12, 16, 12, 0, tzinfo=dt.UTC)  # the deadline was yesterday; its final digest is due
NEXT = "linkedin-ai-training-2027-01-20"


def sections(sender: SignedSender, text: str) -> list[str]:
    """Each block of the answer as the manager reads it, one string a block."""
    return [render([block]) for block in final_answer(sender, text, user_id=ADMIN).get("blocks") or []]


def started_next_round(sender: SignedSender, clock: SettableClock) -> None:
    assert CAMPAIGN in command(sender, START, user_id=ADMIN)
    clock.set(DAY_AFTER)
    assert NEXT in command(sender, f"campaign start linkedin <#{GENERAL}|general> 2027-01-20", user_id=ADMIN)


def test_after_the_deadline_a_guides_word_names_the_new_round(sender: SignedSender, clock: SettableClock) -> None:
    started_next_round(sender, clock)
    report = command(sender, "report linkedin", user_id=ADMIN)
    assert "fits 2" not in report and NEXT in report and "2027-01-20" in report, report
    assert "Deadline 2026-12-15 passed yesterday" in command(sender, f"report {CAMPAIGN}", user_id=ADMIN)


def test_the_short_report_lists_the_new_round_and_the_campaign_list_calls_the_old_one_ended(
    sender: SignedSender, clock: SettableClock
) -> None:
    started_next_round(sender, clock)
    short = sections(sender, "report")
    assert not [text for text in short if CAMPAIGN in text], short
    (new,) = [text for text in short if NEXT in text]
    assert "deadline 2027-01-20" in new, short
    listed = command(sender, "campaign list", user_id=ADMIN).splitlines()
    (old,) = [line for line in listed if CAMPAIGN in line]
    (new,) = [line for line in listed if NEXT in line]
    assert old.endswith("– ended") and "ended" not in new, listed
