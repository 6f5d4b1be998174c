"""The plugin manager: built-ins, entry points, the plugins/ folder, disable; a faulty plugin is a problem."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import MKDOCS_YML
from journeysite import hookimpl
from journeysite.build import build_site
from journeysite.config import read_site_config
from journeysite.manager import default_plugin_names, make_manager

PLUGIN_WITH_VIEW = """\
from journeysite import hookimpl
from journeysite.pages import View

@hookimpl
def journeysite_page_views(page):
    return [View("local", "<div class='local-view'>local</div>")] if page.kind == "journey" else []
"""

JOURNEY = {"docs/p.md": "---\ntype: persona\nname: P\n---\n",
           "docs/j.md": "---\ntype: journey\ntitle: J\npersona: p\ntouchpoints:\n  - id: t1\n    stage: achat\n"
                        "    channel: web\n    action: Je paie\n---\n"}
# A content error the build must still report whatever the plugins do.
BAD_JOURNEY = {**JOURNEY, "docs/j.md": JOURNEY["docs/j.md"].replace("persona: p", "persona: nobody")}
BAD_JOURNEY_PROBLEM = "docs/j.md:4: journey 'j' names persona 'nobody', which does not exist"


@pytest.fixture
def build(make_site):
    """``build_site`` of a site in English: these tests are about plugins (messages' French: test_french.py)."""

    def run(files: dict[str, str], config: str = MKDOCS_YML.replace("language: fr", "language: en")):
        return build_site(read_site_config(make_site(files, config) / "mkdocs.yml"))

    return run


def config_with(options: str) -> str:
    return "site_name: T\ndocs_dir: docs\nplugins:\n  - search\n  - journeysite:\n" + options


def report(result) -> list[str]:
    return [str(p) for p in result.problems]


class Typo:
    @hookimpl
    def journeysite_chantier_priority(self, chantier, referential):
        return 99.0

    @hookimpl
    def journeysite_chantier_priorty(self, chantier, referential):  # noqa: the typo is the test
        return 1


def test_every_builtin_is_registered_under_its_short_name() -> None:
    pm, problems = make_manager()
    assert problems == []
    assert set(default_plugin_names()) <= {name for name, _ in pm.list_name_plugin()}


def test_each_build_gets_a_fresh_manager() -> None:
    assert make_manager()[0] is not make_manager()[0]


def test_a_misspelled_hook_is_a_problem_at_its_def_and_its_plugin_is_left_out() -> None:
    pm, problems = make_manager(extra=[Typo()])
    assert [(p.path, p.line) for p in problems] == [(Path(__file__), Typo.journeysite_chantier_priorty.__code__.co_firstlineno + 1)]
    assert problems[0].message == (
        "plugin 'Typo' implements 'journeysite_chantier_priorty', which is not a journeysite hook "
        "(did you mean 'journeysite_chantier_priority'?); the plugin is left out")
    assert not any(isinstance(p, Typo) for p in pm.get_plugins())
    priority = pm.hook.journeysite_chantier_priority.get_hookimpls()
    assert not any(isinstance(impl.plugin, Typo) for impl in priority)  # its good hook is out too


def test_a_hook_far_from_any_name_lists_the_hooks() -> None:
    class MkDocsHabit:
        @hookimpl
        def on_page_markdown(self, markdown):
            return markdown

    message = make_manager(extra=[MkDocsHabit()])[1][0].message
    assert "'on_page_markdown', which is not a journeysite hook; use one of: journeysite_chantier_index," in message


def test_a_hook_with_an_argument_its_hook_lacks_is_a_problem_and_left_out() -> None:
    class Wrong:
        @hookimpl
        def journeysite_chantier_priority(self, chantier, budget):
            return 99.0

    pm, problems = make_manager(extra=[Wrong()])
    assert [p.path for p in problems] == [Path(__file__)]
    assert "'budget'" in problems[0].message and "left out" in problems[0].message
    assert not any(isinstance(p, Wrong) for p in pm.get_plugins())


def test_disable_blocks_a_builtin_and_an_unknown_name_is_a_problem_otherwise_ignored() -> None:
    pm, problems = make_manager(disable=["matrix"])
    assert problems == [] and not pm.has_plugin("matrix") and pm.has_plugin("emotion_curve")
    pm, problems = make_manager(disable=["matrx"])
    assert [p.path for p in problems] == [None]  # at 'disable' in mkdocs.yml
    assert problems[0].message.startswith("'disable' names 'matrx', but no plugin has that name "
                                          "(did you mean 'matrix'?); the plugins are: chantier_index, priority, ")
    assert pm.has_plugin("matrix")


def test_unknown_disable_name_hides_neither_content_problems_nor_other_plugin_problems(build) -> None:
    files = {**BAD_JOURNEY, "plugins/broken.py": "from journeysite import hookimpl\n\nx = 1 / 0\n"}
    result = build(files, config_with("      disable: [matrx]\n"))
    # the plugins' problems first: what they break comes after
    assert report(result)[0].startswith("mkdocs.yml:6: 'disable' names 'matrx', but no plugin has that name "
                                        "(did you mean 'matrix'?); the plugins are: ")
    assert report(result)[0].endswith(", source_info, broken")  # local plugins are named too
    assert report(result)[1] == "plugins/broken.py:3: the plugin failed to load: ZeroDivisionError: division by zero"
    assert report(result)[2:] == [BAD_JOURNEY_PROBLEM + "; use the id of a persona page, or create that persona"]
    assert result.pages  # the build went on with the plugins that loaded


def test_local_plugin_is_loaded_and_can_be_disabled(build) -> None:
    files = {**JOURNEY, "plugins/local_view.py": PLUGIN_WITH_VIEW}
    journey = next(p for p in build(files).pages if p.page.kind == "journey")
    assert "local-view" in journey.markdown
    result = build({**files, "plugins/broken.py": "1 / 0\n"}, config_with("      disable: [local_view, broken]\n"))
    assert result.problems == []  # a disabled plugin is not even imported
    journey = next(p for p in result.pages if p.page.kind == "journey")
    assert "local-view" not in journey.markdown


def test_failing_local_plugin_is_a_problem_at_its_line_and_the_build_goes_on(build) -> None:
    files = {**BAD_JOURNEY, "plugins/broken.py": "from journeysite import hookimpl\n\nx = 1 / 0\n",
             "plugins/local_view.py": PLUGIN_WITH_VIEW}
    result = build(files)
    assert report(result)[:-1] == ["plugins/broken.py:3: the plugin failed to load: ZeroDivisionError: division by zero"]
    assert report(result)[-1].startswith(BAD_JOURNEY_PROBLEM)
    journey = next(p for p in result.pages if p.page.kind == "journey")
    assert "local-view" in journey.markdown


def test_local_plugin_named_like_a_builtin_is_a_problem_and_left_out(build) -> None:
    result = build({**BAD_JOURNEY, "plugins/matrix.py": PLUGIN_WITH_VIEW})
    assert [p.path for p in result.problems] == ["plugins/matrix.py", "docs/j.md"]
    assert "a plugin named 'matrix' is already registered" in result.problems[0].message
    journey = next(p for p in result.pages if p.page.kind == "journey")
    assert "local-view" not in journey.markdown and "js-matrix" in journey.markdown


def test_local_plugin_with_a_misspelled_hook_is_a_problem_at_its_line(build) -> None:
    plugin = "from journeysite import hookimpl\n\n\n@hookimpl\ndef journeysite_page_veiws(page):\n    return []\n"
    result = build({**BAD_JOURNEY, "plugins/typo.py": plugin})
    assert report(result)[:-1] == [
        "plugins/typo.py:5: plugin 'typo' implements 'journeysite_page_veiws', which is not a journeysite hook "
        "(did you mean 'journeysite_page_views'?); the plugin is left out"]
    assert report(result)[-1].startswith(BAD_JOURNEY_PROBLEM)


def test_failing_hook_at_build_time_is_a_problem_not_a_traceback(build) -> None:
    files = {**JOURNEY, "plugins/crash.py": "from journeysite import hookimpl\n\n@hookimpl\n"
                                            "def journeysite_page_views(page):\n    raise RuntimeError('boom')\n"}
    result = build(files)
    assert [str(p) for p in result.errors] == ["plugins/crash.py:5: plugin 'crash' failed in journeysite_page_views: "
                                               "RuntimeError: boom; what it adds is left out"]
    assert "journeys/j.md" in {p.page.doc_path for p in result.pages}  # the rest of the site is built


def install(tmp_path: Path, monkeypatch, module: str) -> None:
    """An installed distribution whose ``journeysite`` entry point ``ext`` is the module ``ext_plugin``."""
    (tmp_path / "ext_plugin.py").write_text(module, encoding="utf-8")
    dist = tmp_path / "ext_plugin-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: ext-plugin\nVersion: 1.0\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text("[journeysite]\next = ext_plugin\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "ext_plugin", raising=False)


def test_installed_plugins_load_from_the_journeysite_entry_point_group(tmp_path: Path, monkeypatch) -> None:
    install(tmp_path, monkeypatch, "from journeysite import hookimpl\n\n@hookimpl\n"
                                   "def journeysite_chantier_priority(chantier, referential):\n    return 42.0\n")
    pm, problems = make_manager()
    assert problems == [] and pm.has_plugin("ext")
    assert pm.hook.journeysite_chantier_priority(chantier=None, referential=None) == 42.0
    assert not make_manager(disable=["ext"])[0].has_plugin("ext")


def test_installed_plugin_that_fails_to_load_is_a_problem(tmp_path: Path, monkeypatch) -> None:
    install(tmp_path, monkeypatch, "import journeysite\n\nraise RuntimeError('not configured')\n")
    pm, problems = make_manager()
    assert [p.path for p in problems] == [None]  # at 'disable' in mkdocs.yml, where it can be switched off
    assert problems[0].message == (
        f"the installed plugin 'ext' failed to load: RuntimeError: not configured (at {tmp_path / 'ext_plugin.py'}:3); "
        "fix or uninstall it, or switch it off here with 'disable: [ext]'")
    assert not pm.has_plugin("ext") and pm.has_plugin("matrix")
