"""Sentences managers read, added while bot/strings.py was being edited by another change: they belong there, and
move there when both land (one place to review tone, as STYLE.md asks)."""

from __future__ import annotations

from typing import Final

# After a report's deadline line once the deadline has passed in BOT_TIMEZONE: the campaign is over for its
# managers (its final digest says so too), whatever DMs to members further west its last hours still send.
REPORT_ENDED: Final = " · the campaign has ended"

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
INVITE_FIXES: Final = frozenset({"not_in_channel", "channel_not_found"})
