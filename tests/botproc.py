"""Start the real `privacy-bot` process against the Slack stand-in, and wait for it the way a person would."""

from __future__ import annotations

import itertools
import os
import queue
import random
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import bot as bot_package

START_TIMEOUT = 30.0
# The checkout these tests import, first on the process's path: otherwise `python -m bot` runs whichever copy
# the environment installed, which for a git worktree sharing another checkout's venv is that other code.
CHECKOUT = str(Path(bot_package.__file__).resolve().parents[1])


def bot_env(home: Path, env: Mapping[str, str] | None = None) -> dict[str, str]:
    """A clean environment for `python -m bot` that runs this checkout: PATH and HOME (nothing else read from
    this machine), then `env`, with this checkout first on PYTHONPATH, before any path of `env`'s own."""
    extra = dict(env or {})
    paths = [CHECKOUT, *filter(None, [extra.pop("PYTHONPATH", None)])]
    return {"PATH": "/usr/bin:/bin", "HOME": str(home), **extra, "PYTHONPATH": os.pathsep.join(paths)}


# The ports the bot processes these tests start listen on. One the kernel picks for bind(0) is free when asked,
# but the kernel may give it to another socket (another pytest-xdist worker's stand-in or bot) before the bot
# binds it: "Address already in use". These come from below the ports the kernel picks itself (32768 and up on
# Linux, 49152 on macOS), from a block of their own per worker, starting at a random place in it so that a run
# beside this one is unlikely to want the same one at the same time; each is checked free when handed out.
FIRST_PORT = 20000
PORTS_PER_WORKER = 1000  # twelve blocks below 32768


def _worker_ports() -> Iterator[int]:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")  # "gw3"; unset without pytest-xdist
    index = int(worker.removeprefix("gw")) if worker.removeprefix("gw").isdigit() else 0
    first = FIRST_PORT + (index % 12) * PORTS_PER_WORKER
    start = random.randrange(PORTS_PER_WORKER)
    return itertools.cycle([first + (start + offset) % PORTS_PER_WORKER for offset in range(PORTS_PER_WORKER)])


_ports = _worker_ports()
_ports_lock = threading.Lock()


def free_port() -> int:
    """A loopback port nothing listens on, for a bot process to listen on."""
    with _ports_lock:
        for port in itertools.islice(_ports, PORTS_PER_WORKER):
            with socket.socket() as probe:
                try:
                    probe.bind(("127.0.0.1", port))
                except OSError:
                    continue  # in use, or still in TIME_WAIT from an earlier bot
                return port
    raise AssertionError(f"no free port in this worker's block of {PORTS_PER_WORKER}")


@dataclass
class BotProcess:
    process: subprocess.Popen[str]
    url: str
    workdir: Path
    log: list[str] = field(default_factory=list)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_bot(args: list[str], *, env: dict[str, str], cwd: Path, ready: str) -> BotProcess:
    """Run `python -m bot ARGS` and return once a log line contains `ready` (or fail with the log)."""
    full_env = bot_env(cwd, {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LOG_LEVEL": "info", **env})
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", *args],
        env=full_env,
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: queue.Queue[str | None] = queue.Queue()
    bot = BotProcess(process=process, url="", workdir=cwd)

    def pump() -> None:
        assert process.stderr is not None
        for line in process.stderr:
            bot.log.append(line)
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    while True:
        try:
            line = lines.get(timeout=START_TIMEOUT)
        except queue.Empty:
            bot.stop()
            raise AssertionError("bot did not start in time:\n" + "".join(bot.log)) from None
        if line is None:
            raise AssertionError(f"bot exited with {process.wait()}:\n" + "".join(bot.log))
        if ready in line:
            return bot


def wait_until(predicate: object, *, timeout: float, what: str) -> None:
    """Poll what a person would look at (the stand-in, a file) until it holds, or fail naming it."""
    deadline = time.monotonic() + timeout
    while not predicate():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


def start_http_bot(
    api_url: str, workdir: Path, *, database_url: str | None = None, flags: tuple[str, ...] = (), **env: str
) -> BotProcess:
    """`privacy-bot run --http` against the stand-in at `api_url`, as an operator starts it; `bot.url` is
    its events URL. SQLite in `workdir` unless `database_url`; `env` adds settings (CAMPAIGNS_FILE=…)."""
    from bot.local.workspace import LOCAL_BOT_TOKEN, LOCAL_SIGNING_SECRET

    port = free_port()
    settings = {
        "SLACK_BOT_TOKEN": LOCAL_BOT_TOKEN,
        "SLACK_SIGNING_SECRET": LOCAL_SIGNING_SECRET,
        "SLACK_API_URL": api_url,
        "DATABASE_URL": database_url or f"sqlite:///{workdir / 'bot.db'}",
        **env,
    }
    args = ["run", "--http", "--host", "127.0.0.1", "--port", str(port), *flags]
    bot = start_bot(args, env=settings, cwd=workdir, ready="listening")
    bot.url = f"http://127.0.0.1:{port}/slack/events"
    return bot


def start_socket_bot(api_url: str, workdir: Path, **env: str) -> BotProcess:
    """`privacy-bot run` with SLACK_APP_TOKEN (Socket Mode) against the stand-in at `api_url`, as an operator
    starts it; `bot.url` is the base of its /healthz and /metrics. SQLite in `workdir`; `env` adds settings."""
    from bot.local.workspace import LOCAL_APP_TOKEN, LOCAL_BOT_TOKEN

    port = free_port()
    settings = {
        "SLACK_BOT_TOKEN": LOCAL_BOT_TOKEN,
        "SLACK_APP_TOKEN": LOCAL_APP_TOKEN,
        "SLACK_API_URL": api_url,
        "DATABASE_URL": f"sqlite:///{workdir / 'bot.db'}",
        "PORT": str(port),
        **env,
    }
    bot = start_bot(["run"], env=settings, cwd=workdir, ready="Socket Mode")
    bot.url = f"http://127.0.0.1:{port}"
    return bot
