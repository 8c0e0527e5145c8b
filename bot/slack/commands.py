"""The words of `/privacy …` (and of a DM): one service call each, rendered as a reply."""

from __future__ import annotations

import logging
from typing import Any

from bot import strings
from bot.service import PrivacyService, Recorded, UserFacingError
from bot.slack import views
from bot.slack.metrics import Metrics

log = logging.getLogger(__name__)

Reply = tuple[str, list[dict[str, object]]]

RECORD_VERBS = {"done": "confirmed", "skip": "not_applicable", "n/a": "not_applicable", "later": "snoozed"}
FORGET_WORDS = {"forget-me", "forgetme", "forget"}
PERSONAL_VERBS = {"status", "undo", *RECORD_VERBS, *FORGET_WORDS}


class CommandHandler:
    """Turns `/privacy …` text into one service call and its rendered reply."""

    def __init__(self, *, service: PrivacyService, command: str, metrics: Metrics) -> None:
        self.service = service
        self.command = command
        self.metrics = metrics

    def reply(self, *, text: str, team_id: str, user_id: str, public: bool = False) -> Reply:
        """`public` replies are seen by a channel: they never show or change anyone's status."""
        try:
            return self._dispatch(text=text.strip(), team_id=team_id, user_id=user_id, public=public)
        except UserFacingError as error:
            return str(error), views.as_dicts(views.text_blocks(str(error)))
        except Exception:
            log.exception("command failed")
            return strings.SORRY, views.as_dicts(views.text_blocks(strings.SORRY))

    def record(self, **what: Any) -> Recorded:
        """Every status change goes through here, so the metrics count each one once."""
        outcome = self.service.record(**what)
        if outcome.changed:
            self.metrics.attestations.labels(outcome.guide.id, outcome.status).inc()
        return outcome

    def answer(self, *, text: str, team_id: str, user_id: str) -> Reply:
        found = self.service.answer(text=text, team_id=team_id, user_id=user_id)
        self.metrics.answers.labels(found.guide.id if found.guide else "none").inc()
        title = found.guide.title if found.guide else strings.NOT_FOUND_SUGGEST
        return title, views.as_dicts(views.answer_blocks(found, self.service.catalog))

    def _dispatch(self, *, text: str, team_id: str, user_id: str, public: bool) -> Reply:
        verb, _, rest = text.partition(" ")
        verb = verb.lower()
        if verb in {"", "help", "?"}:
            return strings.HELP_TITLE, views.as_dicts(views.help_blocks(self.service.catalog, command=self.command))
        if text.lower() == "forget me":
            verb = "forget-me"
        if public and verb in PERSONAL_VERBS:
            message = strings.ASK_PRIVATELY.format(cmd=self.command)
            return message, views.as_dicts(views.text_blocks(message))
        if verb == "status":
            statuses = self.service.status(team_id=team_id, user_id=user_id)
            return strings.STATUS_HEADING, views.as_dicts(views.status_blocks(statuses))
        if verb in FORGET_WORDS:
            return strings.FORGET_ASK, views.as_dicts(views.forget_ask_blocks())
        if verb in RECORD_VERBS or verb == "undo":
            return self._record(verb=verb, reference=rest, team_id=team_id, user_id=user_id)
        return self.answer(text=text, team_id=team_id, user_id=user_id)

    def _record(self, *, verb: str, reference: str, team_id: str, user_id: str) -> Reply:
        if not reference.strip():
            raise UserFacingError(strings.USAGE_NEEDS_GUIDE.format(cmd=self.command, verb=verb))
        guide = self.service.guide(reference, command=self.command)
        if verb == "undo":
            _, removed = self.service.undo(team_id=team_id, user_id=user_id, guide_id=guide.id)
            message = (strings.UNDONE if removed else strings.NOTHING_TO_UNDO).format(title=guide.title)
            return message, views.as_dicts(views.text_blocks(message))
        outcome = self.record(
            team_id=team_id, user_id=user_id, guide_id=guide.id, status=RECORD_VERBS[verb], source="command"
        )
        if outcome.changed:
            message = views.outcome_text(outcome)
        else:
            message = strings.ALREADY.format(
                title=guide.title, status=strings.STATUS_LABELS[outcome.status], when=views.when(outcome.at)
            )
        return message, views.as_dicts(views.text_blocks(message))
