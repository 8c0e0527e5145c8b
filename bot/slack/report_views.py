"""What managers see: the campaign report, the short list of campaigns, the App Home section, digests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
)

from bot import strings
from bot.reports import Summary, day_text, first_snooze_end_text, moment_text, progress_bar, sparkline
from bot.service.ports import Message
from bot.service.reports import PastCampaign
from bot.slack import views

ACTION_NUDGE = "report_nudge"
ACTION_EXPORT = "report_export"
ACTION_SHOW = "report_show"
# Every manager button: the listener checks the clicker again, whatever the payload says.
MANAGER_ACTIONS = (ACTION_NUDGE, ACTION_EXPORT, ACTION_SHOW)
# Blocks a campaign takes on App Home (section, trend, buttons), and how many campaigns fit beside the guides.
HOME_CAMPAIGNS = 20
# Channels that refuse a campaign's posts named in a report line, per reason; the rest are counted.
UNPOSTED_SHOWN = 5


def _deadline_text(summary: Summary) -> str:
    date, days = summary.deadline.isoformat(), summary.days_left
    if summary.stopped:
        return strings.REPORT_DEADLINE_STOPPED.format(date=date, since=_stopped_since(summary))
    if summary.guide_gone and days >= 0:
        return strings.REPORT_DEADLINE_GUIDE_GONE.format(date=date, guide=summary.guide_id)
    if days > 1:
        return strings.REPORT_DEADLINE_AHEAD.format(date=date, days=days)
    if days == 1:
        return strings.REPORT_DEADLINE_TOMORROW.format(date=date)
    if days == 0:
        return strings.REPORT_DEADLINE_TODAY.format(date=date)
    if days == -1:
        return strings.REPORT_DEADLINE_YESTERDAY.format(date=date) + strings.REPORT_ENDED
    return strings.REPORT_DEADLINE_PAST.format(date=date, days=-days) + strings.REPORT_ENDED


def _stopped_since(summary: Summary) -> str:
    if summary.stopped_at is None:
        return ""
    when = moment_text(summary.stopped_at, summary.tz)
    if summary.stopped_by is None:
        return strings.REPORT_STOPPED_SINCE.format(when=when)
    return strings.REPORT_STOPPED_SINCE_BY.format(when=when, user=summary.stopped_by)


def _progress_text(summary: Summary) -> str:
    counts = summary.counts
    return strings.REPORT_PROGRESS.format(
        bar=progress_bar(counts.percent),
        percent=counts.percent,
        done=counts.done,
        audience=strings.members(counts.audience),
        id=summary.campaign_id,
    )


def _counts_text(summary: Summary) -> str:
    counts = summary.counts
    text = strings.REPORT_COUNTS.format(
        confirmed=counts.confirmed,
        not_applicable=counts.not_applicable,
        snoozed=counts.snoozed,
        pending=counts.pending,
    )
    text += strings.REPORT_LEFT.format(left=counts.left) if counts.left else ""
    return text + _unreachable_text(summary) + _unposted_text(summary)


def refusal_lines(summary: Summary) -> list[str]:
    """The report's warnings, one mrkdwn line each: pending members Slack takes no DM for, then channels that
    refuse the campaign's posts. `privacy-bot report` prints these very lines, so both say the same."""
    return [line for line in (_unreachable_text(summary) + _unposted_text(summary)).splitlines() if line]


def _unreachable_text(summary: Summary) -> str:
    if not summary.unreachable:
        return ""
    reasons = "; ".join(strings.REPORT_UNREACHABLE_WHY[why].format(count=n) for why, n in summary.unreachable)
    return strings.REPORT_UNREACHABLE.format(
        count=strings.members(sum(n for _, n in summary.unreachable)), reasons=reasons
    )


def _unposted_text(summary: Summary) -> str:
    """One line per reason Slack gave, naming the first UNPOSTED_SHOWN channels: a campaign over a few dozen
    channels archived in a clean-up would otherwise fill the report, and Slack's section limit, with one line each."""
    by_code: dict[str, list[str]] = {}
    for channel, code in summary.unposted:
        by_code.setdefault(code, []).append(channel)
    text = ""
    for code, channels in by_code.items():
        whys = strings.CAMPAIGN_UNPOSTED_WHY if len(channels) == 1 else strings.CAMPAIGN_UNPOSTED_WHY_MANY
        why = whys.get(code) or strings.REPORT_UNPOSTED_OTHER.format(code=strings.escape(code))
        shown = ", ".join(f"<#{channel}>" for channel in channels[:UNPOSTED_SHOWN])
        more = len(channels) - UNPOSTED_SHOWN
        if more == 1:
            shown = strings.REPORT_UNPOSTED_ONE_MORE.format(shown=shown)
        elif more > 1:
            shown = strings.REPORT_UNPOSTED_MORE.format(shown=shown, count=more)
        text += strings.CAMPAIGN_UNPOSTED.format(channels=shown, why=why)
    return text


