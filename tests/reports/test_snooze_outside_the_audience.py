""" "Remind me later" waits 3 days, or until the deadline day of a campaign for the guide if that comes first: a
campaign that asks the member. One over a channel they are not in is none of theirs: it cut their wait short
all the same, to a deadline nobody had given them."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from bot.local.workspace import ADMIN, MEMBER, MEMBER_IST, PRIVACY
from tests.conftest import SettableClock
from tests.reports.conftest import Bot
from tests.slack.test_snooze_timing import GUIDE, promised

KOLKATA = ZoneInfo("Asia/Kolkata")
ROME = ZoneInfo("Europe/Rome")
SNOOZED_AT = dt.datetime(2026, 12, 15, 12, 0, tzinfo=dt.UTC)  # two days before the deadline


def test_a_campaign_over_a_channel_the_member_is_not_in_does_not_cut_their_snooze_short(
    bot: Bot, clock: SettableClock
) -> None:
    # #privacy holds Chiara (Rome), not Dev (Kolkata).
    assert GUIDE in bot.command(f"campaign start linkedin <#{PRIVACY}|privacy> 2026-12-17", user=ADMIN)
    clock.set(SNOOZED_AT)
    dev = promised(str(bot.click("attest_snoozed", f"{GUIDE}|", user=MEMBER_IST)))
    chiara = promised(str(bot.click("attest_snoozed", f"{GUIDE}|", user=MEMBER)))
    assert chiara.astimezone(ROME).date() == dt.date(2026, 12, 17)  # her campaign's deadline day
    # No campaign asks Dev: his 3 days run out, and the DM comes at his next 10:00 on a weekday after them.
    assert dev >= SNOOZED_AT + dt.timedelta(days=3) and dev.astimezone(KOLKATA).time() == dt.time(10, 0)
