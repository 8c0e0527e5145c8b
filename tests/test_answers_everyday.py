"""Questions as members type them in Slack, asked through `privacy-bot ask --json`: phones and computers by their
model ("iphone 15", "pixel 8", "galaxy s23", "mac mini", "chromebook"), slips of the keyboard and of the ear
("gemeni", "tumbler"), chat slang ("lol", "smh"), the training switch in Spanish, Italian or German, a plan after
the service's name ("chatgpt plus"), and services we have no guide for, which must hear so, never get a guide."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.answers import Platform
from tests.guide_ids import (
    ADOBE,
    AI,
    CHATGPT,
    CLAUDE,
    COPILOT,
    DOWNLOAD,
    GEMINI,
    GRAMMARLY,
    GROK,
    MEDIUM,
    META,
    PINTEREST,
    QUORA,
    REDDIT,
    SLACK,
    SUBSTACK,
    TUMBLR,
    WORDPRESS,
    ZOOM,
)

# (what a member types, the guide they should get, the platform they named)
EVERYDAY: list[tuple[str, str | None, Platform | None]] = [
    # the device by its model, or said in passing
    ("i have an iphone 15, how do i turn off linkedin ai", AI, "ios"),
    ("linkedin ai training iphone 15 pro max", AI, "ios"),
    ("li ai opt out on iphone 15", AI, "ios"),
    ("on my pixel 8 how do i stop gemini saving my chats", GEMINI, "android"),
    ("Gemini Keep Activity off on pixel", GEMINI, "android"),
    ("galaxy s23 chatgpt training off", CHATGPT, "android"),
    ("chat gpt on my samsung s24 ultra", CHATGPT, "android"),
    ("openai on my android tablet", CHATGPT, "android"),
    ("how to turn off chatgpt training on ipad", CHATGPT, "ios"),
    ("pinterest ai on my ipad mini", PINTEREST, "ios"),
    ("whats the x grok thing on iphone 16", GROK, "ios"),
    ("quora app iphone opt out llm", QUORA, "ios"),
    ("how do i turn off ai on insta on my iphone 13 mini", META, "ios"),
    ("meta ai opt out in germany on my iphone", META, "ios"),
    ("i use instagram on my pixel 7a, how do i object to meta ai", META, "android"),
    ("copilot model training android phone", COPILOT, "android"),
    ("how do i download my linkedin data on my galaxy tab", DOWNLOAD, "android"),
    ("tumblr on android - third party sharing", TUMBLR, "android"),
    ("linkedin genai opt out on mac", AI, "desktop"),
    ("gemini on my mac mini", GEMINI, "desktop"),
    ("claude privacy setting on my macbook air", CLAUDE, "desktop"),
    ("i'm on a chromebook, where's the grok setting", GROK, "desktop"),
    ("grammarly on chromebook", GRAMMARLY, "desktop"),
    ("how do i opt out of linkedin ai on my work laptop", AI, "desktop"),
    ("x.com grok opt out", GROK, "desktop"),
    # slips, slang and short names
    ("how do i stop linkdin from using my stuff for ai lol", AI, None),
    ("smh linkedin ai is on by default?? how to turn off", AI, None),
    ("linkedIn AI opt out pls", AI, None),
    ("ai opt out for li", AI, None),
    ("does linkedin use my cv for ai", AI, None),
    ("chatgbt training opt out", CHATGPT, None),
    ("chat-gpt opt out", CHATGPT, None),
    ("gpt training opt out", CHATGPT, None),
    ("ChatGPT Plus training opt out", CHATGPT, None),
    ("anthropics claude trains on my chats??", CLAUDE, None),
    ("grok trainin opt out", GROK, None),
    ("ngl does twitter use my tweets for ai", GROK, None),
    ("gemeni activity off", GEMINI, None),
    ("grammerly ai traning", GRAMMARLY, None),
    ("pintrest canvas opt out", PINTEREST, None),
    ("substak block ai", SUBSTACK, None),
    ("instagran ai opt out", META, None),
    ("IG ai opt out", META, None),
    ("faceboook meta ai objection form", META, None),
    ("tumbler ai training", TUMBLR, None),
    ("wordpres third party sharing", WORDPRESS, None),
    ("yo does slack train on our dms", SLACK, None),
    ("quora llm thing", QUORA, None),
    ("is zoom ai companion training on my calls?", ZOOM, None),
    ("reddit selling our posts to google for ai", REDDIT, None),
    ("medium gptbot", MEDIUM, None),
    ("adobe firefly trained on my photos?", ADOBE, None),
    ("lightroom content analysis off", ADOBE, None),
    ("bing chat training opt out", COPILOT, None),
    ("msft copilot voice training", COPILOT, None),
    # the training switch in other languages, with the English words people mix in
    ("linkedin KI opt-out", AI, None),
    ("chatgpt KI-Training deaktivieren", CHATGPT, None),
    ("gemini KI training ausschalten am handy", GEMINI, "mobile"),
    ("claude datenschutz einstellung", CLAUDE, None),
    ("linkedin daten herunterladen", DOWNLOAD, None),
    ("désactiver l'IA de instagram", META, None),
    ("opt-out IA linkedin svp", AI, None),
    ("linkedin IA entrenamiento desactivar", AI, None),
    ("cómo desactivar el entrenamiento de IA en chatgpt desde mi móvil", CHATGPT, "mobile"),
    ("come disattivare l'addestramento IA di linkedin", AI, None),
    # services we have no guide for: no guide, whatever else the question says
    ("how do i stop tiktok using my videos for ai", None, None),
    ("whatsapp ai training opt out", None, None),
    ("does snapchat my ai train on my snaps", None, None),
    ("discord ai training", None, None),
    ("notion ai uses my notes?", None, None),
    ("turn off microsoft teams ai training", None, None),
    ("spotify on my iphone 15 ai training", None, "ios"),
    ("does duolingo train ai on my voice", None, None),
    ("perplexity opt out of training", None, None),
    ("does deepseek train on my chats", None, None),
    ("does otter.ai use my meetings for training", None, "desktop"),
    ("telegram ai opt out on android", None, "android"),
    ("threads ai training", None, None),
    ("youtube ai training opt out", None, None),
    ("gmail smart features ai training", None, None),
    ("canva ai training opt out", None, None),
    ("does mistral le chat train on my data", None, None),
    ("github copilot training on my code", None, None),  # GitHub's, not Microsoft's consumer Copilot
    ("bluesky ai training", None, None),
    ("hinge ai training opt out", None, None),  # a service we do not even know: offered guides, none given
    ("vsco ai training opt out", None, None),
    ("tumbler ai scraping", None, None),  # nothing says Tumblr's option is about scraping: offered, not given
    ("which apps should i opt out of for ai training", None, None),
    # what these rules must not catch
    ("is there a handy way to opt out of linkedin ai", AI, None),  # English "handy" is no phone
    ("linkedin premium", None, None),  # a plan named alone asks about the plan
    ("is linkedin easy to use", None, None),  # how easy, with no privacy topic, is about using it
    ("is chatgpt plus worth it", None, None),
    ("does meta ai read my whatsapp chats", None, None),  # Meta's guide does not name WhatsApp
    ("lol", None, None),
]

# The services a question without a guide names, told back to the member ("I have no guide for that yet (TikTok)").
NAMED_BACK = {
    "how do i stop tiktok using my videos for ai": "TikTok",
    "whatsapp ai training opt out": "WhatsApp",
    "turn off microsoft teams ai training": "Microsoft Teams",
    "github copilot training on my code": "GitHub",
    "does mistral le chat train on my data": "Mistral",
    "does meta ai read my whatsapp chats": "WhatsApp",
}


@pytest.mark.parametrize(("text", "guide", "platform"), EVERYDAY, ids=[row[0] for row in EVERYDAY])
def test_an_everyday_question_gets_the_right_guide_and_platform(
    ask_json: Callable[[str], dict[str, object]], text: str, guide: str | None, platform: Platform | None
) -> None:
    answer = ask_json(text)
    assert (answer["guide"], answer["platform"]) == (guide, platform)
    if guide is None:
        assert isinstance(answer["confidence"], float) and answer["confidence"] < 0.3
    if text in NAMED_BACK:
        assert f"I have no guide for that yet ({NAMED_BACK[text]})" in str(answer["text"])


def test_the_table_is_new_questions_and_enough_of_them() -> None:
    from tests.test_answers import LINKEDIN_QUESTIONS, PHRASINGS

    texts = [row[0] for row in EVERYDAY]
    assert len(texts) == len(set(texts)) >= 60
    assert not set(texts) & {row[0] for row in (*PHRASINGS, *LINKEDIN_QUESTIONS)}
    assert sum(guide is None for _text, guide, _platform in EVERYDAY) >= 20


# Everyday words beside a guide's subject do not lose the guide. A question asking a guide's switch (turning it off,
# opting out, objecting, where its setting is) with a word of the guide's topic is that guide, whatever words tell how
# the member came to ask: when they joined, what they use, where they read of it, that it did not work. Questions
# without such a word stay what they were.
BESIDE_A_GUIDES_TOPIC: list[tuple[str, str | None]] = [
    ("i made my x account in july, how do i turn off grok training", GROK),
    ("i joined twitter years ago, how do i stop it using my posts for ai", GROK),
    ("claude training off, i mostly use the browser", CLAUDE),
    ("i mostly browse on safari, where is the chatgpt training setting", CHATGPT),
    ("i turned off chatgpt training but it's not working", CHATGPT),
    ("which version of the chatgpt app has the training setting", CHATGPT),
    ("i set up copilot in october, how do i turn off training", COPILOT),
    ("i have an old phone, how do i turn off gemini activity", GEMINI),
    ("what is the gemini activity setting called now", GEMINI),
    ("grammarly on my team plan, how do i stop training", GRAMMARLY),
    ("grammarly chrome extension, how do i stop training", GRAMMARLY),
    ("how do i opt out of meta ai, my friend showed me the form", META),
    ("how do i confirm my meta ai objection went through", META),
    ("i saw the linkedin ai news in safari, where is the setting", AI),
    ("firefox blocked the linkedin settings page, how do i opt out of ai", AI),
    ("it asked me to confirm, is my linkedin ai opt out done?", AI),
    ("linkedin ai opt out for my personal profile, not the company one", AI),
    ("how many hours until the linkedin ai setting takes effect", AI),
    ("will my job recommendations on linkedin change if i opt out of ai", AI),
    # no switch asked, or no word of a guide's topic: not a guide
    ("my zoom keeps crashing", None),
    ("linkedin keeps logging me out", None),
    ("is linkedin premium worth it", None),
    ("write me a linkedin post about ai", None),
    ("how do i turn off dark mode on linkedin", None),
    ("how do i turn off linkedin notifications", None),
    ("how do i stop linkedin ads using my data", None),
    # what is turned off is another thing of the topic, named right after its word
    ("how do i turn off linkedin ai job alerts", None),
    ("turn off ai powered dark mode on linkedin", None),
    # reading about it is how the member heard of the topic, not a service reading their data
    ("i read about it in chrome's news, how do i turn off linkedin ai", AI),
    ("read about this on a blog, how do i opt out of chatgpt training", CHATGPT),
    ("i was reading about claude training, how do i turn it off", CLAUDE),
    # a service reading: not this
    ("does meta ai read my whatsapp chats", None),
    # the service's setting named as one thing ("the grok setting") and asked for is its guide's, with no other word of
    # its topic needed; a setting named for something else, or not asked for, is not
    ("which page is the grok setting on, i can't find the label", GROK),
    ("i found the claude setting through a chrome search, how do i turn it off on my phone", CLAUDE),
    ("my coworker mentioned it, where is the gemini setting", GEMINI),
    ("where is the linkedin dark mode setting", None),
    ("the linkedin settings page won't load", None),
    ("linkedin settings keep crashing", None),
    ("where is the zoom setting for my camera", None),
    ("find the slack setting for notifications", None),
    ("where is the linkedin setting to change my profile photo", None),
    # which of the member's accounts ("my school account", "my business profile") says whose data, as "my" does
    ("copilot training on my school account", COPILOT),
    ("claude training for my old account", CLAUDE),
    ("gemini activity on my kid's account", GEMINI),
    ("does linkedin ai use my business profile", AI),
    ("grammarly on my team plan, does it train on my writing", GRAMMARLY),
    # an account asked about with no word of a guide's topic: not a guide
    ("how do i delete my school account on linkedin", None),
    ("how do i switch to my school account on linkedin", None),
    # how long something lasts, asked how long, is what the guide says (the download link: 72 hours)
    ("how long is the linkedin download link good for", DOWNLOAD),
    ("how long does the linkedin export link work", DOWNLOAD),
    ("how long is a good linkedin post", None),
    ("how long until slack replies to my opt-out email", SLACK),
    ("how soon does slack respond to the opt out email", SLACK),
    ("how do i reply to a message in slack", None),
    ("is linkedin premium good", None),
    # people reading or reviewing the member's things is human review, which a guide's note answers (Gemini's)
    ("is a human reading my gemini chats", GEMINI),
    ("is this human reviewed, gemini chats", GEMINI),
    ("do human reviewers see my gemini chats", GEMINI),
    ("does a person review my gemini chats", GEMINI),
    ("can people at google read my gemini conversations", GEMINI),
    ("how do i leave a review of the gemini app", None),
    # asking whether the setting applies to the member is a privacy question, whatever they say of themselves
    ("my wordpress site is self hosted, do i need this setting", WORDPRESS),
    ("i just read substack newsletters, do i need to switch anything", SUBSTACK),
    ("i only use grammarly for email, does this setting apply to me", GRAMMARLY),
    ("do i need linkedin for my job", None),
    ("linkedin settings keep crashing, do i need to reinstall", None),
    # "are you able to" is "can you": asking for help with a service is asking for its guide
    ("are you able to help with gemini", GEMINI),
    ("are you able to help me with chatgpt training", CHATGPT),
    ("would you be able to help with my claude settings", CLAUDE),
]


@pytest.mark.parametrize(("text", "guide"), BESIDE_A_GUIDES_TOPIC, ids=[row[0] for row in BESIDE_A_GUIDES_TOPIC])
def test_everyday_words_beside_a_guides_topic_keep_its_guide(
    ask_json: Callable[[str], dict[str, object]], text: str, guide: str | None
) -> None:
    answer = ask_json(text)
    assert answer["guide"] == guide
    if guide is not None:
        assert "I couldn't tell which guide" not in str(answer["text"])
