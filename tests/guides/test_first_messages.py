"""What a member reads in a guide's first message, before "More details" (the audit of `privacy-bot ask`): the
caveat that decides whether the guide is theirs, or which form or switch to use, is there and not only in the
notes one click away. The Sources line is left out: a link listed there only is not one a member is offered."""

from __future__ import annotations

from collections.abc import Callable

import pytest

INSTAGRAM_FORM = "https://help.instagram.com/contact/767264225370182"


def first_message(ask: Callable[[str], str], question: str) -> str:
    """The answer as `privacy-bot ask` prints it (the DM a member gets), down to its Sources line."""
    shown = ask(question)
    assert "Sources read on" in shown, shown
    return shown.split("Sources read on")[0]


# --- Meta: a member on Instagram -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "how do I object to Meta AI training on Instagram",
        "what's the instagram objection form link",
        "how do I object to Meta AI training on Instagram on desktop",
        "meta ai objection on android",
    ],
)
def test_a_member_on_instagram_is_offered_instagrams_own_form(ask: Callable[[str], str], question: str) -> None:
    # The first message linked Facebook's form only and its desktop steps were Facebook's; Instagram's form was
    # in the Sources line alone.
    shown = first_message(ask, question)
    assert "Object to Meta AI training" in shown
    assert INSTAGRAM_FORM in shown


def test_the_meta_answer_says_one_objection_covers_both_only_for_linked_accounts(ask: Callable[[str], str]) -> None:
    # other-services.md: "Linked accounts: one objection covers both"; nothing about accounts that are not linked.
    shown = first_message(ask, "how do I object to Meta AI training on Instagram")
    assert "If your Facebook and Instagram accounts are linked, one objection covers both" in shown
    assert "our sources do not say" in shown


def test_the_meta_button_says_whose_form_it_opens(ask: Callable[[str], str]) -> None:
    # "Open the objection form" beside a Facebook address read as the one form for both services.
    shown = first_message(ask, "how do I object to Meta AI training on Instagram")
    assert "Open Facebook's form (https://www.facebook.com/help/contact/712876720715583)" in shown


# --- WordPress.com: a member who self-hosts ------------------------------------------------------------


@pytest.mark.parametrize("question", ["is wordpress.org covered", "wordpress self hosted ai", "wordpress"])
def test_the_wordpress_answer_says_self_hosted_sites_are_not_covered(ask: Callable[[str], str], question: str) -> None:
    shown = first_message(ask, question)
    assert "Stop WordPress.com sharing your site" in shown
    assert "Self-hosted WordPress" in shown and "not covered" in shown


# --- LinkedIn: UK members and Microsoft's AI training ----------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "does opting out of linkedin ai stop the microsoft ai training sharing too?",
        "how do I opt out of LinkedIn AI training?",
    ],
)
def test_the_linkedin_answer_tells_uk_members_about_microsofts_ai_training(
    ask: Callable[[str], str], question: str
) -> None:
    shown = first_message(ask, question)
    assert "UK members" in shown and "Microsoft's own AI training" in shown and "same link" in shown


def test_the_linkedin_answer_still_says_what_the_switch_covers_and_where_it_applies(ask: Callable[[str], str]) -> None:
    # The Microsoft note came in at the cost of the regions' history, not of what a member most needs: what the
    # switch covers, that it now applies in Europe, the UK, Canada and Hong Kong too, and what is known of messages.
    shown = first_message(ask, "how do I opt out of LinkedIn AI training?")
    assert "It covers only AI that generates content" in shown
    assert "EU, EEA, Switzerland, the UK, Canada and Hong Kong" in shown
    assert "private messages are not used" in shown and "group messages" in shown
