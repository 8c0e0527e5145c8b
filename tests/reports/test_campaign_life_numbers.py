"""One campaign's whole life, day by day: on each day a manager looks, the report, App Home, the digest of that
day, the CSV and the JSON give the same numbers, as members confirm, snooze, undo, say it doesn't apply, a
snooze runs out and a member leaves the channel."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from datetime import UTC, datetime

from bot.local.fake_slack import FakeSlack
from bot.local.workspace import ADMIN, GENERAL, MANAGER, MEMBER, MEMBER_IST
from tests.conftest import SettableClock
from tests.reports.conftest import GUIDE, Bot
from tests.reports.test_report_home import open_home

_COUNTS = re.compile(r"Done \*(\d+)\* · .*?Doesn't apply \*(\d+)\* · .*?Snoozed \*(\d+)\* · .*?Pending \*(\d+)\*")
_LEFT = re.compile(r"left the audience (\d+)")
_PERCENT = re.compile(r"\*(\d+)%\* answered · (\d+) of (\d+) members")


def _numbers(shown: str) -> tuple[int, ...]:
    """(done, n/a, snoozed, pending, left, percent, audience) as a report, a Home or a digest shows them."""
    counts = _COUNTS.search(shown)
    percent = _PERCENT.search(shown)
    assert counts and percent, shown
    left = _LEFT.search(shown)
    return (*map(int, counts.groups()), int(left.group(1)) if left else 0, int(percent[1]), int(percent[3]))


def _digest(slack: FakeSlack, before: int) -> str:
    sent = [m for m in slack.dm_messages(ADMIN)[before:] if m.text.startswith(("Weekly summary", "Final summary"))]
    assert len(sent) == 1, [m.text for m in slack.dm_messages(ADMIN)[before:]]
    return str(sent[0].blocks)


def _csv(bot: Bot, slack: FakeSlack, campaign: str) -> tuple[int, ...]:
    before = {upload.file_id for upload in slack.uploads if upload.completed}
    bot.click("report_export", campaign, user=MANAGER)
    upload = slack.wait_for(lambda: next((u for u in slack.uploads if u.completed and u.file_id not in before), None))
    assert upload.data is not None
    rows = Counter(row["status"] for row in csv.DictReader(io.StringIO(upload.data.decode("utf-8-sig"))))
    audience = sum(rows.values()) - rows["left"]
    done = rows["confirmed"] + rows["not_applicable"]
    percent = done * 100 // audience if audience else 0
    return rows["confirmed"], rows["not_applicable"], rows["snoozed"], rows["pending"], rows["left"], percent, audience


def _json(bot: Bot, campaign: str) -> tuple[int, ...]:
    reports = bot.served.services.reports
    shown = reports.json(team_id=bot.team, stored=reports.find(team_id=bot.team, reference=campaign))
    members = Counter(str(member["status"]) for member in shown["members"])  # type: ignore[attr-defined]
    listed = tuple(members[status] for status in ("confirmed", "not_applicable", "snoozed", "pending"))
    counted = tuple(int(shown[key]) for key in ("confirmed", "not_applicable", "snoozed", "pending"))  # type: ignore[call-overload]
    assert listed == counted, (listed, counted)
    done = counted[0] + counted[1]
    audience = int(shown["audience"])  # type: ignore[call-overload]
    return (*counted, int(shown["left"]), done * 100 // audience if audience else 0, audience)  # type: ignore[call-overload]


def _all_agree(bot: Bot, slack: FakeSlack, campaign: str, *, digest_from: int, ended: bool = False) -> tuple[int, ...]:
    """`ended`: past the deadline, Home lists active campaigns only; the rest still agree."""
    bot.served.services.digests.dispatch_digests()
    bot.served.settle()
    seen = {
        "report": _numbers(bot.command(f"report {campaign}", user=ADMIN)),
        "digest": _numbers(_digest(slack, digest_from)),
        "csv": _csv(bot, slack, campaign),
        "json": _json(bot, campaign),
    }
    if ended:
        # Named as the last campaign that ended, with its report command, but no longer shown with its numbers.
        home = open_home(bot, ADMIN)
        assert "No active campaigns" in home and f"The last one, `{campaign}`, ended" in home
    else:
        seen["home"] = _numbers(open_home(bot, ADMIN))
    assert len(set(seen.values())) == 1, seen
    return seen["report"]


def test_report_home_digest_csv_and_json_agree_on_every_day_of_a_campaign(
    bot: Bot, slack: FakeSlack, campaign: str, clock: SettableClock
) -> None:
    delivery = bot.served.services.delivery
    delivery.dispatch_due(team_id=bot.team)  # Tuesday 1 December, 14 days before: the post and the DMs
    bot.click("attest_confirmed", f"{GUIDE}|", user=MEMBER)
    bot.click("attest_not_applicable", f"{GUIDE}|", user=MANAGER)
    # Devi, in Kolkata, snoozes at 15:30 her time: her reminder is Monday 7 December at 10:00 there (04:30 UTC).
    bot.click("attest_snoozed", f"{GUIDE}|ios", user=MEMBER_IST)

    clock.set(datetime(2026, 12, 7, 4, 29, tzinfo=UTC))
    bot.served.settle()
    clock.set(datetime(2026, 12, 7, 9, 5, tzinfo=UTC))  # Monday: the weekly digest; Devi's snooze is over
    delivery.dispatch_due(team_id=bot.team)
    # done, n/a, snoozed, pending, left, percent, audience
    assert _all_agree(bot, slack, campaign, digest_from=0) == (1, 1, 0, 2, 0, 50, 4)

    clock.set(datetime(2026, 12, 9, 12, 0, tzinfo=UTC))
    bot.click("attest_undo", f"{GUIDE}|", user=MEMBER)  # Chiara takes her "done" back
    bot.click("attest_snoozed", f"{GUIDE}|", user=ADMIN)
    with bot.slack.lock:
        bot.slack.workspace.channels[GENERAL].members.remove(MEMBER_IST)
    stored = bot.served.services.reports.find(team_id=bot.team, reference=campaign)
    delivery.refresh_audience(bot.team, stored.campaign, now=clock())
    clock.set(datetime(2026, 12, 14, 9, 5, tzinfo=UTC))  # Monday again; Ada's snooze runs to the 14th's 10:00
    first = len(slack.dm_messages(ADMIN))
    assert _all_agree(bot, slack, campaign, digest_from=first) == (0, 1, 1, 1, 1, 33, 3)

    clock.set(datetime(2026, 12, 15, 18, 0, tzinfo=UTC))  # the deadline day: Chiara is done after all
    bot.click("attest_confirmed", f"{GUIDE}|desktop", user=MEMBER)
    clock.set(datetime(2026, 12, 16, 9, 5, tzinfo=UTC))  # the final digest
    first = len(slack.dm_messages(ADMIN))
    assert _all_agree(bot, slack, campaign, digest_from=first, ended=True) == (1, 1, 0, 1, 1, 66, 3)
