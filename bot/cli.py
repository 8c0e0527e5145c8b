"""`privacy-bot`: the entry point, and the only place where objects are wired together."""

from __future__ import annotations

import argparse
import contextlib
import errno
import functools
import gc
import json
import logging
import os
import re
import sqlite3
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from bot import __version__, strings
from bot.config import ConfigError, Settings, load_settings, misspelt_in_dotenv, require

if TYPE_CHECKING:
    from slack_bolt import App
    from slack_sdk.web import SlackResponse
    from sqlalchemy import Engine
    from waitress.server import BaseWSGIServer

    from bot.campaigns import Campaign
    from bot.guides.catalog import Catalog
    from bot.scheduler import Ticker
    from bot.service import Services
    from bot.service.background import Background
    from bot.service.campaigns import CampaignListing, Campaigns
    from bot.service.delivery import Delivery
    from bot.service.digests import Digests
    from bot.service.ports import SlackPort
    from bot.service.reports import Reports
    from bot.serving import Stop
    from bot.slack.gateway import SlackGateway
    from bot.slack.http import WSGIApp
    from bot.slack.metrics import Metrics
    from bot.slack.socket_connection import LinkWatch
    from bot.store.campaign_rows import UnusableCampaign

log = logging.getLogger("bot")


def utc_now() -> datetime:
    return datetime.now(UTC)


# Slack's own command is `/privacy campaign list`: the same words on the command line find `campaigns list`, not
# argparse's "invalid choice" and a list of ten commands to read. Not in --help, which names each command once.
_SINGULAR: Final = {"campaign": "campaigns", "guide": "guides"}


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    words = list(sys.argv[1:] if argv is None else argv)
    if words and words[0] in _SINGULAR:
        words[0] = _SINGULAR[words[0]]
    args, extra = parser.parse_known_args(words)
    if extra:
        args.command_parser.error(f"unrecognized arguments: {' '.join(extra)}")
    try:
        settings = load_settings()
        for line in misspelt_in_dotenv():
            print(f"privacy-bot: warning: {line}", file=sys.stderr)
        _configure_logging(settings)
        code = int(args.handler(args, settings))
        sys.stdout.flush()  # here, not at exit, so that a reader gone early is caught below
        return code
    except ConfigError as error:
        print(f"privacy-bot: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader left early (`privacy-bot guides list | head -3`): it has what it wanted, so no traceback.
        # Python flushes stdout once more on exit; pointed at nothing, that flush cannot fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141  # as a shell reports a command that SIGPIPE ended (`yes | head`)


def _platform_word(text: str) -> str:
    """An argparse `type`: the platform a word names, as a member's question is read (`iphone` is `ios`)."""
    from bot.question_words import detect_platform

    found = detect_platform(text) if text.strip() else None
    if found not in ("desktop", "ios", "android"):
        raise argparse.ArgumentTypeError(f"{text!r}: expected desktop, ios or android (iphone, ipad, mac … work too)")
    return found


# Without a bound, a huge --days overflows datetime arithmetic instead of being refused; ten years is far
# beyond any campaign's reminders.
MAX_SCHEDULE_DAYS = 3660


def _whole_number(*, low: int, high: int | None = None) -> Callable[[str], int]:
    """An argparse `type`: a number out of range is refused while parsing (usage, exit 2), before it
    reaches a socket, the database or datetime arithmetic and fails there with a traceback."""
    expected = f"from {low} to {high}" if high is not None else f"of at least {low}"

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = None
        if value is None or value < low or (high is not None and value > high):
            raise argparse.ArgumentTypeError(f"expected a whole number {expected}, got {text!r}")
        return value

    return parse


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="privacy-bot", description="Privacy Reminder Bot for Slack")
    parser.add_argument("--version", action="version", version=f"privacy-bot {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = commands.add_parser("run", help="serve Slack (Socket Mode when SLACK_APP_TOKEN is set, else HTTP)")
    mode = run.add_mutually_exclusive_group()
    mode.add_argument("--http", action="store_true", help="HTTP on PORT even if SLACK_APP_TOKEN is set")
    mode.add_argument("--socket", action="store_true", help="Socket Mode (needs SLACK_APP_TOKEN)")
    run.add_argument("--port", type=_whole_number(low=1, high=65535), help="HTTP port (default: PORT)")
    run.add_argument("--host", default="0.0.0.0", help="HTTP address to listen on (default: all)")
    run.add_argument("--no-scheduler", action="store_true", help="do not send scheduled reminders from this process")
    run.set_defaults(handler=_run)

    shell = commands.add_parser("shell", help="talk to the bot in your terminal, no Slack needed")
    shell.add_argument(
        "--user",
        default=None,
        metavar="NAME|U…",
        help="act as this member of the stand-in workspace: a first name (Ada is an admin) or an ID; the shell's"
        " `users` lists them all, `as` switches",
    )
    shell.set_defaults(handler=_shell)

    ask = commands.add_parser("ask", help="print what the bot would answer")
    ask.add_argument("--json", action="store_true", help="one JSON object: guide, platform, confidence, text")
    ask.add_argument(
        "text", nargs="+", help="a question or a command, as a member would type it after /privacy or in a DM"
    )
    ask.set_defaults(handler=_ask)

    guides = commands.add_parser("guides", help="list, show or check guides")
    guide_commands = guides.add_subparsers(dest="guides_command", required=True, metavar="list|show|check")
    guide_commands.add_parser("list", help="the guides the bot knows, with the age of their sources").set_defaults(
        handler=_guides_list
    )
    show = guide_commands.add_parser("show", help="one guide as the bot shows it")
    show.add_argument("id", help="a guide id, alias or service name (e.g. linkedin)")
    show.add_argument(
        "--platform",
        type=_platform_word,
        metavar="desktop|ios|android",
        help="desktop, ios or android, or a word the bot reads as one (iphone, ipad, mac, pixel …)",
    )
    show.set_defaults(handler=_guides_show)
    check = guide_commands.add_parser("check", help="validate guide files (default: shipped and GUIDES_DIR)")
    check.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH", help="guide files or folders (default: shipped and GUIDES_DIR)"
    )
    check.add_argument(
        "--max-age",
        type=_whole_number(low=0),
        metavar="DAYS",
        help="also fail guides whose sources were read more than DAYS days ago",
    )
    check.set_defaults(handler=_guides_check)

    calendar = commands.add_parser("calendar", help="print the guides' policy dates as iCalendar (.ics)")
    calendar.set_defaults(handler=_calendar)

    manifest = commands.add_parser("manifest", help="print the Slack app manifest (YAML)")
    manifest.add_argument(
        "--url", help="public host or https URL (bot.example.com); without it the manifest uses Socket Mode"
    )
    manifest.set_defaults(handler=_manifest)

    campaigns = commands.add_parser("campaigns", help="reminder campaigns (CAMPAIGNS_FILE and those started in Slack)")
    campaign_commands = campaigns.add_subparsers(dest="campaigns_command", required=True, metavar="list|check")
    campaign_commands.add_parser("list", help="every campaign, from the file and the database").set_defaults(
        handler=_campaigns_list
    )
    campaign_commands.add_parser("check", help="validate CAMPAIGNS_FILE").set_defaults(handler=_campaigns_check)

    schedule = commands.add_parser("schedule", help="upcoming reminders, in order")
    schedule.add_argument(
        "--days",
        type=_whole_number(low=1, high=MAX_SCHEDULE_DAYS),
        default=30,
        help=f"how many days ahead, at most {MAX_SCHEDULE_DAYS} (default: 30)",
    )
    schedule.set_defaults(handler=_schedule)

    report = commands.add_parser("report", help="a campaign's summary from the database (no Slack needed)")
    report.add_argument("campaign", help="campaign id (see `campaigns list`)")
    report.add_argument(
        "--format",
        choices=["table", "csv", "json"],
        default="table",
        help="table (default), csv (the rows of Slack's Export CSV) or json",
    )
    report.add_argument("--team", help="workspace ID, when several workspaces have a campaign of that id")
    report.set_defaults(handler=_report)

    member = commands.add_parser(
        "member", help="everything stored about one member, as JSON (a subject-access request; no Slack needed)"
    )
    member.add_argument("user", metavar="U…", help="the member's Slack ID (profile → ⋯ → Copy member ID)")
    member.add_argument("--team", help="only this workspace's rows (T…), when several share the database")
    member.set_defaults(handler=_member)

    db = commands.add_parser("db", help="database maintenance")
    db_commands = db.add_subparsers(dest="db_command", required=True, metavar="upgrade|backup")
    db_commands.add_parser("upgrade", help="apply migrations").set_defaults(handler=_db_upgrade)
    backup = db_commands.add_parser(
        "backup", help="copy a SQLite database, while the bot runs, to a new file (PostgreSQL: use pg_dump)"
    )
    backup.add_argument("target", type=Path, metavar="FILE", help="the copy to write; must not exist yet")
    backup.set_defaults(handler=_db_backup)
    _name_each_command(parser)
    return parser


def _name_each_command(parser: argparse.ArgumentParser) -> None:
    """Every (sub)command remembers its own parser, so a word too many is refused with that command's usage:
    `calendar extra` printed the top-level usage ("COMMAND ..."), as if the command itself were wrong."""
    for action in parser._actions:  # noqa: SLF001 - argparse lists subcommands nowhere else
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            for sub in action.choices.values():
                sub.set_defaults(command_parser=sub)
                _name_each_command(sub)


