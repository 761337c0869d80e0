"""The online consultation channel (网上咨询建言渠道) a site must offer.

19号 单项否决 5 互动回应差 (1) fires when a site offers 「未提供网上有效咨询建言渠道（网上信访、
纪检举报等专门渠道除外）」. The rule read from the pages: the site offers a channel when any page
crawled has a link (to the site itself or elsewhere, such as the area's 12345 platform) whose
text names a consultation or message service (``CHANNEL_WORDS``) and is not one of the excluded
special channels (``EXCLUDED_WORDS``). A link to the platform's own message form (path
``/hudong/`` or ``/messages/``) counts whatever its text.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from gongkai.supervision.domain.findings import NO_MESSAGE_CHANNEL, Finding

CHANNEL_WORDS = (
    "留言",
    "咨询",
    "建言",
    "信箱",
    "写信",
    "政民互动",
    "互动交流",
    "互动",
    "诉求",
    "12345",
    "意见征集",
)
EXCLUDED_WORDS = ("信访", "举报", "纪检", "监察")
_CHANNEL_PATHS = ("/hudong/", "/messages/")


def is_message_channel(text: str, url: str) -> bool:
    text = "".join(text.split())
    if any(word in text for word in EXCLUDED_WORDS):
        return False
    if any(word in text for word in CHANNEL_WORDS):
        return True
    return urlsplit(url).path.startswith(_CHANNEL_PATHS)


def no_channel_finding(home_url: str) -> Finding:
    return Finding(
        kind=NO_MESSAGE_CHANNEL,
        url=home_url,
        detail="网站未提供网上咨询建言渠道（未找到留言、咨询、信箱等互动栏目的链接）",
    )
