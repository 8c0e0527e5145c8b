"""Guide files: one pydantic model validates them, for loading and for `guides check` alike."""

from __future__ import annotations

import datetime as dt
import functools
import re
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Any, Final, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

from bot import strings

SHIPPED_DIR: Final = Path(__file__).parent
# Answers whose sources were read longer ago than this say so: menus and policies move.
STALE_AFTER_DAYS: Final = 180
PLATFORMS: Final = ("desktop", "ios", "android")

Platform = Literal["desktop", "ios", "android", "mobile"]
# Where a region-only guide applies. EU countries are in the EEA too; CH (Switzerland) and the UK are in neither.
Region = Literal["EU", "EEA", "UK", "CH"]
REGIONS: Final = ("EU", "EEA", "UK", "CH")
# opt-out: a setting or form a member should act on (a to-do); how-to: something offered, never pending
# (downloading your data); no-switch: an honest answer that there is nothing to turn off, and what to do instead.
Kind = Literal["opt-out", "how-to", "no-switch"]
KINDS: Final = ("opt-out", "how-to", "no-switch")


# Renders a guide and names what a chat platform would refuse, as (field, message); the catalog stays free of
# Slack, so the caller (the command line) passes Slack's check in.
RenderCheck = Callable[["Guide"], list[tuple[str, str]]]


class GuideError(Exception):
    """A guide file cannot be used; the message names the file and the field."""


@dataclass(frozen=True)
class Problem:
    file: Path
    field: str  # dotted path such as "steps.ios" or "sources[2].url"; "-" for the file as a whole
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.field}: {self.message}"


def _https_only(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme != "https" or not parts.netloc or any(char.isspace() for char in value):
        raise ValueError("must be an https:// link")
    return value


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
HttpsUrl = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_https_only)]
# Ids are typed by people in `/privacy done <guide>`, so keep them to one easy shape.
GuideId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]


AppliesTo = Literal["everyone", "owners"] | tuple[Region, ...]


def _applies_to(value: object) -> object:
    # One readable message instead of pydantic's per-branch union errors.
    expected = f'must be "everyone", "owners" or a list of regions from {", ".join(REGIONS)}'
    if value in ("everyone", "owners"):
        return value
    if isinstance(value, list | tuple) and value and all(item in REGIONS for item in value):
        return tuple(dict.fromkeys(value))
    raise ValueError(expected)


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Steps(_Model):
    desktop: tuple[Text, ...] = Field(min_length=1)
    ios: tuple[Text, ...] = Field(min_length=1)
    android: tuple[Text, ...] = Field(min_length=1)


class PolicyDate(_Model):
    date: dt.date
    what: Text
    regions: tuple[Text, ...] = ()  # empty: everywhere


class Link(_Model):
    label: Text
    url: HttpsUrl


class Source(_Model):
    title: Text
    # A printed article can be a source without a link (the USA TODAY seed article of the LinkedIn guides).
    url: HttpsUrl | None = None


class Guide(_Model):
    id: GuideId
    service: Text
    title: Text
    setting: Text
    aliases: tuple[Text, ...]
    # No-switch guides may have no page to open: there is no setting.
    url: HttpsUrl | None = None
    summary: Text
    steps: Steps
    dates: tuple[PolicyDate, ...]
    notes: tuple[Text, ...]
    links: tuple[Link, ...] = ()
    # The facts rules require every guide to say where its content comes from.
    sources: tuple[Source, ...] = Field(min_length=1)
    verified: dt.date
    # Lists (help, App Home, status) show lower ranks first; equal ranks keep file order.
    rank: int = 100
    # What the link button says: not every service has a page that is the setting itself.
    link_label: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=75)] = (
        "Open the setting"
    )
    # The "done" button's words: "I've opted out" fits an opt-out, not a data download.
    done_label: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=75)] = "I've opted out"
    # Read by the answers engine: which guide a bare service name means, other spellings of the
    # service, and topic words that point at this guide.
    primary: bool = False
    service_aliases: tuple[Text, ...] = ()
    keywords: tuple[Text, ...] = ()
    kind: Kind = "opt-out"
    # Who the guide is a to-do for: "everyone", "owners" (workspace owners), or a list of regions.
    applies_to: Annotated[AppliesTo, BeforeValidator(_applies_to)] = "everyone"
    # What switching off does NOT undo, shown in the first message (facts rule); `guides check` wants it
    # on every opt-out guide.
    not_undone: Text | None = None

    @property
    def nothing_to_switch(self) -> bool:
        """No setting to turn off: nothing to open, nothing to record, nobody a campaign could see done."""
        return self.kind == "no-switch"

    @model_validator(mode="after")
    def _a_page_to_open(self) -> Guide:
        if self.url is None and not self.nothing_to_switch:
            raise ValueError('url: required unless kind is "no-switch"')
        return self

    def sources_age(self, today: dt.date) -> int:
        """Days since the sources were read (0 when `verified` is in the future)."""
        return max(0, (today - self.verified).days)

    def steps_for(self, platform: str) -> tuple[str, ...]:
        """The steps for `desktop`, `ios` or `android`; `mobile` means the app, whose flow is the iOS one."""
        if platform == "mobile":
            platform = "ios"
        if platform not in PLATFORMS:
            raise ValueError(f"unknown platform {platform!r}; expected desktop, ios, android or mobile")
        steps: tuple[str, ...] = getattr(self.steps, platform)
        return steps


