"""Guide files: one pydantic model validates them, for loading and for `guides check` alike."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Any, Final, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, ValidationError

SHIPPED_DIR: Final = Path(__file__).parent
PLATFORMS: Final = ("desktop", "ios", "android")

Platform = Literal["desktop", "ios", "android", "mobile"]


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
    url: HttpsUrl


class Guide(_Model):
    id: GuideId
    service: Text
    title: Text
    setting: Text
    aliases: tuple[Text, ...]
    url: HttpsUrl
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
    return [Problem(file, _field_path(tuple(item["loc"])), _message(item)) for item in error.errors()]


def _read(file: Path) -> Guide | list[Problem]:
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
        return Guide.model_validate(data)
    except ValidationError as exc:
        return _problems_in(file, exc)


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


def check_paths(paths: Sequence[Path]) -> list[Problem]:
    """Every problem in every guide file named (a folder means its *.toml), plus ids used twice across them.

    As in `load_catalog`, a file may replace a shipped guide by using its id, so checking the shipped
    folder together with GUIDES_DIR reports only real clashes; any other repeated id is a problem,
    because nothing says which of the two files should win.
    """
    problems: list[Problem] = []
    chosen: dict[str, tuple[Guide, Path]] = {}
    for entry in _expand(paths):
        if isinstance(entry, Problem):
            problems.append(entry)
            continue
        result = _read(entry)
        if isinstance(result, list):
            problems.extend(result)
            continue
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


def _load_folder(folder: Path) -> list[tuple[Guide, Path]]:
    loaded: list[tuple[Guide, Path]] = []
    seen: dict[str, Path] = {}
    for file in _files_in(folder):
        result = _read(file)
        if isinstance(result, list):
            more = f" (and {len(result) - 1} more problem(s))" if len(result) > 1 else ""
            raise GuideError(f"{result[0]}{more}")
        if result.id in seen:
            raise GuideError(f"{file}: id: duplicate id {result.id!r}; also used in {seen[result.id]}")
        seen[result.id] = file
        loaded.append((result, file))
    return loaded


def load_catalog(*, extra_dir: Path | None = None) -> Catalog:
    """The shipped guides, then those in `extra_dir`, which add guides or replace a shipped one with the same id.

    Raises GuideError naming the file and field of the first invalid file.
    """
    merged: dict[str, tuple[Guide, Path]] = {guide.id: (guide, file) for guide, file in _load_folder(SHIPPED_DIR)}
    if extra_dir is not None:
        if not extra_dir.is_dir():
            raise GuideError(f"{extra_dir}: -: expected a folder of guide files")
        for guide, file in _load_folder(extra_dir):
            # Replacing keeps the shipped position, so lists do not reshuffle when a deployment
            # tweaks one guide.
            merged[guide.id] = (guide, file)
    clashes = _second_primaries(merged.values())
    if clashes:
        raise GuideError(str(clashes[0]))
    return Catalog(sorted((guide for guide, _file in merged.values()), key=lambda guide: guide.rank))
