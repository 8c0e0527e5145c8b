"""Loaded by Python at start-up when this folder is on PYTHONPATH: the clock the process times Socket Mode outages
on (bot.slack.socket_connection.link_clock) runs ahead by the seconds in the file TEST_LINK_CLOCK_AHEAD names,
read at each reading. Only this test folder reads that variable: the bot has no such setting."""

import os
import time

if ahead := os.environ.get("TEST_LINK_CLOCK_AHEAD"):
    from bot.slack import socket_connection

    def _ahead() -> float:
        try:
            with open(ahead) as seconds:
                return time.monotonic() + float(seconds.read() or 0)
        except FileNotFoundError:
            return time.monotonic()

    socket_connection.link_clock = _ahead
