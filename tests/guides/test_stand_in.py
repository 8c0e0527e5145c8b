"""The new guides and answers as a member gets them: `/privacy …` through the bot's HTTP endpoint and the
Slack stand-in (fixtures in tests/conftest.py)."""

from __future__ import annotations

import pytest

from bot.local.sender import SignedSender


def ask(sender: SignedSender, text: str) -> str:
    reply = sender.slash_command(text=text)
    assert reply.status == 200, reply.text
    return str(reply.json()["blocks"])


@pytest.mark.parametrize(
    ("question", "title"),
    [
        ("copilot", "Stop Microsoft training Copilot on your text and voice"),
        ("adobe content analysis", "Turn off Adobe's content analysis"),
        ("quora", "Stop Quora letting large language models train on your content"),
        ("tumblr ai", "Stop Tumblr sharing your blog with third parties"),
        ("wordpress ai training", "Stop WordPress.com sharing your site with third parties"),
        ("substack", "Block AI training on your Substack publication"),
        ("pinterest ai", "Stop Pinterest training Pinterest Canvas on your data"),
    ],
)
def test_each_new_opt_out_guide_answers_with_what_switching_off_does_not_undo(
    sender: SignedSender, question: str, title: str
) -> None:
    shown = ask(sender, question)
    assert title in shown
    assert "What opting out does not undo" in shown
    assert "Sources read on 2026-11-29" in shown


@pytest.mark.parametrize(
    ("question", "says"), [("reddit", "no setting"), ("zoom", "Nothing to do"), ("medium", "GPTBot")]
)
def test_no_switch_answers_say_so_and_record_nothing(sender: SignedSender, question: str, says: str) -> None:
    shown = ask(sender, question)
    assert says in shown
    assert "attest_confirmed" not in shown


def test_a_question_without_a_guide_says_so_with_the_closest_guides(sender: SignedSender) -> None:
    shown = ask(sender, "stop meta ai reading my whatsapp")
    assert "I have no guide for that yet (WhatsApp)." in shown
    assert "Object to Meta AI training on Facebook and Instagram" in shown
    assert "Whoever runs this bot can add a guide for it" in shown and "GUIDES_DIR" not in shown
