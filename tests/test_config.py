from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pytest

from bot.config import ConfigError, Settings, load_settings
from tests.botproc import bot_env


@pytest.fixture(autouse=True)
def isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # Settings read .env from the working directory: run each test from an empty one.
    monkeypatch.chdir(tmp_path)
    for name in list(Settings.model_fields):
        monkeypatch.delenv(name.upper(), raising=False)


def test_defaults_match_the_design() -> None:
    settings = load_settings()
    assert settings.database_url == "sqlite:///privacy-bot.db"
    assert settings.slack_api_url == "https://slack.com/api/"
    assert settings.slash_command == "/privacy"
    assert settings.port == 3000
    assert settings.admins_are_managers is True
    assert settings.managers == ()
    assert settings.socket_mode is False
    assert settings.metrics_port is None  # /healthz and /metrics on PORT


def test_metrics_port_is_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("METRICS_PORT", "9102")
    assert load_settings().metrics_port == 9102


def test_values_come_from_the_environment_and_dotenv(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("SLACK_BOT_TOKEN=xoxb-from-dotenv\nBOT_TIMEZONE=Europe/Berlin\n")
    monkeypatch.setenv("MANAGERS", "U0AAA111, S0GROUP1 ,U0BBB222")
    monkeypatch.setenv("DATABASE_URL", "postgresql://postgres@db/bot")
    settings = load_settings()
    assert settings.slack_bot_token is not None
    assert settings.slack_bot_token.get_secret_value() == "xoxb-from-dotenv"
    assert "xoxb-from-dotenv" not in repr(settings)
    assert settings.managers == ("U0AAA111", "S0GROUP1", "U0BBB222")
    assert settings.timezone.key == "Europe/Berlin"
    assert settings.database_url == "postgresql+psycopg://postgres@db/bot"


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("SLACK_BOT_TOKEN", "xoxp-user-token", "SLACK_BOT_TOKEN: expected a bot token starting with xoxb-"),
        ("SLACK_APP_TOKEN", "xoxb-wrong", "SLACK_APP_TOKEN: expected an app-level token"),
        ("BOT_TIMEZONE", "Mars/Olympus", "BOT_TIMEZONE: expected an IANA time zone"),
        ("MANAGERS", "alice,bob", "MANAGERS: expected user IDs (U…) or user-group IDs (S…)"),
        ("PORT", "eighty", "PORT: "),
        ("PORT", "70000", "PORT: "),
        ("METRICS_PORT", "metrics", "METRICS_PORT: "),
        ("METRICS_PORT", "0", "METRICS_PORT: "),
        ("DATABASE_URL", "mysql://x", "DATABASE_URL: expected sqlite:///"),
        ("SLASH_COMMAND", "privacy", "SLASH_COMMAND: expected a slash and up to 31 lower-case letters"),
        ("LOG_FORMAT", "xml", "LOG_FORMAT: "),
        ("ADMINS_ARE_MANAGERS", "perhaps", "ADMINS_ARE_MANAGERS: "),
        ("SLACK_API_URL", "slack.com", "SLACK_API_URL: expected an http(s) URL"),
        ("GUIDES_DIR", "/nonexistent/guides", "GUIDES_DIR: expected a folder of guide files"),
        ("CAMPAIGNS_FILE", "/nonexistent.toml", "CAMPAIGNS_FILE: expected a TOML file"),
    ],
)
def test_a_malformed_value_is_one_line_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, expected: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError) as caught:
        load_settings()
    message = str(caught.value)
    assert message.startswith(expected)
    assert "\n" not in message


