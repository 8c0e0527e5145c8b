"""Block Kit for every message and view the bot shows, built with slack_sdk.models so limits are checked."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING, Final
from zoneinfo import ZoneInfo

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
from bot.answers import Answer, interpret
from bot.campaigns import SATURDAY, Campaign
from bot.core import Platform, Reason, Status
from bot.guides.catalog import STALE_AFTER_DAYS, Catalog, Guide
from bot.policy_dates import DatedChange
from bot.service.outcomes import Recorded
from bot.service.ports import Message
from bot.slack.plaintext import LIST_BLOCK

if TYPE_CHECKING:  # the use cases load the store; the command line renders guides without one
    from bot.service.answering import GuideAnswer
    from bot.service.campaigns import CampaignListing, CampaignStarted
    from bot.service.recording import GuideStatus, TeamDeadline

# slack_sdk validates most limits on to_dict(); these two it does not check.
MAX_MESSAGE_BLOCKS = 50
MAX_VIEW_BLOCKS = 100
MAX_SECTION_TEXT = 3000
MAX_BUTTON_TEXT = 75
MAX_CONTEXT_TEXT = 3000
MESSAGE_NOTES = 3
# Pending to-dos the short status lists when no campaign is asking about any: a next step, not the catalog.
STATUS_FIRST_TODOS = 3

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
# The block of a guide's last row of buttons; a second id once the message shows the member's answer, so that
# switching platform there keeps the answer (an ephemeral message is not sent back to the bot with a click).
BLOCK_PLATFORM = "platform"
BLOCK_PLATFORM_ANSWERED = "platform_answered"
# The one line saying what was recorded, with its Undo, where no guide is shown (a typed `done …`): Undo there
# answers in one line too.
BLOCK_RECORDED = "recorded"
BLOCK_ONE_OF_SEVERAL = "recorded-"  # and its place: one of several records in one message
# The "why doesn't it apply?" buttons below such a line: pressed, the line is written again, still one line.
BLOCK_RECORDED_REASON = "recorded_reason"


def encode_value(guide_id: str, platform: Platform | None) -> str:
    return f"{guide_id}|{platform or ''}"


def decode_value(value: object) -> tuple[str, Platform | None]:
    """A button's guide and platform. A forged or stale platform is dropped, never an error."""
    guide_id, _, platform = str(value or "").partition("|")
    return guide_id, Platform.parse(platform) if platform else None


def when(moment: datetime, *, day: str = "date_short_pretty") -> str:
    """Slack renders this in each reader's own time zone; the fallback text is UTC. `day` is Slack's token for
    the date: "today" and "yesterday" suit what happened, a weekday suits a promise."""
    fallback = moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")  # whatever zone `moment` is in
    return f"<!date^{int(moment.timestamp())}^{{{day}}} at {{time}}|{fallback}>"


def plain(text: str) -> str:
    """Plain text (a guide's words, a title) put into mrkdwn: `&`, `<` and `>` escaped once, so that what it
    spells (`<!channel>`, `<@U…>`, `<https://…|click>`) is shown as written instead of pinging or linking.
    Plain-text objects (headers, button labels) take the text as it is."""
    return strings.escape(text)


def address(url: str) -> str:
    """A link's address in mrkdwn (`<address|label>`): `<`, `>` and `|` would end it early and let the rest of
    the address be markup of its own; percent-encoded, they stay part of the address (any browser reads them so).
    """
    return url.replace("<", "%3C").replace(">", "%3E").replace("|", "%7C")


def section(text: str, *, accessory: ButtonElement | None = None) -> SectionBlock:
    if len(text) > MAX_SECTION_TEXT:
        text = text[: MAX_SECTION_TEXT - 1] + "…"
    return SectionBlock(text=MarkdownTextObject(text=text), accessory=accessory)


def _numbered(steps: Sequence[str]) -> str:
    return "\n".join(f"{number}. {plain(step)}" for number, step in enumerate(steps, start=1))


def _bullets(lines: Iterable[str]) -> str:
    """Lines already in mrkdwn (guide text goes through `plain` first)."""
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


def _steps_texts(guide: Guide, platform: Platform | None) -> list[str]:
    if platform is not None:
        heading = strings.STEPS_HEADING.format(platform=strings.PLATFORM_LABELS[platform])
        return [f"{heading}\n{_numbered(guide.steps_for(platform))}"]
    texts = []
    for names, steps in _platform_groups(guide):
        label = " and ".join(strings.PLATFORM_LABELS[name] for name in names)
        texts.append(f"{strings.STEPS_ALL_HEADING.format(platform=label)}\n{_numbered(steps)}")
    return texts


def _steps_blocks(guide: Guide, platform: Platform | None) -> list[Block]:
    return [section(text) for text in _steps_texts(guide, platform)]


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
    return _recorded_text(outcome) + _replaced_text(outcome)


def recorded_blocks(outcome: Recorded) -> list[Block]:
    """What `/privacy done|skip|later <guide>` recorded, with the Undo a button press offers beside it (and, as
    there, for "doesn't apply" without a reason, the optional "why?")."""
    value = encode_value(outcome.guide.id, None)
    line = section(
        outcome_text(outcome), accessory=ButtonElement(text=strings.BUTTON_UNDO, action_id=ACTION_UNDO, value=value)
    )
    line.block_id = BLOCK_RECORDED
    return [line, *_reason_blocks(outcome, value=value, block_id=BLOCK_RECORDED_REASON)]


