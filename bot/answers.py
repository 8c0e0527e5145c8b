"""Question -> (guide, platform, confidence). Pure: text and a catalog in, an Answer out.

How a question is read:
1. Slack markup, emoji codes, possessives and dotted abbreviations ("A.I.") are stripped,
   then the text is split into lower-case words.
2. Service names are found exactly (name, `service_aliases`), or as typos with difflib.
3. The remaining content words are matched against each guide's `setting` and `aliases`
   (strong: they name the guide) and `keywords` (weak: they point at its topic).
4. Words that are neither filler, privacy vocabulary, platform words nor topic words are
   "unexplained": they mean the question is about something we have no guide for.
"""

from __future__ import annotations

import difflib
import functools
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from bot.guides import Catalog, Guide, Platform

__all__ = ["Answer", "Platform", "detect_platform", "interpret"]


@dataclass(frozen=True)
class Answer:
    guide_id: str | None
    platform: Platform | None
    confidence: float  # 0..1


# Confidence levels, before scaling by how surely the service name was recognised.
_NAMED: Final = 0.95  # service plus the guide's setting name or an alias
_TOPIC: Final = 0.75  # service plus one topic word; each further word adds _TOPIC_STEP
_TOPIC_STEP: Final = 0.05
_TOPIC_MAX: Final = 0.9
_TIE: Final = 0.5  # topic words point at two guides equally
_BARE: Final = 0.6  # only the service name (and filler)
_OFF_TOPIC: Final = 0.2  # the service plus words that match no guide
_UNNAMED_STRONG: Final = 0.7  # no service, but a setting name or alias
_UNNAMED_WEAK: Final = 0.45  # no service, only topic words
_UNNAMED_OFF_TOPIC: Final = 0.15

_EXACT: Final = 1.0
_SHORT_ALIAS: Final = 0.9  # "LI" is an abbreviation people use, but also a syllable and a surname
_TYPO: Final = 0.85
_TYPO_RATIO: Final = 0.85  # "linkdin" 0.93, "linkin" 0.86; "linking" 0.80 stays out
_TYPO_MIN_LENGTH: Final = 5

# Real words that sit within typo distance of a service name: never read them as the service.
_NOT_TYPOS: Final = frozenset({"linked", "linking", "linkage", "linker", "liked", "lined", "linen", "inked"})

_DESKTOP: Final = frozenset(
    {"desktop", "laptop", "computer", "pc", "mac", "macbook", "imac", "windows", "linux", "chromebook"}
    | {"browser", "website", "web", "webpage", "site"}
)
_IOS: Final = frozenset({"iphone", "ipad", "ios", "ipados"})
_ANDROID: Final = frozenset({"android", "pixel", "samsung", "galaxy", "oneplus"})
_MOBILE: Final = frozenset({"app", "apps", "phone", "mobile", "cell", "cellphone", "smartphone", "tablet"})
_PLATFORM_WORDS: Final = _DESKTOP | _IOS | _ANDROID | _MOBILE


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Filler: dropped before phrases are compared, so "get a copy of my data" matches "copy of your data".
_STOPWORDS: Final = _word_set(
    """
    a an the i me my mine myself we us our you your yours he she it its they them their this that these those
    is am are was were be been being do does did doing done have has had having
    can could would should will shall may might must
    and or but if then so than too very just also only even still already now today again asap
    of in on at to for from by with about into onto over under via through across up
    what whats which who whom whose when where why how hows there here
    not no yes dont doesnt didnt cant cannot wont isnt arent im ive id ill youre thats
    please pls plz thanks thank thx cheers hi hello hey hiya yo ok okay bot folks team everyone anyone
    tell know want need like get got getting let lets make sure quick quickly question any anything
    some something all every each one other thing stuff really actually maybe someone everybody guys regarding re
    tomorrow later soon week work home office
    https http www com eg ie etc
    """
)

# Words of the privacy vocabulary: they make a question neither more nor less about one guide,
# but they do not mean it is about something else either.
_NEUTRAL: Final = _word_set(
    """
    opt optout opted opting out off turn turned switch switched toggle disable disabled stop stopped prevent block
    use using used data information info personal account setting privacy preference option control manage
    change update new news policy term agreement notice default consent permission allow allowed gdpr
    help guide step instruction way page link reminder remind user feature email mail
    deadline date apply affect concern matter needed required important
    """
)

# Expanded before matching so that data files only need one spelling.
_EXPANSIONS: Final = {
    "genai": ("generative", "ai"),
    "gen": ("generative",),
    "ml": ("machine", "learning"),
}