def _configure_logging(settings: Settings) -> None:
    handler = logging.StreamHandler()
    if settings.log_format == "json":
        handler.setFormatter(_JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=settings.log_level.upper(), handlers=[handler], force=True)
    # Alembic announces every plugin at INFO, and APScheduler every run of the 15-second tick (11,520 lines a
    # day); only their warnings (a missed run, a failed job) are news to an operator.
    for chatty in ("alembic", "apscheduler"):
        logging.getLogger(chatty).setLevel(max(logging.WARNING, logging.getLogger().level))


class _JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry)


def _catalog(settings: Settings) -> Catalog:
    from bot.guides.catalog import GuideError, load_catalog
    from bot.slack.views import limit_problems

    try:
        return load_catalog(extra_dir=settings.guides_dir, render_check=limit_problems)
    except GuideError as error:
        raise ConfigError(f"GUIDES_DIR: {error}") from None


def _engine(settings: Settings, *, writable: bool = False, migrate: bool = True) -> Engine:
    """The database, migrated; with `writable`, also checked to take a write (a read-only SQLite file, or a
    PostgreSQL standby, would otherwise fail on the first save, at start with a traceback). Without `migrate`
    (commands that only read) a schema behind this version's is refused, not migrated: the database may be
    production's, with replicas of the older version still running on it."""
    return _opened(settings, writable=writable, migrate=migrate)[0]


def _opened(settings: Settings, *, writable: bool = False, migrate: bool = True) -> tuple[Engine, str | None]:
    """`_engine`, and the schema revision this process found before migrating (None: an empty database)."""
    from alembic.util import CommandError
    from sqlalchemy import text
    from sqlalchemy.exc import SQLAlchemyError

    from bot.store.database import current_revision, head_revision, is_known_revision, make_engine, upgrade

    if migrate:
        _private_sqlite_file(settings.database_url)
    engine = make_engine(settings.database_url)
    try:
        found = None if migrate else current_revision(engine)
        if found is not None and found != head_revision() and is_known_revision(found):
            engine.dispose()
            raise ConfigError(
                f"DATABASE_URL: the database's schema is at {found}, older than this privacy-bot {__version__} reads"
                f" ({head_revision()}): run `privacy-bot db upgrade` first (this command only reads)"
            )
        if migrate or found is None or found != head_revision():  # empty: nothing to break; newer: refused below
            found = current_revision(engine) if migrate else found
            upgrade(engine, timezone=settings.bot_timezone)
        if writable:
            with engine.begin() as connection:
                connection.execute(text("UPDATE alembic_version SET version_num = version_num"))
    except SQLAlchemyError as error:
        engine.dispose()
        raise ConfigError(f"DATABASE_URL: cannot use the database ({_database_problem(error, engine)})") from None
    except CommandError:
        # Alembic cannot find the database's revision among ours: a newer version migrated it (a rolled-back deploy).
        engine.dispose()
        raise ConfigError(
            f"DATABASE_URL: the database's schema is newer than this privacy-bot {__version__} knows (its latest is"
            f" {head_revision()}): run the version that migrated it, or restore a backup taken before"
        ) from None
    return engine, found