def one_of_several(blocks: Sequence[dict[str, object]], index: int) -> list[dict[str, object]]:
    """A record's blocks as one of several in a message: Slack wants each block's id once, and Undo beside one
    takes back that one only (see listeners.on_undo)."""
    return [
        {**block, "block_id": f"{BLOCK_ONE_OF_SEVERAL}{index}"} if block.get("block_id") == BLOCK_RECORDED else block
        for block in blocks
    ]


def recorded_message(outcome: Recorded) -> Message:
    return Message(text=outcome_text(outcome), blocks=as_dicts(recorded_blocks(outcome)))


def _recorded_text(outcome: Recorded) -> str:
    if outcome.status is Status.NOT_APPLICABLE and outcome.reason is not None:
        reason = strings.REASON_LABELS[outcome.reason]
        return strings.RECORDED_REASON.format(title=plain(outcome.guide.title), reason=reason, when=when(outcome.at))
    template = strings.RECORDED[outcome.status]
    if outcome.earlier:
        template = strings.RECORDED_EARLIER.get(outcome.status, template)
    # The moment the DM goes out, not the snooze's end: the two differ by up to a weekend.
    reminder = outcome.reminder_at or outcome.snooze_until
    promise = when(reminder, day="date_long") if reminder else ""
    return template.format(title=plain(outcome.guide.title), when=when(outcome.at), reminder=promise)


def _replaced_text(outcome: Recorded) -> str:
    """An answer the member had given ("done") that this one took the place of: "remind me later" after "done"
    silently turned done into snoozed, and reports count it so. A snooze being replaced is what it was for."""
    if outcome.replaced in (None, Status.SNOOZED, outcome.status):
        return ""
    return strings.RECORDED_REPLACED.format(was=strings.STATUS_LABELS[outcome.replaced])


def guide_blocks(
    guide: Guide, platform: Platform | None, *, outcome: Recorded | None = None, today: date | None = None
) -> list[Block]:
    """What a member needs to act: the steps for their platform (or all, labelled), the link, what switching
    off does not undo, the main caveats, sources with the day they were read (and a warning when that was
    long ago), and the buttons. Dates, every note and further links are one click away.

    `today` defaults to the system date; it is a parameter so tests and callers with a clock can pass theirs.
    """
    return checked(
        [
            *guide_head_blocks(guide, platform, today=today or date.today()),
            *guide_middle_blocks(guide, platform, outcome=outcome),
            platform_row(guide, platform, answered=outcome is not None),
        ]
    )


@dataclass(frozen=True)
class Asked:
    """What a question asked beyond the guide, shown above its steps (see guide_head_blocks)."""

    # The guide's policy dates, to a question about a deadline or a date.
    dates: tuple[DatedChange, ...] = ()
    # The index of the note the question asked about (bot/asked_note.py).
    note: int | None = None
    # To a question about a deadline, the one a running campaign asks the member to meet.
    deadline: TeamDeadline | None = None
    # To a question whether the guide matters without an account, the command that records it does not apply.
    no_account: str | None = None
    # To a question about a deadline, asked privately, from a member no running campaign asks about the guide.
    no_deadline: bool = False
    # To a question what switching off does not undo ("does it undo past training"): the guide's not_undone, first.
    not_undone: bool = False
    # To asking the bot to switch it for the member ("can you turn off linkedin ai training for me"): that it cannot.
    doing_it: bool = False


ASKED_NOTHING: Final = Asked()


def guide_head_blocks(
    guide: Guide, platform: Platform | None, *, today: date, asked: Asked = ASKED_NOTHING
) -> list[Block]:
    """A guide's message down to its status buttons: the same for everyone on a platform on a day. What the question
    `asked`: the campaign's deadline, then the guide's dates, above the steps; the note asked about right under the
    title and not again among the others; or, first, what a member with no account does."""
    # What a member with no account does, only where there is a switch to turn off and "doesn't apply – no account"
    # is a reason the buttons record, goes first in place of a note (which then stays among the others).
    switched = guide.kind == "opt-out" and not guide.nothing_to_switch
    no_account = asked.no_account if switched and Reason.NO_ACCOUNT in reasons_for(guide) else None
    # What switching off does not undo, asked about, goes first in place of a note (which then stays among the others).
    not_undone = asked.not_undone and bool(guide.not_undone) and no_account is None
    note = asked.note if no_account is None and not not_undone else None
    above_steps: list[Block] = []
    if asked.deadline is not None:
        said = strings.DEADLINE_ASKED_PASSED if asked.deadline.passed else strings.DEADLINE_ASKED
        above_steps.append(section(said.format(date=asked.deadline.day.isoformat())))
    elif asked.no_deadline:
        dates_below = strings.NO_DEADLINE_DATES_BELOW.format(service=plain(guide.service)) if asked.dates else ""
        above_steps.append(section(strings.NO_DEADLINE_ASKED + dates_below))
    if asked.dates:
        above_steps += [
            section(strings.DATES_ASKED.format(service=plain(guide.service))),
            *_dates_sections(asked.dates),
        ]
    answer = [section(strings.ASKED_NOTE.format(note=plain(guide.notes[note])))] if note is not None else []
    if no_account is not None:
        answer = [section(strings.NO_ACCOUNT_ASKED.format(service=plain(guide.service), skip=no_account))]
    if not_undone:
        # Taken out of the lead below it: once is enough.
        answer = [section(_not_undone_text(guide))]
    if asked.doing_it:
        # Before anything the question asked: the steps alone read as if the bot had done it, or would.
        answer.insert(0, section(strings.DOING_IT_FOR_YOU_ABOVE_GUIDE))
    blocks: list[Block] = [
        HeaderBlock(text=guide.title),
        *answer,
        *_lead_blocks(guide, not_undone=not not_undone),
        *above_steps,
        *_steps_blocks(guide, platform),
    ]
    if any(index != note for index in range(min(len(guide.notes), MESSAGE_NOTES))):
        blocks.append(section(_notes_text(guide, without=note)))
    blocks.append(_sources(guide, short=True))
    age = guide.sources_age(today)
    if age > STALE_AFTER_DAYS:
        warning = strings.SOURCES_OLD.format(days=age, verified=guide.verified.isoformat())
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=warning)]))
    return blocks


