"""A seeded fuzz of the signed events URL (issue 6): a signed body of the wrong shape gets 400 or a harmless 200.

Each case starts from a genuine payload of a kind the bot handles (a slash command, a click on any of its
buttons, a modal, an options request, a DM, an @mention, App Home opened, url_verification), changes one to
three things in it (a field dropped, a wrong type, null, a list, a huge or odd string, another kind of ID,
a mangled URL, a field where it does not belong ...), signs it with Slack's secret and sends it over HTTP to
the bot, which talks to the Slack stand-in. Harmless means: no 5xx; no apology ("Sorry, something went wrong")
reaching Slack and no error logged; no row naming a member by anything but a Slack user ID, and no status
stored without its audit entry; no post to a response_url that is not an http(s) URL; no click on a message
others can see rewriting it; no Web API call into a channel or thread that is not Slack's; and a genuine
command and click are served after each batch.

Cases go in batches of 25 between waits for the bot's replies (each wait costs ~10 ms). A problem is named by
the case it came from; one the batch caused as a whole (a log line, a Web API call) by replaying its cases
one by one. The failure says how to replay; to run longer, or with other cases:

    FUZZ_SEED=20261206 FUZZ_ONLY=1234 pytest -n0 tests/hostile/test_fuzz_signed.py   # also 3,9 or 10-20
    FUZZ_SEED=7 FUZZ_REQUESTS=20000 pytest -n0 tests/hostile/test_fuzz_signed.py
"""

from __future__ import annotations

import json
import logging
import os
import random
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import pytest
from sqlalchemy import Engine, and_, create_engine, exists, select

from bot import strings
from bot.cli import Served, serve_in_background
from bot.guides.catalog import load_catalog
from bot.local import payloads
from bot.local.fake_slack import FakeSlack
from bot.local.sender import FORM, JSON, InvalidAck, SignedSender
from bot.local.workspace import ADMIN, GENERAL, LOCAL_SIGNING_SECRET, MANAGER, MEMBER, im_channel_id
from bot.slack import report_views, views
from bot.slack.http import MAX_BODY
from bot.store.models import Base, member_columns
from tests.conftest import local_settings
from tests.hostile.conftest import Capture

SEED = int(os.environ.get("FUZZ_SEED") or 20261206)
BATCH = 25
# How many cases each engine gets by default: ~10 s on SQLite, a little more on PostgreSQL.
REQUESTS = {"sqlite": 2000, "postgresql": 1200}
USER_ID = re.compile(r"[UW][A-Z0-9]{1,31}")
SLACK_ID = re.compile(r"[A-Z][A-Z0-9]{1,31}")
TS = re.compile(r"[0-9]+\.[0-9]+")
SORRY = strings.SORRY

Json = Any
Mutator = Callable[[random.Random, Json], Json]
_DROP = object()


def _only(spec: str) -> list[int]:
    """FUZZ_ONLY: `7`, `3,9` or `10-20`."""
    numbers: list[int] = []
    for part in filter(None, spec.replace(" ", "").split(",")):
        first, _, last = part.partition("-")
        numbers += range(int(first), int(last or first) + 1)
    return numbers


# -- genuine payloads -------------------------------------------------------------------------------------

MEMBERS = (MEMBER, MANAGER, ADMIN, "W0FUZZ1")
GUIDE = "linkedin-ai-training"


def _title(guide_id: str) -> str:
    guide = load_catalog().get(guide_id)
    assert guide is not None, guide_id
    return guide.title


