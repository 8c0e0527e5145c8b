"""Loaded by Python at start-up when this folder is on PYTHONPATH: moves the whole process to
TRAVEL_TO (an ISO date-time) and lets time tick on from there.

time-machine rather than libfaketime: libfaketime hangs Python's timed waits on this machine's glibc.
"""

import os

if moment := os.environ.get("TRAVEL_TO"):
    import time_machine

    time_machine.travel(moment, tick=True).start()
