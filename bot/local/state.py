"""What the Slack stand-in remembers between calls: messages, views, uploads, issued ids.

Not thread-safe by itself: `FakeSlack` holds its one lock around every access.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bot.local.workspace import Workspace

TRIGGER_TTL = 3.0  # seconds Slack lets an app use a trigger_id


@dataclass
class StoredMessage:
    """One message as a channel member would see it now (after any chat.update / replace_original)."""

    channel: str
    ts: str
    text: str
    blocks: list[dict[str, Any]]
    user: str
    via: str
    thread_ts: str | None = None
    ephemeral_to: str | None = None  # the one user who sees it; None for a normal message
    edits: int = 0
    deleted: bool = False
    metadata: dict[str, Any] | None = None

    def as_slack(self, *, bot_id: str, app_id: str, team_id: str) -> dict[str, Any]:
        """The `message` object Slack echoes back and puts in interactivity payloads."""
        message: dict[str, Any] = {
            "type": "message",
            "user": self.user,
            "bot_id": bot_id,
            "app_id": app_id,
            "text": self.text,
            "ts": self.ts,
            "team": team_id,
            "blocks": self.blocks,
        }
        if self.thread_ts is not None:
            message["thread_ts"] = self.thread_ts
        if self.edits:
            message["edited"] = {"user": self.user, "ts": self.ts}
        if self.metadata is not None:
            message["metadata"] = self.metadata
        return message


@dataclass
class Upload:
    file_id: str
    filename: str
    length: int
    data: bytes | None = None
    title: str | None = None
    channel: str | None = None
    initial_comment: str | None = None
    completed: bool = False


@dataclass
class SlackState:
    workspace: Workspace
    clock: Callable[[], float]
    messages: dict[tuple[str, str], StoredMessage] = field(default_factory=dict)
    home_views: dict[str, dict[str, Any]] = field(default_factory=dict)
    modal_views: list[dict[str, Any]] = field(default_factory=list)
    uploads: dict[str, Upload] = field(default_factory=dict)
    trigger_ids: dict[str, float] = field(default_factory=dict)
    used_trigger_ids: set[str] = field(default_factory=set)
    _seq: int = 0

    def next_seq(self) -> int:
        self._seq += 1
        return self._seq

    def next_ts(self) -> str:
        # The sequence keeps ts unique and increasing even when a test freezes the clock.
        return f"{int(self.clock())}.{self.next_seq():06d}"

    def new_id(self, prefix: str) -> str:
        return f"{prefix}0{self.next_seq():08d}"

    def new_trigger_id(self) -> str:
        trigger_id = f"{self.next_seq()}.{int(self.clock())}.{secrets.token_hex(16)}"
        self.trigger_ids[trigger_id] = self.clock()
        return trigger_id

    def store(self, message: StoredMessage) -> StoredMessage:
        self.messages[(message.channel, message.ts)] = message
        return message

    def as_slack(self, message: StoredMessage) -> dict[str, Any]:
        ws = self.workspace
        return message.as_slack(bot_id=ws.bot_id, app_id=ws.api_app_id, team_id=ws.team_id)
