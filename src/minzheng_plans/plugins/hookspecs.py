"""The plugin contract: one hook per kind of contribution, and the records plugins return.

Every hook is *collected*: the host calls each implementation on its own (so that one
raising plugin cannot hide the others) and concatenates what they return. Hooks take no
arguments and are called once per plugin manager, when the host first needs that kind of
contribution. Built-in loaders, rules, units, catalog entries and jurisdictions are registered
through these same hooks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Literal, Protocol

import attrs
import pluggy

from minzheng_plans.core.findings import Finding, Severity, is_code

if TYPE_CHECKING:
    from minzheng_plans.core.model import Jurisdiction, Plan
    from minzheng_plans.files.document import Document
    from minzheng_plans.plugins.context import LoadContext
    from minzheng_plans.registries.catalog import CatalogEntry

__all__ = [
    "HOOKS",
    "HOOK_NAMES",
    "PROJECT_NAME",
    "HookKind",
    "LoadResult",
    "Loader",
    "LoaderProtocol",
    "Rule",
    "RuleProtocol",
    "declared_codes",
    "hookimpl",
    "hookspec",
    "is_divisible",
    "register_catalog",
    "register_jurisdictions",
    "register_loaders",
    "register_rules",
    "register_units",
]

# One string for the plugin manager, both markers and the entry-point group.
PROJECT_NAME = "minzheng_plans"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


def _as_tuple(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    return tuple(findings)


@attrs.frozen
class LoadResult:
    """What a loader returns: the plan, and findings about the loading itself (MZ5xx)."""

    plan: Plan
    findings: tuple[Finding, ...] = attrs.field(default=(), converter=_as_tuple)


@attrs.frozen
class Loader:
    """A loader: ``sniff`` returns a confidence in [0, 1]; ``load`` turns a document into a plan.

    Both are called with the document and a :class:`~minzheng_plans.plugins.context.LoadContext`
    that gives the run's units, catalog and jurisdictions, every plugin's contributions
    included. Names read ``<jurisdiction>.<layout>`` (``chongqing.cell-per-line``); built-in
    generic loaders use ``plan-file.toml`` style names.
    """

    name: str
    description: str
    sniff: Callable[[Document, LoadContext], float] = attrs.field(eq=False)
    load: Callable[[Document, LoadContext], LoadResult] = attrs.field(eq=False)

    @classmethod
    def from_module(cls, name: str, description: str, module: str) -> Loader:
        """A loader whose ``sniff`` and ``load`` are the functions so named in ``module``
        (a dotted module name), imported on the first sniff or load.

        Registering a plugin then costs no import of its loader, nor of the text toolkit the
        loader uses: a check of plan files never needs either. A module that cannot be
        imported, or lacks either function, fails that first call, which the host reports
        as a plugin failure like any other.
        """
        return cls(
            name,
            description,
            sniff=_ModuleFunction(module, "sniff"),
            load=_ModuleFunction(module, "load"),
        )


@attrs.frozen
class _ModuleFunction:
    """``module.function(*args)``, the module imported on the first call."""

    module: str
    function: str

    def __call__(self, *args: Any) -> Any:
        import importlib  # noqa: PLC0415 - only plugins that name a module need it

        return getattr(importlib.import_module(self.module), self.function)(*args)


RuleScope = Literal["plan", "plans"]


def _own_code(rule: Rule) -> tuple[str, ...]:
    return (rule.code,)


def _code_tuple(codes: Iterable[str]) -> tuple[str, ...]:
    return tuple(codes)


@attrs.frozen
class Rule:
    """A validation rule: a stable ``code``, a dotted ``name``, a default severity.

    ``scope="plan"``: ``check(plan, context)`` is called per plan; ``scope="plans"``:
    ``check(plans, context)`` once with every plan of the run (cross-level rules). The
    context is a :class:`minzheng_plans.plugins.context.CheckContext` bound to this rule, so
    ``context.finding(message, ...)`` makes a finding with the rule's code and severity.
    ``summary`` is an English message id, translated like finding messages.

    ``codes`` declares every code the rule may emit (default: its own ``code``, which is
    always among them). The runner drops a finding with any other code and reports it as
    MZ008, naming the rule; ``--select``/``--ignore`` run a rule when any of its codes is
    selected.

    ``divisible=True`` (plan-set rules only) promises that what the rule says about each plan
    depends on that plan and on the run's plans as the context gives them
    (``context.known_plans()``, ``plans_of``, ``parents``), never on which plans ``check``
    was given: its findings about ``plans`` are then those about each part of ``plans`` in
    turn. ``check -j`` may call such a rule on consecutive parts of the run's plans, in forked
    processes, and concatenates the findings in order. A plan-set rule that does not say so
    is called once with every plan, in the main process.
    """

    code: str
    name: str
    severity: Severity
    summary: str
    check: Callable[..., Iterable[Finding]] = attrs.field(eq=False)
    scope: RuleScope = "plan"
    aliases: tuple[str, ...] = ()
    codes: tuple[str, ...] = attrs.field(
        default=attrs.Factory(_own_code, takes_self=True), converter=_code_tuple
    )
    divisible: bool = False

    def __attrs_post_init__(self) -> None:
        wrong = [code for code in (self.code, *self.codes) if not is_code(str(code))]
        if wrong:
            msg = f"rule {self.name}: finding codes are MZ and three digits, not {wrong[0]!r}"
            raise ValueError(msg)
        # Frozen for everyone else; normalised once here: own code first, no repeats.
        object.__setattr__(self, "codes", declared_codes(self))


def is_divisible(rule: RuleProtocol | Rule) -> bool:
    """Whether ``rule`` is a plan-set rule that may run on parts of the plans (:class:`Rule`)."""
    return rule.scope == "plans" and getattr(rule, "divisible", False) is True


def declared_codes(rule: RuleProtocol | Rule) -> tuple[str, ...]:
    """The codes ``rule`` may emit: its ``codes`` (for class-based rules, if it has them) with
    its own ``code`` first."""
    extra = getattr(rule, "codes", ()) or ()
    return tuple(dict.fromkeys((str(rule.code), *(str(code) for code in extra))))


class LoaderProtocol(Protocol):
    """The shape of a loader for authors who prefer classes; any object with these works."""

    name: str
    description: str

    def sniff(self, document: Document, context: LoadContext) -> float: ...

    def load(self, document: Document, context: LoadContext) -> LoadResult: ...


class RuleProtocol(Protocol):
    """The shape of a rule for authors who prefer classes.

    A plan-set rule class may also set ``divisible = True`` (see :class:`Rule`); it is not a
    member here, so that classes written before it still match.
    """

    code: str
    name: str
    severity: Severity
    summary: str
    scope: RuleScope
    aliases: Sequence[str]
    codes: Sequence[str]  # a class without it still runs, declaring only its ``code``

    def check(self, subject: Any, context: Any) -> Iterable[Finding]: ...


@hookspec
def register_loaders() -> list[Loader]:  # type: ignore[empty-body]
    """Return the loaders this plugin provides (collected from every plugin)."""


@hookspec
def register_rules() -> list[Rule]:  # type: ignore[empty-body]
    """Return the validation rules this plugin provides (collected from every plugin)."""


@hookspec
def register_units() -> list[str]:  # type: ignore[empty-body]
    """Return unit definition lines in the form ``name = definition ; key = value`` (collected)."""


@hookspec
def register_catalog() -> list[CatalogEntry]:  # type: ignore[empty-body]
    """Return catalog entries: canonical indicators with aliases (collected)."""


@hookspec
def register_jurisdictions() -> list[Jurisdiction]:  # type: ignore[empty-body]
    """Return jurisdictions with codes, levels and parents (collected)."""


@attrs.frozen
class HookKind:
    """One kind of contribution: its hook, what each item must be, and the field naming it."""

    hook: str
    item: str  # the expected type, as findings about a wrong item name it
    key: str | None  # the attribute naming an item; None for a unit line, its own name

    @property
    def label(self) -> str:
        """The plural noun: ``loaders`` for ``register_loaders``."""
        return self.hook.removeprefix("register_")


# Every hook, in the order listings show them; the names come from the specs above.
HOOKS: tuple[HookKind, ...] = (
    HookKind(register_loaders.__name__, "Loader", "name"),
    HookKind(register_rules.__name__, "Rule", "code"),
    HookKind(register_units.__name__, "str (a definition line)", None),
    HookKind(register_catalog.__name__, "CatalogEntry", "code"),
    HookKind(register_jurisdictions.__name__, "Jurisdiction", "code"),
)
HOOK_NAMES: tuple[str, ...] = tuple(kind.hook for kind in HOOKS)
