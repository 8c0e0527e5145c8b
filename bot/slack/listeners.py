"""Thin bolt listeners: acknowledge, parse, call one service function, render."""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, BoltContext, BoltResponse, Respond, Say
from slack_sdk import WebClient

from bot import strings
from bot.service import PrivacyService, UserFacingError
from bot.slack import views
from bot.slack.commands import CommandHandler
from bot.slack.metrics import Metrics

log = logging.getLogger(__name__)

Body = dict[str, Any]
_MENTION = re.compile(r"<@[UW][A-Z0-9]+(\|[^>]*)?>")


def register(app: App, *, service: PrivacyService, command: str, metrics: Metrics) -> None:
    """Attach every listener; each subscribed event has one so Slack never sees a 404 and retries."""
    commands = CommandHandler(service=service, command=command, metrics=metrics)

    @app.middleware
    def skip_replayed_events(
        body: Body, context: BoltContext, next: Callable[[], BoltResponse | None]
    ) -> BoltResponse | None:
        # Slack re-sends an event (X-Slack-Retry-Num) when it thinks we were slow; act on it once.
        event_id = body.get("event_id")
        if body.get("type") == "event_callback" and isinstance(event_id, str):
            team_id = context.team_id or str(body.get("team_id", ""))
            if not service.first_time(team_id=team_id, key=f"event:{event_id}"):
                return BoltResponse(status=200, body="")
        return next()

    @app.command(command)
    def on_command(ack: Ack, command: Body, context: BoltContext) -> None:
        text, blocks = commands.reply(
            text=str(command.get("text", "")), team_id=_team(context, command), user_id=str(command["user_id"])
        )
        ack(text=text, blocks=blocks, response_type="ephemeral")

    @app.action(re.compile("^(" + "|".join(views.ATTESTATIONS) + ")$"))
    @_replying_on_error
    def on_attest(ack: Ack, action: Body, body: Body, context: BoltContext, respond: Respond) -> None:
        ack()
        guide_id, platform = views.decode_value(str(action["value"]))
        status, reason = views.ATTESTATIONS[str(action["action_id"])]
        outcome = commands.record(
            team_id=_team(context, body),
            user_id=_user(context, body),
            guide_id=guide_id,
            status=status,
            reason=reason,
            source="button",
            platform=platform,
        )
        blocks = views.guide_blocks(outcome.guide, platform, outcome=outcome)
        respond(replace_original=True, text=outcome.guide.title, blocks=views.as_dicts(blocks))

    @app.action(views.ACTION_UNDO)
    @_replying_on_error
    def on_undo(ack: Ack, action: Body, body: Body, context: BoltContext, respond: Respond) -> None:
        ack()
        guide_id, platform = views.decode_value(str(action["value"]))
        guide, _ = service.undo(team_id=_team(context, body), user_id=_user(context, body), guide_id=guide_id)
        respond(replace_original=True, text=guide.title, blocks=views.as_dicts(views.guide_blocks(guide, platform)))

    @app.action(re.compile(rf"^{views.ACTION_PLATFORM_PREFIX}(desktop|ios|android)$"))
    @_replying_on_error
    def on_platform(ack: Ack, action: Body, body: Body, context: BoltContext, respond: Respond) -> None:
        ack()
        guide_id, platform = views.decode_value(str(action["value"]))
        guide = service.known_guide(guide_id)
        if platform:
            service.remember_platform(team_id=_team(context, body), user_id=_user(context, body), platform=platform)
        respond(replace_original=True, text=guide.title, blocks=views.as_dicts(views.guide_blocks(guide, platform)))

    @app.action(re.compile(rf"^{views.ACTION_OPEN_GUIDE}(_\d+)?$"))
    @_replying_on_error
    def on_open_guide(
        ack: Ack, action: Body, body: Body, context: BoltContext, respond: Respond, client: WebClient
    ) -> None:
        ack()
        team_id, user_id = _team(context, body), _user(context, body)
        answer = service.answer(text=str(action["value"]), team_id=team_id, user_id=user_id)
        blocks = views.as_dicts(views.answer_blocks(answer, service.catalog))
        title = answer.guide.title if answer.guide else strings.HELP_TITLE
        if body.get("container", {}).get("type") == "view":
            # App Home has no response_url: the guide goes to the member's DM with the bot.
            client.chat_postMessage(channel=user_id, text=title, blocks=blocks)
        else:
            respond(replace_original=True, text=title, blocks=blocks)

    @app.action(views.ACTION_DETAILS)
    @_replying_on_error
    def on_details(ack: Ack, action: Body, respond: Respond) -> None:
        ack()
        guide_id, _ = views.decode_value(str(action["value"]))
        guide = service.known_guide(guide_id)
        respond(replace_original=False, text=guide.title, blocks=views.as_dicts(views.details_blocks(guide)))

    @app.action(views.ACTION_OPEN_SETTING)
    def on_open_setting(ack: Ack) -> None:
        # A link button still sends an action; Slack opens the URL itself.
        ack()

    @app.action(views.ACTION_FORGET_CONFIRM)
    @_replying_on_error
    def on_forget(ack: Ack, body: Body, context: BoltContext, respond: Respond) -> None:
        ack()
        rows = service.forget(team_id=_team(context, body), user_id=_user(context, body))
        respond(replace_original=True, text=strings.FORGET_DONE.format(rows=rows))

    @app.action(views.ACTION_FORGET_CANCEL)
    def on_forget_cancel(ack: Ack, respond: Respond) -> None:
        ack()
        respond(replace_original=True, text=strings.FORGET_CANCELLED)

    @app.action(re.compile(".*"))
    def on_unknown_action(ack: Ack, action: Body) -> None:
        # Registered last: a button from an older version of the bot is acknowledged, not a Slack error.
        ack()
        log.info("ignored an unknown action %s", action.get("action_id"))

    @app.event("message")
    def on_message(event: Body, context: BoltContext, say: Say) -> None:
        # Only people's own new DMs: not bots, not edits/joins (subtypes), not channel chatter.
        if event.get("channel_type") != "im" or _from_bot_or_system(event):
            return
        # A DM is a private conversation: it takes every command `/privacy` takes.
        text, blocks = commands.reply(
            text=str(event.get("text", "")), team_id=_team(context, event), user_id=str(event["user"])
        )
        say(text=text, blocks=blocks)

    @app.event("app_mention")
    def on_mention(event: Body, context: BoltContext, say: Say) -> None:
        if _from_bot_or_system(event):
            return
        text, blocks = commands.reply(
            text=_without_mentions(str(event.get("text", ""))),
            team_id=_team(context, event),
            user_id=str(event["user"]),
            public=True,
        )
        say(text=text, blocks=blocks, thread_ts=event.get("thread_ts") or event.get("ts"))

    @app.event("app_home_opened")
    def on_home_opened(event: Body, context: BoltContext, client: WebClient) -> None:
        if event.get("tab", "home") != "home":
            return
        user_id = str(event["user"])
        statuses = service.status(team_id=_team(context, event), user_id=user_id)
        client.views_publish(user_id=user_id, view=views.home_view(statuses).to_dict())

    @app.event("app_uninstalled")
    @app.event("tokens_revoked")
    def on_lifecycle(event: Body) -> None:
        log.warning("slack lifecycle event %s: the bot can no longer act in this workspace", event.get("type"))

    @app.error
    def on_error(error: Exception, body: Body, respond: Respond | None) -> None:
        message = str(error) if isinstance(error, UserFacingError) else strings.SORRY
        if not isinstance(error, UserFacingError):
            log.exception("unhandled error for a %s request", body.get("type", "command"), exc_info=error)
        if respond is not None and body.get("response_url"):
            respond(text=message, replace_original=False)


def _replying_on_error(listener: Callable[..., None]) -> Callable[..., None]:
    """After ack(), a failure must still reach the member: as the error's own words when they can fix
    it, otherwise as a short apology (the details go to the log, never to Slack)."""

    @functools.wraps(listener)
    def replying(**kwargs: Any) -> None:
        try:
            listener(**kwargs)
        except UserFacingError as error:
            kwargs["respond"](text=str(error), replace_original=False)
        except Exception:
            log.exception("%s failed", listener.__name__)
            kwargs["respond"](text=strings.SORRY, replace_original=False)

    return replying


def _without_mentions(text: str) -> str:
    return _MENTION.sub(" ", text).strip()


def _from_bot_or_system(event: Body) -> bool:
    return bool(event.get("bot_id") or event.get("subtype") or event.get("bot_profile")) or "user" not in event


def _team(context: BoltContext, payload: Body) -> str:
    team = context.team_id or payload.get("team_id") or payload.get("team", {}).get("id")
    return str(team or "")


def _user(context: BoltContext, payload: Body) -> str:
    return str(context.user_id or payload.get("user", {}).get("id", ""))