# What a genuine `/privacy linkedin desktop` is answered with, whatever platform the member chose before.
TITLE = _title(GUIDE)
SLASH_TEXTS = (
    "",
    "help",
    "linkedin",
    "linkedin iphone",
    "done linkedin",
    "undo linkedin",
    "skip linkedin",
    "status",
    "dates",
    "report",
    "campaign list",
    "forget-me",
    "what is a payload",
)
BUTTONS: tuple[tuple[str, str | None], ...] = (
    *((action, f"{GUIDE}|ios") for action in views.ATTESTATIONS),
    (views.ACTION_UNDO, f"{GUIDE}|desktop"),
    *((f"{views.ACTION_PLATFORM_PREFIX}{name}", GUIDE) for name in ("desktop", "ios", "android")),
    (views.ACTION_OPEN_GUIDE, "linkedin"),
    (f"{views.ACTION_OPEN_GUIDE}_2", "linkedin data download"),
    (views.ACTION_DETAILS, GUIDE),
    (views.ACTION_OPEN_SETTING, None),
    (views.ACTION_FORGET_CONFIRM, None),
    (views.ACTION_FORGET_CANCEL, None),
    (report_views.ACTION_SHOW, "linkedin-2026"),
    (report_views.ACTION_NUDGE, "linkedin-2026"),
    (report_views.ACTION_EXPORT, "linkedin-2026"),
)


def _member(rng: random.Random) -> dict[str, str]:
    user = rng.choice(MEMBERS)
    return {"id": user, "username": user.lower(), "name": user.lower(), "team_id": "T0LOCAL"}


def _slash(rng: random.Random, hook: str) -> dict[str, Json]:
    return dict(payloads.slash_command(text=rng.choice(SLASH_TEXTS), user_id=rng.choice(MEMBERS), response_url=hook))


def _click(rng: random.Random, hook: str) -> dict[str, Json]:
    action_id, value = rng.choice(BUTTONS)
    user = rng.choice(MEMBERS)
    where = rng.choice(("public", "ephemeral", "dm", "home"))
    if where == "home":
        return payloads.block_actions(
            action_id=action_id, value=value, user_id=user, view={"id": "V0HOME", "type": "home"}
        )
    channel = im_channel_id(user) if where == "dm" else GENERAL
    message = {"ts": payloads.message_ts(), "text": "A guide", "blocks": []} if where != "ephemeral" else None
    return payloads.block_actions(
        action_id=action_id,
        value=value,
        user_id=user,
        channel_id=channel,
        message=message,
        container_ts=None if message else payloads.message_ts(),
        is_ephemeral=where == "ephemeral",
        response_url=hook,
    )


def _view(kind: str) -> Callable[[random.Random, str], dict[str, Json]]:
    def build(rng: random.Random, hook: str) -> dict[str, Json]:
        values = {"b": {"a": {"type": "plain_text_input", "value": "typed"}}}
        return {
            "type": kind,
            "team": {"id": "T0LOCAL", "domain": "local"},
            "user": _member(rng),
            "api_app_id": "A0LOCAL",
            "trigger_id": payloads.trigger_id(),
            "view": {"id": "V0FUZZ", "type": "modal", "callback_id": "fuzz", "state": {"values": values}},
            "response_urls": [{"block_id": "b", "action_id": "a", "channel_id": GENERAL, "response_url": hook}],
        }

    return build


def _options(rng: random.Random, hook: str) -> dict[str, Json]:
    return {
        "type": "block_suggestion",
        "user": _member(rng),
        "team": {"id": "T0LOCAL", "domain": "local"},
        "action_id": "pick",
        "block_id": "b",
        "value": "link",
        "container": {"type": "view", "view_id": "V0FUZZ"},
        "api_app_id": "A0LOCAL",
    }


def _dm(rng: random.Random, hook: str) -> dict[str, Json]:
    event = payloads.dm_message(text=rng.choice(SLASH_TEXTS) or "linkedin", user_id=rng.choice(MEMBERS))
    return payloads.event_callback(event)


def _mention(rng: random.Random, hook: str) -> dict[str, Json]:
    thread = payloads.message_ts() if rng.random() < 0.5 else None
    event = payloads.app_mention(text=rng.choice(SLASH_TEXTS), user_id=rng.choice(MEMBERS), thread_ts=thread)
    return payloads.event_callback(event)


