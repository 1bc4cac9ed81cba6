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

Messages are filled by :func:`fill_message`, never by ``str.format``: a placeholder is
``{name}`` and nothing else (no format spec, no attribute or index access), each argument and
the whole message are cut at a length, and a placeholder without its argument stays visible.
A message that comes from input (a finding read from a plan file) is therefore never able to
reach into the values or write more than a line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from decimal import Decimal

import attrs

__all__ = [
    "MAX_ARG_LENGTH",
    "MAX_MESSAGE_DEPTH",
    "MAX_MESSAGE_LENGTH",
    "N_",
    "ArgValue",
    "Message",
    "as_message",
    "cut_message",
    "fill_message",
    "join_messages",
    "message_args",
    "missing_placeholders",
]

#: How deeply messages may nest in one another's placeholders (a file is refused beyond it).
MAX_MESSAGE_DEPTH = 16

# A filled message is at most this long, and one argument at most MAX_ARG_LENGTH of it: a
# message is one line a person reads, not a place to store a document.
MAX_MESSAGE_LENGTH = 2_000
MAX_ARG_LENGTH = 500
# ``{{``, ``}}`` or a ``{name}`` placeholder; every other brace is text.
_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]{0,63})\}")


def cut_message(text: str, limit: int = MAX_MESSAGE_LENGTH) -> str:
    """``text`` cut to ``limit`` characters, the last one an ellipsis when it was cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def fill_message(template: str, args: Mapping[str, object]) -> str:
    """``template`` with each ``{name}`` replaced by ``str(args[name])``; one pass, linear time.

    ``{{`` and ``}}`` are literal braces; a placeholder whose argument is missing, and any
    other use of braces (``{a:>9}``, ``{a.b}``, ``{0}``, a lone ``{``), stay as written: a
    report never fails on a message. Arguments are cut at :data:`MAX_ARG_LENGTH` characters
    and the result at :data:`MAX_MESSAGE_LENGTH`. A :class:`Message` argument gives its English
    text here; :mod:`minzheng_plans.output.i18n` renders it in the report's language first.
    """
    template = cut_message(template)

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name is None:
            return match.group()[0]
        value = args.get(name)
        return match.group() if value is None else cut_message(str(value), MAX_ARG_LENGTH)

    return cut_message(_PLACEHOLDER.sub(replace, template))


def missing_placeholders(template: str, args: Mapping[str, object]) -> list[str]:
    """The ``{name}`` placeholders of ``template`` that ``args`` does not fill."""
    names = (m.group(1) for m in _PLACEHOLDER.finditer(template[:MAX_MESSAGE_LENGTH]))
    return [name for name in dict.fromkeys(names) if name is not None and name not in args]


def N_(message: str) -> str:  # noqa: N802 - gettext's name for "mark, do not translate yet"
    """Mark ``message`` as a message id; returns it unchanged (translation happens later)."""
    return message


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
        """The English message with its placeholders filled (:func:`fill_message`)."""
        return fill_message(self.id, {key: str(value) for key, value in self.args})

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
