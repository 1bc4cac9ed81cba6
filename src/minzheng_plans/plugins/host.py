"""The plugin host: built-ins and entry points registered through the same path, each isolated.

``create_plugin_host()`` registers the built-in modules by import, then every entry point of
group ``minzheng_plans`` in its own ``try``. A plugin that fails to import, has a bad hook
signature or implements a hook with no spec is reported as a finding (MZ001, MZ002) and left
out; one whose hook raises or returns the wrong type is reported (MZ003) and its contribution
dropped; the run always goes on. Contributions are collected lazily, once per host.
"""

from __future__ import annotations

import functools
import importlib
import types
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

import attrs
import pluggy

from minzheng_plans.core.findings import Finding, Severity, make_finding
from minzheng_plans.core.model import Jurisdiction
from minzheng_plans.core.version import DISTRIBUTION
from minzheng_plans.files.cache import installed, installed_version
from minzheng_plans.plugins import hookspecs
from minzheng_plans.plugins.builtins import BUILTIN_PLUGINS, BUNDLED_PLACES
from minzheng_plans.plugins.guard import DEFAULT_BUDGET_SECONDS, guarded, paused
from minzheng_plans.plugins.hookspecs import HOOK_NAMES, HOOKS, PROJECT_NAME, Loader, Rule

if TYPE_CHECKING:
    from pluggy import HookimplOpts

    from minzheng_plans.plugins.context import LoadContext
    from minzheng_plans.registries.catalog import Catalog, CatalogEntry
    from minzheng_plans.registries.jurisdictions import JurisdictionRegistry
    from minzheng_plans.units.registry import Units

__all__ = [
    "LoaderInfo",
    "PluginHost",
    "PluginInfo",
    "RuleInfo",
    "create_plugin_host",
]


@attrs.frozen
class PluginInfo:
    """One registered (or refused) plugin and where it comes from."""

    name: str
    builtin: bool
    distribution: str | None = None
    version: str | None = None
    hooks: tuple[str, ...] = ()
    error: str | None = None


@attrs.frozen
class LoaderInfo:
    """A contributed loader with the plugin that contributed it."""

    loader: Loader
    plugin: PluginInfo

    @property
    def name(self) -> str:
        return self.loader.name


@attrs.frozen
class RuleInfo:
    """A contributed rule with the plugin that contributed it."""

    rule: Rule
    plugin: PluginInfo

    @property
    def code(self) -> str:
        return self.rule.code

    @property
    def codes(self) -> tuple[str, ...]:
        """Every code the rule may emit, its own first (:func:`hookspecs.declared_codes`)."""
        return hookspecs.declared_codes(self.rule)


def _is_str(item: object) -> bool:
    return isinstance(item, str)


def _is_jurisdiction(item: object) -> bool:
    return isinstance(item, Jurisdiction)


def _is_catalog_entry(item: object) -> bool:
    from minzheng_plans.registries.catalog import CatalogEntry  # noqa: PLC0415 - catalog loads lazily

    return isinstance(item, CatalogEntry)


def _has_attrs(*names: str) -> Callable[[object], bool]:
    return lambda item: all(hasattr(item, name) for name in names)


# What each hook must return: a list of items passing the check (Protocols allow classes).
_ITEM_CHECKS: dict[str, Callable[[object], bool]] = {
    hookspecs.register_loaders.__name__: _has_attrs("name", "description", "sniff", "load"),
    hookspecs.register_rules.__name__: _has_attrs("code", "name", "severity", "summary", "check"),
    hookspecs.register_units.__name__: _is_str,
    hookspecs.register_catalog.__name__: _is_catalog_entry,
    hookspecs.register_jurisdictions.__name__: _is_jurisdiction,
}
_KINDS = {kind.hook: kind for kind in HOOKS}


