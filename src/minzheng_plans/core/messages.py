"""Message ids: the one message system of the library.

Every user-facing sentence of a finding, an evaluation, a comparison, a diff or a report is an
*English message id* with ``{name}`` placeholders, translated by the babel catalogs in
``minzheng_plans/output/locale`` (:mod:`minzheng_plans.output.i18n` renders). A finding carries
its id and arguments (:class:`~minzheng_plans.core.findings.Finding`); other results carry a
:class:`Message`; a table of ids in a renderer marks each with :func:`N_` so that the
collector (:mod:`minzheng_plans.output.messages`) and ``pybabel extract`` find it. Values
stay language-neutral: a word a report shows in either language (``binding``, ``count``)
is itself a message id, never an argument spelled in English.

A placeholder may itself hold a :class:`Message` (a finding's ``{reason}``: "the closing
bracket after the unit was lost"), rendered in the same language as the sentence around it.
A plugin cannot add to the library's catalogs: a message id of its own carries its
translations with it (``Message(en, args, translations={"zh_CN": zh})``); an id the catalogs
know is translated by them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

import attrs

__all__ = [
    "MAX_MESSAGE_DEPTH",
    "N_",
    "ArgValue",
    "Message",
    "as_message",
    "fill",
    "join_messages",
    "message_args",
]

#: How deeply messages may nest in one another's placeholders (a file is refused beyond it).
MAX_MESSAGE_DEPTH = 16


def N_(message: str) -> str:  # noqa: N802 - gettext's name for "mark, do not translate yet"
    """Mark ``message`` as a message id; returns it unchanged (translation happens later)."""
    return message


def fill(template: str, values: Mapping[str, object]) -> str:
    """``template`` with its ``{name}`` placeholders filled; a placeholder without a value
    stays as written, and a template that is no format string (text taken as an id, with a
    lone ``{``) is returned as it is: a report never fails on a message."""
    try:
        return template.format_map(_Keep(values))
    except (ValueError, IndexError, AttributeError):
        return template


class _Keep(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def message_args(
    value: Mapping[str, ArgValue] | Iterable[tuple[str, ArgValue]],
) -> tuple[tuple[str, ArgValue], ...]:
    """Placeholder values as sorted ``(name, value)`` pairs: hashable, in a stable order."""
    items = value.items() if isinstance(value, Mapping) else value
    return tuple(sorted(((str(k), v) for k, v in items), key=lambda pair: pair[0]))


def _translations(
    value: Mapping[str, str] | Iterable[tuple[str, str]],
) -> tuple[tuple[str, str], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    return tuple(sorted((str(k), str(v)) for k, v in items))


@attrs.frozen
class Message:
    """A message id and the values of its placeholders, rendered in a language later.

    Build with ``Message(N_("unit {unit} is not known"), {"unit": "人次"})``; ``text`` is the
    English sentence. ``translations`` (catalog language → template with the same
    placeholders, such as ``{"zh_CN": "单位{unit}未知"}``) is for ids no catalog of the
    library holds: a plugin's own sentences.
    """

    id: str
    args: tuple[tuple[str, ArgValue], ...] = attrs.field(default=(), converter=message_args)
    translations: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_translations)

    @property
    def text(self) -> str:
        """The English message with its placeholders filled."""
        return fill(self.id, dict(self.args))

    def __str__(self) -> str:
        return self.text


#: What fills a placeholder: text, a whole number, an exact decimal (formatted per locale) or
#: a message rendered in the same language.
ArgValue = str | int | Decimal | Message


def as_message(value: str | Message) -> Message:
    """``value`` as a message: a string is taken as a message id without placeholders."""
    return value if isinstance(value, Message) else Message(value)


def join_messages(items: Iterable[ArgValue]) -> Message:
    """Several values as one list (``a; b; c``): text as written, messages in the report's
    language.

    The separator is a message of its own (``；`` in Chinese); the pairs nest as a balanced
    tree, so that a long list stays shallow.
    """
    values = list(items)
    if not values:
        return Message(N_("none"))

    def pair(start: int, stop: int) -> ArgValue:
        if stop - start == 1:
            return values[start]
        middle = (start + stop + 1) // 2
        return Message(
            N_("{first}; {rest}"), {"first": pair(start, middle), "rest": pair(middle, stop)}
        )

    joined = pair(0, len(values))
    return joined if isinstance(joined, Message) else Message(N_("{item}"), {"item": joined})
