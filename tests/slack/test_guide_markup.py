"""Guide text (shipped or from GUIDES_DIR) is plain text: whatever it spells, Slack shows it as written. A guide
that says `<!channel>`, `<@U…>` or `<https://…|click>` pings nobody and links nowhere, in a channel post, a DM,
an answer, the status, App Home, a report or a digest; `&`, `<` and `>` reach the member as those characters."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.cli import Served
from bot.local import payloads
from bot.local.fake_slack import FakeSlack, broadcasts, live_markup
from bot.local.sender import SignedSender
from bot.local.workspace import ADMIN, GENERAL, MEMBER
from bot.slack.plaintext import render
from tests.conftest import SettableClock, final_answer, signed
from tests.reports.conftest import serving_guides

UTC = dt.UTC
TODAY = dt.datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
DEADLINE = "2026-12-15"
ANNOUNCED = dt.datetime(2026, 12, 8, 10, 0, tzinfo=UTC)  # 7 days before, 10:00 in the bot's zone (UTC)
GUIDE = "acme-ai-training"
CAMPAIGN = f"{GUIDE}-{DEADLINE}"
URL = "https://acme.example/settings/ai"
BLOG = "https://acme.example/blog%3E%3C!channel%3E%3Chttps://evil.example/source"  # as Slack gets it

HOSTILE_GUIDE = f'''
id = "{GUIDE}"
service = "Acme"
title = "Stop Acme <!channel> training AI & more"
setting = "AI <!here> training"
aliases = ["acme"]
url = "{URL}"
summary = "Acme trains AI on your posts. <https://evil.example/phish|Click here to opt out> <@U0MEMBER> & <!everyone>"
not_undone = "Past training <!subteam^S0MANAGERS|@privacy>."
verified = 2026-11-29
notes = ["Read <https://evil.example/notes|this> first."]
link_label = "Open <it>"

[steps]
desktop = ["Open <!here> Settings & Privacy."]
ios = ["Open Settings."]
android = ["Open Settings."]

[[dates]]
date = {DEADLINE}
what = "Acme <!channel> starts training"
regions = ["EU"]

[[sources]]
title = "Acme Help <!channel>: training"
url = "https://acme.example/help"

[[sources]]
title = "Acme blog"
url = "https://acme.example/blog><!channel><https://evil.example/source"
'''


@pytest.fixture
def served(slack: FakeSlack, bot_db: Path, clock: SettableClock, tmp_path: Path) -> Iterator[Served]:
    with serving_guides(slack, bot_db, clock, tmp_path / "guides", {"acme.toml": HOSTILE_GUIDE}, now=TODAY) as served:
        yield served


@pytest.fixture
def sender(served: Served, slack: FakeSlack, clock: SettableClock) -> SignedSender:
    return signed(served, slack, clock)


def ack(sender: SignedSender, text: str, *, user: str = MEMBER) -> dict[str, Any]:
    return final_answer(sender, text, user_id=user)


def links(blocks: Any, text: Any = None) -> set[str]:
    return {found.split("|")[0] for found in live_markup(blocks, text) if found.startswith("http")}


def test_a_campaigns_channel_post_pings_nobody_and_links_only_the_setting(
    sender: SignedSender, served: Served, slack: FakeSlack, clock: SettableClock
) -> None:
    started = ack(sender, f"campaign start acme <#{GENERAL}|general> {DEADLINE}", user=ADMIN)
    assert CAMPAIGN in json.dumps(started)
    clock.set(ANNOUNCED)
    served.services.delivery.dispatch_due()
    served.settle()
    posts = [message for message in slack.messages(GENERAL) if message.via == "chat.postMessage"]
    assert posts, "no announcement"
    for post in posts:
        assert broadcasts(post.blocks, post.text) == []
        assert [found for found in live_markup(post.blocks, post.text) if found.startswith("@")] == []
        assert links(post.blocks, post.text) <= {URL}
        shown = render(post.blocks)
        assert "Stop Acme <!channel> training AI & more" in shown
        assert "Acme <!channel> starts training" in shown
    dms = [message for member in (MEMBER,) for message in slack.dm_messages(member)]
    assert dms, "no DM at 10:00 in London"
    for dm in dms:
        assert broadcasts(dm.blocks, dm.text) == []
        assert links(dm.blocks, dm.text) <= {URL, "https://acme.example/help", BLOG}
        assert "Open <!here> Settings & Privacy." in render(dm.blocks)


def test_the_guide_answer_shows_its_text_as_written(sender: SignedSender) -> None:
    body = ack(sender, "acme")
    assert broadcasts(body["blocks"], body.get("text")) == []
    assert [found for found in live_markup(body["blocks"], body.get("text")) if found.startswith("@")] == []
    assert "https://evil.example/phish" not in links(body["blocks"])
    assert "https://evil.example/notes" not in links(body["blocks"])
    assert "https://evil.example/source" not in links(body["blocks"])  # a link's address cannot close it early
    shown = render(body["blocks"])
    assert "<https://evil.example/phish|Click here to opt out> <@U0MEMBER> & <!everyone>" in shown
    assert "Open <!here> Settings & Privacy." in shown
    assert "Open <it>" in shown  # the link's label, whole


def test_status_home_report_and_list_ping_nobody(sender: SignedSender, served: Served, slack: FakeSlack) -> None:
    ack(sender, f"campaign start acme <#{GENERAL}|general> {DEADLINE}", user=ADMIN)
    for text, user in (
        ("status", MEMBER),
        ("done acme", MEMBER),
        ("undo acme", MEMBER),
        ("later acme", MEMBER),
        ("report", ADMIN),
        (f"report {CAMPAIGN}", ADMIN),
        ("campaign list", ADMIN),
        ("dates", MEMBER),
    ):
        body = ack(sender, text, user=user)
        assert broadcasts(body.get("blocks"), body.get("text")) == [], text
        if text != "dates":
            assert "Stop Acme <!channel> training AI & more" in render(body.get("blocks") or []), text
    assert sender.event(payloads.app_home_opened(user_id=ADMIN)).status == 200
    home = slack.wait_for(lambda: slack.home_view(ADMIN))
    served.settle()
    home = slack.home_view(ADMIN) or home
    assert broadcasts(home["blocks"]) == []
    assert "Stop Acme <!channel> training AI & more" in render(home["blocks"])


def test_asking_a_manager_for_a_deadline_shows_the_guide_title_as_written(
    sender: SignedSender, clock: SettableClock
) -> None:
    clock.set(dt.datetime(2026, 12, 20, 12, 0, tzinfo=UTC))  # the guide's only date has passed: no deadline to take
    body = ack(sender, f"campaign start acme <#{GENERAL}|general>", user=ADMIN)
    assert broadcasts(body["blocks"], body.get("text")) == []
    assert "Stop Acme <!channel> training AI & more" in render(body["blocks"])