@attrs.define
class PluginHost:
    """Registered plugins, their contributions, and the findings about the plugins themselves."""

    manager: pluggy.PluginManager
    plugins: list[PluginInfo] = attrs.Factory(list)
    findings: list[Finding] = attrs.Factory(list)
    budget: float | None = DEFAULT_BUDGET_SECONDS
    _collected: dict[str, list[tuple[Any, PluginInfo]]] = attrs.Factory(dict)
    _derived: dict[str, Any] = attrs.Factory(dict)
    # What each implementation of a hook gave, checked: (hook, plugin name) -> items.
    _given: dict[tuple[str, str], list[tuple[Any, PluginInfo]]] = attrs.Factory(dict)

    def plugin(self, name: str) -> PluginInfo:
        for info in self.plugins:
            if info.name == name:
                return info
        raise KeyError(name)

    def collect(self, hook: str) -> list[tuple[Any, PluginInfo]]:
        """Every item contributed to ``hook``, with its plugin, each implementation isolated."""
        if hook in self._collected:
            return list(self._collected[hook])
        items: list[tuple[Any, PluginInfo]] = []
        # get_hookimpls() lists implementations in registration order: built-ins first.
        for impl in getattr(self.manager.hook, hook).get_hookimpls():
            items.extend(self._given_by(hook, impl))
        self._collected[hook] = items
        return list(items)

    def _given_by(self, hook: str, impl: pluggy.HookImpl) -> list[tuple[Any, PluginInfo]]:
        """What one implementation of ``hook`` contributes, called once per host."""
        if (hook, impl.plugin_name) in self._given:
            return self._given[hook, impl.plugin_name]
        label, check = _KINDS[hook].item, _ITEM_CHECKS[hook]
        items: list[tuple[Any, PluginInfo]] = []
        info = self.plugin(impl.plugin_name)
        result = guarded(
            impl.function,
            self.findings,
            code="MZ003",
            plugin=info.name,
            what=hook,
            budget=self.budget,
        )
        if result is None:
            pass
        elif not isinstance(result, list | tuple):
            self.report_wrong_type(info, hook, f"a list of {label}", result)
        else:
            for item in result:
                if check(item):
                    items.append((item, info))
                else:
                    self.report_wrong_type(info, hook, label, item)
        self._given[hook, impl.plugin_name] = items
        return items

    def report_wrong_type(self, info: PluginInfo, hook: str, expected: str, got: object) -> None:
        """Record (MZ003) that ``info``'s plugin gave ``got`` from ``hook`` where ``expected``
        was due; the caller drops that contribution. Loading and checking report with it too."""
        self.findings.append(
            make_finding(
                "MZ003",
                Severity.ERROR,
                "Plugin {plugin} returned {got} from {hook}, expected {expected}; that "
                "contribution was ignored.",
                plugin=info.name,
                hook=hook,
                expected=expected,
                got=type(got).__name__,
            )
        )

    def loaders(self) -> list[LoaderInfo]:
        """Contributed loaders; a repeated name keeps the first and is reported (MZ006)."""
        found: list[LoaderInfo] = self._unique(hookspecs.register_loaders, LoaderInfo, "loader")
        return found

    def rules(self) -> list[RuleInfo]:
        """Contributed rules; a repeated code keeps the first and is reported (MZ006)."""
        found: list[RuleInfo] = self._unique(hookspecs.register_rules, RuleInfo, "rule code")
        return found

    def _unique(self, spec: Callable[[], object], wrap: Any, what: str) -> Any:
        hook = spec.__name__
        key = _KINDS[hook].key
        assert key is not None  # every hook but register_units names its items
        cache_key = f"unique:{hook}"
        if cache_key not in self._derived:
            seen: dict[str, PluginInfo] = {}
            kept = []
            for item, info in self.collect(hook):
                name = getattr(item, key)
                if name in seen:
                    self._report_repeated(info, what, name, seen[name])
                    continue
                seen[name] = info
                kept.append(wrap(item, info))
            self._derived[cache_key] = kept
        # A fresh list each time: a caller (a rule, through its context) that edits it must
        # not change the contributions every later caller sees.
        return list(self._derived[cache_key])

    def _report_repeated(self, info: PluginInfo, what: str, name: str, first: PluginInfo) -> None:
        self.findings.append(
            make_finding(
                "MZ006",
                Severity.WARNING,
                "Plugin {plugin} contributes {what} {name}, already contributed by {first}; "
                "the first one is used.",
                plugin=info.name,
                what=what,
                name=name,
                first=first.name,
            )
        )

    def unit_definitions(self) -> list[str]:
        return [line for line, _info in self.collect(hookspecs.register_units.__name__)]

    def catalog_entries(self) -> list[CatalogEntry]:
        """Contributed entries; a repeated code keeps the first and is reported (MZ006)."""
        found: list[CatalogEntry] = self._unique(
            hookspecs.register_catalog, _item_only, "catalog entry"
        )
        return found

    def jurisdiction_list(self) -> list[Jurisdiction]:
        """Contributed jurisdictions; a repeated code keeps the first (MZ006)."""
        found: list[Jurisdiction] = self._unique(
            hookspecs.register_jurisdictions, _item_only, "jurisdiction"
        )
        return found

    def _grouped(self, hook: str) -> list[tuple[PluginInfo, list[Any]]]:
        groups: dict[str, tuple[PluginInfo, list[Any]]] = {}
        for item, info in self.collect(hook):
            groups.setdefault(info.name, (info, []))[1].append(item)
        return list(groups.values())

    def units(self) -> Units:
        """The project unit registry, with every plugin's definitions (built once).

        Each plugin's lines are tried on top of those accepted before them (built-ins first):
        lines that cannot be read, or that redefine a unit differently, leave that plugin's
        units out with an MZ003 finding instead of failing the run.
        """
        if "units" not in self._derived:
            with paused():
                from minzheng_plans.units.registry import build_units  # noqa: PLC0415 - pint loads lazily

                accepted: list[str] = []
                built: Units | None = None  # the registry of ``accepted``, when tried last
                for info, lines in self._grouped(hookspecs.register_units.__name__):
                    try:
                        tried = build_units([*accepted, *lines])
                    except ValueError as err:  # UnitError is a ValueError
                        self.findings.append(
                            make_finding(
                                "MZ003",
                                Severity.ERROR,
                                "Plugin {plugin} contributed unit definitions in register_units "
                                "that cannot be used: {error}. Its units were ignored.",
                                plugin=info.name,
                                error=str(err)[:200],
                            )
                        )
                        continue
                    accepted.extend(lines)
                    built = tried
                self._derived["units"] = built if built is not None else build_units(accepted)
        units: Units = self._derived["units"]
        return units

    def catalog(self) -> Catalog:
        """The indicator catalog of every plugin's entries; name clashes are MZ006 warnings."""
        if "catalog" not in self._derived:
            with paused():
                from minzheng_plans.registries.catalog import Catalog  # noqa: PLC0415

                catalog = Catalog(self.catalog_entries())
                self.findings.extend(
                    make_finding(
                        "MZ006",
                        Severity.WARNING,
                        "Catalog entries from plugins clash: {detail}; the first claim is used.",
                        detail=detail,
                    )
                    for detail in catalog.conflicts
                )
                self._derived["catalog"] = catalog
        found: Catalog = self._derived["catalog"]
        return found

    def load_context(self) -> LoadContext:
        """The context every loader and sniffer of this host receives (one per host)."""
        if "load_context" not in self._derived:
            from minzheng_plans.plugins.context import LoadContext  # noqa: PLC0415 - a cycle

            self._derived["load_context"] = LoadContext(self)
        context: LoadContext = self._derived["load_context"]
        return context

    def jurisdictions(self) -> JurisdictionRegistry:
        """The registry of every plugin's jurisdictions (repeated codes: see
        :meth:`jurisdiction_list`)."""
        if "jurisdictions" not in self._derived:
            with paused():
                from minzheng_plans.registries.jurisdictions import JurisdictionRegistry  # noqa: PLC0415

                self._derived["jurisdictions"] = self._over_bundled() or JurisdictionRegistry(
                    self.jurisdiction_list()
                )
        registry: JurisdictionRegistry = self._derived["jurisdictions"]
        return registry

    def _over_bundled(self) -> JurisdictionRegistry | None:
        """The registry :meth:`jurisdiction_list` gives, without making a Jurisdiction of every
        bundled place: when the built-in places come first, the other plugins' contributions
        are checked against the bundled codes (the same MZ006 warnings, in the same order)
        and the bundled places are made on demand. None when that does not apply."""
        from minzheng_plans.registries import jurisdictions as places  # noqa: PLC0415

        hook = hookspecs.register_jurisdictions.__name__
        impls = getattr(self.manager.hook, hook).get_hookimpls()
        if (
            not impls
            or impls[0].plugin_name != BUNDLED_PLACES
            or f"unique:{hook}" in self._derived
            or (hook, BUNDLED_PLACES) in self._given
        ):
            return None
        bundled = self.plugin(BUNDLED_PLACES)
        # Every contribution first (its MZ003 findings), then the repeats, as collect() and
        # _unique() report them.
        given = [item for impl in impls[1:] for item in self._given_by(hook, impl)]
        for code in places.bundled_repeats():
            self._report_repeated(bundled, "jurisdiction", code, bundled)
        seen: dict[str, PluginInfo] = {}
        kept: list[Jurisdiction] = []
        for item, info in given:
            if places.is_bundled_code(item.code):
                self._report_repeated(info, "jurisdiction", item.code, bundled)
            elif item.code in seen:
                self._report_repeated(info, "jurisdiction", item.code, seen[item.code])
            else:
                seen[item.code] = info
                kept.append(item)
        # jurisdiction_list() asked later: the same list, the bundled places made then.
        self._derived[f"unique:{hook}"] = _BundledThen(tuple(kept))
        return places.JurisdictionRegistry.over_bundled(kept)


