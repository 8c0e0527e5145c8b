"""What reminders look like: the channel announcement, the DM nudge, the snooze-over DM."""

from __future__ import annotations

import datetime as dt

from slack_sdk.models.blocks import Block, DividerBlock, HeaderBlock

from bot import strings
from bot.core import Platform
from bot.guides.catalog import Guide
from bot.service.ports import Message
from bot.slack import views


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

    def nudge(self, guide: Guide, *, deadline: dt.date, days_left: int, platform: Platform | None) -> Message:
        if days_left < 0:
            intro = strings.NUDGE_PAST_TEXT.format(title=views.plain(guide.title), deadline=deadline.isoformat())
            return self._with_guide(intro, guide, platform)
        intro = strings.NUDGE_TEXT.format(
            title=views.plain(guide.title),
            days_left=days_left_text(days_left).lower(),
            deadline=deadline.isoformat(),
        )
        return self._with_guide(intro, guide, platform)

    def snooze_over(self, guide: Guide, *, platform: Platform | None) -> Message:
        return self._with_guide(strings.SNOOZE_OVER_TEXT.format(title=views.plain(guide.title)), guide, platform)

    def _with_guide(self, intro: str, guide: Guide, platform: Platform | None) -> Message:
        blocks: list[Block] = [views.section(intro), DividerBlock(), *views.guide_blocks(guide, platform)]
        return Message(text=intro, blocks=views.as_dicts(views.checked(blocks)))
