"""Read what journeysite needs from a site's mkdocs.yml, keeping line numbers.

Adapters share this so that ``journeysite check`` and ``mkdocs build`` see the
same options and report problems at the same lines.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .fields import Fields
from .frontmatter import FrontMatterError, Mapping, parse_yaml
from .history import EditLinks, default_edit_uri
from .i18n import _, use_language
from .problems import CONFIG, WARNING, Problem
from .textfile import decode_utf8

PLUGIN_NAME = "journeysite"
# The options under ``- journeysite:`` in mkdocs.yml.
OPTIONS = ("stages", "channels", "emotions", "criteria", "plugins_dir", "disable", "departments", "currency")
DEFAULT_PLUGINS_DIR = "plugins"
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
    edit_links: EditLinks = EditLinks()  # repo_url, edit_uri, edit_uri_template

    @property
    def docs_path(self) -> Path:
        return (self.root / self.docs_dir).resolve()


def find_plugin_options(plugins: Any) -> tuple[bool, Any]:
    """(is the plugin listed, its options) from mkdocs.yml's ``plugins`` value."""
    if isinstance(plugins, dict):
        if PLUGIN_NAME in plugins:
            return True, plugins[PLUGIN_NAME] or {}
        return False, {}
    for entry in plugins or []:
        if entry == PLUGIN_NAME:
            return True, {}
        if isinstance(entry, dict) and PLUGIN_NAME in entry:
            return True, entry[PLUGIN_NAME] or {}
    return False, {}


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
    root = path.parent.resolve()
    raw = path.read_bytes()
    written = written_language(raw)
    with use_language(language or written):
        text, problem = decode_utf8(raw, path.name)
        data: Any = None
        if problem is None:
            try:
                data = parse_yaml(text or "", lenient=True)
            except FrontMatterError as exc:
                problem = Problem(path.name, exc.line, exc.message, column=exc.column, layer=CONFIG)
    if problem is not None:
        problem = replace(problem, layer=CONFIG)
    if not isinstance(data, dict):
        data = Mapping()
    theme = data.get("theme")
    language = theme.get("language") if isinstance(theme, dict) else None
    has_plugin, options = find_plugin_options(data.get("plugins"))
    repo_url, edit_uri, template = (data.get(key) if isinstance(data.get(key), str) else None
                                    for key in ("repo_url", "edit_uri", "edit_uri_template"))
    return SiteConfig(
        root=root,
        config_path=path.name,
        docs_dir=str(data.get("docs_dir") or "docs"),
        language=str(language or written or "en"),
        use_directory_urls=data.get("use_directory_urls", True) is not False,
        site_name=str(data.get("site_name") or ""),
        options=options if isinstance(options, dict) else {},
        has_plugin=has_plugin,
        problems=(problem,) if problem else (),
        edit_links=EditLinks(repo_url, edit_uri if "edit_uri" in data else default_edit_uri(repo_url), template),
    )


@dataclass(frozen=True)
class PluginOptions:
    """Where the site's own plugins are, which plugins to switch off, and what is wrong in the options."""

    plugins_dir: Path
    disable: tuple[str, ...]
    problems: tuple[Problem, ...] = ()


def plugin_options(config: SiteConfig) -> PluginOptions:
    """``plugins_dir`` and ``disable``, with the options' problems at their lines in mkdocs.yml: an unknown
    option, a value of the wrong shape, a ``plugins_dir`` given that is not a folder (warnings but the shape)."""
    problems: list[Problem] = []
    with use_language(config.language):
        options = Fields(config.options, config.config_path, problems,
                         _("the {name} plugin's options ({options})", name=PLUGIN_NAME, options=", ".join(OPTIONS)),
                         CONFIG)
        options.unknown_keys(OPTIONS)
        given = options.text("plugins_dir")
        plugins_dir = config.root / (given or DEFAULT_PLUGINS_DIR)
        if given and not plugins_dir.is_dir():
            options.error("plugins_dir", _("plugins_dir '{folder}' is not a folder (relative to {config}); create it "
                                           "or fix the path", folder=given, config=config.config_path), WARNING)
        disable = options.texts("disable")
    return PluginOptions(plugins_dir, disable, tuple(problems))
