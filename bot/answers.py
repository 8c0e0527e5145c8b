"""Question -> (guide, platform, confidence), or what else it is. Pure: text and a catalog in, an Answer out.

How a question is read:
1. Slack markup, emoji codes, accents, possessives and dotted abbreviations ("A.I.") are stripped,
   then the text is split into lower-case words. In a question with one of a few common German, French, Spanish,
   Italian, Dutch, Portuguese, Polish or Swedish words of the training switch ("KI", "IA", "désactiver",
   "entrenamiento", "Daten", "uitzetten", "trening", "mensajes privados"), those words are
   read as the English they translate, the filler of those languages is dropped, and "Handy" is a phone
   (TRANSLATIONS); so are a few words of whether it applies ("Gilt das auch in der Schweiz", "geen account",
   "Konto"). Chat slang ("lol", "smh", "ngl") is filler. "Back up" is read as "backup".
2. Service names are found exactly (name, `service_aliases`), or as typos with difflib or as one vowel
   wrong ("gemeni"); names of services we have no guide for (OTHER_SERVICES) are found too, and are what the
   question is about unless a named service's guide names them itself ("reddit selling our posts to google"). So is
   a service on no list, told from where its name stands in a privacy question ("how do I stop hinge using my photos
   for AI", "bumble ai opt out"): see bot.unnamed_services. AI training asked about with no service named, or at one
   we have no guide for, offers every guide with a switch against it (bot.guide_index._training_guides), not the
   first three. A service is told back by the name the member used where its guide's title uses it too ("Instagram",
   not "Meta").
   Any other word we do not know that is one slip away from a topic word ("trainign"), or a short word of turning off
   with two letters swapped ("otu"), is read as that word, and a
   form of one in -ed ("posted", "shared") or of a privacy word in -ing ("objecting") as its word; such a verb
   makes a sentence, never a topic named alone.
3. The remaining content words are matched against each guide's `setting` and `aliases`
   (strong: they name the guide) and `keywords` (weak: they point at its topic). When a
   service is named, only its own guides explain words. A phrase made only of privacy
   vocabulary ("stop", "use", "data control") is no evidence: it only ranks a named service's
   guides against each other, or, with no service named, offers the guides whose own setting or
   alias it spells ("data controls"). Beside a service name, topic words choose a guide only in a
   question about privacy, AI or data: "post" and "video" say what a member made, so "how do I
   post a video on Instagram" is offered Meta's guide, not answered with it. Sharing and posting
   before the service's name are the member's own doing, not the service's: "share a post on
   LinkedIn" is offered LinkedIn's guide, "does LinkedIn share my posts" is answered with it. So is
   any privacy word done to something the member made: "copy a post on LinkedIn" is offered the guide,
   "copy my LinkedIn data" is answered with one; and so is one done to someone else's thing, wherever it
   stands ("get a copy of someone's post"). The thing a privacy word acts on says what, the word which guide:
   "a copy of my posts" is the download guide's copy, not the AI guide's posts. Downloading or exporting the
   member's own things is getting their data, wherever it stands: "download my posts from LinkedIn" is answered
   with the download guide, "download a video from LinkedIn" is offered it. What is saved points at no guide:
   "save my LinkedIn posts" and "my saved posts on LinkedIn" (LinkedIn's bookmark) are offered the download guide,
   whose word saving is, alone; saving done by the service ("does LinkedIn save my posts") is keeping their data.
   A date one of a named service's guides lists ("what changed on nov 3 2025 at linkedin") chooses that guide
   when no topic word chooses one; with no service named, a date alone ("what happens on nov 3") offers the guides
   that list it. A deadline asked about ("did i miss the claude deadline", "is it too late") is the dates of the
   named service's guides; with no service named and nothing else asked, it is `deadline_only` (a campaign asking the
   member about one guide says which). How long something takes is what a guide says ("the full archive within 24
   hours"): in a question asking how long ("how long does the linkedin export take", "is the link good for", "until
   slack replies") taking, arriving, lasting and answering are no other topic; nor is keeping, when a sentence of the
   guide says how long something is kept ("how long does anthropic keep my chats").
   Asked whether a service hands data to another company ("does linkedin share my data with microsoft"), a guide's
   note on it answers; asked how to stop it, the setting no guide covers (HANDS_OVER).
   "Undo" beside something the member does ("slack undo send", "undo a post") is the service's undo button, the
   member's own doing, not undoing past training.
4. Words that are neither filler, privacy vocabulary, platform words nor topic words are
   "unexplained": the question is about something we have no guide for. If one of them is a
   privacy word ("delete", "download", "track") the member asked a privacy question we cannot
   answer yet (`unknown_service`), unless it is their own doing ("record a meeting on Zoom"); otherwise it
   is not a guide question at all ("write me a LinkedIn post", "my Zoom keeps crashing"): only the named service's
   own guides are offered, and with no word about privacy, AI or data the answer says (`off_topic`) that we only
   help with that service's privacy settings. Naming no service either ("tell me a joke"), it is `unrelated`.
   Stopping what a named service sends ("how do I stop LinkedIn emails", "unsubscribe from its newsletter", "stop
   LinkedIn messages"), with no word about AI, training or data, is such a privacy question too, though "email" is
   privacy vocabulary and "messages" a training guide's word.
   "Keeps" before a verb in -ing is "still", not keeping data.
   A country of the EU, the EEA or the UK, or its adjective ("germany", "french users"), in a privacy question a
   guide's words answer says where the member is, as the region's name does ("eu"); elsewhere it is unexplained.
   Said with nothing else ("i'm not in the EU", "i live in germany"), where the member is asks whether the guides for
   some regions only (Meta's) concern them.
   What a named service does with the member's things ("what does linkedin do with my data") is how it uses them.
   So do what the member uploaded ("can slack train on my uploaded files") and their other things: whose data.
   So does the service telling the member ("LinkedIn sent me an email about AI"): where they heard of what they ask.
   So does which of their accounts it is ("copilot training on my school account", "my business profile").
   Asking whether the switch applies ("my wordpress site is self hosted, do i need this setting") is a privacy question.
   So is asking in a few words whether a named service's guide applies ("does claude pro count", "non-profit account on
   linkedin, does it apply", "what about non eu members on linkedin"): the other words say who the member is, which the
   guide's notes answer (_APPLIES_LAST). A plan so asked about with no service named ("i have premium, does it matter")
   offers the guides that name it, or asks which service when none does.
   People reading or reviewing the member's things ("is a human reading my gemini chats") is human review, a privacy
   topic, where a named guide's words are about reviewing (PEOPLE).
   A device's model after its name ("iphone 15 pro", "galaxy s24 ultra") is filler, as the device is; so is how easy
   ("a handy way"), in a privacy question. So is a plan after a service's name or beside a word for one ("chatgpt
   plus", "the free plan") in a privacy question, or that the member has ("i don't have chatgpt plus": no lack of an
   account) or asks the setting about ("does it apply to the free plan"); not the plan as a product ("linkedin
   premium", "is chatgpt plus worth it").
   Words about the switch itself are privacy vocabulary, each beside what makes it so: its state beside a word for
   the switch ("the linkedin toggle is greyed out", not "the open to work toggle"), syncing beside a device, who the
   member is in a question whether it applies ("i'm a contractor, does the linkedin thing apply to me"), who at work
   asked them to do it ("my manager asked me to do the linkedin thing"), these two with a word of the setting or of
   privacy ("do interns need linkedin" is not); so a service named with nothing else is its primary guide, as its
   name alone is.
   Asking for a guide's switch (turning it off, opting out, objecting, where its setting is) beside a word of the
   guide's topic is that guide, and the other words tell how the member came to ask ("i made my x account in july, how
   do i turn off grok training", "claude training off, i mostly use the browser", "it's not working"), unless one is a
   privacy word or names another thing right after the topic's word ("turn off linkedin ai job alerts"): TURNS_OFF.
   Reading about it ("i read about it in chrome's news") is how they heard of it, not a service reading their data.
   So is the named service's setting asked for as one thing ("which page is the grok setting on, i can't find the
   label"), unless what it is for follows ("the zoom setting for my camera"): SETTING_ASKED.
   "Can my manager see that I skipped the linkedin guide?" is about the bot: someone at work sees what it records.
   Having no account of the named service ("what if I don't have a linkedin account", "not on linkedin, does this
   matter?", "I don't use LinkedIn so I can skip this, right?") is its guide, read as asking that (`no_account`): the
   answer says first what such a member does. What a member states ("i dont have linkedin") is recorded before the
   question reader sees it (bot/slack/commands.py).
5. Greetings, thanks and "help me" are `help`, never a guess at a guide. A thanks, or a platform named
   alone ("what about on my iphone?"), is answered in a line (`reply`) rather than with the help. So is a manager's
   request in words ("remind my team", "how many people opted out", "export the report as csv"), with the manager
   commands that do it: acting on the bot's campaigns and reports or on this workspace's people, naming a service only
   as its topic ("remind everyone about the chatgpt setting"), never as who does it ("linkedin keeps reminding
   people", "who did meta sell my data to"). Asking what the bot is ("are you an AI", "is this automated", "are you
   chatgpt") or whether it uses AI ("is this bot using ai to read my messages") is answered with what it is, and
   asking it to stop its DMs ("stop messaging me", "stop messaging me about linkedin") with what stops its reminders;
   someone else's messages ("my boss messaging me", "spam messages") are not its DMs.
   Asking it to do it ("can you turn it off for me", "opt me out"), why it wrote ("why did i get this message", "why
   me?", "who sent this?", "what is this about"), who made it, to unsubscribe ("unsubscribe me from this") are answered
   in a line too; so is whether one must ("is this mandatory?", "is it our company policy to opt out?", "what happens
   if i don't opt out", "can i ignore this"), naming no service: the workplace says, not the bot. Whether a link is safe
   to click is whether the bot is legit. Asked to do it naming a service ("can you turn off linkedin ai training for
   me"), the answer is its guide, marked `asks_the_bot_to_do_it`. Asking for the guides ("list guides", "how many
   guides do you have") is the help.
   Purposes, both, two, "vs", "everywhere", "told me to ask you" and "services" are filler; having never made an
   account ("never made a linkedin") is having none. A browser named with a privacy topic no guide covers ("chrome
   third party cookies off") is what the question is about; the AI recommending things ("linkedin's ai
   recommendations for jobs") is personalisation, which no training switch turns off.
   A password, login or one-time code given ("just do it for me, my password is hunter2") is answered before anything
   else is read, with a line that never quotes it (shares_a_secret).

Only the first QUESTION_CHARS characters are read: a question is in its first lines, and reading costs about
a quarter of a millisecond a word, so the whole of a 40,000-character message would hold up the answer.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Final, Literal, NamedTuple

from bot.guide_index import (
    EXACT,
    Index,
    Topic,
    find_services,
    index_of,
    service_name,
)
from bot.guides import Catalog, Guide, Platform
from bot.question_words import (
    NOT_FORMS,
    NOT_TYPOS,
    TOPIC_TYPO_MIN_LENGTH,
    TOPIC_TYPO_TWO_EDITS,
    TYPO_MIN_LENGTH,
    Token,
    a_form_of,
    detect_platform,
    device_models,
    edits_between,
    form_of,
    is_about_privacy,
    is_filler,
    is_neutral,
    is_privacy,
    one_slip,
    stem_of,
    swapped_short,
    tokens_of,
    words_of,
)
from bot.replies import (
    Reply,
    about_the_bot,
    asks_for_manager_commands,
    asks_for_the_guides,
    asks_if_required,
    asks_the_bot_to_do_it,
    asks_to_delete,
    chat_reply,
    names_a_service_to_the_bot,
    names_the_bot,
    seen_at_work,
    shares_a_secret,
)
from bot.unnamed_services import unnamed_service
from bot.vocabulary import (
    ABOUT_IT,
    AI_COMPOUNDS,
    AI_FEATURES,
    AI_KINDS,
    AI_WORDS,
    ANSWERS_BACK,
    APPLYING,
    ASKED_TO,
    ASKS_WHETHER,
    AT_WORK,
    BEFORE_A_THING,
    COUNTRIES,
    COVERS,
    DAY,
    DEADLINES,
    DELETES,
    DETERMINERS,
    DEVICE_WORDS,
    DEVICES,
    EASE,
    FETCHES,
    FOREIGN_DEVICES,
    FOREIGN_FILLER,
    FOREIGN_POSSESSIVES,
    GENERIC_AI,
    HANDED_TO,
    HANDS_OVER,
    HELP_WORDS,
    HOW_LONG,
    HOW_LONG_SAID,
    KEEP,
    KEEPS,
    KEPT_SAID,
    LASTS,
    LOOKING_AT,
    LOSES,
    MAKES,
    MEETING_A_DEADLINE,
    MEMBER_DOING,
    MEMBERS_THINGS,
    MODELS,
    MONTHS,
    NOT,
    OF_THE_SWITCH,
    OPTS_OUT,
    OTHER_SERVICES,
    OTHER_SETTINGS,
    OWN,
    PEOPLE,
    PLAN_NOUNS,
    PLANS,
    PLATFORM_WORDS,
    QUANTIFIERS,
    QUESTION_WORDS,
    READING,
    REGIONS,
    RESIDENCE,
    ROLES,
    SAVE,
    SAVES,
    SAYS_WHAT_FOR,
    SENT_TO_MEMBERS,
    SETTING_ASKED,
    SHARED_FOR_TRAINING,
    SKIPPING,
    SOMEONE_ELSES,
    STOPS_IT,
    STOPS_SENDING,
    SWITCH_STATES,
    SWITCHES,
    SYNCING,
    TAKES_OUT,
    TAKES_TIME,
    TELLS,
    THANKS,
    THANKS_MORE,
    THE_MEMBERS,
    THE_SETTING_MEANT,
    THE_UK,
    TO,
    TOLD,
    TRAINING,
    TRANSLATIONS,
    TURNS_OFF,
    UNDO,
    UNDONE_ACTIONS,
    WHICH_ACCOUNT,
    WHICH_ACCOUNT_WORDS,
    YEAR,
    word_set,
)

__all__ = [
    "OTHER_SERVICES",
    "Answer",
    "Intent",
    "Platform",
    "Reply",
    "asks_more_than_a_guide",
    "detect_platform",
    "interpret",
    "names_only",
    "reason_given",
    "shares_a_secret",
]

Intent = Literal["guide", "help", "unknown_service", "unclear"]


@dataclass(frozen=True)
class Answer:
    guide_id: str | None
    platform: Platform | None
    confidence: float  # 0..1
    # Greetings, thanks, "help me": show the help, not "I couldn't tell which guide".
    help: bool = False
    # With `help`, when one line answers it: a thanks ("thanks!", "ok", "great"), or a platform named alone
    # ("iphone", "what about on my iphone?"), which needs a service. Whoever does not know it shows the help.
    reply: Reply | None = None
    # A privacy question about a service we have no guide for (or a topic of a service we have no guide
    # on, such as deleting a LinkedIn account): the service's display name (as the member named it: see
    # bot.guide_index._called).
    unknown_service: str | None = None
    # Guide ids worth offering instead, best first: at most three, or every guide with a switch against AI training
    # for a question about AI training that names no service, or one we have no guide for ("which service?").
    closest: tuple[str, ...] = ()
    # A question naming a service we have guides for with no word about privacy, AI or data ("my zoom keeps
    # crashing"): the service's display name (as above), to say that we only help with its privacy settings.
    off_topic: str | None = None
    # When no guide answers a question that names a service we have guides for: that service's display name
    # (as above). Such a member has named the service already: asking them to name it again would not help.
    service: str | None = None
    # A question about AI training that names no service and nothing narrowing it: `closest` is every guide with a
    # switch against it, and the member is asked which service, not told the question was unclear.
    which_service: bool = False
    # With `unknown_service` a service we have guides for: the addresses of those guides' links that the question's
    # privacy words name ("delete my linkedin account": the Data Deletion request form, Close your account).
    links: tuple[str, ...] = ()
    # A question about a deadline or a date ("did i miss the claude deadline", "when is …") answered with a guide: its
    # dates are part of the answer, not only behind "More details".
    dates_asked: bool = False
    # `closest` are the guides listing the date that the question names, and it names nothing else: found, not unclear.
    date_only: bool = False
    # A question about a deadline that names no service nor anything else ("did i miss the deadline", "is it too
    # late"): whoever knows which deadline the member has (a campaign asking them about one guide) may answer it.
    deadline_only: bool = False
    # A question whether the guide matters to a member with no account of the service ("what if I don't have a
    # linkedin account", "not on linkedin, does this matter?"): what such a member does goes first.
    no_account: bool = False
    # With a guide: the member asks the bot to switch it for them ("can you turn off linkedin ai training for me"),
    # which it cannot: whoever shows the guide says so first (strings.DOING_IT_FOR_YOU_ABOVE_GUIDE).
    asks_the_bot_to_do_it: bool = False
    # No service, no word of privacy, AI or data and none of a guide's ("tell me a joke", "what's the weather"): about
    # nothing the bot does. One line saying what it does (strings.NOT_FOUND_UNRELATED) answers it better than every
    # guide to pick from.
    unrelated: bool = False

    @property
    def intent(self) -> Intent:
        if self.guide_id is not None:
            return "guide"
        if self.help:
            return "help"
        if self.unknown_service is not None:
            return "unknown_service"
        return "unclear"


QUESTION_CHARS: Final = 1000  # how much of a question is read (see the module's docstring)

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
_UNNAMED_GENERIC: Final = 0.15  # no service, only generic words that spell a guide's setting: guides offered
_UNNAMED_DATED: Final = 0.2  # no service, only a date some guides list: those guides offered


def _is_member_doing(tokens: Sequence[Token], position: int, naming: Mapping[int, str]) -> bool:
    """Whether the word at `position`, before the service's name, is something the member does on the service."""
    if position and tokens[position - 1].word in DETERMINERS:
        return False  # "a share", "a copy": a thing the member has, not something they ask how to do
    token = tokens[position]
    if token.word in MEMBER_DOING:
        return True
    if not is_privacy(token):
        return False
    # Something made ("a post", "my videos", "a zoom meeting"), not the member's data, their account or the
    # service itself ("my linkedin data", "the zoom app"); and not a copy of their own things ("download my posts").
    made = _thing_made(tokens, position + 1, naming)
    return made is not None and not (token.word in FETCHES and made.own)