def guide_middle_blocks(guide: Guide, platform: Platform | None, *, outcome: Recorded | None = None) -> list[Block]:
    """The status buttons, or once the member has pressed one, what was recorded with Undo."""
    value = encode_value(guide.id, platform)
    if outcome is None:
        # Nothing to switch off, so nothing to record.
        return [] if guide.nothing_to_switch else action_blocks(guide, platform)
    blocks: list[Block] = [
        DividerBlock(),
        section(
            outcome_text(outcome),
            accessory=ButtonElement(text=strings.BUTTON_UNDO, action_id=ACTION_UNDO, value=value),
        ),
    ]
    return [*blocks, *_reason_blocks(outcome, value=value, block_id="reason")]


def _reason_blocks(outcome: Recorded, *, value: str, block_id: str) -> list[Block]:
    """Below "doesn't apply" recorded without a reason: why, optionally, one button per reason the guide may have."""
    reasons = reasons_for(outcome.guide)
    if outcome.status is not Status.NOT_APPLICABLE or outcome.reason is not None or not reasons:
        return []
    buttons = [
        ButtonElement(
            text=strings.REASON_BUTTONS[reason].format(service=outcome.guide.service)[:75],
            action_id=f"{ACTION_REASON_PREFIX}{reason.value}",
            value=value,
        )
        for reason in reasons
    ]
    return [section(strings.REASON_PROMPT), ActionsBlock(block_id=block_id, elements=buttons)]


def reasons_for(guide: Guide) -> list[Reason]:
    """The reasons "Doesn't apply to me" may have for this guide: a region only where the guide names regions, and
    no account except for the owners-only guide of the workspace's own Slack, read in Slack."""
    reasons = [] if guide.applies_to == "owners" else [Reason.NO_ACCOUNT]
    if isinstance(guide.applies_to, tuple):
        reasons.append(Reason.REGION)
    return reasons


def platform_row(guide: Guide, platform: Platform | None, *, answered: bool = False) -> ActionsBlock:
    """The other platforms' steps and "More details": the last row of every guide message. `answered`: the message
    shows what the member recorded, which another platform's steps keep."""
    more = ButtonElement(text=strings.BUTTON_DETAILS, action_id=ACTION_DETAILS, value=encode_value(guide.id, platform))
    block_id = BLOCK_PLATFORM_ANSWERED if answered else BLOCK_PLATFORM
    return ActionsBlock(block_id=block_id, elements=[*_platform_buttons(guide, platform), more])


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


def _lead_text(guide: Guide) -> str:
    if guide.url is None:
        return f"{plain(guide.summary)}\n{strings.SETTING_NO_LINK.format(setting=plain(guide.setting))}"
    link = strings.SETTING_LINK.format(
        url=address(guide.url), setting=plain(guide.setting), label=plain(guide.link_label)
    )
    return f"{plain(guide.summary)}\n{link}"


def _notes_text(guide: Guide, *, without: int | None = None) -> str:
    shown = (text for index, text in enumerate(guide.notes[:MESSAGE_NOTES]) if index != without)
    return f"{strings.NOTES_HEADING}\n{_bullets(map(plain, shown))}"


def _not_undone_text(guide: Guide) -> str:
    return f"{strings.NOT_UNDONE_HEADING}\n{plain(guide.not_undone or '')}"


def _lead_blocks(guide: Guide, *, not_undone: bool = True) -> list[Block]:
    button = None
    if guide.url is not None:
        button = ButtonElement(text=guide.link_label, url=guide.url, action_id=ACTION_OPEN_SETTING, style="primary")
    lead: list[Block] = [section(_lead_text(guide), accessory=button)]
    if guide.not_undone and not_undone:
        # The facts rule: what switching off does not undo is in the first message, not behind "More details".
        lead.append(section(_not_undone_text(guide)))
    return lead


def details_blocks(guide: Guide) -> list[Block]:
    """The rest of a guide: every note, the dates with their regions, further links, full sources."""
    blocks: list[Block] = [HeaderBlock(text=strings.DETAILS_TITLE.format(title=guide.title)[:150])]
    blocks.extend(section(text) for _field, text in _details_texts(guide))
    blocks.append(_sources(guide, short=False))
    return checked(blocks)


