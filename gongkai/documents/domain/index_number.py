"""索引号 (index numbers): formatting and parsing against a configurable template.

No national format exists (statutes.md §6); gov.cn uses ``{机构代码}/{年份}-{5位流水号}``
(``000014349/2018-00222``) and local sites vary, so the format is a template setting:

- ``{unit_code}``: the unit's organisation code or 统一社会信用代码;
- ``{YYYY}``: the year;
- ``{MM}``: the month, two digits;
- ``{N…N}``: the serial, zero-padded to as many digits as there are N's.

The serial is allocated (unique, never reused) by the database layer; these functions only
turn the parts into text and back. Every placeholder but ``{unit_code}`` has a fixed width, so
parsing is unambiguous whatever the literal text around them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

DEFAULT_TEMPLATE = "{unit_code}/{YYYY}-{NNNNN}"

_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_SERIAL = re.compile(r"N+")
_KNOWN = ("unit_code", "YYYY", "MM")


@dataclass(frozen=True, slots=True)
class IndexNumber:
    """The parts recovered from an index number; a part the template lacks is None."""

    serial: int
    unit_code: str | None = None
    year: int | None = None
    month: int | None = None


@dataclass(frozen=True, slots=True)
class _Template:
    pieces: tuple[str, ...]  # literal text and placeholder names, alternating
    serial_width: int
    pattern: re.Pattern[str]

    @property
    def names(self) -> tuple[str, ...]:
        return self.pieces[1::2]


def validate_template(template: str) -> None:
    """Raise ValueError, in Chinese for the settings screen, if ``template`` is unusable."""
    _compile(template)


@lru_cache(maxsize=64)
def _compile(template: str) -> _Template:
    pieces = _PLACEHOLDER.split(template)
    literals, names = pieces[0::2], pieces[1::2]
    for literal in literals:
        if "{" in literal or "}" in literal:
            raise ValueError(f"索引号格式“{template}”中的花括号不成对")
    serials = [name for name in names if _SERIAL.fullmatch(name)]
    for name in names:
        if name not in _KNOWN and not _SERIAL.fullmatch(name):
            raise ValueError(
                f"索引号格式中有未知的占位符“{{{name}}}”，"
                "可用的占位符：{unit_code}、{YYYY}、{MM}、{NNNNN}（N 的个数即流水号位数）"
            )
    if len(serials) != 1:
        # Without a serial two documents would get the same number.
        raise ValueError("索引号格式必须包含且只包含一个流水号占位符，如 {NNNNN}")
    if len(set(names)) != len(names):
        raise ValueError(f"索引号格式“{template}”中有重复的占位符")

    regex = []
    for k, piece in enumerate(pieces):
        if k % 2 == 0:
            regex.append(re.escape(piece))
        elif piece == "unit_code":
            regex.append(r"(?P<unit_code>\S+)")
        elif piece == "YYYY":
            regex.append(r"(?P<year>[0-9]{4})")
        elif piece == "MM":
            regex.append(r"(?P<month>0[1-9]|1[0-2])")
        else:
            regex.append(rf"(?P<serial>[0-9]{{{len(piece)}}})")
    return _Template(tuple(pieces), len(serials[0]), re.compile("".join(regex)))


def format_index_number(
    template: str, *, unit_code: str, year: int, serial: int, month: int | None = None
) -> str:
    """Render an index number: ``format_index_number(DEFAULT_TEMPLATE, unit_code="000014349",
    year=2018, serial=222)`` gives ``000014349/2018-00222``."""
    compiled = _compile(template)
    names = compiled.names
    if "unit_code" in names and (not unit_code or any(c.isspace() for c in unit_code)):
        raise ValueError(f"单位代码“{unit_code}”不能为空或含有空白字符")
    if "YYYY" in names and not 1000 <= year <= 9999:
        raise ValueError(f"年份 {year} 不是四位数")
    if "MM" in names and (month is None or not 1 <= month <= 12):
        raise ValueError("索引号格式包含月份 {MM}，需要 1 至 12 的月份")
    width = compiled.serial_width
    if not 1 <= serial < 10**width:
        # A wider serial would break the fixed width that sorting and parsing rely on.
        raise ValueError(f"流水号 {serial} 超出 {width} 位流水号的范围（1 至 {10**width - 1}）")

    values = {
        "unit_code": unit_code,
        "YYYY": f"{year:04d}",
        "MM": f"{month or 0:02d}",
        "N" * width: f"{serial:0{width}d}",
    }
    return "".join(
        piece if k % 2 == 0 else values[piece] for k, piece in enumerate(compiled.pieces)
    )


def parse_index_number(template: str, text: str) -> IndexNumber | None:
    """Recover the parts of an index number written with ``template``; None if it does not
    follow the template."""
    match = _compile(template).pattern.fullmatch(text.strip())
    if match is None:
        return None
    parts = match.groupdict()
    serial = int(parts["serial"])
    if serial == 0:
        return None
    return IndexNumber(
        serial=serial,
        unit_code=parts.get("unit_code"),
        year=int(parts["year"]) if parts.get("year") else None,
        month=int(parts["month"]) if parts.get("month") else None,
    )
