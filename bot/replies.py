"""The one-line replies a message gets instead of a guide, and when: a question about the bot itself, a manager's
request in words, asking for the guides or whether one must, a thanks, a password or code given."""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from typing import Final, Literal

from bot.question_words import (
    Token,
    is_filler,
    is_neutral,
    plain_text,
)
from bot.vocabulary import (
    AI_WORDS,
    AT_WORK,
    DETERMINERS,
    DEVICES,
    NOT,
    PLATFORM_WORDS,
    QUESTION_WORDS,
    SKIPPING,
    THANKS,
    word_set,
)

# What a line says in place of the help: "you're welcome", or "which service?" to a platform named alone; to a
# question about the bot itself, what it keeps and who sees it, whether it is legit, what it is ("are you an AI"), where
# forget-me is, what stops reminders.
# To a manager's request in words ("remind my team", "how many people opted out"): the manager commands that do it.
# To a password, login or one-time code typed to the bot ("my password is hunter2"): never quoted back (see
# shares_a_secret). To "can you turn it off for me": that the member switches it. To "why did i get this message": the
# privacy team's campaign. To "is this mandatory?", "what happens if i don't opt out": that their workplace says. To
# "how do i delete my account", naming no service: which service's, and where the bot's own data is deleted.
Reply = Literal[
    "thanks",
    "which_service",
    "what_is_kept",
    "is_it_legit",
    "what_it_is",
    "forget_me",
    "reminders",
    "manager_commands",
    "secret_shared",
    "does_it_for_you",
    "why_this_message",
    "ask_your_team",
    "problem_with_the_bot",
    "deleting_where",
]

# Asking for the help, unless it is the help being thanked for ("thanks for your help").
_ASKS_HELP: Final = word_set("help helping start started menu command commands options")