def _details_texts(guide: Guide) -> list[tuple[str, str]]:
    texts = []
    if guide.notes:
        texts.append(("notes", f"{strings.ALL_NOTES_HEADING}\n{_bullets(map(plain, guide.notes))}"))
    if guide.dates:
        texts.append(("dates", f"{strings.KEY_DATES_HEADING}\n{_bullets(_date_lines(guide))}"))
    if guide.links:
        links = _bullets(f"<{address(link.url)}|{plain(link.label)}>" for link in guide.links)
        texts.append(("links", f"{strings.MORE_LINKS_HEADING}\n{links}"))
    return texts


def _sources(guide: Guide, *, short: bool) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=_sources_text(guide, short=short)[:3000])])


def _sources_text(guide: Guide, *, short: bool) -> str:
    # In the message a source is named by its page ("LinkedIn Help a6278444"); details give the full title.
    names = [re.split(r"[:(]", source.title)[0].strip() if short else source.title for source in guide.sources]
    listed = " · ".join(
        f"<{address(source.url)}|{plain(name)}>" if source.url else plain(name)
        for source, name in zip(guide.sources, names, strict=True)
    )
    return strings.CONTEXT_SOURCES.format(sources=listed, verified=guide.verified.isoformat())


def _date_lines(guide: Guide) -> list[str]:
    lines = []
    for item in guide.dates:
        regions = f" ({plain(', '.join(item.regions))})" if item.regions else ""
        lines.append(f"{item.date.isoformat()}{regions}: {plain(item.what)}")
    return lines


def answer_blocks(
    answer: GuideAnswer, catalog: Catalog, *, reading: Answer | None = None, public: bool = False
) -> list[Block]:
    """The guide, or what to say instead: the help for a greeting, "no guide for that yet" with the closest
    guides for a privacy question we cannot answer, or the list of guides. `reading` is the question
    reader's answer when the caller has it; without it the query is read again (it is cheap and pure).
    `public`: everyone in a channel sees the answer, so the member's words are not repeated in it."""
    if answer.guide is not None:
        return guide_blocks(answer.guide, answer.platform)
    reading = reading or answer.reading or interpret(answer.query, catalog=catalog)
    if reading.help:
        return checked([section(strings.GREETING), *_guide_menu(list(catalog))])
    if reading.unknown_service is not None:
        return no_guide_blocks(reading, catalog)
    return not_found_blocks(
        answer.query,
        catalog,
        closest=reading.closest,
        public=public,
        off_topic=reading.off_topic,
        service=reading.service,
        which_service=reading.which_service,
        date_only=reading.date_only,
    )


def no_guide_blocks(reading: Answer, catalog: Catalog) -> list[Block]:
    """A privacy question about a service or topic we have no guide for: say so, offer the closest guides,
    and tell the team how to add one."""
    about = strings.NO_GUIDE_YET_ABOUT.format(service=plain(reading.unknown_service)) if reading.unknown_service else ""
    blocks: list[Block] = [section(strings.NO_GUIDE_YET.format(about=about))]
    closest = [guide for guide_id in reading.closest if (guide := catalog.get(guide_id)) is not None]
    # A service we have guides for: "no guide for that yet (LinkedIn)" alone read as if there were none for LinkedIn.
    # `service` is set only for a service we have guides for, and then `closest` holds only its guides.
    service = reading.service
    links = {link.url: link for guide in catalog for link in guide.links}
    pages = [links[url] for url in reading.links if url in links]
    if pages and service is not None:
        listed = _bullets(f"<{address(link.url)}|{plain(link.label)}>" for link in pages)
        blocks.append(section(f"{strings.NO_GUIDE_LINKS.format(service=plain(service))}\n{listed}"))
    if closest:
        heading = strings.NO_GUIDE_OWN.format(service=plain(service)) if service else strings.NO_GUIDE_CLOSEST
        blocks.append(section(heading))
        blocks.extend(_guide_menu(closest))
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=strings.NO_GUIDE_ADD)]))
    return checked(blocks)


def not_found_blocks(
    query: str,
    catalog: Catalog,
    *,
    closest: Sequence[str] = (),
    public: bool = False,
    off_topic: str | None = None,
    service: str | None = None,
    which_service: bool = False,
    date_only: bool = False,
) -> list[Block]:
    """The guides the question points at when it points at some (a wall of every guide hides them),
    else every guide. Only the asker sees the question quoted: in public, a member's text (links, bold,
    a bare URL Slack links even escaped) would read as the bot's own message to the channel. `off_topic`: the
    service named in a question about using it ("my zoom keeps crashing"): the heading says we only do its privacy.
    `service`: the service the question names, whose name the member need not be asked for again. `which_service`:
    the question is about AI training and names no service; `closest` has every guide with a switch against it.
    `date_only`: the question names only a date, and `closest` are the guides that list it."""
    if not query.strip():
        heading = strings.NOT_FOUND_EMPTY
    elif public:
        heading = strings.NOT_FOUND_PUBLIC
    else:
        heading = strings.NOT_FOUND.format(text=strings.escape(query))
    if off_topic is not None and query.strip():
        heading += " " + strings.NOT_FOUND_ONLY_PRIVACY.format(service=strings.escape(off_topic))
    offered = [guide for guide_id in closest if (guide := catalog.get(guide_id)) is not None]
    if which_service and offered:
        return checked(
            [
                section(strings.TRAINING_WHICH_SERVICE),
                *_guide_menu(offered),
                ContextBlock(elements=[MarkdownTextObject(text=strings.NOT_FOUND_ALL)]),
            ]
        )
    if not offered:
        return checked([section(f"{heading}\n{strings.NOT_FOUND_SUGGEST}"), *_guide_menu(list(catalog))])
    return checked(
        [
            section(strings.DATE_IN_GUIDES if date_only else f"{heading}\n{strings.NOT_FOUND_CLOSEST}"),
            *_guide_menu(offered),
            ContextBlock(
                elements=[MarkdownTextObject(text=strings.NOT_FOUND_ALL_NAMED if service else strings.NOT_FOUND_ALL)]
            ),
        ]
    )


