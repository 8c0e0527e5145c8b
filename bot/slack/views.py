"""Block Kit for every message and view the bot shows, built with slack_sdk.models so limits are checked."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import datetime

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot import strings
from bot.core import Platform, Reason, Status
from bot.guides.catalog import Catalog, Guide
from bot.service.answering import GuideAnswer
from bot.service.campaigns import CampaignStarted, ListedCampaign
from bot.service.recording import GuideStatus, Recorded

# slack_sdk validates most limits on to_dict(); these two it does not check.
MAX_MESSAGE_BLOCKS = 50
MAX_VIEW_BLOCKS = 100
MAX_SECTION_TEXT = 3000
MESSAGE_NOTES = 3

PLATFORM_ORDER = Platform.explicit()

ACTION_CONFIRM = "attest_confirmed"
ACTION_NOT_APPLICABLE = "attest_not_applicable"
ACTION_SNOOZE = "attest_snoozed"
ACTION_UNDO = "attest_undo"
ACTION_REASON_PREFIX = "attest_reason_"
# Every button that records a status: action_id -> (status, reason).
ATTESTATIONS: dict[str, tuple[Status, Reason | None]] = {
    ACTION_CONFIRM: (Status.CONFIRMED, None),
    ACTION_NOT_APPLICABLE: (Status.NOT_APPLICABLE, None),
    ACTION_SNOOZE: (Status.SNOOZED, None),
    **{f"{ACTION_REASON_PREFIX}{reason.value}": (Status.NOT_APPLICABLE, reason) for reason in Reason},
}
ACTION_PLATFORM_PREFIX = "show_platform_"
ACTION_OPEN_GUIDE = "open_guide"
ACTION_OPEN_SETTING = "open_setting"
ACTION_DETAILS = "guide_details"
ACTION_FORGET_CONFIRM = "forget_confirm"
ACTION_FORGET_CANCEL = "forget_cancel"


def encode_value(guide_id: str, platform: Platform | None) -> str:
    return f"{guide_id}|{platform.value if platform else ''}"


def decode_value(value: object) -> tuple[str, Platform | None]:
    """A button's guide and platform. A forged or stale platform is dropped, never an error."""
    guide_id, _, platform = str(value or "").partition("|")
    return guide_id, Platform.parse(platform) if platform else None


def when(moment: datetime) -> str:
    """Slack renders this in each reader's own time zone; the fallback text is UTC."""
    fallback = moment.strftime("%Y-%m-%d %H:%M UTC")
    return f"<!date^{int(moment.timestamp())}^{{date_short_pretty}} at {{time}}|{fallback}>"


def section(text: str, *, accessory: ButtonElement | None = None) -> SectionBlock:
    if len(text) > MAX_SECTION_TEXT:
        text = text[: MAX_SECTION_TEXT - 1] + "…"
    return SectionBlock(text=MarkdownTextObject(text=text), accessory=accessory)


def _numbered(steps: Sequence[str]) -> str:
    return "\n".join(f"{number}. {step}" for number, step in enumerate(steps, start=1))


def _bullets(lines: Iterable[str]) -> str:
    return "\n".join(f"• {line}" for line in lines)


def _platform_groups(guide: Guide) -> list[tuple[list[str], tuple[str, ...]]]:
    """Platforms whose steps are identical share one section instead of repeating it."""
    groups: list[tuple[list[str], tuple[str, ...]]] = []
    for platform in PLATFORM_ORDER:
        steps = guide.steps_for(platform)
        for names, existing in groups:
            if existing == steps:
                names.append(platform)
                break
        else:
            groups.append(([platform], steps))
    return groups


def _steps_blocks(guide: Guide, platform: Platform | None) -> list[Block]:
    if platform is not None:
        heading = strings.STEPS_HEADING.format(platform=strings.PLATFORM_LABELS[platform])
        return [section(f"{heading}\n{_numbered(guide.steps_for(platform))}")]
    blocks: list[Block] = []
    for names, steps in _platform_groups(guide):
        label = " and ".join(strings.PLATFORM_LABELS[name] for name in names)
        blocks.append(section(f"{strings.STEPS_ALL_HEADING.format(platform=label)}\n{_numbered(steps)}"))
    return blocks