class _Made(NamedTuple):
    position: int
    someone_else: bool  # "someone's post", "other people's posts"
    own: bool  # "my posts", "all our videos"


def _thing_made(tokens: Sequence[Token], start: int, naming: Mapping[int, str]) -> _Made | None:
    """Where the thing made that the words from `start` name is ("of my posts", "someone's post"), and whose it
    is; None when they name data, an account, the service, or nothing."""
    whose: set[str] = set()
    for position in range(start, len(tokens)):
        token = tokens[position]
        # The service's name before the thing only says where it is ("a zoom meeting", "my linkedin posts").
        if token.word in BEFORE_A_THING or position in naming:
            whose.add(token.word)
            continue
        if is_filler(token) or is_neutral(token) or is_about_privacy(token):
            return None
        someone_else = bool(whose & SOMEONE_ELSES)
        return _Made(position, someone_else, own=bool(whose & OWN) and not someone_else)
    return None


def _corrected(token: Token, index: Index) -> Token:
    """The token as the topic word it is a form of ("posted" is "post": see form_of) or a slip of ("trainign" is
    "training"), or as typed: a word we know, a short one, or one as near to two topic words, is left alone. A form
    keeps its word ("objected" is still an opt-out word); it is read as its topic word's stem."""
    typed = {token.word, token.stem}
    if not typed & index.as_typed and (base := form_of(token.word, index.bases)) is not None:
        return Token(token.word, stem_of(base), token.original, verb=True)
    if typed & index.known:
        return token
    if (swapped := swapped_short(token.word)) is not None:
        return Token(swapped, swapped, token.original)
    if len(token.word) < TOPIC_TYPO_MIN_LENGTH or a_form_of(token.word, index.known):
        return token
    limit = 2 if len(token.word) >= TOPIC_TYPO_TWO_EDITS else 1
    nearest: dict[int, set[str]] = {}
    for word in index.topic_words:
        spellings = [spelling for spelling in typed if abs(len(spelling) - len(word)) <= limit]
        if word[0] != token.word[0] or not spellings:
            continue
        edits = min(edits_between(spelling, word) for spelling in spellings)
        if edits <= limit:
            nearest.setdefault(edits, set()).add(word)
    if not nearest:
        return token
    meant = nearest[min(nearest)]
    if len(meant) != 1:
        return token
    (word,) = meant
    return Token(word, stem_of(word), token.original)


def _occurrences(stems: Sequence[str], phrase: tuple[str, ...]) -> list[int]:
    width = len(phrase)
    return [start for start in range(len(stems) - width + 1) if tuple(stems[start : start + width]) == phrase]


@dataclass(frozen=True)
class _Score:
    topic: Topic
    strong: int
    specific: int  # of the strong phrases, those that are not only words for AI training
    weak: int
    hints: int
    named: int  # words in the longest of the guide's generic names found in the question
    # Topic words only found as what another guide's word acts on ("posts" in "a copy of my posts"): they rank
    # the guide among those offered, after every guide with a word of its own.
    acted_on: int = 0

    @property
    def value(self) -> int:
        return 10 * self.strong + self.weak


