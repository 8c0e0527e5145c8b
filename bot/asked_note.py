"""Which one of a guide's notes a question asks about ("does linkedin use my private messages?"): shown first.

The words of a question that may tell one note from another are those the rest of the guide's first lines do not
already say: not the service's names, the title, setting, link or summary (what a how-to question repeats), not AI
or opt-out vocabulary, platform words, filler or who asked the member (the question reader's own word lists,
bot/vocabulary.py), and not the member's employer ("i work at microsoft"). A note is asked about only when one of them
is in it in the sense the note has it: a place (a country is its region: "germany" finds a note about the EU), a
name the question has whole ("Temporary Chat", "Microsoft"; not the "company" of "Company Page"), a work account,
every device, or a word beside the same neighbour, another such word or one of the member's things ("private
messages", "give a reason", "close your account"), outside the note's brackets (an aside). An everyday word alone
("what type of data", "which group is it under") asks nothing of a note that has it in another sense. The note must
have every word of the question that any note has: words found in two notes ask two things. A note naming other
places than the question's does not answer it, and a question with more words no note has than asked ones is mostly
about something else. Of the notes left, one the first message shows goes before those behind "More details" (the
guides put what members ask most first); two left mean none is first, and the guide reads as it always did: a wrong
note on top misleads more than the right one in its usual place.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from bot.guides.catalog import Guide
from bot.question_words import (
    Token,
    tokens_of,
)
from bot.vocabulary import (
    ASKED_TO,
    COUNTRIES,
    MEMBERS_THINGS,
    MONTHS,
    NEUTRAL,
    PLAN_NOUNS,
    PLANS,
    PLATFORM_WORDS,
    REGIONS,
    STOPWORDS,
    word_set,
)

# Asked about by every question on a training guide, whatever note answers it.
_SUBJECT: Final = word_set(
    """
    ai train trains training trained trainer model models llm generative machine learning artificial intelligence
    post content comment article video photo
    """
)
# Who asked the member to do it is where they heard of it, never what a note is about ("my boss asked me", "ask for
# the rest with the form").
_GENERIC: Final = STOPWORDS | (NEUTRAL - REGIONS) | PLATFORM_WORDS | _SUBJECT | ASKED_TO

# A country is in its region: "I'm in Germany" asks what a note about the EU says. The question reader lists the
# countries of the EU, the EEA and the UK together; these are the ones outside the EU.
_UK_COUNTRIES: Final = word_set("england scotland wales british scottish welsh britain")
_EEA_ONLY_COUNTRIES: Final = word_set("iceland liechtenstein norway icelandic norwegian")
_US: Final = "usa"
_REGION_NAMES: Final[dict[str, frozenset[str]]] = {
    **dict.fromkeys(COUNTRIES - _UK_COUNTRIES - _EEA_ONLY_COUNTRIES, frozenset({"eu", "eea"})),
    **dict.fromkeys(_EEA_ONLY_COUNTRIES, frozenset({"eea"})),
    **dict.fromkeys(_UK_COUNTRIES, frozenset({"uk"})),
    **dict.fromkeys(("europe", "european"), frozenset({"eu", "eea"})),
    "swiss": frozenset({"switzerland"}),
    "canadian": frozenset({"canada"}),
    "hk": frozenset({"hong", "kong"}),
    **dict.fromkeys(("america", "american"), frozenset({_US})),
}

# Places a note may be about: one that names others does not answer a question about the member's.
_PLACES: Final = (REGIONS - {"region", "country"}) | {_US} | frozenset(_REGION_NAMES)

# Filler to the question reader that a note may be about, in the sense the note has it: a work account ("my work
# account", "claude for work", "at work", not "does it work" or "i work at microsoft"), and every device ("all my
# devices", not "on my device").
_WORK_BEFORE: Final = word_set("my our your for at")
_WORK_AFTER: Final = word_set("account accounts school plan plans profile email")
# A plan is a kind of account, as a work account is: "i have chatgpt plus", "the free plan", and a note's "plans", ask
# and say which accounts the setting covers.
_PLANS_ASKED: Final = PLANS | (PLAN_NOUNS - {"account"})
_PLANS_SAID: Final = word_set("plan plans")
# "I work at Microsoft": the employer, not the Microsoft a note is about.
_EMPLOYED: Final = word_set("work works working worked employed job intern internship")
_EMPLOYER_BEFORE: Final = word_set("at for by")
_MANY: Final = word_set("all every each both other multiple different per whole")
# AI that does not generate content, in a note ("AI that does not generate content") or a question ("non generative ai",
# "nongenerative"): one word, which _GENERIC would otherwise drop as AI vocabulary and a stopword.
_NOT_GENERATIVE: Final = "nongenerative"
_NON: Final = word_set("non not")
# The member's things, no word of a note's own, say which sense a word beside them has: "close my account", "my account
# is private", "accounts are linked", "deleted posts"; not "the reasons to turn it off" or "my family uses facebook".
_THINGS: Final = MEMBERS_THINGS | word_set("account accounts post posts content chat chats conversation conversations")


@dataclass(frozen=True)
class _Note:
    words: frozenset[str]  # every word that may tell it from the others
    pairs: frozenset[tuple[str, str]]  # those words and the member's things side by side, in the note's order
    names: tuple[tuple[str, frozenset[str]], ...]  # a word of a name, and the whole name ("Temporary Chat")
    places: frozenset[str]
    # Words the note says more than once outside its brackets: what it is about ("private messages", "group messages"),
    # asked about alone in a follow-up of its guide. Said once, a word may be a detail ("job postings").
    about: frozenset[str] = frozenset()


def asked_note(question: str, guide: Guide, *, shown_first: int, following: bool = False) -> int | None:
    """The index of the one note of `guide` that `question` asks about, or None. `shown_first`: how many notes the
    guide's first message shows (closer than those behind "More details" when both have the question's words).
    `following`: the question follows `guide`, just shown, and names nothing itself: said as a follow-up ("what about my
    messages", "and group messages?"), the guide says in which sense a word alone is meant, as a neighbour does in a
    question of its own. Asked otherwise ("steps to delete my account?"), it may be about another thing."""
    following = following and _FOLLOW_UP.match(question) is not None
    if (linked := _each_account_asked(question, guide)) is not None:
        return linked
    notes = _notes(guide)
    tokens = tokens_of(question)
    said = _distinctive(tokens, ignored=_named(guide), asked=True)
    distinctive = [word.word for word in said if not word.thing]
    everything_said = {_root_of(token) for token in tokens}
    # A note is asked about only in the sense it has the word: a place, a name the question has whole, a work account,
    # every device, or the word beside the same neighbour ("private messages", "close my account"). A word alone in
    # another sense ("what type of data", "which group is it under", "my company wants me") asks nothing of it.
    speaking = {
        index: {
            said[position].word
            for position in range(len(said))
            if not said[position].thing
            and (
                (following and said[position].word in note.about)
                or _speaks_of(said, position, note, everything_said=everything_said)
            )
        }
        for index, note in enumerate(notes)
    }
    asked: set[str] = set().union(*speaking.values())
    of_notes = {word for word in distinctive if _in_any(word, notes)}
    unexplained = set(distinctive) - of_notes
    # A question mostly about something else ("does linkedin use my private messages, endorsements, skills and
    # connections") is not answered by the note that has a part of it.
    if not asked or len(unexplained) > len(asked):
        return None
    places = {word for word in distinctive if word in _PLACES}
    answering = [
        index
        for index, note in enumerate(notes)
        if asked <= speaking[index]
        # A question whose words are in different notes asks two things: neither note answers it alone.
        and all(_in(word, note.words) for word in of_notes)
        and not (places and note.places and not any(_in(place, note.places) for place in places))
    ]
    closest = [index for index in answering if index < shown_first] or answering
    return closest[0] if len(closest) == 1 else None


# Whether doing it for one of the guide's names does it for another ("do i need to do instagram and facebook
# separately"): the one note naming both says. The names are what every note of the guide leaves out otherwise.
_SEPARATELY: Final = word_set("separately separate both each twice")


def _each_account_asked(question: str, guide: Guide) -> int | None:
    """The index of the one note naming every one of the guide's names the question has, in a question asking whether
    two of them are done separately (see _SEPARATELY), or None."""
    words = {token.word for token in tokens_of(question)}
    names = {name.casefold() for name in (guide.service, *guide.service_aliases) if " " not in name} & words
    if len(names) < 2 or not words & _SEPARATELY:
        return None
    naming = [
        index
        for index, note in enumerate(guide.notes)
        if names <= {token.word for token in tokens_of(_ASIDE.sub(" ", note))}
    ]
    return naming[0] if len(naming) == 1 else None


# How a follow-up of what was just read opens.
_FOLLOW_UP: Final = re.compile(r"\s*(?:(?:and|also|so|but|ok|okay)\W+)?(?:what|how)\s+about\b|\s*and\b", re.IGNORECASE)

# "what does it not undo?", "does it undo past training": asking what switching off leaves as it was, which a guide's
# not_undone says. Undoing alone ("how do i undo it") may be the member's own record.
_NOT_UNDONE: Final = re.compile(
    r"\b(?:not|never|(?:does|do|did|wo|is|was)n[’']?t)\s+(?:\w+\s+)?undo(?:ne|es)?\b"
    r"|\bundo(?:ne|es|ing)?\b.*\b(?:past|already|previous|earlier|training|trained)\b"
    r"|\bretroactive(?:ly)?\b",
    re.IGNORECASE,
)


def asks_not_undone(question: str, guide: Guide) -> bool:
    """Whether `question` asks what switching `guide`'s setting off does not undo (see its not_undone)."""
    return bool(guide.not_undone) and _NOT_UNDONE.search(question) is not None


@dataclass(frozen=True)
class _Said:
    word: str
    translated: bool  # read from another language, whose adjectives may follow their nouns ("mensajes privados")
    thing: bool = False  # one of the member's things: only the neighbour that says a word's sense


def _speaks_of(said: Sequence[_Said], position: int, note: _Note, *, everything_said: set[str]) -> bool:
    word = said[position].word
    if not _in(word, note.words):
        return False
    if word in _PLACES or word in ("work", "device", _NOT_GENERATIVE):  # read in the note's sense (see _distinctive)
        return True
    if any(name_word == word and name <= everything_said for name_word, name in note.names):
        return True
    neighbours = said[max(position - 1, 0) : position + 2]
    return any(
        (first.word, second.word) in note.pairs
        or ((first.translated or second.translated) and (second.word, first.word) in note.pairs)
        for first, second in itertools.pairwise(neighbours)
    )


def _in(word: str, note: frozenset[str]) -> bool:
    return word in note or bool(_REGION_NAMES.get(word, frozenset()) & note)


def _in_any(word: str, notes: Sequence[_Note]) -> bool:
    return any(_in(word, note.words) for note in notes)


@functools.lru_cache(maxsize=64)
def _named(guide: Guide) -> frozenset[str]:
    """What the guide's first lines say already: its names, title, setting, link and summary, regions aside."""
    texts = (guide.service, *guide.service_aliases, *guide.aliases, guide.title, guide.setting, guide.link_label)
    words = {token.stem for text in (*texts, guide.summary) for token in tokens_of(text)}
    return frozenset(words - REGIONS - {_US})


_ASIDE: Final = re.compile(r"\([^)]*\)")


@functools.lru_cache(maxsize=64)
def _notes(guide: Guide) -> tuple[_Note, ...]:
    notes = []
    for text in guide.notes:
        words = frozenset(word.word for word in _distinctive(tokens_of(text), ignored=_named(guide)) if not word.thing)
        # What a note says in brackets is an aside, not what it is about: "(your public profile can take up to 72 hours
        # to disappear)" does not make the deletion note the answer to "is my public profile used for training".
        main = _ASIDE.sub(" ", text)
        main_words = _distinctive(tokens_of(main), ignored=_named(guide))
        said = [word.word for word in main_words]
        names = tuple((word, name) for name in _names_in(main) for word in name & words)
        own = [word.word for word in main_words if not word.thing]
        about = frozenset(word for word in own if own.count(word) > 1)
        notes.append(_Note(words, frozenset(itertools.pairwise(said)), names, words & _PLACES, about))
    return tuple(notes)


# Words written with a capital: a name ("Temporary Chat", "Company Page", "Microsoft") when not first in a sentence.
_CAPITALISED: Final = re.compile(r"[A-Z][\w'’-]*(?:[ ]+[A-Z][\w'’-]*)*")


def _names_in(text: str) -> list[frozenset[str]]:
    """The names a note has, each as its words: a question has a name only when it has all of them."""
    names = []
    for match in _CAPITALISED.finditer(text):
        words = match.group().split()
        before = text[: match.start()].rstrip()
        if not before or before.endswith((".", "!", "?")):
            words = words[1:]  # capitalised as the first word of any sentence is
        name = frozenset(
            _root_of(token) for token in tokens_of(" ".join(words)) if token.word not in STOPWORDS | set(MONTHS)
        )
        if name:
            names.append(name)
    return names


def _distinctive(tokens: Sequence[Token], *, ignored: frozenset[str], asked: bool = False) -> list[_Said]:
    """The words of a note, or of a question (`asked`), that may tell one note from another, in their order, with the
    member's things beside them."""
    words: list[_Said] = []
    # "usa" in Spanish, Portuguese or Italian is "uses": the country only beside other English words.
    foreign = any(token.original.lower() != token.word for token in tokens)
    for position, token in enumerate(tokens):
        before = tokens[position - 1].word if position else ""
        after = tokens[position + 1].word if position + 1 < len(tokens) else ""
        employer = position > 1 and before in _EMPLOYER_BEFORE and tokens[position - 2].word in _EMPLOYED
        if (asked and employer) or (foreign and token.original == "usa"):
            continue
        if token.original == "US" or (token.word == "us" and before in ("the", "in")):  # the country, not "us"
            word = _US
        elif token.word == _NOT_GENERATIVE or (token.word in _NON and after.startswith("generat")):
            word = _NOT_GENERATIVE
        elif token.word in _REGION_NAMES:  # as typed: "wales" is no plural, "cyprus" no "cypru"
            word = token.word
        elif _which_account(token.word, before, after, asked=asked):
            word = "work"
        elif token.stem == "device" and (not asked or token.word != token.stem or before in _MANY):
            word = "device"
        elif token.word in _MANY:
            continue  # "per device", "the whole account": how many, which no note tells apart from another
        elif token.word.isdigit() and len(token.word) < 4:
            continue  # a day or a month of a date ("nov 20"), not the date a note has ("2024-09-20")
        elif token.word not in _GENERIC and token.stem not in _GENERIC and token.stem not in ignored:
            word = _root(token.stem)
        elif token.word in _THINGS:
            words.append(_Said(_root(token.stem), translated=False, thing=True))
            continue
        else:
            continue
        words.append(_Said(word, translated=token.original.lower() != token.word))
    return words


def _which_account(word: str, before: str, after: str, *, asked: bool) -> bool:
    """Whether `word` says which kind of account: a work account ("my work account", not "does it work"), or a plan."""
    if word == "work":
        return not asked or before in _WORK_BEFORE or after in _WORK_AFTER
    return word in (_PLANS_ASKED if asked else _PLANS_SAID)


def _root_of(token: Token) -> str:
    return token.word if token.word in _REGION_NAMES else _root(token.stem)


def _root(word: str) -> str:
    """One spelling for a word's forms, crude but the same on both sides: "shares", "sharing" and "share" are one."""
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            word = word[: -len(suffix)]
            break
    return word[:-1] if word.endswith("e") and len(word) > 3 else word
