"""Material's search plugin, as journeysite drives it (part of the MkDocs adapter).

Each page goes through journeysite on its way into Material's index (``wrap_search_plugins``: the page's
views handed over as renditions, ``search_hiding``). After indexing a page, Material takes the
``data-search-*`` attributes out of its HTML with a regular expression that starts with an optional space
(``\\s?data-search-…``): Python tries it at every character of every page, about 2 ms for a journey page,
a second of a 200-journey build, on one core. ``without_search_attributes`` gives the same text from a
search for the literal part first; journeysite puts it in the place of Material's handler, for the
handler it knows only (a later Material doing something else keeps its own).
"""
from __future__ import annotations

import re
from functools import partial
from typing import Any, Callable

from mkdocs.plugins import PluginCollection
from mkdocs.structure.pages import Page

MATERIAL_PATTERN = r"\s?data-search-\w+=\"[^\"]+\""  # Material 9's, in SearchPlugin.on_page_context
_ATTRIBUTE = re.compile(r"data-search-\w+=\"[^\"]+\"")  # the same, less its leading optional space
# The names that handler reads: nothing but the index, the option, the page's content and re.sub.
_MATERIAL_NAMES = frozenset({"config", "enabled", "search_index", "add_entry_from_context", "re", "sub", "content"})


def without_search_attributes(html: str) -> str:
    """``re.sub(MATERIAL_PATTERN, "", html)``, found from the pattern's literal part: each match, and the
    whitespace character before it when that is not the end of the match before."""
    if "data-search-" not in html:
        return html
    pieces, start = [], 0
    for found in _ATTRIBUTE.finditer(html):
        end = found.start()
        if end > start and html[end - 1].isspace():  # what \s matches: str.isspace
            end -= 1
        pieces.append(html[start:end])
        start = found.end()
    if not pieces:
        return html
    pieces.append(html[start:])
    return "".join(pieces)


def wrap_search_plugins(plugins: PluginCollection, index_page: Callable[..., None]) -> list[Any]:
    """Material's search plugins of ``plugins``, each made to add pages through ``index_page`` (which calls
    the index's own method: only Material's search leaves ``data-search-exclude`` elements out, MkDocs' own
    must see views whole) and, where its page handler is the one journeysite knows, to clean pages with
    ``without_search_attributes``."""
    wrapped = []
    for plugin in plugins.values():
        if not type(plugin).__module__.startswith("material.plugins.search"):
            continue
        index = getattr(plugin, "search_index", None)
        add_entry = getattr(index, "add_entry_from_context", None)
        if add_entry is not None and isinstance(getattr(index, "entries", None), list):
            index.add_entry_from_context = partial(index_page, index, add_entry)
            _replace_page_handler(plugins, plugin)
            wrapped.append(plugin)
    return wrapped


def _replace_page_handler(plugins: PluginCollection, plugin: Any) -> None:
    """Put ``_page_context`` in the place of ``plugin``'s ``on_page_context`` among the events MkDocs runs
    (same place in the order, same origin), when that handler is Material's as journeysite knows it."""
    handler = getattr(plugin, "on_page_context", None)
    events = getattr(plugins, "events", {}).get("page_context", [])
    if not knows(handler) or handler not in events:
        return
    replacement = partial(_page_context, plugin)
    events[events.index(handler)] = replacement
    origins = getattr(plugins, "_event_origins", None)
    if isinstance(origins, dict) and handler in origins:
        origins[replacement] = origins[handler]


def knows(handler: Any) -> bool:
    """Whether ``handler`` is Material's ``on_page_context`` that ``_page_context`` does the work of: it
    indexes the page and takes out the attributes with ``MATERIAL_PATTERN``, nothing else."""
    code = getattr(getattr(handler, "__func__", None), "__code__", None)
    return code is not None and MATERIAL_PATTERN in code.co_consts and set(code.co_names) == _MATERIAL_NAMES


def _page_context(plugin: Any, context: dict, *, page: Page, config: Any, nav: Any) -> None:
    """What Material's handler does, with ``without_search_attributes`` for its regular expression."""
    if not plugin.config.enabled:
        return
    plugin.search_index.add_entry_from_context(page)
    page.content = without_search_attributes(page.content)
