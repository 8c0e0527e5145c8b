"""Settings: the one place that reads the environment (and `.env`)."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Final, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from pydantic import Field, SecretStr, ValidationError, ValidationInfo, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

_MANAGER_ID = re.compile(r"^[UWS][A-Z0-9]{2,}$")


class ConfigError(Exception):
    """A setting is missing or malformed; the message is one line naming the variable."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    slack_bot_token: SecretStr | None = None
    slack_signing_secret: SecretStr | None = None
    slack_app_token: SecretStr | None = None
    slack_api_url: str = "https://slack.com/api/"
    database_url: str = "sqlite:///privacy-bot.db"
    bot_timezone: str = "UTC"
    managers: Annotated[tuple[str, ...], NoDecode] = ()
    admins_are_managers: bool = True
    campaigns_file: Path | None = None
    guides_dir: Path | None = None
    slash_command: str = "/privacy"
    port: int = Field(default=3000, ge=1, le=65535)
    # Serve /healthz and /metrics on this port instead of PORT, so they need not be public.
    metrics_port: int | None = Field(default=None, ge=1, le=65535)
    log_level: Literal["debug", "info", "warning", "error"] = "info"
    log_format: Literal["text", "json"] = "text"
    # How long a replica may hold a claimed delivery before another may take it over (its sender died).
    delivery_lease_seconds: int = Field(default=60, ge=5, le=3600)
    # Audiences smaller than this are reported in counts only: in a team of four, a status is a name.
    report_min_group: int = Field(default=0, ge=0, le=100_000)

    @model_validator(mode="before")
    @classmethod
    def _as_meant(cls, values: object) -> object:
        # `docker run --env-file`, `kubectl create secret --from-env-file` and a platform's settings page keep a
        # value as written, where `.env` (python-dotenv) drops its quotes and the space around it: a token
        # pasted with a newline, or `"xoxb-…"` from a `.env`, reached Slack as is and was refused as invalid_auth.
        # No setting's value begins or ends with a quote or a space.
        if not isinstance(values, dict):
            return values
        return {name: _unquoted(value) if isinstance(value, str) else value for name, value in values.items()}

    @field_validator("slack_bot_token")
    @classmethod
    def _bot_token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not value.get_secret_value().startswith("xoxb-"):
            raise ValueError("expected a bot token starting with xoxb-")
        return _not_a_placeholder(value, "the Bot User OAuth Token (OAuth & Permissions page)")

    @field_validator("slack_app_token")
    @classmethod
    def _app_token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not value.get_secret_value().startswith("xapp-"):
            raise ValueError("expected an app-level token starting with xapp-")
        return _not_a_placeholder(value, "an app-level token (Basic Information → App-Level Tokens)")

    @field_validator("slack_signing_secret")
    @classmethod
    def _signing_secret_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and len(value.get_secret_value().strip()) < 8:
            raise ValueError("expected the app's signing secret (Basic Information page)")
        return _not_a_placeholder(value, "the app's signing secret (Basic Information page)")

    @field_validator("log_level", "log_format", mode="before")
    @classmethod
    def _any_case(cls, value: object) -> object:
        # LOG_LEVEL=INFO is how Python's logging spells it. A word that is none of them stays as given, so the
        # message repeats what the operator wrote, not what we made of it.
        read = value.strip().lower() if isinstance(value, str) else value
        return read if read in _LOG_WORDS else value

    @field_validator("slack_api_url")
    @classmethod
    def _api_url_shape(cls, value: str) -> str:
        if not re.match(r"^https?://[^/\s]+", value):
            # The URL itself is not repeated (a proxy's may hold a password): say what is wrong with it instead.
            missing = "; it has no https:// in front" if value.strip() and "://" not in value else ""
            raise ValueError(f"expected an http(s) URL such as https://slack.com/api/{missing}")
        return value if value.endswith("/") else value + "/"

    @field_validator("database_url")
    @classmethod
    def _database_url_shape(cls, value: str) -> str:
        url = normalise_database_url(value)
        _check_database_url(url)
        return url

    @field_validator("bot_timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            # Zone names are case-sensitive: "utc" or "europe/berlin" is refused, and the table says `UTC`.
            spelt = {name.casefold(): name for name in available_timezones()}.get(value.strip().casefold())
            hint = f"; names are case-sensitive, so write {spelt}" if spelt else ""
            raise ValueError(f"expected an IANA time zone such as Europe/Berlin{hint}") from exc
        return value

    @field_validator("managers", mode="before")
    @classmethod
    def _split_managers(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        return value

    @field_validator("managers")
    @classmethod
    def _manager_ids(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for item in value:
            if not _MANAGER_ID.match(item):
                # "U0ABC U0DEF" is one item: say how the list is written, not only what an item looks like.
                raise ValueError(
                    f"expected user IDs (U…) or user-group IDs (S…) separated by commas (got {item!r:.40})"
                )
        return value

    @field_validator("slash_command")
    @classmethod
    def _slash_command_shape(cls, value: str) -> str:
        if not re.match(r"^/[a-z0-9_-]{1,31}$", value):
            raise ValueError("expected a slash and up to 31 lower-case letters, digits, - or _, such as /privacy")
        return value

    @field_validator("guides_dir", "campaigns_file", mode="before")
    @classmethod
    def _path_not_empty(cls, value: object, info: ValidationInfo) -> object:
        # An empty value would be Path(""), the working directory: GUIDES_DIR= read every *.toml there as a guide.
        if isinstance(value, str) and not value.strip():
            what = "a folder of guide files" if info.field_name == "guides_dir" else "a TOML file of campaigns"
            raise ValueError(f"is empty: name {what}, or leave {str(info.field_name).upper()} unset")
        return value

    @field_validator("guides_dir")
    @classmethod
    def _guides_dir_exists(cls, value: Path | None) -> Path | None:
        if value is not None and not value.is_dir():
            raise ValueError(f"expected a folder of guide files; {value} is not one")
        return value

    @field_validator("campaigns_file")
    @classmethod
    def _campaigns_file_exists(cls, value: Path | None) -> Path | None:
        if value is not None and value.is_dir():
            raise ValueError(f"expected a TOML file of campaigns; {value} is a folder (name the file in it)")
        if value is not None and not value.is_file():
            raise ValueError(f"expected a TOML file of campaigns; {value} does not exist")
        return value

    @property
    def timezone(self) -> ZoneInfo:
        return ZoneInfo(self.bot_timezone)

    @property
    def socket_mode(self) -> bool:
        return self.slack_app_token is not None


def _unquoted(value: str) -> str:
    """A value as `.env` (python-dotenv) reads its line: without the quotes around it, or, unquoted, without a
    ` # comment` after it and the space around it."""
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1].strip()
    return re.split(r"\s+#", value, maxsplit=1)[0].strip()


def load_settings(**overrides: object) -> Settings:
    """Read Settings from the environment, turning validation errors into one readable line."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except (OSError, UnicodeDecodeError) as exc:
        # Only reading .env can fail this way (unreadable, a folder's permissions, saved as UTF-16).
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
        hint = "save it as UTF-8 text" if isinstance(exc, UnicodeDecodeError) else "check its permissions"
        raise ConfigError(f".env: cannot read it ({reason}); {hint}") from None
    except ValidationError as exc:
        raise ConfigError(_one_line(exc.errors()[0])) from None


def _one_line(error: Mapping[str, Any]) -> str:
    """`VARIABLE: what is expected (got 'what was given')`, in our words: pydantic's ("Input should be a valid
    integer, unable to parse string as an integer") name neither the setting's meaning nor its range."""
    field = str(error["loc"][0]) if error["loc"] else ""
    name = field.upper() or "configuration"
    given = error.get("input")
    if error["type"] == "value_error":
        message = str(error["msg"]).removeprefix("Value error, ")
    else:
        message = f"expected {_EXPECTED[field]}" if field in _EXPECTED else str(error["msg"])
    if message.startswith("is empty"):
        return f"{name}: {message}"
    if isinstance(given, str) and not given.strip():
        # An empty value is never read as the default (README): say how to get the default instead.
        default = Settings.model_fields[field].default if field in Settings.model_fields else None
        if default is None:
            # SLACK_APP_TOKEN= is how many blank a line they do not use: unset is what they meant.
            return f"{name}: is empty; {message}, or leave {name} unset"
        shown = str(default).lower() if isinstance(default, bool) else default
        return f"{name}: is empty; {message} (leave {name} unset for the default, {shown})"
    if field in _SHOWN_WHEN_WRONG and isinstance(given, str) and "got " not in message:
        message += f" (got {given[:40]!r})"
    return f"{name}: {message}"


_LOG_WORDS = frozenset({"debug", "info", "warning", "error", "text", "json"})

# What each setting checked by its type, not by a validator of ours, takes: the message says it in these words.
_EXPECTED: Final[Mapping[str, str]] = {
    "port": "a port number from 1 to 65535",
    "metrics_port": "a port number from 1 to 65535",
    "delivery_lease_seconds": "a whole number of seconds from 5 to 3600",
    "report_min_group": "a whole number of members from 0 (names shown) to 100000",
    "admins_are_managers": "true or false",
    "log_level": "debug, info, warning or error",
    "log_format": "text or json",
}

# Settings whose wrong value is worth repeating in the message: never a secret, a URL (it may hold a
# password) or a path; and not where our own message already names it.
_SHOWN_WHEN_WRONG = frozenset({*_EXPECTED, "bot_timezone", "slash_command"})


def misspelt_in_dotenv(path: Path = Path(".env")) -> list[str]:
    """One line for each name in `.env` that is not a setting but nearly one (`BOT_TIMEZON`): it would be
    ignored, and the bot run with the default instead. Names far from every setting (a compose file's
    `POSTGRES_PASSWORD`) are someone else's and left alone."""
    import difflib

    from dotenv import dotenv_values

    if not path.is_file():
        return []
    try:
        names = dotenv_values(path, encoding="utf-8")
    except (OSError, UnicodeDecodeError):  # load_settings says so
        return []
    ours = [name.upper() for name in Settings.model_fields]
    lines = []
    for name in names:
        if name.upper() in ours:
            continue
        near = difflib.get_close_matches(name.upper(), ours, n=1, cutoff=0.8)
        if near:
            lines.append(f".env: {name} is not a setting and is ignored; did you mean {near[0]}?")
    return lines


def plain_text_wanted() -> bool:
    """NO_COLOR set (no-color.org) or TERM=dumb: what a person asks of every program printing to their terminal,
    not a setting of the bot's, so neither in Settings nor in `.env`."""
    return bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") == "dumb"


def require(settings: Settings, name: str, *, mode: str, otherwise: str = "") -> None:
    """Stop with a ConfigError naming the variable a mode needs when it is unset: what it is, where Slack shows
    it, and where it goes ("required here but not set" left a newcomer to find all three)."""
    if getattr(settings, name) is None:
        where = f"{mode} needs {_WHERE_TO_FIND[name]}, in the environment or .env"
        raise ConfigError(f"{name.upper()}: not set; {where}{'; ' + otherwise if otherwise else ''}")


_WHERE_TO_FIND: Final[Mapping[str, str]] = {
    "slack_bot_token": "the bot token xoxb-… (OAuth & Permissions → Bot User OAuth Token)",
    "slack_signing_secret": "the app's signing secret (Basic Information → App Credentials → Signing Secret)",
    "slack_app_token": "an app-level token xapp-… with connections:write (Basic Information → App-Level Tokens)",
}


# What deploy/env.example and the README ship in place of real secrets: copied unchanged, they would
# start a bot whose every request fails with 401.
_PLACEHOLDER = re.compile(r"^(xoxb-|xapp-(\d+-)?)?(your|change|replace|placeholder|example|xxx)", re.IGNORECASE)


def _not_a_placeholder(value: SecretStr | None, what: str) -> SecretStr | None:
    if value is not None and _PLACEHOLDER.match(value.get_secret_value().strip()):
        raise ValueError(f"still the example value from deploy/env.example; paste {what}")
    return value


_DATABASE_SCHEME = re.compile(r"^(sqlite|postgres|postgresql)(\+\w+)?://")


def normalise_database_url(url: str) -> str:
    """The SQLAlchemy URL for DATABASE_URL as hosts set it: `postgres://` (Heroku and friends) and
    `postgresql://` name no driver, and SQLAlchemy would then look for psycopg2; psycopg 3 is the
    one we ship. Used by Settings and by make_engine, so both read a URL the same way."""
    if not _DATABASE_SCHEME.match(url):
        # A bare file name (`privacy.db`) is the likely slip: the URL is not repeated, as it may hold a password.
        missing = "; it has no sqlite:/// or postgresql:// in front" if url.strip() and "://" not in url else ""
        raise ValueError(f"expected sqlite:///path.db or postgresql://user@host/db{missing}")
    scheme, rest = url.split("://", 1)
    if scheme in ("postgres", "postgresql"):
        return f"postgresql+psycopg://{rest}"
    if scheme.startswith("postgres+"):
        return f"postgresql+{scheme.partition('+')[2]}://{rest}"
    return url


# The drivers that ship with the bot: SQLAlchemy would look for any other (psycopg2, asyncpg …) only when the
# database is first opened, and fail there with a traceback.
_SHIPPED_DRIVERS = {"sqlite": ("", "pysqlite"), "postgresql": ("psycopg",)}


def _check_database_url(url: str) -> None:
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        # Not the parser's own words: they quote the URL, password and all.
        raise ValueError(
            "not a URL the bot can read: expected sqlite:///path.db or postgresql://user:password@host:5432/db"
            " (a port is a number; a password with @, : or / is written %40, %3A, %2F)"
        ) from None
    backend, _, driver = parsed.drivername.partition("+")
    if backend == "sqlite" and parsed.host:
        # sqlite://privacy-bot.db reads the file name as a host: SQLAlchemy refused it with a traceback, and
        # sqlite://data/bot.db quietly opened bot.db, without data/. A SQLite URL holds no password: repeat it.
        path = url.split("://", 1)[1]
        raise ValueError(
            f"a SQLite file is written with three slashes, sqlite:///{path} (four for an absolute path, such as"
            f" sqlite:////data/privacy-bot.db); got {url!r:.80}"
        )
    if driver not in _SHIPPED_DRIVERS[backend]:
        example = (
            "postgresql://user:password@host/db (psycopg 3 is included)"
            if backend == "postgresql"
            else ("sqlite:///path.db")
        )
        raise ValueError(f"the database driver {driver!r} is not included; write {example}")
