"""Where a status click's CPU goes, against what bench/ack.py's closed-loop target leaves it.

With 16 clients in a closed loop an app kept busy answers each request after about 16 times its CPU per
request, so the click target of bench/ack.py (p99 no later than bare slack-bolt's) is a CPU budget: bare
bolt's p99 over the number of clients. This measures, in the same run and with one client (no queueing,
so CPU is the whole story):

- bare slack-bolt's ack (the floor, and its p99 under 16 clients: the budget's numerator);
- our click as members press it: the status written with its audit entry, the reply posted to the
  response_url by the outbound worker;
- the same click with a response_url on a host that is not Slack's: refused before the network, so the
  difference is what posting the reply costs.

    .venv/bin/python bench/click_cpu.py [--requests 1500] [--clients 16]
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import ack  # noqa: E402  (bench/ack.py: the apps, the stand-in and the clients)

NOT_SLACK = "http://localhost:9/actions/T0/1/unsent"  # the stand-in is on 127.0.0.1: this host is not Slack's


class _Unsent:
    def new_response_url(self, **_: object) -> str:
        return NOT_SLACK


def cpu_per_click(app: ack.Served, slack: object, *, requests: int, post_replies: bool, first: int = 0) -> float:
    """CPU per click of members who never clicked before (`first` numbers the first of them): a repeated click
    changes nothing and writes less."""
    users = [f"U9{index:07d}" for index in range(2 * requests + 100)]
    urls = ack._IssuedUrls(slack, users) if post_replies else _Unsent()
    sender = ack.SignedSender(app.url, ack.LOCAL_SIGNING_SECRET, response_urls=urls, timeout=ack.TIMEOUT)
    clicked: dict[str, float] = {}
    click = ack.clients(sender, urls, clicked)["status click"]  # type: ignore[arg-type]
    one_client = ack.Load(clients=1)
    ack.measure(lambda index: click(first + index), requests=100, load=one_client)  # warm up
    clicked.clear()
    before = app.cpu_seconds()
    _, failed = ack.measure(lambda index: click(first + 100 + index), requests=requests, load=one_client)
    if post_replies:
        ack.reply_latencies(slack, clicked)  # the replies trail the acks: their CPU counts as the click's
    else:
        time.sleep(0.5)  # the refusals trail the acks too, and take no network
    after = app.cpu_seconds()
    if failed or before is None or after is None:
        raise SystemExit(f"{failed} clicks not answered, or no CPU accounting here (Linux /proc)")
    return (after - before) * 1000 / requests


def main() -> int:
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    logging.basicConfig(level=logging.CRITICAL)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1500)
    parser.add_argument("--clients", type=int, default=16)
    options = parser.parse_args()
    with ack._StandInProcess() as manager, tempfile.TemporaryDirectory() as scratch:
        slack = manager.StandIn()  # type: ignore[attr-defined]
        with ack.bare_bolt(slack) as app:
            bare = ack.run(app, slack, requests=400, load=ack.Load(clients=options.clients), replies=False)
        floor = bare["status click"]
        with ack.our_bot(slack, Path(scratch)) as app:
            posted = cpu_per_click(app, slack, requests=options.requests, post_replies=True)
            unposted = cpu_per_click(app, slack, requests=options.requests, post_replies=False, first=5_000_000)
    p99 = ack.percentile(floor.samples, 0.99)
    budget = p99 / options.clients
    print(f"bare slack-bolt, {options.clients} clients: click p99 {p99:.1f} ms, ack CPU {floor.cpu_ms or 0:.2f} ms")
    print(f"CPU budget per click for ours to match it: {budget:.2f} ms (p99 / clients)")
    print(f"our click, reply posted:           {posted:.2f} ms CPU  (x{posted / budget:.2f} the budget)")
    print(f"our click, reply refused unsent:   {unposted:.2f} ms CPU  (x{unposted / budget:.2f} the budget)")
    share = (posted - unposted) / posted
    print(f"posting the reply costs            {posted - unposted:.2f} ms CPU ({share:.0%} of a click)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
