"""The plugin manager: built-in plugins, installed ones, and a site's plugins/ folder.

A fresh manager is made for every build (no global state), so an edited
local plugin is picked up by the next rebuild of ``mkdocs serve``.
"""
from __future__ import annotations

import importlib
import importlib.util
import inspect
import re
import sys
import traceback
from dataclasses import dataclass
from functools import partial
from importlib.metadata import entry_points
from pathlib import Path
from types import ModuleType
from typing import Callable, Iterable

import pluggy

from . import hookspecs
from .hookspecs import PROJECT
from .i18n import _
from .problems import did_you_mean, did_you_mean_or_choices

# Built-in plugins, each a small module of journeysite.defaults; the short name
# (after the last dot) is what ``disable:`` in mkdocs.yml takes.
DEFAULT_PLUGINS = (
    "journeysite.defaults.chantier_index",
    "journeysite.defaults.priority",
    "journeysite.defaults.quadrant",
    "journeysite.defaults.criticality",
    "journeysite.defaults.happiness",
    "journeysite.defaults.progress",
    "journeysite.defaults.departments",
    "journeysite.defaults.roadmap",
    "journeysite.defaults.dependencies",
    "journeysite.defaults.unaddressed",
    "journeysite.defaults.indicators",
    "journeysite.defaults.persona_page",
    "journeysite.defaults.journey_page",
    "journeysite.defaults.chantier_page",
    "journeysite.defaults.channel_page",
    "journeysite.defaults.index_pages",
    "journeysite.defaults.matrix",
    "journeysite.defaults.emotion_curve",
    "journeysite.defaults.flow",
    "journeysite.defaults.handoffs",
    "journeysite.defaults.dependency_graph",
    "journeysite.defaults.journey_map",
    "journeysite.defaults.heatmap",
    "journeysite.defaults.pains",
    "journeysite.defaults.roadmap_page",
    "journeysite.defaults.arbitration",
    "journeysite.defaults.department_page",
    "journeysite.defaults.delivery",
    "journeysite.defaults.embed",
    "journeysite.defaults.source_info",
)
_DEFINITION = re.compile(r"\s*(async\s+def|def|class)\s")


@dataclass(frozen=True)
class PluginProblem:
    """A plugin left out, and why: at ``path`` and ``line``, or, with no ``path``, at ``disable`` in mkdocs.yml."""

    message: str
    path: Path | None = None
    line: int = 1


def default_plugin_names() -> list[str]:
    """Short names of the built-in plugins, as ``disable:`` takes them."""
    return [name.rsplit(".", 1)[1] for name in DEFAULT_PLUGINS]


def hook_names() -> list[str]:
    """The names of every journeysite hook."""
    return sorted(name for name, _function in inspect.getmembers(hookspecs, inspect.isfunction)
                  if name.startswith(f"{PROJECT}_"))


def make_manager(plugins_dir: Path | None = None, disable: Iterable[str] = (),
                 extra: Iterable[object] = ()) -> tuple[pluggy.PluginManager, list[PluginProblem]]:
    """A new manager with the built-ins, ``journeysite`` entry points, ``plugins_dir``'s
    modules and ``extra`` plugin objects; ``disable`` blocks plugins by name.

    Names: a built-in's module name (``matrix``), an entry point's name, a local
    plugin's file name without ``.py``. Never raises for a plugin's fault: a plugin
    that fails to import, takes a name already taken, or implements a hook that does
    not exist (a misspelling) is left out, and an unknown name in ``disable`` is
    ignored; each is a PluginProblem, returned with the manager of the plugins that loaded.
    """
    pm = pluggy.PluginManager(PROJECT)
    pm.add_hookspecs(hookspecs)
    problems: list[PluginProblem] = []
    disabled = list(dict.fromkeys(disable))
    for name in disabled:
        pm.set_blocked(name)
    for dotted in DEFAULT_PLUGINS:
        pm.register(importlib.import_module(dotted), name=dotted.rsplit(".", 1)[1])
    known = default_plugin_names()
    for entry in entry_points(group=PROJECT):
        known.append(entry.name)
        _add(pm, entry.name, entry.load, None, problems)
    if plugins_dir is not None and plugins_dir.is_dir():
        for path in _local_files(plugins_dir):
            known.append(path.stem)
            _add(pm, path.stem, partial(_import, path), path, problems)
    for plugin in extra:
        _register(pm, plugin, None, None, problems)
    problems += [PluginProblem(_("'disable' names '{name}', but no plugin has that name{hint}; the plugins are: "
                                 "{plugins}", name=name, hint=did_you_mean(name, known), plugins=", ".join(known)))
                 for name in disabled if name not in known]
    problems += _unknown_hooks(pm)
    return pm, problems


