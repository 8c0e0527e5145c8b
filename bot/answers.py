"""Question -> (guide, platform, confidence), or what else it is. Pure: text and a catalog in, an Answer out.

How a question is read:
1. Slack markup, emoji codes, accents, possessives and dotted abbreviations ("A.I.") are stripped,
   then the text is split into lower-case words. In a question with one of a few common German, French, Spanish,
   Italian, Dutch, Portuguese, Polish or Swedish words of the training switch ("KI", "IA", "désactiver",
   "entrenamiento", "Daten", "uitzetten", "trening", "mensajes privados"), those words are
   read as the English they translate, the filler of those languages is dropped, and "Handy" is a phone
   (_TRANSLATIONS); so are a few words of whether it applies ("Gilt das auch in der Schweiz", "geen account",
   "Konto"). Chat slang ("lol", "smh", "ngl") is filler. "Back up" is read as "backup".
2. Service names are found exactly (name, `service_aliases`), or as typos with difflib or as one vowel
   wrong ("gemeni"); names of services we have no guide for (OTHER_SERVICES) are found too, and are what the
   question is about unless a named service's guide names them itself ("reddit selling our posts to google"). So is
   a service on no list, told from where its name stands in a privacy question ("how do I stop hinge using my photos
   for AI", "bumble ai opt out"): see bot.unnamed_services. AI training asked about with no service named, or at one
   we have no guide for, offers every guide with a switch against it (_training_guides), not the first three. A
   service is told back by the name the member used where its guide's title uses it too ("Instagram", not "Meta").
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
   note on it answers; asked how to stop it, the setting no guide covers (_HANDS_OVER).
   "Undo" beside something the member does ("slack undo send", "undo a post") is the service's undo button, the
   member's own doing, not undoing past training.
4. Words that are neither filler, privacy vocabulary, platform words nor topic words are
   "unexplained": the question is about something we have no guide for. If one of them is a
   privacy word ("delete", "download", "track") the member asked a privacy question we cannot
   answer yet (`unknown_service`), unless it is their own doing ("record a meeting on Zoom"); otherwise it
   is not a guide question at all ("write me a LinkedIn post", "my Zoom keeps crashing"): only the named service's
   own guides are offered, and with no word about privacy, AI or data the answer says (`off_topic`) that we only
   help with that service's privacy settings. Stopping what a named service sends ("how do I stop LinkedIn emails",
   "unsubscribe from its newsletter", "stop LinkedIn messages"), with no word about AI, training or data, is such a
   privacy question too, though "email" is privacy vocabulary and "messages" a training guide's word.
   "Keeps" before a verb in -ing is "still", not keeping data.
   A country of the EU, the EEA or the UK, or its adjective ("germany", "french users"), in a privacy question a
   guide's words answer says where the member is, as the region's name does ("eu"); elsewhere it is unexplained.
   So do what the member uploaded ("can slack train on my uploaded files") and their other things: whose data.
   So does the service telling the member ("LinkedIn sent me an email about AI"): where they heard of what they ask.
   So does which of their accounts it is ("copilot training on my school account", "my business profile").
   Asking whether the switch applies ("my wordpress site is self hosted, do i need this setting") is a privacy question.
   People reading or reviewing the member's things ("is a human reading my gemini chats") is human review, a privacy
   topic, where a named guide's words are about reviewing (_PEOPLE).
   A device's model after its name ("iphone 15 pro", "galaxy s24 ultra") is filler, as the device is; so is a plan
   after a service's name ("chatgpt plus"), and how easy ("a handy way"), in a privacy question.
   Words about the switch itself are privacy vocabulary, each beside what makes it so: its state beside a word for
   the switch ("the linkedin toggle is greyed out", not "the open to work toggle"), syncing beside a device, who the
   member is in a question whether it applies ("i'm a contractor, does the linkedin thing apply to me"), who at work
   asked them to do it ("my manager asked me to do the linkedin thing"), these two with a word of the setting or of
   privacy ("do interns need linkedin" is not); so a service named with nothing else is its primary guide, as its
   name alone is.
   Asking for a guide's switch (turning it off, opting out, objecting, where its setting is) beside a word of the
   guide's topic is that guide, and the other words tell how the member came to ask ("i made my x account in july, how
   do i turn off grok training", "claude training off, i mostly use the browser", "it's not working"), unless one is a
   privacy word or names another thing right after the topic's word ("turn off linkedin ai job alerts"): _TURNS_OFF.
   Reading about it ("i read about it in chrome's news") is how they heard of it, not a service reading their data.
   So is the named service's setting asked for as one thing ("which page is the grok setting on, i can't find the
   label"), unless what it is for follows ("the zoom setting for my camera"): _SETTING_ASKED.
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
   Asking it to do it ("can you turn it off for me", "opt me out"), why it wrote ("why did i get this message"), who
   made it, to unsubscribe ("unsubscribe me from this") are answered in a line too; so is whether one must ("is this
   mandatory?", "is it our company policy to opt out?", "what happens if i don't opt out"), naming no service: the
   workplace says, not the bot. Asking for the guides ("list guides", "how many guides do you have") is the help.
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

import difflib
import functools
import html
import itertools
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Final, Literal, NamedTuple

from bot.guides import Catalog, Guide, Platform
from bot.unnamed_services import unnamed_service

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
# What a line says in place of the help: "you're welcome", or "which service?" to a platform named alone; to a
# question about the bot itself, what it keeps and who sees it, whether it is legit, what it is ("are you an AI"), where
# forget-me is, what stops reminders.
# To a manager's request in words ("remind my team", "how many people opted out"): the manager commands that do it.
# To a password, login or one-time code typed to the bot ("my password is hunter2"): never quoted back (see
# shares_a_secret). To "can you turn it off for me": that the member switches it. To "why did i get this message": the
# privacy team's campaign. To "is this mandatory?", "what happens if i don't opt out": that their workplace says.
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
]


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
    # on, such as deleting a LinkedIn account): the service's display name (as the member named it: see _called).
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

_EXACT: Final = 1.0
_SHORT_ALIAS: Final = 0.9  # "LI" is an abbreviation people use, but also a syllable and a surname
_TYPO: Final = 0.85
_TYPO_RATIO: Final = 0.85  # "linkdin" 0.93, "linkin" 0.86; "linking" 0.80 stays out
_TYPO_MIN_LENGTH: Final = 5

# Real words that sit within typo distance of a service name: never read them as the service.
_NOT_TYPOS: Final = frozenset({"linked", "linking", "linkage", "linker", "liked", "lined", "linen", "inked"})

# A topic word typed with a slip ("trainign", "genrative", "dowload") is read as the word: a word of six letters
# or more, with the same first letter, one edit away from a single topic word (two from ten letters on:
# "inteligense"); two neighbouring letters swapped count as one. Shorter words are too often other words
# ("trian", "modle", "ia"), and so are some longer ones (_NOT_TOPIC_TYPOS).
_TOPIC_TYPO_MIN_LENGTH: Final = 6
# Shorter words of turning a switch off are slipped too ("how to opt otu of linkedin ai"): only two neighbouring letters
# swapped, the first kept, reads as one of these. Not "opt": "otp" is a one-time password.
_SWAPPED_SHORT: Final = frozenset({"out", "off", "stop", "turn"})
_TOPIC_TYPO_TWO_EDITS: Final = 10

_DESKTOP: Final = frozenset(
    {"desktop", "laptop", "computer", "pc", "mac", "macbook", "imac", "windows", "linux", "chromebook"}
    | {"browser", "website", "web", "webpage", "site"}
)
_IOS: Final = frozenset({"iphone", "ipad", "ios", "ipados"})
_ANDROID: Final = frozenset({"android", "pixel", "samsung", "galaxy", "oneplus"})
# Not "apps": "Gemini Apps Activity" is a setting's name, not the member's phone.
_MOBILE: Final = frozenset({"app", "phone", "mobile", "cell", "cellphone", "smartphone", "tablet"})
_PLATFORM_WORDS: Final = _DESKTOP | _IOS | _ANDROID | _MOBILE | {"apps"}
_SLIPPED_PHONES: Final = ("iphone", "android")  # see _slipped_phone
# What follows the name of a phone, tablet or Mac is its model ("iphone 15 pro max", "galaxy s24 ultra", "macbook air"):
# part of the device, no word of the question. See _device_models.
_HARDWARE: Final = _IOS | _ANDROID | frozenset({"mac", "macbook", "imac", "chromebook"})
_MODELS: Final = frozenset({"pro", "max", "mini", "plus", "air", "ultra", "se", "fold", "flip", "lite"})
# The plan right after a service's name ("chatgpt plus", "grammarly premium") says which account, as a device's model
# says which phone: in a privacy question, no word of its own. Alone it is a question about the plan.
_PLANS: Final = frozenset({"free", "plus", "pro", "premium", "max"})
# How easy a way is ("a handy way to opt out"): in a privacy question, no topic of its own; "is linkedin easy to use"
# asks about something else.
_EASE: Final = frozenset({"handy", "easy", "easier", "easiest", "simple", "simplest"})
# A browser named alone is a computer's ("linkedin ai settings in chrome"); beside a phone, tablet or app ("safari on my
# iphone") the phone says which steps. Not "edge", which is an everyday word too.
_BROWSERS: Final = frozenset({"chrome", "firefox", "safari"})
# "on linkedin.com" is the website; a pasted link ("https://…") says nothing about the member's device.
_DOMAIN = re.compile(r"(?<![/\w.@-])(?:www\.)?[a-z0-9-]+\.(?:com|org|net|ai|io|co)\b", re.IGNORECASE)


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Dates a question may name, to find a guide's policy dates: "nov 3 2025", "3rd November", "2025-11-03".
_MONTHS: Final = {
    name: number
    for number, names in enumerate(
        (
            "jan january",
            "feb february",
            "mar march",
            "apr april",
            "may",
            "jun june",
            "jul july",
            "aug august",
            "sep sept september",
            "oct october",
            "nov november",
            "dec december",
        ),
        start=1,
    )
    for name in names.split()
}
# A deadline asked about, and what is asked of it: "did i miss the claude deadline", "anthropic deadline to choose",
# "is it too late to object to meta". Only beside a named service whose guides list dates: see _deadline_asked.
_DEADLINES: Final = _word_set("deadline deadlines late cutoff")
_MEETING_A_DEADLINE: Final = _word_set(
    """
    miss missed missing pass passed late choose chose choosing choice decide decided deciding decision over gone
    extend extended
    """
)
# How long something takes is what a guide says ("the full archive within 24 hours", "wait for Slack's reply"): in a
# question asking how long or how soon ("how long does the linkedin export take", "how long till the archive
# arrives"), the words for taking time or arriving ask nothing more. See _duration_asked.
_HOW_LONG: Final = _word_set("long soon quickly quick fast")
_TAKES_TIME: Final = _word_set("take takes took taking till arrive arrives arrived arriving")
# How long something stays usable ("how long is the download link good for"): what a guide says, as taking time is.
_LASTS: Final = _word_set("good")
# The service answering the member ("how long until slack replies to my opt-out email"): arriving, as an archive does.
_ANSWERS_BACK: Final = _word_set("reply replies replied respond responds responded")
_DAY = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?")
_YEAR = re.compile(r"(?:19|20)\d\d")


# Everyday words one slip away from a topic word ("context" from "content", "waiting" from "writing"): read
# as typed. Forms of a known word ("turning", "removed") need no place here: see _a_form_of.
_NOT_TOPIC_TYPOS: Final = _word_set(
    """
    cloning commend commends contend contends contest contests context contexts conservation conversion conversions
    deplete depleted depletion delegating delegation exploiting expert experts generation generations intelligent
    leaning listed massage massages melting present presents produce produces regain regains remain remains remote
    remotes retail retails retrain retrains scared scaring scored scoring sealing shaded shading shaking shaped
    shaping shaved shaving smelling spared sparing spelling stitch string strings swatch swelling tracing trailed
    trailing trainee trainees tubing toning trucker trucking waiting
    """
)


# Greetings, thanks and asking for help: a message made only of these (and filler) wants the help.
_HELP_WORDS: Final = _word_set(
    """
    hi hello hey hiya heya yo howdy greetings morning afternoon evening good day
    thanks thank thx ty cheers appreciated appreciate great awesome cool nice perfect
    help helping start started menu command commands options
    """
)

# Filler: dropped before phrases are compared, so "get a copy of my data" matches "copy of your data".
_STOPWORDS: Final = _word_set(
    """
    a an the i me my mine myself we us our you your yours he she it its they them their this that these those
    is am are was were be been being do does did doing done have has had having
    can could would should will shall may might must able
    and or but if then so than too very just also only even still already now today again once asap
    of in on at to for from by with about into onto over under via through across up as
    what whats which who whom whose when where why how hows there here
    not no yes dont doesnt didnt cant cannot wont isnt arent havent hasnt yet im ive id ill youre thats
    please pls plz thanks thank thx cheers obrigado obrigada valeu hi hello hey hiya yo ok okay bot folks team everyone
    anyone
    lol lmao haha hahaha omg smh ngl tbh idk imo imho btw fyi bruh ur
    tell know want need like get got getting let lets make sure quick quickly question any anything long many much
    some something all every each one other thing stuff really actually maybe someone everybody guys regarding re
    tomorrow later soon week work home office after before since until during day month year time hour minute
    everything send chrome firefox safari edge
    purpose purposes both two vs versus everywhere told ask asked asking service services
    hear heard say says said saying talk talks talking talked apparently
    https http www com org eg ie etc mypreferences
    """
)

# The regions the guides name (`applies_to`, `dates.regions`): privacy vocabulary, no more about one guide than another.
_REGIONS: Final = _word_set(
    """
    uk eu eea europe european britain switzerland swiss canada hong kong hk region country usa america american
    """
)
# A question names the member's country as often as the region ("can I object to meta in ireland"): the countries
# of the EU, the EEA and the UK, and their adjectives. Only in a privacy question a guide's words answer do they say
# where the member is ("meta ai opt out germany", "for german users"), as the member's things say whose data (see
# _MEMBERS_THINGS): elsewhere they are as unexplained as ever, for "german" is a language too ("change linkedin to
# german") and "does chatgpt work in germany" asks about something else. "Polish" is not here: it is a verb first.
_COUNTRIES: Final = _word_set(
    """
    austria belgium bulgaria croatia cyprus czechia denmark estonia finland france germany greece hungary ireland
    italy latvia lithuania luxembourg malta netherlands holland portugal romania slovakia slovenia spain sweden
    iceland liechtenstein norway poland england scotland wales
    austrian belgian bulgarian croatian cypriot czech danish dutch estonian finnish french german greek hungarian
    irish italian latvian lithuanian luxembourgish maltese portuguese romanian slovak slovakian slovenian spanish
    swedish icelandic norwegian british scottish welsh
    """
)
# Living in a region or country, beside its name ("i live in spain", "as an eu resident"), says the same.
_RESIDENCE: Final = _word_set("live lives living based resident residents citizen citizens located")
# A region's name in two words: "united kingdom" is "uk", as "back up" is "backup".
_REGION_COMPOUNDS: Final[Mapping[tuple[str, str], str]] = {
    ("united", "kingdom"): "uk",
    ("great", "britain"): "britain",
    ("czech", "republic"): "czechia",
    ("united", "states"): "usa",
}

# The switch itself, in words no guide has. What a member sees who cannot turn it off ("the linkedin toggle is greyed
# out", "the setting is missing"), beside a word for the switch: "the linkedin app is missing from my phone" is not.
# Its reach across their devices ("does the setting sync across my devices"), beside a word for a device. Who they
# are ("i'm a contractor"), in a question whether it applies to them. Who at work asked them to do it ("my manager
# asked me to do the linkedin thing"): where they heard of it. Who they are and who asked count only beside a word of
# the setting or of privacy ("the linkedin thing", "opt out"): "do interns need linkedin" and "my company wants me on
# linkedin" are about LinkedIn itself. A switch named for something else ("the open to work toggle", a word before it
# that is no name, determiner nor word of privacy) is not the one the guides turn off. See _about_the_switch.
_SWITCHES: Final = _word_set("toggle switch setting option button slider checkbox")
_SWITCH_STATES: Final = _word_set(
    "greyed grayed grey gray locked stuck missing hidden gone unavailable unclickable frozen"
)
_SYNCING: Final = _word_set("sync syncs synced syncing")
_DEVICE_WORDS: Final = _word_set("device devices")
_APPLYING: Final = _word_set("apply applies applicable affect affects concern concerns relevant need needs required")
_ROLES: Final = _word_set(
    """
    contractor contractors freelancer freelancers consultant consultants employee employees intern interns student
    students staff temp temps worker workers vendor vendors external externals guest guests
    """
)
_AT_WORK: Final = _word_set(
    "manager managers boss bosses hr admin admins employer company team lead colleague colleagues coworker coworkers"
)
_ASKED_TO: Final = _word_set("asked ask asks told tells said says wants wanted requested reminded")
_THE_SETTING_MEANT: Final = _SWITCHES | _word_set("thing things this it")
_TO: Final = _word_set("to")  # before a word of _SWITCHES, it is the verb: "do i need to switch anything"
_OF_THE_SWITCH: Final = _SWITCH_STATES | _SYNCING | _ROLES | _AT_WORK | _ASKED_TO

# Words of the privacy vocabulary: they make a question neither more nor less about one guide,
# but they do not mean it is about something else either.
_NEUTRAL: Final = _REGIONS | _word_set(
    """
    opt optout opted opting out off turn turned switch switched toggle disable disabled stop stopped prevent block
    use using used feed feeding fed data information info personal account setting privacy preference option control
    manage
    change changed changing update updated new news policy term agreement notice default consent permission allow
    allowed gdpr
    help guide step instruction way page link url direct reminder remind user feature email mail
    deadline deadlines cutoff date apply affect concern matter needed required important
    happen happened happening cover covered
    valid expire expires expired expiry expiration last lasts permanent permanently forever
    start starts started starting begin begins began beginning
    improve improved improving improvement automatic automatically device different differ same
    open find see check go where look
    """
)

# Unexplained words that still make it a privacy question (one we have no guide for), unlike
# "write me a LinkedIn post": the member deserves "I have no guide for that yet", not a shrug.
_PRIVACY_TOPICS: Final = _word_set(
    """
    delete deleting deleted deletion remove removing erase wipe close closing
    download downloading export exporting archive copy backup takeout
    history track tracking tracker cookie sell selling sold advertiser advertising ad ads targeting
    share sharing shared location read reading scan scanning listen listening record recording spy
    train training trained ai model private keep keeping kept store stored storing retain retention
    llm generative machine artificial intelligence scrape scraping scraped crawl crawler crawling gptbot
    license licensing licensed object objection activity temporary incognito
    """
)

_QUESTION_WORDS: Final = _word_set("how where what why can could should would is are do does")

# A message made only of these (and filler, and greetings) thanks the bot: a line answers it, not the help.
_THANKS: Final = _word_set(
    """
    thanks thank thx ty tysm cheers appreciated appreciate great awesome cool nice perfect ok okay alright
    excellent brilliant wonderful lovely super amazing kudos merci danke gracias obrigado obrigada valeu
    """
)
# Only beside a thanks: "thank you so much", "thanks a lot", "thanks, that was helpful".
_THANKS_MORE: Final = _word_set("much lot lots loads ton tons bunch million helpful muito")
# Asking for the help, unless it is the help being thanked for ("thanks for your help").
_ASKS_HELP: Final = _word_set("help helping start started menu command commands options")
_DEVICES: Final = _DESKTOP | _IOS | _ANDROID | _MOBILE

# A question about the bot itself, naming no service: what it keeps ("what data do you store about me?", "privacy
# policy"), who sees it ("does my manager see this?"), whether it is legit, deleting what it keeps ("delete my data"),
# its reminders ("stop reminding me"). Read only when every word is of these or filler (see _about_the_bot): "who can
# see my posts" or "delete my data from ai training" are questions about services, as they were.
_THE_BOT: Final = _word_set("you your yours youre u ur bot this privacybot here")
_KEEPING: Final = _word_set(
    "store stores stored storing keep keeps kept keeping save saves saved collect collects collected collecting "
    "know knows knew have has hold holds track tracks tracking record records recorded log logs logged"
)
# What the member says to the bot is theirs too: "is this bot storing what I say?", "do you share what i type?".
_MY_DATA: Final = _word_set(
    "me my mine data info information records details everything all stuff say said type typed write wrote tell told"
)
_SEEING: Final = _word_set("see sees seen view views read reads access visible")
_WATCHERS: Final = _word_set(
    "who manager managers boss bosses hr admin admins employer company anyone everyone others colleagues team people"
)
_MY_ANSWERS: Final = _word_set(
    "answers answer status responses response replies progress this that it opted optout skipped done"
)
# Handing what the bot keeps to anyone ("does this bot share my data with linkedin?"): what it keeps and who sees it.
_SHARING: Final = _word_set("share shares shared sharing send sends sent sell sells sold give gives pass passes")
# Named outright, the bot is what the question is about, though it names a service: "does this bot share my data
# with linkedin?" asks about the bot, "does linkedin share my data" about LinkedIn.
_THE_BOT_NAMED: Final = _word_set("bot privacybot")
_DELETING: Final = _word_set("delete erase remove wipe purge forget clear")
_LEGIT: Final = _word_set("legit legitimate scam phishing trustworthy trust safe genuine official real")
_REMINDERS: Final = _word_set(
    "remind reminding reminders reminder notifications notification nudges nudge nudging pings messages message "
    "dms dm nagging spam spamming dming messaging sending texting pinging"
)
# Messages someone else sends are not the bot's DMs: a person or a service before the word for them ("my boss
# messaging me", "stop linkedin messaging me"), or spam as what the messages are ("spam messages on my phone"). A
# service named after "about" or "for" is the guide the DMs are about ("stop messaging me about linkedin").
_SENDERS: Final = _WATCHERS | _word_set("coworker coworkers someone somebody people spammers scammers recruiters")
_SPAM_KINDS: Final = _word_set("spam junk")
_ABOUT_A_GUIDE: Final = _word_set("about for regarding re")
# Asking what the bot is ("are you an AI", "is this automated", "am i talking to a bot"): a question to the bot about
# being a person, an AI or a machine. Not "thank you bot", nor "is this ai training".
_WHAT_IT_IS: Final = _word_set("ai bot robot chatbot automated automatic human person machine")
_ASKED_IS: Final = _word_set("are is am r isnt arent")
_TO_THE_BOT: Final = _word_set("you u this talking chatting")
# So is asking whether it is an AI service ("are you chatgpt", "is this claude"; "is chatgpt training on my chats" is
# ChatGPT's), or uses AI or one ("is this bot using ai to read my messages", "are you powered by openai"). Using the
# member's data is what it keeps ("is this bot using my data").
_BUILT_WITH: Final = _word_set("using use uses used powered built based running made")
_BUILT_BY: Final = _BUILT_WITH | _word_set("by on with")
_ARTICLES: Final = _word_set("a an")
_YOU: Final = _word_set("you u")
_STOPPING: Final = _word_set("stop stopping unsubscribe mute silence disable turn off quit opt out no more")
# "Please don't remind me again": the bot's reminders, as "stop reminding me" is.
_DO_NOT: Final = _word_set("dont never")
# "Does the bot read my DMs?": only what is sent to it (im:history, app_mentions:read in the manifest).
_CONVERSATIONS: Final = _word_set("messages message dms dm chats chat conversations conversation")
# Asking the bot to do it ("can you turn it off for me", "just do it for me", "could you opt me out"): the member
# switches it; the bot has no access to their accounts. Only with "for me" or "opt me": "turn it off" alone is the
# guide's.
_ACTING: Final = _word_set("do turn switch opt change disable handle fix set sort")
_ON_MY_BEHALF: Final = frozenset({("for", "me"), ("for", "us"), ("opt", "me"), ("opt", "us")})
# Asking why the bot wrote ("why did i get this message", "why are you messaging me"): a campaign's reminder.
_CONTACTED: Final = _word_set(
    "get got getting receive received receiving sent send sending messaged pinged dmed dmd contacted contacting wrote "
    "writing texted"
)
# Asking who made or runs it ("who made this bot", "who runs you"): what it is and who installed it.
_MAKERS: Final = _word_set(
    "made make makes built build wrote write created create developed develop runs run owns own behind maker makers "
    "author developer developers"
)
_UNSUBSCRIBING: Final = _word_set("unsubscribe unsub mute")
# Something wrong with the bot itself ("report a bug", "you're broken", "this is wrong", "i have feedback"): whoever
# runs it hears of it. Only with no service named: "linkedin has a bug" is the service's.
_FAULTS: Final = _word_set(
    "bug bugs buggy broken glitch glitches error errors feedback suggestion suggestions complaint complain wrong "
    "issue issues problem problems crash crashed crashes crashing typo typos"
)
# Said to someone whatever it is about: no "you" or "this" needed ("i have feedback").
_FEEDBACK: Final = _word_set("bug bugs buggy feedback suggestion suggestions complaint typo typos")
# A yes-no question ("is this a problem?", "can it crash my phone?") asks about something, it reports nothing.
_ASKING_WHETHER: Final = _word_set("is does do will would could should can")
_REPORTING_IT: Final = _word_set(
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
    | _word_set("privacy policy receive receiving getting get these those them so many too often alone leave")
    # The bot's own guide, by its service: "can my manager see that I skipped the linkedin guide?"
    | _word_set("guide guides")
    | _FAULTS
    | _REPORTING_IT
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
# csv"); a CSV named beside a service is the service's. See _asks_for_manager_commands.
_CAMPAIGNS: Final = _word_set("campaign campaigns")
_NOT_CAMPAIGNS: Final = frozenset({("campaign", "manager"), ("campaign", "managers")})
_CSV: Final = _word_set("csv")
_REPORT: Final = _word_set("report reports")
_REPORT_FILED: Final = _word_set("file filed filing submit submitted write wrote got received form forms bug bugs")
_REMINDING: Final = _word_set("remind reminds reminding reminder reminders nudge nudges nudging ping chase")
_GROUPS: Final = _word_set(
    """
    team teams everyone everybody people members staff channel channels department colleagues employees folks group
    groups reports
    """
)
_BEFORE_A_GROUP: Final = _word_set("a an the my our this that these those to all whole entire of")
_CHANNEL = re.compile(r"(?<![\w&])#[a-z0-9][\w-]*|<#C", re.IGNORECASE)
_A_TOPIC_AFTER: Final = _word_set("for about of regarding re a an the this that these those")
_WORLDWIDE: Final = _word_set("worldwide world globally global total")
# "Tell me who hasn't done it" asks for others; "who finished it, me or not?" asks for the member's own.
_TELLING: Final = _word_set("tell show give send let")
_DID_IT: Final = _word_set(
    "opted optout done did answered completed finished skipped responded acted turned switched disabled"
)
# Counted as a share of this workspace's people ("what percentage of the company has turned off linkedin ai"), with a
# service named as what was done to it (after "off", "out"), no longer only after "for", "about", "of".
_SHARE_OF: Final = _word_set("percentage percent proportion fraction")
_THE_WORKSPACE: Final = _word_set("company companies us here workspace org organisation organization firm")
_DONE_TO: Final = _word_set("off out")
# A member who says they manage asks as a manager: "I'm a manager, how do I see who's done it".
_I_AM: Final = _word_set("im am as")
_MANAGERS_SAID: Final = _word_set("manager managers admin admins lead owner")

# What makes a question one about privacy, AI or data: a privacy topic, or one of these words of the privacy
# vocabulary. Without one, topic words only say what the member made or does ("post a video on instagram"),
# which every service's members do all day: they offer a guide but never answer with it.
_ABOUT_PRIVACY: Final = _PRIVACY_TOPICS | _word_set(
    """
    opt optout opted opting off disable disabled stop stopped prevent block
    use using used data information info personal privacy consent permission gdpr third covered cover covers covering
    """
)

# What members do on these services all day. Before the service's name the member does it ("share a post on
# linkedin", "how do I share my linkedin post"): a how-to request, even with no question word, and no sign of
# a privacy question. After it, the service does it to them ("does linkedin share my posts"): a privacy one.
# Only as typed: "posts", "my post", "a share" are things the member has, not something they ask how to do.
# Any other privacy topic word is the member's doing too when what it acts on is something they made rather
# than their data ("copy a post on linkedin", "read a message on slack", but "copy my linkedin data"): see
# _is_member_doing. The opt-out vocabulary ("stop", "opt", "block") never is: it is what a privacy question asks.
# Saving is one of them: "save my linkedin posts" is also LinkedIn's bookmark, so it is offered the download guide
# (keeping a copy is what that guide does for the member's data), not answered with it; see _SAVES.
_MEMBER_DOING: Final = _word_set("share sharing post posting save saving send sending")
# "Undo" in the guides is undoing past training ("does opting out undo it"); beside something the member does ("slack
# undo send", "undo a post on linkedin") it is the service's undo button: the member's doing, as sending is.
_UNDO: Final = _word_set("undo undoing")
_UNDONE_ACTIONS: Final = _word_set("sent posted shared saved edit edited")
_DETERMINERS: Final = _word_set("a an the my our your their his her this that these those")
# Between a word and what it acts on, these change neither: "download all my posts" is "download my posts".
_QUANTIFIERS: Final = _word_set("all every each both")
# Taking a copy of what the member made is getting their data: "download my posts from linkedin" asks what the
# download guide does, while "download a video from linkedin" and "copy my post" are using the service (copying
# a post is copy and paste). Only these words, and only with the member's own things.
_FETCHES: Final = _word_set("download downloading export exporting backup archive takeout")
_OWN: Final = _word_set("my our")
# What is saved says nothing about which guide: in "save my linkedin posts" the posts are what is kept, no sign of
# the guide about training AI on posts. Saving itself is keeping a copy: a word of the download guide, in every
# form ("my saved posts" is LinkedIn's bookmark too). Saving done by the service to what the member made ("does
# linkedin save my posts") is the service keeping their data: see _saved_by_the_service.
_SAVES: Final = _word_set("save saves saved saving")
_SAVE: Final = "save"
# Two words read as one: "back up my linkedin" asks what "backup my linkedin" asks.
# "Artificial intelligence" is "AI" in either order: the Romance languages put the adjective last ("intelligenza
# artificiale", "inteligencia artificial"), and a guide's phrase is matched in its own order only.
_AI_COMPOUNDS: Final[Mapping[tuple[str, str], str]] = {
    ("artificial", "intelligence"): "ai",
    ("intelligence", "artificial"): "ai",
}
_COMPOUNDS: Final[Mapping[tuple[str, str], str]] = {("back", "up"): "backup", **_REGION_COMPOUNDS, **_AI_COMPOUNDS}
# Whose a thing is, when it is not the member's: a privacy word done to someone else's post ("copy someone's post",
# "a copy of other people's posts") is about using the service, wherever it stands, never the member's own data.
_SOMEONE_ELSES: Final = _word_set(
    """
    someone somebody someones else other others another people peoples person persons
    colleague colleagues coworker coworkers friend friends his her their
    """
)
_BEFORE_A_THING: Final = _DETERMINERS | _SOMEONE_ELSES | _QUANTIFIERS | {"of"}
# What a member has on a service. In a question about privacy, AI or data that a guide's words answer, they say
# whose data is meant ("linkedin ai using my photos"), not that the question is about something else; in any other
# question ("change my profile photo on linkedin", "how do i upload a file to slack") they are as unexplained as ever.
# What the member gave the service to work on is theirs too: "can slack train on my uploaded files".
_MEMBERS_THINGS: Final = _word_set(
    """
    profile resume cv photo picture pic image video comment article connection contact network reaction
    skill endorsement recommendation experience
    file doc document pdf spreadsheet attachment screenshot upload uploaded attached message dm dms
    type typed typing
    """
)
# What a service's AI is called by those who use it ("its AI writing assistant", "linkedin's ai tools"): beside a word
# for AI that a guide explains, the AI the guide is about, as "features" is. "Writing" before one names it, and is no
# request to write something (_MAKES).
_AI_FEATURES: Final = _word_set("assistant assistants tool tools feature features")
# Keeping what the member gives the service's AI ("does linkedin keep what i type into its ai"), in a question with a
# word for AI a guide explains: what such a guide says is kept ("What you type into LinkedIn's AI features is kept
# until you delete it") when its text says so. Keeping the member's posts, with no word for AI, is no guide's.
_KEEPS: Final = _word_set(
    "keep keeps kept keeping store stores stored storing retain retains retained retaining retention"
)
_KEPT_SAID = re.compile(r"\b(?:kept|keeps?|stored|stores?|retain(?:s|ed)?|retention)\b", re.IGNORECASE)
# How long a guide says something is kept: "for 5 years", "the 30-day retention", "up to 3 years".
_HOW_LONG_SAID = re.compile(r"\b\d+[ -](?:hours?|days?|weeks?|months?|years?)\b", re.IGNORECASE)
# What opting out costs ("will i lose access to linkedin's ai features if i opt out"): what a guide says the switch
# leaves (LinkedIn's AI features stay usable). Only beside an opt-out word: "i lost access to my account" is not.
_LOSES: Final = _word_set("lose loses losing lost access")
# Privacy topics that have settings of their own, which no guide's switch covers: named beside a guide's topic
# words, they say the question is about them ("does linkedin share my data with microsoft for ads" is LinkedIn's
# advertising data sharing, a separate setting), so it gets "no guide for that yet", never the training guide.
_OTHER_SETTINGS: Final = _word_set(
    """
    ad ads advert advertising advertiser targeting targeted track tracking tracker cookie location sell selling sold
    """
)
# Data handed to another company: LinkedIn shares data with Microsoft for ads in some regions, a setting of its own
# (../shared/facts/linkedin.md), so "stop linkedin sharing my data with microsoft" is a privacy topic no guide covers,
# like "… for ads". Not when the question says AI or training, or names what the UK sharing with Microsoft for its
# AI training takes (posts, comments, articles, videos, content): the training switch turns that off.
_HANDED_TO: Final = _word_set("microsoft affiliate affiliates")
_HANDS_OVER: Final = _word_set(
    """
    share shares sharing shared give gives giving gave given send sends sending sent pass passes passing passed
    transfer transfers transferring transferred provide provides providing provided disclose discloses disclosing
    """
)
_SHARED_FOR_TRAINING: Final = _word_set("post comment article video content")
# Nor when the member says they are in the UK, where that sharing for Microsoft's AI training is ("im in the uk does
# linkedin share my stuff with microsoft"), or asks whether the switch covers or stops it ("does this cover linkedin
# sharing my data with microsoft", "does opting out stop …"): the guide says which sharing it turns off and that the
# advertising sharing is a setting of its own. "Stop linkedin sharing my data with microsoft" asks neither.
# Nor when the member asks whether LinkedIn hands their data over at all ("does linkedin share my data with microsoft"):
# the guide's note says it does in the UK, for Microsoft's AI training, and that the advertising sharing is a setting
# of its own. Asking how to stop it ("how do i stop linkedin sharing …") asks for that other setting.
_ASKS_WHETHER: Final = _word_set("does do did is are was will would has can could")
_STOPS_IT: Final = _word_set("stop stopping prevent block blocking")
_THE_UK: Final = _word_set("uk britain british england english scotland scottish wales welsh")
_COVERS: Final = _word_set("cover covers covered covering include includes included including")
# What a service sends the member: stopping it ("how do i stop linkedin emails", "unsubscribe from linkedin's
# newsletter", "stop linkedin messages") is a setting of its own that no guide covers, though "messages" is what a
# training guide's switch is about and "email" is privacy vocabulary ("what email address do i use for the meta form").
# Only with no word about AI, training or data: "stop linkedin using my messages for ai" is the training guide's.
_SENT_TO_MEMBERS: Final = _word_set(
    """
    email emails emailed emailing mail mails mailing message messages messaging messaged inmail inmails
    notification notifications notify notified notifying newsletter newsletters alert alerts digest digests
    spam spamming
    """
)
_STOPS_SENDING: Final = _word_set(
    "stop stopping unsubscribe unsubscribing mute muting block blocking disable off fewer"
)
# Told something by the service ("linkedin sent me an email about ai", "meta emailed me about using my data"): the
# member says where they heard of it, and the question is what it told them of, in a privacy question a guide's words
# answer. Only with the member told ("sent me", "emailed us"): "linkedin sent my data to microsoft" is handing it over.
_TELLS: Final = _word_set(
    """
    sent send sends emailed emails messaged notified notifies informed informs told tells wrote writes contacted
    warned texted alerted
    """
)
_TOLD: Final = _word_set("me us everyone everybody users members")
# Asking how to make something ("how do i use linkedin ai to write a post") is using the service's features, not
# a question about its privacy settings: a guide is offered, never given, unless its setting is named outright.
# Not the past ("posts i wrote"), which says what the member made: their data.
_MAKES: Final = _word_set("write writing create creating draft drafting compose composing rewrite rewriting")
# Words that all say "AI": where a guide explains one, it explains the others ("gen ai opt out chatgpt" is ChatGPT's
# training guide, though its guide never says "generative").
_AI_WORDS: Final = _word_set("ai generative artificial intelligence llm")
# A setting name or alias made only of these ("ai training", "generative ai") names what every training guide is
# about: with no service named it points at the guides, but does not choose one ("how do I opt out of genai training").
_GENERIC_AI: Final = _AI_WORDS | _word_set("gen train training trained model machine learning")
# "Does opting out delete my data?" is what a guide's `not_undone` answers (switching off stops future use; it
# takes back nothing): a deletion word after one of these, in a question, is explained by every guide that has one.
_OPTS_OUT: Final = _word_set(
    "opt opting opted optout turn turning turned switch switching switched disable disabling disabled object objecting"
)
_DELETES: Final = _word_set(
    "delete deletes deleted deleting deletion remove removes removed removing erase erases erased wipe wipes wiped"
)
# Personal details taken out of what a service trains on ("does linkedin remove personal info from training data",
# "… redact my data before training"): how it trains, which a training guide says (LinkedIn's strips or masks them),
# not deleting the member's data ("delete my linkedin data"), which no guide does. Only before a word for training.
_TAKES_OUT: Final = _DELETES | _word_set(
    """
    redact redacts redacted redacting mask masks masked masking strip strips stripped stripping scrub scrubs scrubbed
    scrubbing filter filters filtered filtering anonymise anonymises anonymised anonymising anonymize anonymizes
    anonymized anonymizing deidentify deidentified pseudonymise pseudonymised pseudonymize pseudonymized
    """
)
_TRAINING: Final = _word_set("train trains trained training dataset datasets")
# Asking a guide's switch: turning it off, opting out or objecting, or its setting named (a word of _SWITCHES that
# names no other switch). Beside a word of a guide's topic, that is the guide's subject, and the question's other words
# tell how the member came to ask ("i made my x account in july", "i mostly use the browser", "it's not working"): no
# topic of their own, unless one is a privacy word or another setting's ("… for ads"). See _asks_the_switch.
# Which of the member's accounts ("on my school account", "my business profile", "my old account"): the words between
# "my" and the account say whose data, as "my" does, in a privacy question a guide's words answer.
_WHICH_ACCOUNT: Final = _word_set("account accounts profile profiles plan plans")
_THE_MEMBERS: Final = _word_set("my our")
_WHICH_ACCOUNT_WORDS: Final = 2  # "my school account", "my old work account"; longer is a phrase of its own

# People reading or reviewing the member's things ("is a human reading my gemini chats", "does a person review …") is
# human review, a privacy topic: where a named guide's words are about reviewing (Gemini's note on human reviewers),
# both words are that guide's. See _read_by_people.
_PEOPLE: Final = _word_set("human humans person people someone somebody staff employee employees reviewer reviewers")
_LOOKING_AT: Final = _word_set(
    "read reads reading review reviews reviewed reviewing reviewer reviewers look looks looking see sees seeing"
)

# Reading about something ("i read about it in the news", "i was reading about claude training") is how the member
# heard of it, their own doing: not a service reading their data ("does meta ai read my chats").
_READING: Final = _word_set("read reads reading")
_ABOUT_IT: Final = _word_set("about of")
_TURNS_OFF: Final = _OPTS_OUT | _STOPS_IT | _word_set("off stopped blocked objection objections")
# The named service's setting as one thing ("the grok setting", "the claude toggle"), asked for by turning it off or
# looking for it, is its guide's: the service's name alone is. Not "the linkedin dark mode setting" (another switch),
# nor "the linkedin settings page won't load" (nothing asked of it), nor "the zoom setting for my camera" (what it is
# for said after it: a topic word there is the guide's, see _TURNS_OFF).
_LOOKS_FOR: Final = _word_set("where which find found")
_SAYS_WHAT_FOR: Final = _word_set("for to that which of about")
_SETTING_ASKED: Final = _TURNS_OFF | _LOOKS_FOR

# Services people ask about that have no guide yet: spelling -> display name. A team that adds a guide
# for one (GUIDES_DIR) should remove it here only if it also names it in `service` or `service_aliases`;
# a guide's own names always win over this list.
OTHER_SERVICES: Final[Mapping[str, str]] = {
    "whatsapp": "WhatsApp",
    "messenger": "Messenger",
    "threads": "Threads",
    "tiktok": "TikTok",
    "snapchat": "Snapchat",
    "youtube": "YouTube",
    "google": "Google",
    "gmail": "Gmail",
    "google photos": "Google Photos",
    "google drive": "Google Drive",
    "google docs": "Google Docs",
    "amazon": "Amazon",
    "alexa": "Alexa",
    "apple": "Apple",
    "siri": "Siri",
    "icloud": "iCloud",
    "spotify": "Spotify",
    "netflix": "Netflix",
    "dropbox": "Dropbox",
    "notion": "Notion",
    "discord": "Discord",
    "telegram": "Telegram",
    "github": "GitHub",
    "gitlab": "GitLab",
    "figma": "Figma",
    "canva": "Canva",
    "duolingo": "Duolingo",
    "strava": "Strava",
    "tinder": "Tinder",
    "bumble": "Bumble",
    "uber": "Uber",
    "airbnb": "Airbnb",
    "outlook": "Outlook",
    "microsoft teams": "Microsoft Teams",
    "ms teams": "Microsoft Teams",
    "bing": "Bing",
    "yahoo": "Yahoo",
    "deepl": "DeepL",
    "perplexity": "Perplexity",
    "mistral": "Mistral",
    "le chat": "Mistral Le Chat",
    "midjourney": "Midjourney",
    "deepseek": "DeepSeek",
    "character ai": "Character.AI",
    "jira": "Jira",
    "confluence": "Confluence",
    "atlassian": "Atlassian",
    "trello": "Trello",
    "asana": "Asana",
    "salesforce": "Salesforce",
    "hubspot": "HubSpot",
    "shopify": "Shopify",
    "etsy": "Etsy",
    "ebay": "eBay",
    "paypal": "PayPal",
    "venmo": "Venmo",
    "xing": "XING",
    "glassdoor": "Glassdoor",
    "indeed": "Indeed",
    "flickr": "Flickr",
    "vimeo": "Vimeo",
    "twitch": "Twitch",
    "bluesky": "Bluesky",
    "mastodon": "Mastodon",
    "wattpad": "Wattpad",
    "deviantart": "DeviantArt",
    "otter": "Otter.ai",
    "fireflies": "Fireflies.ai",
    "loom": "Loom",
    "webex": "Webex",
    "miro": "Miro",
    "evernote": "Evernote",
}

# Expanded before matching so that data files only need one spelling.
_EXPANSIONS: Final = {
    "genai": ("generative", "ai"),
    "gen": ("generative",),
    "ml": ("machine", "learning"),
}

# Common German, French, Spanish, Italian, Dutch, Portuguese, Polish and Swedish words of a question about the training
# switch, read as the English words they translate (the answer stays in English), after accents are dropped
# ("désactiver" is "desactiver", "wyłączyć" is "wylaczyc"). Only
# these: other words of those languages are as unknown as ever, so a question in them still matches nothing. Not
# "usa" (Spanish "uses"): it is the country.
_TRANSLATIONS: Final[Mapping[str, tuple[str, ...]]] = {
    **dict.fromkeys(("ki", "ia"), ("ai",)),
    **dict.fromkeys(("kunstliche", "kunstlichen", "kunstlicher", "artificielle", "artificiale"), ("artificial",)),
    **dict.fromkeys(("kunstmatige", "sztuczna", "sztucznej", "sztuczne", "artificiell"), ("artificial",)),
    **dict.fromkeys(("intelligenz", "inteligencia", "intelligenza", "intelligentie"), ("intelligence",)),
    **dict.fromkeys(("inteligencja", "inteligencji", "intelligens", "intelligensen"), ("intelligence",)),
    # Preventing is stopping: "impedire a linkedin di usare …", "evitar que …", "verhindern, dass …".
    **dict.fromkeys(("impedire", "impedisca", "impedir", "impida", "evitar", "evito", "evite"), ("prevent",)),
    **dict.fromkeys(
        ("empecher", "empeche", "verhindern", "verhindere", "verhindert", "voorkomen", "voorkom"), ("prevent",)
    ),
    **dict.fromkeys(("entrainement", "trainieren", "trainiert", "entrenamiento", "addestramento"), ("training",)),
    **dict.fromkeys(("entrainer", "entraine", "entrainent", "entrenar", "entrena", "addestrare"), ("train",)),
    **dict.fromkeys(("modell", "modelle", "modele", "modeles", "modelo", "modelos", "modello", "modelli"), ("model",)),
    **dict.fromkeys(("deaktivieren", "deaktiviere", "deaktiviert", "deaktivierung"), ("disable",)),
    **dict.fromkeys(("desactiver", "desactive", "desactivez", "desactivee", "desactivation"), ("disable",)),
    **dict.fromkeys(("desactivar", "desactivo", "desactiva", "disattivare", "disattiva", "disattivo"), ("disable",)),
    **dict.fromkeys(("ausschalten", "ausgeschaltet", "abschalten", "abgeschaltet"), ("turn", "off")),
    **dict.fromkeys(("stoppen", "stopt", "stoppt"), ("stop",)),
    **dict.fromkeys(("nutzen", "nutzt", "verwenden", "verwendet", "utilise", "utiliser", "utilisent"), ("use",)),
    **dict.fromkeys(("usar", "usan", "utiliza", "utilizan", "usare", "usano", "utilizzare"), ("use",)),
    **dict.fromkeys(("daten", "donnees", "datos", "dati", "gegevens", "dados", "danych"), ("data",)),
    # Dutch, Portuguese, Polish and Swedish, the same few words.
    **dict.fromkeys(
        ("uitzetten", "uitschakelen", "desativar", "desative", "desativo", "desativa", "desligar", "desligo", "desliga")
        + ("wylaczyc", "wylacz"),
        ("disable",),
    ),
    **dict.fromkeys(
        (
            "treinamento",
            "treino",
            "trening",
            "treningu",
            "trenowanie",
            "trenowania",
            "trenowaniu",
            "traning",
            "traningen",
        ),
        ("training",),
    ),
    **dict.fromkeys(("modeli",), ("model",)),
    **dict.fromkeys(("treinar", "trenowac"), ("train",)),
    **dict.fromkeys(("gebruiken", "gebruikt", "usam", "uzywac", "uzywa", "anvander", "anvanda"), ("use",)),
    **dict.fromkeys(("instellingen", "instelling", "configuracoes", "definicoes", "ustawienia"), ("setting",)),
    **dict.fromkeys(("opcja", "opcje", "opcji"), ("setting",)),
    **dict.fromkeys(("datenschutz", "confidentialite", "privacidad"), ("privacy",)),
    # Private messages, which members ask about most ("¿LinkedIn usa mis mensajes privados …?"). Not the French
    # "messages": it is the English word already.
    **dict.fromkeys(("mensaje", "mensajes", "mensagem", "mensagens", "nachricht", "nachrichten"), ("message",)),
    **dict.fromkeys(("messaggio", "messaggi", "wiadomosc", "wiadomosci", "meddelande", "meddelanden"), ("message",)),
    **dict.fromkeys(("privado", "privados", "privada", "privadas", "privaten", "privater", "privati"), ("private",)),
    **dict.fromkeys(("privato", "privata", "prive", "prives", "privee", "privees", "prywatne"), ("private",)),
    **dict.fromkeys(("einstellung", "einstellungen", "parametre", "parametres"), ("setting",)),
    **dict.fromkeys(("configuracion", "ajustes", "impostazioni", "impostazione"), ("setting",)),
    **dict.fromkeys(("herunterladen", "telecharger", "descargar", "scaricare"), ("download",)),
    # Whether it applies, where and to whom: "Gilt das auch in der Schweiz für LinkedIn?", "Ik heb geen
    # LinkedIn-account", "no tengo cuenta de linkedin".
    **dict.fromkeys(("gilt", "gelten", "geldt", "aplica", "applique"), ("apply",)),
    **dict.fromkeys(("schweiz", "suisse", "svizzera", "suiza", "zwitserland"), ("switzerland",)),
    **dict.fromkeys(("kanada",), ("canada",)),
    **dict.fromkeys(("konto", "cuenta", "compte", "conta"), ("account",)),
    **dict.fromkeys(("geen",), ("no",)),
    # The member's device: words no English question uses.
    **dict.fromkeys(("telefono", "movil", "celular", "cellulare", "telemovel"), ("phone",)),
    **dict.fromkeys(("ordinateur", "ordenador", "computadora", "computador"), ("computer",)),
}
# Read only in a question with a word of _TRANSLATIONS: "mon" may be Monday, "die" and "comment" are English words,
# and "handy" is German for a mobile phone but English for useful ("a handy way to opt out").
_FOREIGN_POSSESSIVES: Final = dict.fromkeys(
    ("mein", "meine", "meinen", "meiner", "meinem", "mon", "ma", "mes", "mi", "mis", "mio", "mia", "miei", "mie"), "my"
)
_FOREIGN_DEVICES: Final[Mapping[str, tuple[str, ...]]] = {"handy": ("phone",)}
_FOREIGN_FILLER: Final = _word_set(
    """
    wie wo was ich du er sie es wir ihr mich mir sich das die der den dem des ein eine einen einem bei von mit auf
    fur zu zum zur im und oder nicht kein keine ist sind kann darf soll mochte bitte auch dass habe muss etwas tun
    comment ou je tu il elle nous vous on ce cette de du la le les l d un une sur pour dans par avec et ne pas
    est sont peux peut puis faire que qui quoi se sa son ses svp dois quelque chose
    como el los las del en para por con y puedo quiero al por favor tengo hacer algo
    come il lo gli della per che posso voglio su faccio fare di dei
    hoe zet ik uit het een van op mijn mij niet voor met bij dat heb moet iets doen kan te
    o os as no na do da dos das nos nas ao um uma meu minha meus minhas em eu e pra pro pelo pela faco faz fazer
    posso quero consigo ajuda nao
    jak w z moje moich mojego moja sie czy chce
    hur jag av pa min mina att
    """
)

# [^<>]: Slack escapes a typed "<", so markup never holds one; and a "<#" left open is given up at the next
# "<" instead of at the end of the text, from every "<" again (quadratic).
_SLACK_SPECIAL = re.compile(r"<[@#!][^<>]*>")  # user, channel, @here / user-group mentions
_SLACK_LABELLED_LINK = re.compile(r"<[^<>|]+\|([^<>]*)>")
_SLACK_LINK = re.compile(r"<([^<>]+)>")
_EMOJI = re.compile(r":[a-z0-9_+'-]+:", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s\b", re.IGNORECASE)
_APOSTROPHE = re.compile(r"['’]")
# "Keeps crashing", "kept asking": before a verb in -ing "keep" is "still", not a service keeping data.
_KEEP: Final = _word_set("keep keeps kept keeping")
# French elision: "l'IA" is "l IA", not the word "lia" ("don't" and "can't" have a letter before theirs).
_ELISION = re.compile(r"(?<![a-z])([cdjlmnst]|qu)['’](?=[a-z])", re.IGNORECASE)
_DOTTED = re.compile(r"(?<![a-z0-9.])[a-z](?:\.[a-z])+\.?(?![a-z0-9])", re.IGNORECASE)
_WORD = re.compile(r"[a-z0-9]+", re.IGNORECASE)


@dataclass(frozen=True)
class _Token:
    word: str  # lower case
    stem: str
    original: str  # as typed, for telling the abbreviation "LI" from the name "Li"
    verb: bool = False  # a form in -ed or -ing read as its topic word ("posted" as "post"): see _form_of


# Plurals in "-ies" whose singular does not end in "-y": "cookies" is "cookie", not "cooky". "series" and
# "species" are their own singular; the plain rule leaves them as it always did.
_NOT_Y_PLURALS: Final = _word_set(
    """
    cookies movies selfies zombies rookies hoodies goodies newbies freebies calories brownies genies
    series species
    """
)


def _stem(word: str) -> str:
    # Only plurals: enough for "posts"/"post", "settings"/"setting", and predictable. Guides and the word
    # lists spell topics in the singular ("activity", "third party", "policy"), so "-ies" after a consonant
    # is "-y"; in short words ("ties", "lies") it is the plural of "-ie" and falls to the plain rule.
    if len(word) > 4 and word.endswith("ies") and word[-4] not in "aeiou" and word not in _NOT_Y_PLURALS:
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _plain(text: str) -> str:
    """The text without Slack markup, emoji codes and HTML escapes, as the member meant it."""
    text = _SLACK_SPECIAL.sub(" ", text)
    text = _SLACK_LABELLED_LINK.sub(r" \1 ", text)
    text = _SLACK_LINK.sub(r" \1 ", text)
    text = html.unescape(text)  # Slack escapes &, < and > in what people type
    return _EMOJI.sub(" ", text)


def _unaccented(text: str) -> str:
    """The text with accents dropped ("désactiver" is "desactiver"), so that a word is one word to _WORD."""
    if text.isascii():
        return text
    text = text.replace("ß", "ss").replace("ł", "l").replace("Ł", "L")
    return "".join(char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char))


def _tokens(text: str) -> list[_Token]:
    text = _unaccented(_plain(text))
    text = _POSSESSIVE.sub("", text)
    text = _ELISION.sub(r"\1 ", text)
    text = _APOSTROPHE.sub("", text)
    text = _DOTTED.sub(lambda match: match.group(0).replace(".", ""), text)
    originals = _WORD.findall(text)
    foreign = any(original.lower() in _TRANSLATIONS for original in originals)
    tokens: list[_Token] = []
    for original in originals:
        word = original.lower()
        if foreign:
            if word in _FOREIGN_FILLER:
                continue
            word = _FOREIGN_POSSESSIVES.get(word, word)
        parts = (
            _EXPANSIONS.get(word)
            or _TRANSLATIONS.get(word)
            or (foreign and _FOREIGN_DEVICES.get(word))
            or _slipped_phone(word)
            or (word,)
        )
        for part in parts:
            if tokens and (joined := _COMPOUNDS.get((tokens[-1].word, part))):
                tokens[-1] = _Token(joined, _stem(joined), tokens[-1].original)
                continue
            tokens.append(_Token(part, _stem(part), original))
    for position, (token, following) in enumerate(itertools.pairwise(tokens)):
        verb = len(following.word) > 4 and following.word.endswith("ing") and not following.word.endswith("thing")
        if token.word in _KEEP and verb:
            tokens[position] = _Token("still", "still", token.original)
    return tokens


def _slipped_phone(word: str) -> tuple[str] | None:
    """A phone's system typed with a slip ("ipone", "androd", "andriod") as its name: one letter off, the first kept.
    Left alone otherwise, it was a word no guide explains, and the question was read as not about privacy."""
    if len(word) < 5 or word in _PLATFORM_WORDS:
        return None
    return next(((phone,) for phone in _SLIPPED_PHONES if word[0] == phone[0] and _edits(word, phone) == 1), None)


def _device_models(tokens: Sequence[_Token]) -> set[int]:
    """Where the words naming a device's model are: numbers and model words right after the device ("iphone 15 pro")."""
    models: set[int] = set()
    after_device = False
    for position, token in enumerate(tokens):
        if token.word in _HARDWARE:
            after_device = True
        elif after_device and (token.word in _MODELS or any(char.isdigit() for char in token.word)):
            models.add(position)
        else:
            after_device = False
    return models


