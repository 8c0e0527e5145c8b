"""How fast Slack gets its ack: our bot against a bare slack-bolt app, same server, same machine, same run.

Each runs in its own process as an operator runs it (`privacy-bot run --http`; the bare app under
waitress with the same 8 threads), against the Slack stand-in in a process of its own (it plays
Slack's servers, which answer our replies: that work is not the clients'), driven by
16 concurrent clients sending signed `/privacy linkedin` slash commands and "I've opted out"
clicks. Then our bot again while the stand-in answers 429 to every chat.postMessage and
views.publish, with members' DMs arriving all the while (each one a reply the bot must post).

The bare app's click only acks; ours also writes the status and its audit entry and posts the
reply. A third app, slack-bolt doing that same work the way its documentation shows, is printed
as a yardstick for what the ack costs once the work is equal. For both of those, the bench also
times what the member notices: from the click until its reply reached the stand-in. Each app's CPU
per request (replies included) and the share of one core it kept busy are printed beside its
latencies: an app near 100% is bound by its one interpreter, and its latency follows its CPU.

    .venv/bin/python bench/ack.py [--requests 400] [--clients 16] [--dms-per-second 20] [--arrivals 50]

Targets (issue 6): p99 ours / p99 bare <= 1.0 for both requests; p99 < 300 ms during the storm; measured
in the closed loop (`--clients`), which keeps each app saturated. `--arrivals N` measures the same in an
open loop instead, N requests a second arriving at random as members' clicks do: what Slack sees from an
app that is not saturated (see `Load`).
"""

from __future__ import annotations

import argparse
import itertools
import logging
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from multiprocessing.managers import BaseManager
from pathlib import Path
from typing import Any, NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.local import payloads  # noqa: E402
from bot.local.fake_slack import FakeSlack  # noqa: E402
from bot.local.sender import SignedSender  # noqa: E402
from bot.local.workspace import GENERAL, LOCAL_BOT_TOKEN, LOCAL_SIGNING_SECRET, MEMBER  # noqa: E402

THREADS = 8  # waitress threads for both apps (what `privacy-bot run` uses)
TIMEOUT = 5.0  # a client gives up after this; Slack does after 3 s
STORMED = ("chat.postMessage", "views.publish")
HERE = Path(__file__).resolve().parent

# Each app runs in a process of its own, as in production, so neither shares an interpreter lock
# with the stand-in (which plays Slack) or with the clients.
BARE_BOLT = f"""
from slack_bolt import Ack, App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk import WebClient
from waitress import serve
import sys
app = App(signing_secret={LOCAL_SIGNING_SECRET!r}, client=WebClient(token={LOCAL_BOT_TOKEN!r}, base_url=sys.argv[2]))
@app.command("/privacy")
def command(ack: Ack) -> None:
    ack()
@app.action("attest_confirmed")
def action(ack: Ack) -> None:
    ack()
serve(SlackRequestHandler(app), host="127.0.0.1", port=int(sys.argv[1]), threads={THREADS}, _quiet=True)
"""

# Not a target, a yardstick: slack-bolt doing what our click does (a durable write with its audit entry,
# then the guide with the outcome posted to the response_url), the way bolt's documentation shows:
# ack() first, the work after it in bolt's listener threads.
BOLT_SAME_WORK = f"""
import sys
from datetime import UTC, datetime
from slack_bolt import Ack, App, Respond
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk import WebClient
from waitress import serve
from bot.core import Platform, Source, Status
from bot.guides import load_catalog
from bot.service.outcomes import Recorded
from bot.slack import views
from bot.store import database
from bot.store.repo import Store
engine = database.make_engine(sys.argv[3])
database.upgrade(engine)
store = Store(engine)
guide = load_catalog().get("linkedin-ai-training")
app = App(signing_secret={LOCAL_SIGNING_SECRET!r}, client=WebClient(token={LOCAL_BOT_TOKEN!r}, base_url=sys.argv[2]))
@app.command("/privacy")
def command(ack: Ack) -> None:
    ack(text=guide.title, blocks=views.as_dicts(views.guide_blocks(guide, None)), response_type="ephemeral")
@app.action("attest_confirmed")
def action(ack: Ack, body: dict, respond: Respond) -> None:
    ack()
    done = store.record(team_id=body["team"]["id"], user_id=body["user"]["id"], guide_id=guide.id,
        status=Status.CONFIRMED, now=datetime.now(UTC), platform=Platform.IOS, source=Source.BUTTON).attestation
    outcome = Recorded(guide=guide, status=done.status, changed=True, at=done.recorded_at, snooze_until=None)
    respond(text=guide.title, blocks=views.as_dicts(views.guide_blocks(guide, Platform.IOS, outcome=outcome)))
serve(SlackRequestHandler(app), host="127.0.0.1", port=int(sys.argv[1]), threads={THREADS}, _quiet=True)
"""


