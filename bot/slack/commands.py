"""The words of `/privacy …` (and of a DM), declared once: the dispatcher, the help text and the
refusals are all generated from the table at the bottom.

Each handler makes one service call and renders its result; it raises UserFacingError for
anything the member can fix, which the one error path in bot/slack/errors.py shows them.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, replace
from typing import Final, TypeVar

from slack_sdk.models.blocks import Block

from bot import strings
from bot.asked_note import asked_note, asks_not_undone
from bot.campaigns import AWAKE_FROM, QUIET_FROM
from bot.core import Platform, Source, Status
from bot.guides.catalog import Guide
from bot.policy_dates import policy_dates
from bot.question_words import one_slip
from bot.reports import Summary
from bot.service import Services
from bot.service.answering import GuideAnswer
from bot.service.errors import NotAllowed, UnknownGuide, UserFacingError
from bot.service.outcomes import Recorded
from bot.service.ports import Message
from bot.service.recording import TeamDeadline
from bot.service.reports import NudgeStarted
from bot.slack import report_views, views
from bot.slack.errors import message_for
from bot.slack.metrics import Metrics
from bot.slack.statements import ENDING, Statements, points_back, said_plainly

# How long an answer may wait for Slack's Web API before it says "I'll post here" and finishes later:
# Slack gives an ack 3 s, and a stalled Slack must not hold a request thread.
SLACK_WAIT_S: Final = 0.5
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Asker:
    """Who asked, and where the answer will be seen."""

    team_id: str
    user_id: str
    public: bool  # an @mention in a channel: the answer is seen by everyone there
    # Shows a message where the answer was seen, after the request was answered (a slash command's
    # response_url, the DM); None where nothing can follow the answer (`privacy-bot ask`): it waits.
    later: Callable[[Message], None] | None = None


@dataclass(frozen=True)
class Command:
    name: str  # the key of its help line in strings.HELP_LINES
    words: tuple[str, ...]  # what the first word may be; () for the fallback (a question)
    handler: Callable[[Commands, Asker, str, str], Message]
    personal: bool = False  # shows or changes the asker's own data: never answered in public
    managers_only: bool = False


class Commands:
    """Turns command text into a reply, by the table."""

    def __init__(self, *, services: Services, command: str, metrics: Metrics) -> None:
        self.services = services
        self.command = command
        self.metrics = metrics
        self._by_word = {word: spec for spec in COMMANDS for word in spec.words}
        self._statements = Statements(services.answering)
        self._aliases = {**{said_plainly(guide.done_label): "done" for guide in services.catalog}, **_SAID_ALIASES}
        # Told the workspace whenever a member's status changes (managers' App Home follows it).
        self.on_change: list[Callable[[str], None]] = []

    def changed(self, team_id: str) -> None:
        for listener in self.on_change:
            listener(team_id)

    def spec_for(self, text: str) -> Command:
        """The command `text` invokes: a question when its first word is none of theirs, or when a question merely
        starts with `done|skip|undo` ("undo send on slack" asks about Slack; "undo slack" undoes its guide)."""
        word, _, rest = _unaliased(self._statements.as_command(self._unprefixed(text)), self._aliases).partition(" ")
        spec = self._by_word.get(word.lower(), QUESTION)
        if spec.name == "record" and (
            self.services.answering.asks_more_than_a_guide(rest) or _asked_within(rest) or _ends_asking(text)
        ):
            return QUESTION
        return spec

    def _unprefixed(self, text: str) -> str:
        """`text` without the command's name before a command ("privacy status", "/privacy done linkedin" in a DM or
        after an @mention): newcomers type the command as the README shows it. "privacy" before anything else is a
        word of the question ("privacy settings linkedin"); "/privacy" is the command's name wherever it stands."""
        first, _, rest = text.strip().partition(" ")
        rest = rest.strip()
        if first.lower() == self.command.lower():
            return rest
        if first.lower() != self.command.lstrip("/").lower():
            return text
        following = rest.partition(" ")[0].lower()
        if not rest or following in self._by_word or _unaliased(rest, self._aliases) != rest.strip():
            return rest
        return text

    def reply(self, *, text: str, asker: Asker) -> Message:
        typed = self._unprefixed(text)
        text = _unaliased(self._statements.as_command(typed), self._aliases)
        word, _, rest = text.partition(" ")
        spec = self.spec_for(text)
        if spec.name == "record" and _ends_asking(typed):
            # "doesn't apply?", "done linkedin?": asked, not said; a button's label stands for it only when said.
            spec = QUESTION
            word, _, rest = typed.partition(" ")
        if spec.name == "record" and word.lower() == "done" and self._statements.unsure_saved(typed):
            # "done, but not sure it saved": the bot cannot look, and says what the member can.
            recorded = spec.handler(self, asker, word.lower(), rest.strip())
            return Message(text=recorded.text, blocks=[*recorded.blocks, *_text(strings.CANT_SEE_SAVED).blocks])
        if not asker.public and len(several := self._statements.several(typed)) > 1:
            return self._recorded_several(asker, several)
        if not asker.public and (also := self._also(asker, typed)) is not None:
            return also
        if not asker.public and (asked := self._statements.asks_recorded(typed)) is not None:
            answered = self._recorded_for(asker, asked)
            if answered is not None:
                return answered
        if spec is QUESTION and self._statements.wrong_click(typed):
            return _text(strings.WRONG_CLICK.format(undo=strings.BUTTON_UNDO, cmd=self.command))
        if spec is QUESTION and not asker.public and self._statements.not_now(typed):
            later = self._not_now(asker)
            if later is not None:
                return later
        if spec is QUESTION and not asker.public:
            short = self._short_reply(asker, typed)
            if short is not None:
                return short
        if spec.personal and asker.public:
            return _text(strings.ASK_PRIVATELY.format(cmd=self.command))
        if spec.managers_only and not self.services.members.may_manage(team_id=asker.team_id, user_id=asker.user_id):
            if _a_sentence(rest):
                # "report a bug", "nudge me again": a member's own words, which only start like a manager's command.
                return QUESTION.handler(self, asker, word, rest.strip())
            self.services.members.refused(team_id=asker.team_id, user_id=asker.user_id, what=spec.name)
            raise NotAllowed(strings.MANAGERS_ONLY.format(cmd=self.command, word=word.lower()))
        # A question keeps its first word as typed: it is quoted back ("Weather in Paris", not "weather in Paris").
        return spec.handler(self, asker, word if spec is QUESTION else word.lower(), rest.strip())

    def record(
        self, *, team_id: str, user_id: str, guide_id: str, status: Status, source: Source, **how: object
    ) -> Recorded:
        """Every status change goes through here, so the metrics count each one once."""
        outcome = self.services.recording.record(
            team_id=team_id,
            user_id=user_id,
            guide_id=guide_id,
            status=status,
            source=source,
            **how,  # type: ignore[arg-type]
        )
        if outcome.changed:
            self.metrics.attestations.labels(outcome.guide.id, outcome.status.value).inc()
            self.changed(team_id)
        return outcome

    def answer(self, *, text: str, team_id: str, user_id: str, public: bool = False) -> Message:
        found = self.services.answering.answer(text=text, team_id=team_id, user_id=user_id, recall=not public)
        # The member's own deadlines (a running campaign's), to a question about one; never where others see it.
        reading = found.reading
        deadlines = (
            self.services.recording.deadlines(team_id=team_id, user_id=user_id)
            if reading is not None and (reading.dates_asked or reading.deadline_only) and not public
            else {}
        )
        if found.guide is None and reading is not None and reading.deadline_only and len(deadlines) == 1:
            # "Did i miss the deadline", naming no service: the one the campaign asking this member has DMed about.
            [guide_id] = deadlines
            found = replace(
                found, guide=self.services.catalog.get(guide_id), reading=replace(reading, dates_asked=True)
            )
        # "didnt work", "i can't find data privacy" right after a guide: its steps again, and who to tell.
        trouble = found.guide is None and not public and self._statements.steps_trouble(text)
        # Naming no guide itself, a question found one as a follow-up of the guide just shown (see _shown_again).
        following = found.guide is None
        if found.guide is None and not public:
            found = self._shown_again(found, text, team_id=team_id, user_id=user_id, trouble=trouble)
        self.metrics.answers.labels(found.guide.id if found.guide else "none").inc()
        if found.guide is not None:
            if not public:
                self.services.answering.shown(team_id=team_id, user_id=user_id, guide_id=found.guide.id)
            # Asked again after answering: what is recorded, with Undo, as the click's own reply showed it, not the
            # buttons as if nothing were. Never where others see the answer (a thread): a status is the member's.
            outcome = (
                None
                if public
                else self.services.recording.settled_answer(team_id=team_id, user_id=user_id, guide_id=found.guide.id)
            )
            # A question about a deadline or a date: the guide's dates above its steps, as `dates <service>` lists them,
            # and above them the deadline a running campaign asks this member to meet.
            reading = found.reading
            listed = reading is not None and reading.dates_asked and found.guide.dates
            dates = tuple(policy_dates([found.guide], now=_today(self.services), recent=None)) if listed else ()
            deadline = deadlines.get(found.guide.id)
            # "What if I don't have a linkedin account": how to say so, first.
            no_account = self._skip_no_account(found.guide) if reading is not None and reading.no_account else None
            # A question one note answers ("does linkedin use my private messages?"): that note first. The dates
            # answer a question about dates, so no note is put above them.
            # So does what switching off does not undo ("does it undo past training").
            not_undone = not (dates or deadline) and asks_not_undone(text, found.guide)
            asked_about = (
                None
                if dates or deadline or not_undone
                else asked_note(text, found.guide, shown_first=views.MESSAGE_NOTES, following=following)
            )
            # "Did i miss the linkedin deadline?" with no campaign asking: the service's past dates alone read as "yes".
            unasked = deadline is None and not public and _ASKS_A_DEADLINE.search(text) is not None
            asked = views.Asked(
                dates=dates,
                note=asked_about,
                deadline=deadline,
                no_account=no_account,
                no_deadline=unasked,
                not_undone=not_undone,
                doing_it=reading is not None and reading.asks_the_bot_to_do_it,
            )
            shown = self.guide_message(found.guide.id, found.platform, outcome=outcome, asked=asked)
            if trouble:
                told = views.as_dicts(views.text_blocks(strings.STEPS_DONT_MATCH))
                return Message(text=shown.text, blocks=[*told, *shown.blocks])
            return shown
        if reading is not None and reading.deadline_only and not public:
            return self._deadlines_asked(deadlines)
        # "thanks", or a platform named alone: one line, not the whole help.
        line = self.services.answering.short_reply(found, command=self.command)
        if (
            line is not None
            and reading is not None
            and reading.reply == "manager_commands"
            and self.services.members.is_manager(team_id=team_id, user_id=user_id)
        ):
            # "How many people opted out?" from a manager: the commands are theirs, not "for the managers".
            line = strings.ABOUT_MANAGER_COMMANDS_YOURS.format(cmd=self.command)
        if line is not None:
            return _text(line)
        if found.reading is not None and found.reading.help:
            # "hi", "thanks", "help me": what the bot does and how to ask, not "which guide?".
            return self.help()
        # "tell me a joke": what the bot does, in one line; every guide to pick from offered one as if it could answer.
        blocks = (
            views.text_blocks(strings.NOT_FOUND_UNRELATED.format(cmd=self.command))
            if found.reading is not None and found.reading.unrelated
            else views.answer_blocks(found, self.services.catalog, public=public)
        )
        meant = _meant_command(text)
        # "skp linkedin": the guide's name is no question of its own ("For LinkedIn, I only help with …" misled).
        recording = meant is None and (meant := self._meant_record(text)) is not None
        if (
            meant is None
            and _first_word(text) in _REPORT_WORDS
            and self.services.members.is_manager(team_id=team_id, user_id=user_id)
        ):
            # A manager after "the summary" (as the README and the digests call it) is after the report.
            meant = "report"
        if meant is not None:
            # "stauts": no guide, and the member most likely mistyped a command rather than asked a question.
            did_you_mean = views.section(strings.DID_YOU_MEAN.format(cmd=self.command, word=meant))
            reading = found.reading
            if recording or (
                reading is not None and not (reading.service or reading.closest or reading.unknown_service)
            ):
                # Nothing narrowed the guides down: under the likely command, all of them would only bury it.
                blocks = [did_you_mean, views.section(strings.DID_YOU_MEAN_ELSE.format(cmd=self.command))]
            else:
                blocks = [did_you_mean, *blocks]
            blocks = views.checked(blocks)
        return Message(text=views.first_line(blocks), blocks=views.as_dicts(blocks))

    def _deadlines_asked(self, deadlines: Mapping[str, TeamDeadline]) -> Message:
        """ "whats the deadline", naming no service, from a member no campaign asks, or several do (one campaign's guide
        is its answer): that none asks anything by a date, or which guides they ask about, by when. Every guide to pick
        from read as if each had a deadline."""
        catalog = self.services.catalog
        asking = [(guide, deadline) for guide_id, deadline in deadlines.items() if (guide := catalog.get(guide_id))]
        if not asking:
            return _text(strings.NO_DEADLINE_ASKED_ANY.format(cmd=self.command))
        blocks = views.deadlines_blocks(sorted(asking, key=lambda asked: asked[1].day))
        return Message(text=strings.DEADLINES_ASKED, blocks=views.as_dicts(blocks))

    def _shown_again(
        self, found: GuideAnswer, text: str, *, team_id: str, user_id: str, trouble: bool = False
    ) -> GuideAnswer:
        """ "what about my phone", "steps pls", "didnt work" right after a guide: that guide again, for the device
        named; "does this stop microsoft": that guide, if one of its notes answers it (shown first, see answer);
        with no guide shown lately, `found` (which service? which guide?)."""
        reading = found.reading
        if reading is None:
            return found
        answering = self.services.answering
        if not (reading.reply == "which_service" or _asks_for_the_steps(text) or trouble):
            last = answering.last_shown(team_id=team_id, user_id=user_id)
            if last is not None and (
                asked_note(text, last, shown_first=views.MESSAGE_NOTES, following=True) is not None
                or asks_not_undone(text, last)
            ):
                return replace(found, guide=last)
            return found
        last = answering.last_shown(team_id=team_id, user_id=user_id)
        if last is None:
            return found
        platform = found.platform
        if platform is None or platform is Platform.MOBILE:
            # "my phone" is the phone the member named before; with none, the app's steps, which are both phones'.
            known = answering.platform_of(team_id=team_id, user_id=user_id)
            if platform is None or known in (Platform.IOS, Platform.ANDROID):
                platform = known or platform
        return replace(found, guide=last, platform=platform)

    def _skip_no_account(self, guide: Guide) -> str:
        """The command recording that `guide` does not apply for want of an account, as a member would type it: the
        service's name where it means this guide ("/privacy skip linkedin no account"), else the guide's id."""
        return f"{self.command} skip {self._reference(guide)} no account"

    def _reference(self, guide: Guide) -> str:
        return guide.service.lower() if self.services.catalog.primary(guide.service) is guide else guide.id

    def _recorded_several(self, asker: Asker, commands: Sequence[str]) -> Message:
        """Each guide said done, recorded, one line each with its own Undo (see views.one_of_several)."""
        replies = [_record(self, asker, *command.partition(" ")[::2]) for command in commands]
        blocks = [
            block
            for index, reply in enumerate(replies)
            for block in views.one_of_several(_without_why(reply.blocks), index)
        ]
        return Message(text="\n".join(reply.text for reply in replies), blocks=blocks)

    def _also(self, asker: Asker, typed: str) -> Message | None:
        """ "and chatgpt too" right after "done" for the guide shown: that one done too. None otherwise."""
        named = self._statements.also(typed)
        if named is None:
            return None
        services = self.services
        last = services.answering.last_shown(team_id=asker.team_id, user_id=asker.user_id)
        if last is None:
            return None
        outcome = services.recording.answer_of(team_id=asker.team_id, user_id=asker.user_id, guide_id=last.id)
        command = self._statements.as_command(f"i opted out of {named}")
        if outcome is None or outcome.status is not Status.CONFIRMED or not command.startswith("done "):
            return None
        return _record(self, asker, "done", command.removeprefix("done "))

    def _recorded_for(self, asker: Asker, asked: str) -> Message | None:
        """ "did it record linkedin": what is recorded for it, with Undo, or that nothing is, with the buttons. None
        when the words name no guide and none was shown lately: a question."""
        services = self.services
        team_id, user_id = asker.team_id, asker.user_id
        try:
            guide = (
                services.answering.guide(asked)
                if asked
                else services.answering.last_shown(team_id=team_id, user_id=user_id)
            )
        except UserFacingError:
            return None
        if (
            guide is None
            or guide.nothing_to_switch
            or (asked and not services.answering.names_only(asked, guide=guide))
        ):
            return None  # "did you get my data from linkedin" asks something else
        outcome = services.recording.answer_of(team_id=team_id, user_id=user_id, guide_id=guide.id)
        if outcome is not None:
            return views.recorded_message(replace(outcome, earlier=True))
        line = views.section(strings.NOTHING_RECORDED_YET.format(title=views.plain(guide.title)))
        blocks = views.as_dicts([line, *views.action_blocks(guide, None)])
        return Message(text=strings.NOTHING_RECORDED_YET.format(title=views.plain(guide.title)), blocks=blocks)

    def _not_now(self, asker: Asker) -> Message | None:
        """ "not now" right after a guide or its reminder: how to hear of it later, in one line; nothing snoozed
        unasked. None with no guide shown lately: a question."""
        services = self.services
        guide = services.answering.last_shown(team_id=asker.team_id, user_id=asker.user_id)
        if guide is None or guide.nothing_to_switch:
            return None
        day = services.recording.reminder_if_snoozed(team_id=asker.team_id, user_id=asker.user_id, guide_id=guide.id)
        return _text(
            strings.NOT_NOW.format(
                later=strings.BUTTON_SNOOZE,
                skip=strings.BUTTON_NOT_APPLICABLE,
                cmd=self.command,
                guide=self._reference(guide),
                title=views.plain(guide.title),
                day=views.when(day, day="date_long"),
            )
        )

    def _short_reply(self, asker: Asker, typed: str) -> Message | None:
        """ "will do", "nope", "is that all?" right after a guide or its reminder: one line about that guide, or its
        steps again, recording nothing; "i turned off my phone": that a device is not the setting. None otherwise (a
        question: with no guide shown, "yes" is asked what it is about)."""
        statements, services = self._statements, self.services
        device = statements.device_off(typed)
        said = None if device else statements.short_reply(typed)
        if not device and said is None:
            return None
        guide = services.answering.last_shown(team_id=asker.team_id, user_id=asker.user_id)
        if device:
            # With no guide shown, LinkedIn's is the example the other lines give.
            named = self._reference(guide) if guide is not None and not guide.nothing_to_switch else "linkedin"
            return _text(strings.DEVICE_OFF.format(cmd=self.command, guide=named))
        if guide is None or guide.nothing_to_switch:
            return None
        if said == "no":
            return self._not_now(asker)
        if said == "all":
            platform = services.answering.platform_of(team_id=asker.team_id, user_id=asker.user_id)
            return self.guide_message(guide.id, platform)
        return _text(strings.WHEN_DONE.format(done=guide.done_label, title=views.plain(guide.title)))

    def _meant_record(self, text: str) -> str | None:
        """ "skp linkedin": a recording verb with a slip, before what names a guide, as the whole command to suggest.
        Too short to tell alone ("dnoe" may be anything), the guide's name after it says which command it was."""
        first, _, rest = text.strip().partition(" ")
        verb = next((verb for verb in RECORD_WORDS if one_slip(first.lower(), verb, keep_first=True)), None)
        if verb is None or not rest.strip() or self.services.answering.asks_more_than_a_guide(rest):
            return None
        try:
            self.services.answering.guide(rest)
        except UserFacingError:
            return None
        return f"{verb} {rest.strip()}"

    def guide_message(
        self,
        guide_id: str,
        platform: Platform | None,
        *,
        outcome: Recorded | None = None,
        asked: views.Asked = views.ASKED_NOTHING,
    ) -> Message:
        """A guide as a member sees it, with its status buttons or, after a click, what was recorded. What the
        question `asked` beyond the guide: shown above the steps (see views.guide_head_blocks)."""
        today = self.services.answering.clock().date()
        if outcome is None:
            return self._guide_message(guide_id, platform, today, asked)
        middle = views.guide_middle_blocks(outcome.guide, platform, outcome=outcome)
        return self._framed(guide_id, platform, today, middle, asked, answered=True)

    @functools.lru_cache(maxsize=512)  # noqa: B019 - one Commands per app; guides never change while it runs
    def _guide_message(
        self, guide_id: str, platform: Platform | None, today: dt.date, asked: views.Asked = views.ASKED_NOTHING
    ) -> Message:
        """A guide's answer is the same for everyone on a platform on a day: rendered once, not per request."""
        guide = self.services.answering.known_guide(guide_id)
        middle = views.guide_middle_blocks(guide, platform)
        return self._framed(guide_id, platform, today, middle, asked)

    def _framed(
        self,
        guide_id: str,
        platform: Platform | None,
        today: dt.date,
        middle: list[Block],
        asked: views.Asked,
        *,
        answered: bool = False,
    ) -> Message:
        head, row = self._guide_frame(guide_id, platform, today, answered, asked)
        blocks = [*head, *views.as_dicts(views.checked(middle)), row]
        return Message(text=views.plain(self.services.answering.known_guide(guide_id).title), blocks=blocks)

    @functools.lru_cache(maxsize=512)  # noqa: B019 - as above
    def _guide_frame(
        self,
        guide_id: str,
        platform: Platform | None,
        today: dt.date,
        answered: bool = False,
        asked: views.Asked = views.ASKED_NOTHING,
    ) -> tuple[tuple[dict[str, object], ...], dict[str, object]]:
        """All of a guide's message but its middle (buttons or outcome): a click renders only the middle.
        `views.guide_blocks` composes the same three parts, and `guides check` checks their sum at start."""
        guide = self.services.answering.known_guide(guide_id)
        head = views.checked(views.guide_head_blocks(guide, platform, today=today, asked=asked))
        return tuple(views.as_dicts(head)), views.platform_row(guide, platform, answered=answered).to_dict()

    def help(self) -> Message:
        return Message(
            text=strings.HELP_TITLE,
            blocks=views.as_dicts(views.help_blocks(self.services.catalog, lines=help_lines(self.command))),
        )


