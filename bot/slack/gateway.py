"""The Slack port over one WebClient: the directory (paged), posts and DMs paced per method with
Retry-After honoured, uploads, and the outbound worker that sends replies after the ack.

Two ways out, on purpose:
- `Outbound.submit` is for replies to a request (response_url posts, DM answers, App Home). The
  request has already been acknowledged; the reply goes through its method's bounded queue, served
  by a few worker threads, so a slow or rate-limiting Slack never holds an HTTP thread, and a method
  Slack is limiting never holds up the replies of another. Slack limits response_urls per URL: a
  reply to a URL Slack refused waits aside (`Outbound.submit_later`), holding no worker, so
  other members' replies go at once. Past a queue's
  capacity a reply is dropped with one log line naming the method and the count, never the member.
- `SlackGateway.post` is for scheduled deliveries. It blocks its caller (the scheduler's fan-out),
  waits out 429s exactly as long as Slack asks, and raises SlackError when it gives up, so the
  delivery ledger can release the claim for the next tick: nothing is dropped.
"""

from __future__ import annotations

import collections
import functools
import heapq
import itertools
import logging
import queue
import random
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any, Final
from urllib.error import URLError

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.http_retry import HttpRequest, HttpResponse, RetryIntervalCalculator, RetryState
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)

from bot.service.ports import ChannelInfo, MemberInfo, Message, RateLimited, SlackError
from bot.slack import after_ack
from bot.slack.response_urls import ResponseUrls, hosts_for, retry_after_seconds

log = logging.getLogger(__name__)

# Slack answers in well under a second; waiting longer only ties up a worker.
CONNECT_AND_READ_TIMEOUT_S: Final = 10
# users.list pages as Slack recommends; conversations.members takes Slack's maximum, so a
# 5,000-member channel costs 25 + 5 calls, never one users.info per member.
PAGE_SIZE: Final = 200
MEMBERS_PAGE_SIZE: Final = 1000
OUTBOUND_WORKERS: Final = 4
OUTBOUND_CAPACITY: Final = 5000
# How long one scheduled post may wait out rate limits before the ledger gets it back.
RATE_LIMIT_PATIENCE_S: Final = 120.0
# The refusals a later call may not meet: Slack's own trouble (it did nothing), or a pause it asked for. Any
# other error is Slack's answer about this call (a member deactivated, DMs to them restricted, the app's
# Messages tab off, a wrong token) and the same call gets it again: retried each tick it was asked for again
# all day, thousands of refused calls a fan-out, and never posted. It is marked failed, once.
TRANSIENT_ERRORS: Final = frozenset(
    {
        "internal_error",
        "fatal_error",
        "service_unavailable",
        "request_timeout",
        "ratelimited",
        "rate_limited",
        # Slack's own, while a workspace moves into an Enterprise Grid org: "try again later".
        "team_added_to_org",
    }
)


def build_client(*, token: str | None, base_url: str) -> WebClient:
    return WebClient(
        token=token,
        base_url=base_url,
        timeout=CONNECT_AND_READ_TIMEOUT_S,
        # 429s are handled by the Pacer (exact Retry-After, shared by every thread). Retried here: a
        # request that never reached Slack (urllib wraps connect and send failures in URLError), and one
        # Slack answered 500 or 503 (it did not post). A connection lost while waiting for the answer is
        # not: Slack may have posted the DM already.
        retry_handlers=[
            ConnectionErrorRetry(max_retry_count=1, error_types=[URLError]),
            ServerErrorRetry(max_retry_count=2),
        ],
    )


def sleep(seconds: float) -> None:
    """Module-level so a test can record the waits instead of spending them."""
    time.sleep(seconds)


def retry_wait(seconds: float) -> None:
    """The pause before slack_sdk sends a failed call again (the retry handlers below). Module-level, apart
    from the Pacer's `sleep`, so a test can record these waits instead of spending them."""
    time.sleep(seconds)


