"""A member who types a password, a login or a one-time code to the bot ("just do it for me, my password is hunter2")
is told the bot never needs one and to change it: a short reply that never quotes what they typed, wherever the text
arrives (a question, `done`/`skip`/`later` before it, `privacy-bot ask --json`)."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from bot.answers import interpret
from bot.guides import Catalog, load_catalog


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


SHARED = [
    ("just do it for me, my password is hunter2", "hunter2"),
    ("pw: hunter2", "hunter2"),
    ("here's my login: bob@example.com / Tr0ub4dor", "Tr0ub4dor"),
    ("my linkedin password is Sup3rS3cret!", "Sup3rS3cret"),
    ("turn off linkedin ai for me, password = correcthorse", "correcthorse"),
    ("my 2fa code is 482913", "482913"),
    ("the verification code: 771204", "771204"),
    ("here is my password qwerty123 can you opt me out", "qwerty123"),
    ("i turned off linkedin ai, my password is hunter2", "hunter2"),
    ("username: jdoe passcode: 2468", "2468"),
    # A second audit: each was quoted back in "I couldn't tell which guide “…”".
    ("my password for linkedin: Rocket#42", "Rocket#42"),
    ("my pass is qwerty123", "qwerty123"),
    ("linkedin pass: qwerty123 please turn it off", "qwerty123"),
    ("my pw's Summer2024", "Summer2024"),
    ("passcode 1234", "1234"),
    ("pin is 4321", "4321"),
    ("2fa code 123456", "123456"),
    ("done linkedin pw hunter2", "hunter2"),
]


@pytest.mark.parametrize(("text", "secret"), SHARED)
def test_a_shared_password_is_never_quoted_back_and_is_to_be_changed(
    ask: Callable[[str], str], text: str, secret: str
) -> None:
    shown = ask(text)
    assert secret not in shown
    assert text not in shown
    assert "never need a password" in shown
    assert "change it" in shown
    assert "I couldn't tell which guide" not in shown


@pytest.mark.parametrize("command", ["done", "skip", "later", "undo"])
def test_a_password_after_a_command_is_not_quoted_as_a_guide_name(ask: Callable[[str], str], command: str) -> None:
    shown = ask(f"{command} linkedin my password is hunter2")
    assert "hunter2" not in shown
    assert "never need a password" in shown
    assert "Recorded" not in shown


def test_ask_json_holds_no_part_of_the_password(run: Callable[..., tuple[int, str, str]]) -> None:
    code, out, err = run("ask", "--json", "my password is hunter2")
    assert code == 0
    assert "hunter2" not in out + err
    assert "never need a password" in json.loads(out)["text"]


@pytest.mark.parametrize(
    "text",
    [
        "my linkedin password got leaked what do i do",
        "my password is not working on linkedin",
        "what is my password",
        "does linkedin train ai on my password manager",
        "is my password safe with chatgpt",
        "how do i turn off linkedin ai",
        "my pinterest pin is public",
        "my boarding pass is at home",
        "i reset my password 2 times",
        "what does error code 1234 mean",
        "i forgot my linkedin password",
        "do i need my password for this",
        "does the pass work",
    ],
)
def test_talking_about_a_password_without_sharing_one_is_read_as_before(catalog: Catalog, text: str) -> None:
    assert interpret(text, catalog=catalog).reply != "secret_shared"
