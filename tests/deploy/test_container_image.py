"""The Dockerfile, read since no engine runs here; and the wheel it installs, built for real."""

from __future__ import annotations

import http.server
import json
import re
import shutil
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.deploy.files import DEPLOY, ROOT

DOCKERFILE = (DEPLOY / "Dockerfile").read_text()


def readme_install_command() -> str:
    section = (ROOT / "README.md").read_text().split("## Run it for your workspace", 1)[1]
    match = re.search(r"```sh\n\s*(python3 -m venv [^\n]+)\n\s*```", section)
    assert match, "README's install command for a server"
    return match.group(1)


def test_multi_stage_non_root_with_a_healthcheck() -> None:
    assert len(re.findall(r"^FROM ", DOCKERFILE, re.M)) >= 2
    users = re.findall(r"^USER (\S+)", DOCKERFILE, re.M)
    assert users and users[-1].split(":")[0] not in {"root", "0"}
    assert re.search(r"^HEALTHCHECK .*\n?.*/healthz", DOCKERFILE, re.M)
    assert re.search(r'^CMD \["privacy-bot", "run"\]', DOCKERFILE, re.M), "exec form, so SIGTERM reaches the bot"


def test_the_image_installs_with_the_readme_command() -> None:
    assert f"RUN {readme_install_command()}" in DOCKERFILE


def copied_sources() -> set[str]:
    return {part for copied in re.findall(r"^COPY (?!--from)(.+) \S+$", DOCKERFILE, re.M) for part in copied.split()}


def test_the_build_context_holds_what_the_image_copies_and_no_secrets() -> None:
    # `docker build … .` sent the whole root to the builder: a local .env with the bot's tokens, the .venv and the
    # databases "Try it" leaves. The ignore file keeps out everything but what the Dockerfile copies.
    patterns = [
        line.strip()
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert patterns[0] == "*"
    kept = {pattern[1:] for pattern in patterns if pattern.startswith("!")}
    assert kept == copied_sources()
    assert not kept & {".env", ".venv", ".git", "tests"}


def test_the_wheel_carries_the_guides_and_the_migrations(tmp_path: Path) -> None:
    # Built from what the Dockerfile copies, in a scratch folder: setuptools' build/ would otherwise land in
    # the work tree, and files left there from older builds would slip into the wheel.
    source = tmp_path / "src"
    source.mkdir()
    for part in copied_sources():
        if (ROOT / part).is_dir():
            shutil.copytree(ROOT / part, source / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(ROOT / part, source / part)
    done = subprocess.run(
        [
            *(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q"),
            *("--wheel-dir", str(tmp_path), str(source)),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    (wheel,) = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped_guides = {f"bot/guides/{path.name}" for path in (ROOT / "bot" / "guides").glob("*.toml")}
    versions = ROOT / "bot" / "store" / "migrations" / "versions"
    migrations = {f"bot/store/migrations/versions/{path.name}" for path in versions.glob("*.py")}
    assert shipped_guides and shipped_guides <= names
    assert migrations and migrations <= names
    assert {"bot/store/alembic.ini", "bot/store/migrations/env.py", "bot/slack/plaintext.py"} <= names
    assert not any(name.startswith("tests/") for name in names)


def healthcheck_command() -> list[str]:
    match = re.search(r"^HEALTHCHECK [^\n]*\\\n\s*CMD (\[.*\])$", DOCKERFILE, re.M)
    assert match, "HEALTHCHECK … CMD [exec form] on the next line"
    command: list[str] = json.loads(match.group(1))
    return command


@contextmanager
def answering(status: int) -> Iterator[int]:
    """A loopback port whose /healthz answers `status`, as the bot's PORT and METRICS_PORT do."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(status if self.path == "/healthz" else 404)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield server.server_address[1]
        finally:
            server.shutdown()
            thread.join()


@pytest.mark.parametrize("metrics_port", [False, True])
def test_the_healthcheck_asks_where_healthz_is_served(metrics_port: bool) -> None:
    # With METRICS_PORT set, PORT answers /healthz with 404 (README, Security): the check must ask METRICS_PORT,
    # or Docker marks a healthy bot unhealthy.
    program, *args = healthcheck_command()
    assert program == "python3"
    with answering(404 if metrics_port else 200) as port, answering(200) as status_port:
        env = {
            "PATH": "/usr/bin:/bin",
            "PORT": str(port),
            **({"METRICS_PORT": str(status_port)} if metrics_port else {}),
        }
        done = subprocess.run([sys.executable, *args], env=env, capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
