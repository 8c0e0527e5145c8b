"""A member asks the operator "what do you hold about me?" (a subject-access request, GDPR Art. 15). The operator
answers with `privacy-bot member U…`: every row `/privacy forget-me` would delete, no more and no less, read from
the database alone, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from bot.local.fake_slack import FakeSlack
from bot.local.workspace import ADMIN, GENERAL, MANAGER, MEMBER
from bot.store.repo import MEMBER_FORGOTTEN
from tests.conftest import SettableClock, signed
from tests.reports.conftest import GUIDE, START, Bot, serve
from tests.reports.test_forget_me_everywhere import every_value, naming

TUESDAY_0900 = datetime(2026, 12, 8, 9, 0, tzinfo=UTC)  # the 7-days-before DM, 10:00 in Rome

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def bot(slack: FakeSlack, database_url: str, clock: SettableClock) -> Iterator[Bot]:
    clock.set(START)
    served = serve(slack, database_url, clock)
    try:
        yield Bot(slack=slack, sender=signed(served, slack, clock), served=served)
    finally:
        served.stop()


def held(run: Run, database_url: str, *args: str) -> dict[str, Any]:
    code, out, err = run("member", *args, env={"DATABASE_URL": database_url})
    assert code == 0, err
    return dict(json.loads(out))


def test_member_lists_everything_forget_me_would_delete_and_nothing_of_anyone_else(
    bot: Bot, database_url: str, clock: SettableClock, run: Run
) -> None:
    bot.command(f"campaign start linkedin <#{GENERAL}|general> 2026-12-15", user=ADMIN)
    bot.command("linkedin iphone", user=MEMBER)
    bot.click("attest_snoozed", f"{GUIDE}|ios", user=MEMBER)
    bot.command("done chatgpt", user=MEMBER)
    bot.command("undo chatgpt", user=MEMBER)
    bot.command("skip chatgpt", user=MEMBER)
    bot.command("done chatgpt", user=MANAGER)
    clock.set(TUESDAY_0900)
    bot.command("undo linkedin", user=MEMBER)
    assert bot.served.services.delivery.dispatch_due().sent["nudge"] >= 1

    shown = held(run, database_url, MEMBER)

    stored = naming(every_value(database_url), (MEMBER,))
    assert shown["member"] == MEMBER
    # Every table the database holds her in, each of her rows, her directory entry with her name and zone.
    assert set(shown["tables"]) == set(stored), (shown["tables"].keys(), stored.keys())
    assert {table: len(rows) for table, rows in shown["tables"].items()} == {
        table: len(rows) for table, rows in stored.items()
    }
    (entry,) = shown["tables"]["members"]
    assert (entry["user_id"], entry["name"], entry["tz"]) == (MEMBER, "Chiara", "Europe/Rome")
    (status,) = shown["tables"]["attestations"]  # linkedin was undone: only ChatGPT's "doesn't apply" is left
    assert (status["user_id"], status["status"]) == (MEMBER, "not_applicable")
    assert any(row["kind"] == "nudge" and row["target"] == MEMBER for row in shown["tables"]["deliveries"])
    # Times as text a person reads, in UTC.
    assert status["recorded_at"] == TUESDAY_0900.replace(day=1, hour=10).isoformat()
    # Nothing of the manager who also said `done chatgpt`.
    assert MANAGER not in json.dumps(shown)

    # What forget-me deletes is what was shown, row for row.
    assert "I deleted" in str(bot.click("forget_confirm", "yes", user=MEMBER))
    (forgotten,) = [row for row in every_value(database_url)["audit_log"] if MEMBER_FORGOTTEN in row]
    deleted = re.search(r"rows\W+(\d+)", forgotten)
    assert deleted is not None and int(deleted[1]) == shown["rows"]
    assert held(run, database_url, MEMBER) == {"member": MEMBER, "rows": 0, "tables": {}}


def test_member_in_another_workspace_or_by_name_is_told_apart(bot: Bot, database_url: str, run: Run) -> None:
    bot.command("done chatgpt", user=MEMBER)
    assert held(run, database_url, MEMBER)["rows"] > 0
    assert held(run, database_url, MEMBER, "--team", bot.team)["rows"] == held(run, database_url, MEMBER)["rows"]
    # A name finds no row: it is refused, rather than read as "nothing stored about Chiara".
    code, out, err = run("member", "Chiara", env={"DATABASE_URL": database_url})
    assert (code, out) == (2, "")
    assert "not a Slack member ID" in err


@pytest.mark.parametrize("team", ["T0ELSEWHERE", "bogus", "U0CHI"])
def test_member_in_a_workspace_the_database_does_not_hold_is_refused_not_answered_with_nothing(
    bot: Bot, database_url: str, run: Run, team: str
) -> None:
    # `{"rows": 0, "tables": {}}` for a typo in --team read as "we hold nothing about her" while we held her rows.
    bot.command("done chatgpt", user=MEMBER)
    code, out, err = run("member", MEMBER, "--team", team, env={"DATABASE_URL": database_url})
    assert (code, out) == (2, "")
    assert len(err.strip().splitlines()) == 1, err
    if team == "T0ELSEWHERE":
        assert f"holds no workspace {team}" in err and bot.team in err  # the workspaces it does hold, by ID
    else:
        assert "is not a Slack workspace ID" in err
    assert "Chiara" not in err
