"""Every sentence a member or manager reads, in one place to review tone (and to translate later)."""

from __future__ import annotations

from collections.abc import Sequence

from bot.core import SNOOZE_DAYS, DmRefusal


def escape(text: str) -> str:
    """Neutralise Slack markup in text a member typed, so `<!channel>` cannot ping anyone when echoed."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def members(count: int) -> str:
    return f"{count} member" if count == 1 else f"{count} members"


def records(count: int) -> str:
    return f"{count} record" if count == 1 else f"{count} records"


def days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


def audience(channels: Sequence[str], groups: Sequence[str]) -> str:
    """Channels and user groups as Slack shows mentions (`#general`, `@privacy-team`), however they were typed."""
    return ", ".join([*(f"<#{channel}>" for channel in channels), *(f"<!subteam^{group}>" for group in groups)])


def and_list(items: Sequence[str]) -> str:
    """ "a, b and c": a list as a sentence names it."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def unescape(text: str) -> str:
    """Undo Slack's own escaping of `&`, `<` and `>` in what a member typed, so that echoing it through
    `escape` escapes it exactly once."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


PLATFORM_LABELS = {
    "desktop": "desktop web",
    "ios": "iPhone/iPad app",
    "android": "Android app",
    "mobile": "the app (iPhone, iPad or Android)",
}
PLATFORM_BUTTONS = {
    "desktop": "Steps for desktop",
    "ios": "Steps for iPhone/iPad",
    "android": "Steps for Android",
}

STATUS_LABELS = {
    "confirmed": "done",
    "not_applicable": "doesn't apply",
    "snoozed": "reminder snoozed",
    "pending": "not done yet",
}
STATUS_EMOJI = {
    "confirmed": ":white_check_mark:",
    "not_applicable": ":heavy_minus_sign:",
    "snoozed": ":alarm_clock:",
    "pending": ":hourglass_flowing_sand:",
}

HELP_TITLE = "Privacy Reminder Bot"
HELP_INTRO = (
    "I help you act on privacy changes of the services you use: how to switch a setting off, "
    "step by step for your device, and I keep track of who has done it so nobody gets nagged twice."
)
HELP_ASK_HEADING = "*Ask me*"
HELP_MANAGERS_HEADING = "*For managers*"
HELP_ALSO = "You can also send me a direct message or mention me with a question."
# One line per command, keyed by the command's name in bot/slack/commands.py; `{cmd}` is the slash command.
HELP_LINES: dict[str, tuple[str, ...]] = {
    "question": (
        "`{cmd} linkedin [desktop|iphone|android]` – how to stop LinkedIn using your data to train generative AI",
        "`{cmd} <question>` – e.g. `{cmd} download my linkedin data iphone`",
    ),
    "record": (
        "`{cmd} done <guide>` · `{cmd} skip <guide>` · `{cmd} undo <guide>` – record what you did",
        f"`{{cmd}} later <guide>` – remind me by DM in {SNOOZE_DAYS} days (on a campaign's deadline day if sooner)",
    ),
    "status": ("`{cmd} status` – what you have done so far and what to do next (`{cmd} status all`: every guide)",),
    "forget": ("`{cmd} forget-me` – delete everything I store about you",),
    "dates": ("`{cmd} dates` – policy dates, recent and coming up, with the regions they apply to",),
    "campaign": (
        "`{cmd} campaign start <guide> <#channel|@group> [YYYY-MM-DD]` · `{cmd} campaign list` · "
        "`{cmd} campaign stop <id>` – reminder drives",
    ),
    "report": ("`{cmd} report [campaign]` – who has acted and who is pending",),
    "nudge": ("`{cmd} nudge <campaign>` – DM the pending members now",),
    "digest": ("`{cmd} digest on|off` – your weekly summary by DM",),
}
HELP_GUIDES_HEADING = "*Guides I have*"
HELP_PRIVACY = (
    "I store your Slack ID, time zone and role (and your name, once a campaign reminds you), the platform you last "
    "asked about, what you recorded and "
    "when, the reminders I sent you, and a log of what you did here. Never message text: I read only what you send "
    "me (a DM, a mention or the command), to answer it. The privacy team's managers "
    "see each member's name and status (with when, on which platform, and why it doesn't apply) in campaign reports, "
    "CSV exports and digests (only counts for a small audience, if whoever runs me set REPORT_MIN_GROUP)."
)

NOT_FOUND = "I couldn't tell which guide “{text}” is about."
# Above NOT_FOUND, when the first word looks like a mistyped command.
DID_YOU_MEAN = "Did you mean `{cmd} {word}`?"
DID_YOU_MEAN_ELSE = "If not, ask me about a service, or `{cmd} help` for the guides I have."
# In a channel the question is not quoted back: under the bot's name it would read as the bot's own words.
NOT_FOUND_PUBLIC = "I couldn't tell which guide your question is about."
NOT_FOUND_EMPTY = "What would you like help with?"
NOT_FOUND_SUGGEST = "Pick one, or ask again naming the service:"
NOT_FOUND_CLOSEST = "Is it one of these?"
# Instead of NOT_FOUND and every guide, to a question about nothing the bot does ("tell me a joke"): see
# bot.answers.Answer.unrelated. Alone: "I couldn't tell which guide “tell me a joke” is about" implied one might be.
NOT_FOUND_UNRELATED = (
    "I help with the privacy settings of the services you use, such as switching off AI training: name a service "
    "(`{cmd} linkedin`), or `{cmd} help` lists the guides I have."
)
# Instead of NOT_FOUND and NOT_FOUND_CLOSEST, to a question naming only a date some guides list ("what happens on
# nov 3"): what was found, not a failure; it could still be another service's date (NOT_FOUND_ALL_NAMED says so).
DATE_IN_GUIDES = "That date is in these guides:"
# Instead of NOT_FOUND, to a question about AI training that names no service ("opt out of ai training").
TRAINING_WHICH_SERVICE = "Which service? Each of these guides is about one service using what you share with it for AI:"
NOT_FOUND_ALL = "Not these? Ask me for `help` to see every guide I have, or ask again naming the service."
# The same, to a member who named a service already ("how do I post a video on instagram").
NOT_FOUND_ALL_NAMED = "Not these? Ask me for `help` to see every guide I have."
# After NOT_FOUND, to a question about using a service we have guides for ("my zoom keeps crashing").
NOT_FOUND_ONLY_PRIVACY = "For {service}, I only help with privacy settings."

STEPS_HEADING = "*Steps on {platform}*"
STEPS_ALL_HEADING = "*On {platform}*"
# Above a guide's steps shown again to "didnt work", "i can't find data privacy": what the bot cannot check itself.
STEPS_DONT_MATCH = "Here are the steps again. If they don't match what you see, tell your privacy team."
SETTING_LINK = "Setting: *{setting}* · <{url}|{label}>"
SETTING_NO_LINK = "Setting: *{setting}*"
NOTES_HEADING = "*Good to know*"
KEY_DATES_HEADING = "*Key dates*"
CONTEXT_SOURCES = "Sources read on {verified}: {sources}"
ALL_NOTES_HEADING = "*Everything to know*"
MORE_LINKS_HEADING = "*More options*"

BUTTON_DETAILS = "More details"
DETAILS_TITLE = "{title}: details"
BUTTON_NOT_APPLICABLE = "Doesn't apply to me"
BUTTON_SNOOZE = "Remind me later"
BUTTON_UNDO = "Undo"
BUTTON_FORGET_CONFIRM = "Yes, delete my data"
BUTTON_CANCEL = "Cancel"

RECORDED = {
    "confirmed": ":white_check_mark: Thanks! Recorded *{title}* as done on {when}.",
    "not_applicable": ":heavy_minus_sign: Noted: *{title}* doesn't apply to you (recorded {when}).",
    "snoozed": ":alarm_clock: OK, I'll remind you about *{title}* by DM on {reminder}.",
}
# An answer shown again with the guide asked for again: given earlier, not now. (A button pressed twice keeps
# RECORDED: its replies replace one message, which must not change from one to the next.)
RECORDED_EARLIER = {
    "confirmed": ":white_check_mark: You recorded *{title}* as done on {when}.",
    "not_applicable": ":heavy_minus_sign: You noted *{title}* doesn't apply to you (recorded {when}).",
}
RECORDED_REPLACED = " This replaces your earlier answer, “{was}”."
REASON_PROMPT = "Why doesn't it apply? (optional – it helps your privacy team)"
REASON_BUTTONS = {"no_account": "I have no {service} account", "region": "Not in a region where it applies"}
REASON_LABELS = {"no_account": "no account", "region": "not in a region where it applies"}
RECORDED_REASON = ":heavy_minus_sign: Noted: *{title}* doesn't apply to you – {reason} (recorded {when})."
UNDONE = "Undone: *{title}* is back to not done yet."
NOTHING_TO_UNDO = "There was nothing recorded for *{title}*, so nothing to undo."
NOTHING_TO_RECORD = (
    "*{title}*: there is no setting to switch off, so nothing to record or to remind you of. "
    "`{cmd} {service}` says what you can do instead."
)
ALREADY = "Already recorded: *{title}* – {status} since {when}."
# What members say they did, in their own words (bot/slack/statements.py).
# Below what was recorded, to "I have done the steps but i am not sure if it is saved".
CANT_SEE_SAVED = (
    "I can't see your settings: I have no access to your accounts. Open the setting again: if its switch shows off, "
    "your change was saved."
)
# To "not now" right after a guide or its reminder: nothing is snoozed unasked. {day}: when *Remind me later* would
# bring it back, as its own reply says.
NOT_NOW = (
    "OK, not now. *{later}* (or `{cmd} later {guide}`) brings *{title}* back on {day}, and *{skip}* stops my "
    "reminders about it."
)
# To "will do", "on it", a thumbs up right after a guide or its reminder: nothing is done yet, so nothing recorded.
# Recording is what stops a campaign's reminders; a member no campaign asks gets none: nothing promised about them.
WHEN_DONE = "When it's done, press *{done}* or type `done` to record it: any reminders about *{title}* then stop."
# To "i turned off my phone": a device, not the setting, so nothing recorded.
DEVICE_OFF = (
    "Nothing recorded: a device switched off is not the setting. If you turned the setting off, type `{cmd} done "
    "{guide}`."
)
# To "done for the day", "snooze my alarm": a record word, no guide after it.
NOT_A_GUIDE_RECORDED = (
    "Nothing recorded: I only keep track of privacy guides. To record one, name it, for example "
    "`{cmd} {verb} linkedin`."
)
# To "did it record linkedin?" when nothing is: the status buttons follow.
NOTHING_RECORDED_YET = "Nothing recorded yet for *{title}*."
# To "i clicked the wrong button": which one is not said.
WRONG_CLICK = (
    "Press *{undo}* beside what was recorded, or type `{cmd} undo <guide>`, for example `{cmd} undo linkedin`."
)

STATUS_HEADING = "*Your privacy to-dos*"
STATUS_LINE = "{emoji} *{title}* – {status}{when}"
STATUS_WHEN = " ({when})"
STATUS_NOTHING = "Nothing to do for you right now."
STATUS_ALSO = "Also available, if it concerns you: {guides}. Ask me about any of them."
# After a to-do a running campaign asks the member about: when the team wants it done.
STATUS_DEADLINE = " · deadline {date}"
STATUS_DEADLINE_PASSED = " (passed)"
# The short status: the to-dos not listed, and the guides only offered, named by service in one line.
STATUS_MORE = "{count} more to do: {services}."
STATUS_ALSO_SHORT = "Also available, if it concerns you: {services}."
STATUS_SEE_ALL = "`{cmd} status all` lists every guide, or ask me about any service."

FORGET_ASK_BODY = (
    "This deletes everything I store about you in this workspace: your name, time zone and role, what you "
    "recorded, your platform, the reminders I sent you and the log of what you did. While you are in the "
    "workspace, I read your time zone and role from Slack again each day (your name too if a campaign reminds you), "
    "and from a campaign's next daily "
    "read of its channels its reports count you as not done yet."
)
FORGET_CONTINUE = " Continue?"
FORGET_ASK = FORGET_ASK_BODY + FORGET_CONTINUE
FORGET_DIGEST_BACK = (
    " Your `{cmd} digest off` is deleted too: while you are a manager, the weekly digests come back by DM."
)
FORGET_REMINDED_TODAY = (
    " You had a reminder from me today: once I no longer know that, a campaign that reads you back into its "
    "audience may remind you once more today."
)
FORGET_DONE = "Done. I deleted {rows} about you. If you talk to me again you start fresh."
# Asked again (a second click, another device): "I deleted 0 records" read as if something had failed.
FORGET_NOTHING = "There was nothing stored about you, so nothing was deleted. If you talk to me again you start fresh."
FORGET_CANCELLED = "OK, nothing was deleted."

USAGE_NEEDS_GUIDE = "Which guide? For example `{cmd} {verb} linkedin`."
GUIDE_GONE = "I don't know the guide “{text}” any more. Ask me again to see the current guides."
UNKNOWN_GUIDE = "I don't know the guide “{text}”. Try `{cmd} help` to see the guides."

# Not "so I answer it in private": that read as a promise of a private answer, and none follows by itself.
ASK_PRIVATELY = "That's personal, so I only answer it in private: use `{cmd}` or send me a direct message."

HOME_TITLE = "Privacy to-dos"
HOME_INTRO = "Privacy changes worth acting on, and where you stand. Ask me anything in a direct message."
HOME_OPEN_GUIDE = "Show steps"
HOME_SETTLED = "*Settled* – what you recorded:"
HOME_ALSO = "*Also available* – not a to-do for you, but here if it concerns you:"
# More guides than App Home can show (Slack takes 100 blocks): a DM takes the commands without the slash.
HOME_MORE = "…and {count} more guides. Send me `status all` in a direct message to see every one."

SORRY = "Sorry, something went wrong on my side. Please try again in a minute."
UNKNOWN_COMMAND = "I don't know `{cmd} {word}`. Try `{cmd} help` for what I can do."
MANAGERS_ONLY = (
    "Sorry, `{cmd} {word}` is for the privacy team's managers. Ask them, or see `{cmd} help` for what you can do."
)
MANAGER_BUTTON_REFUSED = "Sorry, that button is for the privacy team's managers."
MANAGER_ROLE_UNKNOWN = (
    "I couldn't check with Slack yet whether you are one of the privacy team's managers. Please try again in a minute."
)

# Campaigns
CAMPAIGN_STARTING = (
    ":hourglass_flowing_sand: Slack is slow to tell me who is in the audience of *{id}*: "
    "I'll post here when it has started, or why it could not. Nothing is saved until then."
)
CAMPAIGN_USAGE = (
    "Usage: `{cmd} campaign start <guide> <#channel|@group> [YYYY-MM-DD]`, `{cmd} campaign list`, "
    "`{cmd} campaign stop <id>`."
)
# {guide}: the guide's id; {deadline}: the date the manager typed (four weeks ahead when none was, or it is past),
# so that the example, copied, starts the campaign rather than ask for the deadline next.
CAMPAIGN_NEEDS_AUDIENCE = (
    "Which channel or user group? Mention it, e.g. `{cmd} campaign start {guide} #general {deadline}`."
)
# {text}: what the manager typed as the audience and Slack did not link ("#genral", a channel they cannot see).
CAMPAIGN_NOT_LINKED = (
    "Which channel or user group? Slack did not link {text}, so I can't tell which one it is: pick the channel "
    "from the list as you type `#` (a group as you type `@`), or give its ID, e.g. `{cmd} campaign start {guide} "
    "#general {deadline}`."
)
# {example}: a date four weeks from today, so that copying it never meets "already past".
CAMPAIGN_BAD_DATE = "“{text}” is not a date I can read: use YYYY-MM-DD, e.g. {example}."
# A date's form, not a date on the calendar ("2027-02-30", "2027-13-01"): what is wrong with it, not "can't read".
CAMPAIGN_NO_SUCH_DAY = "“{text}”: {month} {year} has no day {day} (it has {last} days). Use YYYY-MM-DD, e.g. {example}."
CAMPAIGN_NO_SUCH_MONTH = "“{text}”: there is no month {month}. Use YYYY-MM-DD (year, month, day), e.g. {example}."
# Both numbers could be the month: guessing would set reminders a month or more off.
CAMPAIGN_AMBIGUOUS_DATE = (
    "“{text}” could be {one} or {other}: write the deadline as YYYY-MM-DD (year, month, day), e.g. {example}."
)
CAMPAIGN_TWO_DATES = "Which deadline? You wrote {dates}: a campaign has one. Start it again with one date."
CAMPAIGN_PAST_DATE = "{date} is already past. Pick a deadline from today on."
CAMPAIGN_FAR_DATE = "{date} is more than 10 years away: a slip of the year? Pick a nearer deadline, e.g. {example}."
# {audience}: the channels as mentions; {typed}: as the manager typed them, to copy into the command again.
CAMPAIGN_NEEDS_DATE = (
    "*{title}* has no policy date ahead, so I need a deadline for {audience}: "
    "`{cmd} campaign start {guide} {typed} YYYY-MM-DD`."
)
CAMPAIGN_STARTED = (
    ":mega: Campaign *{id}* started: *{title}* for {audience}, deadline {deadline}. {members}; {reminders}."
)
# The guide's `applies_to` (owners, regions) leaves out some of the channel's members.
CAMPAIGN_STARTED_SOME = "{members} of the {everyone} members (the guide is a to-do only for them)"
CAMPAIGN_STARTED_NONE = "{members} of the {everyone} members (the guide is a to-do for none of them)"
# {dates}: the days as the scheduler plans them ("Mon 18 Jan, Mon 25 Jan and Mon 1 Feb"), not days before: a
# manager could not tell which days "14, 7, 0 days before" were, nor why "1" was missing.
CAMPAIGN_STARTED_POSTS = "channel posts on {dates} at {at} ({tz})"
CAMPAIGN_STARTED_POST_ON = "a channel post on {dates} at {at} ({tz})"
# Started on the deadline day: "0 days before" is no day a manager counts.
CAMPAIGN_STARTED_POST_DEADLINE_DAY = "a channel post on the deadline day at {at} ({tz})"
CAMPAIGN_STARTED_POST_NOW = "a channel post now, on the deadline day"
# Today's post is past its hour but still sent: it goes out at once, not at {at}.
CAMPAIGN_STARTED_TODAYS_NOW = "; today's goes out now"
CAMPAIGN_STARTED_NUDGES = ", and DMs to those still pending on the same days at {at} in their own time zone"
# The DMs' days differ from the posts' (a post sent before the campaign was stopped and started again, today's
# post too late to send while today's DMs are still ahead somewhere).
CAMPAIGN_STARTED_NUDGES_ON = ", and DMs to those still pending on {dates} at {at} in their own time zone"
CAMPAIGN_STARTED_NUDGES_LEFT = (
    ", and DMs to those still pending at {at} in their own time zone, where that is still to come"
)
# Some reminder day fell on a Saturday or Sunday: why the dates are not the days remind_days_before counts to.
CAMPAIGN_STARTED_WEEKEND = " (a reminder that falls on a weekend waits for Monday{unless}, one a day at most)"
CAMPAIGN_STARTED_WEEKEND_UNLESS = " unless that is past the deadline"  # a weekend day is among the dates
# A day in a year other than the deadline's: "Mon 28 Dec 2026".
CAMPAIGN_DAY = "{weekday} {day} {month}"
CAMPAIGN_DAY_YEAR = "{weekday} {day} {month} {year}"
# A campaign over user groups only: there is no channel to post in.
CAMPAIGN_STARTED_DMS_ONLY = "DMs to those still pending on {dates} at {at} in their own time zone"
CAMPAIGN_STARTED_DMS_DEADLINE_DAY = "DMs to those still pending on the deadline day at {at} in their own time zone"
# Started too late for any channel post; a DM at {at} may still be ahead in a member's own zone.
CAMPAIGN_STARTED_NO_POSTS = "no channel post is left before the deadline"
CAMPAIGN_STARTED_DMS_LEFT = "DMs to those still pending at {at} in their own time zone, where that is still to come"
CAMPAIGN_STARTED_NOTHING_SENT = "no channel to post in and DMs are off, so nothing will be sent"
# Warned, not refused: the DMs go out whatever the posts do, and the bot cannot join a channel itself (its scopes
# read channels, none joins one). {channels}: mentions; {invite}: CAMPAIGN_INVITE_ME; {when}: one of the two below.
CAMPAIGN_STARTED_NOT_MEMBER = (
    "\n:warning: I'm not a member of {channels}, so Slack would refuse my posts there: invite me ({invite}) {when}."
)
CAMPAIGN_INVITE_ME = "`/invite` <@{bot}>"
CAMPAIGN_INVITE_ME_UNNAMED = "`/invite` and my name"  # Slack has not said who the bot is (a start without auth.test)
CAMPAIGN_FIRST_POST_AT = "before the first post, on {date} at {at} ({tz})"
# "Before the first post, which goes out now" asked for the impossible: today's is refused, the next ones need not be.
CAMPAIGN_FIRST_POST_NOW = "now: today's post goes out in a moment, and the later ones once I'm in"
# Another running campaign for the guide over some of the same channels or groups. Said, not refused: a second
# round started before the first is stopped may be meant.
CAMPAIGN_STARTED_OVERLAP = (
    "\n:warning: *{other}* already reminds {audience} about this guide until {deadline}, so members there hear "
    "from both campaigns (DMs on the days of either, one a day at most). To keep one: `{cmd} campaign stop {other}` "
    "or `{cmd} campaign stop {id}`."
)
CAMPAIGN_NOTHING_TO_SWITCH = (
    "*{title}*: there is nothing to switch off, so nobody could ever be done with it and a campaign would "
    "remind everyone until its deadline. To tell a channel about it, mention me there with the service's name: "
    "the guide is answered in the thread, for everyone to see."
)
CAMPAIGN_EXISTS = "There is already a campaign *{id}*. Stop it first, or pick another guide or date."
# The same guide and deadline make the same id: the way to add channels or groups to a running campaign.
CAMPAIGN_EXISTS_ADD = (
    "There is already a campaign *{id}*. To add channels or groups, stop it (`{cmd} campaign stop {id}`) and start it"
    " again naming them all: a reminder it already sent is not sent again. Or pick another guide or date."
)
CAMPAIGN_LIST_HEADING = "*Campaigns*"
CAMPAIGN_LIST_LINE = "• *{id}* – {title}, deadline {deadline} ({audience}){state}"
CAMPAIGN_LIST_STOPPED = " – stopped"
CAMPAIGN_LIST_ENDED = " – ended"
CAMPAIGN_LIST_GUIDE_GONE = " – its guide is no longer installed: nothing goes out"
CAMPAIGN_LIST_FILE = " – from the campaigns file"
# A stored campaign today's checks refuse (saved before they existed): listed, never run. {why}: one of the two below.
CAMPAIGN_LIST_UNUSABLE = " – {why}, so nothing goes out for it"
CAMPAIGN_LIST_UNUSABLE_STOP = ": stop it with `{cmd} campaign stop {id}`"
CAMPAIGN_UNUSABLE_DEADLINE = "its deadline {deadline} is outside {first} to {last}, the dates the bot accepts"
CAMPAIGN_UNUSABLE_OTHER = "its stored {fields} no longer pass the bot's checks"
CAMPAIGN_UNUSABLE = (
    "Campaign *{id}* cannot run: {why}. It sends nothing and has no report; `{cmd} campaign stop {id}` stops it, "
    "and `{cmd} campaign start` starts a new one."
)
CAMPAIGN_NONE = "No campaigns yet. Start one with `{cmd} campaign start <guide> <#channel> [YYYY-MM-DD]`."
CAMPAIGN_UNKNOWN = "I don't know a campaign “{text}”. `{cmd} campaign list` shows them."
CAMPAIGN_NONE_RUNNING = (
    "No campaign “{text}” is running now; stopped or ended: {ids}. `{cmd} report` with its id still shows its numbers."
)
CAMPAIGN_AMBIGUOUS = "“{text}” fits {count} running campaigns: {ids}. Name one by its id."
CAMPAIGN_STOPPED = "Campaign *{id}* stopped: no more reminders go out for it."
CAMPAIGN_STOPPED_ALREADY = "Campaign *{id}* was stopped already: no reminders go out for it."
CAMPAIGN_STOP_USAGE = "Which campaign? `{cmd} campaign stop <id>` – `{cmd} campaign list` lists them."
# A report's line on channels that refuse the campaign's posts: only the posts; a member's DM does not go through the
# channel. {channels}: the first channels as mentions, then REPORT_UNPOSTED_MORE; {why}: one of the reasons below,
# or REPORT_UNPOSTED_OTHER.
CAMPAIGN_UNPOSTED = "\n:warning: My channel posts don't reach {channels}: {why}."
CAMPAIGN_UNPOSTED_WHY = {
    "is_archived": (
        "it is archived (unarchive it, or stop this campaign and start one on another channel); "
        "my DMs to its members are not affected"
    ),
    "not_in_channel": "I'm not a member of it (invite me); my DMs to its members are not affected",
    "channel_not_found": "it no longer exists, or I can't see it",
}
CAMPAIGN_UNPOSTED_WHY_MANY = {
    "is_archived": (
        "they are archived (unarchive them, or stop this campaign and start one on other channels); "
        "my DMs to their members are not affected"
    ),
    "not_in_channel": "I'm not a member of them (invite me); my DMs to their members are not affected",
    "channel_not_found": "they no longer exist, or I can't see them",
}
# A DM to the manager who started a campaign, at the first post a channel refused. {why}: CAMPAIGN_UNPOSTED_WHY's
# words for Slack's error (or REPORT_UNPOSTED_OTHER); {todo}: REFUSED_POST_INVITE when inviting the bot is the fix.
# Once: a refused post is settled, never sent again, and so is this DM, whatever later posts Slack refuses there.
REFUSED_POST = (
    ":warning: Slack refused my reminder post for campaign *{id}* in <#{channel}>: {why}.{todo} I'm telling you once,"
    " as you started this campaign; `{cmd} report {id}` names the channel until a post there goes through."
)
# {invite}: CAMPAIGN_INVITE_ME (or its unnamed form). The bot cannot join a channel itself: a member invites it.
REFUSED_POST_INVITE = (
    " To fix it, type {invite} in that channel: once I'm in, Slack takes my posts there (the refused one is not sent"
    " again)."
)
# Slack's errors for which inviting the bot is the fix: not a member, or a private channel it cannot see.
INVITE_FIXES = frozenset({"not_in_channel", "channel_not_found"})
# A guide's name a letter or two off one the bot has ("lnkdn"): the id to type instead.
CAMPAIGN_GUIDE_DID_YOU_MEAN = "I don't know the guide “{text}”. Did you mean `{guide}`?"
# A nudge for a campaign that no longer runs: which of the two, as stopped is a manager's doing and a passed deadline
# is not ({instead}: NUDGE_RUNNING_INSTEAD…, or nothing).
CAMPAIGN_NUDGE_STOPPED = "Campaign *{id}* is stopped, so I don't nudge for it any more.{instead}"
CAMPAIGN_NUDGE_DEADLINE_PASSED = (
    "Campaign *{id}* is past its deadline ({deadline}), so I don't nudge for it any more.{instead}"
)
# Named, not stopped: a stop is not undone, so it takes the campaign's id even when only one runs.
CAMPAIGN_STOP_THE_ONE_RUNNING = "Which campaign? The one running is `{id}`: `{cmd} campaign stop {id}`."
CAMPAIGN_SLACK_UNAVAILABLE = (
    "Slack did not answer who is in that audience (`{code}`), so nothing was started. Please try again in a minute."
)
CAMPAIGN_AUDIENCE_UNSEEN = (
    "I couldn't see who is in that audience: Slack answered `{code}`. Check the channel or user group "
    "(invite me to a private channel first), then start the campaign again. Nothing was started."
)
CAMPAIGN_CHANNEL_ARCHIVED = (
    "#{channel} is archived: Slack refuses every post to it, so none of the campaign's reminders could go out "
    "there. Unarchive it or pick another channel, then start the campaign again. Nothing was started."
)
CAMPAIGN_CHANNELS_ARCHIVED = (
    "{channels} are archived: Slack refuses every post to them, so none of the campaign's reminders could go out "
    "there. Unarchive them or pick other channels, then start the campaign again. Nothing was started."
)
CAMPAIGN_FILE_STOPPED = (
    "Campaign *{id}* comes from the campaigns file (CAMPAIGNS_FILE): it starts again when the bot restarts "
    "with it in the file. For a campaign of your own, pick another date."
)
CAMPAIGN_FROM_FILE = (
    "Campaign *{id}* stopped: no more reminders go out for it until the bot restarts. It comes from the campaigns "
    "file (CAMPAIGNS_FILE): remove it there, or it comes back on restart."
)

# What reminders say
ANNOUNCE_TITLE = "Reminder: {title}"
ANNOUNCE_TEXT = (
    ":calendar: *{what}* – {when}.\n{summary}\n*{days_left}* to act. "
    "Press a button below so I stop reminding you, or ask me `{cmd} {service}` for the steps on your device."
)
ANNOUNCE_WHEN = "{date}{regions}"
DAYS_LEFT = {0: "Today is the last day", 1: "1 day left"}
DAYS_LEFT_MANY = "{days} days left"
NUDGE_TEXT = (
    ":wave: A friendly reminder: *{title}* – {days_left} (deadline {deadline}). It takes a minute; here are the steps."
)
# A manager's nudge on the deadline day (BOT_TIMEZONE) reaching a member whose own day is the next one.
NUDGE_PAST_TEXT = (
    ":wave: A friendly reminder: *{title}* – the deadline {deadline} has passed where you are. It takes a minute; "
    "here are the steps."
)
SNOOZE_OVER_TEXT = ":alarm_clock: You asked me to remind you: *{title}*. Here are the steps again."

COULD_NOT_SAVE = "I couldn't save that just now – please try again in a minute."
# A read says nothing of saving: the member may only have asked for their status.
COULD_NOT_READ = "I couldn't reach my records just now – please try again in a minute."


# --- guides and answers (issue 9) ---------------------------------------------------------------
NOT_UNDONE_HEADING = "*What opting out does not undo*"
SOURCES_OLD = (
    ":warning: These sources were read {days} days ago, on {verified}: menus and policies may have changed since."
)
GUIDE_AGE = "sources read {verified}, {days} ago"
NO_GUIDE_YET = "I have no guide for that yet{about}."
NO_GUIDE_YET_ABOUT = " ({service})"
NO_GUIDE_CLOSEST = "The closest guides I have:"
# In place of NO_GUIDE_CLOSEST when the question names a service we have guides for: what there is for it.
NO_GUIDE_OWN = "My guides for {service}:"
# Before the service's own pages that the question's words name (a guide's links), when there are some.
NO_GUIDE_LINKS = "{service}'s own pages for that:"
# Read by members (in a channel's thread too), acted on by whoever runs the bot: whom to ask, not the operator's
# files and commands (README, *Guides*, has those).
NO_GUIDE_ADD = "Whoever runs this bot can add a guide for it: ask them."
GREETING = "Hi! Ask me about a service, e.g. “how do I stop LinkedIn training AI on my data?”, or pick a guide:"

DATES_TITLE = "Policy dates"
# Above a guide's steps, to a question about a deadline or a date: the guide's dates follow, as `dates` lists them.
DATES_ASKED = "*You asked about dates: {service}'s, from this guide*"
# Above the guide's dates, to a question about a deadline from a member a running campaign asks about the guide
# (only where no one else sees the answer): the campaign's deadline, not the service's dates, is what they must meet.
# {date}: as `status` shows it; passed once the member's own day is past it.
DEADLINE_ASKED = ":calendar: Your privacy team asks you to do this by *{date}*."
DEADLINE_ASKED_PASSED = ":calendar: Your privacy team asked you to do this by *{date}*" + STATUS_DEADLINE_PASSED + "."
# In their place, to a member no running campaign asks about the guide: the service's past dates are no deadline of
# theirs (whatever the service's own dates were, nothing here asks them to act by one).
NO_DEADLINE_ASKED = ":calendar: No campaign of your privacy team asks you to do this by a date."
NO_DEADLINE_DATES_BELOW = " The dates below are {service}'s own."
# Instead of every guide, to a deadline asked about naming no service ("whats the deadline"), privately, from a member
# no running campaign asks anything of.
NO_DEADLINE_ASKED_ANY = (
    "No campaign of your privacy team asks you to do anything by a date. Name a service for its policy dates "
    "(`{cmd} dates linkedin`)."
)
# The same, from a member whom running campaigns ask about more than one guide: those guides, each with its deadline
# (DEADLINES_ASKED_LINE, "(passed)" as DEADLINE_ASKED_PASSED says it) and HOME_OPEN_GUIDE's button.
DEADLINES_ASKED = ":calendar: Your privacy team asks you to do each of these by a date:"
DEADLINES_ASKED_LINE = "*{title}*: by *{date}*"
DATES_TITLE_FOR = "Policy dates: {service}"
DATES_UPCOMING = "*Coming up*"
DATES_RECENT = "*Recent*"
DATES_EARLIER = "…and {count} earlier dates: `{cmd} dates <service>` lists every date of one service"
DATES_NONE_UPCOMING = "No upcoming dates in the guides."
DATES_LINE = "*{date}* · {service}{regions}: {what}"
DATES_REGIONS = " ({regions})"
DATES_FOOTER = "Dates come from the guides' sources; regions say where a change applies (none: everywhere)."
CALENDAR_NAME = "Privacy policy dates"

# Reports
REPORT_HEADING = "{title}"
# Answered: done or doesn't apply, both settled; "done" above a "Done 0" beside it read as a miscount.
REPORT_PROGRESS = "`{bar}` *{percent}%* answered · {done} of {audience} · campaign `{id}`"
REPORT_COUNTS = (
    ":white_check_mark: Done *{confirmed}* · :heavy_minus_sign: Doesn't apply *{not_applicable}* · "
    ":alarm_clock: Snoozed *{snoozed}* · :hourglass_flowing_sand: Pending *{pending}*"
)
REPORT_LEFT = " · left the audience {left} (not counted)"
REPORT_DEADLINE_AHEAD = ":calendar: Deadline {date}: {days} days left"
REPORT_DEADLINE_TODAY = ":calendar: Deadline today ({date})"
REPORT_DEADLINE_TOMORROW = ":calendar: Deadline tomorrow ({date})"
REPORT_DEADLINE_YESTERDAY = ":calendar: Deadline {date} passed yesterday"
# {since}: REPORT_STOPPED_SINCE or REPORT_STOPPED_SINCE_BY, when the data has it.
REPORT_DEADLINE_STOPPED = ":calendar: Deadline {date} · stopped: no reminders go out for it{since}"
REPORT_STOPPED_SINCE = " (stopped {when})"
# The stopper is named from the audit log: gone once they used forget-me, and then the time alone is said.
REPORT_STOPPED_SINCE_BY = " (stopped {when} by <@{user}>)"
# A campaign for a guide since removed from GUIDES_DIR (or renamed): the scheduler skips it.
REPORT_DEADLINE_GUIDE_GONE = (
    ":calendar: Deadline {date} · its guide `{guide}` is no longer installed, so no reminders go out for it: "
    "put the guide back in GUIDES_DIR, or stop the campaign"
)
REPORT_DEADLINE_PAST = ":calendar: Deadline {date} passed {days} days ago"
# After a report's deadline line once the deadline has passed in BOT_TIMEZONE: the campaign is over for its
# managers (its final digest says so too), whatever DMs to members further west its last hours still send.
REPORT_ENDED = " · the campaign has ended"
REPORT_TREND = "Answers per day since {start}: `{spark}` · best day {best} · today {today}"
REPORT_TREND_ENDED = "Answers per day from {start} to {end}: `{spark}` · best day {best}"
REPORT_TREND_AFTER = " · {count} answered after {end}"
# Done before the trend's first day (an earlier campaign for the guide): in the done count, not in the line.
REPORT_TREND_BEFORE = " · {count} answered before {start}"
REPORT_PENDING_HEADING = "*Pending* ({count})"
REPORT_PENDING_MORE = "…and {count} more"
# An audience of nobody (Slack not read yet, an empty channel): nothing to celebrate either.
REPORT_NOBODY_PENDING = "Nobody is pending."
# Celebrated only when everyone in the audience answered: a snoozed member has not.
REPORT_EVERYONE_ANSWERED = ":tada: Everyone has answered: nobody is pending."
# Nobody pending, but some snoozed: they come back as pending when their reminder DM goes, at the snooze's end.
REPORT_NOBODY_PENDING_SNOOZED = ":alarm_clock: Nobody is pending; {snoozed} snoozed. {first_end}"
# {when}: the first snooze's end in BOT_TIMEZONE (`moment_text`); the member's reminder DM comes back then.
SNOOZE_FIRST_END = "The first snooze ends {when}, when that member's reminder DM comes back and they are pending again."
REPORT_SNOOZED_HEADING = "*Snoozed* ({count}), each until the day my reminder DM comes back"
REPORT_SNOOZED_UNTIL = "<@{user}> until {day}"
REPORT_SNOOZED_MORE = "…and {count} more"
REPORT_NAMES_HIDDEN = (
    ":lock: Counts only: this audience has fewer than {min} members (REPORT_MIN_GROUP), so no names are shown."
)
REPORT_USAGE = (
    "`{cmd} report` shows every active campaign in a line; `{cmd} report <campaign>` (its id, or its guide's word such"
    " as `linkedin`) shows one in detail."
)
REPORT_ALL_HEADING = "*Active campaigns*"
# {snoozed}: REPORT_SHORT_SNOOZED when anyone is snoozed, so done, pending and snoozed add up to the audience.
# {unreachable}: REPORT_SHORT_UNREACHABLE when Slack refused some pending members' DMs, so that silence is not read
# as members ignoring their reminders.
# "{done} of {audience}": the line stands alone, without the full report's counts beside it.
REPORT_SHORT_LINE = (
    "*{title}* (`{id}`)\n`{bar}` {done} of {audience} answered ({percent}%) · {pending} pending{snoozed}{unreachable}"
    " · {deadline}"
)
REPORT_SHORT_DEADLINE = "deadline {deadline}"
REPORT_SHORT_SNOOZED = " · {snoozed} snoozed"
REPORT_SHORT_UNREACHABLE = " · {count} could not be reached by DM"
REPORT_NO_CAMPAIGNS = "No active campaigns. Start one with `{cmd} campaign start <guide> <#channel> [YYYY-MM-DD]`."
# Beside REPORT_NO_CAMPAIGNS when the workspace has stopped or ended campaigns: their numbers are still there.
REPORT_PAST_CAMPAIGNS = (
    " Stopped and ended campaigns still have reports: `{cmd} campaign list` lists their ids, `{cmd} report <id>`"
    " shows one."
)
# After REPORT_PAST_CAMPAIGNS: the campaign that ended or was stopped last, whose report is the one most likely wanted.
REPORT_LAST_ENDED = " The last one, `{id}`, ended on {day}: `{cmd} report {id}`."
REPORT_LAST_STOPPED = " The last one, `{id}`, was stopped on {day}: `{cmd} report {id}`."
REPORT_MORE_CAMPAIGNS = "…and {count} more: `{cmd} report <campaign>` shows any of them."
BUTTON_NUDGE = "Nudge pending now"
BUTTON_EXPORT = "Export CSV"
# Above the report, to "report linkedin csv": where the CSV is.
REPORT_CSV_BELOW = "The CSV: press *{button}* under this report."
BUTTON_REPORT_DETAILS = "Details"

# A report's line on pending members Slack will not take a DM for; {reasons}: the DmRefusal phrases below.
REPORT_UNREACHABLE = "\n:warning: My DMs don't reach {count}: {reasons}."
# CAMPAIGN_UNPOSTED's reason for a refusal it has no words for, and the channels past the first ones.
REPORT_UNPOSTED_OTHER = "Slack refuses my posts there (`{code}`)"
REPORT_UNPOSTED_MORE = "{shown} and {count} more channels"
REPORT_UNPOSTED_ONE_MORE = "{shown} and 1 more channel"
REPORT_UNREACHABLE_WHY = {
    DmRefusal.GONE: "{count} deactivated or no longer in the workspace",
    DmRefusal.RESTRICTED: "{count} whom the workspace's settings keep me from messaging",
    DmRefusal.MESSAGES_TAB: (
        "{count} because my Messages tab is off (an admin can turn it on in the app's settings, under App Home)"
    ),
    DmRefusal.ACCESS: "{count} because my Slack access no longer works (the app's token or permissions need fixing)",
    DmRefusal.OTHER: "{count} for another reason Slack gave",
}

NUDGE_USAGE = "Which campaign? `{cmd} nudge <campaign>` – `{cmd} report` lists them."
NUDGE_THE_ONE_RUNNING = "\n(No campaign named: *{id}* is the one running.)"
# {count}: "the 4 members", or "1 of the 4 members" when others had a DM today or are asleep.
NUDGE_STARTED = (
    ":outbox_tray: Nudging {count} still pending in *{id}* by DM now. I'll tell you when the last one has gone."
)
NUDGE_NOBODY = "Nobody to nudge in *{id}*: everyone still pending has had a DM from me today."
NUDGE_HAD_TODAY = " {count} had a DM about it from me today already."
# {when}: when the first of them is in their daytime, as a Slack date ("Tuesday at 08:00" in the reader's zone).
NUDGE_LATER = " Left for later: {count} for whom it is outside {hours} now; press again from {when}."
NUDGE_NOBODY_AWAKE = (
    "Nobody to nudge in *{id}* right now: {count} still pending {are} outside {hours} where they are. "
    "Press again from {when} to reach the first of them."
)
NUDGE_NONE_PENDING = "Nobody to nudge in *{id}*: nobody is pending."
# {first_end}: SNOOZE_FIRST_END.
NUDGE_NONE_PENDING_SNOOZED = "Nobody to nudge in *{id}*: nobody is pending; {snoozed} snoozed. {first_end}"
# Pressed on an old report while another campaign for the guide runs (a replacement, a second round).
NUDGE_RUNNING_INSTEAD = " *{other}* runs for the same guide: `{cmd} nudge {other}`."
NUDGE_RUNNING_INSTEAD_NEAREST = (
    " Of the campaigns running for the same guide, *{other}* has the nearest deadline ({deadline}):"
    " `{cmd} nudge {other}`. Also running: {others}."
)
NUDGE_GUIDE_GONE = (
    "Campaign *{id}*: its guide `{guide}` is no longer installed, so I have nothing to send. "
    "Put the guide back in GUIDES_DIR, or stop the campaign."
)
NUDGE_DONE = ":white_check_mark: Nudged {sent} of *{id}* by DM; the last DM went {last}."
NUDGE_DONE_FAILED = " {failed} could not be sent; press the button again later to retry them."
NUDGE_DONE_REFUSED = (
    " Slack refused {refused} for good (the report of *{id}* says why): pressing again won't reach them."
)
# Cut short: the bot was stopping (a deploy, a restart) or its database stopped answering.
NUDGE_CUT_SHORT = (
    ":warning: I stopped nudging *{id}* before the end (I was restarting, or my database stopped answering): "
    "{sent} got the DM, {left} did not. Press the button again in a few minutes to reach them."
)
NUDGE_NOT_SENT = (
    ":warning: I couldn't nudge *{id}*: my database stopped answering, so no DM went out. "
    "Press the button again in a few minutes."
)

EXPORT_STARTED = ":page_facing_up: Preparing the CSV of *{id}*: it arrives in our direct messages in a moment."
EXPORT_TITLE = "{id} – report {day}"
# {rows}: every line of the CSV, members who left the audience included; the report counts those apart.
EXPORT_COMMENT = (
    "The CSV of *{id}*: {rows}, one a line (user id, name, status, recorded at, platform, reason). "
    "Members who left the audience are in it as `left`; the report counts them apart."
)
EXPORT_COMMENT_COUNTS = "The CSV of *{id}*: counts only, as the audience is smaller than REPORT_MIN_GROUP."
EXPORT_FAILED = "Sorry, I couldn't upload the CSV of *{id}*. Please try again in a minute."
EXPORT_CUT_SHORT = (
    "Sorry, I couldn't put the CSV of *{id}* together: my database stopped answering. "
    "Please try again in a few minutes."
)

# `digest` alone (or with a word other than on|off): where the manager stands, and how to change it.
DID_YOU_MEAN_DIGEST = "Did you mean `{cmd} digest {choice}`? "
DIGEST_STATE = {
    True: "Your weekly digests are on: a summary by DM each Monday while campaigns run. `{cmd} digest off` stops them.",
    False: "Your weekly digests are off. `{cmd} digest on` brings them back.",
}
DIGEST_ON = (
    ":mailbox_with_mail: Digests on: a summary by DM every Monday at 09:00 ({tz}) while a campaign runs, "
    "and a final one the day after each deadline."
)
DIGEST_OFF = ":mailbox_with_no_mail: Digests off. `{cmd} digest on` brings them back."
DIGEST_TITLE = "Weekly summary: {title}"
DIGEST_FINAL_TITLE = "Final summary: {title}"
DIGEST_FOOTER = "`{cmd} report {id}` for the latest numbers · `{cmd} digest off` to stop these summaries"
# The final one: nothing more comes for the campaign, so `digest off` would stop nothing of it.
DIGEST_FINAL_FOOTER = "The last summary of `{id}`: none follows for it · `{cmd} report {id}` for the latest numbers"

HOME_MANAGER_HEADING = "Campaigns"
HOME_MANAGER_INTRO = (
    "Only managers see this part. It refreshes when you open Home, and at most once a minute as members answer."
)

# One line in place of the help (bot/service/answering.py, `Answering.short_reply`)
THANKS_REPLY = "You're welcome! Ask me again any time, or `{cmd} help` for everything I can do."
WHICH_SERVICE = "Which service is it about? Name it with your device, e.g. `{cmd} {service} {platform}`."
# The platform word of that example, for the platform the member named ("on my phone" is the app on either).
WHICH_SERVICE_PLATFORMS = {"desktop": "desktop", "ios": "iphone", "android": "android", "mobile": "phone"}
WHICH_SERVICE_PLATFORM = "iphone"  # a platform named unclearly ("laptop or phone")

# Questions about the bot itself, naming no service (bot/replies.py, `about_the_bot`): one answer each.
ABOUT_WHAT_IS_KEPT = (
    HELP_PRIVACY + " Managers are the people whoever runs me names, and workspace admins and owners unless that is "
    "turned off; other members don't see your answers. Whoever runs me can read my database. I talk to Slack only: "
    "nothing about you goes to LinkedIn or any other service. `{cmd} forget-me` deletes what I store about you."
)
ABOUT_IS_IT_LEGIT = (
    "I'm the Privacy Reminder Bot, an open-source Slack app installed in this workspace to help you switch off "
    "privacy settings of the services you use, such as AI training. I never ask for a password or for access to "
    "your accounts: the steps send you to each service's own settings. " + HELP_PRIVACY
)
ABOUT_WHAT_IT_IS = (
    "I'm the Privacy Reminder Bot: a bot this workspace runs, not a person. I answer from my guides, steps written "
    "for each service's privacy settings, by matching the words of your question to them; nothing you type goes to "
    "an AI service. `{cmd} help` lists the guides."
)
ABOUT_FORGET_ME = (
    "To delete everything I store about you, send `{cmd} forget-me`: I ask you to confirm before anything is "
    "deleted. If you meant your data at a service, ask me again naming the service."
)
# To deleting an account or data, naming no service ("how do i delete my account"): which service's, and the bot's own.
ABOUT_DELETING_WHERE = (
    'Which service\'s account or data do you mean? Ask me again naming it ("how do i delete my linkedin account") '
    "and I'll show what I have for it. To delete what I store about you, send `{cmd} forget-me`."
)
# The same, to a manager: the commands are theirs.
ABOUT_MANAGER_COMMANDS_YOURS = (
    "As a manager, you have the commands for that: `{cmd} report` shows who has acted and who is pending "
    "(`{cmd} report <campaign>` lists them, with *Export CSV*), `{cmd} nudge <campaign>` DMs the pending members "
    "now, and `{cmd} campaign start <guide> <#channel|@group>` starts reminders."
)
ABOUT_MANAGER_COMMANDS = (
    "Campaigns, team reminders and reports are for the privacy team's managers: `{cmd} report` shows who has acted "
    "and who is pending (`{cmd} report <campaign>` lists them, with *Export CSV*), `{cmd} nudge <campaign>` DMs the "
    "pending members now, and `{cmd} campaign start <guide> <#channel|@group>` starts reminders."
)
# "Can you turn it off for me?", "just do it for me": the member switches it, in the service's own settings.
ABOUT_DOING_IT_FOR_YOU = (
    "I can't change your settings for you: I have no access to your accounts, and I never ask for a password. Each "
    "guide takes you to the service's own setting, where you switch it yourself. Name the service and I'll show you "
    "its steps, or `{cmd} help` lists the guides I have."
)
# Above a guide, to asking the bot to switch it ("can you turn off linkedin ai training for me"): see
# bot.answers.Answer.asks_the_bot_to_do_it.
DOING_IT_FOR_YOU_ABOVE_GUIDE = (
    "I can't change your settings for you: I have no access to your accounts, and I never ask for a password. These "
    "steps take you to the setting, where you switch it yourself."
)
# "Why did I get this message?": a campaign's reminder (README, Campaigns and reminders).
ABOUT_WHY_THIS_MESSAGE = (
    "I'm the Privacy Reminder Bot, a bot this workspace runs. I send reminders when the privacy team's managers run a "
    "campaign for one of my guides, such as switching off a service's AI training: a reminder DM goes to members who "
    "haven't acted on that guide yet, and names it. *I've opted out* or *Doesn't apply to me* on it stops my reminders "
    "about it; `{cmd} status` shows what is left for you."
)
# "Is this mandatory?", "what happens if I don't opt out", "is it our company policy?": not the bot's to say.
ABOUT_ASK_YOUR_TEAM = (
    "Whether you have to is for your workplace to say, not me: ask your privacy team, or whoever sent you the "
    "reminder. What a setting changes is in its guide: name the service and I'll show it, or `{cmd} help` lists "
    "the guides I have."
)
# "Report a bug", "you're broken", "I have feedback": the bot takes no reports; whoever runs it can act on one.
ABOUT_PROBLEM = (
    "Thanks for telling me. I can't take reports myself: tell your privacy team, who run me in this workspace. They "
    "can correct a guide's steps, or pass a bug on to the open-source project I come from. If a guide's steps don't "
    "match what you see, tell them which service and what you see."
)
# To a password, login or one-time code typed to the bot: never quoted back, whatever else the text asks.
ABOUT_SECRET_SHARED = (
    "Please don't send me passwords or login codes: I never need a password, and I can't sign in to your accounts. "
    "Never send one in a message, to me or to anyone. If you have shared it, change it now at the service it is for."
)
ABOUT_REMINDERS = (
    "My reminder DMs about a guide stop once you press *I've opted out* or *Doesn't apply to me* on it (or send "
    f"`{{cmd}} done <guide>` or `{{cmd}} skip <guide>`). *Remind me later* (`{{cmd}} later <guide>`) pauses them: "
    f"the guide comes back by DM in {SNOOZE_DAYS} days, or on a campaign's deadline day if sooner. "
    "`{cmd} status` shows what is left for you."
)

# `privacy-bot shell` (bot/local/shell.py): its last line, however the person leaves (quit, Ctrl-D, Ctrl-C).
SHELL_GOODBYE = "(shell) Bye. Nothing from this session was kept."

# `privacy-bot manifest --url` (bot/slack/manifest.py): why a URL cannot be Slack's request URL.
MANIFEST_URL_HTTPS = "Slack only calls https:// URLs"
MANIFEST_URL_NO_HOST = "expected a host name such as bot.example.com"
MANIFEST_URL_WHITESPACE = "“{url}” is not a URL: it contains whitespace (a space, tab or line break)"
MANIFEST_URL_INVALID = "“{url}” is not a URL; expected a host name such as bot.example.com, or https://bot.example.com"
MANIFEST_URL_PORT = "“{url}” has no valid port: expected a number from 1 to 65535 after the colon"
MANIFEST_URL_CREDENTIALS = (
    "leave the user name and password out of the URL: the bot checks the signature Slack puts on each request instead"
)

# `privacy-bot ask` answers from a throwaway empty database: after an answer that reads as if something was recorded,
# read or deleted, by the command's name in the table (bot/slack/commands.py); ASK_NOTHING_KEPT for any other of a
# member's own commands.
ASK_NOTHING_KEPT = (
    "(privacy-bot ask reads no database and records nothing: in Slack, this answer depends on what the member who"
    " typed it has recorded.)"
)
ASK_NOTHING_KEPT_BY_COMMAND = {
    "record": "(privacy-bot ask records nothing, reads no database and sends nothing: in Slack, this would act on"
    " what the member who typed it has recorded.)",
    "status": "(privacy-bot ask reads no database: in Slack, this lists what the member who typed it has recorded;"
    " here, as for someone who has recorded nothing.)",
    "forget": "(privacy-bot ask deletes nothing: in Slack, this asks the member who typed it to confirm, then deletes"
    " what the bot stores about them.)",
}

# Right under a guide's title, to a question one of its notes answers (bot/asked_note.py): that note, quoted, and not
# again under NOTES_HEADING. In Slack a quote is a line starting with ">".
ASKED_NOTE = "*What you asked about:*\n> {note}"
# First, to a question whether a guide matters to a member with no account of the service ("what if I don't have a
# linkedin account"). Not that the service leaves their data alone: only that there is no switch of theirs to turn.
# An unused account is still one ("i don't use linkedin"). {skip}: the command that records it, e.g. "/privacy skip
# linkedin no account".
NO_ACCOUNT_ASKED = (
    "No {service} account? What this guide changes belongs to an account, so without one there "
    f"is nothing here for you to do: *{BUTTON_NOT_APPLICABLE}* (or `{{skip}}`) records that and stops my reminders. "
    "An account you no longer use still has it."
)