class StandIn:
    """The Slack stand-in, run in the manager's process; this process holds a proxy to it."""

    def __init__(self) -> None:
        self._slack = FakeSlack().start()

    def api_url(self) -> str:
        return self._slack.api_url

    def response_urls(self, users: list[str]) -> list[str]:
        return [self._slack.new_response_url(channel=GENERAL, user=user) for user in users]

    def throttle(self, method: str, *, allow: int, refuse: int, retry_after: int = 1) -> None:
        self._slack.throttle(method, allow=allow, refuse=refuse, retry_after=retry_after)

    def calls(self, method: str) -> int:
        return len(self._slack.calls_to(method))

    def replied_at(self, urls: list[str]) -> dict[str, float]:
        """When the first reply to each of `urls` arrived (the stand-in's time.time())."""
        wanted = set(urls)
        first: dict[str, float] = {}
        for post in self._slack.responses:
            if post.url in wanted:
                first.setdefault(post.url, post.at)
        return first


class _StandInProcess(BaseManager):
    pass


_StandInProcess.register("StandIn", StandIn)


class _IssuedUrls:
    """Response URLs issued ahead, so a client's request costs no round trip to the stand-in's process."""

    def __init__(self, slack: Any, users: list[str]) -> None:
        self._urls = iter(slack.response_urls(users))
        self._lock = threading.Lock()

    def new_response_url(self, **_: object) -> str:
        with self._lock:
            return next(self._urls)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Served(NamedTuple):
    """An app under test: its events URL, and its process for CPU accounting."""

    url: str
    pid: int

    def cpu_seconds(self) -> float | None:
        """User + system CPU the app's process has used so far (Linux /proc; None elsewhere)."""
        try:
            fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextmanager
def _process(args: list[str], *, port: int, env: dict[str, str] | None = None) -> Iterator[Served]:
    process = subprocess.Popen(
        args, env={"PATH": "/usr/bin:/bin", **(env or {})}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            with suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"{args[:3]} did not start")
            time.sleep(0.05)
        yield Served(f"http://127.0.0.1:{port}/slack/events", process.pid)
    finally:
        process.terminate()
        process.wait(timeout=15)


@contextmanager
def our_bot(slack: Any, folder: Path) -> Iterator[Served]:
    """`privacy-bot run --http` as an operator runs it (scheduler off: nothing is scheduled here)."""
    port = _free_port()
    env = {
        "SLACK_BOT_TOKEN": LOCAL_BOT_TOKEN,
        "SLACK_SIGNING_SECRET": LOCAL_SIGNING_SECRET,
        "SLACK_API_URL": slack.api_url(),
        "DATABASE_URL": f"sqlite:///{folder / 'bench.db'}",
        "LOG_LEVEL": "error",
        "HOME": str(folder),
    }
    args = [sys.executable, "-m", "bot", "run", "--http", "--host", "127.0.0.1", "--port", str(port), "--no-scheduler"]
    with _process(args, port=port, env=env) as served:
        yield served


@contextmanager
def bare_bolt(slack: Any) -> Iterator[Served]:
    """The floor: slack-bolt with one slash-command and one action listener that only ack()."""
    port = _free_port()
    with _process([sys.executable, "-c", BARE_BOLT, str(port), slack.api_url()], port=port) as served:
        yield served


@contextmanager
def bolt_same_work(slack: Any, folder: Path) -> Iterator[Served]:
    port = _free_port()
    database = f"sqlite:///{folder / 'bolt.db'}"
    with _process([sys.executable, "-c", BOLT_SAME_WORK, str(port), slack.api_url(), database], port=port) as served:
        yield served


def clients(
    sender: SignedSender, urls: _IssuedUrls, clicked: dict[str, float] | None = None
) -> dict[str, Callable[[int], int]]:
    """`clicked`, when given, gets each click's response_url and when it was sent (time.time())."""

    def slash(_: int) -> int:
        return sender.slash_command(text="linkedin").status

    def click(index: int) -> int:
        user = f"U9{index:07d}"
        response_url = urls.new_response_url()
        if clicked is not None:
            clicked[response_url] = time.time()
        return sender.block_action(
            action_id="attest_confirmed",
            value="linkedin-ai-training|ios",
            user_id=user,
            is_ephemeral=True,
            container_ts=payloads.message_ts(),
            response_url=response_url,
        ).status

    return {"/privacy linkedin": slash, "status click": click}