def _add(pm: pluggy.PluginManager, name: str, load: Callable[[], object], path: Path | None,
         problems: list[PluginProblem]) -> None:
    """Load the plugin ``name`` (from the local file ``path``, else installed) and register it, unless
    disabled; a name already taken or a failure to load is a problem, and the plugin is left out."""
    if pm.is_blocked(name):
        return
    if pm.has_plugin(name):
        problems.append(PluginProblem(_("a plugin named '{name}' is already registered (built-in or installed); "
                                        "rename this one (a plugin replaces a built-in without sharing its name)",
                                        name=name), path))
        return
    try:
        plugin = load()
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # a plugin may fail in any way, sys.exit() included: say where
        if path is not None:
            problems.append(PluginProblem(_("the plugin failed to load: {error}", error=_exception(exc)), path,
                                          _failing_line(exc, path)))
        else:
            problems.append(PluginProblem(_("the installed plugin '{name}' failed to load: {error}; fix or uninstall "
                                            "it, or switch it off here with 'disable: [{name}]'", name=name,
                                            error=describe_exception(exc))))
        return
    _register(pm, plugin, name, path, problems)


def _register(pm: pluggy.PluginManager, plugin: object, name: str | None, path: Path | None,
              problems: list[PluginProblem]) -> None:
    """Register ``plugin``; a hook implementation whose arguments its hook lacks is a problem instead."""
    try:
        pm.register(plugin, name=name)
    except (pluggy.PluginValidationError, ValueError) as exc:
        where = (path, 1) if path is not None else definition(plugin if isinstance(plugin, (ModuleType, type))
                                                                else type(plugin))
        problems.append(PluginProblem(_("the plugin '{name}' is left out: {error}", name=plugin_label(plugin, name),
                                        error=" ".join(str(exc).split())), *where))


def _unknown_hooks(pm: pluggy.PluginManager) -> list[PluginProblem]:
    """Unregister every plugin that implements a hook that does not exist (a misspelling), saying so."""
    problems = []
    for plugin in pm.get_plugins():
        unknown = [(caller.name, impl) for caller in pm.get_hookcallers(plugin) or () if not caller.has_spec()
                   for impl in caller.get_hookimpls() if impl.plugin is plugin and not impl.optionalhook]
        for hook, impl in unknown:
            problems.append(PluginProblem(_(
                "plugin '{name}' implements '{hook}', which is not a journeysite hook{hint}; the plugin is left out",
                name=plugin_label(plugin, impl.plugin_name), hook=hook, hint=did_you_mean_or_choices(hook, hook_names())),
                *definition(impl.function)))
        if unknown:
            pm.unregister(plugin)
    return problems


def plugin_label(plugin: object, name: str | None = None) -> str:
    """A plugin's name as people know it: its registered name, or its class for an unnamed object."""
    return name if name and name != str(id(plugin)) else getattr(plugin, "__name__", type(plugin).__name__)


def definition(thing: object) -> tuple[Path | None, int]:
    """The file and line where a function or class is defined (its ``def``, after decorators), or a module's
    file; (None, 1) when its source cannot be found."""
    try:
        file = inspect.getsourcefile(thing)  # type: ignore[arg-type]
        lines, start = inspect.getsourcelines(thing)  # type: ignore[arg-type]
    except (OSError, TypeError):
        return None, 1
    offset = next((i for i, line in enumerate(lines) if _DEFINITION.match(line)), 0)
    return (Path(file), max(start, 1) + offset) if file else (None, 1)


def _local_files(folder: Path) -> list[Path]:
    """The ``*.py`` files of ``folder`` that are plugins (not starting with ``_``), in name order."""
    return [path for path in sorted(folder.glob("*.py")) if not path.name.startswith("_")]


def _import(path: Path) -> ModuleType:
    """Import ``path`` afresh as a module (so ``mkdocs serve`` sees edits)."""
    name = f"journeysite_local_plugins.{path.stem}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError("cannot be imported as a Python module")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _exception(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


def describe_exception(exc: BaseException) -> str:
    """``Type: message (at FILE:LINE)``, the place being where ``exc`` was raised."""
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return _exception(exc)
    place = f"{frames[-1].filename}:{frames[-1].lineno}"
    return _("{error} (at {place})", error=_exception(exc), place=place)


def _failing_line(exc: BaseException, path: Path) -> int:
    """The line of ``path`` where ``exc`` was raised (a syntax error's own line), else 1."""
    if isinstance(exc, SyntaxError) and exc.lineno:
        return exc.lineno
    lines = [f.lineno for f in traceback.extract_tb(exc.__traceback__) if Path(f.filename) == path]
    return lines[-1] if lines and lines[-1] else 1