def deadlines_blocks(asking: Sequence[tuple[Guide, TeamDeadline]]) -> list[Block]:
    """The guides running campaigns ask the member about, each with its deadline and a button that opens it: the
    answer to "whats the deadline" naming no service, when more than one campaign asks something of them."""
    blocks: list[Block] = [section(strings.DEADLINES_ASKED)]
    for index, (guide, deadline) in enumerate(asking):
        day = deadline.day.isoformat() + (strings.STATUS_DEADLINE_PASSED if deadline.passed else "")
        button = ButtonElement(text=strings.HOME_OPEN_GUIDE, action_id=f"{ACTION_OPEN_GUIDE}_{index}", value=guide.id)
        blocks.append(
            section(strings.DEADLINES_ASKED_LINE.format(title=plain(guide.title), date=day), accessory=button)
        )
    return checked(blocks)


def _guide_menu(guides: Sequence[Guide], *, start: int = 0) -> list[Block]:
    """The guides once, as buttons that open them: a list of titles beside them said everything twice. Their
    block ids mark them as a list, which plain text (`ask`) shows by title. `start` numbers the buttons on after
    others in the same view: Slack wants unique action ids."""
    # An actions block takes at most 25 elements.
    return [
        ActionsBlock(
            block_id=f"{LIST_BLOCK}guides_{start + first}",
            elements=[
                ButtonElement(text=_shortened(guide.title), action_id=f"{ACTION_OPEN_GUIDE}_{index}", value=guide.id)
                for index, guide in enumerate(guides[first : first + 25], start=start + first)
            ],
        )
        for first in range(0, len(guides), 25)
    ]


def _shortened(title: str, limit: int = MAX_BUTTON_TEXT) -> str:
    """A title as a button's label, which is all a list of guides shows of it: cut with "…" where Slack would not
    take it whole."""
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


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
        *_guide_menu(list(catalog)),
        ContextBlock(elements=[MarkdownTextObject(text=strings.HELP_PRIVACY)]),
    ]
    return checked(blocks)


def _status_line(item: GuideStatus) -> str:
    when_text = ""
    if item.status is Status.SNOOZED and item.snooze_until is not None:
        when_text = strings.STATUS_WHEN.format(when=f"until {when(item.snooze_until)}")
    elif item.at is not None:
        when_text = strings.STATUS_WHEN.format(when=when(item.at))
    if item.deadline is not None:
        passed = strings.STATUS_DEADLINE_PASSED if item.deadline_passed else ""
        when_text += strings.STATUS_DEADLINE.format(date=item.deadline.isoformat()) + passed
    return strings.STATUS_LINE.format(
        emoji=strings.STATUS_EMOJI[item.status],
        title=plain(item.guide.title),
        status=strings.STATUS_LABELS[item.status],
        when=when_text,
    )


def _split(statuses: Sequence[GuideStatus]) -> tuple[list[GuideStatus], list[GuideStatus]]:
    """(to-dos and anything the member recorded, guides only offered). Guides that cannot apply to the
    member are left out unless they recorded something for them."""
    todo = [item for item in statuses if item.applies == "todo" or item.status != Status.PENDING]
    offered = [item for item in statuses if item.applies == "offered" and item.status == Status.PENDING]
    return todo, offered


def _by_urgency(todo: Sequence[GuideStatus]) -> tuple[list[GuideStatus], list[GuideStatus], list[GuideStatus]]:
    """(asked by a running campaign, nearest deadline first; the other to-dos not acted on; the rest, which
    the member recorded), each in the catalog's order otherwise."""
    asked = sorted((item for item in todo if item.deadline is not None), key=lambda item: item.deadline or date.max)
    waiting = [item for item in todo if item.deadline is None and item.status is Status.PENDING]
    recorded = [item for item in todo if item.deadline is None and item.status is not Status.PENDING]
    return asked, waiting, recorded


