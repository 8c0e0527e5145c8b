"""The words a question is read with: filler, privacy vocabulary, platforms, regions, topics, other services,
translations and dates; each table beside why it holds what it holds."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final

DESKTOP: Final = frozenset(
    {"desktop", "laptop", "computer", "pc", "mac", "macbook", "imac", "windows", "linux", "chromebook"}
    | {"browser", "website", "web", "webpage", "site"}
)
IOS: Final = frozenset({"iphone", "ipad", "ios", "ipados"})
ANDROID: Final = frozenset({"android", "pixel", "samsung", "galaxy", "oneplus"})
# Not "apps": "Gemini Apps Activity" is a setting's name, not the member's phone.
MOBILE: Final = frozenset({"app", "phone", "mobile", "cell", "cellphone", "smartphone", "tablet"})
PLATFORM_WORDS: Final = DESKTOP | IOS | ANDROID | MOBILE | {"apps"}
SLIPPED_PHONES: Final = ("iphone", "android")  # see bot.question_words._slipped_phone
# What follows the name of a phone, tablet or Mac is its model ("iphone 15 pro max", "galaxy s24 ultra", "macbook air"):
# part of the device, no word of the question. See device_models.
HARDWARE: Final = IOS | ANDROID | frozenset({"mac", "macbook", "imac", "chromebook"})
MODELS: Final = frozenset({"pro", "max", "mini", "plus", "air", "ultra", "se", "fold", "flip", "lite"})
# The plan right after a service's name ("chatgpt plus", "grammarly premium") says which account, as a device's model
# says which phone: in a privacy question, no word of its own. So does a plan beside a word for one ("the free plan",
# "the free version"), and then every plan the question names ("i don't have chatgpt plus, only free"), in any
# question naming the service: the member says which account they have, as after a reminder ("i have chatgpt plus").
PLANS: Final = frozenset({"free", "plus", "pro", "premium", "max"})
PLAN_NOUNS: Final = frozenset({"plan", "plans", "version", "tier", "subscription", "account"})
# How easy a way is ("a handy way to opt out"): in a privacy question, no topic of its own; "is linkedin easy to use"
# asks about something else.
EASE: Final = frozenset({"handy", "easy", "easier", "easiest", "simple", "simplest"})
# A browser named alone is a computer's ("linkedin ai settings in chrome"); beside a phone, tablet or app ("safari on my
# iphone") the phone says which steps. Not "edge", which is an everyday word too.
BROWSERS: Final = frozenset({"chrome", "firefox", "safari"})
# "on linkedin.com" is the website; a pasted link ("https://…") says nothing about the member's device.
DOMAIN = re.compile(r"(?<![/\w.@-])(?:www\.)?[a-z0-9-]+\.(?:com|org|net|ai|io|co)\b", re.IGNORECASE)


def word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Dates a question may name, to find a guide's policy dates: "nov 3 2025", "3rd November", "2025-11-03".
MONTHS: Final = {
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
# "is it too late to object to meta". Only beside a named service whose guides list dates: see
# bot.answers._deadline_asked.
DEADLINES: Final = word_set("deadline deadlines late cutoff")
MEETING_A_DEADLINE: Final = word_set(
    """
    miss missed missing pass passed late choose chose choosing choice decide decided deciding decision over gone
    extend extended
    """
)
# How long something takes is what a guide says ("the full archive within 24 hours", "wait for Slack's reply"): in a
# question asking how long or how soon ("how long does the linkedin export take", "how long till the archive
# arrives"), the words for taking time or arriving ask nothing more. See bot.answers._duration_asked.
HOW_LONG: Final = word_set("long soon quickly quick fast")
TAKES_TIME: Final = word_set("take takes took taking till arrive arrives arrived arriving")
# How long something stays usable ("how long is the download link good for"): what a guide says, as taking time is.
LASTS: Final = word_set("good")
# The service answering the member ("how long until slack replies to my opt-out email"): arriving, as an archive does.
ANSWERS_BACK: Final = word_set("reply replies replied respond responds responded")
DAY = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?")
YEAR = re.compile(r"(?:19|20)\d\d")


# Everyday words one slip away from a topic word ("context" from "content", "waiting" from "writing"): read
# as typed. Forms of a known word ("turning", "removed") need no place here: see a_form_of.
NOT_TOPIC_TYPOS: Final = word_set(
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
HELP_WORDS: Final = word_set(
    """
    hi hello hey hiya heya yo howdy greetings morning afternoon evening good day
    thanks thank thx ty cheers appreciated appreciate great awesome cool nice perfect
    help helping start started menu command commands options
    """
)

# Filler: dropped before phrases are compared, so "get a copy of my data" matches "copy of your data".
STOPWORDS: Final = word_set(
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
REGIONS: Final = word_set(
    """
    uk eu eea europe european britain switzerland swiss canada hong kong hk region country usa america american
    """
)
# A question names the member's country as often as the region ("can I object to meta in ireland"): the countries
# of the EU, the EEA and the UK, and their adjectives. Only in a privacy question a guide's words answer do they say
# where the member is ("meta ai opt out germany", "for german users"), as the member's things say whose data (see
# MEMBERS_THINGS): elsewhere they are as unexplained as ever, for "german" is a language too ("change linkedin to
# german") and "does chatgpt work in germany" asks about something else. "Polish" is not here: it is a verb first.
COUNTRIES: Final = word_set(
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
RESIDENCE: Final = word_set("live lives living based resident residents citizen citizens located")
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
# that is no name, determiner nor word of privacy) is not the one the guides turn off. See
# bot.answers._about_the_switch.
SWITCHES: Final = word_set("toggle switch setting option button slider checkbox")
SWITCH_STATES: Final = word_set(
    "greyed grayed grey gray locked stuck missing hidden gone unavailable unclickable frozen"
)
SYNCING: Final = word_set("sync syncs synced syncing")
DEVICE_WORDS: Final = word_set("device devices")
APPLYING: Final = word_set("apply applies applicable affect affects concern concerns relevant need needs required")
ROLES: Final = word_set(
    """
    contractor contractors freelancer freelancers consultant consultants employee employees intern interns student
    students staff temp temps worker workers vendor vendors external externals guest guests
    """
)
AT_WORK: Final = word_set(
    "manager managers boss bosses hr admin admins employer company team lead colleague colleagues coworker coworkers"
)
ASKED_TO: Final = word_set("asked ask asks told tells said says wants wanted requested reminded")
THE_SETTING_MEANT: Final = SWITCHES | word_set("thing things this it")
TO: Final = word_set("to")  # before a word of SWITCHES, it is the verb: "do i need to switch anything"
OF_THE_SWITCH: Final = SWITCH_STATES | SYNCING | ROLES | AT_WORK | ASKED_TO

# Words of the privacy vocabulary: they make a question neither more nor less about one guide,
# but they do not mean it is about something else either.
NEUTRAL: Final = REGIONS | word_set(
    """
    opt optout opted opting out off turn turned turning switch switched switching toggle disable disabled stop stopped
    prevent block use using used feed feeding fed data information info personal account setting privacy preference
    option control manage
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
PRIVACY_TOPICS: Final = word_set(
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

QUESTION_WORDS: Final = word_set("how where what why can could should would is are do does")

# A message made only of these (and filler, and greetings) thanks the bot: a line answers it, not the help.
THANKS: Final = word_set(
    """
    thanks thank thx ty tysm cheers appreciated appreciate great awesome cool nice perfect ok okay alright
    excellent brilliant wonderful lovely super amazing kudos merci danke gracias obrigado obrigada valeu
    """
)
# Only beside a thanks: "thank you so much", "thanks a lot", "thanks, that was helpful".
THANKS_MORE: Final = word_set("much lot lots loads ton tons bunch million helpful muito")
DEVICES: Final = DESKTOP | IOS | ANDROID | MOBILE

# What makes a question one about privacy, AI or data: a privacy topic, or one of these words of the privacy
# vocabulary. Without one, topic words only say what the member made or does ("post a video on instagram"),
# which every service's members do all day: they offer a guide but never answer with it.
ABOUT_PRIVACY: Final = PRIVACY_TOPICS | word_set(
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
# bot.answers._is_member_doing. The opt-out vocabulary ("stop", "opt", "block") never is: it is what a privacy question
# asks.
# Saving is one of them: "save my linkedin posts" is also LinkedIn's bookmark, so it is offered the download guide
# (keeping a copy is what that guide does for the member's data), not answered with it; see SAVES.
MEMBER_DOING: Final = word_set("share sharing post posting save saving send sending")
# "Undo" in the guides is undoing past training ("does opting out undo it"); beside something the member does ("slack
# undo send", "undo a post on linkedin") it is the service's undo button: the member's doing, as sending is.
UNDO: Final = word_set("undo undoing")
UNDONE_ACTIONS: Final = word_set("sent posted shared saved edit edited")
DETERMINERS: Final = word_set("a an the my our your their his her this that these those")
# Between a word and what it acts on, these change neither: "download all my posts" is "download my posts".
QUANTIFIERS: Final = word_set("all every each both")
# Taking a copy of what the member made is getting their data: "download my posts from linkedin" asks what the
# download guide does, while "download a video from linkedin" and "copy my post" are using the service (copying
# a post is copy and paste). Only these words, and only with the member's own things.
FETCHES: Final = word_set("download downloading export exporting backup archive takeout")
OWN: Final = word_set("my our")
# What is saved says nothing about which guide: in "save my linkedin posts" the posts are what is kept, no sign of
# the guide about training AI on posts. Saving itself is keeping a copy: a word of the download guide, in every
# form ("my saved posts" is LinkedIn's bookmark too). Saving done by the service to what the member made ("does
# linkedin save my posts") is the service keeping their data: see bot.answers._saved_by_the_service.
SAVES: Final = word_set("save saves saved saving")
SAVE: Final = "save"
# Two words read as one: "back up my linkedin" asks what "backup my linkedin" asks.
# "Artificial intelligence" is "AI" in either order: the Romance languages put the adjective last ("intelligenza
# artificiale", "inteligencia artificial"), and a guide's phrase is matched in its own order only.
AI_COMPOUNDS: Final[Mapping[tuple[str, str], str]] = {
    ("artificial", "intelligence"): "ai",
    ("intelligence", "artificial"): "ai",
}
COMPOUNDS: Final[Mapping[tuple[str, str], str]] = {("back", "up"): "backup", **_REGION_COMPOUNDS, **AI_COMPOUNDS}
# Whose a thing is, when it is not the member's: a privacy word done to someone else's post ("copy someone's post",
# "a copy of other people's posts") is about using the service, wherever it stands, never the member's own data.
SOMEONE_ELSES: Final = word_set(
    """
    someone somebody someones else other others another people peoples person persons
    colleague colleagues coworker coworkers friend friends his her their
    """
)
BEFORE_A_THING: Final = DETERMINERS | SOMEONE_ELSES | QUANTIFIERS | {"of"}
# What a member has on a service. In a question about privacy, AI or data that a guide's words answer, they say
# whose data is meant ("linkedin ai using my photos"), not that the question is about something else; in any other
# question ("change my profile photo on linkedin", "how do i upload a file to slack") they are as unexplained as ever.
# What the member gave the service to work on is theirs too: "can slack train on my uploaded files".
MEMBERS_THINGS: Final = word_set(
    """
    profile resume cv photo picture pic image video comment article connection contact network reaction
    skill endorsement recommendation experience
    file doc document pdf spreadsheet attachment screenshot upload uploaded attached message dm dms
    type typed typing
    """
)
# What a service's AI is called by those who use it ("its AI writing assistant", "linkedin's ai tools"): beside a word
# for AI that a guide explains, the AI the guide is about, as "features" is. "Writing" before one names it, and is no
# request to write something (MAKES).
AI_FEATURES: Final = word_set("assistant assistants tool tools feature features")
# Keeping what the member gives the service's AI ("does linkedin keep what i type into its ai"), in a question with a
# word for AI a guide explains: what such a guide says is kept ("What you type into LinkedIn's AI features is kept
# until you delete it") when its text says so. Keeping the member's posts, with no word for AI, is no guide's.
KEEPS: Final = word_set(
    "keep keeps kept keeping store stores stored storing retain retains retained retaining retention"
)
KEPT_SAID = re.compile(r"\b(?:kept|keeps?|stored|stores?|retain(?:s|ed)?|retention)\b", re.IGNORECASE)
# How long a guide says something is kept: "for 5 years", "the 30-day retention", "up to 3 years".
HOW_LONG_SAID = re.compile(r"\b\d+[ -](?:hours?|days?|weeks?|months?|years?)\b", re.IGNORECASE)
# What opting out costs ("will i lose access to linkedin's ai features if i opt out"): what a guide says the switch
# leaves (LinkedIn's AI features stay usable). Only beside an opt-out word: "i lost access to my account" is not.
LOSES: Final = word_set("lose loses losing lost access")
# Privacy topics that have settings of their own, which no guide's switch covers: named beside a guide's topic
# words, they say the question is about them ("does linkedin share my data with microsoft for ads" is LinkedIn's
# advertising data sharing, a separate setting), so it gets "no guide for that yet", never the training guide.
OTHER_SETTINGS: Final = word_set(
    """
    ad ads advert advertising advertiser targeting targeted track tracking tracker cookie location sell selling sold
    """
)
# Data handed to another company: LinkedIn shares data with Microsoft for ads in some regions, a setting of its own
# (../shared/facts/linkedin.md), so "stop linkedin sharing my data with microsoft" is a privacy topic no guide covers,
# like "… for ads". Not when the question says AI or training, or names what the UK sharing with Microsoft for its
# AI training takes (posts, comments, articles, videos, content): the training switch turns that off.
HANDED_TO: Final = word_set("microsoft affiliate affiliates")
HANDS_OVER: Final = word_set(
    """
    share shares sharing shared give gives giving gave given send sends sending sent pass passes passing passed
    transfer transfers transferring transferred provide provides providing provided disclose discloses disclosing
    """
)
SHARED_FOR_TRAINING: Final = word_set("post comment article video content")
# Nor when the member says they are in the UK, where that sharing for Microsoft's AI training is ("im in the uk does
# linkedin share my stuff with microsoft"), or asks whether the switch covers or stops it ("does this cover linkedin
# sharing my data with microsoft", "does opting out stop …"): the guide says which sharing it turns off and that the
# advertising sharing is a setting of its own. "Stop linkedin sharing my data with microsoft" asks neither.
# Nor when the member asks whether LinkedIn hands their data over at all ("does linkedin share my data with microsoft"):
# the guide's note says it does in the UK, for Microsoft's AI training, and that the advertising sharing is a setting
# of its own. Asking how to stop it ("how do i stop linkedin sharing …") asks for that other setting.
ASKS_WHETHER: Final = word_set("does do did is are was will would has can could")
STOPS_IT: Final = word_set("stop stopping prevent block blocking")
THE_UK: Final = word_set("uk britain british england english scotland scottish wales welsh")
COVERS: Final = word_set("cover covers covered covering include includes included including")
# What a service sends the member: stopping it ("how do i stop linkedin emails", "unsubscribe from linkedin's
# newsletter", "stop linkedin messages") is a setting of its own that no guide covers, though "messages" is what a
# training guide's switch is about and "email" is privacy vocabulary ("what email address do i use for the meta form").
# Only with no word about AI, training or data: "stop linkedin using my messages for ai" is the training guide's.
SENT_TO_MEMBERS: Final = word_set(
    """
    email emails emailed emailing mail mails mailing message messages messaging messaged inmail inmails
    notification notifications notify notified notifying newsletter newsletters alert alerts digest digests
    spam spamming
    """
)
STOPS_SENDING: Final = word_set("stop stopping unsubscribe unsubscribing mute muting block blocking disable off fewer")
# Told something by the service ("linkedin sent me an email about ai", "meta emailed me about using my data"): the
# member says where they heard of it, and the question is what it told them of, in a privacy question a guide's words
# answer. Only with the member told ("sent me", "emailed us"): "linkedin sent my data to microsoft" is handing it over.
TELLS: Final = word_set(
    """
    sent send sends emailed emails messaged notified notifies informed informs told tells wrote writes contacted
    warned texted alerted
    """
)
TOLD: Final = word_set("me us everyone everybody users members")
# Asking how to make something ("how do i use linkedin ai to write a post") is using the service's features, not
# a question about its privacy settings: a guide is offered, never given, unless its setting is named outright.
# Not the past ("posts i wrote"), which says what the member made: their data.
MAKES: Final = word_set("write writing create creating draft drafting compose composing rewrite rewriting")
# Words that all say "AI": where a guide explains one, it explains the others ("gen ai opt out chatgpt" is ChatGPT's
# training guide, though its guide never says "generative").
AI_WORDS: Final = word_set("ai generative artificial intelligence llm")
# A setting name or alias made only of these ("ai training", "generative ai") names what every training guide is
# about: with no service named it points at the guides, but does not choose one ("how do I opt out of genai training").
GENERIC_AI: Final = AI_WORDS | word_set("gen train training trained model machine learning")
# Kinds of AI said right before a word for it ("non generative ai", "agentic ai", "predictive ai"): which AI, never a
# service's name. "Non generative" narrows no question to the guides about generative AI: see bot.answers._kinds_of_ai.
AI_KINDS: Final = word_set("non nongenerative agentic predictive")
# "Does opting out delete my data?" is what a guide's `not_undone` answers (switching off stops future use; it
# takes back nothing): a deletion word after one of these, in a question, is explained by every guide that has one.
OPTS_OUT: Final = word_set(
    "opt opting opted optout turn turning turned switch switching switched disable disabling disabled object objecting"
)
DELETES: Final = word_set(
    "delete deletes deleted deleting deletion remove removes removed removing erase erases erased wipe wipes wiped"
)
# Personal details taken out of what a service trains on ("does linkedin remove personal info from training data",
# "… redact my data before training"): how it trains, which a training guide says (LinkedIn's strips or masks them),
# not deleting the member's data ("delete my linkedin data"), which no guide does. Only before a word for training.
TAKES_OUT: Final = DELETES | word_set(
    """
    redact redacts redacted redacting mask masks masked masking strip strips stripped stripping scrub scrubs scrubbed
    scrubbing filter filters filtered filtering anonymise anonymises anonymised anonymising anonymize anonymizes
    anonymized anonymizing deidentify deidentified pseudonymise pseudonymised pseudonymize pseudonymized
    """
)
TRAINING: Final = word_set("train trains trained training dataset datasets")
# Asking a guide's switch: turning it off, opting out or objecting, or its setting named (a word of SWITCHES that
# names no other switch). Beside a word of a guide's topic, that is the guide's subject, and the question's other words
# tell how the member came to ask ("i made my x account in july", "i mostly use the browser", "it's not working"): no
# topic of their own, unless one is a privacy word or another setting's ("… for ads"). See bot.answers._asks_the_switch.
# Which of the member's accounts ("on my school account", "my business profile", "my old account"): the words between
# "my" and the account say whose data, as "my" does, in a privacy question a guide's words answer.
WHICH_ACCOUNT: Final = word_set("account accounts profile profiles plan plans")
THE_MEMBERS: Final = word_set("my our")
WHICH_ACCOUNT_WORDS: Final = 2  # "my school account", "my old work account"; longer is a phrase of its own

# People reading or reviewing the member's things ("is a human reading my gemini chats", "does a person review …") is
# human review, a privacy topic: where a named guide's words are about reviewing (Gemini's note on human reviewers),
# both words are that guide's. See bot.answers._read_by_people.
PEOPLE: Final = word_set("human humans person people someone somebody staff employee employees reviewer reviewers")
LOOKING_AT: Final = word_set(
    "read reads reading review reviews reviewed reviewing reviewer reviewers look looks looking see sees seeing"
)

# Reading about something ("i read about it in the news", "i was reading about claude training") is how the member
# heard of it, their own doing: not a service reading their data ("does meta ai read my chats").
READING: Final = word_set("read reads reading")
ABOUT_IT: Final = word_set("about of")
TURNS_OFF: Final = OPTS_OUT | STOPS_IT | word_set("off stopped blocked objection objections")
# The named service's setting as one thing ("the grok setting", "the claude toggle"), asked for by turning it off or
# looking for it, is its guide's: the service's name alone is. Not "the linkedin dark mode setting" (another switch),
# nor "the linkedin settings page won't load" (nothing asked of it), nor "the zoom setting for my camera" (what it is
# for said after it: a topic word there is the guide's, see TURNS_OFF).
_LOOKS_FOR: Final = word_set("where which find found")
SAYS_WHAT_FOR: Final = word_set("for to that which of about")
SETTING_ASKED: Final = TURNS_OFF | _LOOKS_FOR

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
EXPANSIONS: Final = {
    "genai": ("generative", "ai"),
    "gen": ("generative",),
    "ml": ("machine", "learning"),
}

# Common German, French, Spanish, Italian, Dutch, Portuguese, Polish and Swedish words of a question about the training
# switch, read as the English words they translate (the answer stays in English), after accents are dropped
# ("désactiver" is "desactiver", "wyłączyć" is "wylaczyc"). Only
# these: other words of those languages are as unknown as ever, so a question in them still matches nothing. Not
# "usa" (Spanish "uses"): it is the country.
TRANSLATIONS: Final[Mapping[str, tuple[str, ...]]] = {
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
# Read only in a question with a word of TRANSLATIONS: "mon" may be Monday, "die" and "comment" are English words,
# and "handy" is German for a mobile phone but English for useful ("a handy way to opt out").
FOREIGN_POSSESSIVES: Final = dict.fromkeys(
    ("mein", "meine", "meinen", "meiner", "meinem", "mon", "ma", "mes", "mi", "mis", "mio", "mia", "miei", "mie"), "my"
)
FOREIGN_DEVICES: Final[Mapping[str, tuple[str, ...]]] = {"handy": ("phone",)}
FOREIGN_FILLER: Final = word_set(
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
# "Keeps crashing", "kept asking": before a verb in -ing "keep" is "still", not a service keeping data.
KEEP: Final = word_set("keep keeps kept keeping")
# Skipping or ignoring a guide ("… so i can skip this, right?", "can i ignore this"): asked by a member with no
# account of its service (bot.answers._account_lacked), or asking whether one must (bot.replies.asks_if_required).
SKIPPING: Final = word_set("skip skipping ignore ignoring")
# "Not": having no account of a service ("i don't have linkedin"), not being in a region, not doing it at all.
NOT: Final = word_set("no not dont never without havent doesnt nope")
