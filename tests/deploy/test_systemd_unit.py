"""deploy/privacy-bot.service, read as systemd reads it (no systemd runs here)."""

from __future__ import annotations

import configparser

from tests.deploy.files import DEPLOY


def unit() -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # systemd's keys are case-sensitive
    parser.read(DEPLOY / "privacy-bot.service")
    return parser


def test_systemd_creates_the_working_directory_for_the_bots_user() -> None:
    # Without StateDirectory nothing made /var/lib/privacy-bot: the service failed with status=200/CHDIR, and
    # ProtectSystem=strict would not have let the bot create its SQLite file anywhere else.
    service = unit()["Service"]
    assert service["WorkingDirectory"] == f"/var/lib/{service['StateDirectory']}"
    assert service["ReadWritePaths"] == service["WorkingDirectory"]


def test_the_unit_runs_privacy_bot_run_from_the_venv_its_comment_installs() -> None:
    text = (DEPLOY / "privacy-bot.service").read_text()
    executable = unit()["Service"]["ExecStart"].split()
    assert executable[1:] == ["run"]
    venv = executable[0].removesuffix("/bin/privacy-bot")
    assert f"python3 -m venv {venv} " in text
    assert f"{venv}/bin/pip install" in text
    assert f"useradd --system --no-create-home {unit()['Service']['User']}" in text


def test_only_the_bots_user_can_read_its_folder_and_files() -> None:
    # systemd's defaults (0755, umask 0022) let any account on the machine list and copy the SQLite database.
    service = unit()["Service"]
    assert service["StateDirectoryMode"] == "0700"
    assert service["UMask"] == "0077"
