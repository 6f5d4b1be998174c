"""Read what journeysite needs from a site's mkdocs.yml, keeping line numbers.

Adapters share this so that ``journeysite check`` and ``mkdocs build`` see the
same options and report problems at the same lines.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .fields import Fields, line_of
from .frontmatter import FrontMatterError, Mapping, parse_yaml
from .history import EditLinks, default_edit_uri
from .i18n import _, use_language
from .pagemeta import theme_dirs
from .problems import CONFIG, WARNING, Problem, shown
from .textfile import decode_utf8

PLUGIN_NAME = "journeysite"
# The options under ``- journeysite:`` in mkdocs.yml.
OPTIONS = ("stages", "channels", "emotions", "criteria", "plugins_dir", "disable", "departments", "currency",
           "raw_html", "graphviz_cache")
DEFAULT_PLUGINS_DIR = "plugins"
DEFAULT_GRAPHVIZ_CACHE = ".cache/journeysite/graphviz"  # relative to mkdocs.yml; git-ignored
# theme.language as a line of mkdocs.yml says it: the language of the problems of a file YAML cannot read.
_LANGUAGE_LINE = re.compile(r"^[ \t]+language:[ \t]*['\"]?([A-Za-z_-]+)", re.M)


@dataclass(frozen=True)
class SiteConfig:
    """The parts of mkdocs.yml that journeysite reads."""

    root: Path
    config_path: str = "mkdocs.yml"
    docs_dir: str = "docs"
    language: str = "en"
    use_directory_urls: bool = True
    site_name: str = ""
    options: Any = field(default_factory=dict)
    has_plugin: bool = False
    problems: tuple[Problem, ...] = ()
    notes: tuple[Problem, ...] = ()  # problems of mkdocs.yml that leave it readable
    theme_dirs: tuple[Path, ...] = ()
    exclude_docs: tuple[str, ...] = ()  # MkDocs' exclude_docs patterns (gitignore lines)
    edit_links: EditLinks = EditLinks()  # repo_url, edit_uri, edit_uri_template

    @property
    def docs_path(self) -> Path:
        return (self.root / self.docs_dir).resolve()


def find_plugin_options(plugins: Any) -> tuple[bool, Any]:
    """(is the plugin listed, its options) from mkdocs.yml's ``plugins`` value."""
    found, options, _line = _plugin_entry(plugins)
    return found, options


def _plugin_entry(plugins: Any) -> tuple[bool, Any, int]:
    """(is the plugin listed, its options, the line of its name) in mkdocs.yml's ``plugins`` value."""
    if isinstance(plugins, dict):
        if PLUGIN_NAME in plugins:
            return True, plugins[PLUGIN_NAME] or {}, line_of(plugins, PLUGIN_NAME)
        return False, {}, 1
    for index, entry in enumerate(plugins if isinstance(plugins, list) else []):
        if entry == PLUGIN_NAME:
            return True, {}, line_of(plugins, index)
        if isinstance(entry, dict) and PLUGIN_NAME in entry:
            return True, entry[PLUGIN_NAME] or {}, line_of(entry, PLUGIN_NAME)
    return False, {}, 1


def written_language(raw: bytes) -> str | None:
    """``theme.language`` as the lines of a mkdocs.yml say it, even when its YAML cannot be read."""
    found = _LANGUAGE_LINE.search(raw.decode("utf-8", "replace"))
    return found.group(1) if found else None


def read_site_config(config_file: str | Path, language: str | None = None) -> SiteConfig:
    """Parse mkdocs.yml leniently (unknown tags such as ``!ENV`` read as None).

    A file that cannot be read as YAML gives a SiteConfig whose ``problems`` say why (in ``language``,
    else in the language its lines give).
    """
    path = Path(config_file)
    raw = path.read_bytes()
    written = written_language(raw)
    with use_language(language or written):
        return _read_site_config(path, raw, written)


