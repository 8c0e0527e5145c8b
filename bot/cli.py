"""`privacy-bot`: the entry point, and the only place where objects are wired together."""

from __future__ import annotations

import argparse
import functools
import json
import logging
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot import __version__
from bot.config import ConfigError, Settings, load_settings, require

if TYPE_CHECKING:
    from slack_bolt import App
    from sqlalchemy import Engine
    from waitress.server import BaseWSGIServer

    from bot.guides.catalog import Catalog
    from bot.service import PrivacyService
    from bot.slack.http import WSGIApp

log = logging.getLogger("bot")


def utc_now() -> datetime:
    return datetime.now(UTC)


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        settings = load_settings()
        _configure_logging(settings)
        return int(args.handler(args, settings))
    except ConfigError as error:
        print(f"privacy-bot: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="privacy-bot", description="Privacy Reminder Bot for Slack")
    parser.add_argument("--version", action="version", version=f"privacy-bot {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = commands.add_parser("run", help="serve Slack (Socket Mode when SLACK_APP_TOKEN is set, else HTTP)")
    mode = run.add_mutually_exclusive_group()
    mode.add_argument("--http", action="store_true", help="HTTP on PORT even if SLACK_APP_TOKEN is set")
    mode.add_argument("--socket", action="store_true", help="Socket Mode (needs SLACK_APP_TOKEN)")
    run.add_argument("--port", type=int, help="HTTP port (default: PORT)")
    run.add_argument("--host", default="0.0.0.0", help="HTTP address to listen on (default: all)")
    run.add_argument("--no-scheduler", action="store_true", help="do not send scheduled reminders from this process")
    run.set_defaults(handler=_run)

    shell = commands.add_parser("shell", help="talk to the bot in your terminal, no Slack needed")
    shell.add_argument("--user", default=None, help="act as this member of the stand-in workspace")
    shell.set_defaults(handler=_shell)

    ask = commands.add_parser("ask", help="print what the bot would answer")
    ask.add_argument("--json", action="store_true", help="one JSON object: guide, platform, confidence, text")
    ask.add_argument("text", nargs="+")
    ask.set_defaults(handler=_ask)

    guides = commands.add_parser("guides", help="list, show or check guides")
    guide_commands = guides.add_subparsers(dest="guides_command", required=True, metavar="list|show|check")
    guide_commands.add_parser("list", help="the guides the bot knows").set_defaults(handler=_guides_list)
    show = guide_commands.add_parser("show", help="one guide as the bot shows it")
    show.add_argument("id")
    show.add_argument("--platform", choices=["desktop", "ios", "android"])
    show.set_defaults(handler=_guides_show)
    check = guide_commands.add_parser("check", help="validate guide files (default: shipped and GUIDES_DIR)")
    check.add_argument("paths", nargs="*", type=Path)
    check.set_defaults(handler=_guides_check)

    manifest = commands.add_parser("manifest", help="print the Slack app manifest (YAML)")
    manifest.add_argument("--url", help="public https base URL; without it the manifest uses Socket Mode")
    manifest.set_defaults(handler=_manifest)

    db = commands.add_parser("db", help="database maintenance")
    db_commands = db.add_subparsers(dest="db_command", required=True, metavar="upgrade")
    db_commands.add_parser("upgrade", help="apply migrations").set_defaults(handler=_db_upgrade)
    return parser


def _configure_logging(settings: Settings) -> None:
    handler = logging.StreamHandler()
    if settings.log_format == "json":
        handler.setFormatter(_JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=settings.log_level.upper(), handlers=[handler], force=True)
    # Alembic announces every plugin at INFO; only its warnings are news to an operator.
    logging.getLogger("alembic").setLevel(max(logging.WARNING, logging.getLogger().level))


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

    try:
        return load_catalog(extra_dir=settings.guides_dir)
    except GuideError as error:
        raise ConfigError(f"GUIDES_DIR: {error}") from None


def _service(settings: Settings, *, clock: Callable[[], datetime] = utc_now) -> tuple[PrivacyService, Engine]:
    from sqlalchemy.exc import DBAPIError, SQLAlchemyError

    from bot.service import PrivacyService
    from bot.store.database import make_engine, upgrade
    from bot.store.repo import Store

    engine = make_engine(settings.database_url)
    try:
        upgrade(engine)
    except SQLAlchemyError as error:
        # DBAPIError carries the driver's own message, which names the host and the cause.
        cause = error.orig if isinstance(error, DBAPIError) and error.orig is not None else error
        reason = str(cause).strip().splitlines()[0]
        raise ConfigError(f"DATABASE_URL: cannot use the database ({reason})") from None
    service = PrivacyService(catalog=_catalog(settings), store=Store(engine), clock=clock)
    service.prune_replays()
    return service, engine


@dataclass(frozen=True)
class _Bot:
    app: App
    engine: Engine
    wsgi: WSGIApp  # events (HTTP mode), /healthz and /metrics on one port
    events_wsgi: WSGIApp  # only the events, when METRICS_PORT serves the rest
    status_wsgi: WSGIApp  # only /healthz and /metrics, for METRICS_PORT


def _bot(
    settings: Settings,
    *,
    clock: Callable[[], datetime] = utc_now,
    process_before_response: bool = False,
    socket_mode: bool = False,
) -> _Bot:
    """Store, service, bolt app and the HTTP application around it, wired once for every mode."""
    from bot.slack.app import create_app
    from bot.slack.http import wsgi_app
    from bot.slack.metrics import Metrics
    from bot.store import STATUSES, HealthProbe

    service, engine = _service(settings, clock=clock)
    metrics = Metrics(guides=service.catalog.ids, statuses=STATUSES)
    try:
        app = create_app(
            settings=settings,
            service=service,
            process_before_response=process_before_response,
            metrics=metrics,
            socket_mode=socket_mode,
        )
    except Exception as error:  # bolt verifies the token with auth.test on start
        raise ConfigError(f"SLACK_BOT_TOKEN: Slack refused it or could not be reached ({error})") from None
    secret = settings.slack_signing_secret.get_secret_value() if settings.slack_signing_secret else ""
    served = functools.partial(
        wsgi_app,
        app=None if socket_mode else app,
        healthy=HealthProbe(engine),
        metrics=metrics,
        signing_secret=secret,
        clock=clock,
    )
    return _Bot(
        app=app,
        engine=engine,
        wsgi=served(),
        events_wsgi=served(serve_status=False),
        status_wsgi=served(serve_events=False),
    )


def _run(args: argparse.Namespace, settings: Settings) -> int:
    require(settings, "slack_bot_token")
    socket = args.socket or (settings.socket_mode and not args.http)
    require(settings, "slack_app_token" if socket else "slack_signing_secret")
    bot = _bot(settings, socket_mode=socket)
    port = args.port or settings.port
    status_port = _serve_status_apart(bot, settings, host=args.host, port=port)
    # In Socket Mode PORT has nothing left to serve once METRICS_PORT serves health and metrics.
    served = bot.events_wsgi if status_port else bot.wsgi
    server = None if socket and status_port else _bind(served, host=args.host, port=port, threads=8)
    if socket:
        import threading

        from slack_bolt.adapter.socket_mode import SocketModeHandler

        assert settings.slack_app_token is not None
        if server is not None:
            threading.Thread(target=server.run, name="privacy-bot-health", daemon=True).start()
            log.info("health and metrics on http://%s:%d/healthz", args.host, port)
        log.info("connecting to Slack in Socket Mode")
        SocketModeHandler(bot.app, settings.slack_app_token.get_secret_value()).start()  # type: ignore[no-untyped-call]
        return 0
    # Logged once the socket is bound, so whoever waits for this line can connect straight away.
    log.info("listening for Slack on http://%s:%d/slack/events", args.host, port)
    assert server is not None
    server.run()
    return 0


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


def _bind(
    application: WSGIApp, *, host: str, port: int, threads: int, variable: str = "PORT", **options: Any
) -> BaseWSGIServer:
    from waitress.server import MultiSocketServer, create_server

    from bot.slack.http import MAX_BODY

    # waitress buffers a whole body before the app sees it: refuse a larger one on its headers.
    options.setdefault("max_request_body_size", MAX_BODY + 1)
    try:
        server = create_server(application, host=host, port=port, threads=threads, ident="privacy-bot", **options)
    except OSError as error:
        raise ConfigError(f"{variable}: cannot listen on {host}:{port} ({error.strerror})") from None
    assert not isinstance(server, MultiSocketServer)
    return server


def _shell(args: argparse.Namespace, settings: Settings) -> int:
    import tempfile

    from pydantic import SecretStr

    from bot.local.fake_slack import FakeSlack
    from bot.local.sender import SignedSender
    from bot.local.shell import Shell
    from bot.local.workspace import LOCAL_BOT_TOKEN, LOCAL_SIGNING_SECRET, MEMBER

    if settings.log_level != "debug":
        logging.getLogger().setLevel(logging.WARNING)
    with FakeSlack() as slack, tempfile.TemporaryDirectory(prefix="privacy-bot-shell-") as scratch:
        local = settings.model_copy(
            update={
                "slack_bot_token": SecretStr(LOCAL_BOT_TOKEN),
                "slack_signing_secret": SecretStr(LOCAL_SIGNING_SECRET),
                "slack_app_token": None,
                "slack_api_url": slack.api_url,
                "database_url": f"sqlite:///{scratch}/shell.db",
            }
        )
        url, stop = serve_in_background(local)
        try:
            sender = SignedSender(url, LOCAL_SIGNING_SECRET, response_urls=slack, command=settings.slash_command)
            shell = Shell(slack=slack, sender=sender, user=args.user or MEMBER, out=sys.stdout)
            interactive = sys.stdin.isatty()
            return shell.run(_prompt() if interactive else sys.stdin, interactive=interactive)
        finally:
            stop()


def _prompt() -> Iterator[str]:
    import readline  # noqa: F401  (line editing and history for input())

    while True:
        try:
            yield input("you> ")
        except EOFError:
            print()
            return


def serve_in_background(
    settings: Settings, *, process_before_response: bool = False, clock: Callable[[], datetime] = utc_now
) -> tuple[str, Callable[[], None]]:
    """The HTTP bot on a free loopback port in this process: for the shell and in-process tests."""
    import threading

    bot = _bot(settings, clock=clock, process_before_response=process_before_response)
    # A short loop timeout lets stop() return at once instead of after waitress's default second.
    server = _bind(bot.wsgi, host="127.0.0.1", port=0, threads=4, asyncore_loop_timeout=0.05)
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
        stopping.set()
        # Let answers in flight finish before the loop they report back to goes away.
        server.task_dispatcher.shutdown()
        server.close()
        thread.join(timeout=5)
        bot.engine.dispose()

    assert server.socket is not None
    host, port = server.socket.getsockname()[:2]
    return f"http://{host}:{port}/slack/events", stop


def _ask(args: argparse.Namespace, settings: Settings) -> int:
    from bot.answers import interpret
    from bot.local.render import render
    from bot.service import GuideAnswer
    from bot.slack.views import answer_blocks, as_dicts

    catalog = _catalog(settings)
    text = " ".join(args.text)
    found = interpret(text, catalog=catalog)
    guide = catalog.get(found.guide_id) if found.guide_id else None
    answer = GuideAnswer(query=text, guide=guide, platform=found.platform, confidence=found.confidence)
    plain = render(as_dicts(answer_blocks(answer, catalog)), with_buttons=False)
    if args.json:
        result = {"guide": found.guide_id, "platform": found.platform, "confidence": found.confidence, "text": plain}
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(plain, end="")
    return 0


def _guides_list(args: argparse.Namespace, settings: Settings) -> int:
    for guide in _catalog(settings):
        print(f"{guide.id:28} {guide.service:12} {guide.title}  (checked {guide.verified.isoformat()})")
    return 0


def _guides_show(args: argparse.Namespace, settings: Settings) -> int:
    from bot.local.render import render
    from bot.slack.views import as_dicts, details_blocks, guide_blocks

    catalog = _catalog(settings)
    guide = catalog.get(args.id)
    if guide is None:
        print(f"privacy-bot: no guide {args.id!r}; known: {', '.join(catalog.ids)}", file=sys.stderr)
        return 2
    blocks = [*guide_blocks(guide, args.platform), *details_blocks(guide)]
    print(render(as_dicts(blocks), with_buttons=False), end="")
    return 0


def _guides_check(args: argparse.Namespace, settings: Settings) -> int:
    from bot.guides.catalog import SHIPPED_DIR, check_paths

    paths = list(args.paths) or [SHIPPED_DIR, *([settings.guides_dir] if settings.guides_dir else [])]
    problems = check_paths(paths)
    for problem in problems:
        print(f"{problem.file}: {problem.field}: {problem.message}", file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) found", file=sys.stderr)
        return 1
    print(f"ok: {', '.join(str(path) for path in paths)}")
    return 0


def _db_upgrade(args: argparse.Namespace, settings: Settings) -> int:
    from bot.store.database import current_revision, make_engine, upgrade

    engine = make_engine(settings.database_url)
    upgrade(engine)
    print(f"database at revision {current_revision(engine)}")
    return 0


def _manifest(args: argparse.Namespace, settings: Settings) -> int:
    from bot.slack.manifest import manifest, to_yaml

    if args.url and not args.url.startswith("https://"):
        print("privacy-bot: --url: Slack only calls https:// URLs", file=sys.stderr)
        return 2
    print(to_yaml(manifest(command=settings.slash_command, url=args.url)))
    return 0
