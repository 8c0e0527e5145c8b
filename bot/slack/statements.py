"""What a member says they did or want, in their own words, as the command that does it: "I've opted out of linkedin"
is `done linkedin`, "ok done" right after a guide a bare `done`, "remind me about linkedin next week" `later linkedin`.
A question, a plan, a negation or someone else's doing is left as typed, for the question reader."""

from __future__ import annotations

import re
from typing import Final

from bot.answers import QUESTION_CHARS, names_the_setting, negated
from bot.service.answering import Answering
from bot.service.errors import UserFacingError

# What ends a text and says nothing of it: "status?", "done!", "ok…".
ENDING: Final = "?!.… "

# What a member did, in their words (see Statements.as_command): what is done, by "I" or by nobody named ("turned off
# linkedin ai training", a reply to "have you?"), never a plan ("i will …"), never someone else ("my boss turned …").
_DID: Final = re.compile(
    r"(?:(?:i have|i has|i had|ive|id|i)\s+)?(?:already\s+|just\s+|finally\s+)?"
    r"(?:(?:opted out"
    r"|(?P<switch>(?:turned|switched) (?:it |that )?off|disabled(?: it| that)?|(?:made|make) (?:it|that) off)"
    # "i did linkedin yesterday": a service done.
    r"|objected|done it|did it|did)"
    r"(?:\s+(?P<where>of|from|on|for|in|to|with))?\s*(?P<rest>.*)"
    # The particle after what was turned off: "i turned chatgpt training off".
    r"|(?:turned|switched)\s+(?P<before>.+)\s+off"
    # What is off now, as a tick beside it says: "linkedin ai off ✅"; with no tick and no verb, "grammarly training
    # off" is how a search for the guide is typed (see Statements.as_command).
    r"|(?P<bare>.+?)\s+(?:(?P<is>(?:is |was )?(?:turned|switched)|is|now)\s+)?off)"
)
# "ok done", "all done", "done and done", "all finished": done, naming nothing (a bare `done`).
_DONE_ALONE: Final = re.compile(
    r"(?:all\s+)?done(?:\s+and\s+done)?|all set|(?:all\s+)?finished"
    # "it's off now", "it was already off", "already had it off": the switch just read about.
    r"|(?:its|it is|it was|thats|that is|that was)\s+(?:already\s+)?off(?:\s+(?:now|already))?"
    r"|(?:i\s+)?(?:already\s+)?had it off(?:\s+already)?"
    r"|(?:(?:i|ive|i have)\s+)?(?:finally\s+|already\s+|just\s+)?(?:took care of it|(?:did|done) (?:that|this)"
    r"|(?:did|done|followed|completed) (?:all )?the steps"
    # "done, submitted the form" (Meta's objection is a form).
    r"|(?:submitted|sent|filled (?:in|out)) (?:the|my|it)(?: form| objection| request)?)"
    # "the toggle is already off".
    r"|(?:the |my )?(?:toggle|switch|setting|option) (?:is|was) (?:already )?off(?: now| already)?"
)
# A clause that says nothing of what was done: "found it, done", "ok fine, done", "did it. thanks a lot for the help,
# very useful", "busy rn, later". A text of nothing else says nothing (a thanks is answered as one).
_NOTHING_SAID: Final = """
    ok okay fine found it there thanks thank you a lot lots for the help very so much useful helpful great cheers
    appreciated ty thx tysm really perfect awesome nice lol haha lmao bye busy rn atm
"""
_SAYS_NOTHING: Final = frozenset(_NOTHING_SAID.split())
# Chat slang at the end of a clause: "it was off already lol".
_LAUGHS: Final = frozenset({"lol", "haha", "hahaha", "lmao", "xd"})
# "I have done the steps but i am not sure if it is saved": done, and unsure the service kept it.
_UNSURE: Final = re.compile(
    r"(?P<did>.+?),?\s+but\s+(?:(?:i am|im|i m)\s+)?(?:not sure|unsure|dont know|do not know)\s+(?:if|whether)\s+"
    r"(?:it|that|the setting|the change|my change|the toggle)\s+(?:is|was|has been|got|went)\s+(?:saved|through)"
)
# What may come before what a member says, and says nothing of it: "ok done", "okay, did it", "yes i turned it off".
_OK_FIRST: Final = re.compile(r"^(?:(?:ok|okay|k|kk|alright|yes|yep|yeah|yup|right|great|cool)\b[,.!]*\s+)+")
# When it was done, which does not change that it is: "already did it last year".
_WHEN_DONE: Final = re.compile(
    r"(?:\s*\b(?:already|earlier|before|yesterday|today|just now|this (?:morning|afternoon|week)"
    r"|(?:yesterday|this|last) (?:morning|afternoon|evening|night)|this (?:week|month)|last (?:week|month|year)"
    r"|(?:(?:a|one|a few|a couple of|some|many|several|\d+) )?(?:days?|weeks?|months?|years?) ago"
    r"|(?:a (?:long )?)?while ago|ages ago|long ago))+$"
)
# The word before the device something was done on: "on my phone", "in the app", "from my laptop".
_WHERE: Final = frozenset({"on", "in", "from", "with", "using", "via"})
# What Slack sends for a tick or a thumbs up in a message's text (":white_check_mark:", skin tone and all), and the
# same as typed in Unicode: a yes, not an emoji that may make a statement a joke.
_AFFIRMATIONS: Final = re.compile(
    r":(?:white_check_mark|heavy_check_mark|ballot_box_with_check|\+1|thumbsup):(?::skin-tone-[2-6]:)?"
    "|[\u2705\u2714\u2611\U0001f44d][\ufe0f\U0001f3fb-\U0001f3ff]*"
)
# "(can you) remind me (again) about linkedin (next week)": a member asking to hear of a guide later. The day they
# name is not kept (a snooze has one length); the reply says which day it is.
_WEEKDAY: Final = (
    r"(?:(?:on|next|this) )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thurs|fri)"
)
_WHEN_LATER: Final = (
    r"later|soon|tomorrow|tmrw|tonight|next week|this week"
    rf"|in a (?:few|couple of) days|(?:(?:in|for) )?(?:a|one|\d+) (?:days?|weeks?)|for a (?:bit|while)|{_WEEKDAY}"
)
_LATER: Final = rf"again|{_WHEN_LATER}"
_WHEN_NAMED: Final = re.compile(rf"\b(?:{_WHEN_LATER})\b")
_ASKED_TO: Final = r"(?:(?:can|could|will|would) you\s+)?(?:please\s+|pls\s+)?"
_REMIND_ME: Final = re.compile(
    rf"{_ASKED_TO}(?:remind|nudge|ping|ask)\s+me\s+"
    rf"(?:(?:{_LATER})\s+)*(?:about|for|re)\s+(?P<rest>.+?)(?:\s+(?:{_LATER}))*"
)
# "remind me tomorrow", "snooze this for a week", naming no guide: the one just read. When, if not "again" alone
# ("remind me again" may ask to be told again), says it is a reminder that is asked for.
_REMIND_ME_LATER: Final = re.compile(
    rf"{_ASKED_TO}(?:(?:(?:remind|nudge|ping|ask)\s+me|snooze(?:\s+(?:this|it|that))?)(?:\s+again)?(?:\s+(?:{_WHEN_LATER}))+"
    r"|snooze\s+(?:this|it|that))"
    # "maybe later", "i'll do it later", "will do it tonight": the member puts it off.
    rf"|(?:maybe|perhaps|probably)\s+(?:{_WHEN_LATER})"
    r"|(?:i\s*ll|i will|will|gonna|im gonna|im going to)\s+(?:do|look at|get to)\s+(?:it|this|that)"
    rf"\s+(?:{_WHEN_LATER})"
)
# "i'm done for the day", "i am done with this meeting": done with something, which is no guide (see as_command).
_IM_DONE: Final = re.compile(r"(?:im|i am)\s+(?:all\s+)?done\s+(?P<rest>(?:for|with)\s+.+)")
# "not now", "can't right now, in a meeting": not now, and no later asked for (see Commands.reply).
_NOT_NOW: Final = re.compile(
    r"(?:(?:sorry|ok|okay)\s+)?(?:not (?:right )?now|not today|not yet|(?:i )?cant(?: do it)?(?: right)? (?:now|today)"
    r"|no time(?: (?:now|today|rn))?)(?:,? (?:sorry|(?:im )?(?:in a meeting|busy|driving|at work|on the go)))*"
)
# Not "i dont use linkedin": an account unused is still one, trained on unless its setting is off.
_HAVE_NOT: Final = (
    re.compile(r"(?:i|im|i am)\s+(?:dont|do not|never|not)\s+(?:have|on)\b\s*(?P<rest>.*)"),
    re.compile(r"(?:i have|ive|i got|i have got)\s+no\s+(?P<rest>.+)"),
    # "never had a linkedin", "never used chatgpt": never had one to train on.
    re.compile(r"(?:i\s+)?(?:have\s+)?never\s+(?:had|made|created|used|joined|signed up for)\s+(?P<rest>.+)"),
    # "deleted my linkedin years ago", "I closed my account last year": no account now (since when is no part of it).
    re.compile(
        r"(?:i\s+)?(?:already\s+)?(?:deleted|closed|removed)\s+my\s+(?P<rest>.+?)(?P<since>\s+\w+ ago|\s+last year)?"
    ),
)
# What the member lacks, once "a" and "account" are read: nothing more, when it is the account of the guide just read.
_AN_ACCOUNT: Final = frozenset({"account", "an account", "one", "it", "that"})