def _private_sqlite_file(url: str) -> None:
    """Create a SQLite database file that is not there yet readable by this user only: it holds every member's
    name, time zone and statuses, and with the usual umask (022) SQLite made it 0644, for any account on the
    machine to copy. SQLite gives the -wal and -shm files it adds the database file's mode."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:") or "uri" in parsed.query:
        return
    # There already, or no folder for it: opening it says which, naming DATABASE_URL.
    with contextlib.suppress(OSError):
        os.close(os.open(str(parsed.database), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def _database_named(engine: Engine) -> str:
    """Which database, for the log: the backend, host, port and name, or SQLite's file; never the user, the
    password, or the query (`?password=` is as valid as a password in front of the host)."""
    url = engine.url
    if url.get_backend_name() == "sqlite":
        return f"sqlite {Path(url.database).resolve()}" if url.database not in (None, "", ":memory:") else "sqlite"
    port = f":{url.port}" if url.port else ""
    return f"{url.get_backend_name()} {url.host or 'localhost'}{port}/{url.database or ''}"


def _database_problem(error: Exception, engine: Engine) -> str:
    """The driver's own first line (it names the host and the cause), and for SQLite what it does not say: that
    the folder is missing or not writable."""
    import os

    from sqlalchemy.exc import DBAPIError

    cause = error.orig if isinstance(error, DBAPIError) and error.orig is not None else error
    reason = str(cause).strip().splitlines()[0]
    file = engine.url.database if engine.dialect.name == "sqlite" else None
    if file and file != ":memory:" and "uri" not in engine.url.query:  # a file: URI is not a path
        folder = Path(file).resolve().parent
        if Path(file).is_dir():  # "unable to open database file" alone sent the operator looking for a file
            return f"{reason}: {Path(file).resolve()} is a folder; name a file in it, such as {file}/privacy-bot.db"
        if not folder.is_dir():
            return f"{reason}: the folder {folder} does not exist"
        if not os.access(folder, os.W_OK | os.X_OK):
            return f"{reason}: the folder {folder} is not writable"
        if Path(file).exists() and not os.access(file, os.W_OK):
            return f"{reason}: the file {Path(file).resolve()} is not writable"
    return reason


def _not_in_memory(settings: Settings) -> None:
    """`run` and `db upgrade` need a database that outlives the process."""
    from sqlalchemy.engine import make_url

    url = make_url(settings.database_url)
    if url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"):
        raise ConfigError(
            "DATABASE_URL: names no file, so SQLite would keep everything in memory and lose it when the bot stops;"
            " write sqlite:///privacy-bot.db (a file) or a postgresql:// URL"
        )


def _services(
    settings: Settings,
    engine: Engine,
    *,
    slack: SlackPort,
    clock: Callable[[], datetime] = utc_now,
    bot_user_id: str | None = None,
    catalog: Catalog | None = None,
) -> Services:
    """Every use case, wired to the store and to Slack (or to a port that says Slack is not there). `catalog`: the
    guides, when the caller has loaded them already (loading checks every guide's rendering: a tenth of a second)."""
    from bot.service import Services
    from bot.service.answering import Answering
    from bot.service.background import Background
    from bot.service.campaigns import Campaigns
    from bot.service.delivery import Delivery
    from bot.service.members import Members
    from bot.service.recording import Recording
    from bot.slack.reminder_views import ReminderViews
    from bot.store.campaign_rows import CampaignStore
    from bot.store.directory import MemberDirectory
    from bot.store.ledger import DeliveryLedger
    from bot.store.repo import Store

    catalog = catalog or _catalog(settings)
    store = Store(engine)
    answering = Answering(catalog=catalog, store=store, ledger=DeliveryLedger(engine), clock=clock)
    background = Background()
    members = Members(
        slack=slack,
        directory=MemberDirectory(engine),
        store=store,
        clock=clock,
        managers=settings.managers,
        admins_are_managers=settings.admins_are_managers,
        background=background,
        bot_user_id=bot_user_id,
    )
    campaigns = Campaigns(
        catalog=catalog,
        campaigns=CampaignStore(engine),
        members=members,
        answering=answering,
        store=store,
        clock=clock,
        timezone=settings.timezone,
        ledger=DeliveryLedger(engine),
    )
    delivery = Delivery(
        catalog=catalog,
        campaigns=campaigns,
        members=members,
        ledger=DeliveryLedger(engine),
        store=store,
        slack=slack,
        renderer=ReminderViews(),
        clock=clock,
        timezone=settings.timezone,
        command=settings.slash_command,
        lease=timedelta(seconds=settings.delivery_lease_seconds),
        reminded=lambda team, user, guide: answering.shown(team_id=team, user_id=user, guide_id=guide),
    )
    reports, digests = _reports(
        settings, engine, campaigns=campaigns, delivery=delivery, slack=slack, clock=clock, background=background
    )
    return Services(
        catalog=catalog,
        answering=answering,
        recording=Recording(
            catalog=catalog,
            store=store,
            clock=clock,
            answering=answering,
            reminders=delivery,
            background=background,
            directory=members.directory,
        ),
        members=members,
        campaigns=campaigns,
        delivery=delivery,
        reports=reports,
        digests=digests,
        background=background,
    )


def _reports(
    settings: Settings,
    engine: Engine,
    *,
    campaigns: Campaigns,
    delivery: Delivery,
    slack: SlackPort,
    clock: Callable[[], datetime],
    background: Background,
) -> tuple[Reports, Digests]:
    from bot.service.digests import Digests
    from bot.service.post_refusals import PostRefusals
    from bot.service.reports import Reports
    from bot.slack.report_views import ReportViews
    from bot.store.repo import DigestOptOuts
    from bot.store.reports import ReportQueries

    renderer = ReportViews(min_group=settings.report_min_group)
    reports = Reports(
        catalog=campaigns.catalog,
        campaigns=campaigns.campaigns,
        queries=ReportQueries(engine),
        delivery=delivery,
        optouts=DigestOptOuts(engine),
        slack=slack,
        renderer=renderer,
        clock=clock,
        timezone=settings.timezone,
        min_group=settings.report_min_group,
        background=background,
    )
    digests = Digests(
        reports=reports,
        members=delivery.members,
        delivery=delivery,
        renderer=renderer,
        clock=clock,
        timezone=settings.timezone,
        command=settings.slash_command,
    )
    refusals = PostRefusals(
        delivery=delivery, store=delivery.store, renderer=renderer, clock=clock, command=settings.slash_command
    )
    delivery.refused_posts = refusals.tell
    return reports, digests


def _campaigns_file(settings: Settings, catalog: Catalog) -> list[Campaign]:
    from bot.campaigns import CampaignError, load_campaigns

    if settings.campaigns_file is None:
        return []
    try:
        return load_campaigns(
            settings.campaigns_file,
            guide_ids=catalog.ids,
            nothing_to_switch=[guide.id for guide in catalog if guide.nothing_to_switch],
        )
    except CampaignError as error:
        raise ConfigError(f"CAMPAIGNS_FILE: {error}") from None


@dataclass(frozen=True)
class _Bot:
    app: App
    engine: Engine
    wsgi: WSGIApp  # events (HTTP mode), /healthz and /metrics on one port
    events_wsgi: WSGIApp  # only the events, when METRICS_PORT serves the rest
    status_wsgi: WSGIApp  # only /healthz and /metrics, for METRICS_PORT
    services: Services
    gateway: SlackGateway
    team_id: str
    link: LinkWatch | None = None  # Socket Mode: the link to Slack, which /healthz and /metrics report on
    schema_found: str | None = None  # the revision start-up found, before it migrated (None: an empty database)


def _bot(
    settings: Settings,
    *,
    clock: Callable[[], datetime] = utc_now,
    socket_mode: bool = False,
    identity: SlackResponse | None = None,
) -> _Bot:
    """Store, services, gateway, bolt app and the HTTP application around it, wired once for every mode."""
    from bot.core import Status
    from bot.slack.app import create_app
    from bot.slack.gateway import Outbound, SlackGateway, build_client
    from bot.slack.http import wsgi_app
    from bot.slack.metrics import Metrics
    from bot.store import HealthProbe

    # Files first: a bad guide or campaign stops start-up before Slack or the database is touched.
    catalog = _catalog(settings)
    file_campaigns = _campaigns_file(settings, catalog)
    token = settings.slack_bot_token.get_secret_value() if settings.slack_bot_token else None
    gateway = SlackGateway(client=build_client(token=token, base_url=settings.slack_api_url), outbound=Outbound())
    if identity is None:  # `run` has it from _check_slack already
        try:
            identity = gateway.client.auth_test()
        except Exception as error:
            raise ConfigError(f"SLACK_BOT_TOKEN: Slack refused it or could not be reached ({error})") from None
    team_id, bot_user_id = str(identity.get("team_id") or ""), str(identity.get("user_id") or "")
    engine, schema_found = _opened(settings, writable=True)
    services = _services(settings, engine, slack=gateway, clock=clock, bot_user_id=bot_user_id, catalog=catalog)
    services.recording.prune()
    services.delivery.prune()
    if settings.campaigns_file is not None:  # unset (a web-only replica), it says nothing of what the file holds
        services.campaigns.load(team_id=team_id, campaigns=file_campaigns)
    metrics = Metrics(guides=services.catalog.ids, statuses=tuple(status.value for status in Status))
    app = create_app(settings=settings, services=services, gateway=gateway, identity=identity, metrics=metrics)
    secret = settings.slack_signing_secret.get_secret_value() if settings.slack_signing_secret else ""
    link = _link_watch(metrics) if socket_mode else None
    served = functools.partial(
        wsgi_app,
        app=None if socket_mode else app,
        healthy=HealthProbe(engine),
        metrics=metrics,
        signing_secret=secret,
        clock=clock,
        slack_link=link.trouble if link is not None else None,
    )
    return _Bot(
        app=app,
        engine=engine,
        wsgi=served(),
        events_wsgi=served(serve_status=False),
        status_wsgi=served(serve_events=False),
        services=services,
        gateway=gateway,
        team_id=team_id,
        link=link,
        schema_found=schema_found,
    )


def _link_watch(metrics: Metrics) -> LinkWatch:
    from bot.slack.socket_connection import LinkWatch

    link = LinkWatch()
    metrics.watch_link(up=link.is_up, down_seconds=link.down_seconds)
    return link


def _ticker(bot: _Bot, *, clock: Callable[[], datetime] = utc_now) -> Ticker:
    from bot.scheduler import Ticker

    def housekeeping() -> None:
        bot.services.recording.prune()
        bot.services.delivery.prune()
        bot.services.members.refresh_if_stale(team_id=bot.team_id)

    return Ticker(dispatch=lambda: _dispatch(bot.services, bot.team_id), housekeeping=housekeeping, clock=clock)


def _dispatch(services: Services, team_id: str) -> None:
    """One tick: what is due of this process's workspace, reminders then digests. Another workspace's
    campaigns in a shared database are its own bot's: this token reaches none of its members."""
    services.delivery.dispatch_due(team_id=team_id)
    services.digests.dispatch_digests(team_id=team_id)


def _run(args: argparse.Namespace, settings: Settings) -> int:
    from bot.serving import HttpServing, Stop, drain_executor

    require(settings, "slack_bot_token", mode="`run`")
    _not_in_memory(settings)
    socket = args.socket or (settings.socket_mode and not args.http)
    if socket:
        require(settings, "slack_app_token", mode="Socket Mode")
    else:
        # Without --http, SLACK_APP_TOKEN is the other way in: the newcomer may not know the bot has two modes.
        otherwise = "" if args.http else "for Socket Mode, set SLACK_APP_TOKEN instead"
        require(settings, "slack_signing_secret", mode="HTTP mode", otherwise=otherwise)
    # Slack first, the database second: a wrong URL or token leaves nothing behind (no SQLite file).
    identity = _check_slack(settings, socket_mode=socket)
    bot = _bot(settings, socket_mode=socket, identity=identity)
    port = settings.port if args.port is None else args.port
    status_port = _serve_status_apart(bot, settings, host=args.host, port=port)
    # With METRICS_PORT, PORT serves only the events URL (in Socket Mode, an empty one: it answers 404).
    server = _bind(
        bot.events_wsgi if status_port else bot.wsgi,
        host=args.host,
        port=port,
        threads=8,
        variable="PORT" if args.port is None else "--port",
    )
    stop = Stop()
    stop.install()
    http = HttpServing(server, stop=stop)
    # Run in order on SIGTERM/SIGINT, sharing what is left of stop.remaining(): first take no new
    # request and answer those taken, then finish the work they started, then anything else.
    stoppers: list[Callable[[], None]] = [http.drain]
    if socket:
        stoppers.extend(_socket_mode(bot.app, settings, stop=stop, link=bot.link))
    stoppers.append(partial(drain_executor, bot.app.listener_runner.listener_executor, stop=stop))
    if args.no_scheduler:
        log.info("scheduler off (--no-scheduler): this process sends no scheduled reminders")
    else:
        ticker = _ticker(bot)
        ticker.start()
        # The batch being sent finishes (no new claim is taken); the ledger has the rest for next time.
        stoppers.append(bot.services.delivery.stopping.set)
        stoppers.append(ticker.stop)

    # Who is a manager (their user groups) and who is in the workspace, read now rather than on a
    # manager's first command: that request must not wait for Slack.
    bot.services.members.refresh_soon(team_id=bot.team_id)

    def finish_managers_tasks() -> None:
        # Nudges, CSV exports and campaign starts a manager asked for run in the background: let them finish.
        # Tasks that only retry stop (emptying SQLite's log: its last connection closing does that too). A
        # nudge's fan-out stops too, with or without the scheduler: its DMs in flight go out, and the manager
        # is told in time how many did not; a thousand more at Slack's pace would outlast the stop.
        bot.services.delivery.stopping.set()
        bot.services.background.closing.set()
        if not bot.services.background.settle(timeout=max(0.5, stop.remaining())):
            log.warning("stopping with background work unfinished: %s", ", ".join(bot.services.background.running()))

    stoppers.append(finish_managers_tasks)
    stoppers.append(lambda: bot.gateway.outbound.stop(timeout=max(0.5, stop.remaining())))
    # Once nothing can stop the start any more (Socket Mode has connected): a refusal stays one line.
    _log_start(bot, settings, socket=socket, scheduler=not args.no_scheduler)
    # What start-up built (catalog, modules, caches) lives as long as the process. Frozen, it is left out
    # of the collector's full passes, which stop every thread: under load a pass took 54 ms with it and
    # 13 ms without, and each one held up every request in flight (bench/ack.py's click p99).
    gc.freeze()
    http.start()
    if socket:
        health = status_port or port  # with METRICS_PORT, PORT answers /healthz with 404
        log.info("connected to Slack in Socket Mode; health and metrics on http://%s:%d/healthz", args.host, health)
    else:
        # Logged once the socket is bound, so whoever waits for this line can connect straight away.
        log.info("listening for Slack on http://%s:%d/slack/events", args.host, port)
    try:
        stopped = stop.wait(while_alive=http.alive)
    finally:
        # Also on an unexpected error: Socket Mode's threads would otherwise keep the process alive.
        stop.set()
        for stopper in stoppers:
            stopper()
        bot.engine.dispose()
    if not stopped:
        log.error("the HTTP server stopped unexpectedly")
        return 1
    log.info("stopped")
    return 2 if stop.failed else 0  # failed: a setting that stopped working, as a start would be refused now


def _log_start(bot: _Bot, settings: Settings, *, socket: bool, scheduler: bool) -> None:
    """After a deploy or an alert, the first question is which version runs against which database, and whether
    start-up migrated it: one line says it."""
    from bot.store.database import head_revision

    head = head_revision()
    found = bot.schema_found
    # What this process found, not "upgraded by it": replicas starting at once both find the same, and one migrates.
    schema = head if found == head else f"{head}, found {f'at {found}' if found else 'empty'} on start"
    log.info(
        "privacy-bot %s for workspace %s: %s, database %s (schema %s), BOT_TIMEZONE %s, scheduler %s",
        __version__,
        bot.team_id or "?",
        "Socket Mode" if socket else "HTTP",
        _database_named(bot.engine),
        schema,
        settings.bot_timezone,
        "on" if scheduler else "off",
    )


def _socket_mode(app: App, settings: Settings, *, stop: Stop, link: LinkWatch | None) -> list[Callable[[], None]]:
    """Connect over Socket Mode; returns the stop hooks: let requests being answered send their acks
    (later ones go unacknowledged, so Slack hands them to another connection), then disconnect."""
    from slack_bolt.adapter.socket_mode import SocketModeHandler
    from slack_sdk.errors import SlackApiError

    from bot.serving import Gate
    from bot.slack.app import metrics_of
    from bot.slack.late import LateRequests
    from bot.slack.socket_arrivals import Arrivals
    from bot.slack.socket_connection import READ_SIZE, Connection, token_refusal

    assert settings.slack_app_token is not None
    handler = SocketModeHandler(app, settings.slack_app_token.get_secret_value(), receive_buffer_size=READ_SIZE)
    connection = Connection(handler.client, link=link)
    gate = Gate()
    arrivals = Arrivals(LateRequests(metrics_of(app)))
    arrivals.install(handler.client)
    listeners = handler.client.socket_mode_request_listeners
    listeners[:] = [gate.wrap(arrivals.budgeted(listener)) for listener in listeners]
    try:
        handler.connect()  # type: ignore[no-untyped-call]
    except SlackApiError as error:  # the start-up check passed a moment ago: say it the way the check does
        code = token_refusal(error)
        if code is not None:
            raise ConfigError(f"SLACK_APP_TOKEN: Slack refused this token ({code})") from None
        status = error.response.status_code
        raise ConfigError(
            f"SLACK_API_URL: Slack answered HTTP {status} to apps.connections.open; try again in a minute"
        ) from None
    except Exception as error:  # URLError, timeouts, TLS
        reason = getattr(error, "reason", None) or error
        url = settings.slack_api_url
        raise ConfigError(f"SLACK_API_URL: Slack could not be reached at {url} ({reason})") from None

    def refused(code: str) -> None:
        # Slack will never take this token again: a process that stayed up would answer nothing while
        # looking healthy. Stopping lets the platform notice (and its restart says the same at start-up).
        log.error("SLACK_APP_TOKEN: Slack refused this token (%s) when the bot reconnected; stopping", code)
        stop.fail("SLACK_APP_TOKEN refused")

    connection.refused = refused

    def close_gate() -> None:
        if not gate.close(timeout=stop.remaining()):
            log.warning("disconnecting with Socket Mode requests unanswered: the stop budget ran out")

    return [close_gate, handler.close]


SLACK_CHECK_TIMEOUT_S = 10


def _check_slack(settings: Settings, *, socket_mode: bool) -> SlackResponse:
    """Ask Slack once whether it knows the tokens, telling "cannot reach Slack" apart from "Slack
    says no" (bolt's own check at start-up retries, then blames the token either way). Returns what
    auth.test said: the workspace and the bot's user, which bolt authorizes requests with too."""
    from slack_sdk import WebClient
    from slack_sdk.errors import SlackApiError

    from bot.slack.gateway import RateLimitRetry, ServerErrorRetry

    assert settings.slack_bot_token is not None
    bot_token = settings.slack_bot_token.get_secret_value()
    # The SDK logs each failed call at ERROR with a traceback; the one line below says it better.
    quiet = logging.getLogger("bot.slack_check")
    quiet.addHandler(logging.NullHandler())
    quiet.propagate = False
    client = WebClient(
        base_url=settings.slack_api_url,
        timeout=SLACK_CHECK_TIMEOUT_S,
        logger=quiet,
        # A Slack having a bad minute (a 500, a 503, a 429) has not judged the token.
        retry_handlers=[ServerErrorRetry(max_retry_count=2), RateLimitRetry(max_retry_count=1)],
    )
    checks: list[tuple[str, str, Callable[[], SlackResponse]]] = [
        ("SLACK_BOT_TOKEN", "auth.test", lambda: client.auth_test(token=bot_token))
    ]
    if socket_mode and settings.slack_app_token is not None:
        app_token = settings.slack_app_token.get_secret_value()
        checks.append(
            ("SLACK_APP_TOKEN", "apps.connections.open", lambda: client.apps_connections_open(app_token=app_token))
        )
    answers: list[SlackResponse] = []
    for variable, method, call in checks:
        try:
            answers.append(call())
        except SlackApiError as error:
            status = error.response.status_code
            if status == 429 or status >= 500:
                raise ConfigError(
                    f"SLACK_API_URL: Slack answered HTTP {status} to {method}; try again in a minute"
                ) from None
            code = str(error.response.get("error") or "") if isinstance(error.response.data, dict) else ""
            # Slack's error codes are snake_case words; anything else is the SDK describing a body
            # that was not Slack's (a proxy's error page, a wrong path).
            if re.fullmatch(r"[a-z_]+", code):
                raise ConfigError(f"{variable}: Slack refused this token ({code})") from None
            raise ConfigError(
                f"SLACK_API_URL: {settings.slack_api_url} did not answer as Slack's Web API "
                f"(HTTP {error.response.status_code})"
            ) from None
        except Exception as error:  # URLError, timeouts, TLS: the network's errors have no common base
            reason = getattr(error, "reason", None) or error
            url = settings.slack_api_url
            raise ConfigError(f"SLACK_API_URL: Slack could not be reached at {url} ({reason})") from None
    if not isinstance(answers[0].data, dict):
        raise ConfigError(f"SLACK_API_URL: {settings.slack_api_url} did not answer as Slack's Web API")
    return answers[0]


def _serve_status_apart(bot: _Bot, settings: Settings, *, host: str, port: int) -> int | None:
    """With METRICS_PORT, /healthz and /metrics are served there (so they need not be public) and
    PORT serves only Slack's events URL; returns that port, or None when unset."""
    if settings.metrics_port is None:
        return None
    if settings.metrics_port == port:
        raise ConfigError("METRICS_PORT: must differ from PORT")
    import threading

    status = _bind(bot.status_wsgi, host=host, port=settings.metrics_port, threads=2, variable="METRICS_PORT")
    threading.Thread(target=status.run, name="privacy-bot-status", daemon=True).start()
    log.info("health and metrics on http://%s:%d/healthz", host, settings.metrics_port)
    return settings.metrics_port


# Anyone can open a connection and send nothing; past waitress's default 100 it accepts no more, Slack
# included. Slack sends a whole request at once, so a connection idle for IDLE_TIMEOUT_S, or with a request
# begun that long ago and still partial (bot.http_channel), is not Slack's. (On the open internet a proxy
# that buffers requests, as a platform's router or a load balancer does, is still the real answer.)
CONNECTION_LIMIT: Final = 1000
IDLE_TIMEOUT_S: Final = 15


def _bind(
    application: WSGIApp, *, host: str, port: int, threads: int, variable: str = "PORT", **options: Any
) -> BaseWSGIServer:
    from waitress.server import MultiSocketServer, create_server

    from bot.http_channel import QueueLog, QuietChannel, accept_in_batches
    from bot.slack.http import MAX_BODY

    # waitress buffers a whole body before the app sees it: refuse a larger one on its headers.
    options.setdefault("max_request_body_size", MAX_BODY + 1)
    options.setdefault("connection_limit", CONNECTION_LIMIT)
    options.setdefault("channel_timeout", IDLE_TIMEOUT_S)
    options.setdefault("cleanup_interval", 5)  # how often idle connections are looked for
    # select() cannot watch a descriptor past 1024; poll() can.
    options.setdefault("asyncore_use_poll", True)
    _allow_open_files(CONNECTION_LIMIT + 100)
    try:
        address = _one_address(host)
        server = create_server(application, host=address, port=port, threads=threads, ident="privacy-bot", **options)
    except OSError as error:
        # An address no interface of this machine has is the host's fault, not the port's.
        blamed = "--host" if error.errno == errno.EADDRNOTAVAIL else variable
        raise ConfigError(f"{blamed}: cannot listen on {host}:{port} ({error.strerror})") from None
    except ValueError:  # waitress's word for a host it cannot resolve: "Invalid host/port specified."
        raise ConfigError(
            f"--host: cannot listen on {host!r}: not an address or name of this machine (0.0.0.0 is all of them)"
        ) from None
    assert not isinstance(server, MultiSocketServer)
    server.channel_class = QuietChannel
    accept_in_batches(server)
    dispatcher: Any = server.task_dispatcher  # its queue_logger is typed as a Logger; ours has the one method used
    dispatcher.queue_logger = QueueLog()
    _until_handlers_wait(server)
    return server


def _one_address(host: str) -> str:
    """The address to listen on for `host`. A name with several ("localhost": 127.0.0.1 and ::1 on most
    machines) would make waitress listen on each with a server of another kind than the one the bot runs
    and stops; IPv4's comes first, as proxies and health checks mostly use 127.0.0.1. A name that does not
    resolve is left to waitress to refuse."""
    import socket

    try:
        found = socket.getaddrinfo(host, None, socket.AF_UNSPEC, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return host
    addresses = sorted({str(info[4][0]): info[0] for info in found}.items(), key=lambda pair: pair[1] != socket.AF_INET)
    return addresses[0][0] if len(addresses) > 1 else host


def _until_handlers_wait(server: BaseWSGIServer, *, timeout: float = 5.0) -> None:
    """Return once every handler thread waits for a request (or after `timeout`). waitress counts a thread
    as busy until it first waits, and logs a request that comes before then as queued ("Task queue depth
    is 1"): a warning about nothing, which a busy machine made frequent for the bot a test just started."""
    import time

    dispatcher: Any = server.task_dispatcher  # its lock and count are missing from waitress's stubs
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with dispatcher.lock:
            if dispatcher.active_count <= 0:
                return
        time.sleep(0.001)


def _allow_open_files(wanted: int) -> None:
    """Raise the soft limit on open files (often 1024) towards `wanted`, as far as the hard limit lets."""
    try:
        import resource
    except ImportError:  # not on Windows, where it does not apply
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))


