"""Receiving a request: channels and the receipt date (条例第三十一条), what an application holds
(第二十九条), tracking numbers, and the repeat check (第三十六条第（六）项)."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from enum import StrEnum

from gongkai.core.domain.errors import DomainError
from gongkai.core.domain.personal_data import is_credit_code, is_id_number


class IntakeError(DomainError):
    """An application cannot be received as given."""


class Channel(StrEnum):
    ONLINE = "online"
    IN_PERSON = "in_person"
    MAIL = "mail"  # 邮寄，行政机关签收
    LETTER = "letter"  # 平常信函等无需签收的邮寄方式
    FAX = "fax"

    @property
    def label(self) -> str:
        return CHANNEL_LABELS[self]

    @property
    def receipt_rule(self) -> str:
        """How the receipt date is fixed for this channel, as the staff form explains it."""
        return RECEIPT_RULES[self]

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(c.value, c.label) for c in cls]


CHANNEL_LABELS: dict[Channel, str] = {
    Channel.ONLINE: "网络平台",
    Channel.IN_PERSON: "当面提交",
    Channel.MAIL: "邮寄（需签收）",
    Channel.LETTER: "平常信函",
    Channel.FAX: "传真",
}

RECEIPT_RULES: dict[Channel, str] = {
    Channel.IN_PERSON: "以提交之日为收到申请之日（条例第三十一条第（一）项）",
    Channel.MAIL: "以行政机关签收之日为收到申请之日（条例第三十一条第（二）项）",
    Channel.LETTER: "以与申请人确认之日为收到申请之日（条例第三十一条第（二）项）",
    Channel.ONLINE: "以双方确认之日为收到申请之日（条例第三十一条第（三）项）",
    Channel.FAX: "以双方确认之日为收到申请之日（条例第三十一条第（三）项）",
}


def receipt_date(
    channel: Channel | str,
    *,
    submitted_on: date,
    signed_on: date | None = None,
    confirmed_on: date | None = None,
) -> date:
    """收到申请之日 by channel. A date the channel needs and that is missing is refused, and so
    is a signing or confirmation before the application was sent."""
    channel = Channel(channel)
    if channel is Channel.IN_PERSON:
        return submitted_on
    if channel is Channel.MAIL:
        day, what = signed_on, "签收日期"
    else:
        day, what = confirmed_on, "确认日期"
    if day is None:
        raise IntakeError(f"{channel.label}提交的申请须填写{what}：{channel.receipt_rule}。")
    if day < submitted_on:
        raise IntakeError(
            f"{what}（{day.isoformat()}）不能早于申请提交日期（{submitted_on.isoformat()}）。"
        )
    return day


class ApplicantIdType(StrEnum):
    RESIDENT_ID = "resident_id"
    PASSPORT = "passport"
    HK_MACAU_PERMIT = "hk_macau_permit"
    TAIWAN_PERMIT = "taiwan_permit"
    FOREIGN_PERMANENT = "foreign_permanent"
    CREDIT_CODE = "credit_code"
    OTHER = "other"

    @property
    def label(self) -> str:
        return ID_TYPE_LABELS[self]

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(t.value, t.label) for t in cls]


ID_TYPE_LABELS: dict[ApplicantIdType, str] = {
    ApplicantIdType.RESIDENT_ID: "居民身份证",
    ApplicantIdType.PASSPORT: "护照",
    ApplicantIdType.HK_MACAU_PERMIT: "港澳居民来往内地通行证",
    ApplicantIdType.TAIWAN_PERMIT: "台湾居民来往大陆通行证",
    ApplicantIdType.FOREIGN_PERMANENT: "外国人永久居留身份证",
    ApplicantIdType.CREDIT_CODE: "统一社会信用代码",
    ApplicantIdType.OTHER: "其他有效证件",
}


def check_id_number(id_type: ApplicantIdType | str, number: str) -> str:
    """The number, stripped and upper-cased; refused when its form is wrong for its type."""
    id_type = ApplicantIdType(id_type)
    value = re.sub(r"\s", "", unicodedata.normalize("NFKC", number)).upper()
    if not value:
        raise IntakeError("请填写证件号码。")
    if id_type is ApplicantIdType.RESIDENT_ID and not is_id_number(value):
        raise IntakeError("居民身份证号码不正确，请核对（18位，最后一位可能是X）。")
    if id_type is ApplicantIdType.CREDIT_CODE and not is_credit_code(value):
        raise IntakeError("统一社会信用代码不正确，请核对（18位数字或大写字母）。")
    if len(value) > 40:
        raise IntakeError("证件号码过长，请核对。")
    return value


class FormWanted(StrEnum):
    """申请公开的政府信息的形式要求 (第二十九条第（三）项)."""

    PAPER = "paper"
    EMAIL = "email"
    ELECTRONIC = "electronic"
    VIEWING = "viewing"

    @property
    def label(self) -> str:
        return FORM_LABELS[self]

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(f.value, f.label) for f in cls]


FORM_LABELS: dict[FormWanted, str] = {
    FormWanted.PAPER: "纸质文本",
    FormWanted.EMAIL: "电子邮件",
    FormWanted.ELECTRONIC: "电子数据（光盘、U盘等）",
    FormWanted.VIEWING: "当场查阅、抄录",
}


class DeliveryMethod(StrEnum):
    """获取信息的途径, and how the reply is delivered (送达)."""

    POST = "post"
    COLLECT = "collect"
    EMAIL = "email"
    ONLINE = "online"

    @property
    def label(self) -> str:
        return DELIVERY_LABELS[self]

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(d.value, d.label) for d in cls]


DELIVERY_LABELS: dict[DeliveryMethod, str] = {
    DeliveryMethod.POST: "邮寄",
    DeliveryMethod.COLLECT: "自行领取",
    DeliveryMethod.EMAIL: "电子邮件",
    DeliveryMethod.ONLINE: "网上查阅下载",
}


# 村（居）民委员会 are not 行政机关: their affairs are disclosed as 村（居）务公开 under the
# 村民委员会组织法, and requests under the 条例 go to the township government above them.
NOT_ACCEPTING_KINDS = frozenset({"village"})


def accepts_requests(unit_kind: str) -> bool:
    return unit_kind not in NOT_ACCEPTING_KINDS


def tracking_number(unit_code: str, year: int, serial: int) -> str:
    """E.g. ``013901000-2026-0012``: the unit, the year received, a serial that counts up."""
    return f"{unit_code}-{year}-{serial:04d}"


_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)


def same_information_key(description: str) -> str:
    """A key under which two descriptions of the same information compare equal.

    Only what a person would call "the same words": width, case, spaces and punctuation are
    ignored. Deciding that a request is a repeat stays with the handler (the check suggests).
    """
    folded = unicodedata.normalize("NFKC", description).casefold()
    return _NOT_WORD.sub("", folded)
