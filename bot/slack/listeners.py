"""Thin bolt listeners: acknowledge, parse, call one service function, render.

Every listener runs inside the request (bolt's process_before_response), so a slash command is
answered in its ack and a click's write has landed before Slack hears back. Anything else Slack
must be told (a response_url update, a DM reply, App Home) goes to the gateway's outbound
worker: no listener waits on the Web API. Listeners raise; bot/slack/errors.py answers.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Final

from slack_bolt import Ack, App, BoltContext

from bot import strings
from bot.core import Platform, Source
from bot.guides.catalog import Guide
from bot.service import Services
from bot.service.errors import NotAllowed
from bot.service.ports import Message
from bot.slack import manager_home, reminder_views, report_views, views
from bot.slack.commands import Asker, Commands, nudge_text, report_message
from bot.slack.errors import DEPS, on_error
from bot.slack.gateway import SlackGateway
from bot.slack.manager_home import ManagerHomes

log = logging.getLogger(__name__)

Body = dict[str, Any]
# [^<>]: a label never holds "<" (Slack escapes it), and one left open ends at the next "<", not at the end
# of the text from every "<@" again (quadratic: 25 s for a 100 KB mention).
_MENTION = re.compile(r"<@[UW][A-Z0-9]+(\|[^<>]*)?>")


@dataclass(frozen=True)
class Deps:
    services: Services
    commands: Commands
    gateway: SlackGateway
    homes: ManagerHomes = field(default_factory=ManagerHomes)
    # Members who opened App Home since this process started: only their Home can be showing a
    # status that a click elsewhere just changed (anyone else gets a fresh one when they open it).
    home_seen: set[str] = field(default_factory=set)


def deps(context: BoltContext) -> Deps:
    found: Deps = context[DEPS]
    return found


# -- slash command ------------------------------------------------------------------------


def on_command(ack: Ack, command: Body, context: BoltContext) -> None:
    found = deps(context)
    url = command.get("response_url")

    def later(message: Message) -> None:
        if isinstance(url, str) and url:
            found.gateway.respond_later(
                url, {"text": message.text, "blocks": list(message.blocks), "response_type": "ephemeral"}
            )

    asker = Asker(team_id=_team(context, command), user_id=str(command["user_id"]), public=False, later=later)
    reply = found.commands.reply(text=strings.unescape(str(command.get("text") or "")), asker=asker)
    ack(text=reply.text, blocks=list(reply.blocks), response_type="ephemeral")


# -- buttons ------------------------------------------------------------------------------


def on_attest(ack: Ack, action: Body, body: Body, context: BoltContext) -> None:
    ack()
    found = deps(context)
    guide_id, platform = views.decode_value(action.get("value"))
    status, reason = views.ATTESTATIONS[str(action["action_id"])]
    outcome = found.commands.record(
        team_id=_team(context, body),
        user_id=_user(context, body),
        guide_id=guide_id,
        status=status,
        reason=reason,
        source=Source.BUTTON,
        platform=platform,
    )
    if is_private(body) and action.get("block_id") != views.BLOCK_RECORDED_REASON:
        shown = _below_intro(
            found,
            body,
            outcome.guide,
            lambda: found.commands.guide_message(outcome.guide.id, platform, outcome=outcome),
        )
        _update(found, body, shown)
    else:
        # A channel's reminder or a thread answer stays as everyone sees it; the clicker, who has the guide in
        # front of them, needs only what was recorded, with its Undo: beside the post, or in place of the line
        # whose "why?" they answered.
        _update(found, body, views.recorded_message(outcome))
    _refresh_home(found, body, context)


def on_undo(ack: Ack, action: Body, body: Body, context: BoltContext) -> None:
    ack()
    found = deps(context)
    guide_id, platform = views.decode_value(action.get("value"))
    guide, removed = found.services.recording.undo(
        team_id=_team(context, body), user_id=_user(context, body), guide_id=guide_id
    )
    block_id = str(action.get("block_id") or "")
    message = body.get("message")
    if block_id.startswith(views.BLOCK_ONE_OF_SEVERAL) and isinstance(message, dict):
        # One of several records in a message: that line says it is undone, the others keep theirs and their Undo.
        said = (strings.UNDONE if removed else strings.NOTHING_TO_UNDO).format(title=views.plain(guide.title))
        line = views.as_dicts(views.text_blocks(said))
        blocks = [line[0] if block.get("block_id") == block_id else block for block in message.get("blocks", [])]
        _update(found, body, Message(text=said, blocks=blocks))
    elif action.get("block_id") == views.BLOCK_RECORDED or block_id.startswith(views.BLOCK_ONE_OF_SEVERAL):
        # Beside a one-line answer, not a guide: one line back, not the guide the member never asked to see.
        said = strings.UNDONE if removed else strings.NOTHING_TO_UNDO
        _update(found, body, _text(said.format(title=views.plain(guide.title))))
    else:
        _update(found, body, _below_intro(found, body, guide, lambda: found.commands.guide_message(guide.id, platform)))
    found.commands.changed(_team(context, body))
    _refresh_home(found, body, context)


def on_platform(ack: Ack, action: Body, body: Body, context: BoltContext) -> None:
    ack()
    found = deps(context)
    guide_id, _ = views.decode_value(action.get("value"))
    platform = Platform.parse(str(action["action_id"]).removeprefix(views.ACTION_PLATFORM_PREFIX))
    guide = found.services.answering.known_guide(guide_id)
    team_id, user_id = _team(context, body), _user(context, body)
    if platform is not None:
        found.services.answering.remember_platform(team_id=team_id, user_id=user_id, platform=platform)
    answered = action.get("block_id") == views.BLOCK_PLATFORM_ANSWERED

    def switched() -> Message:
        # The message showed the member's answer with its Undo: the new steps show it as it stands now.
        outcome = (
            found.services.recording.answer_of(team_id=team_id, user_id=user_id, guide_id=guide.id)
            if answered
            else None
        )
        return found.commands.guide_message(guide.id, platform, outcome=outcome)

    _update(found, body, _below_intro(found, body, guide, switched))


def on_open_guide(ack: Ack, action: Body, body: Body, context: BoltContext) -> None:
    ack()
    found = deps(context)
    team_id, user_id = _team(context, body), _user(context, body)
    reply = found.commands.answer(text=str(action.get("value") or ""), team_id=team_id, user_id=user_id)
    if (body.get("container") or {}).get("type") == "view":
        # App Home has no response_url: the guide goes to the member's DM with the bot.
        found.gateway.post_later(user_id, reply)
    else:
        _update(found, body, reply)


def on_details(ack: Ack, action: Body, body: Body, context: BoltContext) -> None:
    ack()
    found = deps(context)
    guide_id, _ = views.decode_value(action.get("value"))
    guide = found.services.answering.known_guide(guide_id)
    _reply(found, body, Message(text=guide.title, blocks=views.as_dicts(views.details_blocks(guide))))


def on_open_setting(ack: Ack) -> None:
    # A link button still sends an action; Slack opens the URL itself.
    ack()


def on_forget(ack: Ack, body: Body, context: BoltContext) -> None:
    ack()
    found = deps(context)
    rows = found.services.recording.forget(team_id=_team(context, body), user_id=_user(context, body))
    found.commands.changed(_team(context, body))
    said = strings.FORGET_DONE.format(rows=strings.records(rows)) if rows else strings.FORGET_NOTHING
    _update(found, body, _text(said))


def on_forget_cancel(ack: Ack, body: Body, context: BoltContext) -> None:
    ack()
    _update(deps(context), body, _text(strings.FORGET_CANCELLED))


def on_report_show(ack: Ack, action: Body, body: Body, context: BoltContext) -> None:
    ack()
    found, team_id, user_id = _manager(context, body, action)
    summary = found.services.reports.summary(
        team_id=team_id, campaign_id=str(action.get("value") or ""), command=found.commands.command
    )
    _manager_reply(found, body, user_id, report_message(summary, min_group=found.services.reports.min_group))


def on_report_nudge(ack: Ack, action: Body, body: Body, context: BoltContext) -> None:
    ack()
    found, team_id, user_id = _manager(context, body, action)
    started = found.services.reports.nudge(
        team_id=team_id, user_id=user_id, campaign_id=str(action.get("value") or ""), command=found.commands.command
    )
    _manager_reply(found, body, user_id, _text(nudge_text(started)))


def on_report_export(ack: Ack, action: Body, body: Body, context: BoltContext) -> None:
    ack()
    found, team_id, user_id = _manager(context, body, action)
    campaign = found.services.reports.export_to_dm(
        team_id=team_id, user_id=user_id, campaign_id=str(action.get("value") or ""), command=found.commands.command
    )
    _manager_reply(found, body, user_id, _text(strings.EXPORT_STARTED.format(id=campaign.id)))


def _manager(context: BoltContext, body: Body, action: Body) -> tuple[Deps, str, str]:
    """Payloads can be forged: a manager button checks the clicker again, and a refusal is audited."""
    found, team_id, user_id = deps(context), _team(context, body), _user(context, body)
    if not found.services.members.may_manage(team_id=team_id, user_id=user_id):
        found.services.members.refused(team_id=team_id, user_id=user_id, what=str(action.get("action_id")))
        raise NotAllowed(strings.MANAGER_BUTTON_REFUSED)
    return found, team_id, user_id


def _manager_reply(found: Deps, body: Body, user_id: str, message: Message) -> None:
    """Beside the report the button was on; from App Home (no response_url) in the manager's DM."""
    if body.get("response_url"):
        _reply(found, body, message)
    else:
        found.gateway.post_later(user_id, message)