class Load(NamedTuple):
    """How requests arrive. Closed loop (the issue's target): `clients` clients, each sending its next
    request the moment its last one is answered, so the app is kept saturated and its latency follows
    its CPU per request. Open loop (`arrivals` per second): requests arrive at random (Poisson), whatever
    the app does, as members' clicks do; as many are in flight as have not been answered yet."""

    clients: int
    arrivals: float | None = None

    def describe(self) -> str:
        if self.arrivals is None:
            return f"closed loop, {self.clients} concurrent clients"
        return f"open loop, {self.arrivals:g} requests/s arriving at random"


OPEN_LOOP_IN_FLIGHT = 64  # threads sending open-loop requests: far more than are ever in flight at once


def measure(action: Callable[[int], int], *, requests: int, load: Load) -> tuple[list[float], int]:
    """Latencies in ms of `requests` calls under `load`, and how many did not get a 200."""
    arrivals = load.arrivals
    rng = random.Random(7)  # the same arrivals for every app
    due = list(itertools.accumulate(rng.expovariate(arrivals) for _ in range(requests))) if arrivals else []
    begin = time.perf_counter() + 0.1

    def one(index: int) -> tuple[float, bool]:
        if due:
            wait = begin + due[index] - time.perf_counter()
            if wait > 0:  # the request's moment is ahead; one already late goes at once
                time.sleep(wait)
        started = time.perf_counter()
        try:
            ok = action(index) == 200
        except OSError:  # timed out or refused: Slack would have shown an error
            ok = False
        return (time.perf_counter() - started) * 1000, ok

    with ThreadPoolExecutor(OPEN_LOOP_IN_FLIGHT if arrivals else load.clients) as pool:
        results = list(pool.map(one, range(requests)))
    return [ms for ms, _ in results], sum(1 for _, ok in results if not ok)


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


class Measured(NamedTuple):
    samples: list[float]  # ms
    failed: int
    # The app's CPU per request, replies after the ack included, and the share of one core it kept
    # busy: near 100% the app is bound by its one interpreter and its latency follows its CPU.
    cpu_ms: float | None = None
    core: float | None = None


def line(name: str, measured: Measured) -> str:
    samples = measured.samples
    cpu = ""
    if measured.cpu_ms is not None and measured.core is not None:
        cpu = f"   app CPU {measured.cpu_ms:4.2f} ms/request, {measured.core:4.0%} of a core"
    return (
        f"  {name:28} p50 {statistics.median(samples):7.1f} ms   p99 {percentile(samples, 0.99):7.1f} ms"
        f"   max {max(samples):7.1f} ms   non-200 {measured.failed}{cpu}"
    )


REPLY = "reply shown after a click"


def ratios(ours: Measured, theirs: Measured) -> tuple[float, float]:
    """p50 and p99 of ours over theirs."""
    return (
        statistics.median(ours.samples) / statistics.median(theirs.samples),
        percentile(ours.samples, 0.99) / percentile(theirs.samples, 0.99),
    )


def run(app: Served, slack: Any, *, requests: int, load: Load, replies: bool = True) -> dict[str, Measured]:
    """Ack latencies of each kind of request; with `replies`, also how long after a click its reply
    reached the member (what they notice; "non-200" counts replies that never came)."""
    # Every request carries a response_url: warm-up and measured ones, both kinds.
    urls = _IssuedUrls(slack, [f"U9{index:07d}" for index in range(2 * (requests + min(50, requests)))])
    sender = SignedSender(app.url, LOCAL_SIGNING_SECRET, response_urls=urls, timeout=TIMEOUT)
    results = {}
    clicked: dict[str, float] = {}
    for name, action in clients(sender, urls, clicked).items():
        measure(action, requests=min(50, requests), load=load)  # warm up
        clicked.clear()
        cpu_before, started = app.cpu_seconds(), time.perf_counter()
        samples, failed = measure(action, requests=requests, load=load)
        elapsed = time.perf_counter() - started  # before waiting for replies: that wait is mostly idle
        reply = reply_latencies(slack, clicked) if replies and clicked else None
        cpu_after = app.cpu_seconds()  # the replies' CPU counts as the click's
        if cpu_before is not None and cpu_after is not None:
            results[name] = Measured(
                samples, failed, (cpu_after - cpu_before) * 1000 / requests, (cpu_after - cpu_before) / elapsed
            )
        else:
            results[name] = Measured(samples, failed)
        if reply is not None:
            results[REPLY] = reply
    return results


def reply_latencies(slack: Any, clicked: dict[str, float]) -> Measured:
    deadline = time.monotonic() + 3 * TIMEOUT
    while True:  # replies trail the acks; wait for the last one, or give up on it
        arrived = slack.replied_at(list(clicked))
        if len(arrived) == len(clicked) or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    samples = [(arrived[url] - sent) * 1000 for url, sent in clicked.items() if url in arrived]
    return Measured(samples or [float("nan")], len(clicked) - len(arrived))