def _shell(args: argparse.Namespace, settings: Settings) -> int:
    import importlib.util
    import tempfile

    if importlib.util.find_spec("websockets") is None:  # the stand-in's Socket Mode server
        raise ConfigError("shell: the Slack stand-in is an extra; install it with pip install -e '.[local]'")
    from bot.local.clock import JumpingClock
    from bot.local.fake_slack import FakeSlack
    from bot.local.sender import SignedSender
    from bot.local.settings import stand_in_settings
    from bot.local.shell import NoSuchMember, Shell, people
    from bot.local.workspace import LOCAL_SIGNING_SECRET, MEMBER

    if settings.log_level != "debug":
        logging.getLogger().setLevel(logging.WARNING)
    clock = JumpingClock()
    with FakeSlack() as slack, tempfile.TemporaryDirectory(prefix="privacy-bot-shell-") as scratch:
        local = stand_in_settings(api_url=slack.api_url, database_url=f"sqlite:///{scratch}/shell.db", base=settings)
        served = serve_in_background(local, clock=clock)
        try:
            sender = SignedSender(
                served.url,
                LOCAL_SIGNING_SECRET,
                response_urls=slack,
                command=settings.slash_command,
                settle=served.settle,
                # Slack signs with its clock and the bot checks with its own: after `next`, both have jumped.
                clock=lambda: clock().timestamp(),
            )
            if args.user is not None and not args.user.strip():
                # Not "as whom? `users` lists the members", the shell's words, nor silently the default member.
                raise ConfigError(f"--user: is empty; the stand-in's members: {', '.join(people(slack))}")
            try:
                shell = Shell(
                    slack=slack, sender=sender, user=args.user or MEMBER, out=sys.stdout, zone=settings.timezone
                )
            except NoSuchMember:  # `users`, which the shell would suggest, is no command here
                raise ConfigError(
                    f"--user: no member {args.user!r}; the stand-in's members: {', '.join(people(slack))}"
                ) from None
            except ValueError as error:  # a bot, or deactivated
                raise ConfigError(f"--user: {error}") from None
            shell.add_command(
                "next",
                "next",
                "jump to the next scheduled reminder or managers' digest and send it now (start a campaign first)",
                lambda _: _shell_next(shell, served, clock, slack_calls=lambda: len(slack.calls)),
            )
            interactive = sys.stdin.isatty()
            return shell.run(_prompt() if interactive else sys.stdin, interactive=interactive)
        finally:
            served.stop()