def on_unknown_action(ack: Ack) -> None:
    # Registered last: a button from an older version of the bot is acknowledged, not a Slack error.
    ack()
    log.info("ignored an unknown action")


# -- events -------------------------------------------------------------------------------


def on_message(event: Body, body: Body, context: BoltContext) -> None:
    # Only people's own new DMs: not bots, not edits/joins (system subtypes), not channel chatter.
    if event.get("channel_type") != "im" or _from_bot_or_system(event) or not first_delivery(body, context):
        return
    found = deps(context)
    channel = str(event.get("channel") or event["user"])
    asker = Asker(
        team_id=_team(context, event),
        user_id=str(event["user"]),
        public=False,
        later=lambda message: found.gateway.post_later(channel, message),
    )
    # A DM is a private conversation: it takes every command `/privacy` takes.
    reply = found.commands.reply(text=strings.unescape(str(event.get("text") or "")), asker=asker)
    found.gateway.post_later(channel, reply)


def on_mention(event: Body, body: Body, context: BoltContext) -> None:
    if _from_bot_or_system(event) or not first_delivery(body, context):
        return
    found = deps(context)
    asker = Asker(team_id=_team(context, event), user_id=str(event["user"]), public=True)
    text = _without_mentions(strings.unescape(str(event.get("text") or "")))
    reply = found.commands.reply(text=text, asker=asker)
    found.gateway.post_later(
        str(event["channel"]), reply, thread_ts=str(event.get("thread_ts") or event.get("ts") or "") or None
    )


