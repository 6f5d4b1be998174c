"""The texts of mkdocs.yml that Material prints into every page as HTML, made text.

Material writes ``site_name`` (each page's header and ``<title>``), ``site_description`` and
``site_author`` (``<meta>`` tags), ``repo_name`` (the repository button) and the palette toggles' names
(``title`` attributes) without escaping them: a ``<img onerror=...>`` there would run script on every
page. They are plain text by nature, so the MkDocs adapter escapes them (``on_config``). ``copyright`` is
HTML as Material documents it (``&copy;``, a link): escaped too under ``raw_html: false``.

Each value is decoded first (``&amp;`` -> ``&``) and then escaped: what a person sees stays what Material
showed for a text without tags (``R&amp;D`` and ``R&D`` both read ``R&D``), and a tag is shown as written.
The result is ``Markup``, which Jinja's ``| e`` leaves as it is (Material escapes ``site_name`` itself
in a few attributes): never escaped twice.
"""
from __future__ import annotations

import html
from typing import Any, MutableMapping

from markupsafe import Markup

TEXTS = ("site_name", "site_description", "site_author", "repo_name")
HTML_TEXTS = ("copyright",)  # HTML for the theme: text only under raw_html: false


def as_text(value: Any) -> Any:
    """``value`` (a string from mkdocs.yml) as HTML showing it as text; anything else as it is."""
    if not isinstance(value, str) or isinstance(value, Markup):
        return value
    return Markup(html.escape(html.unescape(value), quote=True))


def escape_theme_texts(config: MutableMapping[str, Any], raw_html: bool) -> None:
    """Escape, in MkDocs' loaded configuration, the texts Material prints unescaped."""
    for key in TEXTS + (() if raw_html else HTML_TEXTS):
        if config.get(key) is not None:
            config[key] = as_text(config[key])
    theme = config.get("theme")
    palettes = theme.get("palette") if theme is not None else None
    for palette in palettes if isinstance(palettes, list) else [palettes]:
        toggle = palette.get("toggle") if isinstance(palette, dict) else None
        if isinstance(toggle, dict) and "name" in toggle:
            toggle["name"] = as_text(toggle["name"])