class Catalog:
    """The guides in a fixed order (shipped files first); never changes after it is built."""

    __slots__ = ("_by_id", "_guides")

    def __init__(self, guides: Iterable[Guide]) -> None:
        ordered = tuple(guides)
        by_id: dict[str, Guide] = {}
        for guide in ordered:
            if guide.id in by_id:
                raise GuideError(f"duplicate guide id {guide.id!r}")
            by_id[guide.id] = guide
        self._guides = ordered
        self._by_id: Mapping[str, Guide] = MappingProxyType(by_id)

    def get(self, guide_id: str) -> Guide | None:
        return self._by_id.get(guide_id)

    def resolve(self, name: str) -> Guide | None:
        """The guide whose id or one of whose aliases is `name`, ignoring case and surrounding space."""
        wanted = " ".join(name.casefold().split())
        if not wanted:
            return None
        exact = self._by_id.get(wanted)
        if exact is not None:
            return exact
        for guide in self._guides:
            if any(" ".join(alias.casefold().split()) == wanted for alias in guide.aliases):
                return guide
        return None

    def primary(self, service: str) -> Guide | None:
        """The guide a bare service name means: the one marked primary, else the service's first."""
        wanted = service.casefold()
        of_service = [guide for guide in self._guides if guide.service.casefold() == wanted]
        return next((guide for guide in of_service if guide.primary), of_service[0] if of_service else None)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(guide.id for guide in self._guides)

    @property
    def services(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(guide.service for guide in self._guides))

    def __iter__(self) -> Iterator[Guide]:
        return iter(self._guides)

    def __len__(self) -> int:
        return len(self._guides)

    def __contains__(self, guide_id: object) -> bool:
        return guide_id in self._by_id

    def __repr__(self) -> str:
        return f"Catalog({list(self.ids)!r})"


# pydantic's wording is written for developers; these read better in `guides check` output.
_MESSAGES: Final[Mapping[str, str]] = {
    "missing": "required field is missing",
    "extra_forbidden": "unknown field",
    "string_too_short": "must not be empty",
    "string_too_long": "must be at most 75 characters (Slack's limit for a button)",
    "string_type": "must be text in quotes",
    "string_pattern_mismatch": "must be lowercase letters and digits joined by hyphens, e.g. linkedin-ai-training",
    "tuple_type": "must be a list",
    "model_type": "must be a table",
    "model_attributes_type": "must be a table",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "date_type": "must be a date such as 2024-11-20",
    "date_parsing": "must be a date such as 2024-11-20",
    "date_from_datetime_parsing": "must be a date such as 2024-11-20",
    "date_from_datetime_inexact": "must be a date such as 2024-11-20, without a time",
}


def _field_path(loc: tuple[int | str, ...]) -> str:
    path = ""
    for part in loc:
        if isinstance(part, int):
            # Counted from 1: "sources[2]" is the second [[sources]] table in the file.
            path += f"[{part + 1}]"
        else:
            path += f".{part}" if path else part
    return path or "-"


def _message(error: Mapping[str, Any]) -> str:
    loc = tuple(error["loc"])
    kind = str(error["type"])
    if kind == "too_short":
        return "must list at least one step" if loc[:1] == ("steps",) else "must list at least one entry"
    if kind == "extra_forbidden" and len(loc) == 2 and loc[0] == "steps":
        return "unknown platform; use desktop, ios or android"
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    return _MESSAGES.get(kind, str(error["msg"]))