def on_home_opened(event: Body, body: Body, context: BoltContext) -> None:
    if event.get("tab", "home") != "home" or not event.get("user") or not first_delivery(body, context):
        return
    found = deps(context)
    found.home_seen.add(str(event["user"]))
    _publish_home(found, team_id=_team(context, event), user_id=str(event["user"]))


def on_lifecycle(event: Body) -> None:
    log.warning("slack lifecycle event %s: the bot can no longer act in this workspace", event.get("type"))


def first_delivery(body: Body, context: BoltContext) -> bool:
    """Slack re-sends an event (X-Slack-Retry-Num) when it thinks we were slow; act on it once. Asked only
    by a listener that is about to answer: an event the bot ignores (channel chatter, an edit, a reaction)
    is ignored again when re-sent, and recording it would be a write for every message Slack sends."""
    event_id = body.get("event_id")
    if not isinstance(event_id, str):
        return True
    team_id = context.team_id or str(body.get("team_id", ""))
    return deps(context).services.recording.first_time(team_id=team_id, key=f"event:{event_id}")


# -- replies ------------------------------------------------------------------------------


def is_private(body: Body) -> bool:
    """Only the clicker can see the message: an ephemeral answer, or a DM with the bot."""
    container = body.get("container") or {}
    channel = str(container.get("channel_id") or (body.get("channel") or {}).get("id") or "")
    return bool(container.get("is_ephemeral")) or channel.startswith("D")


Reply = Message | Callable[[], Message]  # a callable is rendered by the outbound worker, after the ack


def _update(found: Deps, body: Body, message: Reply) -> None:
    """Show the result where the member clicked: in place on a private message; on a message others
    can see (an @mention answer, an announcement), as a reply only the clicker sees."""
    _send(found, body, message, replace=is_private(body))


def _below_intro(found: Deps, body: Body, guide: Guide, message: Callable[[], Message]) -> Callable[[], Message]:
    """A guide shown again in place of a reminder DM (another platform, an answer, Undo) keeps the reminder's first
    line, the days left and the deadline, above it."""
    intro = reminder_views.kept_intro(body.get("message"), guide, now=found.services.answering.clock())
    if intro is None:
        return message

    def shown() -> Message:
        return Message(text=intro.text, blocks=[*intro.blocks, *message().blocks])

    return shown