# The delivery ledger's words ("announce and nudge") told a newcomer little, and "nudge" read as the managers'
# *Nudge pending now*, which nobody had pressed.
_SHELL_KIND_WORDS = {
    "announce": "the channel post",
    "nudge": "DMs to those pending",
    "snooze": "the DM “Remind me later” promised",
}


def _shell_next(shell: Any, served: Served, clock: Any, *, slack_calls: Callable[[], int]) -> None:
    """The scheduler's next occasion, now: the bot's clock jumps to it and one tick runs. (`shell` and
    `clock` are the stand-in's Shell and JumpingClock, untyped here so production code never imports them.)"""
    # First what is due by now: the bot's scheduler sends it within a tick (15 s) of, say, a campaign started late
    # in its deadline day; jumping the clock past it instead left it missed, as a warning in the shell.
    before = slack_calls()
    served.tick()
    served.settle()
    if any(call.method == "chat.postMessage" and call.ok for call in shell.slack.calls[before:]):
        now = clock().astimezone(shell.zone)
        shell.say(
            f"(shell) due by now ({now:%a %Y-%m-%d %H:%M} {shell.zone}), sent as the bot's scheduler would, within"
            " 15 s; `next` again jumps ahead"
        )
        shell.show_posts_since(before)
        return
    upcoming = served.services.delivery.upcoming(now=clock(), days=366)
    digest_at = served.services.digests.next_at(now=clock())
    if not upcoming and digest_at is None:
        hint = _shell_start_hint(shell, served, clock)
        if served.services.reports.campaigns.all(team_id=served.team_id, include_stopped=True):
            # "start a campaign first" read as if the campaigns just run, and their final digest, were not there.
            raise ValueError(
                f"nothing more is scheduled: every campaign has ended or was stopped; start another, e.g. {hint}"
            )
        raise ValueError(f"nothing is scheduled: start a campaign first, e.g. {hint}")
    when = min(moment for moment in (upcoming[0].when if upcoming else None, digest_at) if moment is not None)
    # Everything the tick sends at that moment, not only the first: a digest and a member's DM at 09:00 UTC were
    # announced as the DM alone, and then the digest showed up under it.
    kinds: dict[str, list[str]] = {}
    for item in upcoming:
        said = _kind_words(item.kind)
        if item.when == when and said not in kinds.setdefault(item.name, []):
            kinds[item.name].append(said)
    parts = [f"{name}: {' and '.join(named)}" for name, named in kinds.items()]
    if digest_at == when:
        parts.append("the managers' digest")
    what = "; ".join(parts)
    clock.jump_to(when)
    local = when.astimezone(shell.zone)
    shell.say(f"(shell) the clock jumps to {local:%a %Y-%m-%d %H:%M} {shell.zone}: {what}")
    before = slack_calls()
    served.tick()
    served.settle()
    if shell.show_posts_since(before):
        return
    # The tick reads Slack's members first: one whose zone it learned only then has their DM moved to 10:00 theirs.
    moved = [
        item.when
        for item in served.services.delivery.upcoming(now=clock(), days=366)
        if item.when > when and _kind_words(item.kind) in kinds.get(item.name, [])
    ]
    if moved:
        planned = min(moved).astimezone(shell.zone)
        shell.say(f"(shell) nothing went out: it is now planned for {planned:%a %Y-%m-%d %H:%M} {shell.zone}")
    else:
        shell.say("(shell) nothing went out: everyone due has acted already")


def _kind_words(kind: object) -> str:
    return _SHELL_KIND_WORDS.get(str(kind), str(kind))


def _shell_start_hint(shell: Any, served: Served, clock: Any) -> str:
    """What to type to start a campaign, that works when copied: a deadline weeks ahead of the shell's clock
    (a fixed date turns into a refusal once it has passed), as a manager the bot knows (unless you are one)."""
    from bot.service.campaigns import EXAMPLE_DEADLINE_AHEAD

    deadline = clock().astimezone(shell.zone).date() + EXAMPLE_DEADLINE_AHEAD
    start = f"`{shell.sender.command} campaign start linkedin #general {deadline.isoformat()}`"
    managers = served.services.members.managers(team_id=served.team_id)
    if not managers or shell.user in managers:
        return start
    return f"`as {shell.as_word(managers[0])}`, then {start}"


def _prompt() -> Iterator[str]:
    import readline  # noqa: F401  (line editing and history for input())

    while True:
        try:
            yield input("you> ")
        except EOFError:
            print()
            return


@dataclass(frozen=True)
class Served:
    """The HTTP bot running in this process (for the shell and in-process tests)."""

    url: str
    stop: Callable[[], None]
    settle: Callable[[], bool]  # waits until every reply after an ack has been sent
    services: Services
    team_id: str
    tick: Callable[[], None]  # what the scheduler does each minute, once


def serve_in_background(settings: Settings, *, clock: Callable[[], datetime] = utc_now) -> Served:
    """The HTTP bot on a free loopback port in this process. No scheduler: the caller ticks
    `services.delivery.dispatch_due` itself, so tests and the shell decide when reminders go out."""
    import threading

    from bot.serving import end_loop

    bot = _bot(settings, clock=clock)
    # The stand-in's directory is small: read it now, so to-dos and managers are right from the first request
    # (when Slack fails, as `run` does: the stored directory, and the read again on a manager's request).
    bot.services.members.refresh_if_stale(team_id=bot.team_id)
    server = _bind(bot.wsgi, host="127.0.0.1", port=0, threads=4)
    stopping = threading.Event()

    def serve() -> None:
        try:
            server.run()
        except OSError:
            # waitress has no stop(); closing its socket under the running loop is how it ends.
            if not stopping.is_set():
                raise

    thread = threading.Thread(target=serve, name="privacy-bot-http", daemon=True)
    thread.start()

    def stop() -> None:
        if stopping.is_set():  # a test may stop it early, and its fixture again at the end
            return
        stopping.set()
        bot.services.delivery.stopping.set()
        # Let answers in flight finish before the loop they report back to goes away.
        server.task_dispatcher.shutdown()
        # Not a shorter poll timeout for a prompt stop: waitress takes it in whole seconds, and 0.05 became 0,
        # a loop that kept a core busy for as long as the shell or a test ran.
        end_loop(server, thread, timeout=5)
        bot.services.background.closing.set()
        bot.services.background.settle(timeout=5)
        bot.gateway.outbound.stop(timeout=5)
        bot.engine.dispose()

    assert server.socket is not None
    host, port = server.socket.getsockname()[:2]
    return Served(
        url=f"http://{host}:{port}/slack/events",
        stop=stop,
        settle=lambda: bot.services.background.settle(timeout=10) and bot.gateway.outbound.drain(timeout=10),
        services=bot.services,
        team_id=bot.team_id,
        tick=lambda: _dispatch(bot.services, bot.team_id),
    )