def _score(
    topics: Sequence[Topic], stems: Sequence[str], objects: Mapping[int, int] | None = None
) -> tuple[list[_Score], set[int]]:
    """Each topic's score over the content words, and the positions some topic explains. `objects` maps the
    spot of a thing acted on to the spot of the word acting on it ("posts" -> "copy")."""
    covers = [_covered(topic, stems) for topic in topics]
    explained: set[int] = set().union(*covers)
    scores: list[_Score] = []
    for topic, covered in zip(topics, covers, strict=True):
        # What a word acts on says what, the word acting says which guide: in "a copy of my posts" the posts
        # are what the download guide's copy is of, not a sign of the guide that trains AI on posts.
        taken = {thing for thing, act in (objects or {}).items() if act in explained and act not in covered}
        strong = sum(len(_occurrences(stems, phrase)) for phrase in topic.strong)
        specific = sum(len(_occurrences(stems, phrase)) for phrase in topic.specific)
        weak = acted_on = 0
        for phrase in topic.weak:
            spans = [set(range(start, start + len(phrase))) for start in _occurrences(stems, phrase)]
            if any(not span & taken for span in spans):
                weak += 1
            elif spans:
                acted_on += 1
        hints = sum(bool(_occurrences(stems, phrase)) for phrase in topic.hints)
        named = max((len(phrase) for phrase in topic.names if _occurrences(stems, phrase)), default=0)
        scores.append(_Score(topic, strong, specific, weak, hints, named, acted_on))
    return scores, explained


def _covered(topic: Topic, stems: Sequence[str]) -> set[int]:
    return {
        spot
        for phrase in (*topic.strong, *topic.weak)
        for start in _occurrences(stems, phrase)
        for spot in range(start, start + len(phrase))
    }


@dataclass(frozen=True)
class _Reading:
    """What interpret() found, handed to the two deciders."""

    platform: Platform | None
    services: dict[str, float]  # services with guides that the text names
    called: dict[str, str]  # what to call each of them: as the member did where its guide does (see find_services)
    scores: list[_Score]  # of the named services' guides, or of every guide when none is named
    every: list[_Score]  # of every guide, for "the closest guides"
    unexplained: list[Token]
    about_privacy: bool  # some word of the question is about privacy, AI or data
    # Asked as a question ("how do I …") or a request ("share a post on linkedin"), not named as a topic
    # ("chatgpt chat"): only those can be about using the service rather than about its privacy.
    asks: bool
    # An unexplained word is a privacy word, and not one the member does to something made ("record a
    # meeting"): a privacy question we have no guide for, rather than a question about using the service.
    privacy: bool
    # The guides (of the named services, or of any with none named) that list a date the question names ("what
    # changed on nov 3 2025 at linkedin", "what happens on nov 3").
    dated: frozenset[str] = frozenset()
    # An unexplained word names a privacy topic with a setting of its own that no guide covers (OTHER_SETTINGS).
    elsewhere: bool = False
    # The member asks how to make something (MAKES): using the service, not its privacy settings.
    makes: bool = False
    # The member asks for a guide's switch: turning it off, opting out, or its setting (see TURNS_OFF).
    switch_asked: bool = False
    # The member asks for the named service's setting as one thing ("where is the grok setting"): see SETTING_ASKED.
    setting_named: bool = False


def interpret(text: str, *, catalog: Catalog) -> Answer:
    """Which guide a question asks for, on which platform, and how sure that is; or that it wants the help,
    or asks about something we have no guide for."""
    text = text[:QUESTION_CHARS]
    if shares_a_secret(text):
        return Answer(None, None, 0.0, help=True, reply="secret_shared")
    platform = detect_platform(text)
    index = index_of(catalog)
    tokens = tokens_of(text)
    found, naming, called = find_services(tokens, index)
    tokens = [token if position in naming else _corrected(token, index) for position, token in enumerate(tokens)]
    tokens, naming = _ai_joined(tokens, naming)
    tokens = _saved_by_the_service(tokens, naming)
    tokens = _done_with_by_the_service(tokens, naming)
    # A device's model ("iphone 15 pro") is filler, as the device is.
    models = device_models(tokens)
    spots = [
        position
        for position, token in enumerate(tokens)
        if position not in naming and position not in models and not is_filler(token)
    ]
    content = [tokens[position] for position in spots]
    if asks_for_manager_commands(tokens, text, naming):
        return Answer(None, platform, 0.0, help=True, reply="manager_commands")
    if not naming and asks_for_the_guides(tokens):
        return Answer(None, platform, 0.0, help=True)
    if not naming and asks_if_required(tokens):
        return Answer(None, platform, 0.0, help=True, reply="ask_your_team")
    about = about_the_bot(tokens, naming)
    if about is not None and (
        not found
        or names_the_bot(tokens)
        or seen_at_work(tokens, about)
        or names_a_service_to_the_bot(tokens, naming, about)
    ):
        return Answer(None, platform, 0.0, help=True, reply=about)
    if not found and asks_to_delete(tokens):
        return Answer(None, platform, 0.0, help=True, reply="deleting_where")
    if not found:
        thanked = any(token.word in THANKS for token in tokens)
        chat = HELP_WORDS | THANKS | (THANKS_MORE if thanked else frozenset())
        if all(token.word in chat or token.stem in chat for token in content):
            return Answer(None, platform, 0.0, help=True, reply=chat_reply(tokens, thanked=thanked))

    services = {key: quality for key, quality in found.items() if not key.startswith("other:")}
    # What is saved ("save my posts", "save a post") points at no guide and is no word left unexplained: see SAVES.
    saved = {
        made.position
        for position, token in enumerate(tokens)
        if position not in naming and token.word in SAVES and (made := _thing_made(tokens, position + 1, naming))
    }
    stems = [
        "" if position in saved else SAVE if tokens[position].word in SAVES else tokens[position].stem
        for position in spots
    ]
    # Privacy words acting on something made: "a copy of my posts", "copy someone's post".
    acts = {
        position: made
        for position, token in enumerate(tokens)
        if position not in naming and is_privacy(token) and (made := _thing_made(tokens, position + 1, naming))
    }
    spot_of = {position: spot for spot, position in enumerate(spots)}
    objects = {spot_of[made]: spot_of[act] for act, (made, *_) in acts.items() if made in spot_of and act in spot_of}
    every, explained_by_any = _score(index.topics, stems, objects)
    if services:
        # Only the named service's guides explain words: "download my chatgpt data" is not explained by
        # LinkedIn's download guide, so it does not fall back to ChatGPT's training guide.
        scores, explained = _score([topic for topic in index.topics if topic.service_key in services], stems, objects)
    else:
        scores, explained = every, explained_by_any
    named_at = min(naming, default=len(tokens))
    doing = {position for position in range(named_at) if _is_member_doing(tokens, position, naming)}
    # Done to someone else's thing, wherever it stands ("get a copy of someone's post"): not the member's data.
    for_others = {act for act, made in acts.items() if made.someone_else}
    doing |= for_others
    doing |= _undoing_an_action(tokens, naming)
    doing |= _read_about(tokens)
    # Saving, wherever it stands, is the member's ("my saved posts on linkedin" is LinkedIn's bookmark), unless the
    # service does it (read as keeping by then): named beside the service, it offers the download guide, never gives it.
    doing |= {position for position, token in enumerate(tokens) if position not in naming and token.word in SAVES}
    # "people" in "other people's posts" says whose the post is, not what the question is about.
    whose = {position for position in spots if tokens[position].word in SOMEONE_ELSES} if for_others else set()
    # A date one of the guides lists says which guide, if no other word does (see _with_service); with no service
    # named, it offers the guides that list it (see _without_service).
    dated, dated_at = _dated([score.topic for score in scores], tokens)
    if services and not dated:
        dated, dated_at = _deadline_asked([score.topic for score in scores], tokens)
    if services and not dated_at:
        dated_at = _too_late_to_opt_out([score.topic for score in scores], tokens)
    # "How long does the linkedin export take": taking time is what the guide says, no other topic (see HOW_LONG).
    timed = _duration_asked(tokens)
    # A verb read as its topic word says a sentence, not a topic named alone: "i pinned a photo on pinterest" is no
    # request for the guide, as "pinterest pins" would be (see form_of).
    asks = any(token.verb or token.word in QUESTION_WORDS for token in tokens) or bool(doing)
    # People reading the member's things is human review, a privacy topic where a guide's words say so.
    reviewed = _read_by_people(tokens, [score.topic for score in scores])
    # So is asking whether the switch applies to the member ("do i need this setting", "do i need to switch anything"),
    # or whether the named service's guide does ("does claude pro count"): see _APPLIES_LAST.
    applies = _whether_it_applies(tokens, naming) if services else set()
    about_privacy = (
        bool(reviewed)
        or bool(applies)
        or _applies_asked(tokens, naming)
        or any(
            is_about_privacy(token)
            for position, token in enumerate(tokens)
            if position not in naming and position not in doing and not is_filler(token)
        )
    )
    topical = {spots[spot] for spot in explained | _alike(stems, explained)}
    answered = topical | reviewed
    # In a privacy question a guide's words answer, the member's things say whose data (see MEMBERS_THINGS).
    # So do the member's country ("for german users") and living there ("i live in spain"): see COUNTRIES.
    if about_privacy and any(score.value for score in scores):
        answered |= {position for position in spots if {tokens[position].word, tokens[position].stem} & MEMBERS_THINGS}
        countries = {position for position in spots if {tokens[position].word, tokens[position].stem} & COUNTRIES}
        answered |= countries
        if countries or any(tokens[position].word in REGIONS for position in spots):
            answered |= {position for position in spots if tokens[position].word in RESIDENCE}
        # So does how easy a way they want ("a handy way"): see EASE.
        answered |= {position for position in spots if tokens[position].word in EASE}
        # So does the service telling the member of it ("linkedin sent me an email about ai"): see TELLS.
        answered |= _told_by_the_service(tokens, naming)
        # So does which of their accounts it is ("my school account", "my business profile"): see WHICH_ACCOUNT.
        answered |= _which_account(tokens)
    answered |= _kinds_of_ai(tokens)
    # Whether the named service's guide applies to the member ("does claude pro count"): see _APPLIES_LAST.
    answered |= applies
    # The named service's plan ("chatgpt plus", "the free plan") says which account: see PLANS.
    answered |= _plans_named(tokens, naming) if services else set()
    answered |= _what_its_ai_keeps(tokens, spots, stems, explained, [score.topic for score in scores])
    answered |= _kept_how_long(tokens, [score.topic for score in scores])
    if any(token.word in OPTS_OUT for token in tokens):
        answered |= {position for position in spots if tokens[position].word in LOSES}
    # Whether opting out deletes anything is what a guide's not_undone answers (see OPTS_OUT): a topic word of its own.
    taken_out = _taken_out_of_training(tokens)
    answered |= taken_out
    # The switch greyed out, across devices, for who the member is, asked for at work (see SWITCHES).
    answered |= _about_the_switch(tokens, naming)
    # Having no account of the named service, and whether that lets the member skip the guide (see _LACKING).
    lacked = _account_lacked(tokens, naming) if services else set()
    answered |= lacked
    if undone := _deletion_by_opting_out(tokens, [score.topic for score in scores], asks=asks):
        answered |= undone
        scores = [replace(score, weak=score.weak + 1) if score.topic.guide.not_undone else score for score in scores]
    # "microsoft" is a word of the training guide, for its UK sharing; handed over for no word of training, it is not.
    handed = _handed_elsewhere(tokens, naming, doing)
    answered |= _handing_asked(tokens, naming)
    # Stopping what a named service sends is a privacy topic no guide covers, though "email" is privacy vocabulary.
    stopped = _sending_stopped(tokens, naming) if services else set()
    # "linkedin's AI recommendations for jobs": personalisation, no training switch's (see _PERSONALISING).
    stopped |= _personalising(tokens, naming)
    unexplained_at = [
        position
        for position in spots
        if position in stopped
        or (
            (position not in answered or position in handed)
            and not is_neutral(tokens[position])
            and position not in whose | dated_at | saved | timed
        )
    ]
    unexplained = [tokens[position] for position in unexplained_at]
    privacy = any(
        is_privacy(tokens[position]) or position in handed | stopped
        for position in unexplained_at
        if position not in doing
    )
    elsewhere = bool(handed or stopped) or any(
        {tokens[position].word, tokens[position].stem} & OTHER_SETTINGS for position in unexplained_at
    )
    # "My writing" is what the member made, not asking how to write: no making after a determiner.
    makes = any(
        token.word in MAKES
        and not (position and tokens[position - 1].word in DETERMINERS)
        and not (position + 1 < len(tokens) and tokens[position + 1].word in AI_FEATURES)
        for position, token in enumerate(tokens)
        if position not in naming
    )
    reading = _Reading(
        platform,
        services,
        called,
        scores,
        every,
        unexplained,
        about_privacy,
        asks,
        privacy,
        dated,
        elsewhere,
        makes,
        _asks_the_switch(tokens, naming) and not _another_thing_named(tokens, unexplained_at, topical),
        _setting_named(tokens, naming),
    )

    # A service without a guide that a named service's guide itself names is part of that guide's story ("reddit
    # selling our posts to google": Reddit's guide names its deal with Google), not another service asked about.
    mentioned = " ".join(index.mentions.get(key, "") for key in services)
    others = [
        service.name
        for service in index.services
        if service.key in found
        and not service.has_guide
        and not re.search(rf"(?<!\w){re.escape(service.name)}(?!\w)", mentioned, re.IGNORECASE)
    ]
    if others:
        quality = max(services.values(), default=EXACT)
        # A service with a guide named too ("stop meta ai reading my whatsapp") says which guides are closest.
        closest = (not services and _training_offered(tokens, index)) or _closest(reading)
        return Answer(None, platform, round(_OFF_TOPIC * quality, 2), unknown_service=others[0], closest=closest)
    if services:
        answer = _with_service(reading, index=index)
        if answer.guide_id is None:
            return answer
        # A deadline asked of a guide with no dates ("did i miss the chatgpt deadline") is a campaign's to answer.
        deadline_named = any(token.word in DEADLINES - {"late"} for token in tokens)
        return replace(
            answer,
            dates_asked=bool(dated) or _asks_when(tokens) or deadline_named,
            no_account=bool(lacked),
            asks_the_bot_to_do_it=asks_the_bot_to_do_it(tokens),
        )
    if not found and elsewhere and (browser := _browser_named(tokens)) is not None:
        # "chrome third party cookies off": the browser's own setting, not a guide sharing the words "third party".
        return Answer(None, platform, _OFF_TOPIC, unknown_service=browser)
    if not found and (unnamed := _unnamed(tokens, unexplained_at, every, index)) is not None:
        closest = _training_offered(tokens, index) or _closest(reading)
        return Answer(None, platform, _OFF_TOPIC, unknown_service=unnamed, closest=closest)
    if not found and (planned := _plan_of_no_service(tokens, index)) is not None:
        # "i have premium, does it matter": which service's plan, unless the guides name it (see _APPLIES_LAST).
        if not planned:
            return Answer(None, platform, 0.0, help=True, reply="which_service")
        return Answer(None, platform, _UNNAMED_WEAK, closest=planned)
    if not found and (regional := _for_some_regions(content, index)):
        # "I'm not in the EU": whether the guides for some regions only concern the member (their note says where).
        if len(regional) == 1:
            return Answer(regional[0], platform, _UNNAMED_WEAK)
        return Answer(None, platform, _UNNAMED_WEAK, closest=regional)
    if not found and (undone or (taken_out and taken_out & _deleted_at(tokens))) and not unexplained:
        # "Does turning it off delete my data": what switching off does not undo, which each training guide says first.
        return Answer(None, platform, round(_TIE * _UNNAMED_WEAK, 2), closest=index.training, which_service=True)
    answer = _without_service(reading, index=index, tokens=tokens)
    if not found and answer.guide_id is None and _only_a_deadline(content):
        return replace(answer, deadline_only=True)
    if not found and answer.guide_id is None and not answer.closest and unexplained and not about_privacy:
        return replace(answer, unrelated=True)
    return answer