def _read_site_config(path: Path, raw: bytes, written: str | None) -> SiteConfig:
    root = path.parent.resolve()
    text, problem = decode_utf8(raw, path.name)
    data: Any = None
    notes: list = []
    if problem is None:
        try:
            data = parse_yaml(text or "", lenient=True, notes=notes)
        except FrontMatterError as exc:
            problem = Problem(path.name, exc.line, exc.message, column=exc.column)
    if not isinstance(data, dict):
        data = Mapping()
    theme = data.get("theme")
    theme_language = theme.get("language") if isinstance(theme, dict) else None
    has_plugin, options, line = _plugin_entry(data.get("plugins"))
    if not isinstance(options, dict):
        notes.append((line, _("the {plugin} plugin's options must be a mapping of names to values "
                              "(e.g. plugins_dir: plugins), not {value}", plugin=PLUGIN_NAME, value=_kind(options))))
    exclude = data.get("exclude_docs")
    repo_url, edit_uri, template = (data.get(key) if isinstance(data.get(key), str) else None
                                    for key in ("repo_url", "edit_uri", "edit_uri_template"))
    return SiteConfig(
        root=root,
        config_path=path.name,
        docs_dir=str(data.get("docs_dir") or "docs"),
        language=str(theme_language or written or "en"),
        use_directory_urls=data.get("use_directory_urls", True) is not False,
        site_name=str(data.get("site_name") or ""),
        options=options if isinstance(options, dict) else {},
        has_plugin=has_plugin,
        problems=(replace(problem, layer=CONFIG),) if problem else (),
        notes=tuple(Problem(path.name, line, message, layer=CONFIG) for line, message in notes),
        theme_dirs=theme_dirs(theme, root),
        exclude_docs=tuple(exclude.splitlines()) if isinstance(exclude, str) else (),
        edit_links=EditLinks(repo_url, edit_uri if "edit_uri" in data else default_edit_uri(repo_url), template),
    )


def _kind(value: Any) -> str:
    """What a value is, in a message: a list, a number, some text."""
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, str):
        return _("some text")
    return _("a number") if isinstance(value, (int, float)) and not isinstance(value, bool) else shown(value)


@dataclass(frozen=True)
class PluginOptions:
    """Where the site's own plugins are, which plugins to switch off, and what is wrong in the options."""

    plugins_dir: Path
    disable: tuple[str, ...]
    problems: tuple[Problem, ...] = ()
    raw_html: bool = True  # false: raw HTML in authors' Markdown is an error, and escaped
    graphviz_cache: Path | None = None


def plugin_options(config: SiteConfig) -> PluginOptions:
    """``plugins_dir``, ``disable`` and ``graphviz_cache`` (the folder of drawn diagrams; ``false``: none),
    with the options' problems at their lines in mkdocs.yml: an unknown option, a value of the wrong shape,
    a ``plugins_dir`` given that is not a folder (warnings but the shape)."""
    problems: list[Problem] = []
    with use_language(config.language):
        options = Fields(config.options, config.config_path, problems,
                         _("the {name} plugin's options ({options})", name=PLUGIN_NAME, options=", ".join(OPTIONS)),
                         CONFIG)
        options.unknown_keys(OPTIONS)
        problems += config.notes
        given = options.text("plugins_dir")
        plugins_dir = config.root / (given or DEFAULT_PLUGINS_DIR)
        if given and not plugins_dir.is_dir():
            options.error("plugins_dir", _("plugins_dir '{folder}' is not a folder (relative to {config}); create it "
                                           "or fix the path", folder=given, config=config.config_path), WARNING)
        disable, raw_html = options.texts("disable"), raw_html_option(config, problems)
        cache = None if config.options.get("graphviz_cache") is False else \
            config.root / (options.text("graphviz_cache") or DEFAULT_GRAPHVIZ_CACHE)
    return PluginOptions(plugins_dir, disable, tuple(problems), raw_html, cache)


def raw_html_option(config: SiteConfig, problems: list[Problem] | None = None) -> bool:
    """The ``raw_html`` option: true (the default, Markdown's own rule) or false; any other value
    is a problem and reads as false (the safe side)."""
    value = config.options.get("raw_html", True)
    if isinstance(value, bool):
        return value
    if problems is not None:
        problems.append(Problem(config.config_path, line_of(config.options, "raw_html"),
                                _("'raw_html' must be true (authors may write HTML in their Markdown) or false "
                                  "(HTML is an error and shown as text), not {value}", value=shown(value)),
                                layer=CONFIG))
    return False
