"""The plugin manager: built-ins, entry points, the plugins/ folder, disable, loud failures."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from journeysite import hookimpl
from journeysite.manager import PluginError, default_plugin_names, make_manager

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


def test_every_builtin_is_registered_under_its_short_name() -> None:
    pm = make_manager()
    assert set(default_plugin_names()) <= {name for name, _ in pm.list_name_plugin()}


def test_each_build_gets_a_fresh_manager() -> None:
    assert make_manager() is not make_manager()


def test_a_misspelled_hook_fails_loudly() -> None:
    class Typo:
        @hookimpl
        def journeysite_chantier_priorty(self, chantier, referential):  # noqa: the typo is the test
            return 1

    with pytest.raises(PluginError, match="journeysite_chantier_priorty"):
        make_manager(extra=[Typo()])


def test_disable_blocks_a_builtin_and_refuses_unknown_names() -> None:
    pm = make_manager(disable=["matrix"])
    assert not pm.has_plugin("matrix") and pm.has_plugin("emotion_curve")
    with pytest.raises(PluginError, match="no plugin named matrx"):
        make_manager(disable=["matrx"])


def test_local_plugin_is_loaded_and_can_be_disabled(build, tmp_path: Path) -> None:
    files = {**JOURNEY, "plugins/local_view.py": PLUGIN_WITH_VIEW}
    journey = next(p for p in build(files).pages if p.page.kind == "journey")
    assert "local-view" in journey.markdown
    config = "site_name: T\ndocs_dir: docs\nplugins:\n  - journeysite:\n      disable: [local_view]\n"
    journey = next(p for p in build(files, config).pages if p.page.kind == "journey")
    assert "local-view" not in journey.markdown


def test_failing_local_plugin_is_a_problem_at_its_line(build) -> None:
    files = {**JOURNEY, "plugins/broken.py": "from journeysite import hookimpl\n\nx = 1 / 0\n"}
    result = build(files)
    assert [str(p) for p in result.problems] == [
        "plugins/broken.py:3: the plugin failed to load: ZeroDivisionError: division by zero"]
    assert result.pages == []


def test_local_plugin_named_like_a_builtin_is_refused(build) -> None:
    result = build({**JOURNEY, "plugins/matrix.py": PLUGIN_WITH_VIEW})
    assert [p.path for p in result.problems] == ["plugins/matrix.py"]
    assert "already registered" in result.problems[0].message


def test_failing_hook_at_build_time_is_a_problem_not_a_traceback(build) -> None:
    files = {**JOURNEY, "plugins/crash.py": "from journeysite import hookimpl\n\n@hookimpl\n"
                                            "def journeysite_page_views(page):\n    raise RuntimeError('boom')\n"}
    result = build(files)
    assert len(result.errors) == 1
    assert "a plugin failed while building: RuntimeError: boom" in result.errors[0].message
    assert "crash.py:5" in result.errors[0].message


def test_installed_plugins_load_from_the_journeysite_entry_point_group(tmp_path: Path, monkeypatch) -> None:
    package = tmp_path / "ext_plugin.py"
    package.write_text("from journeysite import hookimpl\n\n@hookimpl\ndef journeysite_chantier_priority("
                       "chantier, referential):\n    return 42.0\n", encoding="utf-8")
    dist = tmp_path / "ext_plugin-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: ext-plugin\nVersion: 1.0\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text("[journeysite]\next = ext_plugin\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    pm = make_manager()
    assert pm.has_plugin("ext")
    assert pm.hook.journeysite_chantier_priority(chantier=None, referential=None) == 42.0
    assert not make_manager(disable=["ext"]).has_plugin("ext")
    sys.modules.pop("ext_plugin", None)