def help_lines(command: str) -> tuple[list[str], list[str]]:
    """(everyone's lines, managers' lines), in table order."""

    def lines(managers: bool) -> list[str]:
        return [
            line.format(cmd=command)
            for spec in COMMANDS
            if spec.managers_only == managers
            for line in strings.HELP_LINES.get(spec.name, ())
        ]

    return lines(False), lines(True)


# Whole texts that mean a command: only alone, so "list my linkedin data" stays a question. Looked up as _said reads
# them ("What’s my status?" is "whats my status").
_ALIASES = {
    "forget me": "forget-me",
    "guides": "help",
    "list": "help",  # the help lists every guide
    **dict.fromkeys(
        (
            *("status", "my status", "what's my status", "what is my status", "show my status", "show me my status"),
            # The status is headed "Your privacy to-dos".
            *("my to-dos", "my todos", "what are my to-dos", "what are my todos"),
            *("todo", "todos", "to-do", "to-dos", "to do", "todo list", "to-do list", "to do list"),
            *("my todo list", "my to-do list", "my to do list", "my progress", "show my progress"),
            # What a member asks who wants to know what is left for them: the status says it.
            *("what's left", "what is left", "what's left for me", "what's left to do", "where do I stand"),
            *("what do I still need to do", "what do I need to do", "what else do I need to do"),
            *("am I done", "am I done yet", "am I all done", "have I done everything"),
            # What the member recorded is what the status lists.
            *("what did I record", "what have I recorded", "what did I record so far", "what have I recorded so far"),
        ),
        "status",
    ),
    # A status button's label typed instead of pressed names no guide: the command's "Which guide?" answers it.
    # Each guide's own "done" label is added from the catalog (Commands._aliases).
    **dict.fromkeys(("I've opted out", "I have opted out", "opted out"), "done"),
    **dict.fromkeys(
        (strings.BUTTON_NOT_APPLICABLE, "doesn't apply", "does not apply", "not applicable", "not applicable to me"),
        "skip",
    ),
    strings.BUTTON_SNOOZE: "later",
}