def _ask(args: argparse.Namespace, settings: Settings) -> int:
    """What the bot would answer to this text in a DM: the same commands (help, status, done …) through
    the same code, against a throwaway in-memory database, so nothing on disk is touched."""
    from bot.core import TemporarilyUnavailable
    from bot.service.errors import UserFacingError
    from bot.service.ports import OfflineSlack
    from bot.slack.commands import QUESTION, Asker, Commands
    from bot.slack.errors import message_for
    from bot.slack.metrics import Metrics
    from bot.slack.plaintext import NO_BOLD, render, terminal_bold
    from bot.slack.views import as_dicts, text_blocks
    from bot.store.database import make_engine, upgrade

    engine = make_engine("sqlite://")
    upgrade(engine)
    # The asker is a plain member: offline, no user group or admin flag can ever be read, and waiting
    # for one would answer a manager command with "try again in a minute" instead of the refusal.
    as_member = settings.model_copy(update={"managers": (), "admins_are_managers": False})
    services = _services(as_member, engine, slack=OfflineSlack())
    commands = Commands(services=services, command=settings.slash_command, metrics=Metrics())
    text = " ".join(args.text)
    # `ask "/privacy status"`, copied from the README's table: the command's name is no part of the question
    # (it answered "I couldn't tell which guide “/privacy status” is about").
    first, _, rest = text.strip().partition(" ")
    if first.casefold() == settings.slash_command:
        text = rest
    try:
        reply = commands.reply(text=text, asker=Asker(team_id="T0ASK", user_id="U0ASK", public=False))
        blocks = list(reply.blocks)
    except (UserFacingError, TemporarilyUnavailable) as error:
        blocks = as_dicts(text_blocks(message_for(error)))
    plain = render(blocks, with_buttons=False, bold=NO_BOLD if args.json else terminal_bold(sys.stdout))
    spec = commands.spec_for(text)
    # "Thanks! Recorded … as done" from a command that keeps nothing: said so, beside the answer Slack would give.
    # A manager's command is refused here (the asker is a plain member), and the refusal claims nothing.
    note = (
        strings.ASK_NOTHING_KEPT_BY_COMMAND.get(spec.name, strings.ASK_NOTHING_KEPT)
        if spec.personal and not spec.managers_only
        else None
    )
    if args.json:
        found = services.answering.read(text) if spec is QUESTION else None
        result = {
            "guide": found.guide_id if found else None,
            "platform": found.platform if found else None,
            "confidence": found.confidence if found else 1.0,
            "text": plain,
        }
        print(json.dumps(result, ensure_ascii=False))
        if note:  # not in the object: its fields are the ones DESIGN.md names
            print(note, file=sys.stderr)
    else:
        print(plain, end="")
        if note:
            print(f"\n{note}")
    return 0


def _guides_list(args: argparse.Namespace, settings: Settings) -> int:

    today = utc_now().date()
    for guide in _catalog(settings):
        age = strings.GUIDE_AGE.format(verified=guide.verified.isoformat(), days=strings.days(guide.sources_age(today)))
        print(f"{guide.id:30} {guide.service:18} {guide.title}  ({age})")
    return 0


def _guides_show(args: argparse.Namespace, settings: Settings) -> int:
    from bot.slack.plaintext import render, terminal_bold
    from bot.slack.views import as_dicts, details_blocks, guide_blocks

    catalog = _catalog(settings)
    # An id, an alias or a service name: `guides show linkedin` is what people type first.
    guide = catalog.resolve(args.id) or catalog.primary(args.id)
    if guide is None:
        from bot.answers import interpret

        # Other names of a service ("facebook" for Meta) are the question reader's to know.
        found = interpret(args.id, catalog=catalog).guide_id
        guide = catalog.get(found) if found else None
    if guide is None:
        print(f"privacy-bot: no guide {args.id!r}; known: {', '.join(catalog.ids)}", file=sys.stderr)
        return 2
    blocks = [*guide_blocks(guide, args.platform, today=utc_now().date()), *details_blocks(guide)]
    print(render(as_dicts(blocks), with_buttons=False, bold=terminal_bold(sys.stdout)), end="")
    return 0


def _guides_check(args: argparse.Namespace, settings: Settings) -> int:
    from bot.guides.catalog import SHIPPED_DIR, check_paths
    from bot.slack.views import limit_problems

    paths = list(args.paths) or [SHIPPED_DIR, *([settings.guides_dir] if settings.guides_dir else [])]
    problems = check_paths(paths, render_check=limit_problems, max_age=args.max_age, today=utc_now().date())
    for problem in problems:
        print(f"{problem.file}: {problem.field}: {problem.message}", file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) found", file=sys.stderr)
        return 1
    print(f"ok: {', '.join(str(path) for path in paths)}")
    return 0


def _db_upgrade(args: argparse.Namespace, settings: Settings) -> int:
    from bot.store.database import current_revision

    _not_in_memory(settings)
    # _engine upgrades, and turns a database it cannot reach into one line naming DATABASE_URL.
    engine, found = _opened(settings)
    try:
        now = current_revision(engine)
        # The release phase's log is where an operator looks to see whether this deploy migrated.
        was = "" if found == now else f" (was {found})" if found else " (new)"
        print(f"database at revision {now}{was}")
    finally:
        engine.dispose()
    return 0


def _db_backup(args: argparse.Namespace, settings: Settings) -> int:
    """SQLite only: `cp` of a database in WAL mode while the bot runs misses what the log holds, and the image
    has no `sqlite3` program for its `.backup`. PostgreSQL has pg_dump, which does this better than we could."""
    from sqlalchemy.engine import make_url

    from bot.store.backup import backup_sqlite

    url = make_url(settings.database_url)
    if url.get_backend_name() != "sqlite":
        print(
            "privacy-bot: db backup copies a SQLite file; for PostgreSQL use its own tool, for example"
            ' pg_dump --format=custom --file=privacy-bot.dump "$DATABASE_URL" (restore with pg_restore;'
            " pg_dump takes a postgresql:// or postgres:// URL, not postgresql+psycopg://)",
            file=sys.stderr,
        )
        return 2
    _not_in_memory(settings)
    source = Path(str(url.database))
    if not args.target.parent.is_dir():
        # Else open()'s FileNotFoundError reads as the database missing, and DATABASE_URL gets the blame.
        print(f"privacy-bot: no folder {args.target.parent} to write {args.target} in; make it first", file=sys.stderr)
        return 2
    try:
        size = backup_sqlite(source=source, target=args.target)
    except FileNotFoundError:
        print(f"privacy-bot: no database at {source} to back up (check DATABASE_URL)", file=sys.stderr)
        return 2
    except FileExistsError:
        print(f"privacy-bot: {args.target} exists already; name a new file", file=sys.stderr)
        return 2
    except (OSError, sqlite3.Error) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        print(f"privacy-bot: could not back up {source} to {args.target} ({reason})", file=sys.stderr)
        return 2
    print(f"backed up {source.resolve()} to {args.target.resolve()} ({size:,} bytes, readable by you only)")
    return 0


def _manifest(args: argparse.Namespace, settings: Settings) -> int:
    from urllib.parse import urlsplit

    from bot.slack.http import EVENTS_PATH
    from bot.slack.manifest import ManifestError, events_url, manifest, to_yaml

    if args.url is not None and not args.url.strip():
        # `--url "$HOST"` with HOST unset: the Socket Mode manifest would be printed as if asked for.
        print(
            "privacy-bot: --url: is empty: give the public host (bot.example.com), or leave --url out for Socket Mode",
            file=sys.stderr,
        )
        return 2
    try:
        print(to_yaml(manifest(command=settings.slash_command, url=args.url)))
    except ManifestError as error:
        print(f"privacy-bot: --url: {error}", file=sys.stderr)
        return 2
    if args.url is not None:
        events = events_url(args.url)
        prefix = urlsplit(events).path.removesuffix(EVENTS_PATH)
        if prefix:
            sys.stdout.flush()
            base = events.removesuffix(EVENTS_PATH)
            print(
                f"note: Slack will post to {events}; the bot answers at {EVENTS_PATH}, so whatever serves {base} must"
                f" pass requests on without {prefix}",
                file=sys.stderr,
            )
    return 0


def _offline(settings: Settings) -> Services:
    """For the commands that only read: an SQLite file that is not there yet is not created (in the
    folder someone happened to be in); they answer from an empty database and say so."""
    from bot.service.ports import OfflineSlack

    settings = _existing_database(settings)
    return _services(settings, _engine(settings, migrate=False), slack=OfflineSlack())