# A question about the bot itself, naming no service: what it keeps ("what data do you store about me?", "privacy
# policy"), who sees it ("does my manager see this?"), whether it is legit, deleting what it keeps ("delete my data"),
# its reminders ("stop reminding me"). Read only when every word is of these or filler (see about_the_bot): "who can
# see my posts" or "delete my data from ai training" are questions about services, as they were.
_THE_BOT: Final = word_set("you your yours youre u ur bot this privacybot here")
_KEEPING: Final = word_set(
    "store stores stored storing keep keeps kept keeping save saves saved collect collects collected collecting "
    "know knows knew have has hold holds track tracks tracking record records recorded log logs logged"
)
# What the member says to the bot is theirs too: "is this bot storing what I say?", "do you share what i type?".
_MY_DATA: Final = word_set(
    "me my mine data info information records details everything all stuff say said type typed write wrote tell told"
)
_SEEING: Final = word_set("see sees seen view views read reads access visible")
_WATCHERS: Final = word_set(
    "who manager managers boss bosses hr admin admins employer company anyone everyone others colleagues team people"
)
_MY_ANSWERS: Final = word_set(
    "answers answer status responses response replies progress this that it opted optout skipped done"
)
# Handing what the bot keeps to anyone ("does this bot share my data with linkedin?"): what it keeps and who sees it.
_SHARING: Final = word_set("share shares shared sharing send sends sent sell sells sold give gives pass passes")
# Named outright, the bot is what the question is about, though it names a service: "does this bot share my data
# with linkedin?" asks about the bot, "does linkedin share my data" about LinkedIn.
_THE_BOT_NAMED: Final = word_set("bot privacybot")
_DELETING: Final = word_set("delete erase remove wipe purge forget clear")
# An account the bot is named beside is what it keeps of the member ("delete my account from this bot"): forget-me.
# Without the bot named, "delete my account" is a service's account (`deleting_where`).
_AN_ACCOUNT: Final = word_set("account accounts profile")
_LEGIT: Final = word_set("legit legitimate scam phishing trustworthy trust safe genuine official real")
# A link the bot sent, clicked or not ("is it safe to click the link?"): whether the bot is legit.
_CLICKED: Final = word_set("link links click clicking url urls button")
_REMINDERS: Final = word_set(
    "remind reminding reminders reminder notifications notification nudges nudge nudging pings messages message "
    "dms dm nagging spam spamming dming messaging sending texting pinging"
)
# Messages someone else sends are not the bot's DMs: a person or a service before the word for them ("my boss
# messaging me", "stop linkedin messaging me"), or spam as what the messages are ("spam messages on my phone"). A
# service named after "about" or "for" is the guide the DMs are about ("stop messaging me about linkedin").
_SENDERS: Final = _WATCHERS | word_set("coworker coworkers someone somebody people spammers scammers recruiters")
_SPAM_KINDS: Final = word_set("spam junk")
_ABOUT_A_GUIDE: Final = word_set("about for regarding re")
# Asking what the bot is ("are you an AI", "is this automated", "am i talking to a bot"): a question to the bot about
# being a person, an AI or a machine. Not "thank you bot", nor "is this ai training".
_WHAT_IT_IS: Final = word_set("ai bot robot chatbot automated automatic human person machine")
_ASKED_IS: Final = word_set("are is am r isnt arent")
_TO_THE_BOT: Final = word_set("you u this talking chatting")
# So is asking whether it is an AI service ("are you chatgpt", "is this claude"; "is chatgpt training on my chats" is
# ChatGPT's), or uses AI or one ("is this bot using ai to read my messages", "are you powered by openai"). Using the
# member's data is what it keeps ("is this bot using my data").
_BUILT_WITH: Final = word_set("using use uses used powered built based running made")
_BUILT_BY: Final = _BUILT_WITH | word_set("by on with")
_ARTICLES: Final = word_set("a an")
_YOU: Final = word_set("you u")
_STOPPING: Final = word_set("stop stopping unsubscribe mute silence disable turn off quit opt out no more")
# "Please don't remind me again": the bot's reminders, as "stop reminding me" is.
_DO_NOT: Final = word_set("dont never")
# "Does the bot read my DMs?": only what is sent to it (im:history, app_mentions:read in the manifest).
_CONVERSATIONS: Final = word_set("messages message dms dm chats chat conversations conversation")
# Asking the bot to do it ("can you turn it off for me", "just do it for me", "could you opt me out"): the member
# switches it; the bot has no access to their accounts. Only with "for me" or "opt me": "turn it off" alone is the
# guide's.
_ACTING: Final = word_set("do turn switch opt change disable handle fix set sort")
_ON_MY_BEHALF: Final = frozenset({("for", "me"), ("for", "us"), ("opt", "me"), ("opt", "us")})
# Asking why the bot wrote ("why did i get this message", "why are you messaging me"): a campaign's reminder.
_CONTACTED: Final = word_set(
    "get got getting receive received receiving sent send sending messaged pinged dmed dmd contacted contacting wrote "
    "writing texted"
)
# "Why me?", "who sent this?", "what is this about": why the bot wrote, as "why did i get this message" asks. Only
# these forms, naming no service: "what is this setting about" is the guide's.
_WHY_ME: Final = frozenset({("why", "me"), ("why", "us"), ("why", "me", "though")})
_WHAT_THIS_IS: Final = frozenset({("this",), ("this", "about"), ("this", "for"), ("this", "regarding")})
_SENDING: Final = word_set("sent send sends sending")
_SENT_THINGS: Final = word_set("this you it these that")
# Asking who made or runs it ("who made this bot", "who runs you"): what it is and who installed it.
_MAKERS: Final = word_set(
    "made make makes built build wrote write created create developed develop runs run owns own behind maker makers "
    "author developer developers"
)
_UNSUBSCRIBING: Final = word_set("unsubscribe unsub mute")
# Something wrong with the bot itself ("report a bug", "you're broken", "this is wrong", "i have feedback"): whoever
# runs it hears of it. Only with no service named: "linkedin has a bug" is the service's.
_FAULTS: Final = word_set(
    "bug bugs buggy broken glitch glitches error errors feedback suggestion suggestions complaint complain wrong "
    "issue issues problem problems crash crashed crashes crashing typo typos"
)
# Said to someone whatever it is about: no "you" or "this" needed ("i have feedback").
_FEEDBACK: Final = word_set("bug bugs buggy feedback suggestion suggestions complaint typo typos")
# A yes-no question ("is this a problem?", "can it crash my phone?") asks about something, it reports nothing.
_ASKING_WHETHER: Final = word_set("is does do will would could should can")
_REPORTING_IT: Final = word_set(
    "report reporting found find give send file submit tell told got there theres where who steps step answer"
)
_ABOUT_THE_BOT_WORDS: Final = (
    _THE_BOT
    | _KEEPING
    | _MY_DATA
    | _SEEING
    | _WATCHERS
    | _MY_ANSWERS
    | _DELETING
    | _LEGIT
    | _REMINDERS
    | _STOPPING
    | _DO_NOT
    | _SHARING
    | _CONVERSATIONS
    | _WHAT_IT_IS
    | _ASKED_IS
    | _TO_THE_BOT
    | _BUILT_WITH
    | _ACTING
    | _CONTACTED
    | _MAKERS
    | word_set("privacy policy receive receiving getting get these those them so many too often alone leave")
    # The bot's own guide, by its service: "can my manager see that I skipped the linkedin guide?"
    | word_set("guide guides")
    | _FAULTS
    | _REPORTING_IT
    | _CLICKED
)