# What asks for a guide's steps again ("link?", "steps for android pls"), and the words that may go with it.
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# "remind me how to do it", "where do i click": a reminder of the steps, not one later (which names a when).
_THE_STEPS: Final = _words("steps step link links url setting settings instructions again remind click")
_STEPS_ASKED: Final = _words(
    """
    wait sorry ok okay so and um hmm uh the a an that this those these pls please plz send show give tell me what
    which where whats wheres was is it one more time how do i can you for on in my to get see resend repeat ping
    phone iphone ipad android mobile app laptop computer desktop pc mac web browser ios
    """
)


# A question about a deadline, not about when something happened ("when did linkedin start training?").
_ASKS_A_DEADLINE: Final = re.compile(
    r"\b(?:deadlines?|cut-?off|too late|miss(?:ed)?|by when|due)\b|\b(?:have|need|got) to\b.*\bby\W*$", re.IGNORECASE
)
# What a manager's command is never followed by: a campaign, "start", "on" or "off" is none of these.
_SENTENCE_WORDS: Final = (
    "a an the me my our us this that it them him her his their i you your we some someone somebody "
    "bug bugs problem issue spam abuse fake scam"
)
_SENTENCE_STARTS: Final = frozenset(_SENTENCE_WORDS.split())


def _a_sentence(rest: str) -> bool:
    return _first_word(rest) in _SENTENCE_STARTS


