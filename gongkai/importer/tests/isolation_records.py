"""An imported draft of a unit whose staff alone may see it, for the isolation walk
(``gongkai/core/tests/test_security_isolation.py``)."""

from __future__ import annotations

from datetime import date

from gongkai.importer.candidate import read_candidate
from gongkai.importer.services import Register, document_import


def make_records(*, unit, marker: str, actor) -> None:
    text = f"{unit.name}关于{marker}导入事项的通知\n\n各村：\n\n{marker}正文。\n\n{unit.name}\n2025年3月1日\n"
    candidate = read_candidate(
        text.encode(), f"{marker}.txt", modified=date(2025, 3, 1), source=f"{marker}.txt"
    )
    document_import(actor=None, unit=unit, candidate=candidate, register=Register.of(unit))
