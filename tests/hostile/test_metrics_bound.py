"""/metrics stays the same size whatever outsiders send: no label value comes from a request body."""

from __future__ import annotations

import json
import random
import string
import time

from bot.local import payloads
from tests.hostile.conftest import HostileBot


def _random_type(rng: random.Random) -> str:
    return "".join(rng.choices(string.ascii_letters + string.digits + "_:-", k=rng.randint(1, 40)))


def test_a_thousand_unsigned_requests_with_random_types_leave_metrics_within_1_kb(hostile: HostileBot) -> None:
    rng = random.Random(6)
    # One of each outcome first, so the fixed series exist before the size is taken.
    hostile.request("POST", b"{}", {"Content-Type": "application/json"})
    before = len(hostile.metrics().encode())
    for index in range(1000):
        kind = _random_type(rng)
        body = {"type": kind, "event": {"type": _random_type(rng)}, "command": f"/{kind}"}
        if index % 2:
            body = payloads.event_callback({"type": kind, "user": f"U{index}"}) | {"type": kind}
        headers = {
            "Content-Type": "application/json",
            "X-Slack-Request-Timestamp": str(int(time.time())),
            "X-Slack-Signature": f"v0={rng.getrandbits(256):064x}",
        }
        assert hostile.request("POST", json.dumps(body).encode(), headers).status == 401
    after = hostile.metrics()
    assert len(after.encode()) - before <= 1024
    assert 'kind="unverified",status="401"' in after
