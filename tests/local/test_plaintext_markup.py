"""What `ask`, `guides show` and the shell print for Slack's markup: a live ping reads as Slack shows it
(`@here`), text that only spells one (escaped by the bot) reads as the characters, so the two never look alike."""

from __future__ import annotations

from bot.slack.plaintext import mrkdwn_to_text, render


def test_a_live_ping_and_the_same_characters_escaped_read_differently() -> None:
    assert mrkdwn_to_text("<!here> and &lt;!here&gt;") == "@here and <!here>"
    assert mrkdwn_to_text("<!channel> <!everyone|everyone>") == "@channel @everyone"
    assert mrkdwn_to_text("&lt;https://evil.example|click&gt; &amp;lt;") == "<https://evil.example|click> &lt;"


def test_a_header_is_plain_text_and_never_pings() -> None:
    header = {"type": "header", "text": {"type": "plain_text", "text": "Stop <!channel> & more"}}
    assert render([header]).splitlines()[0] == "Stop <!channel> & more"
