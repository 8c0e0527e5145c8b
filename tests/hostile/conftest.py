"""One bot for the whole hostile suite, served over real HTTP against the Slack stand-in, with
everything a request could leave behind in reach: the stand-in's record of calls, the database,
/metrics and every log record."""

from __future__ import annotations

import http.client
import logging
import re
import sqlite3
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from bot.cli import serve_in_background
from bot.core import Status
from bot.guides.catalog import load_catalog
from bot.local.fake_slack import FakeSlack
from bot.slack.metrics import EVENT_TYPES, HTTP_STATUSES, KINDS, NO_GUIDE, OTHER, TRY_AGAIN
from tests.conftest import local_settings

TABLES = ("attestations", "member_preferences", "processed_events", "audit_log", "workspaces")
_LABEL = re.compile(r'(\w+)="((?:[^"\\]|\\.)*)"')


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes


class Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def text(self, *, since: int = 0, level: int = logging.DEBUG) -> str:
        formatter = logging.Formatter()
        lines = []
        for record in self.records[since:]:
            if record.levelno < level:
                continue
            lines.append(record.getMessage())
            if record.exc_info:
                lines.append(formatter.formatException(record.exc_info))
        return "\n".join(lines)


@dataclass
class HostileBot:
    url: str
    slack: FakeSlack
    database: Path
    logs: Capture
    allowed_labels: frozenset[str] = field(default_factory=frozenset)
    # Waits until the bot's replies after an ack have gone out, so "no call" means none ever.
    settle: Callable[[], object] = lambda: None

    def request(
        self,
        method: str,
        body: bytes = b"",
        headers: Mapping[str, str] | None = None,
        *,
        path: str | None = None,
        content_length: str | None = "auto",
    ) -> Answer:
        """A raw request: exactly these headers (Content-Length as given, or none), this body."""
        target = urlsplit(self.url)
        connection = http.client.HTTPConnection(target.hostname or "127.0.0.1", target.port, timeout=5)
        try:
            connection.putrequest(method, path or target.path, skip_accept_encoding=True)
            for name, value in (headers or {}).items():
                connection.putheader(name, value)
            if content_length == "auto":
                connection.putheader("Content-Length", str(len(body)))
            elif content_length is not None:
                connection.putheader("Content-Length", content_length)
            connection.endheaders(body or None)
            response = connection.getresponse()
            answer = Answer(response.status, response.read())
            self.settle()
            return answer
        finally:
            connection.close()

    def get(self, path: str) -> Answer:
        return self.request("GET", path=path)

    def metrics(self) -> str:
        answer = self.get("/metrics")
        assert answer.status == 200
        return answer.body.decode()

    def series(self) -> set[str]:
        return {line.split(" ")[0] for line in self.metrics().splitlines() if line and not line.startswith("#")}

    def label_values(self) -> set[str]:
        values = set()
        for line in self.metrics().splitlines():
            if line.startswith("#"):
                continue
            values.update(value for name, value in _LABEL.findall(line) if name != "le")
        return values

    def rows(self) -> dict[str, int]:
        with sqlite3.connect(self.database) as db:
            return {table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in TABLES}

    def rows_with_empty_user(self) -> int:
        with sqlite3.connect(self.database) as db:
            return sum(
                db.execute(f"SELECT count(*) FROM {table} WHERE user_id IS NULL OR trim(user_id) = ''").fetchone()[0]
                for table in ("attestations", "member_preferences")
            )


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HostileBot]:
    capture = Capture()
    root = logging.getLogger()
    watched = [logging.getLogger(name) for name in ("bot", "slack_bolt", "slack_sdk", "waitress", "sqlalchemy")]
    levels = [logger.level for logger in watched]
    root.addHandler(capture)
    for logger in watched:
        logger.setLevel(logging.DEBUG)
    database = tmp_path_factory.mktemp("hostile") / "bot.db"
    try:
        with FakeSlack() as slack:
            served = serve_in_background(local_settings(slack, database))
            try:
                statuses = (status.value for status in Status)
                allowed = {
                    *KINDS,
                    *EVENT_TYPES,
                    *HTTP_STATUSES,
                    *TRY_AGAIN,
                    NO_GUIDE,
                    OTHER,
                    *statuses,
                    *load_catalog().ids,
                }
                yield HostileBot(
                    url=served.url,
                    slack=slack,
                    database=database,
                    logs=capture,
                    allowed_labels=frozenset(allowed),
                    settle=served.settle,
                )
            finally:
                served.stop()
    finally:
        root.removeHandler(capture)
        for logger, level in zip(watched, levels, strict=True):
            logger.setLevel(level)
