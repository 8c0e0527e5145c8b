"""The README's two commands are what CI runs and what a new user sees working."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

from tests.botproc import bot_env

ROOT = Path(__file__).resolve().parent.parent


def readme_command(heading: str) -> str:
    text = (ROOT / "README.md").read_text()
    section = text.split(f"## {heading}", 1)[1]
    match = re.search(r"```sh\n(.+?)\n```", section, re.S)
    assert match, f"no command under '{heading}'"
    return match.group(1).strip()


def test_ci_runs_exactly_the_readme_test_command() -> None:
    ci_lines = (ROOT / ".ci" / "run").read_text().splitlines()
    assert readme_command("Test it") in ci_lines


def test_the_try_it_demo_shows_a_guide_a_click_and_the_status(tmp_path: Path) -> None:
    demo = readme_command("Try it (no Slack account needed)")
    install, _, run = demo.partition(" && printf ")
    assert "pip install" in install
    script = re.search(r"'(.+?)'", run)
    assert script
    lines = script.group(1).encode().decode("unicode_escape")
    done = subprocess.run(
        [sys.executable, "-m", "bot", "shell"],
        input=lines,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=bot_env(tmp_path),
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "Steps on iPhone/iPad app" in done.stdout
    assert "as done on" in done.stdout
    assert "Stop LinkedIn using your data to train generative AI – done" in done.stdout
    assert done.stderr == ""
    assert list(tmp_path.iterdir()) == [], "the demo leaves nothing behind"


def test_the_campaign_examples_deadlines_stay_ahead_for_years() -> None:
    # A manager copies the examples: a deadline already past is refused, and one days away reads as stale.
    section = (ROOT / "README.md").read_text().split("## Campaigns and reminders", 1)[1].split("\n## ", 1)[0]
    examples = re.findall(r"```(?:toml)?\n(.+?)```", section, re.S)
    deadlines = [
        date.fromisoformat(found) for example in examples for found in re.findall(r"\d{4}-\d{2}-\d{2}", example)
    ]
    assert len(deadlines) >= 2, "the Slack command and the campaign file each name a deadline"
    assert all(deadline >= date.today() + timedelta(days=3 * 365) for deadline in deadlines), deadlines
