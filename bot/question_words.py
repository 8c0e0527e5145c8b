"""A question's words: Slack markup, accents and possessives stripped, tokens and their stems, slips of the keyboard
and forms of known words, device models, and the platform the question names."""

from __future__ import annotations

import difflib
import html
import itertools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from bot.guides import Platform
from bot.vocabulary import (
    ABOUT_PRIVACY,
    ANDROID,
    BROWSERS,
    COMPOUNDS,
    DESKTOP,
    DEVICES,
    DOMAIN,
    EXPANSIONS,
    FOREIGN_DEVICES,
    FOREIGN_FILLER,
    FOREIGN_POSSESSIVES,
    HARDWARE,
    IOS,
    KEEP,
    MOBILE,
    MODELS,
    NEUTRAL,
    PLATFORM_WORDS,
    PRIVACY_TOPICS,
    SLIPPED_PHONES,
    STOPWORDS,
    TRANSLATIONS,
    word_set,
)

_TYPO_RATIO: Final = 0.85  # "linkdin" 0.93, "linkin" 0.86; "linking" 0.80 stays out
TYPO_MIN_LENGTH: Final = 5

# Real words that sit within typo distance of a service name: never read them as the service.
NOT_TYPOS: Final = frozenset({"linked", "linking", "linkage", "linker", "liked", "lined", "linen", "inked"})

# A topic word typed with a slip ("trainign", "genrative", "dowload") is read as the word: a word of six letters
# or more, with the same first letter, one edit away from a single topic word (two from ten letters on:
# "inteligense"); two neighbouring letters swapped count as one. Shorter words are too often other words
# ("trian", "modle", "ia"), and so are some longer ones (NOT_TOPIC_TYPOS).
TOPIC_TYPO_MIN_LENGTH: Final = 6
# Shorter words of turning a switch off are slipped too ("how to opt otu of linkedin ai"): only two neighbouring letters
# swapped, the first kept, reads as one of these. Not "opt": "otp" is a one-time password.
_SWAPPED_SHORT: Final = frozenset({"out", "off", "stop", "turn"})
TOPIC_TYPO_TWO_EDITS: Final = 10

# [^<>]: Slack escapes a typed "<", so markup never holds one; and a "<#" left open is given up at the next
# "<" instead of at the end of the text, from every "<" again (quadratic).
_SLACK_SPECIAL = re.compile(r"<[@#!][^<>]*>")  # user, channel, @here / user-group mentions
_SLACK_LABELLED_LINK = re.compile(r"<[^<>|]+\|([^<>]*)>")
_SLACK_LINK = re.compile(r"<([^<>]+)>")
_EMOJI = re.compile(r":[a-z0-9_+'-]+:", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s\b", re.IGNORECASE)
_APOSTROPHE = re.compile(r"['’]")
# French elision: "l'IA" is "l IA", not the word "lia" ("don't" and "can't" have a letter before theirs).
_ELISION = re.compile(r"(?<![a-z])([cdjlmnst]|qu)['’](?=[a-z])", re.IGNORECASE)
_DOTTED = re.compile(r"(?<![a-z0-9.])[a-z](?:\.[a-z])+\.?(?![a-z0-9])", re.IGNORECASE)
_WORD = re.compile(r"[a-z0-9]+", re.IGNORECASE)


@dataclass(frozen=True)
class Token:
    word: str  # lower case
    stem: str
    original: str  # as typed, for telling the abbreviation "LI" from the name "Li"
    verb: bool = False  # a form in -ed or -ing read as its topic word ("posted" as "post"): see form_of


# Plurals in "-ies" whose singular does not end in "-y": "cookies" is "cookie", not "cooky". "series" and
# "species" are their own singular; the plain rule leaves them as it always did.
_NOT_Y_PLURALS: Final = word_set(
    """
    cookies movies selfies zombies rookies hoodies goodies newbies freebies calories brownies genies
    series species
    """
)


def stem_of(word: str) -> str:
    # Only plurals: enough for "posts"/"post", "settings"/"setting", and predictable. Guides and the word
    # lists spell topics in the singular ("activity", "third party", "policy"), so "-ies" after a consonant
    # is "-y"; in short words ("ties", "lies") it is the plural of "-ie" and falls to the plain rule.
    if len(word) > 4 and word.endswith("ies") and word[-4] not in "aeiou" and word not in _NOT_Y_PLURALS:
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def plain_text(text: str) -> str:
    """The text without Slack markup, emoji codes and HTML escapes, as the member meant it."""
    text = _SLACK_SPECIAL.sub(" ", text)
    text = _SLACK_LABELLED_LINK.sub(r" \1 ", text)
    text = _SLACK_LINK.sub(r" \1 ", text)
    text = html.unescape(text)  # Slack escapes &, < and > in what people type
    return _EMOJI.sub(" ", text)


def unaccented(text: str) -> str:
    """The text with accents dropped ("désactiver" is "desactiver"), so that a word is one word to _WORD."""
    if text.isascii():
        return text
    text = text.replace("ß", "ss").replace("ł", "l").replace("Ł", "L")
    return "".join(char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char))