def _asks_for_the_steps(text: str) -> bool:
    """ "steps pls", "link?", "wait which setting": the guide's steps asked for again, naming nothing else."""
    words = set(re.findall(r"\w+", said_plainly(text)))
    return bool(words & _THE_STEPS) and words <= _THE_STEPS | _STEPS_ASKED


def _ends_asking(text: str) -> bool:
    return text.rstrip().endswith(("?", "？", "؟"))


def _asked_within(rest: str) -> bool:
    """ "done with linkedin? no": a question mark with words after it asks, whatever word the text starts with."""
    return any(mark in rest.rstrip(ENDING) for mark in "?？؟")


def _unaliased(text: str, aliases: Mapping[str, str]) -> str:
    text = text.strip()
    return aliases.get(said_plainly(text), text)


_SAID_ALIASES: Final = {said_plainly(alias): command for alias, command in _ALIASES.items()}


def _text(text: str) -> Message:
    return Message(text=text, blocks=views.as_dicts(views.text_blocks(text)))


# -- handlers -------------------------------------------------------------------


def _help(commands: Commands, asker: Asker, word: str, rest: str) -> Message:
    return commands.help()


def _question(commands: Commands, asker: Asker, word: str, rest: str) -> Message:
    return commands.answer(
        text=f"{word} {rest}".strip(), team_id=asker.team_id, user_id=asker.user_id, public=asker.public
    )