# What a manager asks for in words, which the manager commands do: a campaign ("start a campaign for linkedin"), its
# report (a noun after a determiner, "show me the report"; "report a fake profile" is no report, nor one the member
# files or got, "file a report with the ico", "where's the report form") or CSV; reminding a group of people or a
# channel, the group being who is reminded ("remind my team", "send everyone a reminder", "send a reminder to
# #engineering"; "remind me to tell my team" and "remind me later" are the member's own); counting or naming who did it
# here ("how many people opted out", "who hasn't done it"; "worldwide" is no workspace). Not LinkedIn's "Campaign
# Manager", its tool for ads. A service it names is the topic, after "for", "about", "of" or a determiner ("remind
# everyone about the chatgpt setting", "who did the linkedin opt out"), never who does it ("linkedin keeps reminding
# people", "who did meta sell my data to", "the report linkedin sends") nor whose thing ("my linkedin connections as a
# csv"); a CSV named beside a service is the service's. See asks_for_manager_commands.
_CAMPAIGNS: Final = word_set("campaign campaigns")
_NOT_CAMPAIGNS: Final = frozenset({("campaign", "manager"), ("campaign", "managers")})
_CSV: Final = word_set("csv")
_REPORT: Final = word_set("report reports")
_REPORT_FILED: Final = word_set("file filed filing submit submitted write wrote got received form forms bug bugs")
_REMINDING: Final = word_set("remind reminds reminding reminder reminders nudge nudges nudging ping chase")
_GROUPS: Final = word_set(
    """
    team teams everyone everybody people members staff channel channels department colleagues employees folks group
    groups reports
    """
)
_BEFORE_A_GROUP: Final = word_set("a an the my our this that these those to all whole entire of")
_CHANNEL = re.compile(r"(?<![\w&])#[a-z0-9][\w-]*|<#C", re.IGNORECASE)
_A_TOPIC_AFTER: Final = word_set("for about of regarding re a an the this that these those")
_WORLDWIDE: Final = word_set("worldwide world globally global total")
# "Tell me who hasn't done it" asks for others; "who finished it, me or not?" asks for the member's own.
_TELLING: Final = word_set("tell show give send let")
_DID_IT: Final = word_set(
    "opted optout done did answered completed finished skipped responded acted turned switched disabled"
)
# Counted as a share of this workspace's people ("what percentage of the company has turned off linkedin ai"), with a
# service named as what was done to it (after "off", "out"), no longer only after "for", "about", "of".
_SHARE_OF: Final = word_set("percentage percent proportion fraction")
_THE_WORKSPACE: Final = word_set("company companies us here workspace org organisation organization firm")
_DONE_TO: Final = word_set("off out")
# A member who says they manage asks as a manager: "I'm a manager, how do I see who's done it".
_I_AM: Final = word_set("im am as")
_MANAGERS_SAID: Final = word_set("manager managers admin admins lead owner")