def _problems_in(file: Path, error: ValidationError) -> list[Problem]:
    problems = []
    errors = error.errors()
    failing = [tuple(item["loc"]) for item in errors]
    for item in errors:
        loc = tuple(item["loc"])
        if item["type"] == "too_short" and any(other[: len(loc)] == loc and len(other) > len(loc) for other in failing):
            # pydantic counts a list whose only entry is invalid as empty: "sources: must list at least one
            # entry" beside "sources[1].url: ..." would contradict the file, so the entry's own problem stands alone.
            continue
        field, message = _field_path(tuple(item["loc"])), _message(item)
        if field == "-" and ": " in message:
            # A rule across fields names its field at the start of its message.
            field, message = message.split(": ", 1)
        problems.append(Problem(file, field, message))
    return problems


def _read(file: Path, *, render_check: RenderCheck | None = None) -> Guide | list[Problem]:
    try:
        raw = file.read_bytes()
    except OSError as exc:
        return [Problem(file, "-", f"cannot read the file: {exc.strerror or exc}")]
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return [Problem(file, "-", "not UTF-8 text")]
    except tomllib.TOMLDecodeError as exc:
        return [_syntax_problem(file, raw.decode("utf-8"), exc)]
    try:
        guide = Guide.model_validate(data)
    except ValidationError as exc:
        return _problems_in(file, exc)
    refused = render_check(guide) if render_check is not None else []
    return [Problem(file, field, message) for field, message in refused] or guide


_ERROR_LINE = re.compile(r"\(at line (\d+), column \d+\)")
_DATE_LITERAL = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=\s*\d{4}-\d{1,2}-\d{1,2}")
_TABLE_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.-]+)\s*\]\]?")


def _syntax_problem(file: Path, text: str, error: tomllib.TOMLDecodeError) -> Problem:
    # tomllib reports "2024-13-45" as a bare syntax error; name the field, as for any other bad date.
    found = _ERROR_LINE.search(str(error))
    lines = text.splitlines()
    number = int(found.group(1)) if found else 0
    literal = _DATE_LITERAL.match(lines[number - 1]) if 0 < number <= len(lines) else None
    if literal is None:
        return Problem(file, "-", f"not valid TOML: {error}")
    table = ""
    counts: dict[str, int] = {}
    for line in lines[: number - 1]:
        header = _TABLE_HEADER.match(line)
        if header:
            brackets, name = header.groups()
            counts[name] = counts.get(name, 0) + 1
            table = f"{name}[{counts[name]}]." if brackets == "[[" else f"{name}."
    return Problem(file, f"{table}{literal.group(1)}", f"must be a date such as 2024-11-20 (line {number})")


def _files_in(folder: Path) -> list[Path]:
    return sorted(path for path in folder.glob("*.toml") if path.is_file())


def _expand(paths: Sequence[Path]) -> list[Path | Problem]:
    """The files to check, in the order given, with a problem in place of a path that names none."""
    entries: list[Path | Problem] = []
    seen: set[Path] = set()
    for path in paths:
        if path.is_dir():
            found = _files_in(path)
            if not found:
                entries.append(Problem(path, "-", "no guide files (*.toml) in this folder"))
        elif path.exists():
            found = [path]
        else:
            entries.append(Problem(path, "-", "no such file or folder"))
            continue
        for file in found:
            key = file.resolve()
            if key not in seen:
                seen.add(key)
                entries.append(file)
    return entries


def check_paths(
    paths: Sequence[Path],
    *,
    render_check: RenderCheck | None = None,
    max_age: int | None = None,
    today: dt.date | None = None,
) -> list[Problem]:
    """Every problem in every guide file named (a folder means its *.toml), plus ids used twice across them.

    As in `load_catalog`, a file may replace a shipped guide by using its id, so checking the shipped
    folder together with GUIDES_DIR reports only real clashes; any other repeated id is a problem,
    because nothing says which of the two files should win. With `max_age`, a guide whose sources were read
    more than that many days before `today` is a problem too.
    """
    if max_age is not None and today is None:
        raise ValueError("max_age needs today")
    problems: list[Problem] = []
    chosen: dict[str, tuple[Guide, Path]] = {}
    for entry in _expand(paths):
        if isinstance(entry, Problem):
            problems.append(entry)
            continue
        result = _read(entry, render_check=render_check)
        if isinstance(result, list):
            problems.extend(result)
            continue
        if result.kind == "opt-out" and result.not_undone is None:
            problems.append(Problem(entry, "not_undone", "an opt-out guide must say what switching off does not undo"))
        if max_age is not None and today is not None and result.sources_age(today) > max_age:
            age = f"sources read on {result.verified.isoformat()}, {strings.days(result.sources_age(today))} ago"
            problems.append(Problem(entry, "verified", f"{age}: older than {strings.days(max_age)}"))
        earlier = chosen.get(result.id)
        if earlier is not None and earlier[1].parent.resolve() != SHIPPED_DIR.resolve():
            problems.append(Problem(entry, "id", f"duplicate id {result.id!r}; also used in {earlier[1]}"))
            continue
        chosen[result.id] = (result, entry)
    problems.extend(_second_primaries(chosen.values()))
    return problems


