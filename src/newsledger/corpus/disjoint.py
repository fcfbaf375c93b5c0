"""Disjoint sets (union-find) whose group names do not depend on the order of the unions.

Each group is named by its smallest member, so the same links give the same names however they arrive:
what makes copy groups, entity clusters and claim threads independent of arrival order.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Generic, TypeVar

# Members must be orderable, so that "smallest" means the same thing on every run.
T = TypeVar("T", str, int, tuple[str, str])


class DisjointSets(Generic[T]):
    def __init__(self, items: Iterable[T] = ()) -> None:
        self._parent: dict[T, T] = {item: item for item in items}

    def __contains__(self, item: object) -> bool:
        return item in self._parent

    def add(self, item: T) -> None:
        self._parent.setdefault(item, item)

    def find(self, item: T) -> T:
        """The group's name: its smallest member."""
        self.add(item)
        root = item
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[item] != root:
            self._parent[item], item = root, self._parent[item]
        return root

    def union(self, first: T, second: T) -> None:
        a, b = self.find(first), self.find(second)
        if a != b:
            low, high = sorted((a, b))
            self._parent[high] = low

    def groups(self) -> dict[T, list[T]]:
        """Every group, ``{name: members in order}``."""
        found: dict[T, list[T]] = {}
        for item in sorted(self._parent):
            found.setdefault(self.find(item), []).append(item)
        return found
