"""A member's status list: what to do next first, every guide still within reach."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

import pytest

from bot.guides import load_catalog
from bot.local import payloads
from bot.local.fake_slack import FakeSlack
from bot.local.sender import SignedSender
from bot.local.workspace import ADMIN, GENERAL, MANAGER, MEMBER, PRIVACY
from bot.slack.plaintext import render
from tests.conftest import SettableClock, final_answer

PENDING = "– not done yet"
CATALOG = load_catalog()


@pytest.fixture(autouse=True)
def today(clock: SettableClock) -> None:
    clock.set(datetime(2026, 12, 1, 12, 0, tzinfo=UTC))


def status(sender: SignedSender, text: str = "status", *, user: str = MEMBER) -> list[str]:
    reply = sender.slash_command(text=text, user_id=user)
    assert reply.status == 200, reply.text
    blocks = json.loads(reply.text)["blocks"]
    assert len(blocks) <= 50
    return [line for line in render(blocks).splitlines() if line.strip()]


def reachable(lines: list[str]) -> bool:
    """Every guide is listed by title, or its service is named in the line that sums up the rest."""
    shown = "\n".join(lines)
    return all(guide.title in shown or re.search(rf"\b{re.escape(guide.service)}\b", shown) for guide in CATALOG)


# A new member had 14 "not done yet" lines at once (and a run-on line of five more guides' titles).
def test_a_new_members_status_shows_a_few_to_dos_and_sums_up_the_rest_in_one_line(sender: SignedSender) -> None:
    lines = status(sender)
    pending = [line for line in lines if PENDING in line]
    assert len(pending) == 3
    assert "Stop LinkedIn using your data to train generative AI" in pending[0]
    [summary] = [line for line in lines if "more to do" in line]
    assert summary.startswith("11 more to do: Claude, Microsoft Copilot, Google Gemini,")
    assert summary.endswith("`/privacy status all` lists every guide, or ask me about any service.")
    assert reachable(lines)


def test_status_all_lists_every_to_do(sender: SignedSender) -> None:
    lines = status(sender, "status all")
    assert len([line for line in lines if PENDING in line]) == 14
    assert not any("more to do" in line for line in lines)
    assert any(
        line.startswith("Also available, if it concerns you: Get a copy of your LinkedIn data") for line in lines
    )


@pytest.mark.parametrize("text", ["status all guides", "status ALL please", "status all."])
def test_status_all_with_more_words_still_lists_every_to_do(sender: SignedSender, text: str) -> None:
    # Only "all" alone was read: "status all guides" got the short list, which says "`status all` lists every guide".
    assert len([line for line in status(sender, text) if PENDING in line]) == 14


def test_what_a_running_campaign_asks_about_comes_first_with_its_deadline(sender: SignedSender) -> None:
    started = final_answer(sender, f"campaign start chatgpt <#{GENERAL}|general> 2026-12-15", user_id=ADMIN)
    assert "started" in started["text"]
    lines = status(sender)
    pending = [line for line in lines if PENDING in line]
    assert pending == [
        "[ ] Stop ChatGPT using your chats to train OpenAI's models – not done yet · deadline 2026-12-15"
    ]
    assert any(line.startswith("13 more to do: LinkedIn, Adobe, Claude,") for line in lines)
    assert reachable(lines)


def test_a_deadline_passed_where_the_member_is_says_so(sender: SignedSender, clock: SettableClock) -> None:
    """A campaign runs on for a few days after its deadline (the final digest): a bare "deadline 2026-12-15" on the
    16th read as a date still to come."""
    started = final_answer(sender, f"campaign start chatgpt <#{GENERAL}|general> 2026-12-15", user_id=ADMIN)
    assert "started" in started["text"]
    clock.set(datetime(2026, 12, 15, 22, 30, tzinfo=UTC))  # 23:30 on the 15th in Rome: still the last day
    assert [line for line in status(sender) if "deadline" in line][0].endswith("· deadline 2026-12-15")
    clock.set(datetime(2026, 12, 15, 23, 30, tzinfo=UTC))  # 00:30 on the 16th in Rome
    assert [line for line in status(sender) if "deadline" in line][0].endswith("· deadline 2026-12-15 (passed)")


def test_a_campaign_for_another_audience_does_not_come_first(sender: SignedSender) -> None:
    # Ben is in #general, not in #privacy.
    started = final_answer(sender, f"campaign start chatgpt <#{PRIVACY}|privacy> 2026-12-15", user_id=ADMIN)
    assert "started" in started["text"]
    lines = status(sender, user=MANAGER)
    assert not any("deadline" in line for line in lines)
    assert "Stop LinkedIn using your data to train generative AI" in [line for line in lines if PENDING in line][0]


def test_what_the_member_recorded_stays_listed(sender: SignedSender) -> None:
    for guide in ("grammarly", "x"):
        assert sender.slash_command(text=f"done {guide}", user_id=MEMBER).status == 200
    lines = status(sender)
    assert any("Turn off Grammarly's Product Improvement and Training – done" in line for line in lines)
    assert any("Stop X using your posts and Grok chats to train AI – done" in line for line in lines)
    assert len([line for line in lines if PENDING in line]) == 3
    assert any(line.startswith("9 more to do:") for line in lines)


def test_a_direct_message_status_is_the_same_short_list(sender: SignedSender, slack: FakeSlack) -> None:
    before = len(slack.calls_to("chat.postMessage"))
    assert sender.event(payloads.dm_message(user_id=MEMBER, text="status")).status == 200
    [post] = slack.calls_to("chat.postMessage")[before:]
    shown = render(post.structured("blocks"))
    assert shown.count(PENDING) == 3
    assert "11 more to do" in shown


# "Also available: LinkedIn, …" under the member's own LinkedIn to-do read as the same guide again.
def test_a_guide_offered_beside_a_to_do_of_its_service_is_named_by_its_title(sender: SignedSender) -> None:
    [summary] = [line for line in status(sender) if "more to do" in line]
    also = summary.split("Also available, if it concerns you: ")[1].split(".")[0]
    assert also.startswith("Get a copy of your LinkedIn data, ")
    assert "Slack" in also.split(", ")  # a service with no to-do keeps its short name


# A campaign for a how-to guide DMs its audience about it and counts them pending, while their status called
# it "also available, if it concerns you".
def test_a_how_to_a_running_campaign_asks_about_is_a_to_do_with_its_deadline(sender: SignedSender) -> None:
    started = final_answer(
        sender, f"campaign start linkedin-data-download <#{PRIVACY}|privacy> 2026-12-15", user_id=ADMIN
    )
    assert "started" in started["text"]
    lines = status(sender)
    pending = [line for line in lines if PENDING in line]
    assert pending[0] == "[ ] Get a copy of your LinkedIn data – not done yet · deadline 2026-12-15"
    assert not any("Also available" in line and "Get a copy of your LinkedIn data" in line for line in lines)
    # Ben is not in #privacy: for him it stays on offer.
    assert not any(PENDING in line and "LinkedIn data" in line for line in status(sender, "status all", user=MANAGER))