@contextmanager
def storm(url: str, slack: Any, *, dms_per_second: float) -> Iterator[None]:
    """Slack answers 429 (Retry-After 1 s) to every post while members keep sending DMs."""
    for method in STORMED:
        slack.throttle(method, allow=0, refuse=10**9, retry_after=1)
    sender = SignedSender(url, LOCAL_SIGNING_SECRET, timeout=TIMEOUT)
    stopping = threading.Event()

    def members_writing() -> None:
        while not stopping.wait(1 / dms_per_second):
            with suppress(OSError):  # a lost DM ack is the bot's problem, not the bench's
                sender.event(payloads.dm_message(user_id=MEMBER, text="linkedin"))

    writer = threading.Thread(target=members_writing, name="dm-writer", daemon=True)
    writer.start()
    try:
        time.sleep(1.0)  # let the storm fill whatever it fills
        yield
    finally:
        stopping.set()
        writer.join()
        for method in STORMED:
            slack.throttle(method, allow=0, refuse=0)


def main() -> int:
    # Both apps queue requests past their 4 threads on purpose; waitress warns about each one.
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    # The bot's own complaints during the storm are the point of the storm, not of the output.
    logging.basicConfig(level=logging.CRITICAL)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=400, help="per request kind and app")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--dms-per-second", type=float, default=20.0)
    parser.add_argument(
        "--arrivals",
        type=float,
        help="open loop: this many requests per second arriving at random, instead of --clients in a closed loop",
    )
    options = parser.parse_args()
    load = Load(clients=options.clients, arrivals=options.arrivals)
    print(f"{load.describe()}, {options.requests} requests of each kind, waitress x{THREADS}")
    with _StandInProcess() as manager, tempfile.TemporaryDirectory() as scratch:
        slack = manager.StandIn()  # type: ignore[attr-defined]
        with bare_bolt(slack) as app:
            bare = run(app, slack, requests=options.requests, load=load, replies=False)
        with bolt_same_work(slack, Path(scratch)) as app:
            same_work = run(app, slack, requests=options.requests, load=load)
        with our_bot(slack, Path(scratch)) as app:
            ours = run(app, slack, requests=options.requests, load=load)
            with storm(app.url, slack, dms_per_second=options.dms_per_second):
                stormy = run(app, slack, requests=options.requests, load=load)
            for title, results in (
                ("bare slack-bolt (ack only):", bare),
                (
                    "slack-bolt doing the same work as ours (ack first, then write and reply in its listener threads):",
                    same_work,
                ),
                ("privacy bot:", ours),
                (f"privacy bot, Slack answering 429 to every post, {options.dms_per_second:g} DMs/s arriving:", stormy),
            ):
                print(title)
                for name, measured in results.items():
                    print(line(name, measured))
            print("ratios (ours / bare):")
            verdicts: list[bool] = []
            for name in bare:
                p50, p99 = ratios(ours[name], bare[name])
                verdicts.append(p99 <= 1.0)
                print(f"  {name:28} p50 x{p50:5.2f}   p99 x{p99:5.2f}   (target p99 <= 1.0)")
            if load.arrivals is None:
                # Little's law: with no pause between a client's requests, an app kept busy answers after about
                # clients x its CPU per request, so its p99 ratio follows this one, whatever it defers past the ack.
                print("CPU per request (ours / bare), which a saturated closed loop's latency follows:")
                for name in bare:
                    mine, theirs = ours[name], bare[name]
                    if mine.cpu_ms and theirs.cpu_ms and mine.core is not None:
                        print(f"  {name:28} x{mine.cpu_ms / theirs.cpu_ms:5.2f}   (ours at {mine.core:.0%} of a core)")
            print("ratios (ours / slack-bolt doing the same work; for comparison, no target):")
            for name in ours:
                p50, p99 = ratios(ours[name], same_work[name])
                print(f"  {name:28} p50 x{p50:5.2f}   p99 x{p99:5.2f}")
            storm_acks = [
                percentile(measured.samples, 0.99) < 300 and measured.failed == 0
                for name, measured in stormy.items()
                if name != REPLY
            ]
            verdicts.extend(storm_acks)
            print(f"storm target (p99 < 300 ms, every ack 200): {'met' if all(storm_acks) else 'NOT met'}")
            verdict = "met" if all(verdicts) else "NOT met"
            if load.arrivals is None:
                print(f"all targets: {verdict}")
            else:  # the issue states its targets for the closed loop
                print(f"all targets, measured in the open loop (the issue's are for the closed loop): {verdict}")
            print(f"stand-in saw {slack.calls('chat.postMessage')} chat.postMessage calls")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