def tokens_of(text: str) -> list[Token]:
    text = unaccented(plain_text(text))
    text = _POSSESSIVE.sub("", text)
    text = _ELISION.sub(r"\1 ", text)
    text = _APOSTROPHE.sub("", text)
    text = _DOTTED.sub(lambda match: match.group(0).replace(".", ""), text)
    originals = _WORD.findall(text)
    foreign = any(original.lower() in TRANSLATIONS for original in originals)
    tokens: list[Token] = []
    for original in originals:
        word = original.lower()
        if foreign:
            if word in FOREIGN_FILLER:
                continue
            word = FOREIGN_POSSESSIVES.get(word, word)
        parts = (
            EXPANSIONS.get(word)
            or TRANSLATIONS.get(word)
            or (foreign and FOREIGN_DEVICES.get(word))
            or _slipped_phone(word)
            or (word,)
        )
        for part in parts:
            if tokens and (joined := COMPOUNDS.get((tokens[-1].word, part))):
                tokens[-1] = Token(joined, stem_of(joined), tokens[-1].original)
                continue
            tokens.append(Token(part, stem_of(part), original))
    for position, (token, following) in enumerate(itertools.pairwise(tokens)):
        verb = len(following.word) > 4 and following.word.endswith("ing") and not following.word.endswith("thing")
        if token.word in KEEP and verb:
            tokens[position] = Token("still", "still", token.original)
    return tokens


def _slipped_phone(word: str) -> tuple[str] | None:
    """A phone's system typed with a slip ("ipone", "androd", "andriod") as its name: one letter off, the first kept.
    Left alone otherwise, it was a word no guide explains, and the question was read as not about privacy."""
    if len(word) < 5 or word in PLATFORM_WORDS:
        return None
    return next(((phone,) for phone in SLIPPED_PHONES if word[0] == phone[0] and edits_between(word, phone) == 1), None)


def device_models(tokens: Sequence[Token]) -> set[int]:
    """Where the words naming a device's model are: numbers and model words right after the device ("iphone 15 pro")."""
    models: set[int] = set()
    after_device = False
    for position, token in enumerate(tokens):
        if token.word in HARDWARE:
            after_device = True
        elif after_device and (token.word in MODELS or any(char.isdigit() for char in token.word)):
            models.add(position)
        else:
            after_device = False
    return models


def words_of(text: str) -> tuple[str, ...]:
    return tuple(token.word for token in tokens_of(text))


def is_filler(token: Token) -> bool:
    # A device in the plural is filler too ("sites", "phones"), as in the singular.
    return bool({token.word, token.stem} & STOPWORDS) or token.word in PLATFORM_WORDS or token.stem in DEVICES


def is_neutral(token: Token) -> bool:
    return token.word in NEUTRAL or token.stem in NEUTRAL or token.word.isdigit() or len(token.word) == 1


def is_privacy(token: Token) -> bool:
    return token.word in PRIVACY_TOPICS or token.stem in PRIVACY_TOPICS


def is_about_privacy(token: Token) -> bool:
    return token.word in ABOUT_PRIVACY or token.stem in ABOUT_PRIVACY


def detect_platform(text: str) -> Platform | None:
    """The platform a question names: an OS wins over "app"/"phone"; desktop and mobile together are unclear; a
    browser is a computer's unless a phone is named (BROWSERS)."""
    words = set(words_of(text))
    desktop = bool(words & DESKTOP) or bool(DOMAIN.search(plain_text(text)))
    ios = bool(words & IOS)
    android = bool(words & ANDROID)
    mobile = bool(words & MOBILE)
    desktop = desktop or bool(words & BROWSERS and not (ios or android or mobile))
    if desktop and (ios or android or mobile):
        return None
    if ios and android:
        return "mobile"  # the app flow is the same on both
    if ios:
        return "ios"
    if android:
        return "android"
    if mobile:
        return "mobile"
    if desktop:
        return "desktop"
    return None


def typo_of(word: str, spellings: Sequence[str]) -> str | None:
    """The spelling `word` is a slip of, if any."""
    if len(word) < TYPO_MIN_LENGTH or word in NOT_TYPOS:
        return None
    return next(
        (
            spelling
            for spelling in spellings
            if word[0] == spelling[0]
            and (difflib.SequenceMatcher(None, word, spelling).ratio() >= _TYPO_RATIO or _vowel_slip(word, spelling))
        ),
        None,
    )