def _existing_database(settings: Settings) -> Settings:
    """`settings`, or, when DATABASE_URL names a SQLite file not there yet, settings for an empty database in
    memory, with a line saying so."""
    from sqlalchemy.engine import make_url

    from bot.config import normalise_database_url

    url = make_url(normalise_database_url(settings.database_url))
    file = url.database if url.get_backend_name() == "sqlite" and url.database != ":memory:" else None
    if file and not Path(file).exists():
        missing = f"privacy-bot: no database at {file} yet: `privacy-bot run` creates it (check DATABASE_URL)"
        folder = Path(file).resolve().parent
        if not folder.is_dir():
            # `run` would not create it: it stops on the missing folder, as `db upgrade` does.
            missing = f"privacy-bot: no database at {file}, and no folder {folder} for one (check DATABASE_URL)"
        print(missing, file=sys.stderr)
        settings = settings.model_copy(update={"database_url": "sqlite://"})
    return settings


def _campaigns_check(args: argparse.Namespace, settings: Settings) -> int:
    if settings.campaigns_file is None:
        print("privacy-bot: CAMPAIGNS_FILE is not set: nothing to check", file=sys.stderr)
        return 2
    from bot.campaigns import deadline_passed, is_active, shared_audience

    found = _campaigns_file(settings, _catalog(settings))
    print(f"ok: {settings.campaigns_file}: {len(found)} campaign(s)")
    now = utc_now()
    for campaign in found:
        if not is_active(campaign, now=now):
            # Valid, and harmless once a drive is done; but a mistyped year would pass unnoticed.
            print(f"note: campaign {campaign.id!r}: {_ENDED.format(deadline=campaign.deadline.isoformat())}")
    running = [campaign for campaign in found if not deadline_passed(campaign, now=now, tz=settings.timezone)]
    for index, campaign in enumerate(running):
        for other in running[index + 1 :]:
            channels, groups = shared_audience(campaign, other)
            if channels or groups:
                both = _BOTH.format(
                    first=campaign.id, other=other.id, audience=" ".join([*channels, *groups]), guide=campaign.guide
                )
                print(f"note: {both}")
    return 0


# Said, not refused (as in Slack): a second round beside the first may be meant.
_BOTH: Final = (
    "campaigns {first!r} and {other!r} both remind {audience} about {guide}, so members there hear from both (DMs on"
    " the days of either, one a day at most); remove one from the file to keep the other"
)


def _campaigns_list(args: argparse.Namespace, settings: Settings) -> int:
    from bot.campaigns import active_until, deadline_passed, is_active

    now = utc_now()
    catalog = _catalog(settings)
    from_file = _campaigns_file(settings, catalog)
    services = _offline(settings)
    listing = services.campaigns.listing_all()
    if not from_file and not listing.listed and not listing.unusable:
        print("no campaigns: set CAMPAIGNS_FILE, or start one in Slack with /privacy campaign start")
        return 0
    several = len(_workspaces_of(listing)) > 1

    def origin(made: str, team_id: str) -> str:
        # Of several workspaces, the row's is named here (slack@T…): every column stays where scripts read it.
        return f"{made}@{team_id}" if several else made

    rows = [
        (
            item.campaign.id,
            item.team_id,
            item.campaign,
            "stopped" if item.stopped else "ended" if item.ended else "active",
            origin(item.origin, item.team_id),
        )
        for item in listing.listed
    ]
    # A file campaign is stored in the workspace of the token `run` starts with, which only Slack can say: until
    # then it is the file's row, of no workspace; once stored, in any workspace, the stored rows stand for it.
    stored_ids = {item.campaign.id for item in listing.listed}
    rows += [
        (
            campaign.id,
            "",
            campaign,
            "ended" if deadline_passed(campaign, now=now, tz=settings.timezone) else "active",
            "file",
        )
        for campaign in from_file
        if campaign.id not in stored_ids
    ]
    rows.sort(key=lambda row: (row[0], row[1]))
    unusable = [
        (found.stored, "stopped" if found.stored.stopped_at is not None else "unusable") for found in listing.unusable
    ]
    width = max([6, *(len(row[4]) for row in rows), *(len(origin(row.origin, row.team_id)) for row, _ in unusable)])
    print(f"{'campaign':32} {'guide':26} {'deadline':10}  {'state':8} {'origin':{width}} audience")
    passed: list[tuple[str, Campaign]] = []
    for _, team_id, campaign, state, made in rows:
        audience = " ".join([*campaign.channels, *campaign.groups])
        deadline = campaign.deadline.isoformat()
        print(f"{campaign.id:32} {campaign.guide:26} {deadline}  {state:8} {made:{width}} {audience}")
        if state == "ended" and is_active(campaign, now=now):
            passed.append((team_id, campaign))
    for row, state in unusable:
        audience = " ".join([*row.channels, *row.groups])
        made = origin(row.origin, row.team_id)
        print(f"{row.id:32} {row.guide_id:26} {row.deadline.isoformat()}  {state:8} {made:{width}} {audience}")
    # Ended, yet its last hours may still send: on stderr, since scripts read every line of stdout as a row (its
    # last column, the audience, holds spaces: a trailing column of its own could not be told from it).
    sys.stdout.flush()
    for team_id, campaign in passed:
        deadline = campaign.deadline.isoformat()
        until = f"{active_until(campaign).astimezone(UTC):%Y-%m-%d %H:%M}"
        note = _DEADLINE_PASSED.format(deadline=deadline, zone=settings.bot_timezone, until=until)
        _note(campaign.id, note, team=team_id if several else None)
    for row, _ in unusable:
        _note(row.id, _unusable_note(row, settings), team=row.team_id if several else None)
    return 0


def _workspaces_of(listing: CampaignListing) -> set[str]:
    return {item.team_id for item in listing.listed} | {unusable.stored.team_id for unusable in listing.unusable}


def _note(campaign_id: str, text: str, *, team: str | None = None) -> None:
    """A line about one campaign, on stderr: scripts read every line of stdout as a row. `team`: its workspace,
    named when the rows name theirs (a campaign id is unique only within its workspace)."""
    where = f" in workspace {team}" if team else ""
    print(f"note: campaign {campaign_id!r}{where}: {text}", file=sys.stderr)


def _unusable_note(stored: UnusableCampaign, settings: Settings) -> str:
    """Why a stored campaign cannot run and, while it is not stopped, how to stop it (only Slack can)."""
    from bot.service.campaigns import unusable_why

    note = f"{unusable_why(stored)}, so nothing goes out for it"
    if stored.stopped_at is None:
        note += f"; stop it in Slack with `{settings.slash_command} campaign stop {stored.id}`"
    return note


# Ended, as its deadline has passed in BOT_TIMEZONE; yet for a day or so the scheduler may still send it.
_DEADLINE_PASSED: Final = (
    "ended: its deadline {deadline} has passed (BOT_TIMEZONE {zone}); until {until} UTC it may still send its final"
    " digest and the deadline day's DMs to members whose day is not over yet"
)


# A file campaign whose deadline is behind it: valid, listed, and never sends anything again.
_ENDED: Final = "its deadline {deadline} has passed, so it sends nothing"


# The scheduler skips a campaign whose guide left GUIDES_DIR (or was renamed): `schedule` and `report` say so.
_GUIDE_GONE: Final = "its guide `{guide}` is no longer installed"


def _schedule(args: argparse.Namespace, settings: Settings) -> int:
    from bot.campaigns import is_active

    from_file = _campaigns_file(settings, _catalog(settings))
    services = _offline(settings)
    now = utc_now()
    upcoming = services.delivery.upcoming(now=now, days=args.days)
    everything = services.campaigns.listing_all()
    # Of several workspaces, a last column names each row's: the same campaign id may be running in each.
    several = len({item.team_id for item in upcoming} | _workspaces_of(everything)) > 1
    stored_ids = {listing.campaign.id for listing in everything.listed} | {
        unusable.stored.id for unusable in everything.unusable
    }
    # Who gets a reminder is known only once `run` has asked Slack: until then a file campaign has no rows here.
    waiting = [campaign.id for campaign in from_file if campaign.id not in stored_ids and is_active(campaign, now=now)]
    if not upcoming:
        print(
            _waiting_for_run(waiting, days=args.days) if waiting else f"nothing scheduled in the next {args.days} days"
        )
    else:
        head = f"{'when (UTC)':20}  {'campaign':32} {'kind':9} "
        print(f"{head}{'count':12} workspace" if several else f"{head}count")
    for item in upcoming:
        unit = "channel" if item.kind == "announce" else "member"
        count = f"{item.count} {unit}{'s' if item.count != 1 else ''}"
        line = f"{item.when.strftime('%Y-%m-%d %H:%M')} UTC  {item.name:32} {item.kind.value:9} "
        print(f"{line}{count:12} {item.team_id}" if several else f"{line}{count}")
    # Notes on stderr, as `campaigns list` writes them: scripts read every line of stdout as a reminder.
    sys.stdout.flush()
    listed = everything.listed
    for listing in listed:
        if listing.guide_gone and not (listing.stopped or listing.ended):
            guide_gone = _GUIDE_GONE.format(guide=listing.campaign.guide)
            team = listing.team_id if several else None
            _note(listing.campaign.id, f"{guide_gone}, so nothing is sent for it", team=team)
    for unusable in everything.unusable:
        stored = unusable.stored
        if stored.stopped_at is None:
            _note(stored.id, _unusable_note(stored, settings), team=stored.team_id if several else None)
    # One stored that cannot run is stored all the same: its own note above says why nothing goes out.
    for campaign in from_file:
        if campaign.id not in stored_ids and not is_active(campaign, now=now):
            _note(campaign.id, f"in CAMPAIGNS_FILE, but {_ENDED.format(deadline=campaign.deadline.isoformat())}")
        elif campaign.id not in stored_ids and upcoming:  # with no rows, the line above said it
            _note(
                campaign.id,
                "in CAMPAIGNS_FILE but not stored yet; `privacy-bot run` stores it and asks Slack who is in its"
                " audience, and its reminders are listed here from then on",
            )
    return 0


