"""The bot's clock, injected everywhere: business times never come from the database or the OS directly."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

Clock = Callable[[], datetime]
