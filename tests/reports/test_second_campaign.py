"""A second campaign for a guide, a month after the first: an answer recorded in the first still counts as done
(the setting stays off), and the report says how many of its "done" came before it began, so that a manager
reading "25% answered" on its first day knows nobody answered this campaign yet."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.local.fake_slack import FakeSlack
from bot.local.workspace import ADMIN, GENERAL, MANAGER, MEMBER
from tests.conftest import SettableClock
from tests.reports.conftest import GUIDE, Bot
from tests.reports.test_report_home import open_home

SECOND = "linkedin-ai-training-2027-02-03"


def test_a_second_campaign_counts_earlier_answers_as_done_and_says_they_came_before_it(
    bot: Bot, slack: FakeSlack, campaign: str, clock: SettableClock
) -> None:
    bot.click("attest_confirmed", f"{GUIDE}|", user=MEMBER)  # during the first campaign
    bot.click("attest_not_applicable", f"{GUIDE}|", user=MANAGER)
    clock.set(datetime(2027, 1, 20, 10, 0, tzinfo=UTC))  # a month after its deadline, a second campaign
    assert SECOND in bot.command(f"campaign start linkedin <#{GENERAL}|general> 2027-02-03", user=ADMIN)
    shown = bot.command(f"report {SECOND}", user=ADMIN)
    assert "Done *1*" in shown and "Doesn't apply *1*" in shown and "*50%* answered" in shown
    assert "Answers per day since 2027-01-20: `▁` · best day 0 · today 0 · 2 answered before 2027-01-20" in shown
    assert "2 answered before 2027-01-20" in open_home(bot, ADMIN)
    clock.set(datetime(2027, 1, 25, 9, 5, tzinfo=UTC))  # Monday: the weekly digest
    bot.served.services.digests.dispatch_digests()
    (digest,) = [m for m in slack.dm_messages(ADMIN) if m.text.startswith("Weekly summary")]
    assert "2 answered before 2027-01-20" in str(digest.blocks)


def test_nudge_on_the_report_of_a_replaced_campaign_points_to_the_one_running(
    bot: Bot, campaign: str, clock: SettableClock
) -> None:
    bot.command(f"campaign stop {campaign}", user=ADMIN)  # replaced: a new date, the same guide
    replacement = "linkedin-ai-training-2026-12-22"
    assert replacement in bot.command(f"campaign start linkedin <#{GENERAL}|general> 2026-12-22", user=ADMIN)
    pressed = str(bot.click("report_nudge", campaign, user=ADMIN))  # the Nudge button of the old report
    assert "is stopped, so I don't nudge" in pressed
    assert f"`/privacy nudge {replacement}`" in pressed, pressed


def test_nudge_of_a_stopped_campaign_points_to_the_running_one_whose_deadline_comes_first(
    bot: Bot, campaign: str
) -> None:
    # With several running for the guide it named the one started last, however far off its deadline.
    bot.command(f"campaign stop {campaign}", user=ADMIN)
    nearest, later = "linkedin-ai-training-2026-12-22", "linkedin-ai-training-2027-03-01"
    assert later in bot.command(f"campaign start linkedin <#{GENERAL}|general> 2027-03-01", user=ADMIN)
    assert nearest in bot.command(f"campaign start linkedin <#{GENERAL}|general> 2026-12-22", user=ADMIN)
    assert "linkedin-ai-training-2027-01-15" in bot.command(
        f"campaign start linkedin <#{GENERAL}|general> 2027-01-15", user=ADMIN
    )
    pressed = str(bot.command(f"nudge {campaign}", user=ADMIN))
    assert "is stopped, so I don't nudge" in pressed
    assert f"`/privacy nudge {nearest}`" in pressed and f"nudge {later}" not in pressed, pressed
    assert later in pressed and "linkedin-ai-training-2027-01-15" in pressed  # the others running, by name
