"""统一社会信用代码 (GB 32100-2015): the check character and the subject type its prefix says.

18 characters: 登记管理部门代码 (1), 机构类别代码 (1), 登记管理机关行政区划码 (6), 主体标识码 (9),
校验码 (1), over an alphabet of 31 characters (no I, O, S, V, Z). The check value is
31 − (Σ value × weight mod 31), written as 0 when it is 31 (GB 32100-2015 §4 and annex B;
statutes.md §9).
"""

from __future__ import annotations

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
VALUES = {char: index for index, char in enumerate(ALPHABET)}
# 3^i mod 31 for positions 1–17.
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
LENGTH = 18

# 登记管理部门代码 9 (工商/市场监管) with its 机构类别代码: the subject types this platform serves.
PREFIX_SUBJECT_TYPES = {"91": "enterprise", "92": "individual", "93": "cooperative"}


def normalize(text: str) -> str:
    """Upper case without spaces: how people copy a code from a licence."""
    return "".join(text.split()).upper()


def check_character(first17: str) -> str:
    """The 18th character for the first 17 (which must be in the alphabet)."""
    total = sum(VALUES[char] * weight for char, weight in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def problem(code: str) -> str | None:
    """Why ``code`` (already normalized) is not a valid 统一社会信用代码, in Chinese; None if it is."""
    if len(code) != LENGTH:
        return f"统一社会信用代码应为18位，“{code}”为{len(code)}位。"
    wrong = [char for char in code if char not in VALUES]
    if wrong:
        return (
            f"统一社会信用代码“{code}”含有不允许的字符“{wrong[0]}”"
            "（只能是数字和除I、O、S、V、Z以外的大写字母）。"
        )
    expected = check_character(code[:17])
    if code[17] != expected:
        return f"统一社会信用代码“{code}”的校验码不正确，请核对营业执照上的代码。"
    return None


def is_valid(code: str) -> bool:
    return problem(normalize(code)) is None


def subject_type_of(code: str) -> str | None:
    """The subject type the code's first two characters name, if it is one of ours."""
    return PREFIX_SUBJECT_TYPES.get(code[:2])