# What a statement may be made of: letters and digits of any script, spaces, apostrophes, hyphens, ".", "," and "!".
_PLAIN_WORDS: Final = re.compile(r"[\w\s'’.,!-]+")

# "done with that": done with the guide just read, as a bare `done` (see points_back).
_WITH_IT: Final = frozenset({"with that", "with it", "with this"})

# A please at the end asks no more than the words before it ("my status please").
_POLITE: Final = frozenset({"please", "pls", "plz", "thanks", "thx"})


def said_plainly(text: str) -> str:
    """`text` without case, apostrophes, repeated spaces, a please at its end or the punctuation that ends it."""
    words = text.lower().replace("’", "").replace("'", "").rstrip(ENDING).split()
    while len(words) > 1 and words[-1].rstrip(ENDING + ",") in _POLITE:
        words.pop()
    return " ".join(words).rstrip(ENDING + ",")


def points_back(words: str) -> bool:
    """Whether the words after `done` ("with that", "with it") point at the guide just read, naming none."""
    return said_plainly(words) in _WITH_IT


def _names_a_device_only(answering: Answering, text: str) -> bool:
    """ "my phone", "on android": a device and nothing else, which the answers read as needing a service."""
    return bool(text.strip()) and answering.read(text).reply == "which_service"


class Statements:
    """Reads a member's statement with the guides the answers know (which service "linkedin" is, whether a text
    names only it)."""

    def __init__(self, answering: Answering) -> None:
        self._answering = answering

    def as_command(self, text: str) -> str:
        """What the member says they did, as the command that records it: "I've opted out of linkedin" is `done
        linkedin`, "i don't have linkedin" is `skip linkedin no account`. A question ("…?"), a plan ("i want to opt
        out") or a statement naming no guide ("i dont have time") is left as typed."""
        typed = text
        # A tick or a thumbs up says yes ("done ✅", "did it :+1:"): it is no joke to keep the words from being read.
        text = _AFFIRMATIONS.sub(" ", text)
        ticked = text != typed
        # Plain words only: a "?" anywhere ("opted out of linkedin? thanks!"), an emoji or an emoticon (";)", "🤔")
        # may make it a question or a joke, a "not" in any language takes it back, and a long text says more than
        # the words read for it.
        if len(text) > QUESTION_CHARS or not _PLAIN_WORDS.fullmatch(text.strip()):
            return typed
        # "i opted out of linkedin, thanks" says what it says without its thanks, "ok done" without its ok.
        if _TAKEN_BACK.fullmatch(said_plainly(text)):
            return "undo"  # "oops undo that", "wait no, i haven't actually done it": the guide last shown
        said = _said_of_it(_OK_FIRST.sub("", said_plainly(text)))
        if said is None:
            return "done"  # "done, submitted the form": each part says it is done
        if (unsure := _UNSURE.fullmatch(said)) is not None:
            said = unsure.group("did")  # its "not" is about the saving: see unsure_saved
        if (but := _BUT_NOT.fullmatch(said)) is not None and self._names_a_guide(but.group("other")):
            # "i opted out of linkedin but not chatgpt": what was done, as said without the rest.
            said = but.group("done")
        lacks = next((found for pattern in _HAVE_NOT if (found := pattern.fullmatch(said)) is not None), None)
        if negated(lacks.group("rest") if lacks is not None else said):  # but for the "not" of what a member lacks
            return typed
        device = ""
        if (over := _IM_DONE.fullmatch(said)) is not None and not self._names_a_guide(over.group("rest")):
            return f"done {over.group('rest')}"  # "i'm done for the day": `done` and its words (see _record)
        if said in _BARE_WORDS:
            return said  # "later pls", "snooze pls": the command alone, with its please
        if _DONE_ALONE.fullmatch(_WHEN_DONE.sub("", said)) or _REMIND_ME_LATER.fullmatch(said):
            # "ok done", "remind me tomorrow": the guide last shown, or "Which guide?" (see _record).
            return "later" if _REMIND_ME_LATER.fullmatch(said) else "done"
        if (did := _DID.fullmatch(said)) is not None:
            verb, because = "done", ""
            # "i did it on my phone", "already did it last year": it is done, where or when it was.
            named_off = did.group("before") or did.group("bare")
            if did.group("bare") and did.group("is") is None and not ticked:
                return typed  # "grammarly training off": the words a search for its guide is typed in
            if self._device_off(did):
                return typed  # "i turned off my phone", "my phone is off": a device that is off, no setting
            rest, device = self._where_and_when_cut(did.group("rest") or named_off or "")
            if rest in ("it", "that", "this"):
                rest = ""  # "i has turned off it"
            if named_off and not rest:
                return typed  # "the app is off": no setting
            # "i turned slack off" may be quitting the app: a switch turned off is recorded with the setting named.
            switch = any(did.group(name) is not None for name in ("before", "switch", "bare"))
            if rest and switch and not names_the_setting(rest):
                return typed
        elif lacks is not None:
            verb, rest, because = "skip", lacks.group("rest"), " no account"
            if _without_a(rest) in _AN_ACCOUNT:
                return "skip no account"  # "I closed my account": the guide last shown (see _record)
        elif (remind := _REMIND_ME.fullmatch(said)) is not None and _WHEN_NAMED.search(said) is not None:
            # "remind me about linkedin" with no when may ask what it was: its guide has *Remind me later*.
            # "remind me about linkedin next week": what "Remind me later" does, whose reply names the day it keeps.
            verb, rest, because = "later", remind.group("rest"), ""
        else:
            return typed
        if not rest:
            # "i turned it off (on my phone)": the guide last shown, or "Which guide?" (see _record).
            return f"{verb} {device}".strip()
        try:
            guide = self._answering.guide(rest)
        except UserFacingError:
            return typed
        # "linkedin premium", "the linkedin app", "linkedin much", "linkedin but it still shows on" say something else.
        if not self._answering.names_only(rest, guide=guide, lacked=verb == "skip"):
            return typed
        if verb == "done" and guide.kind == "how-to":
            return typed  # "i turned off my linkedin data" opted out of nothing: getting a copy is LinkedIn's how-to
        return f"{verb} {rest}{because} {device}".strip()

    def _device_off(self, did: re.Match[str]) -> bool:
        """Whether what _DID read switched a device off, no setting: "i turned off my phone", "my phone is off"."""
        named_off = did.group("before") or did.group("bare")
        # "turned off my phone" turned the phone off; "turned it off on my phone" the setting, on the phone.
        off = did.group("switch") is not None and did.group("where") is None
        turned = _WHEN_DONE.sub("", did.group("rest") or named_off or "")
        return (
            bool(off or named_off)
            and " it " not in f" {did.group(0)} "
            and _names_a_device_only(self._answering, turned)
        )

    def device_off(self, text: str) -> bool:
        """Whether the member says they switched a device off ("i turned off my phone"): no setting, so nothing is
        recorded, and they hear how to record the setting if that is what they meant."""
        if not _PLAIN_WORDS.fullmatch(text.strip()):
            return False
        said = _said_of_it(_OK_FIRST.sub("", said_plainly(text)))
        if said is None or negated(said):
            return False
        did = _DID.fullmatch(said)
        return did is not None and self._device_off(did)

    def short_reply(self, text: str) -> str | None:
        """What a short chat reply to a guide says: "yes" ("will do", "on it", a thumbs up), "no" ("nope"), "all"
        ("is that all?"), or None when the text is no such reply. It records nothing (see Commands.reply)."""
        if _AFFIRMATIONS.fullmatch(text.strip()):
            return "yes"  # a thumbs up alone, with no words it would say yes to
        if not _PLAIN_WORDS.fullmatch(text.strip().rstrip("?")):
            return None
        # Not said_plainly: a thanks at the end ("ok thanks") is answered as one.
        words = re.findall(r"\w+", text.lower().replace("'", "").replace("’", ""))
        while len(words) > 1 and words[0] in _LAUGHS:
            words.pop(0)  # "haha no"
        said = " ".join(words)
        if said in _SHORT_NO:
            return "no"
        if said in _SHORT_ALL:
            return "all"
        unprefixed = _OK_FIRST.sub("", f"{said} ").strip()
        return "yes" if said in _SHORT_YES or unprefixed in _SHORT_YES or not unprefixed and said else None

    def _names_a_guide(self, text: str) -> bool:
        try:
            self._answering.guide(text)
        except UserFacingError:
            return False
        return True

    def asks_recorded(self, text: str) -> str | None:
        """What "did it record linkedin", "have i done linkedin?" asks about ("linkedin"; "" for "it"), or None when
        the text asks no such thing."""
        if not _PLAIN_WORDS.fullmatch(text.strip().rstrip("?")):
            return None
        last = re.split(r"\s*[,.;!]+\s*", said_plainly(text))[-1]
        asked = _ASKS_RECORDED.fullmatch(last)
        if asked is None:
            return None
        rest = _WHEN_DONE.sub("", asked.group("rest") or asked.group("rest2") or asked.group("rest3") or "")
        return "" if rest in ("", "it", "that", "this") else rest

    def wrong_click(self, text: str) -> bool:
        """ "i clicked the wrong button": which one is not said, so the member is told how to undo it."""
        return (
            _PLAIN_WORDS.fullmatch(text.strip()) is not None and _WRONG_CLICK.fullmatch(said_plainly(text)) is not None
        )

    def several(self, text: str) -> list[str]:
        """ "opted out linkedin + chatgpt", "i turned off linkedin and chatgpt training", "done linkedin and chatgpt":
        each guide said done (or skipped), as its command; [] unless two or more are, each named alone."""
        joined = re.sub(r"\s*[+&]\s*", " and ", text)
        if not _PLAIN_WORDS.fullmatch(joined.strip()):
            return []  # "opted out linkedin + chatgpt?" asks
        said = _OK_FIRST.sub("", said_plainly(joined))
        if (typed := _TYPED_SEVERAL.fullmatch(said)) is not None:
            return self._typed_several(typed.group("verb"), typed.group("rest"))
        did = _DID.fullmatch(said) if not negated(said) else None
        rest = (did.group("rest") or "") if did is not None else ""
        parts = _AND.split(rest)
        if len(parts) < 2 or (did is not None and did.group("switch") and not names_the_setting(rest)):
            return []
        # Each part as said alone: the setting's words may follow the last name only ("linkedin and chatgpt training").
        commands = [self.as_command(f"i opted out of {part}") for part in parts]
        return commands if all(command.startswith("done ") for command in commands) else []

    def _typed_several(self, verb: str, rest: str) -> list[str]:
        """ "done linkedin and chatgpt, not claude": a command for each guide named, but those after "not". Words that
        name no guide after the first ("skip linkedin and i don't use it") are its reason: []."""
        but = _BUT_NOT.fullmatch(rest) or _COMMA_NOT.fullmatch(rest)
        if but is not None:
            if not all(self._names_only_a_guide(part) for part in _AND.split(but.group("other"))):
                return []
            rest = but.group("done")
        parts = _AND.split(rest)
        if len(parts) < 2 or not all(self._names_only_a_guide(part) for part in parts):
            return []
        return [f"{verb} {part}" for part in parts]

    def _names_only_a_guide(self, text: str) -> bool:
        try:
            guide = self._answering.guide(text)
        except UserFacingError:
            return False
        return self._answering.names_only(text, guide=guide)

    def also(self, text: str) -> str | None:
        """ "and chatgpt too", right after a record: the service named (see Commands.reply), or None."""
        if not _PLAIN_WORDS.fullmatch(text.strip()):
            return None
        also = _ALSO.fullmatch(said_plainly(text))
        return (also.group("rest") or also.group("rest2")) if also is not None else None

    def steps_trouble(self, text: str) -> bool:
        """ "didnt work", "i can't find data privacy", "there's no such option in my app": the steps did not match."""
        return _STEPS_TROUBLE.fullmatch(said_plainly(text)) is not None

    def not_now(self, text: str) -> bool:
        """Whether the member says not now, and asks for no later: they hear how to, not a snooze unasked."""
        return _PLAIN_WORDS.fullmatch(text.strip()) is not None and _NOT_NOW.fullmatch(said_plainly(text)) is not None

    def unsure_saved(self, text: str) -> bool:
        """Whether the member says they did it but is unsure it was saved: the bot cannot see, and says so."""
        return _UNSURE.fullmatch(said_plainly(text)) is not None

    def _where_and_when_cut(self, rest: str) -> tuple[str, str]:
        """What "i did it …" did it to, without when ("last year") or the device it was done on ("on my phone"), and
        that device as words `_record` reads: ("linkedin", "on my laptop"); ("", "on my phone") when that is all."""
        rest = _WHEN_DONE.sub("", rest)
        if _names_a_device_only(self._answering, rest):
            return "", f"on {rest}"  # "i did it on my phone": _DID took the "on"
        words = rest.split()
        for count in range(1, min(len(words) - 1, 3) + 1):
            if words[-count - 1] in _WHERE and _names_a_device_only(self._answering, " ".join(words[-count:])):
                return _WHEN_DONE.sub("", " ".join(words[: -count - 1])), " ".join(words[-count - 1 :])
        return rest, ""


