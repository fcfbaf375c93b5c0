"""Average-link clustering of a small set of items, deterministic whatever order the items came in.

Items are sorted before anything else and ties go to the first pair in that order, so the same set gives
the same clusters every time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np


def average_link(
    items: Iterable[str], similarity: Callable[[str, str], float], threshold: float
) -> list[list[str]]:
    """Merge the two clusters with the highest mean pairwise similarity until none reaches ``threshold``.

    Returns clusters as sorted lists, ordered by their first item.
    """
    ordered = sorted(set(items))
    size = len(ordered)
    if size < 2:
        return [ordered] if ordered else []
    matrix = np.zeros((size, size))
    for i in range(size):
        for j in range(i + 1, size):
            matrix[i, j] = matrix[j, i] = similarity(ordered[i], ordered[j])
    np.fill_diagonal(matrix, -np.inf)
    members: dict[int, list[int]] = {i: [i] for i in range(size)}
    counts = np.ones(size)
    alive = np.ones(size, dtype=bool)
    while True:
        masked = np.where(alive[:, None] & alive[None, :], matrix, -np.inf)
        first, second = divmod(int(np.argmax(masked)), size)
        if masked[first, second] < threshold:
            break
        merged = (matrix[first] * counts[first] + matrix[second] * counts[second]) / (
            counts[first] + counts[second]
        )
        matrix[first, :] = merged
        matrix[:, first] = merged
        matrix[first, first] = -np.inf
        counts[first] += counts[second]
        alive[second] = False
        members[first].extend(members.pop(second))
    clusters = [sorted(ordered[i] for i in group) for group in members.values()]
    return sorted(clusters, key=lambda cluster: cluster[0])