_VOWELS: Final = frozenset("aeiouy")


def _vowel_slip(word: str, spelling: str) -> bool:
    """One vowel wrong, missing or added, every consonant in place ("gemeni", "gemni", "tumbler"): how names are
    misspelt by ear. In a six-letter name one replaced letter falls below _TYPO_RATIO, but a replaced consonant
    makes other words ("clause" is not "claude"), a replaced vowel rarely does."""
    consonants = [char for char in word if char not in _VOWELS]
    return (
        len(word) >= TYPO_MIN_LENGTH + 1
        and consonants == [char for char in spelling if char not in _VOWELS]
        and edits_between(word, spelling) == 1
    )


def one_slip(typed: str, word: str, *, keep_first: bool = False) -> bool:
    """`typed` is `word` with one letter wrong, missing or extra, or two neighbours swapped ("hepl"); not `word`
    itself. `keep_first`: and its first letter kept, as a mistyped command's is ("skp", not "alter" for "later")."""
    if typed == word or not typed or (keep_first and typed[0] != word[0]):
        return False
    return edits_between(typed, word) == 1


def edits_between(typed: str, word: str) -> int:
    """Letters inserted, deleted, replaced or swapped with their neighbour to turn one word into the other."""
    before: list[int] = []
    row = list(range(len(word) + 1))
    for i in range(1, len(typed) + 1):
        previous, before, row = before, row, [i] + [0] * len(word)
        for j in range(1, len(word) + 1):
            cost = typed[i - 1] != word[j - 1]
            row[j] = min(before[j] + 1, row[j - 1] + 1, before[j - 1] + cost)
            if i > 1 and j > 1 and typed[i - 1] == word[j - 2] and typed[i - 2] == word[j - 1]:
                row[j] = min(row[j], previous[j - 2] + 1)
    return row[-1]


_ENDINGS: Final = ("ing", "ings", "ed", "er", "ers", "es", "ly", "ion", "ions")


def a_form_of(word: str, known: frozenset[str]) -> bool:
    """A known word with an ending ("turning", "stopped", "removed"): a word of its own, not a slip."""
    for ending in _ENDINGS:
        base = word.removesuffix(ending)
        if base != word and (base in known or base + "e" in known or _doubled(base, known)):
            return True
    return False


def _doubled(base: str, known: frozenset[str]) -> bool:
    """A known word whose last consonant doubles before an ending, as English doubles it: after a single vowel
    ("stop" in "stopped"). "Train" never doubles, so "trainning" is a slip of "training", not a form of "train"."""
    stem = base[:-1]
    return len(stem) > 2 and base[-1] == base[-2] and stem in known and stem[-2] in "aeiou" and stem[-3] not in "aeiou"


# Past forms whose word without "-ed" is a topic word but not what they mean ("pasted" is not "past", "called" names).
NOT_FORMS: Final = word_set("pasted pasting called calling lined lining fined fining partied storied boarded boarding")


def swapped_short(word: str) -> str | None:
    """The word of _SWAPPED_SHORT that `word` is with two neighbouring letters swapped, its first letter kept."""
    return next(
        (
            short
            for short in _SWAPPED_SHORT
            if len(word) == len(short)
            and word[0] == short[0]
            and sorted(word) == sorted(short)
            and edits_between(word, short) == 1
        ),
        None,
    )


def form_of(word: str, bases: frozenset[str]) -> str | None:
    """The topic word a form in -ed or -ing is of ("posted" of "post", "shared" of "share", "chatted" of "chat",
    "copied" of "copy", "objecting" of "object"), as the guides list "trained" beside "train": what the member did
    is what a guide is about. What someone is doing is only when it is a privacy word ("objecting", "sharing"), not
    what members do on the service all day ("chatting with gemini about work", "commenting on a post")."""
    ending = next((ending for ending in ("ed", "ing") if word.endswith(ending)), None)
    if ending is None or len(word) < len(ending) + 3 or word in NOT_FORMS:
        return None
    stem = word.removesuffix(ending)
    if ending == "ed" and stem.endswith("i"):
        candidates = [stem[:-1] + "y", stem + "e"]  # "copied", "tied"
    else:
        candidates = [stem + "e", stem] if ending == "ed" else [stem, stem + "e"]
    single = stem[:-1]  # as English doubles it, after a single vowel: "chatted", "pinning", but "trainning" is a slip
    doubled = len(single) > 2 and stem[-1] == single[-1] and single[-1] not in "aeiousl"
    if doubled and single[-2] in "aeiou" and single[-3] not in "aeiou":
        candidates.append(single)
    pool = bases if ending == "ed" else bases & PRIVACY_TOPICS
    return next((candidate for candidate in candidates if candidate in pool), None)
