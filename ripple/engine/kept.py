"""What the engine keeps to play fast: values worked out once from things that never change,
and arrays shared between turns or games, made read-only so nothing can change them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

import numpy as np

Source = TypeVar("Source")
Value = TypeVar("Value")


def read_only(*arrays: np.ndarray) -> None:
    """Make these arrays read-only: they are shared, so writing to one is a mistake."""
    for array in arrays:
        array.setflags(write=False)


class KeptBy(Generic[Source, Value]):
    """Values worked out from objects that never change (a scenario, an intervention's
    effects), kept by each object's identity. The object is kept with its value, so no other
    can take its identity meanwhile; once `most` are kept, all are dropped."""

    def __init__(self, most: int) -> None:
        self._most = most
        self._kept: dict[int, tuple[Source, Value]] = {}

    def get(self, source: Source, make: Callable[[Source], Value]) -> Value:
        """The value of `source`, made by `make` the first time it is asked for."""
        kept = self._kept.get(id(source))
        if kept is not None:
            return kept[1]
        if len(self._kept) >= self._most:
            self._kept.clear()
        value = make(source)
        self._kept[id(source)] = (source, value)
        return value