def _platform_buttons(guide: Guide, platform: Platform | None) -> list[ButtonElement]:
    return [
        ButtonElement(
            text=strings.PLATFORM_BUTTONS[other],
            action_id=f"{ACTION_PLATFORM_PREFIX}{other}",
            value=encode_value(guide.id, other),
        )
        for other in PLATFORM_ORDER
        if other != platform
    ]


def outcome_text(outcome: Recorded) -> str:
    if outcome.status is Status.NOT_APPLICABLE and outcome.reason is not None:
        reason = strings.REASON_LABELS[outcome.reason]
        return strings.RECORDED_REASON.format(title=outcome.guide.title, reason=reason, when=when(outcome.at))
    template = strings.RECORDED[outcome.status]
    until = when(outcome.snooze_until) if outcome.snooze_until else ""
    return template.format(title=outcome.guide.title, when=when(outcome.at), until=until)


def guide_blocks(guide: Guide, platform: Platform | None, *, outcome: Recorded | None = None) -> list[Block]:
    """What a member needs to act: the steps for their platform (or all, labelled), the link, the main
    caveats, sources, and the buttons. Dates, every note and further links are one click away."""
    blocks: list[Block] = [
        HeaderBlock(text=guide.title),
        section(
            guide.summary
            + "\n"
            + strings.SETTING_LINK.format(url=guide.url, setting=guide.setting, label=guide.link_label),
            accessory=ButtonElement(
                text=guide.link_label, url=guide.url, action_id=ACTION_OPEN_SETTING, style="primary"
            ),
        ),
        *_steps_blocks(guide, platform),
    ]
    if guide.notes:
        blocks.append(section(f"{strings.NOTES_HEADING}\n{_bullets(guide.notes[:MESSAGE_NOTES])}"))
    blocks.append(_sources(guide, short=True))
    value = encode_value(guide.id, platform)
    if outcome is None:
        blocks.extend(action_blocks(guide, platform))
    else:
        blocks.append(DividerBlock())
        blocks.append(
            section(
                outcome_text(outcome),
                accessory=ButtonElement(text=strings.BUTTON_UNDO, action_id=ACTION_UNDO, value=value),
            )
        )
        if outcome.status is Status.NOT_APPLICABLE and outcome.reason is None:
            blocks.append(section(strings.REASON_PROMPT))
            blocks.append(
                ActionsBlock(
                    block_id="reason",
                    elements=[
                        ButtonElement(
                            text=label.format(service=guide.service)[:75],
                            action_id=f"{ACTION_REASON_PREFIX}{reason.value}",
                            value=value,
                        )
                        for reason in Reason
                        for label in (strings.REASON_BUTTONS[reason],)
                    ],
                )
            )
    more = ButtonElement(text=strings.BUTTON_DETAILS, action_id=ACTION_DETAILS, value=value)
    blocks.append(ActionsBlock(block_id="platform", elements=[*_platform_buttons(guide, platform), more]))
    return checked(blocks)


def action_blocks(guide: Guide, platform: Platform | None, *, snooze: bool = True) -> list[Block]:
    """The status buttons: "I've opted out", "Doesn't apply to me" and (in private) "Remind me later"."""
    value = encode_value(guide.id, platform)
    elements = [
        ButtonElement(text=guide.done_label, action_id=ACTION_CONFIRM, value=value, style="primary"),
        ButtonElement(text=strings.BUTTON_NOT_APPLICABLE, action_id=ACTION_NOT_APPLICABLE, value=value),
    ]
    if snooze:
        elements.append(ButtonElement(text=strings.BUTTON_SNOOZE, action_id=ACTION_SNOOZE, value=value))
    return [ActionsBlock(block_id="attest", elements=elements)]