def _item_only(item: object, _info: PluginInfo) -> object:
    return item


class _BundledThen:
    """The bundled jurisdictions (the first of a repeated code), then ``extra``: iterated
    when the list is asked for."""

    __slots__ = ("extra",)

    def __init__(self, extra: tuple[Jurisdiction, ...]) -> None:
        self.extra = extra

    def __iter__(self) -> Iterator[Jurisdiction]:
        from minzheng_plans.registries.jurisdictions import bundled_jurisdictions  # noqa: PLC0415

        seen: set[str] = set()
        for item in bundled_jurisdictions()[0]:
            if item.code not in seen:
                seen.add(item.code)
                yield item
        yield from self.extra


_IMPL_MARKER = PROJECT_NAME + "_impl"
_WRAPPED = (staticmethod, classmethod, types.MethodType)


class _PluginManager(pluggy.PluginManager):
    """pluggy's manager, reading a module plugin's namespace directly.

    pluggy looks each name of a plugin up with :func:`inspect.getattr_static`, so that no
    descriptor runs; a module's attributes are its ``__dict__``, where that lookup finds
    them, and most are not functions. Skipping those here finds the same implementations
    and spares a tenth of a small check's start-up (the built-ins have some 600 names).
    """

    def parse_hookimpl_opts(self, plugin: object, name: str) -> HookimplOpts | None:
        if isinstance(plugin, types.ModuleType):
            value = vars(plugin).get(name)
            if isinstance(value, types.FunctionType):
                if _IMPL_MARKER not in vars(value):
                    return None
            elif not isinstance(value, _WRAPPED):
                return None
        return super().parse_hookimpl_opts(plugin, name)


