"""A service we have never heard of, told from where its name stands in a privacy question. Pure: words in, a name out.

"how do I stop hinge using my photos for AI", "bumble ai opt out", "does vsco train on my photos": the member names
a service that is on no list (bot.vocabulary.OTHER_SERVICES) and has no guide. Such a member should hear that there is
no guide for it, by the name they used, never be offered another service's guide as if it answered them. A word is
read as such a name only where a name stands:

- right before a word of AI, training or privacy ("hinge ai", "vsco training", "bereal privacy settings"), before
  what a service does with data ("hinge using my photos", "does vsco train on"), or before "app";
- before the member's data and a word of training ("elevenlabs voice training");
- between "stop" and "from" ("stop hinge from using");
- after "on", "in", "at" … at the end of the question, or before the member's device ("opt out of ai training on
  grindr", "in vsco on my iphone").

and only if it is no word of the question's vocabulary, no everyday word that stands in those places as often
("my company", "ai training at school", "ai training on code": _EVERYDAY), no plural of people ("spammers"), and has
no article or possessive before it ("my boss", "the office"), which names never have, unless "the" comes before
"<name> app". Who can see or do something ("can Sarah see my AI chats") is no such place.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

__all__ = ["unnamed_service"]


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# What comes right after a service's name in a privacy question: AI, training and privacy words, and what a service
# does with data.
_AFTER_A_NAME: Final = _word_set(
    """
    ai genai gen generative llm model models machine artificial train trains training trained trainer
    opt optout privacy data setting settings scrape scrapes scraping sell sells selling share shares sharing
    use uses using used keep keeps keeping store stores storing collect collects collecting
    """
)
# What a service is asked about with, between its name and a word of AI or training ("elevenlabs voice training").
_DATA_NOUNS: Final = _word_set(
    """
    voice voices photo photos picture pictures image images video videos music song songs art artwork post posts
    chat chats message messages data content writing writings face faces code
    """
)
# Stopping a service, right before its name, when "from" follows it ("stop hinge from using my photos").
_STOPPING: Final = _word_set("stop stops stopping prevent prevents block blocks")
# Where, right before a service's name at the end of a question ("opt out of ai training on grindr"), or before where
# the member uses it ("in vsco on my iphone") or "please". Not "for" or "about": "ai training for teenagers".
_WHERE: Final = _word_set("on in at from of with by")
_AFTER_THE_END: Final = _word_set("on in app please pls plz now too anymore thanks and or")
# What comes before a name only right before "app", "account" … ("on the hinge app").
_THE: Final = _word_set("the")
_APP_WORDS: Final = _word_set("app apps account accounts website site platform")
_DETERMINERS: Final = _word_set(
    """
    a an the my our your their his her its this that these those some any every each all no another other which what
    whose much many more most
    """
)
# Everyday words that stand where names stand in a privacy question ("my company", "ai training at school", "ai on my
# art", "by mistake", "by accident"): never a service. The question's own vocabulary (filler, privacy words, the
# guides' words) is known to the caller and passed in; these are the words it does not know.
_EVERYDAY: Final = _word_set(
    """
    company companies employer employers boss manager managers school schools university college class classes
    uni work job jobs office team teams org organisation organization business businesses client clients customer
    customers government govt state police court law laws country countries city public private internet online
    offline web world family kids kid children child son daughter wife husband partner mom mum dad parent parents
    people person persons someone somebody anybody nobody everyone others user users member members friend friends
    colleague colleagues coworker coworkers students student teacher teachers employees employee staff hr it
    code coding art artwork artworks drawing drawings painting paintings design designs music song songs lyrics
    voice voices face faces writing writings book books poem poems story stories novel novels blog blogs recipe
    recipes email emails text texts note notes notebook notebooks chat chats message messages conversation
    conversations search searches prompt prompts question questions answer answers review reviews research paper
    papers thesis homework essay essays report reports presentation slides spreadsheet sheets calendar schedule
    contacts phonebook selfie selfies face voice likeness name names address addresses number numbers
    content contents stuff things thing everything anything something nothing them those
    general default defaults future past present history today tomorrow yesterday now then later ever never
    automatically manually again anymore either neither both too also
    images pics pictures photos videos posts comments files docs documents
    purposes purpose reasons reason marketing ads analytics research science medicine health healthcare medical
    bank banking finance insurance shopping travel sport sports gaming games game news media social
    europe asia africa america australia china india japan russia brazil mexico
    english language languages translation translations
    sure real good bad safe unsafe legal illegal possible impossible true false free paid
    yes yeah yep nope nah okay hmm
    urgent urgently serious seriously honest honestly general generally complete total full global current latest
    recent upcoming main whole entire basic proper correct right wrong best better worst fake question quick asap
    hello hey dear morning afternoon evening
    mistake mistakes accident accidents error errors
    """
)
# Endings of ordinary English words that names seldom have ("cooking", "folders", "sadly").
# So are plurals of people ("spammers", "recruiters", "teenagers", "students").
_WORD_ENDINGS: Final = (
    *("ing", "ed", "ly", "tion", "tions", "sion", "ness", "ment", "ments", "ful", "less", "ous"),
    *("ers", "ors", "ists", "ians", "ees", "ies", "ents", "ants"),
)
_NAME: Final = re.compile(r"[a-z][a-z0-9]{2,}")


def unnamed_service(
    *,
    words: Sequence[str],
    originals: Sequence[str],
    candidates: Sequence[int],
    known: frozenset[str],
    names: frozenset[str],
    platforms: frozenset[str],
) -> str | None:
    """The name, as the member wrote it, of a service the question asks about that no list knows, or None.

    `words` are the question's words in lower case and `originals` as typed, position for position; `candidates` the
    positions of words nothing else explains; `known` every word the caller's vocabulary reads as typed; `names` the
    words of the services the caller knows, whose slips ("chat gtp") are no other service; `platforms` the words for
    devices ("opt out of ai training on grindr iphone")."""
    for position in candidates:
        word = words[position]
        if not _could_be_a_name(word, known) or any(_one_slip(word, name) for name in names):
            continue
        before = words[position - 1] if position else ""
        after = words[position + 1] if position + 1 < len(words) else ""
        if before in _DETERMINERS and not (before in _THE and after in _APP_WORDS):
            continue
        following = words[position + 2] if position + 2 < len(words) else ""
        thing_then_ai = after in _DATA_NOUNS and following in _AFTER_A_NAME
        stopped = before in _STOPPING and after == "from"
        at_the_end = before in _WHERE and (not after or after in _AFTER_THE_END or after in platforms)
        if after in _AFTER_A_NAME or after in _APP_WORDS or thing_then_ai or stopped or at_the_end:
            return _as_written(originals[position])
    return None


def _could_be_a_name(word: str, known: frozenset[str]) -> bool:
    if not _NAME.fullmatch(word) or word in known or word in _EVERYDAY:
        return False
    singular = word[:-1] if word.endswith("s") else word
    if singular in known or singular in _EVERYDAY:
        return False
    return not (len(word) > 5 and word.endswith(_WORD_ENDINGS))


def _one_slip(word: str, name: str) -> bool:
    """One letter wrong, missing, added, or two neighbours swapped ("gtp" for "gpt")."""
    if len(name) < 3 or abs(len(word) - len(name)) > 1 or word == name:
        return False
    if len(word) == len(name):
        wrong = [at for at in range(len(word)) if word[at] != name[at]]
        swapped = len(wrong) == 2 and wrong[1] == wrong[0] + 1 and word[wrong[0]] == name[wrong[1]]
        return len(wrong) == 1 or (swapped and word[wrong[1]] == name[wrong[0]])
    shorter, longer = sorted((word, name), key=len)
    return any(longer[:at] + longer[at + 1 :] == shorter for at in range(len(longer)))


def _as_written(original: str) -> str:
    """The name as typed; one typed all in lower case ("hinge") with a capital, as names are written."""
    return original if any(char.isupper() for char in original) else original[:1].upper() + original[1:]