# A browser named with a privacy topic no guide covers ("chrome third party cookies off", "stop tracking in firefox") is
# what the question is about, though elsewhere it only says the member is on a computer.
_BROWSER_NAMES: Final = {"chrome": "Chrome", "firefox": "Firefox", "safari": "Safari", "edge": "Edge"}


def _browser_named(tokens: Sequence[Token]) -> str | None:
    return next((_BROWSER_NAMES[token.word] for token in tokens if token.word in _BROWSER_NAMES), None)


# Where the member is, said with nothing else ("i'm not in the EU", "i live in germany", "based in the uk").
_WHERE_NAMED: Final = (REGIONS - word_set("region country")) | COUNTRIES
_WHERE_SAID: Final = _WHERE_NAMED | RESIDENCE | word_set("outside from")


_WHETHER: Final = word_set("does do did will would can could is")


def _deleted_at(tokens: Sequence[Token]) -> set[int]:
    """Where a question asking whether something deletes ("does this delete what they already trained?") has its
    deletion words: what switching off does not undo, as "does turning it off delete my data" asks."""
    if not tokens or tokens[0].word not in _WHETHER:
        return set()
    return {position for position, token in enumerate(tokens) if token.word in DELETES}


def _for_some_regions(content: Sequence[Token], index: Index) -> tuple[str, ...]:
    """For a question naming only where the member is: the guides for some regions only (Meta's objection), which
    that may decide; nothing for any other question."""
    if not any({token.word, token.stem} & _WHERE_NAMED for token in content):
        return ()
    if not all({token.word, token.stem} & _WHERE_SAID for token in content):
        return ()
    return tuple(topic.guide.id for topic in index.topics if not isinstance(topic.guide.applies_to, str))


def _only_a_deadline(content: Sequence[Token]) -> bool:
    """Whether the words of a question are a deadline's and privacy vocabulary only ("did i miss the deadline")."""
    return any(token.word in DEADLINES for token in content) and all(
        token.word in MEETING_A_DEADLINE or is_neutral(token) or token.word in DEADLINES for token in content
    )


# Who does something in a clause "when" opens ("when I turn it off, does…"): that "when" is not asking when.
_CLAUSE_SUBJECTS: Final = word_set("i im i'm we you they it its it's he she someone people everyone")


def _asks_when(tokens: Sequence[Token]) -> bool:
    """ "When is…", "when do I…", not "when I…, …"."""
    return tokens[0].word == "when" and not (len(tokens) > 1 and tokens[1].word in _CLAUSE_SUBJECTS)


# Words a service's name is never, though no list of the question's vocabulary has them: see _unnamed.
_NEVER_NAMES: Final = (
    frozenset(MONTHS)
    | frozenset(TRANSLATIONS)
    | frozenset(FOREIGN_POSSESSIVES)
    | frozenset(FOREIGN_DEVICES)
    | FOREIGN_FILLER
    | MEMBERS_THINGS
    | SOMEONE_ELSES
    | DETERMINERS
    | QUANTIFIERS
    | EASE
    | PLANS
    | MODELS
    | MAKES
    | HANDS_OVER
    | HANDED_TO
    | THANKS
    | THANKS_MORE
    | DEADLINES
    | MEETING_A_DEADLINE
    | HOW_LONG
    | TAKES_TIME
    | UNDO
    | UNDONE_ACTIONS
    | SAVES
    | KEEP
    | NOT_FORMS
    | OF_THE_SWITCH
)


def _unnamed(
    tokens: Sequence[Token], unexplained_at: Sequence[int], every: Sequence[_Score], index: Index
) -> str | None:
    """The name of a service no list knows that a privacy question asks about ("how do I stop hinge using my photos
    for AI"), as the member wrote it; None when no word stands where a name does (see bot.unnamed_services), or the
    question has no word of AI, training or privacy a guide or the privacy topics know: "my door hinge squeaks"."""
    if not any(score.value for score in every) and not any(is_privacy(token) for token in tokens):
        return None
    return unnamed_service(
        words=[token.word for token in tokens],
        originals=[token.original for token in tokens],
        candidates=unexplained_at,
        known=index.known | _NEVER_NAMES,
        names=frozenset(word for service in index.services for form in service.exact for word in form),
        platforms=PLATFORM_WORDS,
    )


def _training_offered(tokens: Sequence[Token], index: Index) -> tuple[str, ...]:
    """For a question about AI training that no word narrows to one service's guides: the guides of every service
    with a switch against it, to pick from (see bot.guide_index._training_guides); only those about generative AI when
    the question says "generative". Nothing for a question with no word for AI training."""
    stems = {token.stem for token in tokens} | {token.word for token in tokens}
    if not stems & GENERIC_AI:
        return ()
    kinds = _kinds_of_ai(tokens)
    if any(token.word in {"generative", "llm"} and position - 1 not in kinds for position, token in enumerate(tokens)):
        return tuple(guide for guide in index.training if guide in index.generative)
    return index.training


_PLAN_BEFORE: Final = word_set("only just the on")
_HAVING_A_PLAN: Final = word_set("have has got on use using pay paying apply applies cover covers")


# Whether the guide applies to the member, asked in a few words: "does claude pro count", "non-profit account on
# linkedin, does it apply", "do i need to do instagram and facebook separately" (a word of these last, before only
# "to me", "too"…), or "what about non eu members on linkedin" (these first, before who the member is: a place, a plan,
# a role). The other words say who the member is or which account: the guide's notes answer that (bot.asked_note),
# never "I only help with privacy settings". Not with a privacy word or something done ("how about deleting my
# linkedin account", "my zoom keeps crashing, does it matter"): that is what the question is about.
_APPLIES_LAST: Final = word_set("count counts matter matters apply applies separately separate")
_APPLIES_AFTER: Final = word_set("to for me us too also here then")
_APPLIES_FIRST: Final = (("what", "about"), ("how", "about"))
_WHO_THE_MEMBER_IS: Final = REGIONS | COUNTRIES | PLANS | ROLES | word_set("non")


