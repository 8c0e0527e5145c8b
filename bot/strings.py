"""Every sentence a member or manager reads, in one place to review tone (and to translate later)."""

from __future__ import annotations


def escape(text: str) -> str:
    """Neutralise Slack markup in text a member typed, so `<!channel>` cannot ping anyone when echoed."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


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
HELP_COMMANDS = (
    "*Ask me*\n"
    "• `{cmd} linkedin` – how to stop LinkedIn using your data to train generative AI\n"
    "• `{cmd} <question> [desktop|iphone|android]` – e.g. `{cmd} download my linkedin data iphone`\n"
    "• `{cmd} done <guide>` · `{cmd} skip <guide>` · `{cmd} undo <guide>` – record what you did\n"
    "• `{cmd} status` – what you have done so far\n"
    "• `{cmd} forget-me` – delete everything I store about you\n"
    "You can also send me a direct message or mention me with a question."
)
HELP_GUIDES_HEADING = "*Guides I have*"
HELP_PRIVACY = "I store your Slack ID, name, time zone and what you confirmed, with times. Never message text."

NOT_FOUND = "I couldn't tell which guide “{text}” is about."
NOT_FOUND_EMPTY = "What would you like help with?"
NOT_FOUND_SUGGEST = "Pick one, or ask again naming the service:"

STEPS_HEADING = "*Steps on {platform}*"
STEPS_ALL_HEADING = "*On {platform}*"
SETTING_LINK = "Setting: *{setting}* · <{url}|{label}>"
NOTES_HEADING = "*Good to know*"
KEY_DATES_HEADING = "*Key dates*"
CONTEXT_SOURCES = "Sources: {sources} · Steps last checked {verified}"
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
    "snoozed": ":alarm_clock: OK, I'll remind you about *{title}* after {until}.",
}
REASON_PROMPT = "Why doesn't it apply? (optional – it helps your privacy team)"
REASON_BUTTONS = {"no_account": "I have no {service} account", "region": "Not in a region where it applies"}
REASON_LABELS = {"no_account": "no account", "region": "not in a region where it applies"}
RECORDED_REASON = ":heavy_minus_sign: Noted: *{title}* doesn't apply to you – {reason} (recorded {when})."
UNDONE = "Undone: *{title}* is back to not done yet."
NOTHING_TO_UNDO = "There was nothing recorded for *{title}*, so nothing to undo."
ALREADY = "Already recorded: *{title}* – {status} since {when}."

STATUS_HEADING = "*Your privacy to-dos*"
STATUS_LINE = "{emoji} *{title}* – {status}{when}"
STATUS_WHEN = " ({when})"
STATUS_NOTHING = "No guides yet."

FORGET_ASK = (
    "This deletes everything I store about you in this workspace: what you confirmed, your "
    "platform, reminders and deliveries addressed to you. Managers will see you as not done yet. Continue?"
)
FORGET_DONE = "Done. I deleted {rows} records about you. If you talk to me again you start fresh."
FORGET_CANCELLED = "OK, nothing was deleted."

USAGE_NEEDS_GUIDE = "Which guide? For example `{cmd} {verb} linkedin`."
GUIDE_GONE = "I don't know the guide “{text}” any more. Ask me again to see the current guides."
UNKNOWN_GUIDE = "I don't know the guide “{text}”. Try `{cmd} help` to see the guides."

ASK_PRIVATELY = "That's personal, so I answer it in private: use `{cmd}` or send me a direct message."

HOME_TITLE = "Privacy to-dos"
HOME_INTRO = "Privacy changes worth acting on, and where you stand. Ask me anything in a direct message."
HOME_OPEN_GUIDE = "Show steps"

SORRY = "Sorry, something went wrong on my side. Please try again in a minute."

# Said when the database is slow, locked or gone; nothing of the attempt was written.
COULD_NOT_SAVE = "I couldn't save that just now – please try again in a minute."
