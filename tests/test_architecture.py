"""The import rules of DESIGN.md, checked on the source so a leak fails CI instead of review."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

BOT = Path(__file__).resolve().parent.parent / "bot"
PURE = [
    "bot.core",
    "bot.answers",
    "bot.vocabulary",
    "bot.question_words",
    "bot.guide_index",
    "bot.replies",
    "bot.asked_note",
    "bot.unnamed_services",
    "bot.campaigns",
    "bot.reports",
    "bot.strings",
    "bot.guides",
    "bot.policy_dates",
    "bot.ics",
]
FRAMEWORKS = ("slack_bolt", "slack_sdk", "sqlalchemy", "alembic", "apscheduler", "waitress", "websockets")
# Each layer may import only what stands below it in DESIGN.md's layout.
FORBIDDEN = {
    "bot.store": ("bot.service", "bot.slack", "bot.local", "bot.scheduler", "bot.cli"),
    "bot.service": ("bot.slack", "bot.local", "bot.scheduler", "bot.cli", *FRAMEWORKS),
    "bot.slack": ("bot.store", "sqlalchemy", "bot.local", "bot.scheduler", "bot.cli"),
    "bot.scheduler": ("bot.slack", "bot.store", "sqlalchemy", "bot.local", "bot.cli"),
    "bot.local": ("bot.store", "sqlalchemy", "bot.cli"),
}


def module_name(path: Path) -> str:
    parts = path.relative_to(BOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


MODULES = {module_name(path): path for path in BOT.rglob("*.py") if "migrations" not in path.parts}


def _violations(module: str, banned: tuple[str, ...]) -> list[str]:
    return sorted(
        name for name in imports_of(MODULES[module]) if any(name == b or name.startswith(b + ".") for b in banned)
    )


@pytest.mark.parametrize("module", sorted(m for m in MODULES if any(m == p or m.startswith(p + ".") for p in PURE)))
def test_pure_modules_import_no_framework_or_io_layer(module: str) -> None:
    banned = (*FRAMEWORKS, "bot.store", "bot.slack", "bot.local", "bot.service", "bot.scheduler", "bot.cli")
    assert _violations(module, banned) == []


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layers_import_downwards_only(layer: str) -> None:
    members = [m for m in MODULES if m == layer or m.startswith(layer + ".")]
    leaks = {m: _violations(m, FORBIDDEN[layer]) for m in members}
    assert {m: v for m, v in leaks.items() if v} == {}


def test_only_config_reads_the_environment() -> None:
    readers = []
    for module, path in MODULES.items():
        source = path.read_text()
        if module != "bot.config" and ("os.environ" in source or "os.getenv" in source or "getenv(" in source):
            readers.append(module)
    assert readers == []


def test_the_rules_see_every_layer() -> None:
    # Guards the test itself: a renamed package would otherwise pass every rule vacuously.
    for module in PURE:
        assert module in MODULES, f"{module} is named by a rule but does not exist"
    for layer in FORBIDDEN:
        assert any(m == layer or m.startswith(layer + ".") for m in MODULES), f"no module in {layer}"
    for module in ("bot.service.ports", "bot.slack.gateway", "bot.slack.listeners", "bot.store.repo", "bot.cli"):
        assert module in MODULES


def test_the_vocabulary_is_spelled_in_one_place() -> None:
    """Statuses and platforms are enums in bot/core.py; a bare spelling elsewhere would drift from them."""
    spelled = {"'confirmed'", '"confirmed"', "'not_applicable'", '"not_applicable"', "'snoozed'", '"snoozed"'}
    allowed = {"bot.core", "bot.strings"}
    offenders = sorted(
        module
        for module, path in MODULES.items()
        if module not in allowed and any(word in path.read_text() for word in spelled)
    )
    assert offenders == []


def test_every_value_of_the_vocabulary_has_words() -> None:
    """A new status, platform or reason cannot reach a member as "Sorry": each has its label."""
    from bot import strings
    from bot.core import Platform, Reason, Status

    assert set(Status) <= set(strings.STATUS_LABELS) and set(Status) <= set(strings.STATUS_EMOJI)
    assert set(Platform) <= set(strings.PLATFORM_LABELS)
    assert set(Platform.explicit()) <= set(strings.PLATFORM_BUTTONS)
    assert set(Reason) <= set(strings.REASON_LABELS) and set(Reason) <= set(strings.REASON_BUTTONS)
    assert set(Status.stored()) <= set(strings.RECORDED)


# The stand-in (bot/local) plays Slack for the shell and the tests; production code must not need it.
STAND_IN_ENTRY_POINTS = {"_shell"}


def _functions_importing(path: Path, banned: str) -> set[str]:
    """Names of the top-level functions of `path` that import `banned`; "<module>" for module-level imports."""
    found: set[str] = set()
    tree = ast.parse(path.read_text(), filename=str(path))
    for top in tree.body:
        owner = top.name if isinstance(top, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) else "<module>"
        for node in ast.walk(top):
            names = (
                [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else [node.module]
                if isinstance(node, ast.ImportFrom) and node.module
                else []
            )
            if any(name == banned or name.startswith(banned + ".") for name in names):
                found.add(owner)
    return found


def test_only_the_shell_wiring_imports_the_stand_in() -> None:
    importers = {
        module: _functions_importing(path, "bot.local")
        for module, path in MODULES.items()
        if not module.startswith("bot.local")
    }
    assert {module: owners for module, owners in importers.items() if owners} == {"bot.cli": STAND_IN_ENTRY_POINTS}


def test_the_websocket_server_is_only_the_stand_ins() -> None:
    outside = [module for module in MODULES if not module.startswith("bot.local")]
    assert [module for module in outside if _violations(module, ("websockets",))] == []


def test_bench_does_not_import_the_tests() -> None:
    leaks = {
        path.name: sorted(name for name in imports_of(path) if name == "tests" or name.startswith("tests."))
        for path in (BOT.parent / "bench").glob("*.py")
    }
    assert {name: found for name, found in leaks.items() if found} == {}


def test_listing_and_rendering_guides_loads_no_database_layer() -> None:
    """`privacy-bot guides list|show|check` and `calendar` render every guide as Slack would; loading SQLAlchemy,
    alembic and the store for that made each of them take twice the CPU it needs (0.96 s against 0.54 s)."""
    import subprocess
    import sys

    probe = (
        "import sys, bot.cli, bot.guides.catalog, bot.ics, bot.policy_dates, bot.slack.views;"
        "print(sorted({m.split('.')[0] if not m.startswith('bot.') else m for m in sys.modules"
        " if m.startswith(('alembic', 'sqlalchemy', 'bot.store', 'slack_bolt', 'bot.service.recording'))}))"
    )
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"