def status_blocks(statuses: Sequence[GuideStatus], *, command: str, everything: bool = False) -> list[Block]:
    """The member's to-dos: those a running campaign asks them about first, nearest deadline first. A new
    member has a to-do for nearly every guide: unless they ask for `everything`, the rest of those waits in
    one line, by service, so the list shows what to do next rather than a wall of "not done yet"."""
    todo, offered = _split(statuses)
    asked, waiting, recorded = _by_urgency(todo)
    # With no campaign asking, the catalog's first to-dos (its order puts each service's main guide first).
    shown = waiting if everything else [] if asked else waiting[:STATUS_FIRST_TODOS]
    rest = waiting[len(shown) :]
    lines = [_status_line(item) for item in (*asked, *shown, *recorded)] or [strings.STATUS_NOTHING]
    blocks: list[Block] = [section(strings.STATUS_HEADING), *(section(chunk) for chunk in _chunks(lines))]
    if everything:
        if offered:
            also = ", ".join(plain(item.guide.title) for item in offered)
            blocks.append(_context(strings.STATUS_ALSO.format(guides=also)))
    elif rest or offered:
        summary = []
        if rest:
            summary.append(strings.STATUS_MORE.format(count=len(rest), services=_services(rest)))
        if offered:
            # "LinkedIn" here, just under the member's LinkedIn to-do, would read as that one again.
            named = {item.guide.service for item in todo}
            also = ", ".join(
                dict.fromkeys(
                    plain(item.guide.title if item.guide.service in named else item.guide.service) for item in offered
                )
            )
            summary.append(strings.STATUS_ALSO_SHORT.format(services=also))
        summary.append(strings.STATUS_SEE_ALL.format(cmd=command))
        blocks.append(_context(" ".join(summary)))
    return checked(blocks)


def _services(items: Sequence[GuideStatus]) -> str:
    return ", ".join(dict.fromkeys(plain(item.guide.service) for item in items))


def _context(text: str) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=text[:MAX_CONTEXT_TEXT])])


def home_view(statuses: Sequence[GuideStatus], *, manager: Sequence[Block] = ()) -> View:
    """The member's guides and status; `manager`: the campaigns section, for managers only, at the end.
    Slack refuses a Home of more than 100 blocks whole: what does not fit beside `manager` is counted in
    one line that says where to see it, never dropped in silence."""
    todo, offered = _split(statuses)
    asked, waiting, recorded = _by_urgency(todo)
    # What to do next leads, explained; what is settled follows, one line each: a snooze is still to do.
    settled = [item for item in recorded if item.status is not Status.SNOOZED]
    open_ = [*asked, *waiting, *(item for item in recorded if item.status is Status.SNOOZED)]
    rows = [*open_, *settled]
    head: list[Block] = [HeaderBlock(text=strings.HOME_TITLE), section(strings.HOME_INTRO), DividerBlock()]
    also: list[Block] = []
    if offered:
        also = [DividerBlock(), section(strings.HOME_ALSO)]
        also.extend(_guide_menu([item.guide for item in offered], start=len(todo)))
    room = MAX_VIEW_BLOCKS - len(manager) - len(head)

    def size(shown: int) -> int:  # blocks for the first `shown` rows, with the settled heading when reached
        return shown + (2 if shown > len(open_) else 0)

    shown = len(rows)
    if size(shown) + len(also) > room:
        also = []  # counted in the line below instead
        shown = next(count for count in range(len(rows), -1, -1) if size(count) + 1 <= room)
    blocks = head
    for index, item in enumerate(rows[:shown]):
        if index == len(open_):
            blocks.extend([DividerBlock(), section(strings.HOME_SETTLED)])
        text = _status_line(item) if index >= len(open_) else f"{_status_line(item)}\n{plain(item.guide.summary)}"
        blocks.append(
            section(
                text,
                accessory=ButtonElement(
                    text=strings.HOME_OPEN_GUIDE, action_id=f"{ACTION_OPEN_GUIDE}_{index}", value=item.guide.id
                ),
            )
        )
    hidden = len(rows) - shown + (len(offered) if offered and not also else 0)
    if hidden:
        blocks.append(section(strings.HOME_MORE.format(count=hidden)))
    blocks.extend(also)
    blocks.extend(manager)
    return View(type="home", blocks=checked(blocks, limit=MAX_VIEW_BLOCKS))


