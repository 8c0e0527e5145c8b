"""METRICS_PORT: /healthz and /metrics on a port of their own, so the public one serves only Slack."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

import pytest

from bot.cli import main
from bot.local.fake_slack import FakeSlack
from bot.local.sender import SignedSender
from bot.local.workspace import LOCAL_APP_TOKEN, LOCAL_BOT_TOKEN, LOCAL_SIGNING_SECRET
from tests.botproc import free_port, start_bot

pytestmark = pytest.mark.e2e


def _status(url: str, method: str = "GET") -> int:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method=method), timeout=3) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as error:
        return error.code


def test_metrics_port_serves_health_and_metrics_and_port_serves_only_slack(slack: FakeSlack, tmp_path: Path) -> None:
    public, private = free_port(), free_port()
    env = {
        "SLACK_BOT_TOKEN": LOCAL_BOT_TOKEN,
        "SLACK_SIGNING_SECRET": LOCAL_SIGNING_SECRET,
        "SLACK_API_URL": slack.api_url,
        "DATABASE_URL": f"sqlite:///{tmp_path}/bot.db",
        "METRICS_PORT": str(private),
    }
    bot = start_bot(
        ["run", "--http", "--host", "127.0.0.1", "--port", str(public)], env=env, cwd=tmp_path, ready="listening"
    )
    try:
        sender = SignedSender(f"http://127.0.0.1:{public}/slack/events", LOCAL_SIGNING_SECRET, timeout=3.0)
        assert sender.slash_command(text="linkedin").status == 200
        assert _status(f"http://127.0.0.1:{public}/healthz") == 404
        assert _status(f"http://127.0.0.1:{public}/metrics") == 404
        assert _status(f"http://127.0.0.1:{private}/healthz") == 200
        assert _status(f"http://127.0.0.1:{private}/metrics") == 200
        # Probes and scrapers that check with HEAD get what GET would; a write method is refused, not "not found".
        assert _status(f"http://127.0.0.1:{private}/healthz", "HEAD") == 200
        assert _status(f"http://127.0.0.1:{private}/metrics", "HEAD") == 200
        assert _status(f"http://127.0.0.1:{private}/metrics", "POST") == 405
        assert _status(f"http://127.0.0.1:{private}/healthz", "DELETE") == 405
        assert _status(f"http://127.0.0.1:{private}/slack/events") == 404
    finally:
        bot.stop()


def test_metrics_port_equal_to_port_stops_start_up_with_one_line(
    slack: FakeSlack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    port = free_port()
    monkeypatch.chdir(tmp_path)
    for name, value in {
        "SLACK_BOT_TOKEN": LOCAL_BOT_TOKEN,
        "SLACK_SIGNING_SECRET": LOCAL_SIGNING_SECRET,
        "SLACK_API_URL": slack.api_url,
        "DATABASE_URL": f"sqlite:///{tmp_path}/bot.db",
        "METRICS_PORT": str(port),
    }.items():
        monkeypatch.setenv(name, value)
    assert main(["run", "--http", "--port", str(port)]) == 2
    assert capsys.readouterr().err == "privacy-bot: METRICS_PORT: must differ from PORT\n"


def test_socket_mode_with_metrics_port_serves_health_there_and_listens_on_nothing_else(
    slack: FakeSlack, tmp_path: Path
) -> None:
    public, private = free_port(), free_port()
    env = {
        "SLACK_BOT_TOKEN": LOCAL_BOT_TOKEN,
        "SLACK_APP_TOKEN": LOCAL_APP_TOKEN,
        "SLACK_API_URL": slack.api_url,
        "DATABASE_URL": f"sqlite:///{tmp_path}/bot.db",
        "PORT": str(public),
        "METRICS_PORT": str(private),
    }
    bot = start_bot(["run"], env=env, cwd=tmp_path, ready="Socket Mode")
    try:
        slack.socket_wait_connected(timeout=15)
        assert _status(f"http://127.0.0.1:{private}/healthz") == 200
        with pytest.raises(urllib.error.URLError):
            urllib.request.urlopen(f"http://127.0.0.1:{public}/healthz", timeout=1)
    finally:
        bot.stop()