def create_plugin_host(
    *,
    entry_points: bool = True,
    extra: Iterable[object] = (),
    disabled: Sequence[str] = (),
    budget: float | None = DEFAULT_BUDGET_SECONDS,
) -> PluginHost:
    """A host with the built-ins, the installed entry points and ``extra`` plugin objects.

    ``disabled`` names plugins (entry-point names or module names) to leave out; tests pass
    ``entry_points=False`` for a host that sees only the built-ins and ``extra``.
    """
    manager = _PluginManager(PROJECT_NAME)
    manager.add_hookspecs(hookspecs)
    host = PluginHost(manager, budget=budget)
    for module_name in BUILTIN_PLUGINS:
        if module_name in disabled:
            continue
        module = importlib.import_module(module_name)
        _register(host, module, module_name, builtin=True)
    if entry_points:
        for entry_point in installed_entry_points():
            if entry_point.name not in disabled:
                _register_entry_point(host, entry_point)
    for position, plugin in enumerate(extra):
        name = getattr(plugin, "__name__", None) or f"{type(plugin).__name__}-{position}"
        if name not in disabled:
            _register(host, plugin, name, builtin=False)
    return host


@attrs.frozen
class EntryPoint:
    """An entry point of group ``minzheng_plans`` as plain data: ``value`` is ``module:attr``."""

    name: str
    value: str
    distribution: str | None = None
    version: str | None = None

    def load(self) -> object:
        """The object the entry point names (what ``importlib.metadata.EntryPoint.load``
        gives)."""
        module, _, attr = self.value.partition(":")
        found: object = importlib.import_module(module.strip())
        names = [part for part in attr.split("[")[0].strip().split(".") if part]
        return functools.reduce(getattr, names, found)


