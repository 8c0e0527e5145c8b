"""A question about a service no list knows, and a question about AI training naming no service, answered the same way
as a direct message, as `/privacy` and as an @mention: through the bot's real HTTP endpoint and the Slack stand-in."""

from __future__ import annotations

import pytest

from bot.local.fake_slack import FakeSlack
from bot.local.sender import SignedSender
from bot.slack.plaintext import buttons
from tests.guide_ids import ADOBE, AI, DOWNLOAD, ZOOM
from tests.slack.test_conversation import command, dm, mention
from tests.test_answers import TRAINING_SWITCHES


def offered(slack: FakeSlack, sender: SignedSender, text: str, way: str) -> tuple[str, list[str]]:
    """What the member reads and the guides offered as buttons, asked `way`."""
    if way == "slash":
        reply = sender.slash_command(text=text)
        assert reply.status == 200
        blocks = reply.json()["blocks"]
        return str(blocks), [button.value for button in buttons(blocks)]
    shown = dm(sender, slack, text) if way == "dm" else mention(sender, slack, text)
    blocks = slack.calls_to("chat.postMessage")[-1].structured("blocks")
    return shown, [button.value for button in buttons(blocks)]


@pytest.mark.parametrize("way", ["dm", "slash", "mention"])
def test_a_member_asking_about_hinge_hears_there_is_no_hinge_guide(
    sender: SignedSender, slack: FakeSlack, way: str
) -> None:
    shown, guides = offered(slack, sender, "how do I stop hinge using my photos for AI", way)
    assert "I have no guide for that yet (Hinge)" in shown
    assert "couldn't tell which guide" not in shown
    assert guides == list(TRAINING_SWITCHES)


@pytest.mark.parametrize("way", ["dm", "slash", "mention"])
def test_a_member_asking_how_to_stop_ai_training_picks_from_every_training_switch(
    sender: SignedSender, slack: FakeSlack, way: str
) -> None:
    shown, guides = offered(slack, sender, "how do I stop my data being used for AI training?", way)
    assert guides == list(TRAINING_SWITCHES)
    assert guides[0] == AI and guides.index(ADOBE) > 6
    assert DOWNLOAD not in guides and ZOOM not in guides
    # Asked which service, as a member who named none expects; not told their question was unclear.
    assert "Which service? Each of these guides is about one service using what you share with it for AI" in shown
    assert "couldn't tell" not in shown


def test_the_slash_command_answers_an_unknown_service_in_its_own_words(sender: SignedSender) -> None:
    assert "I have no guide for that yet (Bumble)" in command(sender, "bumble ai opt out")
