"""How fast the bot answers Slack, against the cost of a bare HTTP round trip measured in the same run.

Slack drops a slash command after 3 s; this prints the latency of `/privacy linkedin`, of a
button click (a database write plus the response_url post), and of GET /healthz as the baseline.

    .venv/bin/python bench/slash_latency.py [--requests 200]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.cli import serve_in_background  # noqa: E402
from bot.local import payloads  # noqa: E402
from bot.local.fake_slack import FakeSlack  # noqa: E402
from bot.local.sender import SignedSender  # noqa: E402
from bot.local.settings import stand_in_settings  # noqa: E402
from bot.local.workspace import GENERAL, LOCAL_SIGNING_SECRET  # noqa: E402


def timed(action: Callable[[int], None], count: int) -> list[float]:
    samples = []
    for index in range(count):
        start = time.perf_counter()
        action(index)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def summary(name: str, samples: list[float], baseline: float) -> str:
    ordered = sorted(samples)
    p50 = statistics.median(ordered)
    p95 = ordered[int(len(ordered) * 0.95) - 1]
    return f"{name:22} p50 {p50:7.2f} ms  p95 {p95:7.2f} ms  max {ordered[-1]:7.2f} ms  x{p50 / baseline:5.1f} baseline"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    count = parser.parse_args().requests
    with FakeSlack() as slack, tempfile.TemporaryDirectory() as scratch:
        served = serve_in_background(
            stand_in_settings(api_url=slack.api_url, database_url=f"sqlite:///{Path(scratch) / 'bench.db'}")
        )
        url, stop = served.url, served.stop
        try:
            sender = SignedSender(url, LOCAL_SIGNING_SECRET, response_urls=slack, timeout=3.0)
            health = url.replace("/slack/events", "/healthz")

            def healthz(_: int) -> None:
                urllib.request.urlopen(health, timeout=3).read()

            def command(_: int) -> None:
                assert sender.slash_command(text="linkedin").status == 200

            def click(index: int) -> None:
                reply = sender.block_action(
                    action_id="attest_confirmed",
                    value="linkedin-ai-training|ios",
                    user_id=f"U1{index:07d}",
                    is_ephemeral=True,
                    container_ts=payloads.message_ts(),
                    response_url=slack.new_response_url(channel=GENERAL, user=f"U1{index:07d}"),
                )
                assert reply.status == 200

            timed(healthz, 20)  # warm up imports, connections and the database
            base = timed(healthz, count)
            baseline = statistics.median(base)
            print(summary("GET /healthz (base)", base, baseline))
            print(summary("/privacy linkedin", timed(command, count), baseline))
            print(summary("click I've opted out", timed(click, count), baseline))
            print("Slack's limit for an answer: 3000 ms")
        finally:
            stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