def _reply(found: Deps, body: Body, message: Reply) -> None:
    _send(found, body, message, replace=False)


def _send(found: Deps, body: Body, message: Reply, *, replace: bool) -> None:
    url = body.get("response_url")
    if not isinstance(url, str) or not url:
        return

    def payload() -> dict[str, Any]:
        shown = message() if callable(message) else message
        built: dict[str, Any] = {"text": shown.text, "blocks": list(shown.blocks), "replace_original": replace}
        if not replace:
            built["response_type"] = "ephemeral"
        return built

    found.gateway.respond_later(url, payload)


def _refresh_home(found: Deps, body: Body, context: BoltContext) -> None:
    """App Home shows statuses: refresh it after a change made anywhere, not only when opened."""
    user_id = _user(context, body)
    if user_id in found.home_seen:
        _publish_home(found, team_id=_team(context, body), user_id=user_id)


def _publish_home(found: Deps, *, team_id: str, user_id: str) -> None:
    """Read and render in the outbound worker too: nothing of it is needed for the ack."""
    if found.services.members.is_manager(team_id=team_id, user_id=user_id):
        found.homes.opened(team_id=team_id, user_id=user_id)
        manager_home.publish(
            services=found.services,
            gateway=found.gateway,
            team_id=team_id,
            user_id=user_id,
            command=found.commands.command,
        )
        return

    def view() -> dict[str, Any]:
        statuses = found.services.recording.status(team_id=team_id, user_id=user_id)
        return views.home_view(statuses).to_dict()

    found.gateway.publish_home_later(user_id, view)


def _text(text: str) -> Message:
    return Message(text=text, blocks=views.as_dicts(views.text_blocks(text)))


def _without_mentions(text: str) -> str:
    return _MENTION.sub(" ", text).strip()


# Subtypes of a message a person wrote: "how do I turn this off?" sent with a screenshot is `file_share`.
_WRITTEN_SUBTYPES: Final = frozenset({"file_share"})


def _from_bot_or_system(event: Body) -> bool:
    subtype = event.get("subtype")
    system = subtype is not None and subtype not in _WRITTEN_SUBTYPES
    return bool(event.get("bot_id") or system or event.get("bot_profile")) or not event.get("user")


def _team(context: BoltContext, payload: Body) -> str:
    team = context.team_id or payload.get("team_id") or (payload.get("team") or {}).get("id")
    return str(team or "")


def _user(context: BoltContext, payload: Body) -> str:
    return str(context.user_id or (payload.get("user") or {}).get("id") or "")


# -- registration, in one place ---------------------------------------------------------


def register(app: App, *, found: Deps, command: str) -> None:
    """Attach every listener; each subscribed event has one so Slack never sees a 404 and retries."""

    def provide(context: BoltContext, next: Any) -> None:  # noqa: A002
        context[DEPS] = found
        next()

    app.middleware(provide)
    # `/Privacy` too: a phone capitalises the first word, and SLASH_COMMAND is lower case only.
    app.command(re.compile(f"^{re.escape(command)}$", re.IGNORECASE))(on_command)
    app.action(re.compile("^(" + "|".join(map(re.escape, views.ATTESTATIONS)) + ")$"))(on_attest)
    app.action(views.ACTION_UNDO)(on_undo)
    app.action(re.compile(rf"^{views.ACTION_PLATFORM_PREFIX}[a-z]+$"))(on_platform)
    app.action(re.compile(rf"^{views.ACTION_OPEN_GUIDE}(_\d+)?$"))(on_open_guide)
    app.action(views.ACTION_DETAILS)(on_details)
    app.action(views.ACTION_OPEN_SETTING)(on_open_setting)
    app.action(views.ACTION_FORGET_CONFIRM)(on_forget)
    app.action(views.ACTION_FORGET_CANCEL)(on_forget_cancel)
    app.action(report_views.ACTION_SHOW)(on_report_show)
    app.action(report_views.ACTION_NUDGE)(on_report_nudge)
    app.action(report_views.ACTION_EXPORT)(on_report_export)
    found.commands.on_change.append(
        lambda team_id: found.homes.changed(
            team_id=team_id, services=found.services, gateway=found.gateway, command=command
        )
    )
    app.action(re.compile(".*"))(on_unknown_action)
    app.event("message")(on_message)
    app.event("app_mention")(on_mention)
    app.event("app_home_opened")(on_home_opened)
    app.event("app_uninstalled")(on_lifecycle)
    app.event("tokens_revoked")(on_lifecycle)
    app.error(on_error)
