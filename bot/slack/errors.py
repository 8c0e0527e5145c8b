"""The one error path (STYLE.md 4): a UserFacingError is shown as is, a timeout as "try again",
anything else is logged with its traceback and answered with a short apology.

Registered as bolt's error handler, so it sees failures of every listener and middleware. It only
replies to requests that passed verification and reached our middleware: an unverified body never
makes the bot call out, whatever response_url it names.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from slack_bolt import BoltContext, BoltResponse

from bot import strings
from bot.core import TemporarilyUnavailable
from bot.service.errors import UserFacingError
from bot.service.ports import Message
from bot.slack import views

log = logging.getLogger(__name__)

Body = dict[str, Any]
DEPS = "privacy_bot"


def message_for(error: Exception) -> str:
    if isinstance(error, UserFacingError):
        return str(error)
    if isinstance(error, TemporarilyUnavailable):
        log.warning("answered 'try again': %s", error.__class__.__name__)
        return strings.COULD_NOT_SAVE if error.while_writing else strings.COULD_NOT_READ
    log.error("unhandled %s", error.__class__.__name__, exc_info=error)
    return strings.SORRY


def on_error(error: Exception, body: Body, context: BoltContext) -> BoltResponse:
    found = context.get(DEPS) if context is not None else None
    if found is None:
        # Failed before our middleware ran (malformed or unverified): answer nothing, call nobody.
        log.warning("rejected a request before it reached the bot: %s", error.__class__.__name__)
        return BoltResponse(status=400, body="bad request")
    text = message_for(error)
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