def _whether_it_applies(tokens: Sequence[Token], naming: Mapping[int, str]) -> set[int]:
    """Every position but the service's name, in a question shaped as asking whether its guide applies (see
    _APPLIES_LAST); empty for any other question."""
    words = [token.word for token in tokens]
    end = len(words)
    while end and words[end - 1] in _APPLIES_AFTER:
        end -= 1
    last = end and (words[end - 1] in _APPLIES_LAST or tokens[end - 1].stem in _APPLIES_LAST)
    first = tuple(words[:2]) in _APPLIES_FIRST and bool(set(words) & _WHO_THE_MEMBER_IS)
    rest = [token for position, token in enumerate(tokens) if position not in naming]
    if not (last or first) or any(is_privacy(token) or token.word.endswith("ing") for token in rest):
        return set()
    return {position for position in range(len(tokens)) if position not in naming}


def _plan_of_no_service(tokens: Sequence[Token], index: Index) -> tuple[str, ...] | None:
    """The primary guides of the services whose guides name the plan a question asks about naming no service ("i have
    premium, does it matter"), empty when no guide names it (then which service is to be asked), or None when the
    question names no plan or does not ask whether the guide applies."""
    plans = {token.word for token in tokens if token.word in PLANS}
    if not plans or not _whether_it_applies(tokens, {}):
        return None
    said = {
        key
        for key, text in index.mentions.items()
        if any(re.search(rf"(?<!\w){plan}(?!\w)", text, re.IGNORECASE) for plan in plans)
    }
    return tuple(
        dict.fromkeys(
            topic.guide.id for topic in index.topics if topic.guide.id in index.primaries and topic.service_key in said
        )
    )


def _plans_named(tokens: Sequence[Token], naming: Mapping[int, str]) -> set[int]:
    """Where a plan of the named service is ("chatgpt plus", "the free plan"), with every other plan and word for one
    the question has ("only free"); empty when no plan stands after the name or beside a word for one (see PLANS)."""
    plans = {position for position, token in enumerate(tokens) if token.word in PLANS and position not in naming}
    nouns = {position for position, token in enumerate(tokens) if token.word in PLAN_NOUNS}
    named = {position for position in plans if position - 1 in naming or {position - 1, position + 1} & nouns}
    if not named:
        return set()
    # The member's plan ("i have chatgpt plus", "i'm on the free version"), one a setting may apply to ("does it apply
    # to the free plan"), or one in a privacy question; not the plan as a product ("is linkedin premium worth it",
    # "my linkedin premium expired", "does linkedin premium apply to my account").
    before = {token.word for token in tokens[: min(named)]}
    if not (before & _HAVING_A_PLAN or any(is_about_privacy(token) for token in tokens)):
        return set()
    # "Only free", "just the free one": another plan said as such; "get premium for free" is a price.
    said = {position for position in plans if position and tokens[position - 1].word in _PLAN_BEFORE}
    return named | said | {position for position in nouns if {position - 1, position + 1} & plans}


def _kinds_of_ai(tokens: Sequence[Token]) -> set[int]:
    """Where a kind of AI stands right before a word for it ("non generative ai", "agentic ai"): see AI_KINDS."""
    return {
        position
        for position, token in enumerate(tokens[:-1])
        if token.word in AI_KINDS and tokens[position + 1].word in AI_WORDS
    }


# Words that make what follows `done`, `skip` or `undo` a question, wherever they stand: asking how ("undo how?"), or
# something members do on the service ("undo send on slack").
_ASKING: Final = word_set("how hows what whats why where when which") | MEMBER_DOING


def asks_more_than_a_guide(text: str, *, catalog: Catalog) -> bool:
    """Whether `text`, said after `done`, `skip` or `undo`, asks about a service rather than naming one of its guides:
    "send on slack" ("undo send on slack") does; "slack", "linkedin ai", "the linkedin download on my iphone" do not.
    It names a service after a word none of its guides is named by (privacy vocabulary and filler aside). After the
    name, words are a reason, no part of it ("skip linkedin because I don't use it"); with no service named ("my
    toaster") it is no question either: the command says it knows no such guide."""
    index = index_of(catalog)
    tokens = tokens_of(text[:QUESTION_CHARS])
    found, naming, _called = find_services(tokens, index)
    if not found:
        return False
    named = frozenset().union(*(index.names.get(key, frozenset()) for key in found))
    return any(
        token.word in _ASKING or not (is_filler(token) or is_neutral(token) or {token.word, token.stem} & named)
        for token in tokens[: min(naming)]
    )


def _alike(stems: Sequence[str], explained: set[int]) -> set[int]:
    """The spots of words for AI (AI_WORDS), when a guide explains one of them: it explains them all."""
    alike = {spot for spot, stem in enumerate(stems) if stem in AI_WORDS}
    return alike if alike & explained else set()


def _handed_elsewhere(tokens: Sequence[Token], naming: Mapping[int, str], doing: set[int]) -> set[int]:
    """Where the tokens name a company the service hands the member's data to (HANDED_TO), when the service does
    the handing ("stop linkedin sharing my data with microsoft", not "how do i share my linkedin post"), no word
    says AI, training, what the sharing for training takes, the UK or whether the switch covers it, and the member
    does not ask whether it does (ASKS_WHETHER): that sharing has a setting of its own."""
    words = [(position, token) for position, token in enumerate(tokens) if position not in naming]
    training = GENERIC_AI | SHARED_FOR_TRAINING | THE_UK | COVERS | OPTS_OUT
    if any({token.word, token.stem} & training for _position, token in words):
        return set()
    if _handing_asked(tokens, naming):
        return set()
    if not any(token.word in HANDS_OVER and position not in doing for position, token in words):
        return set()
    return {position for position, token in words if token.word in HANDED_TO}


def _handing_asked(tokens: Sequence[Token], naming: Mapping[int, str]) -> set[int]:
    """Where the words for handing data over are (HANDS_OVER), when the member asks whether the service hands it to
    a company of HANDED_TO at all ("does linkedin give my data to microsoft"): the training guide's note answers it,
    in the words "shares" and "sharing" (see ASKS_WHETHER)."""
    typed = {token.word for position, token in enumerate(tokens) if position not in naming}
    if not typed & HANDED_TO or not typed & ASKS_WHETHER or typed & STOPS_IT:
        return set()
    return {position for position, token in enumerate(tokens) if position not in naming and token.word in HANDS_OVER}


def _sending_stopped(tokens: Sequence[Token], naming: Mapping[int, str]) -> set[int]:
    """Where the words for what the service sends are (SENT_TO_MEMBERS), when the member asks to stop it ("stop",
    "unsubscribe", "turn off", "opt out of") and no other word is about privacy, AI or data (see SENT_TO_MEMBERS).
    Opting out only with "of" or "from" after it: "the subject line for slack opt out email" is an email that opts out.
    """
    words = [(position, token) for position, token in enumerate(tokens) if position not in naming]
    typed = [token.word for token in tokens]
    stops = {position for position, token in words if token.word in STOPS_SENDING}
    for position, token in words:
        after = typed[position + 1 : position + 3]
        if (token.word == "optout" and after[:1] in (["of"], ["from"])) or (
            token.word == "opt" and after in (["out", "of"], ["out", "from"])
        ):
            stops |= {position, position + 1}
    if not stops:
        return set()
    sent = {position for position, token in words if {token.word, token.stem} & SENT_TO_MEMBERS}
    others = [
        token
        for position, token in words
        if position not in stops | sent and (is_about_privacy(token) or {token.word, token.stem} & GENERIC_AI)
    ]
    return set() if others else sent


# What a service's AI recommends to the member ("linkedin's ai recommendations for jobs", "the ai feed"):
# personalisation, which LinkedIn's training switch leaves on (it covers content-generating models only,
# ../shared/facts/linkedin.md); so are personalised things named anywhere. A privacy topic no guide covers.
_PERSONALISING: Final = word_set("recommendation recommended feed")
_PERSONALISED: Final = word_set("personalisation personalization personalised personalized")


def _personalising(tokens: Sequence[Token], naming: Mapping[int, str]) -> set[int]:
    """Where the words naming the service's AI personalising are (see _PERSONALISING)."""
    return {
        position
        for position, token in enumerate(tokens)
        if position not in naming
        and (
            {token.word, token.stem} & _PERSONALISED
            or ({token.word, token.stem} & _PERSONALISING and position and tokens[position - 1].word in AI_WORDS)
        )
    }


def _told_by_the_service(tokens: Sequence[Token], naming: Mapping[int, str]) -> set[int]:
    """Where a word for the service telling the member something is (TELLS before "me", "us" …): see TELLS."""
    return {
        position
        for position, token in enumerate(tokens[:-1])
        if position not in naming and token.word in TELLS and tokens[position + 1].word in TOLD
    }


def _undoing_an_action(tokens: Sequence[Token], naming: Mapping[int, str]) -> set[int]:
    """Where "undo" and the action it takes back are, when it is something the member does ("slack undo send", "undo a
    post"): the service's undo button, not undoing training (see UNDO)."""
    actions = MEMBER_DOING | UNDONE_ACTIONS
    spots: set[int] = set()
    for position, token in enumerate(tokens):
        if token.word not in UNDO or position in naming:
            continue
        after = next((spot for spot in range(position + 1, len(tokens)) if tokens[spot].word not in DETERMINERS), -1)
        for spot in (position - 1, after):
            if spot >= 0 and spot not in naming and tokens[spot].word in actions:
                spots |= {position, spot}
    return spots


def _what_its_ai_keeps(
    tokens: Sequence[Token], spots: Sequence[int], stems: Sequence[str], explained: set[int], topics: Sequence[Topic]
) -> set[int]:
    """Where the words naming the service's AI (AI_FEATURES, "writing" before one) and keeping are (KEEPS), when a
    guide explains a word for AI in the question; keeping only when one of `topics`' guides says what is kept."""
    if not _alike(stems, explained):
        return set()
    found = {position for position in spots if tokens[position].word in AI_FEATURES}
    found |= {position - 1 for position in found if position - 1 in spots and tokens[position - 1].word in MAKES}
    said = " ".join(
        text for topic in topics for text in (topic.guide.summary, topic.guide.not_undone or "", *topic.guide.notes)
    )
    if KEPT_SAID.search(said):
        found |= {position for position in spots if tokens[position].word in KEEPS}
    return found


