"""The real `privacy-bot run --http` process, driven over HTTP exactly as Slack drives it."""

from __future__ import annotations

import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.local import payloads
from bot.local.fake_slack import FakeSlack
from bot.local.sender import SignedSender
from bot.local.workspace import GENERAL, LOCAL_APP_TOKEN, LOCAL_BOT_TOKEN, LOCAL_SIGNING_SECRET, MEMBER, im_channel_id
from bot.store import make_engine
from tests.botproc import BotProcess, free_port, start_bot, start_http_bot
from tests.databases import PG_SKIPPED, TEST_DATABASE_URL, scratch_database

pytestmark = pytest.mark.e2e
LINK = "https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement"


@pytest.fixture(scope="module")
def module_slack() -> Iterator[FakeSlack]:
    with FakeSlack() as stand_in:
        yield stand_in


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if request.param == "postgresql" and not TEST_DATABASE_URL:
        pytest.skip(PG_SKIPPED)
    with scratch_database(request.param, tmp_path_factory.mktemp("db")) as url:
        yield url


@pytest.fixture(scope="module")
def bot(module_slack: FakeSlack, database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[BotProcess]:
    workdir = tmp_path_factory.mktemp("bot")
    port = free_port()
    env = {
        "SLACK_BOT_TOKEN": LOCAL_BOT_TOKEN,
        "SLACK_SIGNING_SECRET": LOCAL_SIGNING_SECRET,
        # Also set, to prove `--http` keeps checking signatures when a Socket Mode token is configured.
        "SLACK_APP_TOKEN": LOCAL_APP_TOKEN,
        "SLACK_API_URL": module_slack.api_url,
        "DATABASE_URL": database_url,
    }
    process = start_bot(
        ["run", "--http", "--host", "127.0.0.1", "--port", str(port)], env=env, cwd=workdir, ready="listening"
    )
    process.url = f"http://127.0.0.1:{port}"
    yield process
    process.stop()


@pytest.fixture
def http(bot: BotProcess, module_slack: FakeSlack) -> SignedSender:
    # Slack gives up on a slash command after 3 s: so does this sender.
    return SignedSender(f"{bot.url}/slack/events", LOCAL_SIGNING_SECRET, response_urls=module_slack, timeout=3.0)


def _all_text(blocks: list[dict[str, object]]) -> str:
    return str(blocks)


def test_slash_command_answers_with_desktop_and_app_steps_and_the_link(http: SignedSender) -> None:
    reply = http.slash_command(text="linkedin")
    assert reply.status == 200
    body = reply.json()
    assert body["response_type"] == "ephemeral"
    text = _all_text(body["blocks"])
    assert "On desktop web" in text
    assert "iPhone/iPad app and Android app" in text
    assert "Data for Generative AI Improvement" in text
    buttons = [b["accessory"] for b in body["blocks"] if b.get("accessory", {}).get("type") == "button"]
    assert any(button.get("url") == LINK for button in buttons)


def test_a_direct_message_gets_the_guide(http: SignedSender, module_slack: FakeSlack) -> None:
    before = len(module_slack.calls)
    assert (
        http.event(payloads.dm_message(user_id=MEMBER, text="how do i stop linkedin training ai on my data?")).status
        == 200
    )
    call = module_slack.wait_for(
        lambda: next((c for c in module_slack.calls[before:] if c.method == "chat.postMessage"), None)
    )
    assert call.ok
    assert call.args["channel"] == im_channel_id(MEMBER)
    assert "Stop LinkedIn using your data to train generative AI" in str(call.structured("blocks"))


def test_a_mention_is_answered_in_its_thread(http: SignedSender, module_slack: FakeSlack) -> None:
    before = len(module_slack.calls)
    event = payloads.app_mention(user_id=MEMBER, text="how do I opt out of linkedin ai on android?")
    assert http.event(event).status == 200
    call = module_slack.wait_for(
        lambda: next((c for c in module_slack.calls[before:] if c.method == "chat.postMessage"), None)
    )
    assert call.ok
    assert call.args["channel"] == GENERAL
    assert call.args["thread_ts"] == event["ts"]
    assert "Steps on Android app" in str(call.structured("blocks"))


@pytest.mark.parametrize("tamper", ["forged", "stale"])
def test_bad_signatures_get_401_and_change_nothing(
    http: SignedSender, module_slack: FakeSlack, bot: BotProcess, tamper: str
) -> None:
    bad = http.forged() if tamper == "forged" else http.stale()
    calls_before = len(module_slack.calls)
    user = "U0ADA"
    assert bad.slash_command(text="done linkedin", user_id=user).status == 401
    assert bad.event(payloads.dm_message(user_id=user, text="linkedin")).status == 401
    assert bad.block_action(action_id="attest_confirmed", value="linkedin-ai-training|ios", user_id=user).status == 401
    # Nothing was recorded: the member's status is still "not done yet" ...
    status = http.slash_command(text="status", user_id=user).json()
    assert "not done yet" in str(status["blocks"])
    assert "done (" not in str(status["blocks"])
    # ... and the bot called Slack for none of the rejected requests.
    assert module_slack.calls[calls_before:] == []


def test_healthz_answers_200_when_the_database_answers(bot: BotProcess) -> None:
    with urllib.request.urlopen(f"{bot.url}/healthz", timeout=3) as response:
        assert response.status == 200


def test_metrics_count_requests_and_answers_without_naming_anyone(http: SignedSender, bot: BotProcess) -> None:
    http.slash_command(text="linkedin", user_id="U0BEN")
    http.slash_command(text="what's for lunch", user_id="U0BEN")
    with urllib.request.urlopen(f"{bot.url}/metrics", timeout=3) as response:
        text = response.read().decode()
    assert 'privacy_bot_answers_total{guide="linkedin-ai-training"}' in text
    assert 'privacy_bot_answers_total{guide="none"}' in text
    assert 'privacy_bot_slack_requests_total{kind="slash",status="200"}' in text
    assert "U0BEN" not in text


def test_four_concurrent_duplicate_clicks_make_one_record_that_status_shows_and_forget_me_removes(
    http: SignedSender, module_slack: FakeSlack, database_url: str
) -> None:
    user = "U0DEV"
    response_url = module_slack.new_response_url(channel=GENERAL, user=user)
    barrier = threading.Barrier(4)
    statuses: list[int] = []

    def click() -> None:
        barrier.wait()
        reply = http.block_action(
            action_id="attest_confirmed",
            value="linkedin-ai-training|android",
            user_id=user,
            is_ephemeral=True,
            container_ts=payloads.message_ts(),
            response_url=response_url,
        )
        statuses.append(reply.status)

    threads = [threading.Thread(target=click) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200] * 4
    # Slack got its 200s at once; the bot records and then updates the message: wait for the four updates.
    module_slack.wait_for(lambda: len([p for p in module_slack.responses if p.url == response_url]) == 4)
    updates = [post.body for post in module_slack.responses if post.url == response_url]
    # One message, replaced in place with the same content each time: the member sees a single reply.
    assert all(update == updates[0] and update["replace_original"] for update in updates)

    status = http.slash_command(text="status", user_id=user).json()
    assert "Stop LinkedIn using your data to train generative AI* – done" in str(status["blocks"])

    engine = make_engine(database_url)
    try:
        with engine.connect() as db:
            rows = db.execute(text("select status, platform from attestations where user_id = :u"), {"u": user}).all()
            audits = db.execute(
                text("select count(*) from audit_log where subject_id = :u and action = 'attestation.recorded'"),
                {"u": user},
            ).scalar()
        assert [tuple(row) for row in rows] == [("confirmed", "android")]
        assert audits == 1

        forget_url = module_slack.new_response_url(channel=GENERAL, user=user)
        forget = http.block_action(action_id="forget_confirm", value="yes", user_id=user, response_url=forget_url)
        assert forget.status == 200
        # This click's own answer: the stand-in outlives one parameter, so older "deleted" answers are there too.
        module_slack.wait_for(
            lambda: any("deleted" in str(post.body) for post in module_slack.responses if post.url == forget_url)
        )
        status = http.slash_command(text="status", user_id=user).json()
        assert "done (" not in str(status["blocks"])
        with engine.connect() as db:
            remaining = db.execute(text("select count(*) from attestations where user_id = :u"), {"u": user})
            assert remaining.scalar() == 0
    finally:
        engine.dispose()


def test_start_up_asks_slack_who_the_bot_is_once(tmp_path: Path) -> None:
    with FakeSlack() as slack:
        bot = start_http_bot(slack.api_url, tmp_path, flags=("--no-scheduler",))
        try:
            # The start-up check's answer is the bot's identity, and bolt's authorization takes it too.
            assert len(slack.calls_to("auth.test")) == 1
        finally:
            bot.stop()
