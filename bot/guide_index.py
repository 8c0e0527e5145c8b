"""The guide catalog indexed for reading questions: each service's names (exact and as typos), each guide's phrases
and the words read as typed; and the services a question names."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from bot.guides import Catalog, Guide
from bot.question_words import (
    NOT_TYPOS,
    TOPIC_TYPO_MIN_LENGTH,
    TYPO_MIN_LENGTH,
    Token,
    is_filler,
    is_neutral,
    tokens_of,
    typo_of,
    unaccented,
    words_of,
)
from bot.vocabulary import (
    ABOUT_PRIVACY,
    COUNTRIES,
    GENERIC_AI,
    HELP_WORDS,
    MEMBER_DOING,
    NEUTRAL,
    NOT_TOPIC_TYPOS,
    OF_THE_SWITCH,
    OTHER_SERVICES,
    PLATFORM_WORDS,
    PRIVACY_TOPICS,
    QUESTION_WORDS,
    RESIDENCE,
    STOPWORDS,
)

# How surely the text names a service (see _match_service): a question's confidence is scaled by it.
EXACT: Final = 1.0
_SHORT_ALIAS: Final = 0.9  # "LI" is an abbreviation people use, but also a syllable and a surname
_TYPO: Final = 0.85


@dataclass(frozen=True)
class _Service:
    key: str  # casefolded service name, or "other:<display name>" for a service without a guide
    name: str  # as shown to members
    exact: tuple[tuple[str, ...], ...]  # word sequences, longest first
    fuzzy: tuple[str, ...]  # single words that typos are compared with
    # A spelling (of `exact`) as members are told it: "Instagram" for Meta's guide, which is about it too. See _called.
    called: Mapping[tuple[str, ...], str]

    @property
    def has_guide(self) -> bool:
        return not self.key.startswith("other:")


@dataclass(frozen=True)
class Topic:
    guide: Guide
    service_key: str
    strong: tuple[tuple[str, ...], ...]
    # The strong phrases that are more than words for AI training (GENERIC_AI): only these name one service's guide.
    specific: tuple[tuple[str, ...], ...]
    weak: tuple[tuple[str, ...], ...]
    # Phrases made only of privacy vocabulary: every question has some ("stop linkedin using my data for ads"),
    # so they point at no topic and only say which of a service's guides a bare mention is nearer to.
    hints: tuple[tuple[str, ...], ...]
    # The hints that are the guide's own setting or alias ("data controls"): with no service named, a member
    # who types one is echoing this guide's menu, whereas generic keywords ("stop", "data") fit every guide.
    names: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Index:
    services: tuple[_Service, ...]  # services with guides first, so their names win
    topics: tuple[Topic, ...]
    primaries: frozenset[str]  # guide ids that a bare service name means
    topic_words: frozenset[str]  # what a slip of the keyboard may have meant: see TOPIC_TYPO_MIN_LENGTH
    known: frozenset[str]  # words read as typed, never as a slip
    # Every topic word, of any length: what a form ("posted", "objecting") is read as. See form_of.
    bases: frozenset[str]
    # The guides' own words, filler and privacy vocabulary: read as typed, never as another word's form ("trained").
    as_typed: frozenset[str]
    # Each service's words that name one of its guides (id, title, setting, aliases, names): see asks_more_than_a_guide.
    names: Mapping[str, frozenset[str]]
    # Each service's guides' own text (title, summary, notes, dates): the other services they name.
    mentions: Mapping[str, str]
    # The guides of every service with a switch (or form) against AI training: see _training_guides.
    training: tuple[str, ...] = ()
    generative: frozenset[str] = frozenset()


@functools.lru_cache(maxsize=8)
def index_of(catalog: Catalog) -> Index:
    # A Catalog never changes, so its index can be cached by identity.
    names: dict[str, set[tuple[str, ...]]] = {}
    shown: dict[str, str] = {}
    called: dict[str, dict[tuple[str, ...], str]] = {}
    for guide in catalog:
        key = guide.service.casefold()
        shown.setdefault(key, guide.service)
        forms = names.setdefault(key, set())
        for spelling in (guide.service, *guide.service_aliases):
            words = words_of(spelling)
            if words:
                forms.add(words)
                forms.add(("".join(words),))
                if (title := _called(words, guide)) is not None:
                    called.setdefault(key, {}).update({words: title, ("".join(words),): title})
    taken = {form for forms in names.values() for form in forms}
    for spelling, name in OTHER_SERVICES.items():
        words = words_of(spelling)
        if words and words not in taken:
            names.setdefault(f"other:{name}", set()).add(words)
            shown.setdefault(f"other:{name}", name)
    services = tuple(
        _Service(
            key=key,
            name=shown[key],
            exact=tuple(sorted(forms, key=len, reverse=True)),
            fuzzy=tuple(sorted(form[0] for form in forms if len(form) == 1 and len(form[0]) >= TYPO_MIN_LENGTH)),
            called=called.get(key, {}),
        )
        for key, forms in names.items()
    )
    service_forms = {form for service in services if service.has_guide for form in service.exact}
    topics = tuple(
        Topic(
            guide=guide,
            service_key=guide.service.casefold(),
            strong=(strong := _phrases((guide.setting, *guide.aliases), service_forms, neutral=False)),
            specific=tuple(phrase for phrase in strong if not set(phrase) <= GENERIC_AI),
            weak=_phrases(guide.keywords, service_forms, neutral=False),
            hints=_phrases((guide.setting, *guide.aliases, *guide.keywords), service_forms, neutral=True),
            names=_phrases((guide.setting, *guide.aliases), service_forms, neutral=True),
        )
        for guide in catalog
    )
    primaries = frozenset(
        primary.id for service in catalog.services if (primary := catalog.primary(service)) is not None
    )
    listed = {
        word
        for topic in topics
        for phrase in (*topic.strong, *topic.weak, *topic.hints)
        for word in phrase
        if not word.isdigit()
    }
    topic_words = listed | PRIVACY_TOPICS
    service_words = {word for service in services for form in service.exact for word in form}
    known = (
        topic_words
        | service_words
        | STOPWORDS
        | HELP_WORDS
        | NEUTRAL
        | COUNTRIES
        | RESIDENCE
        | OF_THE_SWITCH
        | ABOUT_PRIVACY
        | PLATFORM_WORDS
        | MEMBER_DOING
        | QUESTION_WORDS
        | NOT_TYPOS
        | NOT_TOPIC_TYPOS
    )
    targets = frozenset(word for word in topic_words if len(word) >= TOPIC_TYPO_MIN_LENGTH)
    # Not the privacy vocabulary: "linkedin blocked my account" is no question about blocking AI training.
    bases = frozenset(topic_words - NEUTRAL - STOPWORDS)
    as_typed = frozenset(listed | NEUTRAL | STOPWORDS)
    named_by: dict[str, set[str]] = {}
    for guide in catalog:
        texts = (guide.id, guide.title, guide.setting, *guide.aliases, guide.service, *guide.service_aliases)
        spelled = {form for text in texts for token in tokens_of(text) for form in (token.word, token.stem)}
        named_by.setdefault(guide.service.casefold(), set()).update(spelled)
    guide_names = {key: frozenset(spelled) for key, spelled in named_by.items()}
    told: dict[str, list[str]] = {}
    for guide in catalog:
        said = (
            guide.title,
            guide.summary,
            guide.not_undone or "",
            *guide.notes,
            *(entry.what for entry in guide.dates),
        )
        told.setdefault(guide.service.casefold(), []).extend(said)
    mentions = {key: " ".join(texts) for key, texts in told.items()}
    training, generative = _training_guides(topics)
    return Index(
        services,
        topics,
        primaries,
        targets,
        frozenset(known),
        bases,
        as_typed,
        guide_names,
        mentions,
        training,
        generative,
    )


def _training_guides(topics: Sequence[Topic]) -> tuple[tuple[str, ...], frozenset[str]]:
    """The guides a member asking about AI training with no service named picks from, and those of them about
    generative AI. Every opt-out guide that a setting or alias made of words for AI training names ("ai training"):
    not a how-to (the download) nor a service with nothing to turn off. Those about generative AI (their words say
    "generative") come first: the chat assistants and social networks members ask about; then the rest in catalog
    order; last a switch only workspace owners can use (Slack's), which a member can only ask for."""
    switches = [
        topic
        for topic in topics
        if topic.guide.kind == "opt-out" and any(set(phrase) <= GENERIC_AI for phrase in topic.strong)
    ]
    generative = {
        topic.guide.id for topic in switches if any("generative" in phrase for phrase in (*topic.strong, *topic.weak))
    }
    ranked = sorted(
        switches,
        key=lambda topic: (topic.guide.id not in generative, topic.guide.applies_to == "owners"),
    )
    return tuple(dict.fromkeys(topic.guide.id for topic in ranked)), frozenset(generative)


def _called(words: tuple[str, ...], guide: Guide) -> str | None:
    """A service's other name as the guide's title spells it ("Instagram" in "Object to Meta AI training on Facebook
    and Instagram"): the guide is about it by that name, so a member who asked about it is told that name. None
    when the title does not name it ("insta"), or only as part of a longer name ("WordPress" in "WordPress.com")."""
    pattern = r"(?<![\w.])" + r"[\W_]+".join(map(re.escape, words)) + r"(?!\.?\w)"
    found = re.search(pattern, unaccented(guide.title), re.IGNORECASE)
    return found.group(0) if found else None


def _phrases(
    texts: Sequence[str], service_forms: set[tuple[str, ...]], *, neutral: bool
) -> tuple[tuple[str, ...], ...]:
    """The texts as stems without filler: only those made wholly of neutral words, or only those with a content word."""
    phrases: list[tuple[str, ...]] = []
    for text in texts:
        tokens = tokens_of(text)
        words = tuple(token.word for token in tokens)
        # An alias that spells out the service ("linkedin-ai") is for typed commands: the service
        # is recognised separately, so it adds nothing here.
        if any(words[start : start + len(form)] == form for form in service_forms for start in range(len(words))):
            continue
        kept = [token for token in tokens if not is_filler(token)]
        if not kept or all(is_neutral(token) for token in kept) != neutral:
            continue
        phrase = tuple(token.stem for token in kept)
        if phrase not in phrases:
            phrases.append(phrase)
    return tuple(phrases)


def find_services(tokens: Sequence[Token], index: Index) -> tuple[dict[str, float], dict[int, str], dict[str, str]]:
    """Services named in the text, each with how surely; which service each naming token belongs to; and what
    to call each service with guides: as the member named it when its guide's title does ("Instagram"), else,
    or when they named it twice over ("facebook and instagram"), by its own name ("Meta")."""
    found: dict[str, float] = {}
    used: dict[int, str] = {}
    calls: dict[str, set[str]] = {}
    for position in range(len(tokens)):
        if position in used:
            continue
        # The longest name wins ("google photos" over "google"); on equal length, services with guides come first.
        matches = [
            (match, service) for service in index.services if (match := _match_service(tokens, position, service))
        ]
        if matches:
            (quality, width, form), service = max(matches, key=lambda item: item[0][1])
            used.update((spot, service.key) for spot in range(position, position + width))
            found[service.key] = max(found.get(service.key, 0.0), quality)
            if service.has_guide:
                calls.setdefault(service.key, set()).add(service.called.get(form, service.name))
    called = {key: names.pop() if len(names) == 1 else service_name(key, index) for key, names in calls.items()}
    return found, used, called


def _match_service(
    tokens: Sequence[Token], position: int, service: _Service
) -> tuple[float, int, tuple[str, ...]] | None:
    """How surely, and with how many tokens, the text names the service at `position`, and in which spelling."""
    token = tokens[position]
    for form in service.exact:
        window = tokens[position : position + len(form)]
        if len(window) != len(form):
            continue
        # Plurals of our own services' names ("linkedins") are theirs; for other names a plural is usually
        # another word ("canvas" is not Canva).
        spellings = (token.word, token.stem) if service.has_guide else (token.word,)
        if len(form) == 1 and form[0] in spellings:
            if len(form[0]) == 2:
                # "Li" written like a name is a name; "LI" and "li" are the abbreviation.
                if token.original.istitle():
                    continue
                return _SHORT_ALIAS, 1, form
            return EXACT, 1, form
        if len(form) > 1 and tuple(item.word for item in window) == form:
            # "open ai" is OpenAI, but "open AI settings" is a verb: a split name starting with an everyday
            # word counts a little less, so a service named outright wins.
            everyday = form[0] in NEUTRAL or form[0] in STOPWORDS
            return (_SHORT_ALIAS if everyday else EXACT), len(form), form
    if service.has_guide and (meant := typo_of(token.word, service.fuzzy)) is not None:
        return _TYPO, 1, (meant,)
    return None


def service_name(key: str, index: Index) -> str:
    return next(service.name for service in index.services if service.key == key)