def _about_the_switch(tokens: Sequence[Token], naming: Mapping[int, str]) -> set[int]:
    """Where the words saying something of the switch itself are, each beside what makes it so (see SWITCHES): a
    state beside a word for the switch the guides turn off (and that word), syncing beside a device, a role in a
    question whether it applies, and who at work asked, beside the asking, these two with a word of the setting."""
    typed = {form for token in tokens for form in (token.word, token.stem)}
    switches = {
        position
        for position, token in enumerate(tokens)
        if {token.word, token.stem} & SWITCHES and not _names_another_switch(tokens, position, naming)
    }
    setting_meant = bool(typed & THE_SETTING_MEANT) or any(
        is_about_privacy(token) for position, token in enumerate(tokens) if position not in naming
    )
    beside = {
        SWITCH_STATES: bool(switches),
        SYNCING: bool(typed & (DEVICE_WORDS | DEVICES)),
        ROLES: bool(typed & APPLYING) and setting_meant,
        AT_WORK: bool(typed & ASKED_TO) and setting_meant,
        ASKED_TO: bool(typed & AT_WORK) and setting_meant,
    }
    marked = {
        position
        for position, token in enumerate(tokens)
        if any({token.word, token.stem} & words and found for words, found in beside.items())
    }
    return marked | switches if typed & SWITCH_STATES and switches else marked


def _asks_the_switch(tokens: Sequence[Token], naming: Mapping[int, str]) -> bool:
    """Whether the question asks for a guide's switch: to turn it off, opt out or object, or where its setting is
    ("the training setting", not "the dark mode setting"). See TURNS_OFF."""
    return any(
        position not in naming
        and (
            bool({token.word, token.stem} & TURNS_OFF)
            or ({token.word, token.stem} & SWITCHES and not _names_another_switch(tokens, position, naming))
        )
        for position, token in enumerate(tokens)
    )


def _setting_named(tokens: Sequence[Token], naming: Mapping[int, str]) -> bool:
    """Whether the named service's setting is asked for as one thing ("where is the grok setting"): SETTING_ASKED."""
    named = any(
        position - 1 in naming
        and {token.word, token.stem} & SWITCHES
        and not (position + 1 < len(tokens) and tokens[position + 1].word in SAYS_WHAT_FOR)
        for position, token in enumerate(tokens)
    )
    return named and any({token.word, token.stem} & SETTING_ASKED for token in tokens)


def _which_account(tokens: Sequence[Token]) -> set[int]:
    """Where the words saying which of the member's accounts are ("my school account"): see WHICH_ACCOUNT."""
    found: set[int] = set()
    for position, token in enumerate(tokens):
        if token.word not in WHICH_ACCOUNT:
            continue
        for width in range(1, WHICH_ACCOUNT_WORDS + 1):
            if position - width - 1 >= 0 and tokens[position - width - 1].word in THE_MEMBERS:
                found |= set(range(position - width, position))
                break
    return found


def _read_by_people(tokens: Sequence[Token], topics: Sequence[Topic]) -> set[int]:
    """Where the words of people reading or reviewing the member's things are, when a guide's words are about
    reviewing: see PEOPLE."""
    if not any(word.startswith("review") for topic in topics for phrase in topic.weak for word in phrase):
        return set()
    people = {position for position, token in enumerate(tokens) if token.word in PEOPLE}
    looking = {position for position, token in enumerate(tokens) if token.word in LOOKING_AT}
    return people | looking if people and looking else set()


def _read_about(tokens: Sequence[Token]) -> set[int]:
    """Where the member says they read about it ("i read about it in chrome's news"): see READING."""
    return {
        position
        for position, token in enumerate(tokens[:-1])
        if token.word in READING and tokens[position + 1].word in ABOUT_IT
    }


def _another_thing_named(tokens: Sequence[Token], unexplained_at: Sequence[int], topical: set[int]) -> bool:
    """Whether a word left unexplained comes right after a word of a guide's topic, naming another thing of it ("turn
    off linkedin ai job alerts", "ai powered dark mode"): then it is what the switch asked for would turn off."""
    return any(
        position - 1 in topical and not {tokens[position - 1].word, tokens[position - 1].stem} & TURNS_OFF
        for position in unexplained_at
    )


def _applies_asked(tokens: Sequence[Token], naming: Mapping[int, str]) -> bool:
    """Whether the question asks if the switch the guides turn off applies to the member ("my wordpress site is self
    hosted, do i need this setting"): a word of applying (APPLYING) and one for the switch (SWITCHES)."""
    return any({token.word, token.stem} & APPLYING for token in tokens) and any(
        {token.word, token.stem} & SWITCHES and not _names_another_switch(tokens, position, naming)
        for position, token in enumerate(tokens)
    )


def _names_another_switch(tokens: Sequence[Token], position: int, naming: Mapping[int, str]) -> bool:
    """Whether the switch word at `position` is named for something no guide turns off ("the linkedin open to work
    toggle"): after a word that is no service's name, determiner, nor word of privacy ("the linkedin ai toggle"). After
    "to" it is the verb ("do i need to switch anything"), no switch's name."""
    if not position or position - 1 in naming:
        return False
    before = tokens[position - 1]
    return not (before.word in DETERMINERS | TO or is_about_privacy(before) or is_neutral(before))


# Having no account of a service, in a question whether its guide matters then: a "not" before having, using or being
# on it ("i don't have a linkedin account", "not on linkedin", "i don't use chatgpt"), or before its account ("no
# linkedin account"). What the member asks of it: whether they may skip or ignore the guide. See _account_lacked.
_LACKING: Final = word_set("have has got use using on made make created had signed joined up")
_MADE_ONE: Final = word_set("made make created had signed joined up")
_LACKED_BETWEEN: Final = word_set("a an any the my even")
_ACCOUNTS: Final = word_set("account accounts profile")
# "… so i can skip this, right?": asking to be told yes, no word of what is asked.
_TAGS: Final = word_set("right correct")


# "i'm not on linkedin today", "not on facebook much", "i don't have linkedin on my phone": an account all the same.
_NOT_NOW: Final = word_set("today tonight much often now currently lately atm rn")


# Before another of a service's names, these say the member has it ("i don't have instagram, only facebook", "but i
# have instagram"); "or facebook" lacks it too.
_HAD_INSTEAD: Final = word_set("only just but have use using on got")


def _had_by_another_name(tokens: Sequence[Token], naming: Mapping[int, str], lacked: set[int]) -> bool:
    """Whether a service the member says they lack is one they have by another of its names (Meta's Facebook and
    Instagram): then they have an account of it."""
    keys = {naming[position] for position in lacked if position in naming}
    return any(
        key in keys
        and position not in lacked
        and {token.word for token in tokens[max(position - 2, 0) : position]} & _HAD_INSTEAD
        for position, key in naming.items()
    )


def _only_for_now_or_here(after: Sequence[Token]) -> bool:
    """Whether the words after a service the member is "not on" say when or where, not that they have no account."""
    if after and after[0].word in _NOT_NOW:
        return True
    return any(token.word in PLATFORM_WORDS for token in after[:3]) and bool(after) and after[0].word in _WHERE_WORDS


_WHERE_WORDS: Final = word_set("on in from")


def _account_lacked(tokens: Sequence[Token], naming: Mapping[int, str]) -> set[int]:
    """Where the words saying the member has no account of a named service are, with those asking whether they may
    skip its guide; empty unless they say so. "Doesn't linkedin use my data" and "i'm not in the eu" lack nothing."""
    lacked: set[int] = set()
    for position, token in enumerate(tokens):
        if token.word not in NOT:
            continue
        at, verbs = position + 1, 0
        while at < len(tokens) and tokens[at].word in _LACKING | _LACKED_BETWEEN:
            verbs += tokens[at].word in _LACKING
            at += 1
        named = at
        while named < len(tokens) and named in naming:
            named += 1
        account = named < len(tokens) and tokens[named].word in _ACCOUNTS
        if named > at and named < len(tokens) and tokens[named].word in PLANS:
            continue  # "i don't have chatgpt plus": one plan of it, so an account all the same
        # "never made a linkedin": made one, only with nothing of it after the name ("i haven't made a linkedin post").
        made = any(tokens[spot].word in _MADE_ONE for spot in range(position + 1, at))
        if made and not account and named < len(tokens) and not is_filler(tokens[named]):
            continue
        if _only_for_now_or_here(tokens[named + account :]):
            continue
        if (named > at and (verbs or account)) or (named == at and account and verbs):
            lacked |= set(range(position, named + account))
    if lacked and _had_by_another_name(tokens, naming, lacked):
        return set()
    if lacked:
        lacked |= {position for position, token in enumerate(tokens) if token.word in SKIPPING}
        lacked |= {len(tokens) - 1} if tokens[-1].word in _TAGS else set()
    return lacked


def _kept_how_long(tokens: Sequence[Token], topics: Sequence[Topic]) -> set[int]:
    """Where the words for keeping are (KEEPS), in a question asking how long ("how long does anthropic keep my
    chats"), when a sentence of one of `topics`' guides says what is kept and for how long ("kept for 5 years")."""
    if not any(token.word == "how" and following.word == "long" for token, following in itertools.pairwise(tokens)):
        return set()
    said = (
        sentence
        for topic in topics
        for text in (topic.guide.summary, topic.guide.not_undone or "", *topic.guide.notes)
        for sentence in re.split(r"(?<=[.;:])\s", text)
    )
    if not any(KEPT_SAID.search(sentence) and HOW_LONG_SAID.search(sentence) for sentence in said):
        return set()
    return {position for position, token in enumerate(tokens) if token.word in KEEPS}


def _taken_out_of_training(tokens: Sequence[Token]) -> set[int]:
    """Where the words for taking personal details out are (TAKES_OUT), before a word for training in the same
    question ("remove personal info from training data"): the training guide's words explain them."""
    trained_at = [position for position, token in enumerate(tokens) if {token.word, token.stem} & TRAINING]
    if not trained_at:
        return set()
    return {position for position, token in enumerate(tokens[: max(trained_at)]) if token.word in TAKES_OUT}


def _deletion_by_opting_out(tokens: Sequence[Token], topics: Sequence[Topic], *, asks: bool) -> set[int]:
    """Where the tokens ask whether opting out deletes something ("does opting out delete my data from linkedin ai",
    "if I opt out, does it delete …"): deletion words after an opt-out word, when one of the topics' guides says what
    switching off does not undo. "Opt out and delete my account" asks for two things, not what opting out does."""
    opted_at = next((position for position, token in enumerate(tokens) if token.word in OPTS_OUT), None)
    asked = asks or any(token.word == "if" for token in tokens)
    if opted_at is None or not asked or not any(topic.guide.not_undone for topic in topics):
        return set()
    # "Will linkedin delete my data if I opt out": after "if", the opting out may come last.
    conditional = any(token.word == "if" for token in tokens[:opted_at])
    start = 0 if conditional else opted_at + 1
    return {position for position in range(start, len(tokens)) if tokens[position].word in DELETES}