def _status(commands: Commands, asker: Asker, word: str, rest: str) -> Message:
    statuses = commands.services.recording.status(team_id=asker.team_id, user_id=asker.user_id)
    # "status all guides", "status all please": the word that asks for every guide, whatever follows it.
    everything = rest.lower().partition(" ")[0].strip(".,:;!?") == "all"
    blocks = views.status_blocks(statuses, command=commands.command, everything=everything)
    return Message(text=strings.STATUS_HEADING, blocks=views.as_dicts(blocks))


def _forget(commands: Commands, asker: Asker, word: str, rest: str) -> Message:
    services, team_id, user_id = commands.services, asker.team_id, asker.user_id
    text = strings.FORGET_ASK_BODY
    if not services.reports.digest_on(team_id=team_id, user_id=user_id):
        # Only a manager can have turned them off; deleting that row brings the weekly DMs back unasked.
        text += strings.FORGET_DIGEST_BACK.format(cmd=commands.command)
    if services.delivery.reminded_today(team_id, user_id, now=services.delivery.clock()):
        # Keeping that record would keep their ID: they hear of the one repeat it can cost instead.
        text += strings.FORGET_REMINDED_TODAY
    text += strings.FORGET_CONTINUE
    return Message(text=text, blocks=views.as_dicts(views.forget_ask_blocks(text)))