# A password, login or one-time code given, not talked about: its word, then "is", "=", ":" and something that is no
# word saying what it is like ("my password is hunter2", "pw: hunter2", "2fa code is 482913"; not "my password is not
# working", "is my password safe"), or offered outright ("here's my login", "use my password"). "Pin" is Pinterest's.
_SECRET_WORD = (
    r"(?:pass\s?words?|passwd|pass\s?codes?|pw|pwd|logins?|log-ins?|credentials|creds"
    r"|(?:2fa|mfa|otp|one[- ]time|verification|security|login|sign[- ]in|auth(?:entication)?|access)\s+codes?"
    r"|otp|pin\s+(?:code|number))"
)
_GIVEN = re.compile(
    # "my password for linkedin: …", "my pw's …", "my pass is …", "linkedin pass: …".
    rf"(?:(?<![\w-]){_SECRET_WORD}|\bmy\s+pass|\bpass(?=\s*[:=]))(?:\s+(?:for|to|on)\s+\w+)?"
    r"\s*(?:[:=]|\b(?:is|was|are)\b:?|['’]s\b)\s*(?P<secret>[^\s,.;!?]+)"
    # A code with no "is" ("passcode 1234", "pin is 4321", "2fa code 123456"), a password with a digit or a sign
    # right after its word ("pw hunter2"; not "my password 2 times").
    rf"|(?<![\w-])(?:{_SECRET_WORD}|pin)\s+(?:is\s+)?(?P<code>\d{{4,8}})\b"
    r"|\b(?:pw|pwd|passwd|password)\s+(?P<word>(?=\S*[\d#@$%&*!])\S{4,})",
    re.IGNORECASE,
)
_OFFERED = re.compile(
    rf"\b(?:here\s?i?s|heres|use|try|take)\s+(?:my|the)\s+(?:\w+\s+)?{_SECRET_WORD}(?![\w-])"
    r"|\bcode\s*(?:is|[:=])\s*\d{4,8}\b",
    re.IGNORECASE,
)
# What comes after "my password is" when it is talked about, not given.
_SAID_OF_A_SECRET: Final = word_set(
    """
    not no never leaked compromised stolen hacked breached exposed wrong incorrect invalid expired weak strong safe
    secure same different correct right working broken reset changed required needed too very so the a an in on at
    my your our their it this that saved stored somewhere there still already being getting locked forgotten lost
    long short case
    """
)


def shares_a_secret(text: str) -> bool:
    """Whether `text` gives a password, a login or a one-time code ("just do it for me, my password is hunter2"),
    rather than asks about one ("my linkedin password got leaked"): then nothing of it may be quoted back."""
    plain = plain_text(text)
    if _OFFERED.search(plain):
        return True
    return any(
        found.group("secret") is None or found.group("secret").casefold().strip("'\"“”‘’") not in _SAID_OF_A_SECRET
        for found in _GIVEN.finditer(plain)
    )


def names_the_bot(tokens: Sequence[Token]) -> bool:
    return any(token.word in _THE_BOT_NAMED for token in tokens)