def _words(text: str) -> tuple[str, ...]:
    return tuple(token.word for token in _tokens(text))


def _is_filler(token: _Token) -> bool:
    # A device in the plural is filler too ("sites", "phones"), as in the singular.
    return bool({token.word, token.stem} & _STOPWORDS) or token.word in _PLATFORM_WORDS or token.stem in _DEVICES


def _is_neutral(token: _Token) -> bool:
    return token.word in _NEUTRAL or token.stem in _NEUTRAL or token.word.isdigit() or len(token.word) == 1


def _is_privacy(token: _Token) -> bool:
    return token.word in _PRIVACY_TOPICS or token.stem in _PRIVACY_TOPICS


def _is_about_privacy(token: _Token) -> bool:
    return token.word in _ABOUT_PRIVACY or token.stem in _ABOUT_PRIVACY


def _is_member_doing(tokens: Sequence[_Token], position: int, naming: Mapping[int, str]) -> bool:
    """Whether the word at `position`, before the service's name, is something the member does on the service."""
    if position and tokens[position - 1].word in _DETERMINERS:
        return False  # "a share", "a copy": a thing the member has, not something they ask how to do
    token = tokens[position]
    if token.word in _MEMBER_DOING:
        return True
    if not _is_privacy(token):
        return False
    # Something made ("a post", "my videos", "a zoom meeting"), not the member's data, their account or the
    # service itself ("my linkedin data", "the zoom app"); and not a copy of their own things ("download my posts").
    made = _thing_made(tokens, position + 1, naming)
    return made is not None and not (token.word in _FETCHES and made.own)


