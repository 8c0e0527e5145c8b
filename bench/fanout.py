"""A campaign's DM fan-out against the stand-in, with chat.postMessage capped as Slack caps it.

N pending members are due at once. Prints: members delivered, duplicates, the time the fan-out took
against the floor the rate cap allows (a ratio: 1.00 is the cap itself), the Web API calls used to
resolve the audience, and the p99 ack of slash commands sent while the DMs go out.

Targets (issue 7): every member exactly once, ratio <= 1.10, audience <= N/200 + 10 calls,
ack p99 < 300 ms.

    .venv/bin/python bench/fanout.py [--members 2000] [--per-minute 1200] [--database-url URL]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.cli import serve_in_background  # noqa: E402
from bot.local.fake_slack import FakeSlack  # noqa: E402
from bot.local.sender import SignedSender  # noqa: E402
from bot.local.settings import stand_in_settings  # noqa: E402
from bot.local.workspace import ADMIN, LOCAL_SIGNING_SECRET  # noqa: E402

CHANNEL = "C0FANOUT"
AUDIENCE_METHODS = ("users.list", "conversations.members", "usergroups.users.list")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=2000)
    parser.add_argument("--per-minute", type=int, default=1200)
    parser.add_argument("--database-url", default=None, help="default: a SQLite file in a scratch folder")
    parser.add_argument("--clients", type=int, default=2, help="slash-command clients during the fan-out")
    args = parser.parse_args()
    per_second = max(1, args.per_minute // 60)

    with FakeSlack(rate_limit={"chat.postMessage": per_second}) as slack, tempfile.TemporaryDirectory() as scratch:
        with slack.lock:
            slack.workspace.add_channel(CHANNEL, "fanout", [])
            members = slack.workspace.add_many_users(args.members, channel=CHANNEL)
        database_url = args.database_url or f"sqlite:///{scratch}/fanout.db"
        served = serve_in_background(stand_in_settings(api_url=slack.api_url, database_url=database_url))
        try:
            return run(slack, served, members, per_second=per_second, clients=args.clients)
        finally:
            served.stop()


def run(slack: FakeSlack, served: object, members: list[str], *, per_second: int, clients: int) -> int:
    services = served.services  # type: ignore[attr-defined]
    now = dt.datetime.now(dt.UTC)
    # Due a minute ago in every member's zone (the stand-in's users are in UTC): all at once.
    remind_at = (now - dt.timedelta(minutes=1)).strftime("%H:%M")
    slack.clear_calls()
    planned = services.campaigns.plan(
        team_id=served.team_id,  # type: ignore[attr-defined]
        text=f"linkedin <#{CHANNEL}|fanout> {now.date().isoformat()}",
        command="/privacy",
    )
    started = services.campaigns.launch(team_id=served.team_id, user_id=ADMIN, planned=planned)  # type: ignore[attr-defined]
    audience_calls = sum(len(slack.calls_to(method)) for method in AUDIENCE_METHODS)
    campaign = started.campaign.model_copy(update={"remind_days_before": (0,), "remind_at": remind_at})
    services.campaigns.campaigns.save(team_id=served.team_id, campaign=campaign, origin="slack", now=now)  # type: ignore[attr-defined]

    sender = SignedSender(served.url, LOCAL_SIGNING_SECRET, response_urls=slack, timeout=5.0)  # type: ignore[attr-defined]
    acks: list[float] = []
    done = threading.Event()

    def ask() -> None:
        while not done.is_set():
            began = time.perf_counter()
            response = sender.slash_command(text="linkedin")
            acks.append((time.perf_counter() - began) * 1000)
            if response.status != 200:
                print(f"slash command answered {response.status}", file=sys.stderr)
            time.sleep(0.1)

    askers = [threading.Thread(target=ask, daemon=True) for _ in range(clients)]
    for thread in askers:
        thread.start()
    began = time.perf_counter()
    report = services.delivery.dispatch_due()
    elapsed = time.perf_counter() - began
    done.set()
    for thread in askers:
        thread.join()

    received = Counter(message.channel for message in slack.messages() if message.channel.startswith("D"))
    delivered = sum(1 for user in members if received.get("D" + user[1:], 0) >= 1)
    duplicates = sum(max(0, count - 1) for count in received.values())
    floor = len(members) / per_second
    refused = len(slack.calls_to("chat.postMessage", ok=False))
    ordered = sorted(acks)
    p99 = ordered[max(0, int(len(ordered) * 0.99) - 1)] if ordered else float("nan")
    print(f"members            {len(members)}  (chat.postMessage capped at {per_second * 60}/min)")
    print(f"delivered          {delivered}  duplicates {duplicates}  429s honoured {refused}")
    print(f"fan-out            {elapsed:.1f} s  floor {floor:.1f} s  ratio {elapsed / floor:.3f}")
    print(f"audience calls     {audience_calls}  (target <= {len(members) // 200 + 10})")
    print(
        f"slash acks         {len(acks)} during the fan-out: p50 {statistics.median(ordered):.1f} ms"
        f"  p99 {p99:.1f} ms  max {ordered[-1]:.1f} ms"
    )
    print(f"dispatch report    sent {dict(report.sent)} retry {dict(report.retry)} failed {dict(report.failed)}")
    ok = (
        delivered == len(members)
        and duplicates == 0
        and elapsed / floor <= 1.10
        and audience_calls <= len(members) // 200 + 10
        and p99 < 300
    )
    print("targets met" if ok else "TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
