"""Plugins run isolated: a hook implementation that fails or returns the wrong thing costs only its
own contribution, and says where it is.

``isolate(pm)`` wraps every hook implementation of a manager (built-in ones too) once its plugins are
registered, so every call goes through the guard, whoever makes it (journeysite, or a plugin calling
``page.context.pm.hook``). A call that raises anything (``sys.exit()`` included, Ctrl-C excepted) or
returns a value its hook's declared type does not allow is a problem naming the plugin, its file and
line and the hook; its result is dropped (a firstresult hook then asks the next plugin), and that
plugin is not asked again for that hook in this build. Wrappers (``hookwrapper``/``wrapper``) are
called as they are.
"""
from __future__ import annotations

import dataclasses
import traceback
import types
import typing
from collections.abc import Mapping as MappingABC
from collections.abc import Sequence as SequenceABC
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any, Callable

import pluggy

from . import compute, hookspecs, model, pages, problems
from .bounds import is_number
from .docsfiles import is_markdown
from .fields import Fields
from .i18n import _
from .manager import PluginProblem, definition, hook_names, plugin_label
from .pagemeta import THEME_KEYS, ThemeFiles, page_meta, shown
from .render import dot
from .safetext import has_unsafe

# ValueError is how journeysite_embed reports bad parameters (directives.py says them at their line).
PROTOCOL_ERRORS = {"journeysite_embed": ValueError}
# Checked by their type alone: a diagram's graph holds thousands of values, each checked as it is written
# (render.dot; diagrams.draw says which diagram cannot be).
SHALLOW = (dot.Graph,)


@dataclass(frozen=True)
class Origin:
    """The plugin a result comes from: its name, and where its hook implementation is."""

    plugin: str
    path: Path | None
    line: int


class PluginGuard:
    """The problems of plugins' calls in one build, and the origin of each page a plugin adds."""

    def __init__(self, theme: ThemeFiles = ThemeFiles()) -> None:
        self.theme = theme
        self.problems: list[PluginProblem] = []
        self.page_origins: dict[int, Origin] = {}  # id(GeneratedPage) -> the plugin that added it
        self._failed: set[tuple[str, str]] = set()

    def origin(self, page: pages.GeneratedPage) -> Origin | None:
        return self.page_origins.get(id(page))

    def wrap(self, impl: pluggy.HookImpl, hook: str) -> None:
        function = impl.function
        expected = return_type(hook)
        origin = Origin(plugin_label(impl.plugin, impl.plugin_name), *definition(function))
        allowed = PROTOCOL_ERRORS.get(hook, ())

        def guarded(*args: Any) -> Any:
            if (origin.plugin, hook) in self._failed:
                return None
            try:
                result = function(*args)
                good = result is None or conforms(result, expected)  # a result may raise as it is read, too
            except allowed:
                raise
            except KeyboardInterrupt:
                raise
            except BaseException as exc:  # sys.exit() too: a plugin never ends journeysite
                self._fail(origin, hook, _("plugin '{plugin}' failed in {hook}: {error}; what it adds is left out",
                                           plugin=origin.plugin, hook=hook, error=_describe(exc)),
                           _raised_at(exc, origin))
                return None
            if result is None:
                return None
            if not good:
                self._fail(origin, hook, _("plugin '{plugin}' returned {value} from {hook}, which returns {type}; "
                                           "it is left out", plugin=origin.plugin, value=shown(result), hook=hook,
                                           type=declared(hook)), origin.line)
                return None
            return self._checked(hook, result, origin)

        impl.function = guarded  # type: ignore[misc]  # pluggy calls impl.function(*args)

    def _fail(self, origin: Origin, hook: str, message: str, line: int) -> None:
        self._failed.add((origin.plugin, hook))
        self.problems.append(PluginProblem(message, origin.path, line))

    def _problem(self, origin: Origin, message: str) -> None:
        self.problems.append(PluginProblem(message, origin.path, origin.line))

    def _checked(self, hook: str, result: Any, origin: Origin) -> Any:
        """What the declared type cannot say: the values a result may hold."""
        if hook == "journeysite_chantier_quadrant" and result not in model.QUADRANTS:
            self._fail(origin, hook, _("plugin '{plugin}' returned the quadrant {value}, which is not one of {names}; "
                                       "it is left out", plugin=origin.plugin, value=shown(result),
                                       names=", ".join(model.QUADRANTS)), origin.line)
            return None
        if hook == "journeysite_validate":
            return [p for p in result if self._good_problem(p, origin)]
        if hook == "journeysite_site_pages":
            return [page for page in result if self._good_page(page, origin)]
        return result

    def _good_problem(self, problem: problems.Problem, origin: Origin) -> bool:
        if problem.severity in (problems.ERROR, problems.WARNING) and problem.line >= 1:
            return True
        self._problem(origin, _("plugin '{plugin}' reported a problem with severity {severity} at line {line}: "
                                "severity is 'error' or 'warning', lines start at 1; it is left out",
                                plugin=origin.plugin, severity=shown(problem.severity), line=problem.line))
        return False

    def _good_page(self, page: pages.GeneratedPage, origin: Origin) -> bool:
        """A page at a path inside the site, its front matter good for the theme (the origin kept)."""
        if not safe_doc_path(page.doc_path):
            self._problem(origin, _("plugin '{plugin}' adds a page at {path}: a page is written at a relative path "
                                    "inside the site, ending in .md (e.g. glossary/index.md); it is left out",
                                    plugin=origin.plugin, path=shown(page.doc_path)))
            return False
        found: list[problems.Problem] = []
        page_meta(Fields(dict(page.meta), "", found, ""), self.theme, [k for k in THEME_KEYS if k in page.meta])
        for problem in found:
            self._problem(origin, _("plugin '{plugin}' adds the page {path} with a front matter the theme cannot "
                                    "use: {problem}; the page is left out", plugin=origin.plugin, path=page.doc_path,
                                    problem=problem.message))
        if found:
            return False
        self.page_origins[id(page)] = origin
        return True