class _Made(NamedTuple):
    position: int
    someone_else: bool  # "someone's post", "other people's posts"
    own: bool  # "my posts", "all our videos"


def _thing_made(tokens: Sequence[_Token], start: int, naming: Mapping[int, str]) -> _Made | None:
    """Where the thing made that the words from `start` name is ("of my posts", "someone's post"), and whose it
    is; None when they name data, an account, the service, or nothing."""
    whose: set[str] = set()
    for position in range(start, len(tokens)):
        token = tokens[position]
        # The service's name before the thing only says where it is ("a zoom meeting", "my linkedin posts").
        if token.word in _BEFORE_A_THING or position in naming:
            whose.add(token.word)
            continue
        if _is_filler(token) or _is_neutral(token) or _is_about_privacy(token):
            return None
        someone_else = bool(whose & _SOMEONE_ELSES)
        return _Made(position, someone_else, own=bool(whose & _OWN) and not someone_else)
    return None


def detect_platform(text: str) -> Platform | None:
    """The platform a question names: an OS wins over "app"/"phone"; desktop and mobile together are unclear; a
    browser is a computer's unless a phone is named (_BROWSERS)."""
    words = set(_words(text))
    desktop = bool(words & _DESKTOP) or bool(_DOMAIN.search(_plain(text)))
    ios = bool(words & _IOS)
    android = bool(words & _ANDROID)
    mobile = bool(words & _MOBILE)
    desktop = desktop or bool(words & _BROWSERS and not (ios or android or mobile))
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
class _Topic:
    guide: Guide
    service_key: str
    strong: tuple[tuple[str, ...], ...]
    # The strong phrases that are more than words for AI training (_GENERIC_AI): only these name one service's guide.
    specific: tuple[tuple[str, ...], ...]
    weak: tuple[tuple[str, ...], ...]
    # Phrases made only of privacy vocabulary: every question has some ("stop linkedin using my data for ads"),
    # so they point at no topic and only say which of a service's guides a bare mention is nearer to.
    hints: tuple[tuple[str, ...], ...]
    # The hints that are the guide's own setting or alias ("data controls"): with no service named, a member
    # who types one is echoing this guide's menu, whereas generic keywords ("stop", "data") fit every guide.
    names: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class _Index:
    services: tuple[_Service, ...]  # services with guides first, so their names win
    topics: tuple[_Topic, ...]
    primaries: frozenset[str]  # guide ids that a bare service name means
    topic_words: frozenset[str]  # what a slip of the keyboard may have meant: see _TOPIC_TYPO_MIN_LENGTH
    known: frozenset[str]  # words read as typed, never as a slip
    # Every topic word, of any length: what a form ("posted", "objecting") is read as. See _form_of.
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
def _index(catalog: Catalog) -> _Index:
    # A Catalog never changes, so its index can be cached by identity.
    names: dict[str, set[tuple[str, ...]]] = {}
    shown: dict[str, str] = {}
    called: dict[str, dict[tuple[str, ...], str]] = {}
    for guide in catalog:
        key = guide.service.casefold()
        shown.setdefault(key, guide.service)
        forms = names.setdefault(key, set())
        for spelling in (guide.service, *guide.service_aliases):
            words = _words(spelling)
            if words:
                forms.add(words)
                forms.add(("".join(words),))
                if (title := _called(words, guide)) is not None:
                    called.setdefault(key, {}).update({words: title, ("".join(words),): title})
    taken = {form for forms in names.values() for form in forms}
    for spelling, name in OTHER_SERVICES.items():
        words = _words(spelling)
        if words and words not in taken:
            names.setdefault(f"other:{name}", set()).add(words)
            shown.setdefault(f"other:{name}", name)
    services = tuple(
        _Service(
            key=key,
            name=shown[key],
            exact=tuple(sorted(forms, key=len, reverse=True)),
            fuzzy=tuple(sorted(form[0] for form in forms if len(form) == 1 and len(form[0]) >= _TYPO_MIN_LENGTH)),
            called=called.get(key, {}),
        )
        for key, forms in names.items()
    )
    service_forms = {form for service in services if service.has_guide for form in service.exact}
    topics = tuple(
        _Topic(
            guide=guide,
            service_key=guide.service.casefold(),
            strong=(strong := _phrases((guide.setting, *guide.aliases), service_forms, neutral=False)),
            specific=tuple(phrase for phrase in strong if not set(phrase) <= _GENERIC_AI),
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
    topic_words = listed | _PRIVACY_TOPICS
    service_words = {word for service in services for form in service.exact for word in form}
    known = (
        topic_words
        | service_words
        | _STOPWORDS
        | _HELP_WORDS
        | _NEUTRAL
        | _COUNTRIES
        | _RESIDENCE
        | _OF_THE_SWITCH
        | _ABOUT_PRIVACY
        | _PLATFORM_WORDS
        | _MEMBER_DOING
        | _QUESTION_WORDS
        | _NOT_TYPOS
        | _NOT_TOPIC_TYPOS
    )
    targets = frozenset(word for word in topic_words if len(word) >= _TOPIC_TYPO_MIN_LENGTH)
    # Not the privacy vocabulary: "linkedin blocked my account" is no question about blocking AI training.
    bases = frozenset(topic_words - _NEUTRAL - _STOPWORDS)
    as_typed = frozenset(listed | _NEUTRAL | _STOPWORDS)
    named_by: dict[str, set[str]] = {}
    for guide in catalog:
        texts = (guide.id, guide.title, guide.setting, *guide.aliases, guide.service, *guide.service_aliases)
        spelled = {form for text in texts for token in _tokens(text) for form in (token.word, token.stem)}
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
    return _Index(
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


def _training_guides(topics: Sequence[_Topic]) -> tuple[tuple[str, ...], frozenset[str]]:
    """The guides a member asking about AI training with no service named picks from, and those of them about
    generative AI. Every opt-out guide that a setting or alias made of words for AI training names ("ai training"):
    not a how-to (the download) nor a service with nothing to turn off. Those about generative AI (their words say
    "generative") come first: the chat assistants and social networks members ask about; then the rest in catalog
    order; last a switch only workspace owners can use (Slack's), which a member can only ask for."""
    switches = [
        topic
        for topic in topics
        if topic.guide.kind == "opt-out" and any(set(phrase) <= _GENERIC_AI for phrase in topic.strong)
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
    found = re.search(pattern, _unaccented(guide.title), re.IGNORECASE)
    return found.group(0) if found else None


def _phrases(
    texts: Sequence[str], service_forms: set[tuple[str, ...]], *, neutral: bool
) -> tuple[tuple[str, ...], ...]:
    """The texts as stems without filler: only those made wholly of neutral words, or only those with a content word."""
    phrases: list[tuple[str, ...]] = []
    for text in texts:
        tokens = _tokens(text)
        words = tuple(token.word for token in tokens)
        # An alias that spells out the service ("linkedin-ai") is for typed commands: the service
        # is recognised separately, so it adds nothing here.
        if any(words[start : start + len(form)] == form for form in service_forms for start in range(len(words))):
            continue
        kept = [token for token in tokens if not _is_filler(token)]
        if not kept or all(_is_neutral(token) for token in kept) != neutral:
            continue
        phrase = tuple(token.stem for token in kept)
        if phrase not in phrases:
            phrases.append(phrase)
    return tuple(phrases)


def _typo_of(word: str, spellings: Sequence[str]) -> str | None:
    """The spelling `word` is a slip of, if any."""
    if len(word) < _TYPO_MIN_LENGTH or word in _NOT_TYPOS:
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
        len(word) >= _TYPO_MIN_LENGTH + 1
        and consonants == [char for char in spelling if char not in _VOWELS]
        and _edits(word, spelling) == 1
    )


def one_slip(typed: str, word: str, *, keep_first: bool = False) -> bool:
    """`typed` is `word` with one letter wrong, missing or extra, or two neighbours swapped ("hepl"); not `word`
    itself. `keep_first`: and its first letter kept, as a mistyped command's is ("skp", not "alter" for "later")."""
    if typed == word or not typed or (keep_first and typed[0] != word[0]):
        return False
    return _edits(typed, word) == 1


def _edits(typed: str, word: str) -> int:
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


def _a_form_of(word: str, known: frozenset[str]) -> bool:
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
_NOT_FORMS: Final = _word_set(
    "pasted pasting called calling lined lining fined fining partied storied boarded boarding"
)


def _swapped_short(word: str) -> str | None:
    """The word of _SWAPPED_SHORT that `word` is with two neighbouring letters swapped, its first letter kept."""
    return next(
        (
            short
            for short in _SWAPPED_SHORT
            if len(word) == len(short)
            and word[0] == short[0]
            and sorted(word) == sorted(short)
            and _edits(word, short) == 1
        ),
        None,
    )


def _form_of(word: str, bases: frozenset[str]) -> str | None:
    """The topic word a form in -ed or -ing is of ("posted" of "post", "shared" of "share", "chatted" of "chat",
    "copied" of "copy", "objecting" of "object"), as the guides list "trained" beside "train": what the member did
    is what a guide is about. What someone is doing is only when it is a privacy word ("objecting", "sharing"), not
    what members do on the service all day ("chatting with gemini about work", "commenting on a post")."""
    ending = next((ending for ending in ("ed", "ing") if word.endswith(ending)), None)
    if ending is None or len(word) < len(ending) + 3 or word in _NOT_FORMS:
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
    pool = bases if ending == "ed" else bases & _PRIVACY_TOPICS
    return next((candidate for candidate in candidates if candidate in pool), None)


def _corrected(token: _Token, index: _Index) -> _Token:
    """The token as the topic word it is a form of ("posted" is "post": see _form_of) or a slip of ("trainign" is
    "training"), or as typed: a word we know, a short one, or one as near to two topic words, is left alone. A form
    keeps its word ("objected" is still an opt-out word); it is read as its topic word's stem."""
    typed = {token.word, token.stem}
    if not typed & index.as_typed and (base := _form_of(token.word, index.bases)) is not None:
        return _Token(token.word, _stem(base), token.original, verb=True)
    if typed & index.known:
        return token
    if (swapped := _swapped_short(token.word)) is not None:
        return _Token(swapped, swapped, token.original)
    if len(token.word) < _TOPIC_TYPO_MIN_LENGTH or _a_form_of(token.word, index.known):
        return token
    limit = 2 if len(token.word) >= _TOPIC_TYPO_TWO_EDITS else 1
    nearest: dict[int, set[str]] = {}
    for word in index.topic_words:
        spellings = [spelling for spelling in typed if abs(len(spelling) - len(word)) <= limit]
        if word[0] != token.word[0] or not spellings:
            continue
        edits = min(_edits(spelling, word) for spelling in spellings)
        if edits <= limit:
            nearest.setdefault(edits, set()).add(word)
    if not nearest:
        return token
    meant = nearest[min(nearest)]
    if len(meant) != 1:
        return token
    (word,) = meant
    return _Token(word, _stem(word), token.original)


def _find_services(tokens: Sequence[_Token], index: _Index) -> tuple[dict[str, float], dict[int, str], dict[str, str]]:
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
    called = {key: names.pop() if len(names) == 1 else _service_name(key, index) for key, names in calls.items()}
    return found, used, called


def _match_service(
    tokens: Sequence[_Token], position: int, service: _Service
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
            return _EXACT, 1, form
        if len(form) > 1 and tuple(item.word for item in window) == form:
            # "open ai" is OpenAI, but "open AI settings" is a verb: a split name starting with an everyday
            # word counts a little less, so a service named outright wins.
            everyday = form[0] in _NEUTRAL or form[0] in _STOPWORDS
            return (_SHORT_ALIAS if everyday else _EXACT), len(form), form
    if service.has_guide and (meant := _typo_of(token.word, service.fuzzy)) is not None:
        return _TYPO, 1, (meant,)
    return None


def _occurrences(stems: Sequence[str], phrase: tuple[str, ...]) -> list[int]:
    width = len(phrase)
    return [start for start in range(len(stems) - width + 1) if tuple(stems[start : start + width]) == phrase]


@dataclass(frozen=True)
class _Score:
    topic: _Topic
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
    topics: Sequence[_Topic], stems: Sequence[str], objects: Mapping[int, int] | None = None
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


def _covered(topic: _Topic, stems: Sequence[str]) -> set[int]:
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
    called: dict[str, str]  # what to call each of them: as the member did where its guide does (see _find_services)
    scores: list[_Score]  # of the named services' guides, or of every guide when none is named
    every: list[_Score]  # of every guide, for "the closest guides"
    unexplained: list[_Token]
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
    # An unexplained word names a privacy topic with a setting of its own that no guide covers (_OTHER_SETTINGS).
    elsewhere: bool = False
    # The member asks how to make something (_MAKES): using the service, not its privacy settings.
    makes: bool = False
    # The member asks for a guide's switch: turning it off, opting out, or its setting (see _TURNS_OFF).
    switch_asked: bool = False
    # The member asks for the named service's setting as one thing ("where is the grok setting"): see _SETTING_ASKED.
    setting_named: bool = False


def interpret(text: str, *, catalog: Catalog) -> Answer:
    """Which guide a question asks for, on which platform, and how sure that is; or that it wants the help,
    or asks about something we have no guide for."""
    text = text[:QUESTION_CHARS]
    if shares_a_secret(text):
        return Answer(None, None, 0.0, help=True, reply="secret_shared")
    platform = detect_platform(text)
    index = _index(catalog)
    tokens = _tokens(text)
    found, naming, called = _find_services(tokens, index)
    tokens = [token if position in naming else _corrected(token, index) for position, token in enumerate(tokens)]
    tokens, naming = _ai_joined(tokens, naming)
    tokens = _saved_by_the_service(tokens, naming)
    # A device's model ("iphone 15 pro") is filler, as the device is.
    models = _device_models(tokens)
    spots = [
        position
        for position, token in enumerate(tokens)
        if position not in naming and position not in models and not _is_filler(token)
    ]
    content = [tokens[position] for position in spots]
    if _asks_for_manager_commands(tokens, text, naming):
        return Answer(None, platform, 0.0, help=True, reply="manager_commands")
    if not naming and _asks_for_the_guides(tokens):
        return Answer(None, platform, 0.0, help=True)
    if not naming and _asks_if_required(tokens):
        return Answer(None, platform, 0.0, help=True, reply="ask_your_team")
    about = _about_the_bot(tokens, naming)
    if about is not None and (
        not found
        or _names_the_bot(tokens)
        or _seen_at_work(tokens, about)
        or _names_a_service_to_the_bot(tokens, naming, about)
    ):
        return Answer(None, platform, 0.0, help=True, reply=about)
    if not found:
        thanked = any(token.word in _THANKS for token in tokens)
        chat = _HELP_WORDS | _THANKS | (_THANKS_MORE if thanked else frozenset())
        if all(token.word in chat or token.stem in chat for token in content):
            return Answer(None, platform, 0.0, help=True, reply=_reply(tokens, thanked=thanked))

    services = {key: quality for key, quality in found.items() if not key.startswith("other:")}
    # What is saved ("save my posts", "save a post") points at no guide and is no word left unexplained: see _SAVES.
    saved = {
        made.position
        for position, token in enumerate(tokens)
        if position not in naming and token.word in _SAVES and (made := _thing_made(tokens, position + 1, naming))
    }
    stems = [
        "" if position in saved else _SAVE if tokens[position].word in _SAVES else tokens[position].stem
        for position in spots
    ]
    # Privacy words acting on something made: "a copy of my posts", "copy someone's post".
    acts = {
        position: made
        for position, token in enumerate(tokens)
        if position not in naming and _is_privacy(token) and (made := _thing_made(tokens, position + 1, naming))
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
    doing |= {position for position, token in enumerate(tokens) if position not in naming and token.word in _SAVES}
    # "people" in "other people's posts" says whose the post is, not what the question is about.
    whose = {position for position in spots if tokens[position].word in _SOMEONE_ELSES} if for_others else set()
    # A date one of the guides lists says which guide, if no other word does (see _with_service); with no service
    # named, it offers the guides that list it (see _without_service).
    dated, dated_at = _dated([score.topic for score in scores], tokens)
    if services and not dated:
        dated, dated_at = _deadline_asked([score.topic for score in scores], tokens)
    if services and not dated_at:
        dated_at = _too_late_to_opt_out([score.topic for score in scores], tokens)
    # "How long does the linkedin export take": taking time is what the guide says, no other topic (see _HOW_LONG).
    timed = _duration_asked(tokens)
    # A verb read as its topic word says a sentence, not a topic named alone: "i pinned a photo on pinterest" is no
    # request for the guide, as "pinterest pins" would be (see _form_of).
    asks = any(token.verb or token.word in _QUESTION_WORDS for token in tokens) or bool(doing)
    # People reading the member's things is human review, a privacy topic where a guide's words say so.
    reviewed = _read_by_people(tokens, [score.topic for score in scores])
    # So is asking whether the switch applies to the member ("do i need this setting", "do i need to switch anything").
    about_privacy = (
        bool(reviewed)
        or _applies_asked(tokens, naming)
        or any(
            _is_about_privacy(token)
            for position, token in enumerate(tokens)
            if position not in naming and position not in doing and not _is_filler(token)
        )
    )
    topical = {spots[spot] for spot in explained | _alike(stems, explained)}
    answered = topical | reviewed
    # In a privacy question a guide's words answer, the member's things say whose data (see _MEMBERS_THINGS).
    # So do the member's country ("for german users") and living there ("i live in spain"): see _COUNTRIES.
    if about_privacy and any(score.value for score in scores):
        answered |= {position for position in spots if {tokens[position].word, tokens[position].stem} & _MEMBERS_THINGS}
        countries = {position for position in spots if {tokens[position].word, tokens[position].stem} & _COUNTRIES}
        answered |= countries
        if countries or any(tokens[position].word in _REGIONS for position in spots):
            answered |= {position for position in spots if tokens[position].word in _RESIDENCE}
        # So do the member's plan ("chatgpt plus") and how easy a way they want ("a handy way"): see _PLANS, _EASE.
        answered |= {position for position in spots if position - 1 in naming and tokens[position].word in _PLANS}
        answered |= {position for position in spots if tokens[position].word in _EASE}
        # So does the service telling the member of it ("linkedin sent me an email about ai"): see _TELLS.
        answered |= _told_by_the_service(tokens, naming)
        # So does which of their accounts it is ("my school account", "my business profile"): see _WHICH_ACCOUNT.
        answered |= _which_account(tokens)
    answered |= _what_its_ai_keeps(tokens, spots, stems, explained, [score.topic for score in scores])
    answered |= _kept_how_long(tokens, [score.topic for score in scores])
    if any(token.word in _OPTS_OUT for token in tokens):
        answered |= {position for position in spots if tokens[position].word in _LOSES}
    # Whether opting out deletes anything is what a guide's not_undone answers (see _OPTS_OUT): a topic word of its own.
    answered |= _taken_out_of_training(tokens)
    # The switch greyed out, across devices, for who the member is, asked for at work (see _SWITCHES).
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
            and not _is_neutral(tokens[position])
            and position not in whose | dated_at | saved | timed
        )
    ]
    unexplained = [tokens[position] for position in unexplained_at]
    privacy = any(
        _is_privacy(tokens[position]) or position in handed | stopped
        for position in unexplained_at
        if position not in doing
    )
    elsewhere = bool(handed or stopped) or any(
        {tokens[position].word, tokens[position].stem} & _OTHER_SETTINGS for position in unexplained_at
    )
    # "My writing" is what the member made, not asking how to write: no making after a determiner.
    makes = any(
        token.word in _MAKES
        and not (position and tokens[position - 1].word in _DETERMINERS)
        and not (position + 1 < len(tokens) and tokens[position + 1].word in _AI_FEATURES)
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
        quality = max(services.values(), default=_EXACT)
        # A service with a guide named too ("stop meta ai reading my whatsapp") says which guides are closest.
        closest = (not services and _training_offered(tokens, index)) or _closest(reading)
        return Answer(None, platform, round(_OFF_TOPIC * quality, 2), unknown_service=others[0], closest=closest)
    if services:
        answer = _with_service(reading, index=index)
        if answer.guide_id is None:
            return answer
        # A deadline asked of a guide with no dates ("did i miss the chatgpt deadline") is a campaign's to answer.
        deadline_named = any(token.word in _DEADLINES - {"late"} for token in tokens)
        return replace(answer, dates_asked=bool(dated) or _asks_when(tokens) or deadline_named, no_account=bool(lacked))
    if not found and elsewhere and (browser := _browser_named(tokens)) is not None:
        # "chrome third party cookies off": the browser's own setting, not a guide sharing the words "third party".
        return Answer(None, platform, _OFF_TOPIC, unknown_service=browser)
    if not found and (unnamed := _unnamed(tokens, unexplained_at, every, index)) is not None:
        closest = _training_offered(tokens, index) or _closest(reading)
        return Answer(None, platform, _OFF_TOPIC, unknown_service=unnamed, closest=closest)
    answer = _without_service(reading, index=index, tokens=tokens)
    if not found and answer.guide_id is None and _only_a_deadline(content):
        return replace(answer, deadline_only=True)
    return answer


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
_SAID_OF_A_SECRET: Final = _word_set(
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
    plain = _plain(text)
    if _OFFERED.search(plain):
        return True
    return any(
        found.group("secret") is None or found.group("secret").casefold().strip("'\"“”‘’") not in _SAID_OF_A_SECRET
        for found in _GIVEN.finditer(plain)
    )


# A browser named with a privacy topic no guide covers ("chrome third party cookies off", "stop tracking in firefox") is
# what the question is about, though elsewhere it only says the member is on a computer.
_BROWSER_NAMES: Final = {"chrome": "Chrome", "firefox": "Firefox", "safari": "Safari", "edge": "Edge"}


def _browser_named(tokens: Sequence[_Token]) -> str | None:
    return next((_BROWSER_NAMES[token.word] for token in tokens if token.word in _BROWSER_NAMES), None)


def _only_a_deadline(content: Sequence[_Token]) -> bool:
    """Whether the words of a question are a deadline's and privacy vocabulary only ("did i miss the deadline")."""
    return any(token.word in _DEADLINES for token in content) and all(
        token.word in _MEETING_A_DEADLINE or _is_neutral(token) or token.word in _DEADLINES for token in content
    )


# Who does something in a clause "when" opens ("when I turn it off, does…"): that "when" is not asking when.
_CLAUSE_SUBJECTS: Final = _word_set("i im i'm we you they it its it's he she someone people everyone")


def _asks_when(tokens: Sequence[_Token]) -> bool:
    """ "When is…", "when do I…", not "when I…, …"."""
    return tokens[0].word == "when" and not (len(tokens) > 1 and tokens[1].word in _CLAUSE_SUBJECTS)


# Words a service's name is never, though no list of the question's vocabulary has them: see _unnamed.
_NEVER_NAMES: Final = (
    frozenset(_MONTHS)
    | frozenset(_TRANSLATIONS)
    | frozenset(_FOREIGN_POSSESSIVES)
    | frozenset(_FOREIGN_DEVICES)
    | _FOREIGN_FILLER
    | _MEMBERS_THINGS
    | _SOMEONE_ELSES
    | _DETERMINERS
    | _QUANTIFIERS
    | _EASE
    | _PLANS
    | _MODELS
    | _MAKES
    | _HANDS_OVER
    | _HANDED_TO
    | _THANKS
    | _THANKS_MORE
    | _DEADLINES
    | _MEETING_A_DEADLINE
    | _HOW_LONG
    | _TAKES_TIME
    | _UNDO
    | _UNDONE_ACTIONS
    | _SAVES
    | _KEEP
    | _NOT_FORMS
    | _OF_THE_SWITCH
)


def _unnamed(
    tokens: Sequence[_Token], unexplained_at: Sequence[int], every: Sequence[_Score], index: _Index
) -> str | None:
    """The name of a service no list knows that a privacy question asks about ("how do I stop hinge using my photos
    for AI"), as the member wrote it; None when no word stands where a name does (see bot.unnamed_services), or the
    question has no word of AI, training or privacy a guide or the privacy topics know: "my door hinge squeaks"."""
    if not any(score.value for score in every) and not any(_is_privacy(token) for token in tokens):
        return None
    return unnamed_service(
        words=[token.word for token in tokens],
        originals=[token.original for token in tokens],
        candidates=unexplained_at,
        known=index.known | _NEVER_NAMES,
        names=frozenset(word for service in index.services for form in service.exact for word in form),
        platforms=_PLATFORM_WORDS,
    )


def _training_offered(tokens: Sequence[_Token], index: _Index) -> tuple[str, ...]:
    """For a question about AI training that no word narrows to one service's guides: the guides of every service
    with a switch against it, to pick from (see _training_guides); only those about generative AI when the question
    says "generative". Nothing for a question with no word for AI training."""
    stems = {token.stem for token in tokens} | {token.word for token in tokens}
    if not stems & _GENERIC_AI:
        return ()
    if stems & {"generative", "llm"}:
        return tuple(guide for guide in index.training if guide in index.generative)
    return index.training


# Words that make what follows `done`, `skip` or `undo` a question, wherever they stand: asking how ("undo how?"), or
# something members do on the service ("undo send on slack").
_ASKING: Final = _word_set("how hows what whats why where when which") | _MEMBER_DOING


def asks_more_than_a_guide(text: str, *, catalog: Catalog) -> bool:
    """Whether `text`, said after `done`, `skip` or `undo`, asks about a service rather than naming one of its guides:
    "send on slack" ("undo send on slack") does; "slack", "linkedin ai", "the linkedin download on my iphone" do not.
    It names a service after a word none of its guides is named by (privacy vocabulary and filler aside). After the
    name, words are a reason, no part of it ("skip linkedin because I don't use it"); with no service named ("my
    toaster") it is no question either: the command says it knows no such guide."""
    index = _index(catalog)
    tokens = _tokens(text[:QUESTION_CHARS])
    found, naming, _called = _find_services(tokens, index)
    if not found:
        return False
    named = frozenset().union(*(index.names.get(key, frozenset()) for key in found))
    return any(
        token.word in _ASKING or not (_is_filler(token) or _is_neutral(token) or {token.word, token.stem} & named)
        for token in tokens[: min(naming)]
    )


def _alike(stems: Sequence[str], explained: set[int]) -> set[int]:
    """The spots of words for AI (_AI_WORDS), when a guide explains one of them: it explains them all."""
    alike = {spot for spot, stem in enumerate(stems) if stem in _AI_WORDS}
    return alike if alike & explained else set()


def _handed_elsewhere(tokens: Sequence[_Token], naming: Mapping[int, str], doing: set[int]) -> set[int]:
    """Where the tokens name a company the service hands the member's data to (_HANDED_TO), when the service does
    the handing ("stop linkedin sharing my data with microsoft", not "how do i share my linkedin post"), no word
    says AI, training, what the sharing for training takes, the UK or whether the switch covers it, and the member
    does not ask whether it does (_ASKS_WHETHER): that sharing has a setting of its own."""
    words = [(position, token) for position, token in enumerate(tokens) if position not in naming]
    training = _GENERIC_AI | _SHARED_FOR_TRAINING | _THE_UK | _COVERS | _OPTS_OUT
    if any({token.word, token.stem} & training for _position, token in words):
        return set()
    if _handing_asked(tokens, naming):
        return set()
    if not any(token.word in _HANDS_OVER and position not in doing for position, token in words):
        return set()
    return {position for position, token in words if token.word in _HANDED_TO}


def _handing_asked(tokens: Sequence[_Token], naming: Mapping[int, str]) -> set[int]:
    """Where the words for handing data over are (_HANDS_OVER), when the member asks whether the service hands it to
    a company of _HANDED_TO at all ("does linkedin give my data to microsoft"): the training guide's note answers it,
    in the words "shares" and "sharing" (see _ASKS_WHETHER)."""
    typed = {token.word for position, token in enumerate(tokens) if position not in naming}
    if not typed & _HANDED_TO or not typed & _ASKS_WHETHER or typed & _STOPS_IT:
        return set()
    return {position for position, token in enumerate(tokens) if position not in naming and token.word in _HANDS_OVER}


def _sending_stopped(tokens: Sequence[_Token], naming: Mapping[int, str]) -> set[int]:
    """Where the words for what the service sends are (_SENT_TO_MEMBERS), when the member asks to stop it ("stop",
    "unsubscribe", "turn off", "opt out of") and no other word is about privacy, AI or data (see _SENT_TO_MEMBERS).
    Opting out only with "of" or "from" after it: "the subject line for slack opt out email" is an email that opts out.
    """
    words = [(position, token) for position, token in enumerate(tokens) if position not in naming]
    typed = [token.word for token in tokens]
    stops = {position for position, token in words if token.word in _STOPS_SENDING}
    for position, token in words:
        after = typed[position + 1 : position + 3]
        if (token.word == "optout" and after[:1] in (["of"], ["from"])) or (
            token.word == "opt" and after in (["out", "of"], ["out", "from"])
        ):
            stops |= {position, position + 1}
    if not stops:
        return set()
    sent = {position for position, token in words if {token.word, token.stem} & _SENT_TO_MEMBERS}
    others = [
        token
        for position, token in words
        if position not in stops | sent and (_is_about_privacy(token) or {token.word, token.stem} & _GENERIC_AI)
    ]
    return set() if others else sent


# What a service's AI recommends to the member ("linkedin's ai recommendations for jobs", "the ai feed"):
# personalisation, which LinkedIn's training switch leaves on (it covers content-generating models only,
# ../shared/facts/linkedin.md); so are personalised things named anywhere. A privacy topic no guide covers.
_PERSONALISING: Final = _word_set("recommendation recommended feed")
_PERSONALISED: Final = _word_set("personalisation personalization personalised personalized")


def _personalising(tokens: Sequence[_Token], naming: Mapping[int, str]) -> set[int]:
    """Where the words naming the service's AI personalising are (see _PERSONALISING)."""
    return {
        position
        for position, token in enumerate(tokens)
        if position not in naming
        and (
            {token.word, token.stem} & _PERSONALISED
            or ({token.word, token.stem} & _PERSONALISING and position and tokens[position - 1].word in _AI_WORDS)
        )
    }


def _told_by_the_service(tokens: Sequence[_Token], naming: Mapping[int, str]) -> set[int]:
    """Where a word for the service telling the member something is (_TELLS before "me", "us" …): see _TELLS."""
    return {
        position
        for position, token in enumerate(tokens[:-1])
        if position not in naming and token.word in _TELLS and tokens[position + 1].word in _TOLD
    }


def _undoing_an_action(tokens: Sequence[_Token], naming: Mapping[int, str]) -> set[int]:
    """Where "undo" and the action it takes back are, when it is something the member does ("slack undo send", "undo a
    post"): the service's undo button, not undoing training (see _UNDO)."""
    actions = _MEMBER_DOING | _UNDONE_ACTIONS
    spots: set[int] = set()
    for position, token in enumerate(tokens):
        if token.word not in _UNDO or position in naming:
            continue
        after = next((spot for spot in range(position + 1, len(tokens)) if tokens[spot].word not in _DETERMINERS), -1)
        for spot in (position - 1, after):
            if spot >= 0 and spot not in naming and tokens[spot].word in actions:
                spots |= {position, spot}
    return spots


def _what_its_ai_keeps(
    tokens: Sequence[_Token], spots: Sequence[int], stems: Sequence[str], explained: set[int], topics: Sequence[_Topic]
) -> set[int]:
    """Where the words naming the service's AI (_AI_FEATURES, "writing" before one) and keeping are (_KEEPS), when a
    guide explains a word for AI in the question; keeping only when one of `topics`' guides says what is kept."""
    if not _alike(stems, explained):
        return set()
    found = {position for position in spots if tokens[position].word in _AI_FEATURES}
    found |= {position - 1 for position in found if position - 1 in spots and tokens[position - 1].word in _MAKES}
    said = " ".join(
        text for topic in topics for text in (topic.guide.summary, topic.guide.not_undone or "", *topic.guide.notes)
    )
    if _KEPT_SAID.search(said):
        found |= {position for position in spots if tokens[position].word in _KEEPS}
    return found


def _about_the_switch(tokens: Sequence[_Token], naming: Mapping[int, str]) -> set[int]:
    """Where the words saying something of the switch itself are, each beside what makes it so (see _SWITCHES): a
    state beside a word for the switch the guides turn off (and that word), syncing beside a device, a role in a
    question whether it applies, and who at work asked, beside the asking, these two with a word of the setting."""
    typed = {form for token in tokens for form in (token.word, token.stem)}
    switches = {
        position
        for position, token in enumerate(tokens)
        if {token.word, token.stem} & _SWITCHES and not _names_another_switch(tokens, position, naming)
    }
    setting_meant = bool(typed & _THE_SETTING_MEANT) or any(
        _is_about_privacy(token) for position, token in enumerate(tokens) if position not in naming
    )
    beside = {
        _SWITCH_STATES: bool(switches),
        _SYNCING: bool(typed & (_DEVICE_WORDS | _DEVICES)),
        _ROLES: bool(typed & _APPLYING) and setting_meant,
        _AT_WORK: bool(typed & _ASKED_TO) and setting_meant,
        _ASKED_TO: bool(typed & _AT_WORK) and setting_meant,
    }
    marked = {
        position
        for position, token in enumerate(tokens)
        if any({token.word, token.stem} & words and found for words, found in beside.items())
    }
    return marked | switches if typed & _SWITCH_STATES and switches else marked


def _asks_the_switch(tokens: Sequence[_Token], naming: Mapping[int, str]) -> bool:
    """Whether the question asks for a guide's switch: to turn it off, opt out or object, or where its setting is
    ("the training setting", not "the dark mode setting"). See _TURNS_OFF."""
    return any(
        position not in naming
        and (
            bool({token.word, token.stem} & _TURNS_OFF)
            or ({token.word, token.stem} & _SWITCHES and not _names_another_switch(tokens, position, naming))
        )
        for position, token in enumerate(tokens)
    )


def _setting_named(tokens: Sequence[_Token], naming: Mapping[int, str]) -> bool:
    """Whether the named service's setting is asked for as one thing ("where is the grok setting"): _SETTING_ASKED."""
    named = any(
        position - 1 in naming
        and {token.word, token.stem} & _SWITCHES
        and not (position + 1 < len(tokens) and tokens[position + 1].word in _SAYS_WHAT_FOR)
        for position, token in enumerate(tokens)
    )
    return named and any({token.word, token.stem} & _SETTING_ASKED for token in tokens)


def _which_account(tokens: Sequence[_Token]) -> set[int]:
    """Where the words saying which of the member's accounts are ("my school account"): see _WHICH_ACCOUNT."""
    found: set[int] = set()
    for position, token in enumerate(tokens):
        if token.word not in _WHICH_ACCOUNT:
            continue
        for width in range(1, _WHICH_ACCOUNT_WORDS + 1):
            if position - width - 1 >= 0 and tokens[position - width - 1].word in _THE_MEMBERS:
                found |= set(range(position - width, position))
                break
    return found


def _read_by_people(tokens: Sequence[_Token], topics: Sequence[_Topic]) -> set[int]:
    """Where the words of people reading or reviewing the member's things are, when a guide's words are about
    reviewing: see _PEOPLE."""
    if not any(word.startswith("review") for topic in topics for phrase in topic.weak for word in phrase):
        return set()
    people = {position for position, token in enumerate(tokens) if token.word in _PEOPLE}
    looking = {position for position, token in enumerate(tokens) if token.word in _LOOKING_AT}
    return people | looking if people and looking else set()


def _read_about(tokens: Sequence[_Token]) -> set[int]:
    """Where the member says they read about it ("i read about it in chrome's news"): see _READING."""
    return {
        position
        for position, token in enumerate(tokens[:-1])
        if token.word in _READING and tokens[position + 1].word in _ABOUT_IT
    }


def _another_thing_named(tokens: Sequence[_Token], unexplained_at: Sequence[int], topical: set[int]) -> bool:
    """Whether a word left unexplained comes right after a word of a guide's topic, naming another thing of it ("turn
    off linkedin ai job alerts", "ai powered dark mode"): then it is what the switch asked for would turn off."""
    return any(
        position - 1 in topical and not {tokens[position - 1].word, tokens[position - 1].stem} & _TURNS_OFF
        for position in unexplained_at
    )


def _applies_asked(tokens: Sequence[_Token], naming: Mapping[int, str]) -> bool:
    """Whether the question asks if the switch the guides turn off applies to the member ("my wordpress site is self
    hosted, do i need this setting"): a word of applying (_APPLYING) and one for the switch (_SWITCHES)."""
    return any({token.word, token.stem} & _APPLYING for token in tokens) and any(
        {token.word, token.stem} & _SWITCHES and not _names_another_switch(tokens, position, naming)
        for position, token in enumerate(tokens)
    )


def _names_another_switch(tokens: Sequence[_Token], position: int, naming: Mapping[int, str]) -> bool:
    """Whether the switch word at `position` is named for something no guide turns off ("the linkedin open to work
    toggle"): after a word that is no service's name, determiner, nor word of privacy ("the linkedin ai toggle"). After
    "to" it is the verb ("do i need to switch anything"), no switch's name."""
    if not position or position - 1 in naming:
        return False
    before = tokens[position - 1]
    return not (before.word in _DETERMINERS | _TO or _is_about_privacy(before) or _is_neutral(before))


# Having no account of a service, in a question whether its guide matters then: a "not" before having, using or being
# on it ("i don't have a linkedin account", "not on linkedin", "i don't use chatgpt"), or before its account ("no
# linkedin account"). What the member asks of it: whether they may skip or ignore the guide. See _account_lacked.
_LACKING: Final = _word_set("have has got use using on made make created had signed joined up")
_MADE_ONE: Final = _word_set("made make created had signed joined up")
_LACKED_BETWEEN: Final = _word_set("a an any the my even")
_ACCOUNTS: Final = _word_set("account accounts profile")
_SKIPPING: Final = _word_set("skip skipping ignore ignoring")
# "… so i can skip this, right?": asking to be told yes, no word of what is asked.
_TAGS: Final = _word_set("right correct")


# "i'm not on linkedin today", "not on facebook much", "i don't have linkedin on my phone": an account all the same.
_NOT_NOW: Final = _word_set("today tonight much often now currently lately atm rn")


def _only_for_now_or_here(after: Sequence[_Token]) -> bool:
    """Whether the words after a service the member is "not on" say when or where, not that they have no account."""
    if after and after[0].word in _NOT_NOW:
        return True
    return any(token.word in _PLATFORM_WORDS for token in after[:3]) and bool(after) and after[0].word in _WHERE_WORDS


_WHERE_WORDS: Final = _word_set("on in from")


def _account_lacked(tokens: Sequence[_Token], naming: Mapping[int, str]) -> set[int]:
    """Where the words saying the member has no account of a named service are, with those asking whether they may
    skip its guide; empty unless they say so. "Doesn't linkedin use my data" and "i'm not in the eu" lack nothing."""
    lacked: set[int] = set()
    for position, token in enumerate(tokens):
        if token.word not in _NOT:
            continue
        at, verbs = position + 1, 0
        while at < len(tokens) and tokens[at].word in _LACKING | _LACKED_BETWEEN:
            verbs += tokens[at].word in _LACKING
            at += 1
        named = at
        while named < len(tokens) and named in naming:
            named += 1
        account = named < len(tokens) and tokens[named].word in _ACCOUNTS
        # "never made a linkedin": made one, only with nothing of it after the name ("i haven't made a linkedin post").
        made = any(tokens[spot].word in _MADE_ONE for spot in range(position + 1, at))
        if made and not account and named < len(tokens) and not _is_filler(tokens[named]):
            continue
        if _only_for_now_or_here(tokens[named + account :]):
            continue
        if (named > at and (verbs or account)) or (named == at and account and verbs):
            lacked |= set(range(position, named + account))
    if lacked:
        lacked |= {position for position, token in enumerate(tokens) if token.word in _SKIPPING}
        lacked |= {len(tokens) - 1} if tokens[-1].word in _TAGS else set()
    return lacked


def _kept_how_long(tokens: Sequence[_Token], topics: Sequence[_Topic]) -> set[int]:
    """Where the words for keeping are (_KEEPS), in a question asking how long ("how long does anthropic keep my
    chats"), when a sentence of one of `topics`' guides says what is kept and for how long ("kept for 5 years")."""
    if not any(token.word == "how" and following.word == "long" for token, following in itertools.pairwise(tokens)):
        return set()
    said = (
        sentence
        for topic in topics
        for text in (topic.guide.summary, topic.guide.not_undone or "", *topic.guide.notes)
        for sentence in re.split(r"(?<=[.;:])\s", text)
    )
    if not any(_KEPT_SAID.search(sentence) and _HOW_LONG_SAID.search(sentence) for sentence in said):
        return set()
    return {position for position, token in enumerate(tokens) if token.word in _KEEPS}


def _taken_out_of_training(tokens: Sequence[_Token]) -> set[int]:
    """Where the words for taking personal details out are (_TAKES_OUT), before a word for training in the same
    question ("remove personal info from training data"): the training guide's words explain them."""
    trained_at = [position for position, token in enumerate(tokens) if {token.word, token.stem} & _TRAINING]
    if not trained_at:
        return set()
    return {position for position, token in enumerate(tokens[: max(trained_at)]) if token.word in _TAKES_OUT}


def _deletion_by_opting_out(tokens: Sequence[_Token], topics: Sequence[_Topic], *, asks: bool) -> set[int]:
    """Where the tokens ask whether opting out deletes something ("does opting out delete my data from linkedin ai",
    "if I opt out, does it delete …"): deletion words after an opt-out word, when one of the topics' guides says what
    switching off does not undo. "Opt out and delete my account" asks for two things, not what opting out does."""
    opted_at = next((position for position, token in enumerate(tokens) if token.word in _OPTS_OUT), None)
    asked = asks or any(token.word == "if" for token in tokens)
    if opted_at is None or not asked or not any(topic.guide.not_undone for topic in topics):
        return set()
    # "Will linkedin delete my data if I opt out": after "if", the opting out may come last.
    conditional = any(token.word == "if" for token in tokens[:opted_at])
    start = 0 if conditional else opted_at + 1
    return {position for position in range(start, len(tokens)) if tokens[position].word in _DELETES}


def _ai_joined(tokens: Sequence[_Token], naming: Mapping[int, str]) -> tuple[list[_Token], dict[int, str]]:
    """The tokens with "artificial intelligence" that a slip hid from _tokens ("artifical intelligence") read as "ai",
    as _tokens reads it typed right (see _AI_COMPOUNDS); `naming` moved to the service's new positions."""
    joined: list[_Token] = []
    moved: dict[int, str] = {}
    for position, token in enumerate(tokens):
        if position in naming:
            moved[len(joined)] = naming[position]
        elif joined and len(joined) - 1 not in moved and (joined[-1].word, token.word) in _AI_COMPOUNDS:
            word = _AI_COMPOUNDS[joined[-1].word, token.word]
            joined[-1] = _Token(word, _stem(word), joined[-1].original)
            continue
        joined.append(token)
    return joined, moved


def _saved_by_the_service(tokens: Sequence[_Token], naming: Mapping[int, str]) -> list[_Token]:
    """The tokens with saving done by the service to what the member made read as keeping ("does linkedin save my
    posts" asks what "does linkedin keep my posts" does): a save word after the service's name, before "my" (or
    "all", "the" …) and a thing made. Before the name the member saves ("save my linkedin posts"), and "saved
    posts" are LinkedIn's bookmark: those stay as typed."""
    named_at = min(naming, default=len(tokens))
    read = list(tokens)
    for position, token in enumerate(tokens):
        if position <= named_at or position in naming or token.word not in _SAVES or position + 1 >= len(tokens):
            continue
        if tokens[position + 1].word in _DETERMINERS | _QUANTIFIERS and _thing_made(tokens, position + 1, naming):
            read[position] = _Token("keep", "keep", token.original)
    return read


def _dated(topics: Sequence[_Topic], tokens: Sequence[_Token]) -> tuple[frozenset[str], set[int]]:
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


def _deadline_asked(topics: Sequence[_Topic], tokens: Sequence[_Token]) -> tuple[frozenset[str], set[int]]:
    """The guides with policy dates, when the tokens ask about a deadline ("did i miss the claude deadline", "is it
    too late"), and where the words about meeting it are ("miss", "choose"): a named service's deadline is its
    guides' dates, as a date named is (see _dated). Nothing when no guide lists a date."""
    if not any(token.word in _DEADLINES for token in tokens):
        return frozenset(), set()
    guides = frozenset(topic.guide.id for topic in topics if topic.guide.dates)
    if not guides:
        return frozenset(), set()
    return guides, {position for position, token in enumerate(tokens) if token.word in _MEETING_A_DEADLINE}


def _too_late_to_opt_out(topics: Sequence[_Topic], tokens: Sequence[_Token]) -> set[int]:
    """Where the words about a deadline are ("late", "miss"), in a question whether it is too late to opt out of a
    named service whose guides list no date ("is it too late to opt out of chatgpt training"): it asks what opting
    out now still does, which a guide's `not_undone` says (OpenAI: going forward only). Nothing in a question with no
    opt-out word ("my zoom meeting is running late") or of a service with nothing to opt out of."""
    # "Did i miss the chatgpt deadline" asks it too: only "late" may be of something else ("my zoom call ran late").
    named = any(token.word in _DEADLINES - {"late"} for token in tokens)
    if not any(token.word in _DEADLINES for token in tokens) or not (
        named or any(token.word in _OPTS_OUT for token in tokens)
    ):
        return set()
    if not any(topic.guide.not_undone for topic in topics):
        return set()
    return {position for position, token in enumerate(tokens) if token.word in _DEADLINES | _MEETING_A_DEADLINE}


def _duration_asked(tokens: Sequence[_Token]) -> set[int]:
    """Where the words for taking time, arriving, lasting or answering are (_TAKES_TIME, _LASTS, _ANSWERS_BACK), in a
    question asking how long or how soon ("how long does the linkedin export take"); nothing in any other question
    ("take a photo on instagram")."""
    if not any(token.word == "how" and following.word in _HOW_LONG for token, following in itertools.pairwise(tokens)):
        return set()
    return {position for position, token in enumerate(tokens) if token.word in _TAKES_TIME | _LASTS | _ANSWERS_BACK}


def _dates_named(tokens: Sequence[_Token]) -> list[tuple[range, int | None, int, int | None]]:
    """Dates in the tokens, each as (where, year, month, day): a month named with a day, a year or both ("nov 3
    2025", "3rd november", "november 2025"), or a year, month and day in numbers ("2025-11-03"). A month alone
    ("may", "march") or a year alone is no date."""
    dates: list[tuple[range, int | None, int, int | None]] = []
    for position, token in enumerate(tokens):
        month = _MONTHS.get(token.word)
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


def _day(token: _Token) -> int | None:
    match = _DAY.fullmatch(token.word)
    return int(match.group(1)) if match and 1 <= int(match.group(1)) <= 31 else None


def _year(token: _Token) -> int | None:
    return int(token.word) if _YEAR.fullmatch(token.word) else None


# Why a guide does not apply to a member, as typed after its name ("skip linkedin I don't have an account", "skip meta
# not in the eu"): the values of bot.core.Reason. A region needs a word saying the member is not in it.
GivenReason = Literal["no_account", "region"]
_NOT: Final = _word_set("no not dont never without havent doesnt nope")
_NO_ACCOUNT_WORDS: Final = _word_set("account accounts profile member user have use using used on")
_NOT_HERE: Final = _REGIONS | _COUNTRIES | _word_set("regions outside")
# Words that change nothing of what a member says of a service: "i just dont have one at all", "i opted out of
# linkedin already". What a member states records a status only when it is made of these, the service's name and the
# words of what was done or lacked (reason_given, names_only): any other word may say something else.
_FILLER: Final = _word_set(
    "i im am do does a an the it one any that this there my even at all just really already today yesterday on"
)
# Beside a service's name, the setting its guide is about ("linkedin ai training", "chatgpt data sharing"): what was
# turned off. Not its account: "i turned off my linkedin account" closed it, and opted out of nothing.
_THE_SETTING: Final = _word_set("ai training generative data setting sharing")
_THE_ACCOUNT: Final = _word_set("account profile")
# Around a service's name in what a member states, narrower than _FILLER (which also reads reasons): "i opted out of
# linkedin, am i", "… do i", "… really", "im not on linkedin today" are questions or say something else.
_DONE_AROUND: Final = _word_set("a an the my on of for from in already too also now just today yesterday")
_LACKED_AROUND: Final = _word_set("a an the my any even at all on")
# "Not" in the languages the answers read: one anywhere in a statement and it records nothing ("i turned off
# linkedin ki nicht"), whatever the question reader makes of the words.
_NEGATIONS: Final = _NOT | _word_set(
    "didnt hasnt isnt wasnt cant cannot wont nah nicht kein keine keinen pas non nao não niet nee nej inte nie"
)


def negated(text: str) -> bool:
    """Whether a word of `text` says "not", in any language the answers read."""
    return any(word in _NEGATIONS for word in re.findall(r"\w+", text.casefold().replace("'", "").replace("’", "")))


def names_the_setting(text: str) -> bool:
    """Whether `text` names the setting a guide is about ("linkedin ai training"), not only a service ("slack")."""
    return any({token.word, token.stem} & _THE_SETTING for token in _tokens(text[:QUESTION_CHARS]))


def reason_given(text: str, *, names: Iterable[str] = ()) -> GivenReason | None:
    """The reason `text` gives ("i dont have an account", "not on linkedin", "im not in the eu"), or None. `names`:
    the service's, which may stand for the account ("not on linkedin")."""
    words = {token.word for token in _tokens(text[:QUESTION_CHARS])}
    if words & _NOT_HERE and (words & _NOT or "outside" in words):
        return "region"
    # Nothing but the lack itself: "i dont have time", "i dont use it for work" lack something else.
    allowed = _NOT | _NO_ACCOUNT_WORDS | _FILLER | {word for name in names for word in _words(name)}
    if words & _NOT and words & _NO_ACCOUNT_WORDS and words <= allowed:
        return "no_account"
    return None


def names_only(text: str, *, names: Iterable[str], lacked: bool = False) -> bool:
    """Whether `text` is one of a service's `names` and says nothing else of it: filler, and the setting's words for
    what a member did ("the linkedin ai setting") or its account for what they lack ("a linkedin account").
    "linkedin premium", "the linkedin app", "time for linkedin" name LinkedIn and say something else. A long name
    may have one slip ("linkdin"), as the guide's answer reads it."""
    tokens = _tokens(text[:QUESTION_CHARS])
    allowed = (_LACKED_AROUND | _THE_ACCOUNT) if lacked else (_DONE_AROUND | _THE_SETTING)
    for name in names:
        called = _words(name)
        for start in range(len(tokens) - len(called) + 1):
            typed = tokens[start : start + len(called)]
            others = [*tokens[:start], *tokens[start + len(called) :]]
            if _is_called(typed, called) and all({token.word, token.stem} & allowed for token in others):
                return True
    return False


def _is_called(typed: Sequence[_Token], called: Sequence[str]) -> bool:
    """The words of a name, typed: each as it is or in the plural ("linkedins", an apostrophe dropped), a one-word
    name of five letters or more with one slip of its own ("linkdin", not the words _NOT_TYPOS lists)."""
    if all(called_word in (token.word, token.stem) for token, called_word in zip(typed, called, strict=True)):
        return True
    if len(called) != 1 or len(called[0]) < _TYPO_MIN_LENGTH or typed[0].word in _NOT_TYPOS:
        return False
    return one_slip(typed[0].word, called[0], keep_first=True) or one_slip(typed[0].stem, called[0], keep_first=True)


def _names_the_bot(tokens: Sequence[_Token]) -> bool:
    return any(token.word in _THE_BOT_NAMED for token in tokens)


def _about_the_bot(tokens: Sequence[_Token], naming: Mapping[int, str]) -> Reply | None:
    """The line that answers a question about the bot itself (see _THE_BOT), or None for any other text. Every word
    must be of that vocabulary or filler, so that a word about something else leaves the question to the guides; a
    service named (`naming`) is whom the bot might hand data to."""
    words = {token.word for token in tokens} | {token.stem for token in tokens}
    if not tokens or not all(
        token.word in _ABOUT_THE_BOT_WORDS or token.stem in _ABOUT_THE_BOT_WORDS or _is_filler(token)
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
        and not words & _PLATFORM_WORDS
        and tokens[0].word not in _ASKING_WHETHER
    ):
        return "problem_with_the_bot"
    if words & _ACTING and any(pair in _ON_MY_BEHALF for pair in itertools.pairwise(token.word for token in tokens)):
        return "does_it_for_you"
    if words & _LEGIT and words & _THE_BOT:
        return "is_it_legit"
    if "who" in words and words & _MAKERS and words & _THE_BOT:
        return "is_it_legit"
    if words & _SEEING and words & _WATCHERS and words & (_MY_ANSWERS | _THE_BOT):
        return "what_is_kept"
    if _the_bot_built_with(tokens) and (
        _named_only_after(tokens, naming, _BUILT_BY) if naming else bool(words & _AI_WORDS)
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
    if words & _ASKED_IS and words & _TO_THE_BOT and not words & _THANKS:
        named = _named_only_after(tokens, naming, _YOU, skipping=_ARTICLES)
        if named if naming else bool(words & _WHAT_IT_IS):
            return "what_it_is"
    return None


# Asking for the guides ("list guides", "how many guides do you have", "which services do you cover"): the help lists
# them. Only these words and filler: "which services use my data for ai" asks about AI training.
_THE_GUIDES: Final = _word_set("guide guides service services topic topics")
_LISTING: Final = _THE_GUIDES | _word_set(
    "list show all available which what many cover covered covers support supported supports know offer offered have "
    "got there every your"
)


def _asks_for_the_guides(tokens: Sequence[_Token]) -> bool:
    """Whether the text asks which guides the bot has (see _THE_GUIDES)."""
    return any(token.word in _THE_GUIDES for token in tokens) and all(
        token.word in _LISTING or _is_filler(token) for token in tokens
    )


# Asking whether one must ("is this mandatory?", "is it our company policy to opt out?", "do i have to do this?", "what
# happens if i don't opt out"): the bot cannot know what a workplace requires. Only these words, filler, privacy
# vocabulary and work's ("company", "hr"); a service named is its guide's question.
_REQUIRED: Final = _word_set(
    "mandatory compulsory obligatory optional required requirement require requires mandated enforced policy rule rules"
)
_REQUIRED_AROUND: Final = _REQUIRED | _AT_WORK | _SKIPPING | _word_set("workplace our happens happen ignore")


def _asks_if_required(tokens: Sequence[_Token]) -> bool:
    """Whether the text asks if the member must do what they were asked (see _REQUIRED)."""
    if not all(
        {token.word, token.stem} & _REQUIRED_AROUND or _is_filler(token) or _is_neutral(token) for token in tokens
    ):
        return False
    typed = [token.word for token in tokens]
    pairs = set(itertools.pairwise(typed))
    unless = bool({"happens", "happen"} & set(typed)) and bool(_NOT & set(typed))
    # "Privacy policy" is the bot's (see _about_the_bot): a policy is the workplace's only beside a word of work.
    policy = "policy" in typed and bool(set(typed) & (_AT_WORK | _word_set("our workplace")))
    # "Do I have to do this?", not "i have to go".
    must = ("have", "to") in pairs and typed[0] in _word_set("do does must")
    return bool(set(typed) & (_REQUIRED - {"policy"})) or policy or must or unless


def _asks_for_manager_commands(tokens: Sequence[_Token], text: str, naming: Mapping[int, str]) -> bool:
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
        word in _REPORT and before in _DETERMINERS for before, word in itertools.pairwise(typed)
    ):
        return True
    if words & _REMINDING and (_CHANNEL.search(text) or _reminds_a_group(typed)):
        return True
    return _counts_who_did_it(typed, words, text)


def _counts_who_did_it(typed: Sequence[str], words: set[str], text: str) -> bool:
    """Whether the text counts or names who here did it (see _asks_for_manager_commands)."""
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
        while after < len(typed) and typed[after] in _BEFORE_A_GROUP | _word_set("team"):
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


def _sent_by_the_bot(tokens: Sequence[_Token], naming: Mapping[int, str]) -> bool:
    """Whether the messages asked about are the bot's DMs (see _SENDERS): no person or service named before the first
    word for them, and no spam as what they are."""
    first = next(position for position, token in enumerate(tokens) if {token.word, token.stem} & _REMINDERS)
    if any(position in naming or tokens[position].word in _SENDERS for position in range(first)):
        return False
    return not any(
        kind.word in _SPAM_KINDS and {message.word, message.stem} & _REMINDERS
        for kind, message in itertools.pairwise(tokens)
    )


def _the_bot_built_with(tokens: Sequence[_Token]) -> bool:
    """Whether the bot is said to use or be built with something (see _BUILT_WITH): "you" or "this" before the word
    ("are you using ai", "is this bot powered by openai"); "can i use chatgpt for this" is the member's use."""
    built = next((position for position, token in enumerate(tokens) if token.word in _BUILT_WITH), None)
    return built is not None and any(token.word in _TO_THE_BOT for token in tokens[:built])


def _names_a_service_to_the_bot(tokens: Sequence[_Token], naming: Mapping[int, str], about: Reply) -> bool:
    """Whether a question about the bot names a service as part of it: asking it to stop its DMs about the service,
    after "about" or "for" ("stop messaging me about linkedin"; "stop linkedin messaging me" is LinkedIn's), or
    whether it is or uses that service ("are you chatgpt", "are you powered by openai": see _BUILT_WITH)."""
    if about == "reminders":
        return _named_only_after(tokens, naming, _ABOUT_A_GUIDE, skipping=_DETERMINERS)
    return about == "what_it_is"


def _named_only_after(
    tokens: Sequence[_Token],
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


def _seen_at_work(tokens: Sequence[_Token], about: Reply) -> bool:
    """Whether a question about who sees what the member answered names someone at work ("can my manager see that I
    skipped the linkedin guide?"): the bot shows managers that, whatever service it names. "Who can see that i opted
    out of linkedin" may ask about LinkedIn."""
    return about == "what_is_kept" and any({token.word, token.stem} & _AT_WORK for token in tokens)


def _reply(tokens: Sequence[_Token], *, thanked: bool) -> Reply | None:
    """The line that answers a message of greetings, thanks and filler, or None for the help."""
    asks = any(
        token.word in _ASKS_HELP and not (position and tokens[position - 1].word in _DETERMINERS | {"for"})
        for position, token in enumerate(tokens)
    )
    if asks:
        return None
    if any(token.word in _DEVICES for token in tokens):
        return "which_service"
    if thanked and not any(token.word in _QUESTION_WORDS for token in tokens):
        return "thanks"
    return None


def _closest(reading: _Reading, *, limit: int = 3) -> tuple[str, ...]:
    """The named service's guides, best first; with none named, the guides whose topic words the question uses.
    Another service's guide sharing a word ("keep" in "does linkedin keep my posts" is Gemini's) is not offered."""
    if reading.services:
        ranked = sorted(reading.scores, key=lambda score: (score.value, score.acted_on, score.hints), reverse=True)
    else:
        ranked = [score for score in sorted(reading.every, key=lambda score: -score.value) if score.value > 0]
    return tuple(dict.fromkeys(score.topic.guide.id for score in ranked))[:limit]


def _own_guides(reading: _Reading, index: _Index, *, limit: int = 3) -> tuple[str, ...]:
    """The named services' guides, those the question leans to first, then each service's primary guide. When
    a word of the question points at some of them ("download a video from linkedin"), only those."""
    pointed = [score for score in reading.scores if score.value]
    ranked = sorted(
        pointed or reading.scores,
        key=lambda score: (score.value, score.hints, score.topic.guide.id in index.primaries),
        reverse=True,
    )
    return tuple(score.topic.guide.id for score in ranked)[:limit]


def _each_services_guide(reading: _Reading, index: _Index) -> tuple[str, ...]:
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


def _best(scores: Sequence[_Score], index: _Index) -> tuple[_Score | None, bool]:
    """The top score and whether another guide scored the same; a primary guide breaks the tie."""
    top = max((score.value for score in scores), default=0)
    if top == 0:
        return None, False
    leaders = [score for score in scores if score.value == top]
    preferred = next((score for score in leaders if score.topic.guide.id in index.primaries), leaders[0])
    return preferred, len(leaders) > 1


def _service_name(key: str, index: _Index) -> str:
    return next(service.name for service in index.services if service.key == key)


def _named(reading: _Reading, key: str, index: _Index) -> str:
    """A named service as members are told it: "Instagram" to a member who asked about Instagram."""
    return reading.called.get(key) or _service_name(key, index)


def _with_service(reading: _Reading, *, index: _Index) -> Answer:
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
        # Not when the member asks for the guide's switch: then the other words are how they came to ask (_TURNS_OFF).
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
_CLOSING: Final = _DELETES | _word_set("close closes closed closing")


def _links_asked(reading: _Reading, guides: Sequence[Guide]) -> tuple[str, ...]:
    """The addresses of the guides' links whose label has one of the question's unexplained privacy words."""
    asked = {form for token in reading.unexplained if _is_privacy(token) for form in (token.word, token.stem)}
    if asked & _CLOSING:
        asked |= _CLOSING
    found = (
        link.url
        for guide in guides
        for link in guide.links
        if asked & {form for token in _tokens(link.label) for form in (token.word, token.stem)}
    )
    return tuple(dict.fromkeys(found))


def _half_named(reading: _Reading) -> tuple[str, ...]:
    """The named services' guides with a phrase that one of the unexplained words is part of ("machine" of "machine
    learning"), in catalog order; nothing when a word names a topic another setting covers (_OTHER_SETTINGS)."""
    if reading.elsewhere:
        return ()
    typed = {form for token in reading.unexplained for form in (token.word, token.stem)}
    meant: list[str] = []
    for score in reading.scores:
        words = {word for phrase in (*score.topic.strong, *score.topic.weak) for word in phrase}
        # A guide that explains one word for AI explains them all (see _alike): "intelligence" alone is its too.
        if words & _AI_WORDS:
            words |= _AI_WORDS
        if typed & words:
            meant.append(score.topic.guide.id)
    return tuple(dict.fromkeys(meant))


def _without_service(reading: _Reading, *, index: _Index, tokens: Sequence[_Token]) -> Answer:
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


def _narrowed(reading: _Reading, tokens: Sequence[_Token]) -> bool:
    """Whether a word beside the words for AI training says which services it could be ("my chats", "my photos"), or
    a date does: then the guides those words point at are offered, not every one with a switch."""
    if reading.dated:
        return True
    return any(
        not ({token.word, token.stem} & (_GENERIC_AI | _MODELS) or _is_filler(token) or _is_neutral(token))
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
