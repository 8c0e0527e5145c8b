"""Questions typed in Portuguese, as Brazilian and Portuguese members type them: the guide, with the platform named
("celular", "iphone", "android", "computador"), and a thanks ("obrigado", "obrigada") is a thanks. What the member
sees is checked as `privacy-bot ask` prints it."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from bot.answers import Platform, interpret
from bot.guides import Catalog, load_catalog
from tests.guide_ids import AI, META

QUESTIONS: list[tuple[str, str, Platform | None]] = [
    ("como faço pra desativar a IA do linkedin no meu celular", AI, "mobile"),
    ("como faço para desativar a IA do linkedin no meu iphone", AI, "ios"),
    ("como eu desativo o treinamento de IA do linkedin no android?", AI, "android"),
    ("quero desativar a IA do linkedin no computador", AI, "desktop"),
    ("dá pra desligar o treino de IA do linkedin pelo telemóvel?", AI, "mobile"),
    ("como faço pra desativar a IA do instagram", META, None),
    # "não" (not): what the member does not want, a word no English question has
    ("quero que a meta não use meus dados para IA", META, None),
    ("como faço pro linkedin não treinar IA com meus dados?", AI, None),
]
THANKS = ["obrigado", "obrigada", "Obrigado!", "muito obrigada", "valeu"]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


@pytest.mark.parametrize(("text", "guide", "platform"), QUESTIONS, ids=[row[0] for row in QUESTIONS])
def test_a_question_in_portuguese_gets_the_guide_for_the_device_it_names(
    run: Callable[..., tuple[int, str, str]], text: str, guide: str, platform: Platform | None
) -> None:
    code, out, _ = run("ask", "--json", text)
    assert code == 0
    answer = json.loads(out)
    assert (answer["guide"], answer["platform"]) == (guide, platform)
    assert answer["confidence"] >= 0.4


@pytest.mark.parametrize("text", THANKS)
def test_a_thanks_in_portuguese_gets_the_line_a_thanks_gets(ask: Callable[[str], str], text: str) -> None:
    assert ask(text) == ask("thanks")


@pytest.mark.parametrize("text", ["obrigado pela ajuda, e como desativo a IA do linkedin?", "obrigado linkedin"])
def test_a_thanks_with_a_question_is_still_the_question(catalog: Catalog, text: str) -> None:
    assert interpret(text, catalog=catalog).guide_id == AI
