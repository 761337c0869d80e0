"""Cross-links between documents (互设跳转链接, 平政办发〔2023〕51号): a document that implements
(配套、贯彻落实) a document of its own unit or of a unit above it links to it, and that document
lists its implementations (本级及下级配套文件).

Pure Python: no Django imports.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from .doc_number import find_doc_numbers, normalize_doc_number


@dataclass(frozen=True)
class LinkEnd:
    """One end of a link as the rules need it: the document, its unit's tree path
    (``/1/4/9/``) and name, and whether the public may read it."""

    id: int
    unit_path: str
    unit_name: str
    public: bool


def link_problem(
    *,
    document: LinkEnd,
    target: LinkEnd,
    linked: Collection[int],
    implements: Mapping[int, Collection[int]],
) -> str | None:
    """Why ``document`` may not be linked as implementing ``target``, in Chinese; None if it may.

    ``linked``: the ids the document implements already. ``implements``: document id → the ids
    it implements, for every document a cycle could pass through (links only point to the same
    unit or up, so those of the units from the document's up to the root suffice)."""
    if document.id == target.id:
        return "不能将文件设为它自身的上级文件。"
    if not document.unit_path.startswith(target.unit_path):
        return (
            f"只能关联本单位或上级单位的文件：“{target.unit_name}”不是"
            f"“{document.unit_name}”或其上级单位。"
        )
    if not target.public:
        return "只能关联已公开的文件（已发布且属于主动公开）。"
    if target.id in linked:
        return "已关联该文件，无需重复关联。"
    if reaches(target.id, document.id, implements):
        return "不能关联：该文件已直接或间接配套本文件，再关联将形成循环。"
    return None


def reaches(start: int, goal: int, implements: Mapping[int, Collection[int]]) -> bool:
    """Whether following "implements" from ``start`` arrives at ``goal``."""
    seen, stack = {start}, [start]
    while stack:
        for following in implements.get(stack.pop(), ()):
            if following == goal:
                return True
            if following not in seen:
                seen.add(following)
                stack.append(following)
    return False


def cited_doc_numbers(text: str, own: str = "") -> list[str]:
    """The doc numbers a text cites, canonical, in the order first cited, without the
    document's own (``own``, in any spelling)."""
    own = normalize_doc_number(own) if own else ""
    cited: list[str] = []
    for match in find_doc_numbers(text):
        number = str(match.doc_number)
        if number != own and number not in cited:
            cited.append(number)
    return cited