_SLACK_SPECIAL = re.compile(r"<[@#!][^>]*>")  # user, channel, @here / user-group mentions
_SLACK_LABELLED_LINK = re.compile(r"<[^<>|]+\|([^<>]*)>")
_SLACK_LINK = re.compile(r"<([^<>]+)>")
_EMOJI = re.compile(r":[a-z0-9_+'-]+:", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s\b", re.IGNORECASE)
_APOSTROPHE = re.compile(r"['’]")
_DOTTED = re.compile(r"(?<![a-z0-9.])[a-z](?:\.[a-z])+\.?(?![a-z0-9])", re.IGNORECASE)
_WORD = re.compile(r"[a-z0-9]+", re.IGNORECASE)


@dataclass(frozen=True)
class _Token:
    word: str  # lower case
    stem: str
    original: str  # as typed, for telling the abbreviation "LI" from the name "Li"


def _stem(word: str) -> str:
    # Only plurals: enough for "posts"/"post", "settings"/"setting", and predictable.
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _tokens(text: str) -> list[_Token]:
    text = _SLACK_SPECIAL.sub(" ", text)
    text = _SLACK_LABELLED_LINK.sub(r" \1 ", text)
    text = _SLACK_LINK.sub(r" \1 ", text)
    text = html.unescape(text)  # Slack escapes &, < and > in what people type
    text = _EMOJI.sub(" ", text)
    text = _POSSESSIVE.sub("", text)
    text = _APOSTROPHE.sub("", text)
    text = _DOTTED.sub(lambda match: match.group(0).replace(".", ""), text)
    tokens: list[_Token] = []
    for original in _WORD.findall(text):
        word = original.lower()
        for part in _EXPANSIONS.get(word, (word,)):
            tokens.append(_Token(part, _stem(part), original))
    return tokens


def _words(text: str) -> tuple[str, ...]:
    return tuple(token.word for token in _tokens(text))


def _is_filler(token: _Token) -> bool:
    return token.word in _STOPWORDS or token.stem in _STOPWORDS or token.word in _PLATFORM_WORDS


def _is_neutral(token: _Token) -> bool:
    return token.word in _NEUTRAL or token.stem in _NEUTRAL or token.word.isdigit() or len(token.word) == 1


def detect_platform(text: str) -> Platform | None:
    """The platform a question names: an OS wins over "app"/"phone"; desktop and mobile together are unclear."""
    words = set(_words(text))
    desktop = bool(words & _DESKTOP)
    ios = bool(words & _IOS)
    android = bool(words & _ANDROID)
    mobile = bool(words & _MOBILE)
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


@dataclass(frozen=True)
class _Service:
    key: str  # casefolded service name
    exact: tuple[tuple[str, ...], ...]  # word sequences, longest first
    fuzzy: tuple[str, ...]  # single words that typos are compared with


@dataclass(frozen=True)
class _Topic:
    guide: Guide
    service_key: str
    strong: tuple[tuple[str, ...], ...]
    weak: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class _Index:
    services: tuple[_Service, ...]
    topics: tuple[_Topic, ...]
    primaries: frozenset[str]  # guide ids that a bare service name means


@functools.lru_cache(maxsize=8)
def _index(catalog: Catalog) -> _Index:
    # A Catalog never changes, so its index can be cached by identity.
    names: dict[str, set[tuple[str, ...]]] = {}
    for guide in catalog:
        forms = names.setdefault(guide.service.casefold(), set())
        for spelling in (guide.service, *guide.service_aliases):
            words = _words(spelling)
            if words:
                forms.add(words)
                forms.add(("".join(words),))
    services = tuple(
        _Service(
            key=key,
            exact=tuple(sorted(forms, key=len, reverse=True)),
            fuzzy=tuple(sorted(form[0] for form in forms if len(form) == 1 and len(form[0]) >= _TYPO_MIN_LENGTH)),
        )
        for key, forms in names.items()
    )
    service_words = {word for service in services for form in service.exact for word in form}
    topics = tuple(
        _Topic(
            guide=guide,
            service_key=guide.service.casefold(),
            strong=_phrases((guide.setting, *guide.aliases), service_words),
            weak=_phrases(guide.keywords, service_words),
        )
        for guide in catalog
    )
    primaries = frozenset(
        primary.id for service in catalog.services if (primary := catalog.primary(service)) is not None
    )
    return _Index(services, topics, primaries)


def _phrases(texts: Sequence[str], service_words: set[str]) -> tuple[tuple[str, ...], ...]:
    phrases: list[tuple[str, ...]] = []
    for text in texts:
        tokens = _tokens(text)
        # An alias that spells out the service ("linkedin-ai") is for typed commands: the service
        # is recognised separately, so it adds nothing here.
        if any(token.word in service_words for token in tokens):
            continue
        phrase = tuple(token.stem for token in tokens if not _is_filler(token))
        if phrase and phrase not in phrases:
            phrases.append(phrase)
    return tuple(phrases)


def _typo_of(word: str, spellings: Sequence[str]) -> bool:
    if len(word) < _TYPO_MIN_LENGTH or word in _NOT_TYPOS:
        return False
    return any(
        word[0] == spelling[0] and difflib.SequenceMatcher(None, word, spelling).ratio() >= _TYPO_RATIO
        for spelling in spellings
    )


def _find_services(tokens: Sequence[_Token], index: _Index) -> tuple[dict[str, float], set[int]]:
    """Services named in the text, each with how surely, and the token positions naming them."""
    found: dict[str, float] = {}
    used: set[int] = set()
    for position in range(len(tokens)):
        if position in used:
            continue
        for service in index.services:
            match = _match_service(tokens, position, service)
            if match is not None:
                quality, width = match
                used.update(range(position, position + width))
                found[service.key] = max(found.get(service.key, 0.0), quality)
                break
    return found, used


def _match_service(tokens: Sequence[_Token], position: int, service: _Service) -> tuple[float, int] | None:
    token = tokens[position]
    for form in service.exact:
        window = tokens[position : position + len(form)]
        if len(window) != len(form):
            continue
        if len(form) == 1 and form[0] in (token.word, token.stem):
            if len(form[0]) <= 2:
                # "Li" written like a name is a name; "LI" and "li" are the abbreviation.
                if token.original.istitle():
                    continue
                return _SHORT_ALIAS, 1
            return _EXACT, 1
        if len(form) > 1 and tuple(item.word for item in window) == form:
            return _EXACT, len(form)
    if _typo_of(token.word, service.fuzzy):
        return _TYPO, 1
    return None


def _occurrences(stems: Sequence[str], phrase: tuple[str, ...]) -> list[int]:
    width = len(phrase)
    return [start for start in range(len(stems) - width + 1) if tuple(stems[start : start + width]) == phrase]


@dataclass(frozen=True)
class _Score:
    topic: _Topic
    strong: int
    weak: int

    @property
    def value(self) -> int:
        return 10 * self.strong + self.weak


def interpret(text: str, *, catalog: Catalog) -> Answer:
    """Which guide a question asks for, on which platform, and how sure that is."""
    platform = detect_platform(text)
    index = _index(catalog)
    tokens = _tokens(text)
    services, service_positions = _find_services(tokens, index)

    content = [token for position, token in enumerate(tokens) if position not in service_positions]
    content = [token for token in content if not _is_filler(token)]
    stems = [token.stem for token in content]

    explained: set[int] = set()
    scores: list[_Score] = []
    for topic in index.topics:
        strong = weak = 0
        for phrase in topic.strong:
            for start in _occurrences(stems, phrase):
                strong += 1
                explained.update(range(start, start + len(phrase)))
        for phrase in topic.weak:
            starts = _occurrences(stems, phrase)
            if starts:
                weak += 1
            for start in starts:
                explained.update(range(start, start + len(phrase)))
        scores.append(_Score(topic, strong, weak))
    unexplained = [
        token for position, token in enumerate(content) if position not in explained and not _is_neutral(token)
    ]

    if services:
        return _with_service(services, scores, unexplained=bool(unexplained), index=index, platform=platform)
    return _without_service(scores, unexplained=bool(unexplained), index=index, platform=platform)


def _best(scores: Sequence[_Score], index: _Index) -> tuple[_Score | None, bool]:
    """The top score and whether another guide scored the same; a primary guide breaks the tie."""
    top = max((score.value for score in scores), default=0)
    if top == 0:
        return None, False
    leaders = [score for score in scores if score.value == top]
    preferred = next((score for score in leaders if score.topic.guide.id in index.primaries), leaders[0])
    return preferred, len(leaders) > 1


def _with_service(
    services: dict[str, float], scores: Sequence[_Score], *, unexplained: bool, index: _Index, platform: Platform | None
) -> Answer:
    named = [score for score in scores if score.topic.service_key in services]
    best, tied = _best(named, index)
    if best is not None:
        quality = services[best.topic.service_key]
        if tied:
            confidence = _TIE
        elif best.strong:
            confidence = _NAMED
        else:
            confidence = min(_TOPIC_MAX, _TOPIC + _TOPIC_STEP * (best.weak - 1))
        return Answer(best.topic.guide.id, platform, round(confidence * quality, 2))
    key, quality = max(services.items(), key=lambda item: item[1])
    if unexplained:
        return Answer(None, platform, round(_OFF_TOPIC * quality, 2))
    primary = next(
        (topic.guide.id for topic in index.topics if topic.service_key == key and topic.guide.id in index.primaries),
        None,
    )
    return Answer(primary, platform, round(_BARE * quality, 2))


def _without_service(
    scores: Sequence[_Score], *, unexplained: bool, index: _Index, platform: Platform | None
) -> Answer:
    best, tied = _best(scores, index)
    if best is None:
        return Answer(None, platform, 0.0)
    # Without a service name, another word may well be the name of a service we have no guide
    # for ("opt out of AI training on Facebook"), so only a question made wholly of topic words counts.
    if unexplained:
        return Answer(None, platform, _UNNAMED_OFF_TOPIC)
    if tied and len({score.topic.service_key for score in scores if score.value == best.value}) > 1:
        return Answer(None, platform, _TIE * _UNNAMED_WEAK)
    confidence = _UNNAMED_STRONG if best.strong else _UNNAMED_WEAK
    return Answer(best.topic.guide.id, platform, confidence)