def _second_primaries(pairs: Iterable[tuple[Guide, Path]]) -> list[Problem]:
    # Two primaries would make a bare service name ambiguous, so a deployment that wants another
    # primary must override the shipped one too.
    problems: list[Problem] = []
    first: dict[str, tuple[Guide, Path]] = {}
    for guide, file in pairs:
        if not guide.primary:
            continue
        other, other_file = first.setdefault(guide.service.casefold(), (guide, file))
        if other is not guide:
            message = f"{guide.service} already has a primary guide ({other.id} in {other_file})"
            problems.append(Problem(file, "primary", message))
    return problems


def _load_folder(folder: Path, *, render_check: RenderCheck | None) -> list[tuple[Guide, Path]]:
    loaded: list[tuple[Guide, Path]] = []
    seen: dict[str, Path] = {}
    for file in _files_in(folder):
        result = _read(file, render_check=render_check)
        if isinstance(result, list):
            more = f" (and {len(result) - 1} more problem(s))" if len(result) > 1 else ""
            raise GuideError(f"{result[0]}{more}")
        if result.id in seen:
            raise GuideError(f"{file}: id: duplicate id {result.id!r}; also used in {seen[result.id]}")
        seen[result.id] = file
        loaded.append((result, file))
    return loaded


def load_catalog(*, extra_dir: Path | None = None, render_check: RenderCheck | None = None) -> Catalog:
    """The shipped guides, then those in `extra_dir`, which add guides or replace a shipped one with the same id.

    Raises GuideError naming the file and field of the first invalid file, including a guide that
    `render_check` says could not be shown. The same files, unchanged, give the same Catalog: reading and checking
    them is a fifth of a second, and every bot a process starts (the shell's, the tests', `privacy-bot ask`'s) read
    them again, and built the matcher's index of them again (cached by the Catalog).
    """
    folders = (SHIPPED_DIR,) if extra_dir is None or not extra_dir.is_dir() else (SHIPPED_DIR, extra_dir)
    try:
        files = tuple(_stamped(file) for folder in folders for file in _files_in(folder))
    except OSError:  # a file gone between the listing and its stat: read it all as before
        return _load_catalog(extra_dir=extra_dir, render_check=render_check)
    return _load_catalog_of(files, extra_dir=extra_dir, render_check=render_check)


def _stamped(file: Path) -> tuple[Path, int, int]:
    status = file.stat()
    return file, status.st_mtime_ns, status.st_size


@functools.lru_cache(maxsize=8)
def _load_catalog_of(
    files: tuple[tuple[Path, int, int], ...], *, extra_dir: Path | None, render_check: RenderCheck | None
) -> Catalog:
    # `files` is the key: the folders' files with their times and sizes, so an edited guide is read again.
    del files
    return _load_catalog(extra_dir=extra_dir, render_check=render_check)


def _load_catalog(*, extra_dir: Path | None, render_check: RenderCheck | None) -> Catalog:
    shipped = _load_folder(SHIPPED_DIR, render_check=render_check)
    merged: dict[str, tuple[Guide, Path]] = {guide.id: (guide, file) for guide, file in shipped}
    if extra_dir is not None:
        if not extra_dir.is_dir():
            raise GuideError(f"{extra_dir}: -: expected a folder of guide files")
        for guide, file in _load_folder(extra_dir, render_check=render_check):
            # Replacing keeps the shipped position, so lists do not reshuffle when a deployment
            # tweaks one guide.
            merged[guide.id] = (guide, file)
    clashes = _second_primaries(merged.values())
    if clashes:
        raise GuideError(str(clashes[0]))
    return Catalog(sorted((guide for guide, _file in merged.values()), key=lambda guide: guide.rank))
