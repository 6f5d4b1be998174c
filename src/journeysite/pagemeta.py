"""Front-matter keys handed to the theme (MkDocs and Material read them themselves): checked here.

MkDocs and Material print these values into pages without escaping, and use them as they come
(``"toc" in page.meta.hide``, ``{% include ".icons/" ~ icon %}``, ``get_template(template)``):
a value of another shape runs script in the page or stops the build with a traceback. So each
key has one shape, checked with its line; a bad value is an error and is left out of the page.
Text values are escaped where pages are written (``pages.render_page``).
"""
from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass
from functools import cached_property
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any, Iterable

from .bounds import is_number
from .fields import Fields
from .i18n import _
from .problems import shown

# Keys MkDocs and Material read from front matter, accepted on journeysite's items and passed through.
THEME_KEYS = ("hide", "icon", "description", "search", "template", "subtitle", "social", "comments")
# What ``hide`` may hide (Material's names).
HIDE_NAMES = ("navigation", "toc", "footer", "path", "tags", "feedback")
SEARCH_KEYS = ("exclude", "boost")
SOCIAL_KEYS = ("cards", "cards_layout", "cards_layout_options")
# Top-level templates of the theme that are not pages of their own: the redirects plugin's page
# (it needs a ``location``), the blog plugin's post (it needs the blog's filters).
NOT_PAGE_TEMPLATES = ("redirect.html", "blog-post.html")
_ICON = re.compile(r"^[a-z0-9_-]+(?:/[A-Za-z0-9_.-]+)+$")
_LAYOUT = re.compile(r"^[A-Za-z0-9_-]+(?:/[A-Za-z0-9_-]+)*$")


@dataclass(frozen=True)
class ThemeFiles:
    """The folders of a site's theme, first match wins (``custom_dir`` first, as MkDocs reads them)."""

    dirs: tuple[Path, ...] = ()

    @cached_property  # one ThemeFiles a build: a template added to custom_dir under serve is seen
    def templates(self) -> list[str]:
        """The page templates a page may name in ``template:``, sorted."""
        found = {path.name for folder in self.dirs if folder.is_dir() for path in folder.glob("*.html")}
        return sorted(found - set(NOT_PAGE_TEMPLATES))

    def has_icon(self, icon: str) -> bool:
        """Whether ``icon`` (``material/home``) is an icon of the theme."""
        return bool(_ICON.match(icon)) and ".." not in icon and \
            any((folder / ".icons" / f"{icon}.svg").is_file() for folder in self.dirs)


def theme_dirs(theme: Any, root: Path) -> tuple[Path, ...]:
    """The folders of mkdocs.yml's ``theme`` value (a name, or a mapping with ``name`` and
    ``custom_dir``), found as MkDocs finds them (the ``mkdocs.themes`` entry points), without MkDocs."""
    if isinstance(theme, str):
        name, custom = theme, None
    elif isinstance(theme, dict):
        name, custom = theme.get("name", "mkdocs"), theme.get("custom_dir")
    else:
        name, custom = "mkdocs", None
    dirs = [(root / custom).resolve()] if isinstance(custom, str) and custom else []
    if isinstance(name, str):
        for entry in entry_points(group="mkdocs.themes"):
            if entry.name == name:
                dirs += [Path(p) for p in _package_dirs(entry.value)]
    return tuple(dirs)


def _package_dirs(module: str) -> list[str]:
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return []
    return list(spec.submodule_search_locations or []) if spec else []


def page_meta(f: Fields, theme: ThemeFiles, keys: Iterable[str] = THEME_KEYS) -> dict[str, Any]:
    """The theme keys (of ``keys``) of ``f.data`` whose values are good, read into their one shape;
    each bad one is reported at its line and left out."""
    meta: dict[str, Any] = {}
    for key in keys:
        if key not in f.data or f.data[key] is None:
            continue
        value = _READERS[key](f, key, theme)
        if value is not None:
            meta[key] = value
    return meta


def _text(f: Fields, key: str, theme: ThemeFiles) -> str | None:
    return f.text(key) or None


def _hide(f: Fields, key: str, theme: ThemeFiles) -> list[str] | None:
    value = f.data[key]
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not all(isinstance(n, str) and n in HIDE_NAMES for n in names):
        f.error(key, _("'hide' lists parts of the page to hide, among {names}; not {value}",
                       names=", ".join(HIDE_NAMES), value=shown(value)))
        return None
    return list(dict.fromkeys(names))


def _template(f: Fields, key: str, theme: ThemeFiles) -> str | None:
    value = f.data[key]
    templates = theme.templates
    if not isinstance(value, str) or value not in templates:
        f.error(key, _("'template' names a page template of the theme ({names}), not {value}",
                       names=", ".join(templates) or "-", value=shown(value)))
        return None
    return value


def _icon(f: Fields, key: str, theme: ThemeFiles) -> str | None:
    value = f.data[key]
    if not isinstance(value, str) or not theme.has_icon(value):
        f.error(key, _("'icon' names an icon of the theme, such as material/account-group; {value} is not one",
                       value=shown(value)))
        return None
    return value


def _flag(f: Fields, key: str, theme: ThemeFiles) -> bool | None:
    value = f.data[key]
    if isinstance(value, bool):
        return value
    f.flag(key)  # says what is wrong
    return None


def _search(f: Fields, key: str, theme: ThemeFiles) -> dict | None:
    value = f.data[key]
    if isinstance(value, dict) and set(value) <= set(SEARCH_KEYS) and isinstance(value.get("exclude", False), bool) \
            and is_number(value.get("boost", 1)):
        return dict(value)
    f.error(key, _("'search' takes 'exclude' (true or false) and 'boost' (a number), e.g. search: {{boost: 2}}; "
                   "not {value}", value=shown(value)))
    return None


def _social(f: Fields, key: str, theme: ThemeFiles) -> dict | None:
    value = f.data[key]
    if isinstance(value, dict) and set(value) <= set(SOCIAL_KEYS) and isinstance(value.get("cards", True), bool) \
            and (isinstance(value.get("cards_layout", "x"), str) and _LAYOUT.match(value.get("cards_layout", "x"))) \
            and _plain_mapping(value.get("cards_layout_options", {})):
        return dict(value)
    f.error(key, _("'social' takes 'cards' (true or false), 'cards_layout' (a layout name) and "
                   "'cards_layout_options' (names and plain values); not {value}", value=shown(value)))
    return None


def _plain_mapping(value: Any) -> bool:
    return isinstance(value, dict) and all(
        isinstance(v, (str, bool)) or is_number(v) for v in value.values())


_READERS = {"hide": _hide, "icon": _icon, "description": _text, "search": _search, "template": _template,
            "subtitle": _text, "social": _social, "comments": _flag, "title": _text}


def clean_meta(meta: dict, theme: ThemeFiles, keys: Iterable[str]) -> dict:
    """``meta`` (a page's front matter as MkDocs read it) with its bad theme keys left out
    (they were reported when the site was checked)."""
    problems: list = []
    keys = tuple(keys)
    good = page_meta(Fields(meta, "", problems, ""), theme, keys)
    return {**{k: v for k, v in meta.items() if k not in keys}, **good}

