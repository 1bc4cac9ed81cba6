"""One normalisation of a text per document: the memo that
:func:`~minzheng_plans.text.normalise.normalise` consults.

Kept apart from the normaliser so that loading a document (which opens the memo) does not
import the normaliser, its tables and its regular expressions when no loader asks for them:
a plan file never does.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator
from typing import Any

__all__ = ["current_memo", "normalised_once"]

# The texts normalised while one document is read, by text (see normalised_once).
_MEMO: contextvars.ContextVar[dict[str, Any] | None] = contextvars.ContextVar(
    "minzheng_plans_normalised", default=None
)


def current_memo() -> dict[str, Any] | None:
    """The memo of the document being read, or None outside :func:`normalised_once`."""
    return _MEMO.get()


@contextlib.contextmanager
def normalised_once() -> Iterator[None]:
    """Within the block, each text is normalised once and its lines are split once.

    The toolkit's readers each normalise the text they are given (metadata, sections,
    tables, prose, projects); loading wraps one document's sniffing and loading in this, so
    that they share one normalisation, and the next document starts afresh.
    """
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)