@pytest.mark.parametrize(("typed", "zone"), [("utc", "UTC"), ("europe/berlin", "Europe/Berlin")])
def test_a_time_zone_in_the_wrong_case_is_told_its_spelling(
    monkeypatch: pytest.MonkeyPatch, typed: str, zone: str
) -> None:
    # BOT_TIMEZONE=utc got only "expected an IANA time zone such as Europe/Berlin", though UTC is the default.
    try:
        ZoneInfo(typed)
    except (ZoneInfoNotFoundError, ValueError):
        pass
    else:
        pytest.skip("this machine's zone files are on a case-insensitive file system")
    monkeypatch.setenv("BOT_TIMEZONE", typed)
    with pytest.raises(ConfigError) as caught:
        load_settings()
    assert str(caught.value) == (
        f"BOT_TIMEZONE: expected an IANA time zone such as Europe/Berlin; names are case-sensitive, so write {zone}"
        f" (got {typed!r})"
    )


def test_a_campaigns_file_that_is_a_folder_is_called_a_folder_not_missing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # An operator who points CAMPAIGNS_FILE at the folder the file is in: "does not exist" sends them looking
    # for a path that is plainly there.
    monkeypatch.setenv("CAMPAIGNS_FILE", str(tmp_path))
    with pytest.raises(ConfigError) as caught:
        load_settings()
    assert str(caught.value) == (
        f"CAMPAIGNS_FILE: expected a TOML file of campaigns; {tmp_path} is a folder (name the file in it)"
    )


def test_start_up_with_a_bad_value_exits_2_without_traceback(tmp_path: Path) -> None:
    env = bot_env(tmp_path, {"BOT_TIMEZONE": "Nowhere/Land"})
    done = subprocess.run(
        [sys.executable, "-m", "bot", "guides", "list"], env=env, cwd=tmp_path, capture_output=True, text=True
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "privacy-bot: BOT_TIMEZONE: expected an IANA time zone such as Europe/Berlin (got 'Nowhere/Land')"
    ]


@pytest.mark.parametrize(
    ("flags", "env", "says"),
    [
        (
            ["--http"],
            {},
            "SLACK_BOT_TOKEN: not set; `run` needs the bot token xoxb-… (OAuth & Permissions → Bot User OAuth Token),"
            " in the environment or .env",
        ),
        (
            [],
            {"SLACK_BOT_TOKEN": "xoxb-1-2-abc"},
            "SLACK_SIGNING_SECRET: not set; HTTP mode needs the app's signing secret (Basic Information → App"
            " Credentials → Signing Secret), in the environment or .env; for Socket Mode, set SLACK_APP_TOKEN instead",
        ),
        (
            ["--socket"],
            {"SLACK_BOT_TOKEN": "xoxb-1-2-abc"},
            "SLACK_APP_TOKEN: not set; Socket Mode needs an app-level token xapp-… with connections:write (Basic"
            " Information → App-Level Tokens), in the environment or .env",
        ),
    ],
)
def test_run_without_a_token_says_which_where_slack_shows_it_and_exits_2(
    tmp_path: Path, flags: list[str], env: dict[str, str], says: str
) -> None:
    # "SLACK_BOT_TOKEN: required here but not set" left a newcomer to find what it is and where it comes from.
    done = subprocess.run(
        [sys.executable, "-m", "bot", "run", *flags],
        env=bot_env(tmp_path, env),
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert done.stderr.strip() == f"privacy-bot: {says}"


@pytest.mark.parametrize(
    ("given", "used"),
    [
        (
            "postgres://bot:pw@db.internal:5432/bot?sslmode=require",
            "postgresql+psycopg://bot:pw@db.internal:5432/bot?sslmode=require",
        ),
        ("postgresql://bot@db/bot", "postgresql+psycopg://bot@db/bot"),
        ("postgresql+psycopg://bot@db/bot", "postgresql+psycopg://bot@db/bot"),
        ("sqlite:////data/privacy-bot.db", "sqlite:////data/privacy-bot.db"),
    ],
)
def test_database_urls_are_read_as_hosts_set_them(monkeypatch: pytest.MonkeyPatch, given: str, used: str) -> None:
    monkeypatch.setenv("DATABASE_URL", given)
    assert load_settings().database_url == used


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("SLACK_BOT_TOKEN", "xoxb-your-bot-token"),
        ("SLACK_SIGNING_SECRET", "your-signing-secret"),
        ("SLACK_APP_TOKEN", "xapp-your-app-token"),
        ("SLACK_APP_TOKEN", "xapp-1-your-app-token"),
    ],
)
def test_placeholder_secrets_are_refused_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError) as caught:
        load_settings()
    assert str(caught.value).startswith(f"{variable}: still the example value from deploy/env.example; paste ")