def about_the_bot(tokens: Sequence[Token], naming: Mapping[int, str]) -> Reply | None:
    """The line that answers a question about the bot itself (see _THE_BOT), or None for any other text. Every word
    must be of that vocabulary or filler, so that a word about something else leaves the question to the guides; a
    service named (`naming`) is whom the bot might hand data to."""
    words = {token.word for token in tokens} | {token.stem for token in tokens}
    vocabulary = _ABOUT_THE_BOT_WORDS | _AN_ACCOUNT if words & _THE_BOT_NAMED else _ABOUT_THE_BOT_WORDS
    if not tokens or not all(
        token.word in vocabulary or token.stem in vocabulary or is_filler(token)
        for position, token in enumerate(tokens)
        if position not in naming
    ):
        return None
    if words & _REMINDERS and words & (_STOPPING | _DO_NOT) and _sent_by_the_bot(tokens, naming):
        return "reminders"
    if [token.word for token in tokens] in (["unsubscribe"], ["mute"]):
        return "reminders"
    if [token.word for token in tokens] in (["stop"], ["stop", "it"], ["leave", "me", "alone"]):
        return "reminders"
    if words & _UNSUBSCRIBING:
        return "reminders"  # "unsubscribe me from this", "mute this bot"
    if words & _DELETING and words & _MY_DATA:
        return "forget_me"
    if (
        # "report a problem with my laptop" is the laptop's, "i found a bug on my phone" the phone's.
        (words & _FEEDBACK or words & _FAULTS and words & _THE_BOT)
        and not naming
        and not words & PLATFORM_WORDS
        and tokens[0].word not in _ASKING_WHETHER
    ):
        return "problem_with_the_bot"
    if asks_the_bot_to_do_it(tokens):
        return "does_it_for_you"
    if words & _LEGIT and words & (_THE_BOT | _CLICKED):
        return "is_it_legit"
    if "who" in words and words & _MAKERS and words & _THE_BOT:
        return "is_it_legit"
    if words & _SEEING and words & _WATCHERS and words & (_MY_ANSWERS | _THE_BOT):
        return "what_is_kept"
    if _the_bot_built_with(tokens) and (
        _named_only_after(tokens, naming, _BUILT_BY) if naming else bool(words & AI_WORDS)
    ):
        return "what_it_is"
    if words & _SEEING and words & _THE_BOT and words & _CONVERSATIONS:
        return "what_is_kept"
    if {"privacy", "policy"} <= words or (
        words & (_KEEPING | _SHARING | _BUILT_WITH) and words & (_THE_BOT - {"this"}) and words & _MY_DATA
    ):
        return "what_is_kept"
    if "why" in words and words & (_REMINDERS | _CONTACTED) and not naming:
        return "why_this_message"
    if not naming and _asks_why_me(tokens):
        return "why_this_message"
    if words & _ASKED_IS and words & _TO_THE_BOT and not words & THANKS:
        named = _named_only_after(tokens, naming, _YOU, skipping=_ARTICLES)
        if named if naming else bool(words & _WHAT_IT_IS):
            return "what_it_is"
    return None


# Asking for the guides ("list guides", "how many guides do you have", "which services do you cover"): the help lists
# them. Only these words and filler: "which services use my data for ai" asks about AI training.
_THE_GUIDES: Final = word_set("guide guides service services topic topics")
_LISTING: Final = _THE_GUIDES | word_set(
    "list show all available which what many cover covered covers support supported supports know offer offered have "
    "got there every your"
)


def asks_for_the_guides(tokens: Sequence[Token]) -> bool:
    """Whether the text asks which guides the bot has (see _THE_GUIDES)."""
    return any(token.word in _THE_GUIDES for token in tokens) and all(
        token.word in _LISTING or is_filler(token) for token in tokens
    )


# Asking whether one must ("is this mandatory?", "is it our company policy to opt out?", "do i have to do this?", "what
# happens if i don't opt out"): the bot cannot know what a workplace requires. Only these words, filler, privacy
# vocabulary and work's ("company", "hr"); a service named is its guide's question.
_REQUIRED: Final = word_set(
    "mandatory compulsory obligatory optional required requirement require requires mandated enforced policy rule rules"
)
_REQUIRED_AROUND: Final = _REQUIRED | AT_WORK | SKIPPING | word_set("workplace our happens happen ignore")


def asks_if_required(tokens: Sequence[Token]) -> bool:
    """Whether the text asks if the member must do what they were asked (see _REQUIRED)."""
    if not all(
        {token.word, token.stem} & _REQUIRED_AROUND or is_filler(token) or is_neutral(token) for token in tokens
    ):
        return False
    typed = [token.word for token in tokens]
    pairs = set(itertools.pairwise(typed))
    unless = bool({"happens", "happen"} & set(typed)) and bool(NOT & set(typed))
    # "Can i ignore this?": whether one must, asked the other way round.
    ignored = "ignore" in typed
    # "Privacy policy" is the bot's (see about_the_bot): a policy is the workplace's only beside a word of work.
    policy = "policy" in typed and bool(set(typed) & (AT_WORK | word_set("our workplace")))
    # "Do I have to do this?", not "i have to go".
    must = ("have", "to") in pairs and typed[0] in word_set("do does must")
    return bool(set(typed) & (_REQUIRED - {"policy"})) or policy or must or unless or ignored


# Deleting an account or data, naming no service and nothing else ("how do i delete my account", "can i delete my data
# instead", "link to delete my account?"): which service's? Not Gemini's guide, whose steps only offer "Turn off and
# delete activity". "Delete my data" alone is the bot's (see about_the_bot), asked first.
_DELETES_AN_ACCOUNT: Final = word_set("delete deleting erase remove wipe close closing")
_DELETED: Final = word_set("account accounts profile data info information everything link url instead")