# What follows a record word in everyday words, never in a guide's name: "done for the day", "snooze my alarm".
_EVERYDAY_AFTER: Final = frozenset(
    {"for", "with", "my", "the", "this", "that", "today", "tonight", "now", "here", "at", "a", "an", "of", "all"}
)


# The words that record a status, or take one back, as typed first: a slip of one before a guide is suggested.
RECORD_WORDS: Final = ("done", "skip", "undo", "later", "snooze")

RECORD_VERBS = {
    "done": Status.CONFIRMED,
    "skip": Status.NOT_APPLICABLE,
    "n/a": Status.NOT_APPLICABLE,
    # The "Remind me later" button, typed: the snooze-over DM follows as it does for a click.
    "later": Status.SNOOZED,
    "snooze": Status.SNOOZED,
}


def _record(commands: Commands, asker: Asker, word: str, rest: str) -> Message:
    services = commands.services
    # "i turned it off" (a bare `done`) right after a guide's steps: that guide, recorded with its Undo; so is
    # "done on my phone", which names where, not what.
    # Read once: whether it names a device only, and which platform it names (recorded below).
    read = services.answering.read(rest) if rest.strip() else None
    named = "" if read is not None and read.reply == "which_service" else rest
    if word == "skip" and rest.strip().lower() == "no account":
        named = ""  # "I closed my account" ("skip no account"): the guide last shown, for the reason given
    # "done with that" is a bare `done` when a guide was read lately; with none, everyday words (see below).
    pointed = word == "done" and points_back(named)
    last = (
        None
        if named.strip() and not pointed
        else services.answering.last_shown(team_id=asker.team_id, user_id=asker.user_id)
    )
    try:
        guide = last or services.answering.guide(named, command=commands.command, verb=word)
    except UnknownGuide:
        # Not after `undo`: it records nothing, and its unknown guide's name is the clearer answer.
        if word != "undo" and _first_word(named) in _EVERYDAY_AFTER:
            # "done for the day", "snooze my alarm": no guide's name that failed, and nothing to record.
            verb = "later" if word in ("later", "snooze") else word
            return _text(strings.NOT_A_GUIDE_RECORDED.format(cmd=commands.command, verb=verb))
        raise
    if word == "undo":
        _, removed = services.recording.undo(team_id=asker.team_id, user_id=asker.user_id, guide_id=guide.id)
        if removed:
            commands.changed(asker.team_id)
        return _text((strings.UNDONE if removed else strings.NOTHING_TO_UNDO).format(title=views.plain(guide.title)))
    if guide.nothing_to_switch:
        # No buttons to record it either: nothing to be done, so nothing done, skipped or to remind of.
        service = views.plain(guide.service.lower())
        title = views.plain(guide.title)
        return _text(strings.NOTHING_TO_RECORD.format(title=title, cmd=commands.command, service=service))
    status = RECORD_VERBS[word]
    # "skip linkedin I don't have an account": a reason the guide's "why?" buttons offer is recorded, not asked again.
    given = services.answering.reason_given(rest, guide=guide) if status is Status.NOT_APPLICABLE else None
    reason = given if given in views.reasons_for(guide) else None
    outcome = commands.record(
        team_id=asker.team_id,
        user_id=asker.user_id,
        guide_id=guide.id,
        status=status,
        source=Source.COMMAND,
        reason=reason,
        # "i did it on my iphone": the platform it was done on, as a button under a platform's steps records it.
        platform=Platform.parse(read.platform) if read is not None else None,
    )
    # Snoozed again before the reminder's time moved (the snooze ends with its DM): the same DM, said again.
    if outcome.changed or outcome.status is Status.SNOOZED:
        # Undo beside it, as after a button: typed by mistake ("done" for "doesn't apply"), it is one click away.
        return views.recorded_message(outcome)
    return _text(
        strings.ALREADY.format(
            title=views.plain(guide.title), status=strings.STATUS_LABELS[outcome.status], when=views.when(outcome.at)
        )
    )


def _without_why(blocks: Sequence[dict[str, object]]) -> list[dict[str, object]]:
    """A record's blocks without the optional "Why doesn't it apply?" (its prompt, then its buttons): Slack refuses
    a message with its buttons' block twice, and a reason pressed would answer for one of several records."""
    why = next((at for at, block in enumerate(blocks) if block.get("block_id") == views.BLOCK_RECORDED_REASON), None)
    return list(blocks) if why is None else [*blocks[: why - 1], *blocks[why + 1 :]]