def _ai_joined(tokens: Sequence[Token], naming: Mapping[int, str]) -> tuple[list[Token], dict[int, str]]:
    """The tokens with "artificial intelligence" that a slip hid from tokens_of ("artifical intelligence") read as "ai",
    as tokens_of reads it typed right (see AI_COMPOUNDS); `naming` moved to the service's new positions."""
    joined: list[Token] = []
    moved: dict[int, str] = {}
    for position, token in enumerate(tokens):
        if position in naming:
            moved[len(joined)] = naming[position]
        elif joined and len(joined) - 1 not in moved and (joined[-1].word, token.word) in AI_COMPOUNDS:
            word = AI_COMPOUNDS[joined[-1].word, token.word]
            joined[-1] = Token(word, stem_of(word), joined[-1].original)
            continue
        joined.append(token)
    return joined, moved


def _saved_by_the_service(tokens: Sequence[Token], naming: Mapping[int, str]) -> list[Token]:
    """The tokens with saving done by the service to what the member made read as keeping ("does linkedin save my
    posts" asks what "does linkedin keep my posts" does): a save word after the service's name, before "my" (or
    "all", "the" …) and a thing made. Before the name the member saves ("save my linkedin posts"), and "saved
    posts" are LinkedIn's bookmark: those stay as typed."""
    named_at = min(naming, default=len(tokens))
    read = list(tokens)
    for position, token in enumerate(tokens):
        if position <= named_at or position in naming or token.word not in SAVES or position + 1 >= len(tokens):
            continue
        if tokens[position + 1].word in DETERMINERS | QUANTIFIERS and _thing_made(tokens, position + 1, naming):
            read[position] = Token("keep", "keep", token.original)
    return read


# What a service does with the member's things is how it uses them: "what does linkedin do with my data".
_DOES: Final = {"do": "use", "does": "use", "did": "used", "doing": "using"}


def _done_with_by_the_service(tokens: Sequence[Token], naming: Mapping[int, str]) -> list[Token]:
    """The tokens with "do … with" right after the service's name read as "use" ("what is linkedin doing with my data"
    asks what "how is linkedin using my data" does), not the download guide's "data" named alone."""
    read = list(tokens)
    for position, token in enumerate(tokens[:-1]):
        if position - 1 in naming and token.word in _DOES and tokens[position + 1].word == "with":
            read[position] = Token(_DOES[token.word], _DOES[token.word], token.original)
    return read


def _dated(topics: Sequence[Topic], tokens: Sequence[Token]) -> tuple[frozenset[str], set[int]]:
    """The guides that list a date the tokens name, and where those dates are."""
    guides: set[str] = set()
    spots: set[int] = set()
    for where, year, month, day in _dates_named(tokens):
        listing = {
            topic.guide.id
            for topic in topics
            for item in topic.guide.dates
            if item.date.month == month and year in (None, item.date.year) and day in (None, item.date.day)
        }
        if listing:
            guides |= listing
            spots.update(where)
    return frozenset(guides), spots


def _deadline_asked(topics: Sequence[Topic], tokens: Sequence[Token]) -> tuple[frozenset[str], set[int]]:
    """The guides with policy dates, when the tokens ask about a deadline ("did i miss the claude deadline", "is it
    too late"), and where the words about meeting it are ("miss", "choose"): a named service's deadline is its
    guides' dates, as a date named is (see _dated). Nothing when no guide lists a date."""
    if not any(token.word in DEADLINES for token in tokens):
        return frozenset(), set()
    guides = frozenset(topic.guide.id for topic in topics if topic.guide.dates)
    if not guides:
        return frozenset(), set()
    return guides, {position for position, token in enumerate(tokens) if token.word in MEETING_A_DEADLINE}


def _too_late_to_opt_out(topics: Sequence[Topic], tokens: Sequence[Token]) -> set[int]:
    """Where the words about a deadline are ("late", "miss"), in a question whether it is too late to opt out of a
    named service whose guides list no date ("is it too late to opt out of chatgpt training"): it asks what opting
    out now still does, which a guide's `not_undone` says (OpenAI: going forward only). Nothing in a question with no
    opt-out word ("my zoom meeting is running late") or of a service with nothing to opt out of."""
    # "Did i miss the chatgpt deadline" asks it too: only "late" may be of something else ("my zoom call ran late").
    named = any(token.word in DEADLINES - {"late"} for token in tokens)
    if not any(token.word in DEADLINES for token in tokens) or not (
        named or any(token.word in OPTS_OUT for token in tokens)
    ):
        return set()
    if not any(topic.guide.not_undone for topic in topics):
        return set()
    return {position for position, token in enumerate(tokens) if token.word in DEADLINES | MEETING_A_DEADLINE}


def _duration_asked(tokens: Sequence[Token]) -> set[int]:
    """Where the words for taking time, arriving, lasting or answering are (TAKES_TIME, LASTS, ANSWERS_BACK), in a
    question asking how long or how soon ("how long does the linkedin export take"); nothing in any other question
    ("take a photo on instagram")."""
    if not any(token.word == "how" and following.word in HOW_LONG for token, following in itertools.pairwise(tokens)):
        return set()
    return {position for position, token in enumerate(tokens) if token.word in TAKES_TIME | LASTS | ANSWERS_BACK}


def _dates_named(tokens: Sequence[Token]) -> list[tuple[range, int | None, int, int | None]]:
    """Dates in the tokens, each as (where, year, month, day): a month named with a day, a year or both ("nov 3
    2025", "3rd november", "november 2025"), or a year, month and day in numbers ("2025-11-03"). A month alone
    ("may", "march") or a year alone is no date."""
    dates: list[tuple[range, int | None, int, int | None]] = []
    for position, token in enumerate(tokens):
        month = MONTHS.get(token.word)
        if month is not None:
            start, end, day = position, position + 1, None
            if end < len(tokens) and (day := _day(tokens[end])) is not None:
                end += 1
            elif position and (day := _day(tokens[position - 1])) is not None:
                start -= 1
            year = _year(tokens[end]) if end < len(tokens) else None
            end += year is not None
            if day is not None or year is not None:
                dates.append((range(start, end), year, month, day))
        elif (year := _year(token)) is not None and position + 2 < len(tokens):
            numbers = tokens[position + 1].word, tokens[position + 2].word
            if all(number.isdigit() and len(number) <= 2 for number in numbers):
                month, day = int(numbers[0]), int(numbers[1])
                if 1 <= month <= 12 and 1 <= day <= 31:
                    dates.append((range(position, position + 3), year, month, day))
    return dates


def _day(token: Token) -> int | None:
    match = DAY.fullmatch(token.word)
    return int(match.group(1)) if match and 1 <= int(match.group(1)) <= 31 else None


def _year(token: Token) -> int | None:
    return int(token.word) if YEAR.fullmatch(token.word) else None


# Why a guide does not apply to a member, as typed after its name ("skip linkedin I don't have an account", "skip meta
# not in the eu"): the values of bot.core.Reason. A region needs a word saying the member is not in it.
GivenReason = Literal["no_account", "region"]
_NO_ACCOUNT_WORDS: Final = word_set("account accounts profile member user have use using used on")
_NOT_HERE: Final = REGIONS | COUNTRIES | word_set("regions outside")
# Words that change nothing of what a member says of a service: "i just dont have one at all", "i opted out of
# linkedin already". What a member states records a status only when it is made of these, the service's name and the
# words of what was done or lacked (reason_given, names_only): any other word may say something else.
_FILLER: Final = word_set(
    "i im am do does a an the it one any that this there my even at all just really already today yesterday on"
)
# Beside a service's name, the setting its guide is about ("linkedin ai training", "chatgpt data sharing"): what was
# turned off. Not its account: "i turned off my linkedin account" closed it, and opted out of nothing.
_THE_SETTING: Final = word_set("ai training generative data setting sharing")
_THE_ACCOUNT: Final = word_set("account profile")
# Around a service's name in what a member states, narrower than _FILLER (which also reads reasons): "i opted out of
# linkedin, am i", "… do i", "… really", "im not on linkedin today" are questions or say something else.
_DONE_AROUND: Final = word_set("a an the my on of for from in already too also now just today yesterday")
_LACKED_AROUND: Final = word_set("a an the my any even at all on")
# "Not" in the languages the answers read: one anywhere in a statement and it records nothing ("i turned off
# linkedin ki nicht"), whatever the question reader makes of the words.
_NEGATIONS: Final = NOT | word_set(
    "didnt hasnt isnt wasnt cant cannot wont nah nicht kein keine keinen pas non nao não niet nee nej inte nie"
)


def negated(text: str) -> bool:
    """Whether a word of `text` says "not", in any language the answers read."""
    return any(word in _NEGATIONS for word in re.findall(r"\w+", text.casefold().replace("'", "").replace("’", "")))


def names_the_setting(text: str) -> bool:
    """Whether `text` names the setting a guide is about ("linkedin ai training"), not only a service ("slack")."""
    return any({token.word, token.stem} & _THE_SETTING for token in tokens_of(text[:QUESTION_CHARS]))


def reason_given(text: str, *, names: Iterable[str] = ()) -> GivenReason | None:
    """The reason `text` gives ("i dont have an account", "not on linkedin", "im not in the eu"), or None. `names`:
    the service's, which may stand for the account ("not on linkedin")."""
    words = {token.word for token in tokens_of(text[:QUESTION_CHARS])}
    if words & _NOT_HERE and (words & NOT or "outside" in words):
        return "region"
    # Nothing but the lack itself: "i dont have time", "i dont use it for work" lack something else.
    allowed = NOT | _NO_ACCOUNT_WORDS | _FILLER | {word for name in names for word in words_of(name)}
    if words & NOT and words & _NO_ACCOUNT_WORDS and words <= allowed:
        return "no_account"
    return None


def names_only(text: str, *, names: Iterable[str], lacked: bool = False) -> bool:
    """Whether `text` is one of a service's `names` and says nothing else of it: filler, and the setting's words for
    what a member did ("the linkedin ai setting") or its account for what they lack ("a linkedin account").
    "linkedin premium", "the linkedin app", "time for linkedin" name LinkedIn and say something else. A long name
    may have one slip ("linkdin"), as the guide's answer reads it."""
    tokens = tokens_of(text[:QUESTION_CHARS])
    allowed = (_LACKED_AROUND | _THE_ACCOUNT) if lacked else (_DONE_AROUND | _THE_SETTING)
    for name in names:
        called = words_of(name)
        for start in range(len(tokens) - len(called) + 1):
            typed = tokens[start : start + len(called)]
            others = [*tokens[:start], *tokens[start + len(called) :]]
            if _is_called(typed, called) and all({token.word, token.stem} & allowed for token in others):
                return True
    return False


def _is_called(typed: Sequence[Token], called: Sequence[str]) -> bool:
    """The words of a name, typed: each as it is or in the plural ("linkedins", an apostrophe dropped), a one-word
    name of five letters or more with one slip of its own ("linkdin", not the words NOT_TYPOS lists)."""
    if all(called_word in (token.word, token.stem) for token, called_word in zip(typed, called, strict=True)):
        return True
    if len(called) != 1 or len(called[0]) < TYPO_MIN_LENGTH or typed[0].word in NOT_TYPOS:
        return False
    return one_slip(typed[0].word, called[0], keep_first=True) or one_slip(typed[0].stem, called[0], keep_first=True)


