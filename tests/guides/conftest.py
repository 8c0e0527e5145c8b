"""The shipped catalog, read once per test file, and one of its guides by id."""

from __future__ import annotations

import pytest

from bot.guides import Catalog, Guide, load_catalog


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def guide_of(catalog: Catalog, guide_id: str) -> Guide:
    guide = catalog.get(guide_id)
    assert guide is not None, guide_id
    return guide
