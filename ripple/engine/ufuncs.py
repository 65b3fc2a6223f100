"""numpy's own ufuncs for a turn's small arrays.

A turn works on arrays of a few dozen elements, where the Python layer numpy wraps some
functions in (`np.clip`, `ndarray.any`, `ndarray.sum`) costs more than the work. These are
the very ufuncs those wrappers end in, so the results are the same, bit for bit.
"""

from __future__ import annotations

import numpy as np
from numpy._core import umath

clip: np.ufunc = umath.clip  # type: ignore[attr-defined]
"""`np.clip(a, low, high)` for arrays and numbers, without its wrappers."""

sum_of = np.add.reduce
"""`a.sum()` of a one-dimensional array (`np.add.reduce(a, axis=...)` for others)."""

add_at = np.add.at
"""`add_at(counts, where, values)`: counts[where[i]] += values[i] for every i, repeated places
adding up. For whole numbers it gives what `np.bincount` does, with less work on few rows."""


def some(mask: np.ndarray) -> bool:
    """`mask.any()`: True when any element is true (or not zero)."""
    return bool(np.count_nonzero(mask))