def test_real_looking_secrets_pass() -> None:
    settings = load_settings(
        slack_bot_token="xoxb-1234-5678-AbCdEf",
        slack_signing_secret="8f742231b10e8888abcd99yyyzzz85a5",
        slack_app_token="xapp-1-A0123-4567-abcdef",
    )
    assert settings.socket_mode


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # SQLAlchemy would look for these drivers only when opening the database, and fail with a traceback.
        ("postgresql+psycopg2://bot:pw@db/bot", "DATABASE_URL: the database driver 'psycopg2' is not included; "),
        ("postgres+asyncpg://bot:pw@db/bot", "DATABASE_URL: the database driver 'asyncpg' is not included; "),
        ("sqlite+aiosqlite:///bot.db", "DATABASE_URL: the database driver 'aiosqlite' is not included; "),
        ("postgres://bot:hunter2@db:fivefourthreetwo/bot", "DATABASE_URL: not a URL the bot can read: "),
    ],
)
def test_a_database_url_the_bot_cannot_open_is_refused_before_use(
    monkeypatch: pytest.MonkeyPatch, url: str, expected: str
) -> None:
    monkeypatch.setenv("DATABASE_URL", url)
    with pytest.raises(ConfigError) as caught:
        load_settings()
    message = str(caught.value)
    assert message.startswith(expected)
    assert "\n" not in message and "hunter2" not in message


@pytest.mark.parametrize(
    ("variable", "what"), [("GUIDES_DIR", "a folder of guide files"), ("CAMPAIGNS_FILE", "a TOML file of campaigns")]
)
def test_an_empty_path_is_refused_not_read_as_the_working_directory(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, variable: str, what: str
) -> None:
    # `GUIDES_DIR=` made Path(""), the working directory: every *.toml there (pyproject.toml …) became a guide.
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    monkeypatch.setenv(variable, "")
    with pytest.raises(ConfigError) as caught:
        load_settings()
    assert str(caught.value) == f"{variable}: is empty: name {what}, or leave {variable} unset"


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("PORT=3000\n".encode("utf-16"), ".env: cannot read it (UnicodeDecodeError); save it as UTF-8 text"),
        (b"PORT=3000\n", ".env: cannot read it (Permission denied); check its permissions"),
    ],
    ids=["utf-16", "unreadable"],
)
def test_a_dotenv_the_bot_cannot_read_is_one_line_not_a_traceback(tmp_path: Path, content: bytes, says: str) -> None:
    dotenv = tmp_path / ".env"
    dotenv.write_bytes(content)
    if says.endswith("permissions"):
        dotenv.chmod(0)
        if os.access(dotenv, os.R_OK):
            pytest.skip("running with the power to read any file (root)")
    done = subprocess.run(
        [sys.executable, "-m", "bot", "guides", "list"],
        env=bot_env(tmp_path),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [f"privacy-bot: {says}"]


@pytest.mark.parametrize(("variable", "value"), [("PORT", "eighty"), ("METRICS_PORT", "70000"), ("LOG_LEVEL", "loud")])
def test_a_wrong_number_or_word_is_repeated_in_the_message(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError) as caught:
        load_settings()
    assert str(caught.value).startswith(f"{variable}: ") and str(caught.value).endswith(f" (got {value!r})")


def test_a_url_or_secret_in_a_wrong_value_is_never_repeated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "mysql://admin:hunter2@db/x")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "hunter2")
    for variable in ("DATABASE_URL", "SLACK_SIGNING_SECRET"):
        with pytest.raises(ConfigError) as caught:
            load_settings()
        assert "hunter2" not in str(caught.value)
        monkeypatch.delenv(variable)


