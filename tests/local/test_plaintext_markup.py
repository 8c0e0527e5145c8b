"""What `ask`, `guides show` and the shell print for Slack's markup: a live ping reads as Slack shows it
(`@here`), text that only spells one (escaped by the bot) reads as the characters, so the two never look alike."""

from __future__ import annotations

import re
from pathlib import Path

import bot.strings
from bot.slack.plaintext import mrkdwn_to_text, render


def test_a_live_ping_and_the_same_characters_escaped_read_differently() -> None:
    assert mrkdwn_to_text("<!here> and &lt;!here&gt;") == "@here and <!here>"
    assert mrkdwn_to_text("<!channel> <!everyone|everyone>") == "@channel @everyone"
    assert mrkdwn_to_text("&lt;https://evil.example|click&gt; &amp;lt;") == "<https://evil.example|click> &lt;"


def test_a_header_is_plain_text_and_never_pings() -> None:
    header = {"type": "header", "text": {"type": "plain_text", "text": "Stop <!channel> & more"}}
    assert render([header]).splitlines()[0] == "Stop <!channel> & more"


def test_every_emoji_the_bot_writes_reads_as_slack_shows_it_not_as_its_code() -> None:
    # The shell printed ":mega: Campaign … started", ":wave: A friendly reminder", ":calendar: Deadline …".
    text = Path(bot.strings.__file__).read_text(encoding="utf-8")
    codes = set(re.findall(r":[a-z_]+:", text))
    assert ":mega:" in codes and ":calendar:" in codes
    for code in codes:
        assert mrkdwn_to_text(f"{code} Campaign started") != f"{code} Campaign started", code
    assert mrkdwn_to_text(":mega: Campaign started") == "\N{CHEERING MEGAPHONE} Campaign started"
    assert mrkdwn_to_text(":white_check_mark: done") == "[x] done"  # a status still lines up as a box