# Short chat replies to a guide or its reminder (see Statements.short_reply): a yes to doing it, which is not yet
# done; a laugh ("lol") says no more; a no; "is that all?".
_SHORT_YES: Final = frozenset(
    {
        "yes",
        "yep",
        "yeah",
        "yup",
        "ya",
        "sure",
        "will do",
        "on it",
        "im on it",
        "doing it",
        "doing it now",
        "will do it",
    }
    | {"lol", "haha", "lmao", "sounds good", "got it"}
)
_SHORT_NO: Final = frozenset({"no", "nope", "nah", "no thanks", "no thank you", "nope not now"})
_SHORT_ALL: Final = frozenset({"is that all", "is that it"})

# A record command alone, with a please after it said_plainly leaves out.
_BARE_WORDS: Final = frozenset({"done", "later", "snooze", "skip", "undo"})


def _without_a(text: str) -> str:
    return text.removeprefix("a ").removeprefix("an ")


def _said_of_it(said: str) -> str | None:
    """`said` without the clauses that say nothing of it ("found it, done": "done"), or None when each clause left
    says it is done ("done, submitted the form"). All said nothing ("thanks!"): `said`, for the question reader."""
    kept = []
    for clause in re.split(r"\s*[,.;!]+\s*|\s+-\s+", said):
        words = _OK_FIRST.sub("", clause.strip()).split()
        while words and words[-1] in _LAUGHS:
            words.pop()
        if words and not set(words) <= _SAYS_NOTHING:
            kept.append(" ".join(words))
    if not kept:
        return said
    if len(kept) > 1 and all(_DONE_ALONE.fullmatch(_WHEN_DONE.sub("", clause)) for clause in kept):
        return None
    return ", ".join(kept)