def _home(rng: random.Random, hook: str) -> dict[str, Json]:
    event = payloads.app_home_opened(user_id=rng.choice(MEMBERS), tab=rng.choice(("home", "messages")))
    return payloads.event_callback(event)


def _verification(rng: random.Random, hook: str) -> dict[str, Json]:
    return dict(payloads.url_verification())


GENUINE: dict[str, Callable[[random.Random, str], dict[str, Json]]] = {
    "slash command": _slash,
    "click": _click,
    "view_submission": _view("view_submission"),
    "view_closed": _view("view_closed"),
    "options": _options,
    "DM": _dm,
    "mention": _mention,
    "Home opened": _home,
    "url_verification": _verification,
}
JSON_KINDS = frozenset({"DM", "mention", "Home opened", "url_verification"})
# Clicks and commands carry most of what a member can do: they come up more often.
WEIGHTS = (4, 6, 1, 1, 1, 3, 3, 2, 1)


# -- what a mutation does to one value ------------------------------------------------------------------------

UNICODE = ("Ü", "😀" * 40, "\u202e", "\u0000", "\ud83d", "ＵＯＣＨＩ", "U0CHI\u200b", "\u00a0")
OTHER_IDS = ("T0LOCAL", "C0GENERAL", "B0BOT", "USLACKBOT", "W0FUZZ1", "D0CHI", "S0MANAGERS", "E0GRID", "U" + "0" * 40)
# Fields bolt or the listeners read: planted where they do not belong, with an odd value.
PLANTED = (
    "command",
    "payload",
    "type",
    "user",
    "user_id",
    "team_id",
    "team",
    "event",
    "event_id",
    "response_url",
    "container",
    "channel",
    "is_ephemeral",
    "thread_ts",
    "text",
    "actions",
    "view",
    "enterprise",
    "is_enterprise_install",
)


def _text_of(value: Json) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def _url(rng: random.Random, value: Json) -> Json:
    text = _text_of(value)
    bare = text.split("://", 1)[-1]
    return rng.choice(
        (
            bare,  # urllib3 takes a URL without a scheme for http
            "//" + bare,
            "ftp://" + bare,
            "file:///etc/passwd",
            "javascript:alert(1)",
            text + "/../../api/chat.postMessage",
            text.upper(),
            "http://",
        )
    )


def _nest(rng: random.Random, value: Json) -> Json:
    for _ in range(rng.choice((3, 40))):
        value = [value]
    return value


