"""`privacy-bot campaigns check` offers the guide a misspelt one in CAMPAIGNS_FILE is a typo of, as
`campaign start` does in Slack."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

Run = Callable[..., tuple[int, str, str]]


def test_campaigns_check_offers_the_guide_a_misspelt_one_is_a_typo_of(run: Run, tmp_path: Path) -> None:
    campaigns = tmp_path / "campaigns.toml"
    campaigns.write_text(
        '[[campaign]]\nid = "li"\nguide = "linkdin-ai-training"\nchannels = ["C0123ABCD"]\ndeadline = 2026-12-15\n'
    )
    code, out, err = run("campaigns", "check", env={"CAMPAIGNS_FILE": str(campaigns)})
    assert code == 2 and out == ""
    assert (
        "campaign 'li': guide: no guide 'linkdin-ai-training'; did you mean 'linkedin-ai-training'?"
        " (see `privacy-bot guides list`)" in err
    ), err


def test_campaigns_check_offers_nothing_for_a_guide_like_none(run: Run, tmp_path: Path) -> None:
    campaigns = tmp_path / "campaigns.toml"
    campaigns.write_text('[[campaign]]\nid = "li"\nguide = "zzqx"\nchannels = ["C0123ABCD"]\ndeadline = 2026-12-15\n')
    code, _, err = run("campaigns", "check", env={"CAMPAIGNS_FILE": str(campaigns)})
    assert code == 2
    assert "guide: no guide 'zzqx' (see `privacy-bot guides list`)" in err and "did you mean" not in err
