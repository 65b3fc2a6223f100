"""Suggestions for misspelt names: "did you mean 'assessment'?"."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate most like `word`, or None when nothing is close enough to suggest."""
    options = sorted({c for c in candidates if isinstance(c, str)})
    if not isinstance(word, str) or not options:
        return None
    for option in options:
        if option.casefold() == word.casefold():
            return option
    matches = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return matches[0] if matches else None


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """ "; did you mean 'x'?" to append to a message, or "" when there is no good guess."""
    guess = closest(word, candidates)
    return f"; did you mean '{guess}'?" if guess is not None and guess != word else ""