MUTATORS: dict[str, Mutator] = {
    "dropped": lambda rng, value: _DROP,
    "null": lambda rng, value: None,
    "a boolean": lambda rng, value: rng.choice((True, False)),
    "a number": lambda rng, value: rng.choice((0, -1, 7, 1.5, 1e308, 2**63)),
    "text of a number": lambda rng, value: rng.choice(("0", "1", "-1", "1e+308", "NaN", "true", "false", "null")),
    "empty": lambda rng, value: rng.choice(("", " ", "\n")),
    "huge": lambda rng, value: (
        (_text_of(value) or "x") * (rng.choice((300, 3_000, 40_000)) // max(1, len(_text_of(value))))
    ),
    "unicode": lambda rng, value: rng.choice(UNICODE),
    "in a list": lambda rng, value: rng.choice(([value], [], [value, value])),
    "in an object": lambda rng, value: rng.choice(({"id": value}, {})),
    "padded": lambda rng, value: f" {_text_of(value)} ",
    "lower case": lambda rng, value: _text_of(value).lower(),
    "another ID": lambda rng, value: rng.choice(OTHER_IDS),
    "a mangled URL": _url,
    "nested deep": _nest,
}
NAMES = tuple(MUTATORS)


def _paths(node: Json, prefix: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    """Every place in the payload, down to three levels (deeper is rich text and blocks the bot does not read)."""
    if len(prefix) >= 3:
        return
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, child in items:
        yield (*prefix, key)
        yield from _paths(child, (*prefix, key))


def _mutate(rng: random.Random, payload: dict[str, Json]) -> str:
    paths = list(_paths(payload))
    if not paths or rng.random() < 0.15:  # a field the bot reads, planted anywhere an object is
        objects = [()] + [path for path in paths if isinstance(_at(payload, path), dict)]
        where = objects[int(rng.random() * len(objects))]
        name = rng.choice(PLANTED)
        how = rng.choice(NAMES[1:])
        _at(payload, where)[name] = MUTATORS[how](rng, "U0CHI")
        return f"{'.'.join(map(str, where)) or 'top'}.{name} planted, {how}"
    path = paths[int(rng.random() * len(paths))]
    how = rng.choice(NAMES)
    parent = _at(payload, path[:-1])
    changed = MUTATORS[how](rng, parent[path[-1]])
    if changed is _DROP:
        del parent[path[-1]]
    else:
        parent[path[-1]] = changed
    return f"{'.'.join(map(str, path))} {how}"


def _at(payload: Json, path: tuple[str | int, ...]) -> Json:
    for key in path:
        payload = payload[key]
    return payload


# -- one case ------------------------------------------------------------------------------------------------


@dataclass
class Case:
    number: int
    kind: str
    changes: list[str]
    content_type: str
    body: bytes
    payload: Json
    hook: str

    def describe(self) -> str:
        return f"case {self.number}: a {self.kind} with " + "; ".join(self.changes)


def build_case(seed: int, number: int, hook: str) -> Case:
    """The same case for the same seed and number, whatever ran before it. Only what Slack makes unique varies
    (timestamps, trigger and event IDs): a case replayed alone is not taken for a delivery already handled."""
    rng = random.Random(f"{seed}/{number}")
    kind = rng.choices(list(GENUINE), WEIGHTS)[0]
    payload = GENUINE[kind](rng, hook)
    changes = [_mutate(rng, payload) for _ in range(rng.choice((1, 1, 2, 3)))]
    sent_as = "form" if kind == "slash command" else "json" if kind in JSON_KINDS else "payload"
    if rng.random() < 0.1:
        sent_as = rng.choice(("form", "json", "payload"))
        changes.append(f"sent as {sent_as}")
    if sent_as == "form":
        fields = payload if isinstance(payload, dict) else {"x": payload}
        body = urlencode({key: _text_of(value) for key, value in fields.items()}, errors="surrogatepass").encode()
        return Case(number, kind, changes, FORM, body, payload, hook)
    if sent_as == "payload":
        return Case(number, kind, changes, FORM, urlencode({"payload": json.dumps(payload)}).encode(), payload, hook)
    return Case(number, kind, changes, JSON, json.dumps(payload).encode(), payload, hook)


def _http_url(value: Json) -> bool:
    if not isinstance(value, str):
        return False
    try:
        parts = urlsplit(value)
        return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
    except ValueError:  # a malformed port or IPv6 literal
        return False


def _private(payload: Json) -> bool:
    """Only the clicker can see the message clicked on, by the payload's own word as Slack types it."""
    container = payload.get("container") if isinstance(payload, dict) else None
    channel = payload.get("channel") if isinstance(payload, dict) else None
    container = container if isinstance(container, dict) else {}
    channel_id = container.get("channel_id") or (channel.get("id") if isinstance(channel, dict) else None)
    return container.get("is_ephemeral") is True or (isinstance(channel_id, str) and channel_id.startswith("D"))


# -- the bot under fuzz --------------------------------------------------------------------------------------


@dataclass
class Fuzzed:
    served: Served
    slack: FakeSlack
    database_url: str
    logs: Capture
    sender: SignedSender = field(init=False)
    engine: Engine = field(init=False)

    def __post_init__(self) -> None:
        self.sender = SignedSender(self.served.url, LOCAL_SIGNING_SECRET, response_urls=self.slack, timeout=5.0)
        self.engine = create_engine(self.database_url)

    def odd_member_ids(self) -> set[tuple[str, str]]:
        """Every value stored as a member's ID that is not a Slack user ID, with its column."""
        odd: set[tuple[str, str]] = set()
        with self.engine.connect() as db:
            for table in Base.metadata.sorted_tables:
                for column in member_columns(table):
                    for (value,) in db.execute(select(column).where(column.is_not(None)).distinct()):
                        if not USER_ID.fullmatch(str(value)):
                            odd.add((f"{table.name}.{column.name}", str(value)))
        return odd

    def unaudited(self) -> int:
        """Statuses stored without the audit entry written in the same transaction: a half-done write."""
        status, audit = Base.metadata.tables["attestations"], Base.metadata.tables["audit_log"]
        entry = exists().where(
            and_(
                audit.c.team_id == status.c.team_id,
                audit.c.subject_id == status.c.user_id,
                audit.c.guide_id == status.c.guide_id,
            )
        )
        with self.engine.connect() as db:
            return len(db.execute(select(status.c.id).where(~entry)).all())


@pytest.fixture
def fuzzed(slack: FakeSlack, database_url: str, tmp_path: Path) -> Iterator[Fuzzed]:
    capture = Capture()
    logger = logging.getLogger("bot")
    logger.addHandler(capture)
    served = serve_in_background(local_settings(slack, tmp_path / "unused.db", database_url=database_url))
    bot = Fuzzed(served=served, slack=slack, database_url=database_url, logs=capture)
    try:
        yield bot
    finally:
        served.stop()
        bot.engine.dispose()
        logger.removeHandler(capture)


@dataclass(frozen=True)
class Problem:
    what: str
    cases: tuple[int, ...] = ()  # the cases that may have caused it; none: any case of the batch


def _run(bot: Fuzzed, numbers: list[int], seed: int) -> list[Problem]:
    """Send these cases, then a genuine command and click; what broke a rule (empty when nothing did)."""
    slack, logs = bot.slack, len(bot.logs.records)
    calls, responses = len(slack.calls), len(slack.responses)
    odd_before = bot.odd_member_ids()
    problems: list[Problem] = []
    cases: list[Case] = []
    for number in numbers:
        case = build_case(seed, number, slack.new_response_url(channel=GENERAL, user=MEMBER))
        cases.append(case)
        try:
            answer = bot.sender.post(case.body, content_type=case.content_type)
        except InvalidAck as refused:
            problems.append(Problem(str(refused), (number,)))
            continue
        # A mutation can grow a body past the size limit: that is refused before its shape is looked at.
        expected = (413,) if len(case.body) > MAX_BODY else (200, 400)
        if answer.status not in expected:
            problems.append(Problem(f"answered {answer.status}", (number,)))
        if SORRY in answer.text:
            problems.append(Problem("the ack apologised", (number,)))
    command = bot.sender.slash_command(text="linkedin desktop", user_id=MEMBER)
    probe = slack.new_response_url(channel=GENERAL, user=MEMBER)
    click = bot.sender.block_action(
        action_id=views.ACTION_CONFIRM, value=f"{GUIDE}|ios", is_ephemeral=True, response_url=probe
    )
    bot.served.settle()
    if command.status != 200 or TITLE not in command.text or click.status != 200:
        problems.append(Problem(f"a genuine command or click was not served ({command.status}, {click.status})"))
    problems += _replies(bot, cases, responses=responses, probe=probe)
    problems += _calls(bot, calls=calls)
    for record in bot.logs.records[logs:]:
        message = record.getMessage()
        if record.levelno >= logging.ERROR:
            problems.append(Problem(f"logged an error: {message}"))
        elif message.startswith("response_url failed:") and not re.search(r"http_\d{3}$", message):
            problems.append(Problem(f"tried a response_url that is not a URL: {message}"))
    if bot.unaudited():
        problems.append(Problem(f"{bot.unaudited()} statuses stored without their audit entry"))
    for column, value in sorted(bot.odd_member_ids() - odd_before):
        # Named by the cases that sent the value: replayed alone after the batch, a case finds the row already there.
        sent = tuple(case.number for case in cases if json.dumps(value).strip('"') in case.body.decode())
        problems.append(Problem(f"stored a member that is not a Slack user ID: {column}={value!r}", sent))
    return problems


def _replies(bot: Fuzzed, cases: list[Case], *, responses: int, probe: str) -> list[Problem]:
    """The response_url posts since `responses`, each told apart by its URL, issued for one case."""
    problems: list[Problem] = []
    by_url = {case.hook: case for case in cases}
    for post in bot.slack.responses[responses:]:
        text = json.dumps(post.body)
        if post.url == probe and SORRY in text:
            problems.append(Problem("a genuine click was answered with an apology"))
        case = by_url.get(post.url)
        if case is None:
            continue
        if SORRY in text:
            problems.append(Problem("an apology reached the response_url", (case.number,)))
        if not _http_url(case.payload.get("response_url") if isinstance(case.payload, dict) else None):
            problems.append(Problem("posted to a response_url that is not an http(s) URL", (case.number,)))
        if post.body.get("replace_original") and not _private(case.payload):
            problems.append(Problem("rewrote a message others can see", (case.number,)))
    return problems


def _calls(bot: Fuzzed, *, calls: int) -> list[Problem]:
    """Web API calls since `calls`: no apology, and only Slack's own IDs and timestamps taken from a body."""
    problems: list[Problem] = []
    for call in bot.slack.calls[calls:]:
        if SORRY in json.dumps(call.args):
            problems.append(Problem(f"an apology was sent with {call.method}"))
        thread = call.args.get("thread_ts")
        if thread is not None and not TS.fullmatch(str(thread)):
            problems.append(Problem(f"{call.method} into a thread that cannot exist: {str(thread)[:40]!r}"))
        channel = call.args.get("channel")
        if channel is not None and not SLACK_ID.fullmatch(str(channel)):
            problems.append(Problem(f"{call.method} to a channel that is not an ID: {str(channel)[:40]!r}"))
    return problems


def test_signed_bodies_of_any_shape_get_400_or_a_harmless_200(fuzzed: Fuzzed, database_url: str) -> None:
    engine = "postgresql" if database_url.startswith("postgresql") else "sqlite"
    only = _only(os.environ.get("FUZZ_ONLY", ""))
    numbers = only or list(range(int(os.environ.get("FUZZ_REQUESTS") or REQUESTS[engine])))
    batch = 1 if only else BATCH
    started = time.monotonic()
    for start in range(0, len(numbers), batch):
        chunk = numbers[start : start + batch]
        problems = _run(fuzzed, chunk, SEED)
        if not problems:
            continue
        named = next((problem.cases for problem in problems if problem.cases), ())
        if not named and len(chunk) > 1:
            # The batch broke a rule as a whole: find a case that breaks it alone (or else name the batch).
            for number in chunk:
                alone = _run(fuzzed, [number], SEED)
                if alone:
                    problems, named = alone, (number,)
                    break
        named = named or tuple(chunk)
        replay = ",".join(map(str, named)) if len(named) < 5 else f"{named[0]}-{named[-1]}"
        described = "\n".join(build_case(SEED, number, "{response_url}").describe() for number in named[:4])
        report = "\n".join(problem.what for problem in problems[:10])
        pytest.fail(f"FUZZ_SEED={SEED} FUZZ_ONLY={replay}\n{described}\n{report}", pytrace=False)
    took = time.monotonic() - started
    print(f"\n{len(numbers)} fuzzed requests on {engine} in {took:.1f} s")  # noqa: T201