def forget_ask_blocks(text: str = strings.FORGET_ASK) -> list[Block]:
    return checked(
        [
            section(text),
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


def first_line(blocks: Sequence[Block]) -> str:
    """A message's `text`, which Slack shows in notifications and where blocks are not shown: the first line of
    its first section, so that it says what the message says ("I couldn't tell which guide …", "I have no guide
    for that yet …"), not a line the message itself does not show."""
    for block in blocks:
        if isinstance(block, SectionBlock) and block.text is not None:
            return block.text.text.partition("\n")[0]
    return strings.NOT_FOUND_EMPTY


def campaign_started_text(started: CampaignStarted, *, command: str) -> str:
    campaign = started.campaign
    return strings.CAMPAIGN_STARTED.format(
        id=campaign.id,
        title=plain(started.guide.title),
        audience=audience_text(campaign.channels, campaign.groups),
        deadline=campaign.deadline.isoformat(),
        members=_members_text(started),
        reminders=_reminders_text(started),
    ) + _warnings_text(started, command=command)


def _warnings_text(started: CampaignStarted, *, command: str) -> str:
    """What would make the campaign fail or repeat another, said while the manager is still there to act on it."""
    text = ""
    if started.not_member and started.first_post is not None:
        bot = started.bot_user_id
        invite = strings.CAMPAIGN_INVITE_ME.format(bot=bot) if bot else strings.CAMPAIGN_INVITE_ME_UNNAMED
        tz = ZoneInfo(started.timezone)
        when = (
            strings.CAMPAIGN_FIRST_POST_NOW
            if started.first_now
            else strings.CAMPAIGN_FIRST_POST_AT.format(
                date=started.first_post.astimezone(tz).date().isoformat(),
                at=started.campaign.remind_at,
                tz=started.timezone,
            )
        )
        channels = strings.and_list([f"<#{channel}>" for channel in started.not_member])
        text += strings.CAMPAIGN_STARTED_NOT_MEMBER.format(channels=channels, invite=invite, when=when)
    for overlap in started.overlaps:
        text += strings.CAMPAIGN_STARTED_OVERLAP.format(
            other=overlap.campaign.id,
            audience=strings.and_list(
                [*(f"<#{channel}>" for channel in overlap.channels), *(f"<!subteam^{g}>" for g in overlap.groups)]
            ),
            deadline=overlap.campaign.deadline.isoformat(),
            cmd=command,
            id=started.campaign.id,
        )
    return text


def _members_text(started: CampaignStarted) -> str:
    """How many it reaches; of how many in its channels and groups when the guide is not for everyone there."""
    if started.everyone <= started.members:
        return strings.members(started.members)
    some = strings.CAMPAIGN_STARTED_SOME if started.members else strings.CAMPAIGN_STARTED_NONE
    return some.format(members=started.members, everyone=started.everyone)


def _reminders_text(started: CampaignStarted) -> str:
    """What the campaign will send, on which days: only what will go out (no channel posts without a channel)."""
    text = _sent_text(started)
    if not (started.weekend_moved and started.dm_days):
        return text
    # Saturday's before a Sunday deadline: Monday would be too late, so it is among the dates as it is.
    kept = any(day.weekday() >= SATURDAY for day in (*started.post_days, *started.dm_days))
    return text + strings.CAMPAIGN_STARTED_WEEKEND.format(
        unless=strings.CAMPAIGN_STARTED_WEEKEND_UNLESS if kept else ""
    )


def _sent_text(started: CampaignStarted) -> str:
    campaign = started.campaign
    at = campaign.remind_at
    ahead = started.post_days
    deadline_day_only = ahead == (campaign.deadline,)
    if not campaign.channels:
        if not campaign.nudge_pending:
            return strings.CAMPAIGN_STARTED_NOTHING_SENT
        if not started.dm_days:
            return strings.CAMPAIGN_STARTED_DMS_LEFT.format(at=at)
        if started.dm_days == (campaign.deadline,):
            return strings.CAMPAIGN_STARTED_DMS_DEADLINE_DAY.format(at=at)
        return strings.CAMPAIGN_STARTED_DMS_ONLY.format(dates=_days_text(started.dm_days, campaign=campaign), at=at)
    if deadline_day_only and started.first_now:
        posts = strings.CAMPAIGN_STARTED_POST_NOW
    elif deadline_day_only:
        posts = strings.CAMPAIGN_STARTED_POST_DEADLINE_DAY.format(at=at, tz=started.timezone)
    elif ahead:
        one = strings.CAMPAIGN_STARTED_POSTS if len(ahead) > 1 else strings.CAMPAIGN_STARTED_POST_ON
        posts = one.format(dates=_days_text(ahead, campaign=campaign), at=at, tz=started.timezone)
        posts += strings.CAMPAIGN_STARTED_TODAYS_NOW if started.first_now else ""
    else:
        posts = strings.CAMPAIGN_STARTED_NO_POSTS
    if not campaign.nudge_pending:
        return posts
    if started.dm_days == ahead:
        return posts + strings.CAMPAIGN_STARTED_NUDGES.format(at=at)
    if not started.dm_days:
        return posts + strings.CAMPAIGN_STARTED_NUDGES_LEFT.format(at=at)
    dm_days = _days_text(started.dm_days, campaign=campaign)
    return posts + strings.CAMPAIGN_STARTED_NUDGES_ON.format(dates=dm_days, at=at)


def _days_text(days: Sequence[date], *, campaign: Campaign) -> str:
    """ "Mon 18 Jan, Mon 25 Jan and Mon 1 Feb": a weekday shows why a day moved; a year only where it is not the
    deadline's (shown beside them)."""
    return strings.and_list([campaign_day(day, deadline=campaign.deadline) for day in days])


def campaign_day(day: date, *, deadline: date) -> str:
    words = {"weekday": f"{day:%a}", "day": day.day, "month": f"{day:%b}", "year": day.year}
    return (strings.CAMPAIGN_DAY if day.year == deadline.year else strings.CAMPAIGN_DAY_YEAR).format(**words)


def audience_text(channels: Sequence[str], groups: Sequence[str]) -> str:
    return strings.audience(channels, groups)


def campaign_list_blocks(listing: CampaignListing, *, command: str) -> list[Block]:
    from bot.service.campaigns import unusable_why

    listed = listing.listed
    if not listed and not listing.unusable:
        return text_blocks(strings.CAMPAIGN_NONE.format(cmd=command))
    lines = [
        strings.CAMPAIGN_LIST_LINE.format(
            id=item.campaign.id,
            title=plain(item.title),
            deadline=item.campaign.deadline.isoformat(),
            audience=audience_text(item.campaign.channels, item.campaign.groups),
            state=(strings.CAMPAIGN_LIST_STOPPED if item.stopped else strings.CAMPAIGN_LIST_ENDED if item.ended else "")
            + (strings.CAMPAIGN_LIST_GUIDE_GONE if item.guide_gone and not (item.stopped or item.ended) else "")
            + (strings.CAMPAIGN_LIST_FILE if item.origin == "file" else ""),
        )
        for item in listed
    ]
    lines += [
        strings.CAMPAIGN_LIST_LINE.format(
            id=item.id,
            title=plain(unusable.title),
            deadline=item.deadline.isoformat(),
            audience=audience_text(item.channels, item.groups),
            state=(strings.CAMPAIGN_LIST_STOPPED if item.stopped_at is not None else "")
            + strings.CAMPAIGN_LIST_UNUSABLE.format(why=unusable_why(item))
            + (strings.CAMPAIGN_LIST_UNUSABLE_STOP.format(cmd=command, id=item.id) if item.stopped_at is None else "")
            + (strings.CAMPAIGN_LIST_FILE if item.origin == "file" else ""),
        )
        for unusable in listing.unusable
        for item in (unusable.stored,)
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


# --- what Slack would refuse, found before a member asks (issue 9) --------------------------------
MAX_HEADER_TEXT = 150


def limit_problems(guide: Guide) -> list[tuple[str, str]]:
    """(field, message) for each part of the guide that Slack would refuse once rendered: a header over 150
    characters, a section or context over 3,000, more than 50 blocks, or anything else slack_sdk rejects.
    `guides check` and start-up run this so that a guide cannot turn an answer into an error."""
    problems: list[tuple[str, str]] = []

    def measure(field: str, text: str, limit: int = MAX_SECTION_TEXT) -> None:
        if len(text) > limit:
            problems.append((field, f"{len(text)} characters once rendered; Slack allows {limit}"))

    measure("title", guide.title, MAX_HEADER_TEXT)
    measure("summary", _lead_text(guide))
    if guide.not_undone:
        measure("not_undone", _not_undone_text(guide))
    for platform in PLATFORM_ORDER:
        for text in _steps_texts(guide, platform):
            measure(f"steps.{platform}", text)
    measure("notes", _notes_text(guide))
    for field, text in _details_texts(guide):
        measure(field, text)
    for short in (True, False):
        measure("sources", _sources_text(guide, short=short), MAX_CONTEXT_TEXT)
    if problems:
        return problems
    # The longest a guide message gets: the outcome that asks why it does not apply.
    asked_why = Recorded(
        guide=guide,
        status=Status.NOT_APPLICABLE,
        changed=True,
        at=datetime.combine(guide.verified, time(), tzinfo=UTC),
        snooze_until=None,
    )
    for shown in (None, *PLATFORM_ORDER):
        try:
            guide_blocks(guide, shown, today=guide.verified)
            guide_blocks(guide, shown, outcome=asked_why, today=guide.verified)
            details_blocks(guide)
        except Exception as error:  # slack_sdk's own checks, or the block count in checked()
            return [("-", f"Slack would refuse the message: {error}")]
    return problems


# --- /privacy dates (issue 9; the lead wires the command) ------------------------------------------


def _dates_line(change: DatedChange) -> str:
    regions = strings.DATES_REGIONS.format(regions=plain(", ".join(change.regions))) if change.regions else ""
    return strings.DATES_LINE.format(
        date=change.date.isoformat(), service=plain(change.service), regions=regions, what=plain(change.what)
    )


def dates_blocks(
    changes: Sequence[DatedChange], *, title: str = strings.DATES_TITLE, earlier: str | None = None
) -> list[Block]:
    """Recent policy dates, then upcoming ones, each with its service and regions (from policy_dates()).
    `earlier`: the line that says how many past dates were left out, and how to see them."""
    blocks: list[Block] = [HeaderBlock(text=title), *_dates_sections(changes, earlier=earlier)]
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=strings.DATES_FOOTER)]))
    return checked(blocks[:MAX_MESSAGE_BLOCKS])


def _dates_sections(changes: Sequence[DatedChange], *, earlier: str | None = None) -> list[Block]:
    """The recent and upcoming dates under their headings, as `dates` lists them and a guide answering a question
    about a deadline shows them."""
    recent = [_dates_line(change) for change in changes if not change.upcoming]
    if recent and earlier:
        recent.insert(0, earlier)
    upcoming = [_dates_line(change) for change in changes if change.upcoming] or [strings.DATES_NONE_UPCOMING]
    blocks: list[Block] = []
    for heading, lines in ((strings.DATES_RECENT, recent), (strings.DATES_UPCOMING, upcoming)):
        if not lines:
            continue
        # One section per few lines keeps each under Slack's 3,000 characters however long the list grows.
        chunk: list[str] = []
        for line in lines:
            if chunk and len("\n".join([heading, *chunk, line])) > MAX_SECTION_TEXT:
                blocks.append(section("\n".join([heading, *chunk])))
                chunk, heading = [], ""
            chunk.append(line)
        blocks.append(section("\n".join(part for part in [heading, *chunk] if part)))
    return blocks
