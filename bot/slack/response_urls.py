"""Posts to Slack's response_urls over kept-alive connections.

Every click is answered through its response_url, and they all point at one host
(hooks.slack.com). slack_sdk's WebhookClient opens a new connection, with a new TLS
handshake, for each post; a pool keeps a few open instead, so a reply costs one request.

Slack limits each response_url on its own (a few posts in 30 minutes), so a 429 holds that URL only:
a later post to it is refused here, unsent, until its Retry-After is over, while posts to other URLs
go at once. A hold is forgotten when it ends, so a long-running bot keeps only the current ones.

A response_url is a key: whoever holds it may post into the member's conversation, and its path names
the workspace. urllib3 writes the path into its log lines (at WARNING before it retries a connection
that failed), so they go out with the path withheld.

A response_url is only ever posted to on Slack's own hosts: the URL comes in the request, and one signed
with a leaked signing secret must not make the bot post into the network it runs in.
"""

from __future__ import annotations

import json
import logging
import math
import threading
import time
from collections.abc import Callable
from typing import Any, Final
from urllib.parse import urlsplit

import urllib3

from bot.service.ports import RateLimited, SlackError

CONNECT_TIMEOUT_S: Final = 3.0
# A response_url is dead 30 minutes after Slack issued it: no hold needs to be kept longer.
LONGEST_HOLD_S: Final = 30 * 60.0
# However many URLs Slack refuses at once, this many holds at most are kept (the soonest over go first).
MOST_HOLDS: Final = 10_000
READ_TIMEOUT_S: Final = 10.0
WITHHELD: Final = "(URL withheld)"
# Where Slack's response_urls point (hooks.slack-gov.com for GovSlack).
SLACK_HOOK_HOSTS: Final = frozenset({"hooks.slack.com", "hooks.slack-gov.com"})


def hosts_for(api_url: str) -> frozenset[str]:
    """Slack's hook hosts, and the Web API's own host: with SLACK_API_URL pointing elsewhere (the stand-in, a
    relay), the response_urls come from there too."""
    host = urlsplit(api_url).hostname
    return SLACK_HOOK_HOSTS | {host} if host else SLACK_HOOK_HOSTS


class _UrlsWithheld(logging.Filter):
    """On urllib3's pool logger: "Retrying (…) after connection broken by '…': /actions/T…/…/<key>" keeps the
    reason (which names the host) and loses the path."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(WITHHELD if _is_url(arg) else arg for arg in record.args)
        return True


def _is_url(arg: object) -> bool:
    return isinstance(arg, str) and (arg.startswith("/") or "://" in arg)


def _withhold_urls_in_urllib3_lines() -> None:
    pool_log = logging.getLogger("urllib3.connectionpool")
    if not any(isinstance(known, _UrlsWithheld) for known in pool_log.filters):
        pool_log.addFilter(_UrlsWithheld())


def _retries(wait: Callable[[float], None]) -> urllib3.Retry:
    """Sent again only when Slack surely did not show it: the connection was never made, or Slack said
    500/503 (as slack_sdk's ServerErrorRetryHandler does for the Web API). Not after a read timeout or a
    dropped answer: the member may already see it. A 429 holds the URL (ResponseUrls)."""

    class WaitingThrough(urllib3.Retry):
        def sleep(self, response: urllib3.BaseHTTPResponse | None = None) -> None:
            # urllib3 would time.sleep itself; `wait` lets a test record the pause instead of spending it.
            backoff = self.get_backoff_time()
            if backoff > 0:
                wait(backoff)

    return WaitingThrough(
        total=2,
        connect=2,
        read=0,
        other=0,
        status=2,
        status_forcelist=(500, 503),
        allowed_methods=None,  # POST too: the cases above are safe to repeat
        backoff_factor=0.25,  # the second retry half a second after the first
        respect_retry_after_header=False,
        raise_on_status=False,
    )


class ResponseUrls:
    def __init__(
        self,
        *,
        connections: int,
        clock: Callable[[], float] = time.monotonic,
        retry_wait: Callable[[float], None] = time.sleep,
        hosts: frozenset[str] = SLACK_HOOK_HOSTS,
    ) -> None:
        _withhold_urls_in_urllib3_lines()
        self._clock = clock
        self._hosts = hosts
        self._lock = threading.Lock()
        self._held: dict[str, float] = {}  # url -> when its Retry-After is over
        self._pool = urllib3.PoolManager(
            num_pools=4,
            # One per outbound worker: more could never be in use at once.
            maxsize=connections,
            timeout=urllib3.Timeout(connect=CONNECT_TIMEOUT_S, read=READ_TIMEOUT_S),
            retries=_retries(retry_wait),
        )

    @property
    def holding(self) -> int:
        """URLs on hold now."""
        with self._lock:
            self._forget_over(self._clock())
            return len(self._held)

    def post(self, url: str, body: dict[str, Any]) -> None:
        """Raises SlackError when Slack refused the post or never answered, RateLimited (unsent) while
        Slack has this URL on hold; SlackError, unsent, when the URL is not on one of `hosts`."""
        if urlsplit(url).hostname not in self._hosts:
            raise SlackError("response_url_not_slack", retryable=False)
        with self._lock:
            now = self._clock()
            self._forget_over(now)
            held_until = self._held.get(url)
        if held_until is not None:
            raise RateLimited(held_until - now)
        try:
            response = self._pool.request(
                "POST",
                url,
                body=json.dumps(body).encode(),
                headers={"Content-Type": "application/json; charset=utf-8"},
            )
        except urllib3.exceptions.HTTPError as error:
            raise SlackError(type(error).__name__, retryable=True) from None
        status = response.status
        if status == 429:  # not posted: held here, and the caller waits it out or gives up
            retry_after = _seconds(response.headers.get("Retry-After"))
            self._hold(url, retry_after)
            raise RateLimited(retry_after)
        if status >= 400:
            raise SlackError(f"http_{status}", retryable=status >= 500)

    def _hold(self, url: str, seconds: float) -> None:
        with self._lock:
            now = self._clock()
            self._forget_over(now)
            self._held[url] = max(self._held.get(url, now), now + min(seconds, LONGEST_HOLD_S))
            if len(self._held) > MOST_HOLDS:
                soonest = min(self._held, key=self._held.__getitem__)
                del self._held[soonest]

    def _forget_over(self, now: float) -> None:
        """With the lock held."""
        if self._held:
            for url in [url for url, until in self._held.items() if until <= now]:
                del self._held[url]


def retry_after_seconds(raw: object, *, at_least: float = 0.0) -> float:
    """A Retry-After header's seconds: 1 when it is missing or not a number; never more than LONGEST_HOLD_S, so
    that "inf" or a year (from a relay, or a Slack gone wrong) cannot hold a method or a URL for good."""
    try:
        seconds = float(str(raw[0] if isinstance(raw, list | tuple) else raw))
    except (TypeError, ValueError, IndexError):
        return max(at_least, 1.0)
    if not math.isfinite(seconds):
        return LONGEST_HOLD_S if seconds > 0 else max(at_least, 1.0)
    return min(LONGEST_HOLD_S, max(at_least, seconds))


def _seconds(retry_after: str | None) -> float:
    """At least a second: a Retry-After of 0 (or a fraction) must not turn into posts as fast as we can."""
    return retry_after_seconds(retry_after, at_least=1.0)