# "did it record linkedin", "did you record that i did linkedin", "have i done linkedin?", "did you save that", "is my
# linkedin recorded", "has linkedin been recorded": what is recorded is asked, not said (see Commands.reply).
_ASKS_RECORDED: Final = re.compile(
    r"(?:did|has|have)\s+(?:it|you)\s+(?:record|save|log|register|note)(?:ed|d)?"
    r"(?:\s+(?:that|it))?(?:\s+(?:that\s+)?i\s+(?:did|done|have done|opted out of|turned off))?(?:\s+(?P<rest>.+))?"
    r"|(?:have|did)\s+i\s+(?:already\s+)?(?:done|do|finished|completed)\s+(?P<rest2>.+)"
    r"|(?:is|was|(?P<has>has|have))\s+(?:my\s+)?(?P<rest3>.+?)\s+(?(has)been\s+)(?:recorded|saved|logged|registered|noted)"
    r"(?:\s+(?:yet|already|now))?"
)


# "oops undo that", "wait no, i haven't actually done it", "actually i do, undo": the last record taken back.
_TAKEN_BACK: Final = re.compile(
    r"(?:(?:oops|oh|wait|no|nope|sorry|my bad|hmm|actually(?: i do)?)[,.!]*\s+)*"
    r"(?:undo(?:\s+(?:that|it|this|please|pls))*|i\s+(?:havent|have not|didnt|did not)\s+actually\s+(?:done|did|do)"
    r"\s+(?:it|that|this)(?:\s+yet)?)"
)
# "i clicked the wrong button", "i pressed opted out by mistake".
_WRONG_CLICK: Final = re.compile(
    r"(?:(?:oops|sorry)[,.!]*\s+)?i\s+(?:clicked|pressed|hit|tapped|chose|picked)\s+"
    r"(?:(?:the\s+)?wrong\s+(?:button|one|thing)|.+\s+by\s+(?:mistake|accident))"
)


