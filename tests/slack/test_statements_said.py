"""What members said in a fresh audit of the statements, with what each got: a device switched off recorded LinkedIn,
"did this last week" recorded nothing, "done for the day" was told of an unknown guide. Each recorded status is one
the member said; when in doubt, nothing is recorded."""

from __future__ import annotations

import pytest

from bot.local.fake_slack import FakeSlack
from bot.local.sender import SignedSender
from tests.conftest import dm_answer as dm

TITLE = "Stop LinkedIn using your data to train generative AI"
GUIDE = "how do i opt out of linkedin ai training"
RECORDED = f"Recorded {TITLE} as done"
GRAMMARLY = "Turn off Grammarly's Product Improvement and Training"


def status(sender: SignedSender, slack: FakeSlack) -> str:
    return dm(sender, slack, "status all")


# -- 1. never a record of what was not said -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "i turned off my phone",
        "turned off my laptop",
        "i switched off my iphone",
        "my wifi is off",
        "switched off notifications",
        "i turned off my alarm",
    ],
)
def test_a_device_or_anything_else_switched_off_after_a_guide_records_nothing(
    sender: SignedSender, slack: FakeSlack, typed: str
) -> None:
    dm(sender, slack, GUIDE)
    shown = dm(sender, slack, typed)
    assert "Recorded" not in shown and "Which guide?" not in shown
    assert f"{TITLE} – not done yet" in status(sender, slack)


@pytest.mark.parametrize("typed", ["i turned off my phone", "turned off my laptop", "my wifi is off"])
def test_a_device_switched_off_with_no_guide_shown_is_not_asked_which_guide(
    sender: SignedSender, slack: FakeSlack, typed: str
) -> None:
    # "Which guide? For example `/privacy done linkedin`" took it for a statement of what was done.
    assert "Which guide?" not in dm(sender, slack, typed)


@pytest.mark.parametrize("typed", ["grammarly training off", "linkedin ai training off", "chatgpt training off"])
def test_a_service_and_its_setting_off_as_a_first_message_is_a_search_for_its_guide(
    sender: SignedSender, slack: FakeSlack, typed: str
) -> None:
    shown = dm(sender, slack, typed)
    assert "Recorded" not in shown
    assert "– done" not in status(sender, slack)


def test_grammarly_training_off_shows_the_grammarly_guide(sender: SignedSender, slack: FakeSlack) -> None:
    assert dm(sender, slack, "grammarly training off").startswith(GRAMMARLY)


@pytest.mark.parametrize(
    "typed", ["i turned grammarly training off", "grammarly training is off", "grammarly training off ✅"]
)
def test_a_setting_said_to_be_off_by_its_member_is_still_recorded(
    sender: SignedSender, slack: FakeSlack, typed: str
) -> None:
    assert f"Recorded {GRAMMARLY} as done" in dm(sender, slack, typed)
