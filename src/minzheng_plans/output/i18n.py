"""Every message in Chinese or English, from babel message catalogs read at run time.

Findings, evaluations, comparisons, diffs and reports store English message ids with
``{name}`` placeholders (see :mod:`minzheng_plans.core.messages`); rendering looks the id up
in ``locale/<lang>/LC_MESSAGES/minzheng_plans.po``, fills the placeholders and formats exact
decimals per locale. The ``.po`` files are read with :func:`babel.messages.pofile.read_po` on
first use (a few milliseconds), not compiled to ``.mo``: one source of truth, nothing to build,
and translators edit the file that ships. A message missing from a catalog falls back to the
English id; a test keeps both catalogs complete for every message the library emits.
A placeholder holding a :class:`~minzheng_plans.core.messages.Message` is rendered in the
same language; a message id no catalog knows uses the translations the message carries (a
plugin's own sentences), else the English id.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Mapping
from decimal import Decimal
from pathlib import Path

from minzheng_plans.core.errors import UsageError
from minzheng_plans.core.findings import ArgValue, Finding
from minzheng_plans.core.formatting import format_number
from minzheng_plans.core.messages import Message, fill_message

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "LOCALE_DIR",
    "catalog_language",
    "catalog_path",
    "format_args",
    "is_chinese",
    "is_message_id",
    "messages",
    "render",
    "render_message",
    "renderer",
    "resolve_language",
    "say",
    "translate",
]

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "minzheng_plans"
DEFAULT_LANGUAGE = "en"
# Catalog folder for each accepted spelling of a language.
LANGUAGES: Mapping[str, str] = {
    "en": "en",
    "zh": "zh_CN",
    "zh_cn": "zh_CN",
    "zh-cn": "zh_CN",
    "zh_hans": "zh_CN",
    "zh-hans": "zh_CN",
}


def resolve_language(option: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The catalog for ``--lang`` (``zh``/``en``), else for the environment, else English.

    The environment is read the way gettext reads it: ``LANGUAGE``, ``LC_ALL``,
    ``LC_MESSAGES``, ``LANG``, first one set wins; ``zh_CN.UTF-8`` counts as ``zh_CN``.
    """
    if option:
        key = option.strip().lower()
        if key not in LANGUAGES:
            msg = f"unknown language {option!r}; choose one of zh, en"
            raise UsageError(msg)
        return LANGUAGES[key]
    env = os.environ if environ is None else environ
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if not value:
            continue
        first = value.split(":", 1)[0].split(".", 1)[0].split("@", 1)[0].lower()
        if first in LANGUAGES:
            return LANGUAGES[first]
        if first.split("_", 1)[0] in LANGUAGES:
            return LANGUAGES[first.split("_", 1)[0]]
        return DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def catalog_language(language: str) -> str:
    """The catalog for a language as a caller names it: ``zh``, ``zh_CN`` and ``zh-Hans`` are
    ``zh_CN``; a name the table does not know is returned as given (and falls back to the
    English ids when rendered)."""
    return LANGUAGES.get(language.strip().lower(), language)


def is_chinese(language: str) -> bool:
    """Whether ``language`` renders Chinese (full-width punctuation, no spaces between words)."""
    return catalog_language(language) == "zh_CN"


def catalog_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.cache
def messages(language: str) -> Mapping[str, str]:
    """The translated messages of ``language`` (id → text), read once per process.

    What babel reads from the ``.po`` file is kept in the compiled cache
    (:mod:`minzheng_plans.files.cache`), keyed by the file's stamp: a report then costs
    neither babel's import nor the parse.
    """
    path = catalog_path(language)
    if not path.is_file():
        return {}
    from minzheng_plans.files.cache import cached, file_stamp  # noqa: PLC0415

    return cached(
        "messages", (language, *file_stamp(path)), lambda: _read_po(path.read_bytes(), language)
    )


def _read_po(data: bytes, language: str) -> dict[str, str]:
    import io  # noqa: PLC0415

    from babel.messages.pofile import read_po  # noqa: PLC0415 - babel loads lazily

    catalog = read_po(io.BytesIO(data), locale=language, domain=DOMAIN)
    return {
        str(message.id): str(message.string)
        for message in catalog
        if message.id and isinstance(message.id, str) and message.string
    }


def translate(message: str, language: str) -> str:
    """``message`` in ``language``; the English id itself when it has no translation."""
    if language == DEFAULT_LANGUAGE and not catalog_path(language).is_file():
        return message
    return messages(language).get(message, message)


def _babel_locale(language: str) -> str:
    return "zh_Hans_CN" if language == "zh_CN" else language


def format_args(args: Mapping[str, ArgValue], language: str) -> dict[str, str]:
    """Placeholder values as text: decimals per locale (exact digits), messages in
    ``language``, the rest as written."""
    out: dict[str, str] = {}
    for key, value in args.items():
        if isinstance(value, Message):
            out[key] = _render_in(value, catalog_language(language))
        elif isinstance(value, Decimal):
            # Exact at any size: babel's own formatter raises past its context's precision.
            out[key] = format_number(value, _babel_locale(language), group=True)
        else:
            out[key] = str(value)
    return out


def is_message_id(message: str) -> bool:
    """Whether ``message`` is one of the library's message ids (in the catalogs)."""
    return message in messages("zh_CN")


def render(finding: Finding, language: str = DEFAULT_LANGUAGE) -> str:
    """The finding's message in ``language`` with its placeholders filled.

    Only a template is filled (:func:`~minzheng_plans.core.messages.fill_message`: ``{name}``
    only, lengths capped): a rule's message, or a message id of the catalogs. A message read
    from a file that is not a message id is shown as written.
    """
    if finding.literal and not is_message_id(finding.message):
        return finding.text
    template = translate(finding.message, language)
    return fill_message(template, format_args(dict(finding.args), language))


def say(message: str, language: str, /, **values: ArgValue) -> str:
    """``message`` (an id marked with :func:`~minzheng_plans.core.messages.N_`) in
    ``language`` (any spelling :func:`catalog_language` accepts), placeholders filled."""
    catalog = catalog_language(language)
    template = translate(message, catalog)
    return fill_message(template, format_args(values, catalog))


def _template(message: Message, catalog: str) -> str:
    known = messages(catalog).get(message.id) if message.translations else None
    if known is not None:
        return known
    for language, text in message.translations:
        if catalog_language(language) == catalog:
            return text
    return translate(message.id, catalog)


def _render_in(message: Message, catalog: str) -> str:
    template = _template(message, catalog)
    return fill_message(template, format_args(dict(message.args), catalog))


def render_message(message: Message, language: str = DEFAULT_LANGUAGE) -> str:
    """A :class:`~minzheng_plans.core.messages.Message` in ``language``: its id through the
    catalogs, else its own translation for ``language``; nested messages likewise."""
    return _render_in(message, catalog_language(language))


def renderer(language: str) -> Callable[[Finding], str]:
    """``render`` bound to one language, in the shape report functions take."""
    return functools.partial(render, language=language)
