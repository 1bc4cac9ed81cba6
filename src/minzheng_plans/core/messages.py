"""Message ids: the one message system of the library.

Every user-facing sentence of a finding, an evaluation, a comparison, a diff or a report is an
*English message id* with ``{name}`` placeholders, translated by the babel catalogs in
``minzheng_plans/output/locale`` (:mod:`minzheng_plans.output.i18n` renders). A finding carries
its id and arguments (:class:`~minzheng_plans.core.findings.Finding`); other results carry a
:class:`Message`; a table of ids in a renderer marks each with :func:`N_` so that the
collector (:mod:`minzheng_plans.output.messages`) and ``pybabel extract`` find it. Values
stay language-neutral: a word a report shows in either language (``binding``, ``count``)
is itself a message id, never an argument spelled in English.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

import attrs

__all__ = ["N_", "ArgValue", "Message", "message_args"]

#: What fills a placeholder: text, a whole number or an exact decimal (formatted per locale).
ArgValue = str | int | Decimal


def N_(message: str) -> str:  # noqa: N802 - gettext's name for "mark, do not translate yet"
    """Mark ``message`` as a message id; returns it unchanged (translation happens later)."""
    return message


def message_args(
    value: Mapping[str, ArgValue] | Iterable[tuple[str, ArgValue]],
) -> tuple[tuple[str, ArgValue], ...]:
    """Placeholder values as sorted ``(name, value)`` pairs: hashable, in a stable order."""
    items = value.items() if isinstance(value, Mapping) else value
    return tuple(sorted((str(k), v) for k, v in items))


@attrs.frozen
class Message:
    """A message id and the values of its placeholders, rendered in a language later.

    Build with ``Message(N_("unit {unit} is not known"), {"unit": "人次"})``; ``text`` is the
    English sentence.
    """

    id: str
    args: tuple[tuple[str, ArgValue], ...] = attrs.field(default=(), converter=message_args)

    @property
    def text(self) -> str:
        """The English message with its placeholders filled."""
        return self.id.format_map(dict(self.args))

    def __str__(self) -> str:
        return self.text
