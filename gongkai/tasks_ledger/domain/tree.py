"""A work plan's tasks as the tree the document numbers them in (二 → （一） → 1)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Generic, Protocol, TypeVar


class HasPath(Protocol):
    path: Sequence[str]


T = TypeVar("T", bound=HasPath)


@dataclass
class Node(Generic[T]):
    label: str
    tasks: list[T] = field(default_factory=list)
    children: list[Node[T]] = field(default_factory=list)


def task_tree(tasks: Iterable[T]) -> list[Node[T]]:
    """Group tasks (in document order) under their path labels.

    A task sits in the node of its whole path: item 1 under 二/（一） is in node 1, and an
    unnumbered paragraph that shares item 1's path sits beside it there.
    """
    roots: list[Node[T]] = []
    for task in tasks:
        level = roots
        node: Node[T] | None = None
        for label in task.path:
            if level and level[-1].label == label:
                node = level[-1]
            else:
                node = Node(label)
                level.append(node)
            level = node.children
        if node is None:  # a task outside any numbered item
            node = Node("")
            roots.append(node)
        node.tasks.append(task)
    return roots