def details_blocks(guide: Guide) -> list[Block]:
    """The rest of a guide: every note, the dates with their regions, further links, full sources."""
    blocks: list[Block] = [HeaderBlock(text=strings.DETAILS_TITLE.format(title=guide.title)[:150])]
    if guide.notes:
        blocks.append(section(f"{strings.ALL_NOTES_HEADING}\n{_bullets(guide.notes)}"))
    if guide.dates:
        blocks.append(section(f"{strings.KEY_DATES_HEADING}\n{_bullets(_date_lines(guide))}"))
    if guide.links:
        links = _bullets(f"<{link.url}|{link.label}>" for link in guide.links)
        blocks.append(section(f"{strings.MORE_LINKS_HEADING}\n{links}"))
    blocks.append(_sources(guide, short=False))
    return checked(blocks)


def _sources(guide: Guide, *, short: bool) -> ContextBlock:
    # In the message a source is named by its page ("LinkedIn Help a6278444"); details give the full title.
    names = [re.split(r"[:(]", source.title)[0].strip() if short else source.title for source in guide.sources]
    listed = ", ".join(f"<{source.url}|{name}>" for source, name in zip(guide.sources, names, strict=True))
    text = strings.CONTEXT_SOURCES.format(sources=listed, verified=guide.verified.isoformat())
    return ContextBlock(elements=[MarkdownTextObject(text=text[:3000])])


def _date_lines(guide: Guide) -> list[str]:
    lines = []
    for item in guide.dates:
        regions = f" ({', '.join(item.regions)})" if item.regions else ""
        lines.append(f"{item.date.strftime('%-d %b %Y')}{regions}: {item.what}")
    return lines


def answer_blocks(answer: GuideAnswer, catalog: Catalog) -> list[Block]:
    if answer.guide is not None:
        return guide_blocks(answer.guide, answer.platform)
    return not_found_blocks(answer.query, catalog)


def not_found_blocks(query: str, catalog: Catalog) -> list[Block]:
    heading = strings.NOT_FOUND.format(text=strings.escape(query)) if query.strip() else strings.NOT_FOUND_EMPTY
    blocks: list[Block] = [section(f"{heading}\n{strings.NOT_FOUND_SUGGEST}")]
    blocks.extend(_guide_menu(catalog))
    return checked(blocks)


def _guide_menu(catalog: Catalog) -> list[Block]:
    guides = list(catalog)
    blocks: list[Block] = [section(_bullets(f"*{guide.title}* ({guide.service})" for guide in guides))]
    # An actions block takes at most 25 elements.
    for start in range(0, len(guides), 25):
        blocks.append(
            ActionsBlock(
                elements=[
                    ButtonElement(text=guide.title[:75], action_id=f"{ACTION_OPEN_GUIDE}_{index}", value=guide.id)
                    for index, guide in enumerate(guides[start : start + 25], start=start)
                ]
            )
        )
    return blocks


def help_blocks(catalog: Catalog, *, lines: tuple[Sequence[str], Sequence[str]]) -> list[Block]:
    """`lines`: everyone's command lines and managers' (generated from the command table)."""
    everyone, managers = lines
    commands = f"{strings.HELP_ASK_HEADING}\n{_bullets(everyone)}\n{strings.HELP_ALSO}"
    if managers:
        commands += f"\n{strings.HELP_MANAGERS_HEADING}\n{_bullets(managers)}"
    blocks: list[Block] = [
        HeaderBlock(text=strings.HELP_TITLE),
        section(strings.HELP_INTRO),
        section(commands),
        section(strings.HELP_GUIDES_HEADING),
        *_guide_menu(catalog),
        ContextBlock(elements=[MarkdownTextObject(text=strings.HELP_PRIVACY)]),
    ]
    return checked(blocks)


def _status_line(item: GuideStatus) -> str:
    when_text = ""
    if item.status is Status.SNOOZED and item.snooze_until is not None:
        when_text = strings.STATUS_WHEN.format(when=f"until {when(item.snooze_until)}")
    elif item.at is not None:
        when_text = strings.STATUS_WHEN.format(when=when(item.at))
    return strings.STATUS_LINE.format(
        emoji=strings.STATUS_EMOJI[item.status],
        title=item.guide.title,
        status=strings.STATUS_LABELS[item.status],
        when=when_text,
    )


def status_blocks(statuses: Sequence[GuideStatus]) -> list[Block]:
    lines = [_status_line(item) for item in statuses] or [strings.STATUS_NOTHING]
    return checked([section(strings.STATUS_HEADING), section("\n".join(lines))])


