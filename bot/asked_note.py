"""Which one of a guide's notes a question asks about ("does linkedin use my private messages?"): shown first.

A note is asked about when the question has a word of it that the rest of the guide's first lines do not already
say: not the service's names, the title, setting, link or summary (what a how-to question repeats), not AI or
opt-out vocabulary, platform words or filler (the question reader's own word lists, bot/answers.py). A country is
its region ("germany" finds a note about the EU). The note must have every such word of the question that any note
has: words found in two notes ask two things. Of the notes that have them all, one the first message shows goes
before those behind "More details" (the guides put what members ask most first); two left mean none is first, and
the guide reads as it always did: a wrong note on top misleads more than the right one in its usual place.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Final

from bot.answers import _COUNTRIES, _NEUTRAL, _PLATFORM_WORDS, _REGIONS, _STOPWORDS, _Token, _tokens, _word_set
from bot.guides.catalog import Guide

# Asked about by every question on a training guide, whatever note answers it.
_SUBJECT: Final = _word_set(
    """
    ai train trains training trained trainer model models llm generative machine learning artificial intelligence
    post content comment article video photo
    """
)
_GENERIC: Final = _STOPWORDS | (_NEUTRAL - _REGIONS) | _PLATFORM_WORDS | _SUBJECT

# A country is in its region: "I'm in Germany" asks what a note about the EU says. The question reader lists the
# countries of the EU, the EEA and the UK together; these are the ones outside the EU.
_UK_COUNTRIES: Final = _word_set("england scotland wales british scottish welsh britain")
_EEA_ONLY_COUNTRIES: Final = _word_set("iceland liechtenstein norway icelandic norwegian")
_US: Final = "usa"
_REGION_NAMES: Final[dict[str, frozenset[str]]] = {
    **dict.fromkeys(_COUNTRIES - _UK_COUNTRIES - _EEA_ONLY_COUNTRIES, frozenset({"eu", "eea"})),
    **dict.fromkeys(_EEA_ONLY_COUNTRIES, frozenset({"eea"})),
    **dict.fromkeys(_UK_COUNTRIES, frozenset({"uk"})),
    **dict.fromkeys(("europe", "european"), frozenset({"eu", "eea"})),
    "swiss": frozenset({"switzerland"}),
    "canadian": frozenset({"canada"}),
    "hk": frozenset({"hong", "kong"}),
    **dict.fromkeys(("america", "american"), frozenset({_US})),
}

# Filler to the question reader that a note may be about, in the sense the note has it: a work account ("my work
# account", "claude for work", not "does it work"), and every device ("all my devices", not "on my device").
_WORK_BESIDE: Final = _word_set("my our your for at account accounts school plan plans profile email")
_MANY: Final = _word_set("all every each both other multiple different")


def asked_note(question: str, guide: Guide, *, shown_first: int) -> int | None:
    """The index of the one note of `guide` that `question` asks about, or None. `shown_first`: how many notes the
    guide's first message shows (closer than those behind "More details" when both have the question's words)."""
    notes = _note_words(guide)
    asked = {
        word for word in _distinctive(_tokens(question), ignored=_named(guide), asked=True) if _in_any(word, notes)
    }
    if not asked:
        return None
    # A question whose words are in different notes asks two things: neither note answers it alone.
    answering = [index for index, note in enumerate(notes) if all(_in(word, note) for word in asked)]
    closest = [index for index in answering if index < shown_first] or answering
    return closest[0] if len(closest) == 1 else None


def _in(word: str, note: frozenset[str]) -> bool:
    return word in note or bool(_REGION_NAMES.get(word, frozenset()) & note)


def _in_any(word: str, notes: Sequence[frozenset[str]]) -> bool:
    return any(_in(word, note) for note in notes)


@functools.lru_cache(maxsize=64)
def _named(guide: Guide) -> frozenset[str]:
    """What the guide's first lines say already: its names, title, setting, link and summary, regions aside."""
    texts = (guide.service, *guide.service_aliases, *guide.aliases, guide.title, guide.setting, guide.link_label)
    words = {token.stem for text in (*texts, guide.summary) for token in _tokens(text)}
    return frozenset(words - _REGIONS - {_US})


@functools.lru_cache(maxsize=64)
def _note_words(guide: Guide) -> tuple[frozenset[str], ...]:
    return tuple(frozenset(_distinctive(_tokens(note), ignored=_named(guide))) for note in guide.notes)


def _distinctive(tokens: Sequence[_Token], *, ignored: frozenset[str], asked: bool = False) -> set[str]:
    """The words of a note, or of a question (`asked`), that may tell one note from another."""
    words = set()
    for position, token in enumerate(tokens):
        before = tokens[position - 1].word if position else ""
        after = tokens[position + 1].word if position + 1 < len(tokens) else ""
        if token.original == "US":  # the country, not "us"
            words.add(_US)
        elif token.word in _REGION_NAMES:  # as typed: "wales" is no plural, "cyprus" no "cypru"
            words.add(token.word)
        elif token.word == "work" and (not asked or {before, after} & _WORK_BESIDE):
            words.add("work")
        elif token.stem == "device" and (not asked or token.word != token.stem or before in _MANY):
            words.add("device")
        elif token.word.isdigit() and len(token.word) < 4:
            continue  # a day or a month of a date ("nov 20"), not the date a note has ("2024-09-20")
        elif token.word not in _GENERIC and token.stem not in _GENERIC and token.stem not in ignored:
            words.add(token.stem)
    return {word if word in _REGION_NAMES else _root(word) for word in words}


def _root(word: str) -> str:
    """One spelling for a word's forms, crude but the same on both sides: "shares", "sharing" and "share" are one."""
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            word = word[: -len(suffix)]
            break
    return word[:-1] if word.endswith("e") and len(word) > 3 else word