@pytest.mark.parametrize(("variable", "value", "read"), [("LOG_LEVEL", "INFO", "info"), ("LOG_FORMAT", "JSON", "json")])
def test_log_settings_take_any_case(monkeypatch: pytest.MonkeyPatch, variable: str, value: str, read: str) -> None:
    monkeypatch.setenv(variable, value)
    assert getattr(load_settings(), variable.lower()) == read


@pytest.mark.parametrize(
    ("variable", "value", "says"),
    [
        ("LOG_LEVEL", "verbose", "LOG_LEVEL: expected debug, info, warning or error (got 'verbose')"),
        (
            "LOG_LEVEL",
            " ",
            "LOG_LEVEL: is empty; expected debug, info, warning or error (leave LOG_LEVEL unset for the default, info)",
        ),
        ("LOG_FORMAT", "yaml", "LOG_FORMAT: expected text or json (got 'yaml')"),
        ("PORT", "eighty", "PORT: expected a port number from 1 to 65535 (got 'eighty')"),
        ("PORT", "70000", "PORT: expected a port number from 1 to 65535 (got '70000')"),
        ("PORT", "", "PORT: is empty; expected a port number from 1 to 65535 (leave PORT unset for the default, 3000)"),
        ("METRICS_PORT", "0", "METRICS_PORT: expected a port number from 1 to 65535 (got '0')"),
        (
            "METRICS_PORT",
            "",
            "METRICS_PORT: is empty; expected a port number from 1 to 65535, or leave METRICS_PORT unset",
        ),
        (
            "DELIVERY_LEASE_SECONDS",
            "1",
            "DELIVERY_LEASE_SECONDS: expected a whole number of seconds from 5 to 3600 (got '1')",
        ),
        (
            "REPORT_MIN_GROUP",
            "-1",
            "REPORT_MIN_GROUP: expected a whole number of members from 0 (names shown) to 100000 (got '-1')",
        ),
        ("ADMINS_ARE_MANAGERS", "maybe", "ADMINS_ARE_MANAGERS: expected true or false (got 'maybe')"),
        (
            "ADMINS_ARE_MANAGERS",
            "",
            "ADMINS_ARE_MANAGERS: is empty; expected true or false (leave ADMINS_ARE_MANAGERS"
            " unset for the default, true)",
        ),
        (
            "SLASH_COMMAND",
            "/Privacy",
            "SLASH_COMMAND: expected a slash and up to 31 lower-case letters, digits, - or _,"
            " such as /privacy (got '/Privacy')",
        ),
        (
            "MANAGERS",
            "U0ABC U0DEF",
            "MANAGERS: expected user IDs (U…) or user-group IDs (S…) separated by commas (got 'U0ABC U0DEF')",
        ),
        (
            "SLACK_API_URL",
            "slack.com/api/",
            "SLACK_API_URL: expected an http(s) URL such as https://slack.com/api/; it has no https:// in front",
        ),
        (
            "DATABASE_URL",
            "privacy.db",
            "DATABASE_URL: expected sqlite:///path.db or postgresql://user@host/db; it has"
            " no sqlite:/// or postgresql:// in front",
        ),
        (
            "SLACK_APP_TOKEN",
            "",
            "SLACK_APP_TOKEN: is empty; expected an app-level token starting with xapp-,"
            " or leave SLACK_APP_TOKEN unset",
        ),
    ],
)
def test_a_wrong_value_is_told_in_our_words_with_what_was_given(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, says: str
) -> None:
    # pydantic's own "Input should be a valid integer, unable to parse string as an integer (got '')" named
    # neither the range nor, for an empty value, that leaving the variable out gives the default.
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError) as caught:
        load_settings()
    assert str(caught.value) == says


@pytest.mark.parametrize(
    ("given", "path"), [("sqlite://privacy-bot.db", "privacy-bot.db"), ("sqlite://data/bot.db", "data/bot.db")]
)
def test_a_sqlite_url_with_two_slashes_is_told_the_third(
    monkeypatch: pytest.MonkeyPatch, given: str, path: str
) -> None:
    # `schedule` died with SQLAlchemy's traceback on the first, and opened bot.db without data/ on the second.
    monkeypatch.setenv("DATABASE_URL", given)
    with pytest.raises(ConfigError) as caught:
        load_settings()
    assert str(caught.value) == (
        f"DATABASE_URL: a SQLite file is written with three slashes, sqlite:///{path} (four for an absolute path,"
        f" such as sqlite:////data/privacy-bot.db); got {given!r}"
    )


