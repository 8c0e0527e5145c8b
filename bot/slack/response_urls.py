"""Posts to Slack's response_urls over kept-alive connections.

Every click is answered through its response_url, and they all point at one host
(hooks.slack.com). slack_sdk's WebhookClient opens a new connection, with a new TLS
handshake, for each post; a pool keeps a few open instead, so a reply costs one request.
"""

from __future__ import annotations

import json
from typing import Any, Final

import urllib3

from bot.service.ports import RateLimited, SlackError

CONNECT_TIMEOUT_S: Final = 3.0
READ_TIMEOUT_S: Final = 10.0
# Sent again only when Slack surely did not show it: the connection was never made, or Slack said
# 500/503 (as slack_sdk's ServerErrorRetryHandler does for the Web API). Not after a read timeout or a
# dropped answer: the member may already see it. A 429 is the caller's pacer's to wait out.
_RETRIES: Final = urllib3.Retry(
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
    def __init__(self, *, connections: int) -> None:
        self._pool = urllib3.PoolManager(
            num_pools=4,
            # One per outbound worker: more could never be in use at once.
            maxsize=connections,
            timeout=urllib3.Timeout(connect=CONNECT_TIMEOUT_S, read=READ_TIMEOUT_S),
            retries=_RETRIES,
        )

    def post(self, url: str, body: dict[str, Any]) -> None:
        """Raises SlackError when Slack refused the post or never answered."""
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
        if status == 429:  # not posted: the caller's pacer waits it out as for any Slack method
            raise RateLimited(_seconds(response.headers.get("Retry-After")))
        if status >= 400:
            code = "ratelimited" if status == 429 else f"http_{status}"
            raise SlackError(code, retryable=status >= 500 or status == 429)


def _seconds(retry_after: str | None) -> float:
    try:
        return max(0.0, float(retry_after or 1))
    except ValueError:
        return 1.0