def trend_text(summary: Summary) -> str:
    """The last day's count is "today" only while the trend runs to today: it ends the day after the
    deadline, and a report read later would otherwise call that day's answers today's. Answers before its first
    day (an earlier campaign's) and after its last are counted beside it, so that the line adds up to the done count."""
    start = summary.trend_start or summary.started
    last = start + dt.timedelta(days=max(0, len(summary.trend) - 1))
    before = strings.REPORT_TREND_BEFORE.format(count=summary.trend_before, start=start.isoformat())
    before = before if summary.trend_before else ""
    if summary.trend and last < summary.today:
        text = strings.REPORT_TREND_ENDED.format(
            start=start.isoformat(),
            end=last.isoformat(),
            spark=sparkline(summary.trend),
            best=max(summary.trend),
        )
        # Answers since then are in the done count: said apart, so that the line adds up to it.
        after = strings.REPORT_TREND_AFTER.format(count=summary.trend_after, end=last.isoformat())
        return text + (after if summary.trend_after else "") + before
    return (
        strings.REPORT_TREND.format(
            start=start.isoformat(),
            spark=sparkline(summary.trend),
            best=max(summary.trend, default=0),
            today=summary.trend[-1] if summary.trend else 0,
        )
        + before
    )


def _pending_text(summary: Summary, *, min_group: int) -> str:
    """Who is pending, then who is snoozed; or, with nobody pending, whether everyone answered or some snoozed."""
    counts = summary.counts
    lines = [strings.REPORT_NAMES_HIDDEN.format(min=min_group)] if summary.names_hidden else []
    if summary.everyone_answered:
        return "\n".join([*lines, strings.REPORT_EVERYONE_ANSWERED])
    if not counts.pending and counts.snoozed:
        # No names in it: said below REPORT_MIN_GROUP too.
        lines.append(
            strings.REPORT_NOBODY_PENDING_SNOOZED.format(
                snoozed=counts.snoozed, first_end=first_snooze_end_text(summary)
            ).rstrip()
        )
    if summary.names_hidden or not counts.audience:
        return "\n".join(lines) or strings.REPORT_NOBODY_PENDING
    if counts.pending:
        names = ", ".join(f"<@{person.user_id}>" for person in summary.pending)
        more = f" {strings.REPORT_PENDING_MORE.format(count=summary.more_pending)}" if summary.more_pending else ""
        lines.append(f"{strings.REPORT_PENDING_HEADING.format(count=counts.pending)}\n{names}{more}")
    if counts.snoozed:
        lines.append(_snoozed_text(summary))
    return "\n".join(lines)


def _snoozed_text(summary: Summary) -> str:
    """As the pending list: the first of them as mentions, each with the day its reminder DM comes back."""
    names = ", ".join(
        strings.REPORT_SNOOZED_UNTIL.format(
            user=snoozed.person.user_id, day=day_text(snoozed.until, summary.tz) if snoozed.until else "-"
        )
        for snoozed in summary.snoozed
    )
    more = f" {strings.REPORT_SNOOZED_MORE.format(count=summary.more_snoozed)}" if summary.more_snoozed else ""
    return f"{strings.REPORT_SNOOZED_HEADING.format(count=summary.counts.snoozed)}\n{names}{more}"


def buttons(summary: Summary) -> ActionsBlock:
    """Nudge only up to the deadline (in the bot's zone, as `nudge` itself decides), while the campaign is
    not stopped and its guide is still there: otherwise the button would only be refused. The CSV is worth having
    after any of these too."""
    campaign_id = summary.campaign_id
    export = ButtonElement(text=strings.BUTTON_EXPORT, action_id=ACTION_EXPORT, value=campaign_id)
    if summary.days_left < 0 or summary.stopped or summary.guide_gone:
        return ActionsBlock(block_id=f"report_{campaign_id}"[:255], elements=[export])
    nudge = ButtonElement(text=strings.BUTTON_NUDGE, action_id=ACTION_NUDGE, value=campaign_id, style="primary")
    return ActionsBlock(block_id=f"report_{campaign_id}"[:255], elements=[nudge, export])


def report_blocks(summary: Summary, *, min_group: int) -> list[Block]:
    """`/privacy report <campaign>`: progress, counts, deadline, trend, who is pending, and the buttons."""
    return views.checked(
        [
            HeaderBlock(text=strings.REPORT_HEADING.format(title=summary.title)[:150]),
            views.section(f"{_progress_text(summary)}\n{_counts_text(summary)}\n{_deadline_text(summary)}"),
            ContextBlock(elements=[MarkdownTextObject(text=trend_text(summary))]),
            views.section(_pending_text(summary, min_group=min_group)),
            buttons(summary),
        ]
    )


def no_campaigns_text(*, command: str, past: int, last: PastCampaign | None = None) -> str:
    """No active campaign; `past`: the workspace's stopped or ended ones, whose reports are still there; `last`: the
    one that ended last, named with its report command."""
    text = strings.REPORT_NO_CAMPAIGNS.format(cmd=command)
    if not past:
        return text
    text += strings.REPORT_PAST_CAMPAIGNS.format(cmd=command)
    if last is None:
        return text
    said = strings.REPORT_LAST_STOPPED if last.stopped else strings.REPORT_LAST_ENDED
    return text + said.format(id=last.id, day=last.day.isoformat(), cmd=command)


