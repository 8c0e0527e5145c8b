"""The one error path (STYLE.md 4): a UserFacingError is shown as is, a timeout as "try again",
anything else is logged with its traceback and answered with a short apology. A signed request no
listener takes (bolt raises BoltUnhandledRequestError for it) is not an error: it gets a quiet 200.

Registered as bolt's error handler, so it sees failures of every listener and middleware. It only
replies to requests that passed verification and reached our middleware: an unverified body never
makes the bot call out, whatever response_url it names.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from slack_bolt import BoltContext, BoltResponse
from slack_bolt.error import BoltUnhandledRequestError

from bot import strings
from bot.core import TemporarilyUnavailable
from bot.log_tally import OncePerMinute
from bot.service.errors import UserFacingError
from bot.service.ports import Message
from bot.slack import views
from bot.slack.metrics import Metrics

log = logging.getLogger(__name__)

Body = dict[str, Any]
DEPS = "privacy_bot"
# Requests that ask for the options of a select menu: the bot shows none, so "no options" is the answer.
SUGGESTIONS = frozenset({"block_suggestion", "dialog_suggestion"})
NO_OPTIONS = json.dumps({"options": []})


# During an outage every request answers "try again": a line each would let anyone write the log at their rate.
TRY_AGAIN_LOGGED = OncePerMinute()


def message_for(error: Exception, *, metrics: Metrics | None = None) -> str:
    if isinstance(error, UserFacingError):
        return str(error)
    if isinstance(error, TemporarilyUnavailable):
        if metrics is not None:
            metrics.answered_try_again(writing=error.while_writing)
        TRY_AGAIN_LOGGED.warning(
            log, "answered 'try again' %(count)d time(s) since the last such line: %(cause)s", cause=error.cause
        )
        return strings.COULD_NOT_SAVE if error.while_writing else strings.COULD_NOT_READ
    log.error("unhandled %s", error.__class__.__name__, exc_info=error)
    return strings.SORRY


def unhandled(body: Body) -> BoltResponse:
    """A signed request of a kind the bot has no listener for (a shortcut, a modal, an options request,
    an event it did not subscribe to). Slack only needs a 200 within 3 s: a 404 would make it retry an
    event, disable the subscription after enough of them, or show the member an error. Nothing from the
    body is logged above debug (bolt's own warning would quote it), and only the kind at debug."""
    kind = str(body.get("type") or "command")  # one of shapes' fixed list: the shape check ran before
    if kind == "app_rate_limited":
        # Slack's own notice that it is dropping this app's events (over 30,000 an hour from a workspace).
        log.warning("Slack reports app_rate_limited: it is not sending this app some of its events")
    else:
        log.debug("no listener for a %s request: answered 200", kind)
    if kind in SUGGESTIONS:
        return BoltResponse(status=200, body=NO_OPTIONS, headers={"content-type": "application/json"})
    return BoltResponse(status=200, body="")


def on_error(error: Exception, body: Body, context: BoltContext) -> BoltResponse:
    if isinstance(error, BoltUnhandledRequestError):
        return unhandled(body)
    found = context.get(DEPS) if context is not None else None
    if found is None:
        # Failed before our middleware ran (malformed or unverified): answer nothing, call nobody.
        log.warning("rejected a request before it reached the bot: %s", error.__class__.__name__)
        return BoltResponse(status=400, body="bad request")
    text = message_for(error, metrics=found.commands.metrics)
    message = Message(text=text, blocks=views.as_dicts(views.text_blocks(text)))
    if "command" in body:
        # Not acknowledged yet: the apology is the ack itself.
        payload = {"response_type": "ephemeral", "text": message.text, "blocks": list(message.blocks)}
        return BoltResponse(status=200, body=json.dumps(payload), headers={"content-type": "application/json"})
    url = body.get("response_url")
    if isinstance(url, str) and url:
        found.gateway.respond_later(url, {"text": text, "replace_original": False, "response_type": "ephemeral"})
    event = body.get("event") if isinstance(body.get("event"), dict) else None
    if event is not None and event.get("channel_type") == "im" and event.get("channel"):
        found.gateway.post_later(str(event["channel"]), message)
    # 200 either way: a 5xx would make Slack retry an event we already failed once.
    return BoltResponse(status=200, body="")