def installed_entry_points() -> list[EntryPoint]:
    """The entry points of group ``minzheng_plans`` of every installed distribution.

    Kept in the compiled cache (:func:`minzheng_plans.files.cache.installed`) while no
    distribution is installed, upgraded or removed: scanning every distribution's metadata
    would cost more than the rest of a small check.
    """
    return [EntryPoint(*fields) for fields in installed(f"entry-points-{PROJECT_NAME}", _scan)]


def _scan() -> list[tuple[str, str, str | None, str | None]]:
    import importlib.metadata  # noqa: PLC0415 - only when the cache cannot answer

    found = []
    for entry_point in importlib.metadata.entry_points(group=PROJECT_NAME):
        dist = entry_point.dist
        found.append(
            (
                entry_point.name,
                entry_point.value,
                dist.metadata["Name"] if dist is not None else None,
                dist.version if dist is not None else None,
            )
        )
    return found


def _register_entry_point(host: PluginHost, entry_point: EntryPoint) -> None:
    dist_name = entry_point.distribution
    version = entry_point.version
    reported = len(host.findings)

    def refused(error: str) -> None:
        host.plugins.append(
            PluginInfo(
                entry_point.name,
                builtin=False,
                distribution=dist_name,
                version=version,
                error=error,
            )
        )

    try:
        # Guarded for what an import can do besides raising: hang (the budget), print,
        # call sys.exit, change the decimal context. Its exceptions come back here.
        plugin = guarded(
            entry_point.load,
            host.findings,
            code="MZ001",
            plugin=entry_point.name,
            what="its import",
            budget=host.budget,
            passthrough=(Exception,),
        )
    except Exception as err:  # noqa: BLE001 - an import failure must not stop the run
        error = f"{type(err).__name__}: {err}"
        refused(error)
        host.findings.append(
            make_finding(
                "MZ001",
                Severity.ERROR,
                "Plugin {plugin} ({distribution} {version}) failed to import: {error}. The "
                "run went on without it; report it to its authors.",
                plugin=entry_point.name,
                distribution=dist_name or "unknown distribution",
                version=version or "",
                error=error[:200],
            )
        )
        return
    failed = [f for f in host.findings[reported:] if f.code in {"MZ001", "MZ007"}]
    if failed:
        refused(failed[0].text[:200])
        return
    _register(host, plugin, entry_point.name, builtin=False, dist=dist_name, version=version)


def _register(
    host: PluginHost,
    plugin: object,
    name: str,
    *,
    builtin: bool,
    dist: str | None = None,
    version: str | None = None,
) -> None:
    if builtin:
        version = installed_version()
        dist = DISTRIBUTION
    try:
        host.manager.register(plugin, name=name)
    except (pluggy.PluginValidationError, ValueError) as err:
        _refuse(host, name, builtin, dist, version, f"bad hook implementation: {err}")
        return
    unknown = [
        caller.name
        for caller in host.manager.get_hookcallers(plugin) or ()
        if caller.name not in HOOK_NAMES
    ]
    if unknown:
        host.manager.unregister(plugin)
        _refuse(
            host,
            name,
            builtin,
            dist,
            version,
            f"unknown hook(s) {', '.join(unknown)}; known hooks: {', '.join(HOOK_NAMES)}",
        )
        return
    hooks = tuple(caller.name for caller in host.manager.get_hookcallers(plugin) or ())
    host.plugins.append(PluginInfo(name, builtin, dist, version, hooks))


def _refuse(
    host: PluginHost,
    name: str,
    builtin: bool,
    dist: str | None,
    version: str | None,
    error: str,
) -> None:
    host.plugins.append(PluginInfo(name, builtin, dist, version, error=error))
    host.findings.append(
        make_finding(
            "MZ002",
            Severity.ERROR,
            "Plugin {plugin} was not registered: {error}",
            plugin=name,
            error=error[:300],
        )
    )