def _campaign(commands: Commands, asker: Asker, word: str, rest: str) -> Message:
    services = commands.services
    action, _, argument = rest.partition(" ")
    action = action.lower()
    if action == "start":
        planned = services.campaigns.plan(team_id=asker.team_id, text=argument, command=commands.command)
        launched = services.background.submit(
            "campaign-start",
            lambda: services.campaigns.launch(team_id=asker.team_id, user_id=asker.user_id, planned=planned),
        )
        return _once_slack_answers(
            launched,
            asker,
            lambda started: _text(views.campaign_started_text(started, command=commands.command)),
            waiting=_text(strings.CAMPAIGN_STARTING.format(id=planned.campaign.id)),
        )
    if action in {"list", "ls", ""}:
        listing = services.campaigns.listing(team_id=asker.team_id)
        return Message(
            text=strings.CAMPAIGN_LIST_HEADING,
            blocks=views.as_dicts(views.campaign_list_blocks(listing, command=commands.command)),
        )
    if action == "stop":
        if not argument.strip():
            # Never stopped unnamed (a stop is not undone), but the one running is named, ready to copy.
            running = services.campaigns.the_one_running(team_id=asker.team_id)
            usage = strings.CAMPAIGN_STOP_USAGE if running is None else strings.CAMPAIGN_STOP_THE_ONE_RUNNING
            raise UserFacingError(usage.format(cmd=commands.command, id=running.id if running else ""))
        stopped = services.campaigns.stop(
            team_id=asker.team_id, user_id=asker.user_id, campaign_id=argument.strip(), command=commands.command
        )
        if stopped.stopped_at is not None:  # as found before this stop: nothing changed
            message = strings.CAMPAIGN_STOPPED_ALREADY
        else:
            message = strings.CAMPAIGN_FROM_FILE if stopped.origin == "file" else strings.CAMPAIGN_STOPPED
        return _text(message.format(id=stopped.id))
    raise UserFacingError(strings.CAMPAIGN_USAGE.format(cmd=commands.command))


def _once_slack_answers(work: Future[T], asker: Asker, answer: Callable[[T], Message], *, waiting: Message) -> Message:
    """The answer, when Slack lets `work` finish within SLACK_WAIT_S; otherwise `waiting` now and the answer
    (or why there is none) where the asker saw it, once Slack has answered."""
    later = asker.later
    try:
        result = work.result(timeout=None if later is None else SLACK_WAIT_S)
    except TimeoutError:
        if later is None or work.done():  # the work's own error, not the wait's
            raise
    else:
        return answer(result)

    def deliver(done: Future[T]) -> None:
        try:
            message = answer(done.result())
        except Exception as error:  # shown as the ack would have shown it
            message = _text(message_for(error))
        later(message)

    work.add_done_callback(deliver)
    return waiting


def _dates(commands: Commands, asker: Asker, word: str, rest: str) -> Message:
    services = commands.services
    today = _today(services)
    guides: list[Guide] = list(services.catalog)
    named = _service_named(services, rest)
    if named is not None:
        # "dates linkedin" listed every service's dates, and the 8 latest past ones left LinkedIn's own out; and
        # then its own 8 latest, the day its setting appeared among those left out. One service's are few: all.
        guides = [guide for guide in guides if guide.service == named]
        title = strings.DATES_TITLE_FOR.format(service=named)
        changes = policy_dates(guides, now=today, recent=None)
        return Message(text=title, blocks=views.as_dicts(views.dates_blocks(changes, title=title)))
    changes = policy_dates(guides, now=today)
    earlier = len(policy_dates(guides, now=today, recent=None)) - len(changes)
    more = strings.DATES_EARLIER.format(count=earlier, cmd=commands.command) if earlier else None
    blocks = views.dates_blocks(changes, title=strings.DATES_TITLE, earlier=more)
    return Message(text=strings.DATES_TITLE, blocks=views.as_dicts(blocks))


def _today(services: Services) -> dt.date:
    """Today in BOT_TIMEZONE, as the bot's other dates: by UTC's, a date was past on its own evening in America."""
    return services.answering.clock().astimezone(services.campaigns.timezone).date()


def _service_named(services: Services, text: str) -> str | None:
    """The service `text` names ("linkedin"), or None for no text or text naming none (all dates are shown)."""
    if not text.strip():
        return None
    try:
        return services.answering.guide(text).service
    except UserFacingError:
        return None


def _report(commands: Commands, asker: Asker, word: str, rest: str) -> Message:
    reports = commands.services.reports
    if _asks_for_help(rest):
        raise UserFacingError(strings.REPORT_USAGE.format(cmd=commands.command))
    if not rest:
        summaries = reports.summaries(team_id=asker.team_id)
        past = 0 if summaries else reports.past(team_id=asker.team_id)
        last = reports.last_past(team_id=asker.team_id) if past else None
        blocks = report_views.short_blocks(summaries, command=commands.command, past=past, last=last)
        return Message(text=strings.REPORT_ALL_HEADING, blocks=views.as_dicts(blocks))
    # "report linkedin csv": the report, whose *Export CSV* button is what was asked for.
    named, csv_asked = _CSV_ASKED.sub("", rest).strip(), _CSV_ASKED.search(rest) is not None
    summary = reports.summary(team_id=asker.team_id, campaign_id=named or rest, command=commands.command)
    shown = report_message(summary, min_group=reports.min_group)
    if not (csv_asked and named):
        return shown
    line = views.section(strings.REPORT_CSV_BELOW.format(button=strings.BUTTON_EXPORT))
    return Message(text=shown.text, blocks=[*views.as_dicts([line]), *shown.blocks])


_CSV_ASKED: Final = re.compile(r"\s+(?:(?:as|in|to)\s+)?(?:a\s+)?(?:csv|export|spreadsheet|excel)\s*$", re.IGNORECASE)


def report_message(summary: Summary, *, min_group: int) -> Message:
    blocks = report_views.report_blocks(summary, min_group=min_group)
    text = strings.REPORT_HEADING.format(title=views.plain(summary.title))
    return Message(text=text, blocks=views.as_dicts(blocks))


def _asks_for_help(rest: str) -> bool:
    """ "report help", "nudge ?": the manager asks how the command works, and names no campaign (no id is "help")."""
    return rest.strip().lower() in {"help", "help?", "?"}