def isolate(pm: pluggy.PluginManager, theme: ThemeFiles = ThemeFiles()) -> PluginGuard:
    """Guard every hook implementation of ``pm`` (call once, after registering every plugin)."""
    guard = PluginGuard(theme)
    for hook in hook_names():
        for impl in getattr(pm.hook, hook).get_hookimpls():
            if not (impl.wrapper or impl.hookwrapper):
                guard.wrap(impl, hook)
    return guard


def safe_doc_path(doc_path: str) -> bool:
    """Whether ``doc_path`` is a Markdown path inside docs_dir (no way out, nothing a file name cannot hold)."""
    path = PurePosixPath(doc_path)
    return (bool(doc_path) and is_markdown(doc_path) and not path.is_absolute() and ".." not in path.parts
            and "\\" not in doc_path and ":" not in doc_path and not has_unsafe(doc_path)
            and str(path) == doc_path)


# -- declared types ------------------------------------------------------------------------

def declared(hook: str) -> str:
    """A hook's return type as hookspecs.py writes it."""
    return str(getattr(hookspecs, hook).__annotations__.get("return", "object"))


@lru_cache(maxsize=None)
def return_type(hook: str) -> Any:
    """A hook's declared return type, evaluated (hookspecs imports its types for type checkers only)."""
    namespace = {**vars(compute), **vars(model), **vars(pages), **vars(problems), **vars(dot), **vars(hookspecs)}
    return typing.get_type_hints(getattr(hookspecs, hook), globalns=namespace).get("return", Any)


@lru_cache(maxsize=None)
def _fields(cls: type) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    return {f.name: hints.get(f.name, Any) for f in dataclasses.fields(cls)}


def conforms(value: Any, hint: Any) -> bool:
    """Whether ``value`` is of type ``hint``: unions, lists and tuples (either of them), mappings,
    dataclasses field by field, and finite numbers (an int is a float, a bool is no number)."""
    return _checker(hint)(value)


@lru_cache(maxsize=None)
def _checker(hint: Any) -> Callable[[Any], bool]:
    """``conforms`` for one ``hint``, its type read once (every hook call checks its result)."""
    if hint is Any or hint is object:
        return lambda value: True
    if hint is type(None):
        return lambda value: value is None
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return lambda value: any(conforms(value, arm) for arm in args)
    if origin is tuple and args and args[-1] is not Ellipsis:  # tuple[int, str]: one type a place
        return lambda value: isinstance(value, (list, tuple)) and len(value) == len(args) and \
            all(conforms(v, arm) for v, arm in zip(value, args))
    if origin in (list, tuple, SequenceABC):
        item = args[0] if args else Any
        return lambda value: isinstance(value, (list, tuple)) and all(conforms(v, item) for v in value)
    if origin in (dict, MappingABC):
        key, item = args if args else (Any, Any)
        return lambda value: isinstance(value, MappingABC) and \
            all(conforms(k, key) and conforms(v, item) for k, v in value.items())
    if hint is float:
        return is_number
    if hint is int:
        return lambda value: isinstance(value, int) and not isinstance(value, bool)
    if isinstance(hint, type) and issubclass(hint, SHALLOW):
        return lambda value: isinstance(value, hint)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return lambda value: isinstance(value, hint) and all(conforms(getattr(value, name), field_hint)
                                                             for name, field_hint in _fields(hint).items())
    return (lambda value: isinstance(value, hint)) if isinstance(hint, type) else (lambda value: True)


# -- where it failed -----------------------------------------------------------------------

def _describe(exc: BaseException) -> str:
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _raised_at(exc: BaseException, origin: Origin) -> int:
    """The line of the plugin's file where ``exc`` was raised (deepest), else its hook's ``def``."""
    if origin.path is None:
        return origin.line
    lines = [f.lineno for f in traceback.extract_tb(exc.__traceback__)
             if f.lineno and Path(f.filename) == origin.path]
    return lines[-1] if lines else origin.line