# `docker run --env-file`, `kubectl create secret --from-env-file` and a platform's settings page take a value as
# written: the quotes a `.env` line may carry, a comment after it, and the newline or space a pasted token brings
# stay in it (kubectl 1.32 stored `"xoxb-…"`, `Europe/Berlin ` and `U0123ABCD # boss` so).
@pytest.mark.parametrize(
    "written",
    ['"{}"', "'{}'", "{} ", " {}", "{}\n", "{}\r", '"{}"\r', "{}  # from the admin page"],
    ids=[
        "double-quoted",
        "single-quoted",
        "trailing-space",
        "leading-space",
        "newline",
        "carriage-return",
        "both",
        "comment",
    ],
)
def test_a_value_given_with_quotes_or_surrounding_space_is_read_without_them(
    monkeypatch: pytest.MonkeyPatch, written: str
) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", written.format("xoxb-1234-5678-abcdefgh"))
    monkeypatch.setenv("SLACK_SIGNING_SECRET", written.format("8f742231b10e8888abcd99yyyzzz85a5"))
    monkeypatch.setenv("BOT_TIMEZONE", written.format("Europe/Berlin"))
    monkeypatch.setenv("DATABASE_URL", written.format("postgres://bot:pw@db.internal:5432/bot?sslmode=require"))
    monkeypatch.setenv("MANAGERS", written.format("U0AAA111,S0GROUP1"))
    monkeypatch.setenv("PORT", written.format("8080"))
    monkeypatch.setenv("LOG_FORMAT", written.format("json"))
    settings = load_settings()
    assert settings.slack_bot_token is not None and settings.slack_signing_secret is not None
    # Slack compares tokens byte for byte: with the space or quote kept, it answers invalid_auth.
    assert settings.slack_bot_token.get_secret_value() == "xoxb-1234-5678-abcdefgh"
    assert settings.slack_signing_secret.get_secret_value() == "8f742231b10e8888abcd99yyyzzz85a5"
    assert settings.bot_timezone == "Europe/Berlin"
    assert settings.database_url == "postgresql+psycopg://bot:pw@db.internal:5432/bot?sslmode=require"
    assert settings.managers == ("U0AAA111", "S0GROUP1")
    assert settings.port == 8080
    assert settings.log_format == "json"


def test_a_value_that_is_only_quotes_is_empty_and_told_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACK_APP_TOKEN", '""')
    with pytest.raises(ConfigError) as refused:
        load_settings()
    assert str(refused.value).startswith("SLACK_APP_TOKEN: is empty")


def test_every_setting_is_documented_and_every_documented_setting_exists() -> None:
    """README's table, deploy/env.example and the Kubernetes ConfigMap name what an operator sets: a name there
    that no setting reads is ignored without a word, and a setting missing from the table is never found."""
    import re

    root = Path(__file__).resolve().parents[1]
    readme = (root / "README.md").read_text()
    table = readme[readme.index("### Configuration") : readme.index("### Command line")]
    documented = {name for pair in re.findall(r"^\| `([A-Z_]+)`(?: / `([A-Z_]+)`)?", table, re.M) for name in pair}
    settings = {name.upper() for name in Settings.model_fields}
    assert documented - {""} == settings
    example = set(re.findall(r"^#?\s*([A-Z_]{3,})=", (root / "deploy" / "env.example").read_text(), re.M))
    configmap = set(
        re.findall(r"^\s+#?\s*([A-Z_]{3,}):", (root / "deploy" / "k8s" / "configmap.yaml").read_text(), re.M)
    )
    assert example - settings == set()
    assert configmap - settings == set()
    assert {"SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "DATABASE_URL"} <= example
