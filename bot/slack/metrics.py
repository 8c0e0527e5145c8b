"""Prometheus metrics for /metrics: what Slack asked of the bot, how fast it answered, what members did.

Counts only: no user IDs and no message text, so the endpoint leaks nothing about people."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from slack_bolt import BoltResponse


class Metrics:
    def __init__(self) -> None:
        # One registry per app, so tests and several apps in one process do not share counts.
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "privacy_bot_slack_requests",
            "Requests from Slack by kind (command, action, event type) and HTTP status",
            ["kind", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "privacy_bot_slack_request_seconds",
            "Time to answer Slack, by kind",
            ["kind"],
            buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5),
            registry=self.registry,
        )
        self.answers = Counter(
            "privacy_bot_answers",
            "Questions answered, by the guide found ('none' when no guide fit)",
            ["guide"],
            registry=self.registry,
        )
        self.attestations = Counter(
            "privacy_bot_attestations",
            "Status changes members made, by guide and new status",
            ["guide", "status"],
            registry=self.registry,
        )

    def render(self) -> str:
        return generate_latest(self.registry).decode()

    def observe(self, body: dict[str, Any], dispatch: Callable[[], BoltResponse]) -> BoltResponse:
        kind = _kind(body)
        started = time.perf_counter()
        response = dispatch()
        self.latency.labels(kind).observe(time.perf_counter() - started)
        self.requests.labels(kind, str(response.status)).inc()
        return response


def _kind(body: dict[str, Any]) -> str:
    if "command" in body:
        return "command"
    if body.get("type") == "event_callback":
        return f"event:{body.get('event', {}).get('type', 'unknown')}"
    return str(body.get("type") or "unknown")
