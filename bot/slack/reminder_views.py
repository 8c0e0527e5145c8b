"""What reminders look like: the channel announcement, the DM nudge, the snooze-over DM."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Final

from slack_sdk.models.blocks import Block, DividerBlock, HeaderBlock

from bot import strings
from bot.core import Platform
from bot.guides.catalog import Guide
from bot.service.ports import Message
from bot.slack import views

# The block id of a reminder DM's first line: what it was written from, so that a click that shows the guide again
# (another platform, an answer, Undo) writes the same line above it. A snooze's reminder has no deadline.
INTRO_BLOCK: Final = "reminder_intro"
_SNOOZE_OVER: Final = "snooze"


def days_left_text(days: int) -> str:
    return strings.DAYS_LEFT.get(days) or strings.DAYS_LEFT_MANY.format(days=days)


def _policy_line(guide: Guide, deadline: dt.date) -> tuple[str, str]:
    """What changes and when: the guide's policy date matching the deadline, else the deadline itself."""
    match = next((item for item in guide.dates if item.date == deadline), None)
    what = views.plain(match.what if match else guide.title)
    regions = f" ({views.plain(', '.join(match.regions))})" if match and match.regions else ""
    # ISO, as the DM of the same day writes the deadline, and as every date the bot writes and `campaign start` takes.
    return what, strings.ANNOUNCE_WHEN.format(date=deadline.isoformat(), regions=regions)


class ReminderViews:
    """The ReminderRenderer port, in Block Kit."""

    def announcement(self, guide: Guide, *, deadline: dt.date, days_left: int, command: str) -> Message:
        what, when = _policy_line(guide, deadline)
        text = strings.ANNOUNCE_TEXT.format(
            what=what,
            when=when,
            summary=views.plain(guide.summary),
            days_left=days_left_text(days_left),
            cmd=command,
            service=views.plain(guide.service.lower()),
        )
        title = strings.ANNOUNCE_TITLE.format(title=guide.title)
        blocks: list[Block] = [
            HeaderBlock(text=title[:150]),
            views.section(text),
            *views.action_blocks(guide, None, snooze=False),
        ]
        # `text` is mrkdwn too (notifications, and where blocks are not shown): escaped as the blocks are.
        return Message(text=views.plain(title), blocks=views.as_dicts(views.checked(blocks)))

    def nudge(
        self, guide: Guide, *, deadline: dt.date, days_left: int, utc_offset: dt.timedelta, platform: Platform | None
    ) -> Message:
        minutes = int(utc_offset.total_seconds() // 60)
        written_from = f"{INTRO_BLOCK}|{deadline.isoformat()}|{days_left}|{minutes}"
        return self._with_guide(_nudge_text(guide, deadline, days_left), written_from, guide, platform)

    def snooze_over(self, guide: Guide, *, platform: Platform | None) -> Message:
        return self._with_guide(_snooze_over_text(guide), f"{INTRO_BLOCK}|{_SNOOZE_OVER}", guide, platform)

    def _with_guide(self, intro: str, written_from: str, guide: Guide, platform: Platform | None) -> Message:
        blocks: list[Block] = [*_intro_blocks(intro, written_from), *views.guide_blocks(guide, platform)]
        return Message(text=intro, blocks=views.as_dicts(views.checked(blocks)))


def _nudge_text(guide: Guide, deadline: dt.date, days_left: int) -> str:
    if days_left < 0:
        return strings.NUDGE_PAST_TEXT.format(title=views.plain(guide.title), deadline=deadline.isoformat())
    return strings.NUDGE_TEXT.format(
        title=views.plain(guide.title), days_left=days_left_text(days_left).lower(), deadline=deadline.isoformat()
    )


def _snooze_over_text(guide: Guide) -> str:
    return strings.SNOOZE_OVER_TEXT.format(title=views.plain(guide.title))


def _intro_blocks(intro: str, written_from: str) -> list[Block]:
    section = views.section(intro)
    section.block_id = written_from
    return [section, DividerBlock()]


def kept_intro(message: Mapping[str, Any] | None, guide: Guide, *, now: dt.datetime) -> Message | None:
    """The first line of the reminder a click was on (Slack sends a DM's message with the click), written again
    from its block id: never copied, since a click's payload can be forged. None on any other message. The days
    left are counted again at `now`, in the member's zone as the reminder was (a click days later would otherwise
    read "7 days left" on the deadline day)."""
    blocks = (message or {}).get("blocks")
    first = blocks[0] if isinstance(blocks, list) and blocks and isinstance(blocks[0], Mapping) else {}
    kind, _, written_from = str(first.get("block_id") or "").partition("|")
    if kind != INTRO_BLOCK:
        return None
    if written_from == _SNOOZE_OVER:
        intro = _snooze_over_text(guide)
    else:
        deadline_text, _, rest = written_from.partition("|")
        days, _, minutes = rest.partition("|")
        try:
            deadline = dt.date.fromisoformat(deadline_text)
            days_left = int(days)
            if minutes:
                # Within a day of UTC either way: anything else is not a zone, and not written by the bot.
                offset = dt.timedelta(minutes=int(minutes))
                if abs(offset) > dt.timedelta(hours=14):
                    return None
                days_left = (deadline - (now.astimezone(dt.UTC) + offset).date()).days
        except (ValueError, OverflowError):  # forged: a number past any date ("99999999999999999" minutes)
            return None
        intro = _nudge_text(guide, deadline, days_left)
    return Message(text=intro, blocks=views.as_dicts(_intro_blocks(intro, f"{INTRO_BLOCK}|{written_from}")))