def asks_to_delete(tokens: Sequence[Token]) -> bool:
    """Whether the text asks to delete an account or data and says nothing else (see _DELETES_AN_ACCOUNT); the caller
    checks that it names no service."""
    return any(token.word in _DELETES_AN_ACCOUNT for token in tokens) and all(
        token.word in _DELETES_AN_ACCOUNT | _DELETED or is_filler(token) for token in tokens
    )


def asks_for_manager_commands(tokens: Sequence[Token], text: str, naming: Mapping[int, str]) -> bool:
    """Whether the text asks in words for what the manager commands do (see _CAMPAIGNS): a campaign, its report or
    CSV; reminding a group or a channel ("remind my team", "send a reminder to #engineering"); counting or naming who
    did it here ("how many people opted out", "who hasn't done it", "what percentage of the company has turned off
    linkedin ai"), asked by no "I" ("have I done it" is the member's) but one who says they manage ("I'm a manager, how
    do I see who's done it"). A service it names is only its topic ("a campaign for linkedin"), never who does it."""
    typed = [token.word for token in tokens]
    words = {form for token in tokens for form in (token.word, token.stem)}
    if not _named_only_after(tokens, naming, _A_TOPIC_AFTER):
        # What was done to it, in a count of who did it: "has turned off linkedin ai".
        return _named_only_after(tokens, naming, _A_TOPIC_AFTER | _DONE_TO) and _counts_who_did_it(typed, words, text)
    if words & _CAMPAIGNS and not any(pair in _NOT_CAMPAIGNS for pair in itertools.pairwise(typed)):
        return True
    if words & _CSV and not naming:
        return True
    if not words & _REPORT_FILED and any(
        word in _REPORT and before in DETERMINERS for before, word in itertools.pairwise(typed)
    ):
        return True
    if words & _REMINDING and (_CHANNEL.search(text) or _reminds_a_group(typed)):
        return True
    return _counts_who_did_it(typed, words, text)


def _counts_who_did_it(typed: Sequence[str], words: set[str], text: str) -> bool:
    """Whether the text counts or names who here did it (see asks_for_manager_commands)."""
    counting = any(pair == ("how", "many") for pair in itertools.pairwise(typed)) or "who" in words
    counting = counting or _a_share_of_the_workspace(words, text)
    manages = _speaks_as_a_manager(typed)
    asked_by_me = words & {"i", "im", "ive"} or any(
        word == "me" and before not in _TELLING for before, word in itertools.pairwise(["", *typed])
    )
    # A manager sees the report: "how do I see who's done it" is no question who sees the member's answers.
    seen = words & _SEEING and not manages
    return (
        counting and bool(words & _DID_IT) and not seen and not words & _WORLDWIDE and not (asked_by_me and not manages)
    )


def _a_share_of_the_workspace(words: set[str], text: str) -> bool:
    """ "What percentage of the company", "what % of my team": a share of this workspace's people, not of a service's
    members ("what percentage of linkedin users")."""
    return bool(words & _SHARE_OF or "%" in text) and bool(words & (_GROUPS | _THE_WORKSPACE))


def _speaks_as_a_manager(typed: Sequence[str]) -> bool:
    """Whether the member says they manage ("I'm a manager", "as an admin", "i am the team lead"); "am i a manager"
    asks."""
    for position, word in enumerate(typed):
        if word not in _I_AM:
            continue
        after = position + 1
        while after < len(typed) and typed[after] in _BEFORE_A_GROUP | word_set("team"):
            after += 1
        if after < len(typed) and typed[after] in _MANAGERS_SAID:
            return True
    return False


def _reminds_a_group(typed: Sequence[str]) -> bool:
    """Whether a group is who a reminding word reminds ("remind my team", "send everyone a reminder"): beside it, past
    determiners and "to"; "remind me to tell my team" reminds the member."""
    for position, word in enumerate(typed):
        if word not in _REMINDING:
            continue
        for step in (1, -1):
            beside = position + step
            while 0 <= beside < len(typed) and typed[beside] in _BEFORE_A_GROUP:
                beside += step
            if 0 <= beside < len(typed) and typed[beside] in _GROUPS:
                return True
    return False


