"""One everyday word beside a clear question ("purposes", "both", "vs", "never made a linkedin", a colleague's
@mention, Dutch "gegevens") no longer sinks it to "I couldn't tell which guide"; and a chance word no longer offers
unrelated guides ("chrome third party cookies off" is no Tumblr question), nor gives the training guide to LinkedIn's
job recommendations. Asked through `privacy-bot ask --json`, as the audit asked them."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.answers import interpret
from bot.guides import Catalog, load_catalog
from tests.guide_ids import AI


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


@pytest.mark.parametrize(
    "text",
    [
        "How do I opt out of Linkedin using my data for AI purposes",
        "do i have to do the linkedin ai thing on both my phone and computer",
        "I have two linkedin accounts, do i need to do both?",
        "my work linkedin vs personal, which one",
        "<@U12345> told me to ask you about linkedin",
        "hoe kan ik linkedin stoppen met mijn gegevens voor AI te gebruiken",
    ],
)
def test_an_everyday_word_beside_a_clear_question_keeps_its_guide(
    ask_json: Callable[[str], dict[str, object]], text: str
) -> None:
    answer = ask_json(text)
    assert answer["guide"] == AI
    assert "I couldn't tell which guide" not in str(answer["text"])
    assert "I only help with privacy settings" not in str(answer["text"])


def test_never_having_made_an_account_gets_the_no_account_answer(ask: Callable[[str], str]) -> None:
    shown = ask("never made a linkedin, can i ignore this?")
    assert "No LinkedIn account?" in shown


@pytest.mark.parametrize(
    "text",
    [
        "how do i stop ai training on my data everywhere",
        "which services use my data for ai?",
    ],
)
def test_ai_training_asked_of_every_service_offers_every_training_guide(catalog: Catalog, text: str) -> None:
    answer = interpret(text, catalog=catalog)
    wanted = interpret("how to opt out of ai training", catalog=catalog)
    assert answer.which_service and answer.closest == wanted.closest


@pytest.mark.parametrize(
    "text",
    [
        "chrome third party cookies off",
        "linkedin's AI recommendations for jobs are bad, can i turn them off",
    ],
)
def test_a_setting_no_guide_covers_is_offered_no_unrelated_guide(catalog: Catalog, text: str) -> None:
    answer = interpret(text, catalog=catalog)
    assert answer.guide_id is None
    assert not {"tumblr-third-party-sharing", "wordpress-third-party-sharing"} & set(answer.closest)
