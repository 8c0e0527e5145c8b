"""When Socket Mode's link to Slack makes /healthz fail, on an injected clock: reconnects are normal, outages are
not, and a link that keeps coming back for moments does not make the health check flap."""

from __future__ import annotations

from bot.slack.socket_connection import LINK_GRACE_S, LINK_STEADY_S, LinkWatch


class Link:
    """The connection's state and the clock, as the test sets them; `watch` reads both."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.up = True
        self.watch = LinkWatch(clock=lambda: self.now)
        self.watch.attach(connected=lambda: self.up)
        self.watch.look()

    def goes(self, *, up: bool, after: float) -> None:
        """`after` seconds pass, then the link goes up or down and the connection notices (as it does)."""
        self.now += after
        self.up = up
        self.watch.look()

    def trouble_after(self, seconds: float) -> str | None:
        self.now += seconds
        return self.watch.trouble()


def test_a_reconnect_within_the_grace_period_leaves_the_bot_healthy() -> None:
    link = Link()
    link.goes(up=False, after=600)
    assert link.trouble_after(LINK_GRACE_S - 1) is None
    assert link.watch.down_seconds() == LINK_GRACE_S - 1 and not link.watch.is_up()
    link.goes(up=True, after=0.5)
    assert link.trouble_after(0) is None


def test_an_outage_past_the_grace_period_fails_health_until_the_link_has_been_steady() -> None:
    link = Link()
    link.goes(up=False, after=600)
    assert link.trouble_after(LINK_GRACE_S + 1) == "slack link down for 31 s\n"
    # Back for moments at a time (a failing-over Slack): still unhealthy, rather than green and red in turn.
    for _ in range(3):
        link.goes(up=True, after=5)
        assert link.trouble_after(LINK_STEADY_S - 10) == (
            "slack link back for 50 s after an outage; healthy once up for 60 s\n"
        )
        link.goes(up=False, after=1)
        assert link.trouble_after(2) == "slack link down for 2 s\n"
    link.goes(up=True, after=5)
    assert link.trouble_after(LINK_STEADY_S - 1) is not None
    assert link.trouble_after(1) is None
    assert link.watch.is_up() and link.watch.down_seconds() == 0


def test_an_outage_no_health_check_saw_still_needs_a_steady_link_after_it() -> None:
    # The probe may come every minute: an outage that began and ended between two probes still counts.
    link = Link()
    link.goes(up=False, after=600)
    link.goes(up=True, after=LINK_GRACE_S + 10)
    assert link.trouble_after(1) == "slack link back for 1 s after an outage; healthy once up for 60 s\n"
