"""The plugin manager: built-in plugins, installed ones, and a site's plugins/ folder.

A fresh manager is made for every build (no global state), so an edited
local plugin is picked up by the next rebuild of ``mkdocs serve``.
"""
from __future__ import annotations

import importlib
import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Iterable

import pluggy

from . import hookspecs
from .hookspecs import PROJECT

# Built-in plugins, each a small module of journeysite.defaults; the short name
# (after the last dot) is what ``disable:`` in mkdocs.yml takes.
DEFAULT_PLUGINS = (
    "journeysite.defaults.chantier_index",
    "journeysite.defaults.priority",
    "journeysite.defaults.quadrant",
    "journeysite.defaults.criticality",
    "journeysite.defaults.happiness",
    "journeysite.defaults.progress",
    "journeysite.defaults.indicators",
    "journeysite.defaults.persona_page",
    "journeysite.defaults.journey_page",
    "journeysite.defaults.chantier_page",
    "journeysite.defaults.channel_page",
    "journeysite.defaults.index_pages",
    "journeysite.defaults.matrix",
    "journeysite.defaults.emotion_curve",
    "journeysite.defaults.heatmap",
    "journeysite.defaults.pains",
    "journeysite.defaults.embed",
)


class PluginError(Exception):
    """A plugin that cannot be loaded or registered; the message says which and why."""


def default_plugin_names() -> list[str]:
    """Short names of the built-in plugins, as ``disable:`` takes them."""
    return [name.rsplit(".", 1)[1] for name in DEFAULT_PLUGINS]


def make_manager(plugins_dir: Path | None = None, disable: Iterable[str] = (),
                 extra: Iterable[object] = ()) -> pluggy.PluginManager:
    """A new manager with the defaults, ``journeysite`` entry points, ``plugins_dir``'s
    modules and ``extra`` plugin objects; ``disable`` blocks plugins by short name."""
    pm = pluggy.PluginManager(PROJECT)
    pm.add_hookspecs(hookspecs)
    disabled = set(disable)
    unknown = disabled - set(default_plugin_names())
    for name in disabled:
        pm.set_blocked(name)
    for dotted in DEFAULT_PLUGINS:
        short = dotted.rsplit(".", 1)[1]
        if short not in disabled:
            pm.register(importlib.import_module(dotted), name=short)
    pm.load_setuptools_entrypoints(PROJECT)
    if plugins_dir is not None and plugins_dir.is_dir():
        for module in _local_modules(plugins_dir):
            if module.__name__.rsplit(".", 1)[1] in disabled:
                unknown.discard(module.__name__.rsplit(".", 1)[1])
                continue
            pm.register(module, name=module.__name__.rsplit(".", 1)[1])
    for plugin in extra:
        pm.register(plugin)
    if unknown:
        raise PluginError(f"disable: no plugin named {', '.join(sorted(unknown))} "
                          f"(built-in plugins: {', '.join(default_plugin_names())})")
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        raise PluginError(f"{exc} (hooks are listed in journeysite.hookspecs)") from None
    return pm


def _local_modules(folder: Path) -> list[ModuleType]:
    """Import every ``*.py`` of ``folder`` afresh, in name order."""
    modules = []
    for path in sorted(folder.glob("*.py")):
        if path.name.startswith("_"):
            continue
        name = f"journeysite_local_plugins.{path.stem}"
        spec = importlib.util.spec_from_file_location(name, path)
        if spec is None or spec.loader is None:
            raise PluginError(f"{path}: cannot be imported as a plugin")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        try:
            spec.loader.exec_module(module)
        except Exception as exc:  # a user's plugin may fail in any way: say where
            raise PluginError(f"{path}: the plugin failed to load: {type(exc).__name__}: {exc}") from None
        modules.append(module)
    return modules