def _closest(reading: _Reading, *, limit: int = 3) -> tuple[str, ...]:
    """The named service's guides, best first; with none named, the guides whose topic words the question uses.
    Another service's guide sharing a word ("keep" in "does linkedin keep my posts" is Gemini's) is not offered."""
    if reading.services:
        ranked = sorted(reading.scores, key=lambda score: (score.value, score.acted_on, score.hints), reverse=True)
    else:
        ranked = [score for score in sorted(reading.every, key=lambda score: -score.value) if score.value > 0]
    return tuple(dict.fromkeys(score.topic.guide.id for score in ranked))[:limit]


def _own_guides(reading: _Reading, index: Index, *, limit: int = 3) -> tuple[str, ...]:
    """The named services' guides, those the question leans to first, then each service's primary guide. When
    a word of the question points at some of them ("download a video from linkedin"), only those."""
    pointed = [score for score in reading.scores if score.value]
    ranked = sorted(
        pointed or reading.scores,
        key=lambda score: (score.value, score.hints, score.topic.guide.id in index.primaries),
        reverse=True,
    )
    return tuple(score.topic.guide.id for score in ranked)[:limit]


def _each_services_guide(reading: _Reading, index: Index) -> tuple[str, ...]:
    """When the guides the question points at most belong to two or more of the services it names, each one's
    guide, in the order the services were named; else nothing."""
    top = max(score.value for score in reading.scores)
    leaders = [score for score in reading.scores if score.value == top]
    by_service: dict[str, str] = {}
    for score in sorted(leaders, key=lambda score: score.topic.guide.id not in index.primaries):
        by_service.setdefault(score.topic.service_key, score.topic.guide.id)
    if len(by_service) < 2:
        return ()
    return tuple(by_service[key] for key in reading.services if key in by_service)[:3]


def _best(scores: Sequence[_Score], index: Index) -> tuple[_Score | None, bool]:
    """The top score and whether another guide scored the same; a primary guide breaks the tie."""
    top = max((score.value for score in scores), default=0)
    if top == 0:
        return None, False
    leaders = [score for score in scores if score.value == top]
    preferred = next((score for score in leaders if score.topic.guide.id in index.primaries), leaders[0])
    return preferred, len(leaders) > 1


def _named(reading: _Reading, key: str, index: Index) -> str:
    """A named service as members are told it: "Instagram" to a member who asked about Instagram."""
    return reading.called.get(key) or service_name(key, index)


def _with_service(reading: _Reading, *, index: Index) -> Answer:
    platform = reading.platform
    best, tied = _best(reading.scores, index)
    if best is not None and tied and (offered := _each_services_guide(reading, index)):
        # "linkedin and chatgpt ai training opt out": one guide each, to pick from, not the first service's alone.
        quality = min(reading.services.values())
        service = _named(reading, best.topic.service_key, index)
        return Answer(None, platform, round(_OFF_TOPIC * quality, 2), closest=offered, service=service)
    if best is not None:
        quality = reading.services[best.topic.service_key]
        # Topic words with more words no guide explains ("write me a LinkedIn post about my promotion"), or with a
        # privacy topic no guide covers ("… for ads"), are a question about something else sharing a word with a guide.
        # Not when the member asks for the guide's switch: then the other words are how they came to ask (TURNS_OFF).
        narrated = reading.switch_asked and not reading.privacy
        something_else = (len(reading.unexplained) >= best.weak and not narrated) or reading.elsewhere
        if best.strong or ((reading.about_privacy or not reading.asks) and not something_else and not reading.makes):
            if tied:
                confidence = _TIE
            elif best.strong:
                confidence = _NAMED
            else:
                confidence = min(_TOPIC_MAX, _TOPIC + _TOPIC_STEP * (best.weak - 1))
            return Answer(best.topic.guide.id, platform, round(confidence * quality, 2))
        if not something_else:
            # A question with no word about privacy, AI or data: the topic words only say what the member
            # makes or does ("how do I post a video on instagram"). The guides they point at are offered,
            # never given as if they answered it. Named alone ("chatgpt chat"), a topic to a privacy bot
            # is a request for its guide. A guide whose words are only what another's word acts on ("post" in
            # "copy a post on linkedin") is not pointed at: copying a post is no question about training AI on it.
            pointed = sorted(
                (score for score in reading.scores if score.value),
                key=lambda score: (score.value, score.acted_on),
                reverse=True,
            )
            closest = tuple(score.topic.guide.id for score in pointed)[:3]
            service = _named(reading, best.topic.service_key, index)
            confidence = round(_OFF_TOPIC * quality, 2)
            return Answer(None, platform, confidence, closest=closest, off_topic=service, service=service)
    key, quality = max(reading.services.items(), key=lambda item: item[1])
    if half := _half_named(reading):
        # A word of a named service's guide in an order or alone that no guide lists ("linkedin machine" of "machine
        # learning"): the question could be about that guide, so the service's guides are offered, that one first,
        # never "no guide for that yet (LinkedIn)", which reads as if the bot had nothing for LinkedIn.
        service = _named(reading, key, index)
        closest = tuple(dict.fromkeys((*half, *_own_guides(reading, index))))[:3]
        return Answer(None, platform, round(_OFF_TOPIC * quality, 2), closest=closest, service=service)
    if reading.privacy:
        name = _named(reading, best.topic.service_key if best else key, index)
        confidence = round(_OFF_TOPIC * quality, 2)
        closest = _closest(reading)
        links = _links_asked(reading, [score.topic.guide for score in reading.scores])
        return Answer(None, platform, confidence, unknown_service=name, closest=closest, service=name, links=links)
    if reading.unexplained and not (reading.setting_named and not reading.elsewhere):
        # Words we cannot tell the guide from ("Wie ändere ich mein Profilbild bei LinkedIn?"), but the
        # service is named: its own guides are the ones to offer, not every guide of every service. With no word
        # about privacy, AI or data ("my zoom keeps crashing") the question is about using the service.
        service = _named(reading, key, index)
        using = None if reading.about_privacy else service
        closest = _own_guides(reading, index)
        return Answer(None, platform, round(_OFF_TOPIC * quality, 2), closest=closest, off_topic=using, service=service)
    # A policy change on a date one guide lists is that guide's ("what changed on nov 3 2025 at linkedin").
    if len(reading.dated) == 1:
        (dated,) = reading.dated
        return Answer(dated, platform, round(_TOPIC * quality, 2))
    # The name alone means its primary guide, unless generic words lean to another of its guides ("linkedin data").
    own = [score for score in reading.scores if score.topic.service_key == key]
    meant = max(own, key=lambda score: (score.hints, score.topic.guide.id in index.primaries))
    return Answer(meant.topic.guide.id, platform, round(_BARE * quality, 2))


# Deleting and closing are one request for a link: "delete my account" is what "Close your account" does.
_CLOSING: Final = DELETES | word_set("close closes closed closing")


def _links_asked(reading: _Reading, guides: Sequence[Guide]) -> tuple[str, ...]:
    """The addresses of the guides' links whose label has one of the question's unexplained privacy words."""
    asked = {form for token in reading.unexplained if is_privacy(token) for form in (token.word, token.stem)}
    if asked & _CLOSING:
        asked |= _CLOSING
    found = (
        link.url
        for guide in guides
        for link in guide.links
        if asked & {form for token in tokens_of(link.label) for form in (token.word, token.stem)}
    )
    return tuple(dict.fromkeys(found))


def _half_named(reading: _Reading) -> tuple[str, ...]:
    """The named services' guides with a phrase that one of the unexplained words is part of ("machine" of "machine
    learning"), in catalog order; nothing when a word names a topic another setting covers (OTHER_SETTINGS)."""
    if reading.elsewhere:
        return ()
    typed = {form for token in reading.unexplained for form in (token.word, token.stem)}
    meant: list[str] = []
    for score in reading.scores:
        words = {word for phrase in (*score.topic.strong, *score.topic.weak) for word in phrase}
        # A guide that explains one word for AI explains them all (see _alike): "intelligence" alone is its too.
        if words & AI_WORDS:
            words |= AI_WORDS
        if typed & words:
            meant.append(score.topic.guide.id)
    return tuple(dict.fromkeys(meant))


def _without_service(reading: _Reading, *, index: Index, tokens: Sequence[Token]) -> Answer:
    platform = reading.platform
    best = max(reading.scores, key=lambda score: (score.specific, score.strong, score.weak), default=None)
    if best is None or best.value == 0:
        return _generic_only(reading)
    # Only words for AI training ("how do I stop my data being used for AI training?"): which service? Every guide
    # with a switch against it, not the three whose files happen to sort first (Adobe's content analysis among them).
    switches: tuple[str, ...] = ()
    if not best.specific and not reading.unexplained and not _narrowed(reading, tokens):
        switches = _training_offered(tokens, index)
    closest = switches or _closest(reading)
    # Without a service name, another word may well be the name of a service we have no guide
    # for ("opt out of AI training on Facebook"), so only a question made wholly of topic words counts.
    if reading.unexplained:
        return Answer(None, platform, _UNNAMED_OFF_TOPIC, closest=closest)
    # Topic words alone ("stop my chats being used for training") fit many services: only a guide's own
    # setting name or alias, used by no other service, is enough.
    leaders = {score.topic.service_key for score in reading.scores if score.specific == best.specific}
    if not best.specific or len(leaders) > 1:
        return Answer(None, platform, round(_TIE * _UNNAMED_WEAK, 2), closest=closest, which_service=bool(switches))
    return Answer(best.topic.guide.id, platform, _UNNAMED_STRONG)


def _narrowed(reading: _Reading, tokens: Sequence[Token]) -> bool:
    """Whether a word beside the words for AI training says which services it could be ("my chats", "my photos"), or
    a date does: then the guides those words point at are offered, not every one with a switch."""
    if reading.dated:
        return True
    return any(
        not ({token.word, token.stem} & (GENERIC_AI | MODELS | AI_KINDS) or is_filler(token) or is_neutral(token))
        for token in tokens
    )


def _generic_only(reading: _Reading) -> Answer:
    """No service and no topic word: generic words that spell guides' own settings or aliases ("data controls")
    offer those guides, longest name first; others ("opt out", "my data") fit every guide and offer none."""
    if reading.unexplained:
        return Answer(None, reading.platform, 0.0)
    if reading.dated:
        # A policy date alone ("what happens on nov 3"): the guides that list it, as the catalog orders them.
        dated = tuple(score.topic.guide.id for score in reading.every if score.topic.guide.id in reading.dated)
        return Answer(None, reading.platform, _UNNAMED_DATED, closest=dated[:3], date_only=True)
    named = sorted((score for score in reading.scores if score.named), key=lambda score: -score.named)
    closest = tuple(score.topic.guide.id for score in named)[:3]
    return Answer(None, reading.platform, _UNNAMED_GENERIC if closest else 0.0, closest=closest)