def _nudge(commands: Commands, asker: Asker, word: str, rest: str) -> Message:
    if _asks_for_help(rest):
        raise UserFacingError(strings.NUDGE_USAGE.format(cmd=commands.command))
    campaign_id, taken = rest, ""
    if not rest:
        # No campaign named while one runs: that one is meant (a nudge reminds only those still pending).
        running = commands.services.campaigns.the_one_running(team_id=asker.team_id)
        if running is None:
            raise UserFacingError(strings.NUDGE_USAGE.format(cmd=commands.command))
        campaign_id, taken = running.id, strings.NUDGE_THE_ONE_RUNNING.format(id=running.id)
    started = commands.services.reports.nudge(
        team_id=asker.team_id, user_id=asker.user_id, campaign_id=campaign_id, command=commands.command
    )
    return _text(nudge_text(started) + taken)


def _of_pending(count: int, pending: int) -> str:
    """ "the 4 members" when that is everyone pending, else "1 of the 4 members": the report's pending count."""
    return f"the {strings.members(count)}" if count == pending else f"{count} of the {strings.members(pending)}"


def nudge_text(started: NudgeStarted) -> str:
    """Who is nudged now, who later, and who had a DM today: together, the pending count the report shows."""
    if not started.pending:
        return strings.NUDGE_NONE_PENDING.format(id=started.campaign.id)
    # The member's daytime, when a manager's nudge reaches them; on weekdays only, as the campaign's reminders.
    hours = f"{AWAKE_FROM:%H:%M}–{QUIET_FROM:%H:%M}" + ("" if started.campaign.weekend_reminders else " on a weekday")
    asleep = strings.members(started.asleep)
    # When to press again: the moment the first of them is in their daytime (Slack shows it in the reader's zone).
    again = views.when(started.reachable_from, day="date_short_pretty") if started.reachable_from else "later"
    later = strings.NUDGE_LATER.format(count=asleep, hours=hours, when=again) if started.asleep else ""
    had = max(0, started.pending - started.count - started.asleep)
    had_today = strings.NUDGE_HAD_TODAY.format(count=strings.members(had)) if had else ""
    if not started.count:
        if started.asleep:
            are = "is" if started.asleep == 1 else "are"
            count = _of_pending(started.asleep, started.pending)
            awake = strings.NUDGE_NOBODY_AWAKE.format(
                id=started.campaign.id, count=count, are=are, hours=hours, when=again
            )
            return awake + had_today
        return strings.NUDGE_NOBODY.format(id=started.campaign.id)
    count = _of_pending(started.count, started.pending)
    return strings.NUDGE_STARTED.format(count=count, id=started.campaign.id) + had_today + later


def _digest(commands: Commands, asker: Asker, word: str, rest: str) -> Message:
    choice = rest.strip().lower()
    reports = commands.services.reports
    if choice not in {"on", "off"}:
        # "Weekly digests: on or off" did not say which they were: the manager had to switch to find out.
        state = reports.digest_on(team_id=asker.team_id, user_id=asker.user_id)
        said = strings.DIGEST_STATE[state].format(cmd=commands.command)
        # "digest of": a slip of off, not a look at the state (which, on, read as a refusal to switch them off).
        meant = difflib.get_close_matches(choice, ["on", "off"], n=1, cutoff=0.6)
        if meant:
            said = strings.DID_YOU_MEAN_DIGEST.format(cmd=commands.command, choice=meant[0]) + said
        raise UserFacingError(said)
    reports.set_digest(team_id=asker.team_id, user_id=asker.user_id, on=choice == "on")
    if choice == "on":
        return _text(strings.DIGEST_ON.format(tz=reports.timezone.key))
    return _text(strings.DIGEST_OFF.format(cmd=commands.command))


QUESTION = Command("question", (), _question)


# First words a manager uses for what `report` shows; only suggested to managers, to whom it is open.
_REPORT_WORDS: Final = frozenset({"summary", "summaries", "stats", "statistics", "progress", "overview"})


def _first_word(text: str) -> str:
    return text.strip().partition(" ")[0].lower()


def _meant_command(text: str) -> str | None:
    """The command a question's first word looks like a typo of ("stauts", "campain"), by its first word."""
    first = _first_word(text)
    # Each recording verb is a command of its own; other commands' extra words are spellings of the first.
    words = {
        word: word if spec.name == "record" else spec.words[0]
        for spec in COMMANDS
        for word in spec.words
        # "forgot my password?" is no request to delete one's data: only "forget-me" spelled with a slip ("forgt-me").
        if len(word) >= 4 and word != "forget"
    }
    if len(first) < 4 or first in words:
        return None
    if one_slip(first, "help", keep_first=True):
        # The help is typed alone and costs nothing to suggest: "hepl", "halp" are too short for the ratio below.
        return "help"
    # Typos keep the first letter; English words near a command mostly do not ("alter my linkedin settings" was
    # asked "Did you mean `/privacy later`?").
    close = difflib.get_close_matches(first, [word for word in words if word[0] == first[0]], n=1, cutoff=0.8)
    return words[close[0]] if close else None


# The order is the order of the help text.
COMMANDS: Sequence[Command] = (
    Command("help", ("help", "?", ""), _help),
    QUESTION,
    Command("record", ("done", "skip", "n/a", "later", "snooze", "undo"), _record, personal=True),
    Command("status", ("status",), _status, personal=True),
    Command("forget", ("forget-me", "forgetme", "forget"), _forget, personal=True),
    Command("dates", ("dates", "calendar"), _dates),
    Command("campaign", ("campaign", "campaigns"), _campaign, personal=True, managers_only=True),
    Command("report", ("report", "reports"), _report, personal=True, managers_only=True),
    Command("nudge", ("nudge",), _nudge, personal=True, managers_only=True),
    Command("digest", ("digest", "digests"), _digest, personal=True, managers_only=True),
)
