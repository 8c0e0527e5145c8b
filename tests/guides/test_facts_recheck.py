"""The shipped guides re-read against ../shared/facts/ (December 2026): what a member reads first must not suggest
more than the facts say."""

from __future__ import annotations

from bot.guides import Catalog
from tests.guides.conftest import guide_of


def test_gemini_does_not_suggest_deleting_activity_removes_chats_already_reviewed(catalog: Catalog) -> None:
    # facts/other-services.md (Gemini): chats already reviewed by humans are kept up to 3 years; "Turn off and delete
    # activity" is offered. No line says deleting activity removes the reviewed chats: "…kept for up to 3 years; choose
    # 'Turn off and delete activity' to delete what is saved as well" read as if it did.
    guide = guide_of(catalog, "gemini-activity")
    assert guide.not_undone is not None
    assert "kept for up to 3 years; choose" not in guide.not_undone
    assert "our sources do not say it removes chats already reviewed" in guide.not_undone
