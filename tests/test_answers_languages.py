"""Questions that spell out "artificial intelligence" in the languages the README says are understood, or say "IA" or
"KI" in a whole sentence; and a service we have guides for is never told back as one we have no guide for. Checked as
`privacy-bot ask` prints it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.answers import interpret
from bot.guides import Catalog, load_catalog
from tests.guide_ids import AI

AI_TITLE = "Stop LinkedIn using your data to train generative AI"
DOWNLOAD_TITLE = "Get a copy of your LinkedIn data"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


SPELLED_OUT = [
    "linkedin intelligenza artificiale",
    "disattivare linkedin intelligenza artificiale",
    "linkedin inteligencia artificial desactivar",
    "linkedin désactiver l'intelligence artificielle",
    "linkedin inteligência artificial desativar",
    "linkedin kunstmatige intelligentie uitzetten",
    "linkedin sztuczna inteligencja wyłączyć",
    "linkedin sztuczna inteligencja",
    "linkedin artificiell intelligens",
    "linkedin künstliche Intelligenz deaktivieren",
    "linkedin intelligence artificial",
    "linkedin artificial intelligence",
    # "IA" and "KI" in whole sentences
    "come faccio a impedire a linkedin di usare i miei dati per l'IA",
    "cómo evito que linkedin use mis datos para la IA",
    "wie verhindere ich dass linkedin meine daten für KI nutzt",
    "comment empêcher linkedin d'utiliser mes données pour l'IA",
    "hoe voorkom ik dat linkedin mijn gegevens gebruikt voor AI",
    # private messages, which the guide's notes answer
    "¿LinkedIn usa mis mensajes privados para entrenar su IA?",
    "nutzt linkedin meine privaten Nachrichten für KI",
    "linkedin usa i miei messaggi privati per addestrare l'IA",
    "o linkedin usa minhas mensagens privadas para treinar a IA",
]


@pytest.mark.parametrize("text", SPELLED_OUT)
def test_artificial_intelligence_in_another_language_gets_the_training_guide(
    ask_json: Callable[[str], dict[str, object]], text: str
) -> None:
    answer = ask_json(text)
    assert answer["guide"] == AI
    assert str(answer["text"]).startswith(AI_TITLE)


# A word of one of the named service's guides, in an order or alone that no guide lists ("machine" of "machine
# learning"): the question could be about that guide, so it is offered, never "no guide for that yet (LinkedIn)".
@pytest.mark.parametrize(
    "text", ["linkedin machine", "linkedin intelligence", "linkedin learning machine opt out", "linkedin off turn ai"]
)
def test_a_word_of_the_services_own_guide_offers_its_guides(
    catalog: Catalog, ask: Callable[[str], str], text: str
) -> None:
    answer = interpret(text, catalog=catalog)
    assert answer.guide_id == AI or (answer.unknown_service is None and answer.closest[:1] == (AI,))
    shown = ask(text)
    assert "no guide for that yet" not in shown
    assert AI_TITLE in shown


# What the bot has for LinkedIn is said, not only that it has no guide for deleting an account: the training guide
# links LinkedIn's Data Deletion request form and its Close your account page (facts/linkedin.md).
@pytest.mark.parametrize("text", ["delete my linkedin account", "how do i delete my linkedin data"])
def test_deleting_at_linkedin_says_what_the_bot_has_for_linkedin(ask: Callable[[str], str], text: str) -> None:
    shown = ask(text)
    lines = [line for line in shown.splitlines() if line.strip()]
    assert lines[0] == "I have no guide for that yet (LinkedIn)."
    assert "The closest guides I have:" not in shown
    assert "My guides for LinkedIn:" in shown
    assert f"• {AI_TITLE}" in shown and f"• {DOWNLOAD_TITLE}" in shown
    assert "Data Deletion request form (https://www.linkedin.com/help/linkedin/ask/TS-DDF)" in shown
    assert "Close your account (https://www.linkedin.com/mypreferences/d/close-accounts)" in shown


def test_a_service_without_a_guide_still_hears_the_closest_guides(ask: Callable[[str], str]) -> None:
    shown = ask("delete my tiktok account")
    assert shown.startswith("I have no guide for that yet (TikTok).")
    assert "The closest guides I have:" in shown
    assert "Data Deletion request form" not in shown