# "i opted out of linkedin but not chatgpt": LinkedIn done, ChatGPT not.
_BUT_NOT: Final = re.compile(r"(?P<done>.+?),?\s+but\s+not\s+(?:(?:for|on|of)\s+)?(?P<other>[\w.-]+(?:\s+[\w.-]+)?)")
# What is between the guides of several: "linkedin, chatgpt and claude".
_AND: Final = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
# The typed command for several guides, as said_plainly leaves it: "done linkedin and chatgpt".
_TYPED_SEVERAL: Final = re.compile(r"(?P<verb>done|skip)\s+(?P<rest>.+)")
# "done linkedin and chatgpt, not claude": as _BUT_NOT, with a comma for the "but".
_COMMA_NOT: Final = re.compile(r"(?P<done>.+?)\s*,\s*not\s+(?P<other>.+)")
# "and chatgpt too", "same for chatgpt", "chatgpt as well": another guide, as the record just made.
_ALSO: Final = re.compile(
    r"(?:(?:and|also|plus)\s+)(?P<rest>.+?)(?:\s+(?:too|as well|also))?|same (?:for|with)\s+(?P<rest2>.+)"
)


# The steps just read did not match what the member sees (see Commands.answer).
_STEPS_TROUBLE: Final = re.compile(
    r"(?:(?:it|that|this)\s+)?(?:didnt|did not|doesnt|does not|isnt|is not)\s+work(?:ing)?"
    r"|(?:i\s+)?(?:cant|cannot|can not|couldnt|could not)\s+find\s+(?:it|that|the\s+)?[\w\s]*"
    r"|(?:theres|there is)\s+no\s+(?:such\s+)?(?:option|setting|toggle|switch|button|menu)[\w\s]*"
    r"|(?:i\s+)?(?:dont|do not)\s+see\s+(?:it|that|the\s+(?:option|setting|toggle|switch|button|menu))[\w\s]*"
)