def home_view(statuses: Sequence[GuideStatus], *, manager: Sequence[Block] = ()) -> View:
    """The member's guides and status; `manager`: the campaigns section, for managers only, at the end."""
    blocks: list[Block] = [HeaderBlock(text=strings.HOME_TITLE), section(strings.HOME_INTRO), DividerBlock()]
    for index, item in enumerate(statuses):
        blocks.append(
            section(
                f"{_status_line(item)}\n{item.guide.summary}",
                accessory=ButtonElement(
                    text=strings.HOME_OPEN_GUIDE, action_id=f"{ACTION_OPEN_GUIDE}_{index}", value=item.guide.id
                ),
            )
        )
    blocks.extend(manager)
    return View(type="home", blocks=checked(blocks, limit=MAX_VIEW_BLOCKS))


def forget_ask_blocks() -> list[Block]:
    return checked(
        [
            section(strings.FORGET_ASK),
            ActionsBlock(
                elements=[
                    ButtonElement(
                        text=strings.BUTTON_FORGET_CONFIRM, action_id=ACTION_FORGET_CONFIRM, value="yes", style="danger"
                    ),
                    ButtonElement(text=strings.BUTTON_CANCEL, action_id=ACTION_FORGET_CANCEL, value="no"),
                ]
            ),
        ]
    )


def text_blocks(text: str) -> list[Block]:
    return [section(text)]


def checked(blocks: list[Block], *, limit: int = MAX_MESSAGE_BLOCKS) -> list[Block]:
    """Fail here, in our code, rather than with Slack's opaque invalid_blocks."""
    if len(blocks) > limit:
        raise ValueError(f"{len(blocks)} blocks exceed Slack's limit of {limit}")
    for block in blocks:
        block.validate_json()
    return blocks


def as_dicts(blocks: Sequence[Block]) -> list[dict[str, object]]:
    return [block.to_dict() for block in blocks]


def campaign_started_text(started: CampaignStarted, *, command: str) -> str:
    campaign = started.campaign
    nudges = strings.CAMPAIGN_STARTED_NUDGES.format(at=campaign.remind_at) if campaign.nudge_pending else ""
    return strings.CAMPAIGN_STARTED.format(
        id=campaign.id,
        title=started.guide.title,
        audience=audience_text(campaign.channels, campaign.groups),
        deadline=campaign.deadline.isoformat(),
        members=started.members,
        days=", ".join(str(days) for days in campaign.remind_days_before),
        at=campaign.remind_at,
        tz=started.timezone,
        nudges=nudges,
    )


def audience_text(channels: Sequence[str], groups: Sequence[str]) -> str:
    return ", ".join([*(f"<#{channel}>" for channel in channels), *(f"<!subteam^{group}>" for group in groups)])


def campaign_list_blocks(listed: Sequence[ListedCampaign], *, command: str) -> list[Block]:
    if not listed:
        return text_blocks(strings.CAMPAIGN_NONE.format(cmd=command))
    lines = [
        strings.CAMPAIGN_LIST_LINE.format(
            id=item.campaign.id,
            title=item.title,
            deadline=item.campaign.deadline.isoformat(),
            audience=audience_text(item.campaign.channels, item.campaign.groups),
            state=(strings.CAMPAIGN_LIST_STOPPED if item.stopped else "")
            + (strings.CAMPAIGN_LIST_FILE if item.origin == "file" else ""),
        )
        for item in listed
    ]
    return checked([section(strings.CAMPAIGN_LIST_HEADING), *(section(chunk) for chunk in _chunks(lines))])


def _chunks(lines: Sequence[str], *, size: int = MAX_SECTION_TEXT) -> list[str]:
    """Lines joined into sections that each fit Slack's text limit."""
    chunks: list[str] = []
    current = ""
    for line in lines:
        if current and len(current) + 1 + len(line) > size:
            chunks.append(current)
            current = ""
        current = f"{current}\n{line}" if current else line
    if current:
        chunks.append(current)
    return chunks[: MAX_MESSAGE_BLOCKS - 2]
