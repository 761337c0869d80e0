"""What a check finds: the one shape shared by the site checker, the stored runs, the scoring
and the ``gongkai sitecheck --json`` output."""

from __future__ import annotations

from dataclasses import dataclass

# Site checks (国办秘函〔2019〕19号 items and the platform's own).
BROKEN_LINK = "broken_link"
PERSONAL_DATA = "personal_data"
WORDING = "wording"
STALE_COLUMN = "stale_column"
EMPTY_COLUMN = "empty_column"
HOME_NOT_UPDATED = "home_not_updated"
UNREACHABLE = "unreachable"
NO_MESSAGE_CHANNEL = "no_message_channel"
UNANSWERED_MESSAGE = "unanswered_message"
ACCESSIBILITY = "accessibility"

SITE_KINDS = (
    BROKEN_LINK,
    PERSONAL_DATA,
    WORDING,
    STALE_COLUMN,
    EMPTY_COLUMN,
    HOME_NOT_UPDATED,
    UNREACHABLE,
    NO_MESSAGE_CHANNEL,
    UNANSWERED_MESSAGE,
    ACCESSIBILITY,
)

# New-media account checks.
DUPLICATE_PLATFORM = "duplicate_platform"
STALE_ACCOUNT = "stale"
NO_INTERACTION = "no_interaction"

ACCOUNT_KINDS = (DUPLICATE_PLATFORM, STALE_ACCOUNT, NO_INTERACTION)


@dataclass(frozen=True)
class Finding:
    """One problem on one page (or account).

    ``detail`` is the sentence a clerk reads (Chinese); ``value`` is the evidence in short: the
    HTTP status or error, the wrong word, the newest date of a column. Personal data is never
    stored or printed whole: ``value`` holds it masked. ``serious`` marks a wording error that
    is a 严重表述错误 (单项否决 1 of 国办秘函〔2019〕19号); it is not part of the JSON shape
    because the veto list that goes with the findings already says so.
    """

    kind: str
    url: str
    column: str = ""
    detail: str = ""
    value: str = ""
    serious: bool = False

    def as_json(self) -> dict[str, str]:
        return {
            "kind": self.kind,
            "url": self.url,
            "column": self.column,
            "detail": self.detail,
            "value": self.value,
        }