def short_blocks(
    summaries: Sequence[Summary], *, command: str, past: int = 0, last: PastCampaign | None = None
) -> list[Block]:
    """`/privacy report` without a campaign: one line each, with a button for the details."""
    if not summaries:
        return views.text_blocks(no_campaigns_text(command=command, past=past, last=last))
    room = views.MAX_MESSAGE_BLOCKS - 2
    blocks: list[Block] = [views.section(strings.REPORT_ALL_HEADING)]
    for summary in summaries[:room]:
        line = strings.REPORT_SHORT_LINE.format(
            title=views.plain(summary.title),
            id=summary.campaign_id,
            bar=progress_bar(summary.counts.percent),
            done=summary.counts.done,
            audience=summary.counts.audience,
            percent=summary.counts.percent,
            pending=summary.counts.pending,
            snoozed=strings.REPORT_SHORT_SNOOZED.format(snoozed=summary.counts.snoozed)
            if summary.counts.snoozed
            else "",
            unreachable=strings.REPORT_SHORT_UNREACHABLE.format(count=sum(n for _, n in summary.unreachable))
            if summary.unreachable
            else "",
            deadline=strings.REPORT_SHORT_DEADLINE.format(deadline=summary.deadline.isoformat()),
        )
        # A channel that refuses every post is worth the glance this report is for, not only its details.
        line += _unposted_text(summary)
        details = ButtonElement(text=strings.BUTTON_REPORT_DETAILS, action_id=ACTION_SHOW, value=summary.campaign_id)
        blocks.append(views.section(line, accessory=details))
    if len(summaries) > room:
        blocks.append(views.section(strings.REPORT_MORE_CAMPAIGNS.format(count=len(summaries) - room, cmd=command)))
    return views.checked(blocks)


def home_blocks(
    summaries: Sequence[Summary],
    *,
    command: str,
    room: int = views.MAX_VIEW_BLOCKS,
    past: int = 0,
    last: PastCampaign | None = None,
) -> list[Block]:
    """The managers' part of App Home: each active campaign's progress and trend, with the same buttons,
    as many campaigns as fit in `room` blocks (what the member's own part of Home leaves)."""
    shown = max(0, min(HOME_CAMPAIGNS, (room - 4) // 3))
    blocks: list[Block] = [
        DividerBlock(),
        HeaderBlock(text=strings.HOME_MANAGER_HEADING),
        ContextBlock(elements=[MarkdownTextObject(text=strings.HOME_MANAGER_INTRO)]),
    ]
    if not summaries:
        return [*blocks, views.section(no_campaigns_text(command=command, past=past, last=last))]
    for summary in summaries[:shown]:
        heading = f"*{views.plain(summary.title)}*"
        blocks.append(views.section(f"{heading}\n{_progress_text(summary)}\n{_counts_text(summary)}"))
        blocks.append(
            ContextBlock(elements=[MarkdownTextObject(text=f"{_deadline_text(summary)} · {trend_text(summary)}")])
        )
        blocks.append(buttons(summary))
    if len(summaries) > shown:
        more = strings.REPORT_MORE_CAMPAIGNS.format(count=len(summaries) - shown, cmd=command)
        blocks.append(views.section(more))
    return blocks


class ReportViews:
    """The ReportRenderer port, in Block Kit."""

    def __init__(self, *, min_group: int = 0) -> None:
        self.min_group = min_group

    def digest(self, summary: Summary, *, final: bool, command: str) -> Message:
        title = (strings.DIGEST_FINAL_TITLE if final else strings.DIGEST_TITLE).format(title=summary.title)
        footer = strings.DIGEST_FINAL_FOOTER if final else strings.DIGEST_FOOTER
        blocks: list[Block] = [
            HeaderBlock(text=title[:150]),
            views.section(f"{_progress_text(summary)}\n{_counts_text(summary)}\n{_deadline_text(summary)}"),
            ContextBlock(elements=[MarkdownTextObject(text=trend_text(summary))]),
            views.section(_pending_text(summary, min_group=self.min_group)),
            ContextBlock(elements=[MarkdownTextObject(text=footer.format(cmd=command, id=summary.campaign_id))]),
        ]
        return Message(text=views.plain(title), blocks=views.as_dicts(views.checked(blocks)))

    def nudge_done(
        self, *, campaign_id: str, sent: int, failed: int, last: dt.datetime | None, refused: int = 0
    ) -> Message:
        text = strings.NUDGE_DONE.format(
            id=campaign_id, sent=strings.members(sent), last=views.when(last) if last else "-"
        )
        if failed:
            text += strings.NUDGE_DONE_FAILED.format(failed=failed)
        if refused:
            text += strings.NUDGE_DONE_REFUSED.format(refused=refused, id=campaign_id)
        return self.note(text)

    def note(self, text: str) -> Message:
        return Message(text=text, blocks=views.as_dicts(views.text_blocks(text)))
