"""Socket Mode requests keep the time they arrived: their budget (bot.core.REQUEST_BUDGET_S) counts from
then, not from when one of slack_sdk's workers took them. slack_sdk queues what its pool of 10 workers
cannot take yet, and a save that waited there used to get a fresh budget and land after Slack had shown
the member an error; one that waited past Slack's limit is now dropped unanswered, as nobody waits for
it (Slack re-sends an event; a member sees the error Slack already showed).

The time is taken where slack_sdk receives a message (`enqueue_message`, on the connection's thread) and
picked up by a message listener, which slack_sdk runs in the same worker thread just before the request
listeners."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, Final

from slack_sdk.socket_mode.client import BaseSocketModeClient
from slack_sdk.socket_mode.request import SocketModeRequest

from bot.core import REQUEST_BUDGET_S, answering_by
from bot.slack import after_ack
from bot.slack.late import LateRequests

# Messages that never reach a listener (slack_sdk handles "disconnect" itself) leave their time behind.
_REMEMBERED: Final = 1_000


class Arrivals:
    def __init__(self, late: LateRequests) -> None:
        self._late = late
        self._lock = threading.Lock()
        # Keyed by id(message), with the message held so that no other string can take that id meanwhile.
        self._arrived: OrderedDict[int, tuple[str, float]] = OrderedDict()
        self._taken = threading.local()

    def install(self, client: BaseSocketModeClient) -> None:
        """Stamp what `client` receives; wrap its request listeners with `budgeted` afterwards."""
        receive = client.enqueue_message

        def stamped(message: str) -> None:
            with self._lock:
                self._arrived[id(message)] = (message, time.monotonic())
                if len(self._arrived) > _REMEMBERED:
                    self._arrived.popitem(last=False)
            receive(message)

        client.enqueue_message = stamped  # type: ignore[method-assign]
        client.message_listeners.insert(0, self._taking)

    def _taking(self, _client: BaseSocketModeClient, _message: dict[Any, Any], raw: str | None) -> None:
        with self._lock:
            found = self._arrived.pop(id(raw), None)
        self._taken.arrived = found[1] if found is not None else None

    def budgeted(self, listener: Callable[..., None]) -> Callable[[BaseSocketModeClient, SocketModeRequest], None]:
        def within_budget(client: BaseSocketModeClient, request: SocketModeRequest) -> None:
            stamped: float | None = getattr(self._taken, "arrived", None)
            self._taken.arrived = None
            arrived = stamped if stamped is not None else time.monotonic()
            if self._late.too_late(arrived):
                return
            # bolt's listener sends the ack over the socket before it returns: replies go after it.
            with answering_by(arrived + REQUEST_BUDGET_S), after_ack.collecting() as replies:
                try:
                    listener(client, request)
                finally:
                    after_ack.release(replies)

        return within_budget
