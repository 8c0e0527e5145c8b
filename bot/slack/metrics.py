"""Prometheus metrics for /metrics: what Slack asked of the bot, how fast it answered, what members did.

Counts only (and, in Socket Mode, whether the link to Slack is up): no user IDs and no message text, so the
endpoint leaks nothing about people. Every label value comes from a fixed list known at start-up (anything
else counts as `other`), so no request, signed or not, can add a series: the size of /metrics is bounded
whatever is sent."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Final

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from slack_bolt import BoltResponse

OTHER: Final = "other"
# `unverified`: refused before the body was trusted (bad signature, stale, too large), so nothing
# from the body may name the series. `invalid`: signed, but not a body Slack sends.
UNVERIFIED: Final = "unverified"
INVALID: Final = "invalid"
# `late`: signed, but it waited in the server until Slack had stopped waiting for it; refused unread.
LATE: Final = "late"
# `copy`: signed, but the signature was seen before (bot.slack.replays): answered with nothing.
COPY: Final = "copy"
KINDS: Final = ("slash", "action", "event", "options", "view", "shortcut", UNVERIFIED, INVALID, LATE, COPY, OTHER)
# The events the manifest subscribes to, plus Slack's own handshake.
EVENT_TYPES: Final = ("message", "app_mention", "app_home_opened", "app_uninstalled", "tokens_revoked")
HTTP_STATUSES: Final = ("200", "400", "401", "404", "405", "413", "500", "503")
NO_GUIDE: Final = "none"
# What the database could not do when a member was told to try again.
TRY_AGAIN: Final = ("save", "read")

_KIND_OF_TYPE: Final[Mapping[str, str]] = {
    "block_actions": "action",
    "interactive_message": "action",
    "block_suggestion": "options",
    "dialog_suggestion": "options",
    "view_submission": "view",
    "view_closed": "view",
    "shortcut": "shortcut",
    "message_action": "shortcut",
    "event_callback": "event",
    "url_verification": "event",
}


class _Bounded:
    """A labelled counter whose label values are mapped onto allow-lists before they reach the registry.

    Keeps the `.labels(...).inc()` call shape the listeners use, so callers cannot forget the bound."""

    def __init__(self, counter: Counter, allowed: tuple[frozenset[str], ...]) -> None:
        self._counter = counter
        self._allowed = allowed

    def labels(self, *values: object) -> Any:
        pairs = zip((str(value) for value in values), self._allowed, strict=True)
        return self._counter.labels(*(value if value in allowed else OTHER for value, allowed in pairs))


class Metrics:
    def __init__(self, *, guides: Iterable[str] = (), statuses: Iterable[str] = ()) -> None:
        """`guides` and `statuses` are the label values allowed for members' actions (the catalog's ids
        and the status vocabulary); the cli passes them in, as this layer may not import the store."""
        # One registry per app, so tests and several apps in one process do not share counts.
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "privacy_bot_slack_requests",
            "Requests from Slack by kind (slash, action, event, ..., unverified, invalid) and HTTP status",
            ["kind", "status"],
            registry=self.registry,
        )
        self.events = Counter(
            "privacy_bot_slack_events",
            "Events API deliveries by event type (types the bot does not subscribe to count as 'other')",
            ["type"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "privacy_bot_slack_request_seconds",
            "Time to answer Slack, by kind",
            ["kind"],
            buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5),
            registry=self.registry,
        )
        guide_ids = frozenset(guides)
        status_names = frozenset(statuses)
        self.answers = _Bounded(
            Counter(
                "privacy_bot_answers",
                "Questions answered, by the guide found ('none' when no guide fit)",
                ["guide"],
                registry=self.registry,
            ),
            (guide_ids | {NO_GUIDE},),
        )
        self.attestations = _Bounded(
            Counter(
                "privacy_bot_attestations",
                "Status changes members made, by guide and new status",
                ["guide", "status"],
                registry=self.registry,
            ),
            (guide_ids, status_names),
        )
        # A full disk or a database gone refuses every save while /healthz, which only reads, still says 200.
        self.try_again = Counter(
            "privacy_bot_try_again_answers",
            "Answers that asked the member to try again: the database could not save ('save') or read ('read')",
            ["what"],
            registry=self.registry,
        )
        for what in TRY_AGAIN:
            self.try_again.labels(what)

    def answered_try_again(self, *, writing: bool) -> None:
        """A member told to try again: the database could not save (or read) what they asked."""
        self.try_again.labels(TRY_AGAIN[0] if writing else TRY_AGAIN[1]).inc()

    def watch_link(self, *, up: Callable[[], bool], down_seconds: Callable[[], float]) -> None:
        """Socket Mode only: whether the link to Slack is up, read when /metrics is (no label, so no series
        beyond these two)."""
        Gauge(
            "privacy_bot_slack_link_up",
            "1 while the Socket Mode connection to Slack is open, 0 while the bot is without one",
            registry=self.registry,
        ).set_function(lambda: float(up()))
        Gauge(
            "privacy_bot_slack_link_down_seconds",
            "How long the Socket Mode connection to Slack has been down; 0 while it is up",
            registry=self.registry,
        ).set_function(down_seconds)

    def render(self) -> str:
        return generate_latest(self.registry).decode()

    def rejected(self, status: int, *, verified: bool) -> None:
        """A request refused before dispatch: counted without reading anything from its body."""
        self.requests.labels(INVALID if verified else UNVERIFIED, _status(status)).inc()

    def copied(self) -> None:
        """A copy of a signed request already taken, answered with nothing (bot.slack.replays)."""
        self.requests.labels(COPY, "200").inc()

    def late(self) -> None:
        """A signed request refused unread (503): it waited past Slack's limit for a free thread."""
        self.requests.labels(LATE, "503").inc()

    def observe(self, body: Mapping[str, Any], dispatch: Callable[[], BoltResponse], *, valid: bool) -> BoltResponse:
        """Time one verified request. `valid` is False for a body of the wrong shape: it counts as
        `invalid` and nothing else is read from it."""
        kind = kind_of(body) if valid else INVALID
        if valid and body.get("type") == "event_callback":
            self.events.labels(event_type_of(body)).inc()
        started = time.perf_counter()
        response = dispatch()
        self.latency.labels(kind).observe(time.perf_counter() - started)
        self.requests.labels(kind, _status(response.status)).inc()
        return response


def kind_of(body: Mapping[str, Any]) -> str:
    if "command" in body:
        return "slash"
    return _KIND_OF_TYPE.get(str(body.get("type")), OTHER)


def event_type_of(body: Mapping[str, Any]) -> str:
    event = body.get("event")
    kind = event.get("type") if isinstance(event, Mapping) else None
    return kind if kind in EVENT_TYPES else OTHER


def _status(status: int) -> str:
    return str(status) if str(status) in HTTP_STATUSES else OTHER
