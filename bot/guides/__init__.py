"""Guides: one TOML file per setting of one service, validated by one pydantic model."""

from bot.guides.catalog import (
    PLATFORMS,
    SHIPPED_DIR,
    Catalog,
    Guide,
    GuideError,
    Link,
    Platform,
    PolicyDate,
    Problem,
    Source,
    Steps,
    check_paths,
    load_catalog,
)

__all__ = [
    "PLATFORMS",
    "SHIPPED_DIR",
    "Catalog",
    "Guide",
    "GuideError",
    "Link",
    "Platform",
    "PolicyDate",
    "Problem",
    "Source",
    "Steps",
    "check_paths",
    "load_catalog",
]
