"""Unique block keys that stay put: a block repeated word for word keeps its key while others change."""

from __future__ import annotations

from editor.article.text_changes import common_prefix_length, common_suffix_length


class BlockNames:
    """Names blocks by their output key, made unique with `~n` for repeats, keeping last render's names
    for the blocks before and after the part that changed.

    Numbering repeats by order alone would rename every later copy of a repeated block (an empty
    paragraph, a recurring table) when one copy is edited, and the page would then rebuild all of them.
    """

    def __init__(self) -> None:
        self._bases: list[str] = []
        self._names: list[str] = []

    def name(self, bases: list[str]) -> list[str]:
        """Unique names for blocks with the output keys `bases`, in document order."""
        old_bases, old_names = self._bases, self._names
        prefix = common_prefix_length(old_bases, bases)
        suffix = common_suffix_length(old_bases, bases, min(len(old_bases), len(bases)) - prefix)
        end = len(bases) - suffix
        names = old_names[:prefix] + [""] * (end - prefix) + old_names[len(old_names) - suffix :]
        taken = set(names[:prefix])
        taken.update(names[end:])
        counters: dict[str, int] = {}
        for index in range(prefix, end):
            base = bases[index]
            name, number = base, counters.get(base, 0)
            while name in taken:
                number += 1
                name = f"{base}~{number}"
            counters[base] = number
            taken.add(name)
            names[index] = name
        self._bases, self._names = bases, names
        return names