def _sent_by_the_bot(tokens: Sequence[Token], naming: Mapping[int, str]) -> bool:
    """Whether the messages asked about are the bot's DMs (see _SENDERS): no person or service named before the first
    word for them, and no spam as what they are."""
    first = next(position for position, token in enumerate(tokens) if {token.word, token.stem} & _REMINDERS)
    if any(position in naming or tokens[position].word in _SENDERS for position in range(first)):
        return False
    return not any(
        kind.word in _SPAM_KINDS and {message.word, message.stem} & _REMINDERS
        for kind, message in itertools.pairwise(tokens)
    )


def _the_bot_built_with(tokens: Sequence[Token]) -> bool:
    """Whether the bot is said to use or be built with something (see _BUILT_WITH): "you" or "this" before the word
    ("are you using ai", "is this bot powered by openai"); "can i use chatgpt for this" is the member's use."""
    built = next((position for position, token in enumerate(tokens) if token.word in _BUILT_WITH), None)
    return built is not None and any(token.word in _TO_THE_BOT for token in tokens[:built])


def asks_the_bot_to_do_it(tokens: Sequence[Token]) -> bool:
    """Whether the text asks the bot to switch something for the member (see _ACTING), whatever else it says: "can you
    turn off linkedin ai training for me" is the guide, which the member is told first they switch themselves."""
    return any(token.word in _ACTING for token in tokens) and any(
        pair in _ON_MY_BEHALF for pair in itertools.pairwise(token.word for token in tokens)
    )


def _asks_why_me(tokens: Sequence[Token]) -> bool:
    """ "Why me?", "who sent this?", "what is this about?" (see _WHY_ME)."""
    typed = tuple(token.word for token in tokens)
    if typed in _WHY_ME:
        return True
    if len(typed) == 3 and typed[0] == "who" and typed[1] in _SENDING and typed[2] in _SENT_THINGS:
        return True
    rest = typed[2:] if typed[1:2] == ("is",) else typed[1:]
    return typed[:1] in (("what",), ("whats",)) and rest in _WHAT_THIS_IS


def names_a_service_to_the_bot(tokens: Sequence[Token], naming: Mapping[int, str], about: Reply) -> bool:
    """Whether a question about the bot names a service as part of it: asking it to stop its DMs about the service,
    after "about" or "for" ("stop messaging me about linkedin"; "stop linkedin messaging me" is LinkedIn's), or
    whether it is or uses that service ("are you chatgpt", "are you powered by openai": see _BUILT_WITH)."""
    if about == "reminders":
        return _named_only_after(tokens, naming, _ABOUT_A_GUIDE, skipping=DETERMINERS)
    return about == "what_it_is"


def _named_only_after(
    tokens: Sequence[Token],
    naming: Mapping[int, str],
    words: frozenset[str],
    *,
    skipping: frozenset[str] = frozenset(),
) -> bool:
    """Whether each service named (`naming`) comes right after one of `words`, past any of `skipping`."""
    for position in naming:
        if position - 1 in naming:
            continue
        before = position - 1
        while before >= 0 and tokens[before].word in skipping:
            before -= 1
        if before < 0 or tokens[before].word not in words:
            return False
    return True


def seen_at_work(tokens: Sequence[Token], about: Reply) -> bool:
    """Whether a question about who sees what the member answered names someone at work ("can my manager see that I
    skipped the linkedin guide?"): the bot shows managers that, whatever service it names. "Who can see that i opted
    out of linkedin" may ask about LinkedIn."""
    return about == "what_is_kept" and any({token.word, token.stem} & AT_WORK for token in tokens)


def chat_reply(tokens: Sequence[Token], *, thanked: bool) -> Reply | None:
    """The line that answers a message of greetings, thanks and filler, or None for the help."""
    asks = any(
        token.word in _ASKS_HELP and not (position and tokens[position - 1].word in DETERMINERS | {"for"})
        for position, token in enumerate(tokens)
    )
    if asks:
        return None
    if any(token.word in DEVICES for token in tokens):
        return "which_service"
    if thanked and not any(token.word in QUESTION_WORDS for token in tokens):
        return "thanks"
    return None