class _BackoffThroughRetryWait:
    """slack_sdk's RetryHandler.prepare_for_next_attempt, the same backoff (its interval calculator), but
    waited through `retry_wait`: slack_sdk calls time.sleep itself."""

    interval_calculator: RetryIntervalCalculator

    def prepare_for_next_attempt(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> None:
        state.next_attempt_requested = True
        retry_wait(self.interval_calculator.calculate_sleep_duration(state.current_attempt))
        state.increment_current_attempt()


class ConnectionErrorRetry(_BackoffThroughRetryWait, ConnectionErrorRetryHandler):
    """slack_sdk's ConnectionErrorRetryHandler, waiting through `retry_wait`."""


class ServerErrorRetry(_BackoffThroughRetryWait, ServerErrorRetryHandler):
    """slack_sdk's ServerErrorRetryHandler, waiting through `retry_wait`."""


class RateLimitRetry(RateLimitErrorRetryHandler):
    """slack_sdk's RateLimitErrorRetryHandler, waiting through `retry_wait`: Retry-After (1 s when Slack
    does not say), plus up to a second, as slack_sdk waits."""

    def prepare_for_next_attempt(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> None:
        if response is None:
            assert error is not None
            raise error
        state.next_attempt_requested = True
        retry_wait(_retry_after(response.headers) + random.random())
        state.increment_current_attempt()


class Pacer:
    """Rate limits per method, shared by every thread that calls Slack.

    A 429 holds the method for exactly the Retry-After Slack asked for. It also teaches the pacer
    how many calls Slack allowed in that window (those that succeeded just before); from then on at
    most that many calls start in any slightly longer window, so a long fan-out runs at Slack's limit
    instead of bursting into a 429 and a whole second's wait each time. A minute without a 429
    forgets what was learnt.

    What was learnt can be far too little: a restarted process meets the window its predecessor
    filled, and a busy one reads its answers late. So a limit that holds calls back for a while
    without a 429 is doubled, until Slack refuses one of those raises; what the pacer learns from that
    429 then stands.
    """

    FORGET_AFTER_S: Final = 60.0
    PROBE_AFTER_S: Final = 2.0
    # Calls reach Slack a little after they start; the margin absorbs that jitter.
    WINDOW_MARGIN: Final = 1.05

    def __init__(self, *, clock: Callable[[], float] = time.monotonic):
        self._lock = threading.Lock()
        self._resume_at: dict[str, float] = {}
        self._limit: dict[str, tuple[int, float]] = {}  # method -> (calls, per seconds)
        self._last_limited: dict[str, float] = {}
        self._learnt_at: dict[str, float] = {}  # when the limit was learnt or last raised
        self._raised: set[str] = set()  # methods whose limit was raised since Slack last refused a call
        self._settled: set[str] = set()  # methods where Slack refused a raised limit: no more raising
        self._started: dict[str, collections.deque[float]] = {}
        self._succeeded: dict[str, collections.deque[float]] = {}
        self._clock = clock

    def wait(self, method: str, *, until: float | None = None) -> bool:
        """Wait for the method's next free slot; False at once, reserving nothing, when that slot is
        later than `until` (another call's Retry-After can be far longer than this caller may wait)."""
        with self._lock:
            now = self._clock()
            if now - self._last_limited.get(method, now) > self.FORGET_AFTER_S:
                self._limit.pop(method, None)
                self._settled.discard(method)
            slot = max(now, self._resume_at.get(method, 0.0))
            started = self._started.setdefault(method, collections.deque(maxlen=10_000))
            limit = self._limit.get(method)
            if limit is not None:
                calls, seconds = limit
                window = seconds * self.WINDOW_MARGIN
                in_window = [at for at in started if at > slot - window]
                if len(in_window) >= calls and self._may_raise(method, now):
                    calls *= 2
                    self._limit[method] = (calls, seconds)
                    self._learnt_at[method] = now
                    self._raised.add(method)
                if len(in_window) >= calls:
                    slot = max(slot, in_window[-calls] + window)
            if until is not None and slot > until:
                return False
            # Reserved now, so threads waiting at the same time take the following slots.
            started.append(slot)
            while started and started[0] < now - 120:
                started.popleft()
        delay = slot - self._clock()
        if delay > 0:
            sleep(delay)
        return True

    def _may_raise(self, method: str, now: float) -> bool:
        return method not in self._settled and now - self._learnt_at.get(method, now) >= self.PROBE_AFTER_S

    def hold(self, method: str, seconds: float) -> None:
        with self._lock:
            now = self._clock()
            # A call that set out before the last 429's hold says nothing new about the limit.
            fresh = now >= self._resume_at.get(method, 0.0)
            self._resume_at[method] = max(self._resume_at.get(method, 0.0), now + seconds)
            self._last_limited[method] = now
            window = max(seconds, 1.0)
            allowed = sum(1 for at in self._succeeded.get(method, ()) if now - window < at <= now)
            if allowed > 0 and (method not in self._limit or fresh):
                if method in self._raised:
                    self._settled.add(method)
                self._raised.discard(method)
                self._limit[method] = (allowed, window)
                self._learnt_at[method] = now

    def _success(self, method: str) -> None:
        with self._lock:
            now = self._clock()
            done = self._succeeded.setdefault(method, collections.deque(maxlen=10_000))
            done.append(now)
            while done and done[0] < now - 120:
                done.popleft()

    def call(self, method: str, request: Callable[[], Any], *, patience: float = RATE_LIMIT_PATIENCE_S) -> Any:
        """Run `request`, waiting out 429s for at most `patience` seconds; raises SlackError."""
        deadline = self._clock() + patience
        while True:
            if not self.wait(method, until=deadline):
                raise SlackError("ratelimited", retryable=True)
            try:
                result = request()
            except RateLimited as limited:  # a response_url's 429
                retry_after = limited.retry_after
            except SlackApiError as error:
                response = error.response
                if response.status_code != 429:
                    code = str(response.get("error") or f"http_{response.status_code}")
                    retryable = response.status_code >= 500 or code in TRANSIENT_ERRORS
                    raise SlackError(code, retryable=retryable) from None
                retry_after = _retry_after(response.headers)
            except (SlackClientError, OSError) as error:
                raise SlackError(error.__class__.__name__, retryable=True) from None
            else:
                self._success(method)
                return result
            self.hold(method, retry_after)
            if self._clock() + retry_after > deadline:
                raise SlackError("ratelimited", retryable=True) from None


def _retry_after(headers: Any) -> float:
    raw = next((value for name, value in dict(headers or {}).items() if str(name).lower() == "retry-after"), None)
    return retry_after_seconds(raw)


class Outbound:
    """The replies that follow an ack: each Slack method has its own bounded queue and a few worker
    threads, started when it is first used. Workers wait out a 429's Retry-After, so a method Slack is
    limiting (DMs during a big fan-out) must not hold up another (a click's reply to its response_url)."""

    def __init__(self, *, workers: int = OUTBOUND_WORKERS, capacity: int = OUTBOUND_CAPACITY) -> None:
        self.workers = workers
        self._capacity = capacity
        self._lanes: dict[str, queue.Queue[Callable[[], object] | None]] = {}
        self._dropped: dict[str, int] = {}
        self._lock = threading.Lock()
        self._stopped = False
        # Replies waiting out a Retry-After: (due, order, method, send), on one timer thread.
        self._later: list[tuple[float, int, str, Callable[[], object]]] = []
        self._later_order = itertools.count()
        self._later_moving = 0  # taken off `_later`, not yet in their lane
        self._later_changed = threading.Condition(self._lock)
        self._timer: threading.Thread | None = None

    def submit(self, method: str, send: Callable[[], object]) -> None:
        """Queued once the ack of the request this thread answers is sent (bot.slack.after_ack)."""
        after_ack.hand_over(functools.partial(self._enqueue, method, send))

    def _enqueue(self, method: str, send: Callable[[], object]) -> None:
        with self._lock:
            stopped = self._stopped
        if stopped:  # work that outlived its stop budget: its workers are gone
            self._drop(method, "stopping")
            return
        try:
            self._lane(method).put_nowait(send)
        except queue.Full:
            self._drop(method, "outbound queue full")

    def submit_later(self, method: str, seconds: float, send: Callable[[], object]) -> None:
        """`submit` once `seconds` are over; meanwhile the reply holds no worker."""
        with self._lock:
            why = "stopping" if self._stopped else "outbound queue full" if len(self._later) >= self._capacity else ""
            if not why:
                heapq.heappush(self._later, (time.monotonic() + seconds, next(self._later_order), method, send))
                if self._timer is None:
                    self._timer = threading.Thread(target=self._submit_when_due, name="privacy-bot-outbound-later")
                    self._timer.daemon = True
                    self._timer.start()
                self._later_changed.notify()
        if why:
            self._drop(method, why)

    def _submit_when_due(self) -> None:
        while True:
            with self._lock:
                while not self._stopped and (not self._later or self._later[0][0] > time.monotonic()):
                    self._later_changed.wait(self._later[0][0] - time.monotonic() if self._later else None)
                if self._stopped:
                    return
                _, _, method, send = heapq.heappop(self._later)
                self._later_moving += 1
            try:
                self._enqueue(method, send)
            finally:
                with self._lock:
                    self._later_moving -= 1

    def _waiting_later(self) -> bool:
        with self._lock:
            return bool(self._later) or self._later_moving > 0

    def _drop(self, method: str, why: str) -> None:
        with self._lock:
            self._dropped[method] = self._dropped.get(method, 0) + 1
            count = self._dropped[method]
        log.warning("%s: dropped a %s reply (%d dropped so far)", why, method, count)

    def drain(self, *, timeout: float) -> bool:
        """Wait until everything queued so far has been sent (or given up); False on timeout."""
        deadline = time.monotonic() + timeout
        # Those waiting aside first: one leaves them only once it is in its lane.
        while self._waiting_later() or any(lane.unfinished_tasks for lane in self._snapshot()):
            if time.monotonic() > deadline:
                return False
            time.sleep(0.01)
        return True

    def stop(self, *, timeout: float = 5.0) -> None:
        """Send what is queued within `timeout`; what is left is dropped, with one line per method."""
        self.drain(timeout=timeout)
        with self._lock:
            self._stopped = True
            waiting, self._later = self._later, []
            self._later_changed.notify()
        for method, count in collections.Counter(method for _, _, method, _ in waiting).items():
            log.warning("stopping: %d %s replies not sent in time, dropped", count, method)
        for method, lane in list(self._lanes.items()):
            unsent = 0
            while True:  # taken out, so none is sent after this says it was dropped
                try:
                    lane.get_nowait()
                except queue.Empty:
                    break
                lane.task_done()
                unsent += 1
            if unsent:
                log.warning("stopping: %d %s replies not sent in time, dropped", unsent, method)
        for lane in self._snapshot():
            for _ in range(self.workers):
                try:
                    lane.put_nowait(None)
                except queue.Full:
                    break

    def _snapshot(self) -> list[queue.Queue[Callable[[], object] | None]]:
        with self._lock:
            return list(self._lanes.values())

    def _lane(self, method: str) -> queue.Queue[Callable[[], object] | None]:
        with self._lock:
            lane = self._lanes.get(method)
            if lane is None:
                lane = self._lanes[method] = queue.Queue(maxsize=self._capacity)
                for n in range(self.workers):
                    name = f"privacy-bot-outbound-{method}-{n}"
                    threading.Thread(target=self._work, args=(method, lane), name=name, daemon=True).start()
            return lane

    @staticmethod
    def _work(method: str, lane: queue.Queue[Callable[[], object] | None]) -> None:
        while True:
            send = lane.get()
            try:
                if send is None:
                    return
                try:
                    send()
                except SlackError as error:
                    log.warning("%s failed: %s", method, error.code)
                except Exception:
                    log.exception("%s failed", method)
            finally:
                lane.task_done()


class SlackGateway:
    """The SlackPort, plus the reply helpers the listeners use."""

    def __init__(
        self,
        *,
        client: WebClient,
        outbound: Outbound,
        pacer: Pacer | None = None,
        response_urls: ResponseUrls | None = None,
    ) -> None:
        self.client = client
        self.outbound = outbound
        self.pacer = pacer or Pacer()
        self.response_urls = response_urls or ResponseUrls(
            # Looked up at each wait, so a test that records `retry_wait`'s pauses records these too.
            connections=outbound.workers,
            retry_wait=lambda seconds: retry_wait(seconds),
            hosts=hosts_for(client.base_url),
        )

    # -- SlackPort ----------------------------------------------------------

    def directory(self) -> list[MemberInfo]:
        members: list[MemberInfo] = []
        for page in self._pages(
            "users.list", "members", lambda cursor: self.client.users_list(limit=PAGE_SIZE, cursor=cursor)
        ):
            members.extend(_member(user) for user in page if isinstance(user, dict) and user.get("id"))
        return members

    def channel_members(self, channel_id: str) -> list[str]:
        users: list[str] = []
        for page in self._pages(
            "conversations.members",
            "members",
            lambda cursor: self.client.conversations_members(
                channel=channel_id, limit=MEMBERS_PAGE_SIZE, cursor=cursor
            ),
        ):
            users.extend(str(user) for user in page)
        return users

    def group_members(self, group_id: str) -> list[str]:
        response = self.pacer.call(
            "usergroups.users.list", lambda: self.client.usergroups_users_list(usergroup=group_id)
        )
        return [str(user) for user in response.get("users") or []]

    def channel_info(self, channel_id: str) -> ChannelInfo:
        response = self.pacer.call("conversations.info", lambda: self.client.conversations_info(channel=channel_id))
        channel = response.get("channel")
        channel = channel if isinstance(channel, dict) else {}
        return ChannelInfo(
            name=str(channel.get("name") or channel_id),
            archived=channel.get("is_archived") is True,
            member=channel.get("is_member") is not False,
        )

    def post(self, channel: str, message: Message, *, within: float | None = None) -> None:
        # The last attempt itself may take a timeout, twice if its connection drops before it is sent.
        # A shorter `within` (a test's 5 s lease) keeps half for waiting: a hung Slack may then outlast it.
        patience = RATE_LIMIT_PATIENCE_S
        if within is not None:
            patience = max(0.0, within - min(2 * CONNECT_AND_READ_TIMEOUT_S, within / 2))
        self.pacer.call(
            "chat.postMessage",
            lambda: self.client.chat_postMessage(channel=channel, text=message.text, blocks=list(message.blocks)),
            patience=patience,
        )

    def upload(self, *, user_id: str, filename: str, content: bytes, title: str, comment: str) -> None:
        # files.completeUploadExternal takes a conversation ID only (C/G/D…), never a user ID: open the DM first.
        opened = self.pacer.call("conversations.open", lambda: self.client.conversations_open(users=user_id))
        channel = str((opened.get("channel") or {}).get("id") or "")
        self.pacer.call(
            "files.upload",
            lambda: self.client.files_upload_v2(
                channel=channel, filename=filename, content=content, title=title, initial_comment=comment
            ),
        )

    # -- replies after an ack -------------------------------------------------

    def respond_later(self, response_url: str, body: dict[str, Any] | Callable[[], dict[str, Any]]) -> None:
        """A response_url post, sent by the outbound worker; a callable body is built there, just before
        it is sent, so rendering it costs the ack nothing.

        Slack limits each response_url on its own, so the Pacer (per method) is not used: a 429 holds
        this URL only, and the reply waits out its Retry-After aside, holding no worker, unless that ends
        past RATE_LIMIT_PATIENCE_S from now; then it is given up with one log line."""
        give_up_at = time.monotonic() + RATE_LIMIT_PATIENCE_S

        def attempt(built: dict[str, Any]) -> None:
            try:
                self.response_urls.post(response_url, built)
            except RateLimited as limited:
                if time.monotonic() + limited.retry_after > give_up_at:
                    raise SlackError("ratelimited", retryable=True) from None
                self.outbound.submit_later("response_url", limited.retry_after, lambda: attempt(built))

        def send() -> None:
            attempt(body() if callable(body) else body)

        self.outbound.submit("response_url", send)

    def post_later(self, channel: str, message: Message, *, thread_ts: str | None = None) -> None:
        def send() -> None:
            self.pacer.call(
                "chat.postMessage",
                lambda: self.client.chat_postMessage(
                    channel=channel, text=message.text, blocks=list(message.blocks), thread_ts=thread_ts
                ),
            )

        self.outbound.submit("chat.postMessage", send)

    def publish_home_later(self, user_id: str, view: Callable[[], dict[str, Any]]) -> None:
        """`view` is built by the worker, just before it is sent."""

        def send() -> None:
            built = view()
            self.pacer.call("views.publish", lambda: self.client.views_publish(user_id=user_id, view=built))

        self.outbound.submit("views.publish", send)

    def _pages(self, method: str, key: str, fetch: Callable[[str | None], Any]) -> Iterator[list[Any]]:
        cursor: str | None = None
        while True:
            response = self.pacer.call(method, functools.partial(fetch, cursor))
            yield list(response.get(key) or [])
            cursor = (response.get("response_metadata") or {}).get("next_cursor") or None
            if not cursor:
                return


def _member(user: dict[str, Any]) -> MemberInfo:
    profile = user.get("profile") or {}
    name = profile.get("display_name") or profile.get("real_name") or user.get("real_name") or user.get("name") or ""
    human = not (
        user.get("is_bot")
        or user.get("is_app_user")
        or user.get("id") == "USLACKBOT"
        or user.get("is_restricted")
        or user.get("is_ultra_restricted")
    )
    return MemberInfo(
        user_id=str(user["id"]),
        name=str(name),
        tz=str(user["tz"]) if user.get("tz") else None,
        is_admin=bool(user.get("is_admin")),
        is_owner=bool(user.get("is_owner") or user.get("is_primary_owner")),
        active=not user.get("deleted"),
        human=human,
    )