def _waiting_for_run(ids: list[str], *, days: int) -> str:
    """`schedule` with no rows while file campaigns wait for `run` to store them: not "nothing scheduled"."""
    if len(ids) == 1:
        return _WAITING_ONE.format(days=days, id=ids[0])
    return _WAITING_SEVERAL.format(days=days, ids=", ".join(ids))


_WAITING_ONE: Final = (
    "nothing stored to send in the next {days} days yet: CAMPAIGNS_FILE's campaign {id} is not stored; `privacy-bot"
    " run` stores it when it starts, and its reminders are listed here from then on"
)
_WAITING_SEVERAL: Final = (
    "nothing stored to send in the next {days} days yet: CAMPAIGNS_FILE's campaigns {ids} are not stored;"
    " `privacy-bot run` stores them when it starts, and their reminders are listed here from then on"
)


def _file_campaign_ids(settings: Settings) -> set[str]:
    """The ids CAMPAIGNS_FILE names, or none when it is unset or unreadable (`campaigns check` says why)."""
    try:
        return {campaign.id for campaign in _campaigns_file(settings, _catalog(settings))}
    except ConfigError:
        return set()


def _calendar(args: argparse.Namespace, settings: Settings) -> int:
    from bot.ics import calendar_ics
    from bot.policy_dates import all_policy_dates

    now = utc_now()
    text = calendar_ics(all_policy_dates(_catalog(settings), now=now), now=now, name=strings.CALENDAR_NAME)
    # Bytes, so the CRLF line ends RFC 5545 asks for survive any platform's newline translation.
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.flush()
    return 0


def _report(args: argparse.Namespace, settings: Settings) -> int:
    """Works from the stored directory and statuses alone; REPORT_MIN_GROUP applies here as in Slack."""
    from bot.core import Status
    from bot.reports import LEFT, current_status
    from bot.slack.plaintext import command_line_text
    from bot.slack.report_views import refusal_lines

    team = _team(args.team)
    services = _offline(settings)
    reports = services.reports
    everywhere = [
        (team_id, stored)
        for team_id, stored in reports.campaigns.all(include_stopped=True)
        if stored.campaign.id == args.campaign
    ]
    found = [(team_id, stored) for team_id, stored in everywhere if team is None or team_id == team]
    # One that cannot run is as much there as one that can: a workspace's own is never "not in" it.
    unusable_everywhere = [stored for stored in reports.campaigns.unusable() if stored.id == args.campaign]
    unusable = [stored for stored in unusable_everywhere if team is None or stored.team_id == team]
    if (everywhere or unusable_everywhere) and not (found or unusable):
        # "not found; known: x" named the very campaign it could not find: it is there, in another workspace.
        teams = sorted({team_id for team_id, _ in everywhere} | {stored.team_id for stored in unusable_everywhere})
        where = f"workspace {teams[0]}" if len(teams) == 1 else f"workspaces {', '.join(teams)}"
        print(f"privacy-bot: campaign {args.campaign!r} is in {where}, not in {team}", file=sys.stderr)
        return 2
    if not found and not unusable and args.campaign in _file_campaign_ids(settings):
        # `campaigns list` shows it as active: "not found; known: none" read as if it did not exist.
        print(
            f"privacy-bot: campaign {args.campaign!r} is in CAMPAIGNS_FILE but not stored yet; `privacy-bot run`"
            " stores it and asks Slack who is in its audience, and its report works from then on",
            file=sys.stderr,
        )
        return 2
    if not found and len(unusable) == 1:
        print(f"privacy-bot: campaign {args.campaign!r}: {_unusable_note(unusable[0], settings)}", file=sys.stderr)
        return 2
    if len(found) + len(unusable) != 1:
        if team is not None and not found:
            _held(settings, team)  # a workspace the database never held is named as such, as `member` does
        if found or unusable:
            workspaces = ", ".join(sorted({team_id for team_id, _ in found} | {stored.team_id for stored in unusable}))
            print(
                f"privacy-bot: campaign {args.campaign!r} is in workspaces {workspaces}: add --team with one of them",
                file=sys.stderr,
            )
            return 2
        held = {
            (stored.campaign.id, team_id)
            for team_id, stored in reports.campaigns.all(include_stopped=True)
            if team is None or team_id == team
        } | {(stored.id, stored.team_id) for stored in reports.campaigns.unusable(team_id=team)}
        # An id is unique only within its workspace: of several, each is named with its own.
        several = len({team_id for _, team_id in held}) > 1
        known = sorted({f"{campaign_id} ({team_id})" if several else campaign_id for campaign_id, team_id in held})
        listed = ", ".join(known) or "none"
        print(f"privacy-bot: campaign {args.campaign!r} not found; known: {listed}", file=sys.stderr)
        return 2
    team_id, stored = found[0]
    if args.format == "csv":
        reports.write_csv(team_id=team_id, stored=stored, out=sys.stdout)
        return 0
    if args.format == "json":
        print(json.dumps(reports.json(team_id=team_id, stored=stored), ensure_ascii=False))
        return 0
    summary = reports.summarize(team_id, stored)
    counts = summary.counts
    # Stopped, it has no days left to count down; past, it counts the days since, as Slack's report does (not
    # "(-3 days)"); times in UTC, named, as `schedule` writes them.
    days = summary.days_left
    if summary.stopped:
        # When and by whom, as Slack's report says it: the manager's ID, as every line here names members.
        when = f" {summary.stopped_at.astimezone(UTC):%Y-%m-%d %H:%M} UTC" if summary.stopped_at else ""
        left = f", stopped{when}" + (f" by {summary.stopped_by}" if summary.stopped_by else "")
    elif summary.guide_gone:
        left = ", " + _GUIDE_GONE.format(guide=summary.guide_id)
    elif days < 0:
        left = f", ended (passed {strings.days(-days)} ago)"
    else:
        left = f" ({strings.days(days)})"
    print(f"{summary.campaign_id}  {summary.title}  deadline {summary.deadline.isoformat()}{left}")
    print(
        f"audience {counts.audience}  confirmed {counts.confirmed}  not_applicable {counts.not_applicable}  "
        f"snoozed {counts.snoozed}  pending {counts.pending}  left {counts.left}  answered {counts.percent}%"
    )
    for line in refusal_lines(summary):
        print(command_line_text(line))
    if summary.names_hidden:
        print(f"names hidden: the audience is smaller than REPORT_MIN_GROUP ({settings.report_min_group})")
        return 0
    now = utc_now()
    campaign = stored.campaign
    print(f"{'user':12} {'name':30} {'status':15} recorded_at (UTC)")
    for row in reports.queries.rows(team_id=team_id, campaign_id=campaign.id, guide_id=campaign.guide):
        status = LEFT if row.left else current_status(row, now=now).value
        at = (
            row.recorded_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
            if row.recorded_at and status != Status.PENDING
            else ""
        )
        print(f"{row.user_id:12} {(row.name or '')[:30]:30} {status:15} {at}")
    return 0


def _team(text: str | None) -> str | None:
    """--team as every row holds it (T…, in capitals), or None for every workspace."""
    if text is None:
        return None
    from bot.slack.shapes import is_team_id

    team = text.strip().upper()
    if not is_team_id(team):
        # It would match no row, and the answer would read as "nothing there" rather than as a typo.
        raise ConfigError(f"--team: {text!r} is not a Slack workspace ID; expected T…")
    return team


def _held(settings: Settings, team: str) -> None:
    """Refuses a --team the database does not hold, naming those it does (workspace IDs are no personal data)."""
    from bot.store.subject import workspaces

    engine = _engine(_existing_database(settings), migrate=False)
    try:
        known = workspaces(engine)
    finally:
        engine.dispose()
    if team not in known:
        raise ConfigError(f"--team: the database holds no workspace {team}; it holds {', '.join(known) or 'none'}")


def _member(args: argparse.Namespace, settings: Settings) -> int:
    """Answers "what do you hold about me?": every row `/privacy forget-me` would delete for this member, read
    from the database alone, so an operator can answer the request without Slack and without writing SQL."""
    from bot.slack.shapes import is_user_id
    from bot.store.subject import rows_naming

    user = args.user.strip().upper()
    if not is_user_id(user):
        # A name would find nothing and read as "nothing stored": the ID is what every row holds.
        print(
            f"privacy-bot: {args.user!r} is not a Slack member ID; expected U… or W… (profile → ⋯ → Copy member ID)",
            file=sys.stderr,
        )
        return 2
    team = _team(args.team)
    if team is not None:
        _held(settings, team)  # `"rows": 0` for a workspace never held read as "we hold nothing about this member"
    engine = _engine(_existing_database(settings), migrate=False)
    try:
        tables = rows_naming(engine, user_id=user, team_id=team)
    finally:
        engine.dispose()
    found = {"member": user, "rows": sum(len(rows) for rows in tables.values()), "tables": tables}
    print(json.dumps(found, ensure_ascii=False, indent=2, sort_keys=True))
    return 0
