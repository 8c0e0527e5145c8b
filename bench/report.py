"""How fast a manager's summary and CSV are on a large workspace, on SQLite and on PostgreSQL.

Builds a workspace of N members (default 50,000) in one campaign with mixed statuses (confirmed,
doesn't apply, snoozed, expired snoozes, pending, some who left), then times the summary (counts,
trend and the first pending names: what `/privacy report` and App Home show) and the full CSV
export, and measures the memory the export takes (tracemalloc peak). Targets: summary < 100 ms,
CSV < 2 s, memory growth < 100 MB.

    .venv/bin/python bench/report.py [--members 50000] [--postgres postgresql+psycopg://postgres@127.0.0.1/postgres]

PostgreSQL runs in a scratch database that is dropped afterwards (TEST_DATABASE_URL is the default server).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import create_engine, insert, make_url, text  # noqa: E402

from bot.campaigns import Campaign  # noqa: E402
from bot.cli import _services  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.core import Platform, Status  # noqa: E402
from bot.service.ports import OfflineSlack  # noqa: E402
from bot.store.campaign_rows import CampaignStore  # noqa: E402
from bot.store.database import make_engine, upgrade  # noqa: E402
from bot.store.directory import MemberDirectory, MemberRow  # noqa: E402
from bot.store.models import Attestation  # noqa: E402

TEAM = "T0BENCH"
GUIDE = "linkedin-ai-training"
NOW = datetime(2026, 12, 10, 12, 0, tzinfo=UTC)
START = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


class _Sink:
    """Counts what the CSV writer hands over, keeping none of it (the CLI streams to stdout like this)."""

    def __init__(self) -> None:
        self.chars = 0

    def write(self, text: str) -> int:
        self.chars += len(text)
        return len(text)


def populate(url: str, members: int) -> None:
    engine = make_engine(url)
    upgrade(engine)
    rng = random.Random(8)
    users = [f"U{n:08d}" for n in range(members)]
    MemberDirectory(engine).replace(
        team_id=TEAM,
        members=[
            MemberRow(u, f"Member {rng.randrange(10**6):06d}", "Europe/Berlin", False, False, True) for u in users
        ],
        now=START,
    )
    campaign = Campaign(id="bench", guide=GUIDE, channels=("C0BENCH",), deadline=date(2026, 12, 15))
    CampaignStore(engine).save(team_id=TEAM, campaign=campaign, origin="slack", now=START)
    directory = MemberDirectory(engine)
    directory.set_audience(team_id=TEAM, campaign_id="bench", user_ids=users, now=START)
    directory.set_audience(team_id=TEAM, campaign_id="bench", user_ids=users[: members - members // 50], now=START)
    rows = []
    for user in users:
        roll = rng.random()
        at = START + timedelta(minutes=rng.randrange(20 * 24 * 60))
        at = min(at, NOW - timedelta(minutes=1))
        if roll < 0.45:
            status, until = Status.CONFIRMED, None
        elif roll < 0.55:
            status, until = Status.NOT_APPLICABLE, None
        elif roll < 0.65:
            status, until = Status.SNOOZED, NOW + timedelta(days=rng.choice([-1, 1]))
        else:
            continue
        rows.append(
            {
                "team_id": TEAM,
                "user_id": user,
                "guide_id": GUIDE,
                "status": status.value,
                "platform": rng.choice([None, *Platform.explicit()]),
                "source": "button",
                "reason": None,
                "recorded_at": at,
                "snooze_until": until,
            }
        )
    with engine.begin() as conn:
        for start in range(0, len(rows), 2000):
            conn.execute(insert(Attestation), rows[start : start + 2000])
    # Planner statistics, as autovacuum (PostgreSQL) or `PRAGMA optimize` would have them after a bulk load.
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("ANALYZE")
    engine.dispose()


def timed(action: Callable[[], object], runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def measure(name: str, url: str, members: int) -> None:
    started = time.perf_counter()
    populate(url, members)
    built = time.perf_counter() - started
    settings = Settings.model_construct(database_url=url, report_min_group=0)
    engine = make_engine(url)
    services = _services(settings, engine, slack=OfflineSlack(), clock=lambda: NOW)
    reports = services.reports
    stored = reports.find(team_id=TEAM, reference="bench")
    summary = reports.summarize(TEAM, stored)
    counts = summary.counts
    assert counts.audience + counts.left == members, (counts, members)
    summary_ms = timed(lambda: reports.summarize(TEAM, stored, trend=False), 20)
    trend_ms = timed(lambda: reports.summarize(TEAM, stored), 20)
    csv_ms = timed(lambda: reports.write_csv(team_id=TEAM, stored=stored, out=_Sink()), 3)
    gc.collect()
    tracemalloc.start()
    sink = _Sink()
    written = reports.write_csv(team_id=TEAM, stored=stored, out=sink)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    engine.dispose()
    print(
        f"{name}: {members} members (built in {built:.0f} s): audience {counts.audience}, "
        f"confirmed {counts.confirmed}, n/a {counts.not_applicable}, snoozed {counts.snoozed}, "
        f"pending {counts.pending}, left {counts.left}"
    )
    line = "  {:34} p50 {:7.1f} ms  max {:7.1f} ms  {}"
    print(line.format("summary (counts + first pending)", statistics.median(summary_ms), max(summary_ms), "< 100 ms"))
    print(line.format("summary with the trend", statistics.median(trend_ms), max(trend_ms), ""))
    print(line.format("CSV export", statistics.median(csv_ms), max(csv_ms), f"< 2000 ms; {written} rows"))
    print(f"  CSV memory: tracemalloc peak {peak / 1e6:.1f} MB (< 100 MB); {sink.chars / 1e6:.1f} MB of CSV text")


@contextlib.contextmanager
def scratch_postgres(server: str) -> Iterator[str]:
    """A database of its own on `server`, dropped afterwards."""
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    name = f"privacy_bot_bench_{uuid.uuid4().hex[:12]}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=50_000)
    parser.add_argument(
        "--postgres",
        default=os.environ.get("TEST_DATABASE_URL", ""),
        help="server for a scratch database (unset: skip)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        measure("sqlite", f"sqlite:///{scratch}/bench.db", args.members)
        if args.postgres:
            with scratch_postgres(args.postgres) as url:
                measure("postgresql", url, args.members)
        else:
            print("postgresql skipped: pass --postgres URL or set TEST_DATABASE_URL")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
