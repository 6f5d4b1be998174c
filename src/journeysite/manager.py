"""The plugin manager: built-in plugins, installed ones, and a site's plugins/ folder.

A fresh manager is made for every build (no global state), so an edited
local plugin is picked up by the next rebuild of ``mkdocs serve``.
"""
from __future__ import annotations

import importlib
import importlib.util
import sys
import traceback
from importlib.metadata import entry_points
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
    """A plugin that cannot be loaded or registered; ``path`` and ``line`` say where, when known."""

    def __init__(self, message: str, path: Path | None = None, line: int = 1) -> None:
        super().__init__(message)
        self.message, self.path, self.line = message, path, line


def default_plugin_names() -> list[str]:
    """Short names of the built-in plugins, as ``disable:`` takes them."""
    return [name.rsplit(".", 1)[1] for name in DEFAULT_PLUGINS]


def make_manager(plugins_dir: Path | None = None, disable: Iterable[str] = (),
                 extra: Iterable[object] = ()) -> pluggy.PluginManager:
    """A new manager with the built-ins, ``journeysite`` entry points, ``plugins_dir``'s
    modules and ``extra`` plugin objects; ``disable`` blocks plugins by name.

    Names: a built-in's module name (``matrix``), an entry point's name, a local
    plugin's file name without ``.py``. Raises PluginError for an unknown name in
    ``disable``, a name taken twice, a local plugin that fails to import, or a hook
    implementation that matches no hook (a misspelling).
    """
    pm = pluggy.PluginManager(PROJECT)
    pm.add_hookspecs(hookspecs)
    disabled = set(disable)
    for name in disabled:
        pm.set_blocked(name)
    for dotted in DEFAULT_PLUGINS:
        pm.register(importlib.import_module(dotted), name=dotted.rsplit(".", 1)[1])
    pm.load_setuptools_entrypoints(PROJECT)
    known = set(default_plugin_names()) | {ep.name for ep in entry_points(group=PROJECT)}
    if plugins_dir is not None and plugins_dir.is_dir():
        for path, module in _local_modules(plugins_dir):
            known.add(path.stem)
            if path.stem in disabled:
                continue
            if pm.has_plugin(path.stem):
                raise PluginError(f"a plugin named '{path.stem}' is already registered (built-in or installed); "
                                  "rename the file (a local plugin overrides built-ins without that)", path)
            pm.register(module, name=path.stem)
    for plugin in extra:
        pm.register(plugin)
    unknown = disabled - known
    if unknown:
        raise PluginError(f"disable: no plugin named {', '.join(sorted(unknown))} "
                          f"(built-in plugins: {', '.join(default_plugin_names())})")
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        raise PluginError(f"{exc} (hooks are listed in journeysite.hookspecs)") from None
    return pm


def _local_modules(folder: Path) -> list[tuple[Path, ModuleType]]:
    """Import every ``*.py`` of ``folder`` afresh (so ``mkdocs serve`` sees edits), in name order."""
    modules = []
    for path in sorted(folder.glob("*.py")):
        if path.name.startswith("_"):
            continue
        name = f"journeysite_local_plugins.{path.stem}"
        spec = importlib.util.spec_from_file_location(name, path)
        if spec is None or spec.loader is None:
            raise PluginError("cannot be imported as a plugin", path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        try:
            spec.loader.exec_module(module)
        except Exception as exc:  # a user's plugin may fail in any way: say where
            raise PluginError(f"the plugin failed to load: {type(exc).__name__}: {exc}", path,
                              _failing_line(exc, path)) from None
        modules.append((path, module))
    return modules


def _failing_line(exc: BaseException, path: Path) -> int:
    """The line of ``path`` where ``exc`` was raised (a syntax error's own line), else 1."""
    if isinstance(exc, SyntaxError) and exc.lineno:
        return exc.lineno
    lines = [f.lineno for f in traceback.extract_tb(exc.__traceback__) if Path(f.filename) == path]
    return lines[-1] if lines and lines[-1] else 1
