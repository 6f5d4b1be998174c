"""Read what journeysite needs from a site's mkdocs.yml, keeping line numbers.

Adapters share this so that ``journeysite check`` and ``mkdocs build`` see the
same options and report problems at the same lines.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .fields import Fields
from .frontmatter import FrontMatterError, Mapping, parse_yaml
from .history import EditLinks, default_edit_uri
from .problems import WARNING, Problem
from .textfile import decode_utf8

PLUGIN_NAME = "journeysite"
# The options under ``- journeysite:`` in mkdocs.yml.
OPTIONS = ("stages", "channels", "emotions", "criteria", "plugins_dir", "disable", "departments", "currency",
           "graphviz_cache")
DEFAULT_PLUGINS_DIR = "plugins"
DEFAULT_GRAPHVIZ_CACHE = ".cache/journeysite/graphviz"  # relative to mkdocs.yml; git-ignored


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


def read_site_config(config_file: str | Path) -> SiteConfig:
    """Parse mkdocs.yml leniently (unknown tags such as ``!ENV`` read as None).

    A file that cannot be read as YAML gives a SiteConfig whose ``problems`` say why.
    """
    path = Path(config_file)
    root = path.parent.resolve()
    text, problem = decode_utf8(path.read_bytes(), path.name)
    data: Any = None
    if problem is None:
        try:
            data = parse_yaml(text or "", lenient=True)
        except FrontMatterError as exc:
            problem = Problem(path.name, exc.line, exc.message)
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
        language=str(language or "en"),
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
    graphviz_cache: Path | None = None


def plugin_options(config: SiteConfig) -> PluginOptions:
    """``plugins_dir``, ``disable`` and ``graphviz_cache`` (the folder of drawn diagrams; ``false``: none),
    with the options' problems at their lines in mkdocs.yml: an unknown option, a value of the wrong shape,
    a ``plugins_dir`` given that is not a folder (warnings but the shape)."""
    problems: list[Problem] = []
    options = Fields(config.options, config.config_path, problems,
                     f"the {PLUGIN_NAME} plugin's options ({', '.join(OPTIONS)})")
    options.unknown_keys(OPTIONS)
    given = options.text("plugins_dir")
    plugins_dir = config.root / (given or DEFAULT_PLUGINS_DIR)
    if given and not plugins_dir.is_dir():
        options.error("plugins_dir", f"plugins_dir '{given}' is not a folder (relative to {config.config_path}); "
                                     "create it or fix the path", WARNING)
    cache = None if config.options.get("graphviz_cache") is False else \
        config.root / (options.text("graphviz_cache") or DEFAULT_GRAPHVIZ_CACHE)
    return PluginOptions(plugins_dir, options.texts("disable"), tuple(problems), cache)
