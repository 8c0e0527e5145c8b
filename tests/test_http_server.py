"""The bot served in this process (the shell, most tests) idles when nobody asks and stops at once."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from bot.cli import serve_in_background
from bot.config import Settings
from bot.local.fake_slack import FakeSlack
from bot.local.settings import stand_in_settings

WINDOW = 0.3  # seconds of watching an idle loop: a spin shows only over time


def _cpu_seconds(thread: threading.Thread) -> float:
    assert thread.ident is not None
    return time.clock_gettime(time.pthread_getcpuclockid(thread.ident))


def test_the_bot_served_in_process_idles_when_nobody_asks_and_stops_at_once(tmp_path: Path) -> None:
    # The shell and most tests run the bot this way: its loop used to poll with a timeout of 0 and keep a
    # core busy for as long as the shell sat at its prompt.
    with FakeSlack() as slack:
        settings = stand_in_settings(
            api_url=slack.api_url, database_url=f"sqlite:///{tmp_path}/idle.db", base=Settings()
        )
        served = serve_in_background(settings)
        try:
            loop = next(thread for thread in threading.enumerate() if thread.name == "privacy-bot-http")
            before = _cpu_seconds(loop)
            time.sleep(WINDOW)
            spent = _cpu_seconds(loop) - before
        finally:
            started = time.monotonic()
            served.stop()
            stopping_took = time.monotonic() - started
    assert spent < WINDOW / 6, f"the idle loop used {spent:.3f} s of CPU in {WINDOW} s"
    assert not loop.is_alive() and stopping_took < 1.0, f"stop took {stopping_took:.2f} s"
