"""Nothing a content file or a plugin does runs script, loses a page, crashes the build or passes silently.

One test per class of the issue, each with ``journeysite check`` and the core build; then one site
holding every class at once, checked by ``journeysite check`` and ``mkdocs build``, which must fail
the same way, with no traceback and nothing written.
"""
from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from journeysite.build import build_site
from journeysite.cli import main
from journeysite.config import read_site_config
from journeysite.isolation import conforms, return_type
from journeysite.pages import View
from journeysite.problem_formats import github_annotations
from journeysite.problems import Problem
from journeysite.rawhtml import raw_html_problems, safe_url
from journeysite.safetext import echo

PERSONA = "---\ntype: persona\nname: Paul\n---\n"
JOURNEY = ("---\ntype: journey\ntitle: Acheter\npersona: p\ntouchpoints:\n"
           "  - {id: t1, stage: achat, channel: web, action: Je paie, emotion: irritant}\n---\n")
CONFIG = "site_name: T\ndocs_dir: docs\ntheme:\n  name: material\n  language: en\nplugins:\n  - journeysite{options}\n"


def config(**options: str) -> str:
    """mkdocs.yml with these plugin options (each value YAML text)."""
    lines = "".join(f"\n      {key}: {value}" for key, value in options.items())
    return CONFIG.format(options=":" + lines if options else "")


def problems_of(build, files: dict[str, str], config_text: str = CONFIG.format(options="")) -> list[str]:
    return [str(p) for p in build(files, config_text).problems]


def check(root: Path, capsys, *args: str) -> tuple[int, str, str]:
    code = main(["check", str(root), *args])
    out, err = capsys.readouterr()
    return code, out, err


def mkdocs(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", *args], cwd=root, capture_output=True,
                          text=True, env={**os.environ, "NO_COLOR": "1"}, timeout=300)


# -- theme keys ----------------------------------------------------------------------------------

def test_theme_keys_of_the_wrong_shape_are_errors_at_their_line_and_left_out(build) -> None:
    result = build({"docs/p.md": "---\ntype: persona\nname: P\ndescription: ['<img src=x onerror=alert(1)>']\n"
                                 "hide: 5\ntemplate: [1, 2]\nsearch: [exclude]\nicon: ../../../etc/passwd\n"
                                 "comments: 'no'\nsocial: {cards_layout: ../x}\nsubtitle: {a: 1}\n---\n"},
                   CONFIG.format(options=""))
    assert [(p.line, p.message.split(" ")[0]) for p in result.problems] == [
        (4, "'description'"), (5, "'hide'"), (6, "'template'"), (7, "'search'"), (8, "'icon'"), (9, "'comments'"),
        (10, "'social'"), (11, "'subtitle'")]
    assert all(p.severity == "error" for p in result.problems)
    assert result.site.personas["p"].meta == {}  # nothing of the wrong shape reaches the theme
    page = next(p for p in result.pages if p.page.doc_path == "personas/p.md")
    assert "onerror" not in page.markdown


def test_good_theme_keys_reach_the_page_in_their_one_shape(build) -> None:
    result = build({"docs/p.md": "---\ntype: persona\nname: P\ndescription: 'Tom & <Jerry>'\nhide: toc\n"
                                 "template: main.html\nsearch: {boost: 2}\nicon: material/account\n"
                                 "comments: false\n---\n"}, CONFIG.format(options=""))
    assert result.problems == []
    assert result.site.personas["p"].meta == {"hide": ["toc"], "template": "main.html", "search": {"boost": 2},
                                              "icon": "material/account", "comments": False,
                                              "description": "Tom & <Jerry>"}
    markdown = next(p for p in result.pages if p.page.doc_path == "personas/p.md").markdown
    assert 'description: "Tom &amp; &lt;Jerry&gt;"' in markdown


def test_a_template_outside_the_theme_or_not_a_page_is_an_error(build) -> None:
    for template in ("nope.html", "partials/toc.html", "redirect.html", "../main.html"):
        found = problems_of(build, {"docs/p.md": f"---\ntype: persona\nname: P\ntemplate: {template}\n---\n"})
        assert len(found) == 1 and found[0].startswith("docs/p.md:4: 'template' names a page template"), template


def test_ordinary_pages_theme_keys_are_checked_too(build) -> None:
    found = problems_of(build, {"docs/a.md": "---\ntitle: [x]\nhide: [nope]\n---\n# A\n",
                                "docs/b.md": "template: missing.html\n\n# B\n",  # MultiMarkdown metadata
                                "docs/c.md": "---\ntitle: C\ntags: [x]\nwhatever: 1\n---\n# C\n"})
    assert [f.split(": '")[0] for f in found] == ["docs/a.md:2", "docs/a.md:3", "docs/b.md:1"]


# -- pages at one URL ----------------------------------------------------------------------------

def test_an_item_whose_page_lands_on_an_index_page_is_an_error_naming_both(build) -> None:
    found = problems_of(build, {"docs/chantiers/index.md": "---\ntype: chantier\ntitle: Mal nommé\n---\n"})
    assert found == ["docs/chantiers/index.md:1: workstream 'index' (docs/chantiers/index.md) is published at "
                     "chantiers/index.html, where the page 'Workstreams' of plugin 'index_pages' is too: one would "
                     "silently replace the other; change an id or move a file"]
    found = problems_of(build, {"docs/c.md": "---\ntype: chantier\nid: index\ntitle: Aussi\n---\n"})
    assert [f.split(" (")[0] for f in found] == ["docs/c.md:3: workstream 'index'"]  # at its 'id'
    found = problems_of(build, {"docs/chantiers/index.md": "---\ntype: chantier\nid: ok\ntitle: C\n---\n"})
    assert found == ["docs/chantiers/index.md:1: journeysite writes its page 'Workstreams' at this path; "
                     "move this file to another folder"]  # the file keeps this path in MkDocs


def test_an_ordinary_page_or_a_file_over_a_generated_page_is_an_error(build) -> None:
    found = problems_of(build, {"docs/pains/index.md": "# Mes irritants\n", "docs/heatmap/index.html": "<p>x</p>",
                                "docs/p.md": PERSONA, "docs/personas/p/index.md": "# Paul bis\n"})
    assert [f.split(" is published at ")[0] for f in found] == [
        "docs/heatmap/index.html:1: the file docs/heatmap/index.html", "docs/p.md:1: persona 'p' (docs/p.md)",
        "docs/pains/index.md:1: the page docs/pains/index.md",
        "docs/personas/p/index.md:1: the page docs/personas/p/index.md"]


def test_a_channel_of_the_referential_named_index_is_an_error_at_its_line(build) -> None:
    found = problems_of(build, {}, config(channels="\n        - {id: web, label: Web}\n        - {id: index, label: I}"))
    assert found[0].startswith("mkdocs.yml:10: channel 'index' (mkdocs.yml) is published at channels/index.html")


def test_two_plugins_pages_at_one_url_are_errors_at_each_plugin(build) -> None:
    plugin = ("from journeysite import hookimpl\nfrom journeysite.pages import GeneratedPage\n\n@hookimpl\n"
              "def journeysite_site_pages(context):\n    return [GeneratedPage('glossaire/index.md', 'G', 'g')]\n")
    found = problems_of(build, {"plugins/one.py": plugin, "plugins/two.py": plugin})
    assert [f.split(" is published")[0] for f in found] == ["plugins/one.py:5: the page 'G' of plugin 'one'",
                                                           "plugins/two.py:5: the page 'G' of plugin 'two'"]


# -- files from outside the site -----------------------------------------------------------------

def test_links_out_of_the_docs_folder_loops_and_dangling_links_are_errors(make_site, capsys, tmp_path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.jpg").write_bytes(b"secret")
    root = make_site({"docs/p.md": PERSONA, "docs/img/.keep": ""})
    docs = root / "docs"
    (docs / "img/photo.jpg").symlink_to(outside / "secret.jpg")
    (docs / "shared").symlink_to(outside)
    (docs / "img/up").symlink_to(docs)
    (docs / "a").symlink_to(docs / "b")
    (docs / "b").symlink_to(docs / "a")
    (docs / "img/same.md").symlink_to(docs / "p.md")  # inside the docs folder: fine
    code, out, err = check(root, capsys)
    assert code == 1 and out == ""
    lines = err.splitlines()
    assert [":".join(line.split(":")[:2]) for line in lines[:-1]] == [
        "docs/a:1", "docs/b:1", "docs/img/photo.jpg:1", "docs/img/up:1", "docs/shared:1"]
    assert "hors du dossier docs_dir" in lines[2] and "(une boucle)" in lines[3] and "(une boucle)" in lines[0]


# -- tracebacks ----------------------------------------------------------------------------------

@pytest.mark.parametrize("options, expected", [
    ("[1, 2]", "mkdocs.yml:7: the journeysite plugin's options must be a mapping of names to values"),
    ("5", "mkdocs.yml:7: the journeysite plugin's options must be a mapping"),
])
def test_plugin_options_that_are_not_a_mapping_are_an_error(build, options: str, expected: str) -> None:
    found = problems_of(build, {}, CONFIG.format(options=": " + options))
    assert len(found) == 1 and found[0].startswith(expected), found


def test_a_deeply_nested_mkdocs_yml_is_an_error_for_check_and_build_alike(make_site, capsys) -> None:
    deep = "[" * 150 + "]" * 150
    root = make_site({"docs/index.md": "# Home\n"}, CONFIG.format(options="") + f"extra:\n  x: {deep}\n")
    code, out, err = check(root, capsys)
    assert code == 1 and err.startswith("mkdocs.yml:9: YAML nested more than 100 levels deep")
    built = mkdocs(root)
    assert built.returncode == 1 and "mkdocs.yml:9: YAML nested more than 100 levels deep" in built.stderr
    assert "Traceback" not in built.stderr


BOUNDS = " between -1,000,000,000,000,000 and 1,000,000,000,000,000"


# -- numbers and booleans ------------------------------------------------------------------------

def test_non_finite_numbers_and_string_booleans_are_errors(build) -> None:
    options = {"criteria": "\n        - {id: a, weight: .inf}\n        - {id: b, weight: .nan}"
                           "\n        - {id: c, inverse: 'no'}\n        - {id: d, lable: D}",
               "emotions": "\n        - {id: top, score: .nan}\n        - {id: low, score: -1}"}
    files = {"docs/p.md": "---\ntype: persona\nname: P\nmetrics: {clv: .nan, share: -.inf, ok: 3}\n---\n",
             "docs/j.md": JOURNEY.replace("emotion: irritant}", "metrics: {nps: .inf}}").replace("irritant", "low")}
    found = problems_of(build, files, config(**options))
    assert found == [  # mkdocs.yml first: every file depends on it
        "mkdocs.yml:9: criteria 'a': 'weight' must be a finite number" + BOUNDS + ", not inf",
        "mkdocs.yml:10: criteria 'b': 'weight' must be a positive number",
        "mkdocs.yml:11: criteria 'c': 'inverse' must be true or false (a YAML boolean, unquoted), not 'no'",
        "mkdocs.yml:12: warning: unknown key 'lable' in an item of 'criteria' (it takes id, label, aliases, weight, "
        "inverse) (did you mean 'label'?)",
        "mkdocs.yml:14: emotions 'top': 'score' must be a finite number" + BOUNDS + ", not nan",
        "docs/j.md:6: 'metrics.nps' must be a finite number" + BOUNDS + ", not inf",
        "docs/p.md:4: 'metrics.clv' must be a finite number" + BOUNDS + ", not nan",
        "docs/p.md:4: 'metrics.share' must be a finite number" + BOUNDS + ", not -inf",
    ]


# -- plugins -------------------------------------------------------------------------------------

PLUGINS = {
    # a hook that raises, one that exits, one that returns the wrong type, one that prints
    "plugins/raises.py": "from journeysite import hookimpl\n\n@hookimpl\ndef journeysite_page_views(page):\n"
                         "    if page.kind == 'journey':\n        raise RuntimeError('boom')\n",
    "plugins/exits.py": "import sys\nfrom journeysite import hookimpl\n\n@hookimpl\n"
                        "def journeysite_chantier_priority(chantier):\n    sys.exit()\n",
    "plugins/wrong.py": "from journeysite import hookimpl\n\n@hookimpl\ndef journeysite_journey_indicators(journey):\n"
                        "    return 'high'\n",
    "plugins/chatty.py": "from journeysite import hookimpl\nprint('loading chatty')\n\n@hookimpl\n"
                         "def journeysite_journey_happiness(journey):\n    print('chatty was here')\n",
}
PLUGIN_PROBLEMS = [
    "plugins/exits.py:6: plugin 'exits' failed in journeysite_chantier_priority: SystemExit; what it adds is left out",
    "plugins/raises.py:6: plugin 'raises' failed in journeysite_page_views: RuntimeError: boom; what it adds is "
    "left out",
    "plugins/wrong.py:4: plugin 'wrong' returned 'high' from journeysite_journey_indicators, which returns "
    "list[Indicator]; it is left out",
]


def test_a_failing_plugin_loses_only_its_own_contribution(build) -> None:
    files = {"docs/p.md": PERSONA, "docs/j.md": JOURNEY, "docs/c.md": "---\ntype: chantier\ntitle: C\n"
             "scores: {cost: 1}\n---\n", **PLUGINS}
    result = build(files, CONFIG.format(options=""))
    assert [str(p) for p in result.problems] == PLUGIN_PROBLEMS
    assert {"journeys/j.md", "personas/p.md", "chantiers/c.md", "chantiers/index.md"} <= \
        {p.page.doc_path for p in result.pages}  # the rest of the site is there
    assert result.computed.priority["c"] == 100  # the built-in priority answered instead
    journey = next(p for p in result.pages if p.page.doc_path == "journeys/j.md").markdown
    assert 'class="js-matrix"' in journey  # other views of the page are kept


def test_a_plugin_exiting_at_import_is_a_problem_not_a_silent_exit(make_site, capsys) -> None:
    root = make_site({"docs/p.md": PERSONA, "plugins/bye.py": "import sys\nsys.exit(0)\n"})
    code, out, err = check(root, capsys)
    assert code == 1 and out == ""
    assert err.startswith("plugins/bye.py:2: le chargement du plugin a échoué\u00a0: SystemExit: 0")  # French site


def test_what_plugins_print_goes_to_stderr_and_the_export_stays_json(make_site) -> None:
    root = make_site({"docs/p.md": PERSONA, "docs/j.md": JOURNEY, "plugins/chatty.py": PLUGINS["plugins/chatty.py"]})
    done = subprocess.run([sys.executable, "-m", "journeysite", "export", "json", str(root)], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["journeys"][0]["id"] == "j"
    assert "chatty was here" in done.stderr and "loading chatty" in done.stderr


def test_results_are_checked_against_the_declared_types() -> None:
    views = return_type("journeysite_page_views")
    assert conforms([View("a", "<p>a</p>")], views) and conforms((), views)
    assert not conforms([View("a", 5)], views)  # a field of the wrong type
    assert not conforms(["<p>a</p>"], views)
    priority = return_type("journeysite_chantier_priority")
    assert conforms(50, priority) and conforms(None, priority) and conforms(12.5, priority)
    assert not conforms(float("nan"), priority) and not conforms(True, priority) and not conforms("50", priority)


def test_a_plugin_page_outside_the_site_or_with_a_bad_front_matter_is_left_out(build) -> None:
    plugin = ("from journeysite import hookimpl\nfrom journeysite.pages import GeneratedPage\n\n@hookimpl\n"
              "def journeysite_site_pages(context):\n    return [GeneratedPage('../../evil.md', 'E', 'e'),\n"
              "            GeneratedPage('ok/index.md', 'OK', 'ok', meta={'hide': 7}),\n"
              "            GeneratedPage('fine/index.md', 'Fine', 'fine')]\n")
    result = build({"plugins/pages.py": plugin}, CONFIG.format(options=""))
    assert [p.message.split(":")[0] for p in result.problems] == [
        "plugin 'pages' adds a page at '../../evil.md'", "plugin 'pages' adds the page ok/index.md with a front matter "
                                                         "the theme cannot use"]
    doc_paths = {p.page.doc_path for p in result.pages}
    assert "fine/index.md" in doc_paths and "ok/index.md" not in doc_paths and "../../evil.md" not in doc_paths


# -- control characters --------------------------------------------------------------------------

def test_control_characters_are_errors_echoed_safely_and_kept_out_of_pages(build, make_site, capsys) -> None:
    files = {"docs/p.md": '---\ntype: persona\nname: "Paul\\e[2J\\0"\nsegment: "a\\u202eb"\n---\nCorps\x07 ici\n',
             "docs/j.md": JOURNEY}
    result = build(files, CONFIG.format(options=""))
    assert [(p.line, p.message[:34]) for p in result.problems] == [(3, "this text holds the control charac"),
                                                                   (6, "this line holds the control charac")]
    assert result.site.personas["p"].name == "Paul[2J"
    root = make_site({**files, "docs/q.md": "---\ntype: persona\nname: Q\nnope\x1b[31m: 1\n---\n"})
    code, out, err = check(root, capsys)
    assert code == 1 and "\x1b" not in err and "\\x1b" in err and "\x00" not in err


def test_echo_escapes_what_would_control_a_terminal() -> None:
    assert echo("a\x1b[2Jb\nc\u202ed\te") == "a\\x1b[2Jb\\nc\\u202ed\\te"
    assert echo("Après-vente « ok »") == "Après-vente « ok »"
    annotation, = github_annotations([Problem("docs/\x1b.md", 1, "x\x1b[2J\ny")])
    assert "\x1b" not in annotation and annotation.endswith("::x\\x1b[2J%0Ay")


# -- silently ignored ----------------------------------------------------------------------------

def test_a_front_matter_with_old_mac_line_ends_is_read(build) -> None:
    result = build({"docs/p.md": "---\rtype: persona\rname: Paul\rsegmnt: x\r---\rCorps\r"}, CONFIG.format(options=""))
    assert "p" in result.site.personas
    assert [str(p) for p in result.problems] == [
        "docs/p.md:4: warning: unknown key 'segmnt' in persona (did you mean 'segment'?)"]


def test_an_item_file_that_mkdocs_leaves_out_is_a_warning(build) -> None:
    found = problems_of(build, {"docs/.brouillon.md": PERSONA, "docs/.drafts/j.md": JOURNEY,
                                "docs/templates/c.md": "---\ntype: chantier\ntitle: C\n---\n",
                                "docs/.notes.md": "# just notes\n", "docs/sub/templates/p2.md": PERSONA})
    assert [f.split(": warning: ")[0] for f in found] == ["docs/.brouillon.md:1", "docs/.drafts/j.md:1",
                                                         "docs/templates/c.md:1"]
    assert "this persona is not published" in found[0]


def test_files_matching_exclude_docs_are_left_out_quietly(build) -> None:
    result = build({"docs/p.md": PERSONA, "docs/old/j.md": JOURNEY},
                   CONFIG.format(options="") + "exclude_docs: |\n  old/\n")
    assert result.problems == [] and result.site.journeys == {}


def test_markdown_files_with_other_suffixes_are_read(build) -> None:
    result = build({"docs/p.markdown": PERSONA}, CONFIG.format(options=""))
    assert "p" in result.site.personas and result.problems == []


# -- raw HTML ------------------------------------------------------------------------------------

def test_raw_html_is_markdown_s_feature_unless_switched_off(build) -> None:
    body = "<img src=x onerror=alert(1)>\n"
    assert problems_of(build, {"docs/p.md": PERSONA + body}) == []
    found = problems_of(build, {"docs/p.md": PERSONA + body, "docs/o.md": "# O\n\nText [x](javascript:alert(1))\n"},
                        config(raw_html="false"))
    assert [f.split(" is not allowed")[0] for f in found] == ["docs/o.md:3: a link to 'javascript:'",
                                                              "docs/p.md:5: raw HTML (<img>)"]


def test_raw_html_detection_leaves_code_and_autolinks_alone() -> None:
    text = ("Plain <https://example.com> and <me@example.com>, a < b > c.\n"
            "`<b>` in code\n\n```html\n<script>x</script>\n```\n\n    <indented/>\n\n"
            "Hi <b>bold</b>\n<!-- note -->\n{: onclick=\"x\" }\n[r]: vbscript:x\n")
    assert [(line, message.split(" ")[0:2]) for line, message in raw_html_problems(text)] == [
        (10, ["raw", "HTML"]), (11, ["raw", "HTML"]), (12, ["an", "attribute"]), (13, ["a", "link"])]
    assert safe_url("https://x") and safe_url("../a/") and safe_url("#x") and safe_url("mailto:a@b")
    assert not safe_url("JaVa\tScRiPt:alert(1)") and not safe_url("&#106;avascript:x") and not safe_url("data:x")


def test_raw_html_option_must_be_a_real_boolean(build) -> None:
    found = problems_of(build, {}, config(raw_html="'no'"))
    assert found == ["mkdocs.yml:8: 'raw_html' must be true (authors may write HTML in their Markdown) or false "
                     "(HTML is an error and shown as text), not 'no'"]


def _theme_texts_site(make_site, raw_html: bool) -> str:
    """The home page built with HTML in the texts of mkdocs.yml that Material prints."""
    texts = ("site_name: \"R&amp;D <img src=x onerror=alert(1)>\"\nsite_description: '\"><b>d</b>'\n"
             "site_author: '<i>a</i>'\ncopyright: \"&copy; ACME <b>2026</b>\"\n"
             "repo_url: https://github.com/acme/cx\nrepo_name: '<s>acme</s>'\n")
    options = "" if raw_html else "\n      raw_html: false"
    root = make_site({"docs/index.md": "# Home\n"}, texts + CONFIG.replace("site_name: T\n", "").format(
        options=":" + options if options else ""))
    built = mkdocs(root, "--strict")
    assert built.returncode == 0, built.stderr
    return (root / "site/index.html").read_text(encoding="utf-8")


def _shown(pattern: str, page: str) -> str:
    """The text a browser shows for the first match of ``pattern`` (one group) in ``page``."""
    return html.unescape(re.search(pattern, page, re.S).group(1)).strip()


@pytest.mark.parametrize("raw_html", [True, False])
def test_texts_of_mkdocs_yml_that_material_prints_are_shown_as_text(make_site, raw_html: bool) -> None:
    page = _theme_texts_site(make_site, raw_html)
    name = "R&D <img src=x onerror=alert(1)>"  # as written, entities read once, never escaped twice
    assert _shown(r"<title>(.*?)</title>", page) == name
    assert _shown(r'md-header__topic">\s*<span class="md-ellipsis">(.*?)</span>', page) == name
    assert _shown(r'class="md-header__button md-logo"[^>]*?aria-label="([^"]*)"', page) == name
    assert _shown(r'title="([^"]*)" class="md-header__button md-logo"', page) == name
    assert _shown(r'<meta name="description" content="([^"]*)"', page) == '"><b>d</b>'
    assert _shown(r'<meta name="author" content="([^"]*)"', page) == "<i>a</i>"
    assert _shown(r'md-source__repository">(.*?)</div>', page) == "<s>acme</s>"
    assert "<img" not in page and "<b>d" not in page and "<i>a" not in page
    copyright = re.search(r'md-copyright__highlight">(.*?)</div>', page, re.S).group(1).strip()
    # copyright is HTML for Material: left so when authors may write HTML anyway, text otherwise
    assert copyright == ("&copy; ACME <b>2026</b>" if raw_html else "© ACME &lt;b&gt;2026&lt;/b&gt;")


# -- every class at once: check and mkdocs build agree -------------------------------------------

EVERYTHING = {
    "docs/index.md": "# Accueil\n",
    "docs/p.md": "---\ntype: persona\nname: Paul\nhide: 5\ndescription: [x]\n---\n",
    "docs/j.md": JOURNEY.replace("emotion: irritant}", "emotion: irritant, metrics: {nps: .nan}}"),
    "docs/chantiers/index.md": '---\ntype: chantier\ntitle: "C\\e[31m"\n---\n',
    "docs/.draft.md": PERSONA,
    "docs/o.md": "---\ntemplate: nope.html\n---\n# O\n",
    **PLUGINS,
}
EVERYTHING_CONFIG = config(criteria="\n        - {id: a, inverse: 'no', lable: A}")


@pytest.fixture(scope="module")
def everything(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import write_site
    root = write_site(tmp_path_factory.mktemp("everything"), EVERYTHING, EVERYTHING_CONFIG)
    outside = root.parent / "outside.jpg"
    outside.write_bytes(b"secret")
    (root / "docs/photo.jpg").symlink_to(outside)
    (root / "docs/loop").symlink_to(root / "docs")
    return root


EXPECTED = [
    "docs/.draft.md:1: warning: this persona is not published",
    "docs/chantiers/index.md:1: workstream 'index' (docs/chantiers/index.md) is published at chantiers/index.html",
    "docs/chantiers/index.md:3: this text holds the control character \\x1b",
    "docs/j.md:6: 'metrics.nps' must be a finite number" + BOUNDS + ", not nan",
    "docs/loop:1: this link leads to a folder that holds it (a loop)",
    "docs/o.md:2: 'template' names a page template of the theme",
    "docs/p.md:4: 'hide' lists parts of the page to hide",
    "docs/p.md:5: 'description' must be text, not a list",
    "docs/photo.jpg:1: this link leads outside the docs folder",
    "mkdocs.yml:9: criteria 'a': 'inverse' must be true or false",
    "mkdocs.yml:9: warning: unknown key 'lable' in an item of 'criteria'",
    *(p.split(";")[0] for p in PLUGIN_PROBLEMS),
]


def test_check_finds_every_class_at_its_line(everything: Path, capsys) -> None:
    code, out, err = check(everything, capsys)
    assert code == 1 and out == ""
    reported = [line for line in err.splitlines() if re.match(r"^\S+:\d+: ", line)]
    assert len(reported) == len(EXPECTED), err
    for line, expected in zip(sorted(reported), sorted(EXPECTED)):
        assert line.startswith(expected), (line, expected)
    assert "chatty was here" in err  # a plugin's output, on stderr


def test_mkdocs_build_fails_the_same_way_with_no_traceback_and_nothing_written(everything: Path, capsys) -> None:
    built = mkdocs(everything)
    assert built.returncode == 1
    assert "Traceback" not in built.stderr
    listed = [line.strip() for line in built.stderr.splitlines() if re.match(r"^  \S+:\d+: ", line)]
    checked = [line for line in check(everything, capsys)[2].splitlines() if re.match(r"^\S+:\d+: ", line)]
    assert [line.split(":")[:2] for line in listed] == [line.split(":")[:2] for line in checked]  # in its order
    assert sorted(line.split(":")[:2] for line in listed) == sorted(line.split(":")[:2] for line in EXPECTED)
    assert not (everything / "site").exists()


def test_hook_wrappers_still_run_and_one_that_raises_is_a_problem_not_a_traceback(build) -> None:
    wrapper = ("from journeysite import hookimpl\nfrom journeysite.pages import View\n\n"
               "@hookimpl(wrapper=True)\ndef journeysite_page_views(page):\n    views = yield\n"
               "    return views + [[View('wrapped', '<p>wrapped</p>')]]\n")
    result = build({"docs/p.md": PERSONA, "plugins/wrap.py": wrapper}, CONFIG.format(options=""))
    assert result.problems == []
    assert "<p>wrapped</p>" in next(p for p in result.pages if p.page.doc_path == "personas/p.md").markdown
    broken = wrapper.replace("    views = yield\n", "    views = yield\n    raise RuntimeError('wrapped boom')\n")
    result = build({"docs/p.md": PERSONA, "plugins/wrap.py": broken}, CONFIG.format(options=""))
    assert [p.message.split(":")[0] for p in result.problems] == ["journeysite failed while building (a bug of "
                                                                  "journeysite or of a plugin's wrapper; please report it)"]


def test_attribute_lists_may_set_only_harmless_attributes_under_raw_html_false() -> None:
    """An allow-list: what an attribute list may set, each value read as the browser reads it (entities decoded)."""
    text = ('Para\n{: id="__config" }\n\n{: #&#95;_config }\n\n# Title {#js-chantiers}\n\n'
            "*x*{data-md-component=search}\n\n- item {: style=\"position:fixed\" }\n\n{: &#111;nclick=x }\n\n"
            "```{ .py #__config }\nx\n```\n\n"
            "Fine\n{: #intro .md-button title=\"Survol\" lang=fr }\n\n![i](a.png){ width=300 loading=lazy }\n\n"
            "```py { hl_lines=\"1\" linenums=\"1\" .c }\nx\n```\n\nPrix {TTC} et {a, b} en texte.\n")
    found = raw_html_problems(text)
    assert [line for line, message in found] == [2, 4, 6, 8, 10, 12, 14]
    assert all(message.startswith("an attribute list may not set") for line, message in found)
    assert 'id="__config"' in found[1][1] and "'data-md-component'" in found[3][1] and "'&#111;nclick'" in found[5][1]


def test_what_markdown_makes_carries_no_script_nor_reserved_id_under_raw_html_false() -> None:
    import markdown

    from journeysite.rawhtml import NoRawHtml
    text = ("# __config\n\nPara\n{: id=\"__config\" onclick=x .js-x .ok title=\"&amp;lt;b&amp;gt;\" }\n\n"
            "```{ #__config .py onclick=x style=\"a\" }\nx\n```\n\n| a |\n|:-:|\n| 1 |\n\n"
            "[l](https://x){ data-md-component=x target=_blank }\n")
    out = markdown.markdown(text, extensions=["attr_list", "fenced_code", "toc", "tables", NoRawHtml()])
    assert "__config" not in out.replace("<h1>__config</h1>", "") and "onclick" not in out and "data-md" not in out
    assert 'class="ok"' in out and 'target="_blank"' in out and 'style="text-align: center;"' in out
    assert 'title="&amp;lt;b&amp;gt;"' in out  # as written: the browser reads "&lt;b&gt;", text


SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'


def test_files_that_could_run_script_are_errors_and_not_published_under_raw_html_false(build) -> None:
    files = {
        "docs/p.md": PERSONA, "docs/report.html": "<script>alert(1)</script>", "docs/app.js": "alert(1)",
        "docs/data.xml": "<x/>", "docs/CNAME": "cx.example.com", "docs/photo.png": "png", "docs/deck.pdf": "pdf",
        "docs/img/good.svg": SVG_OPEN + '<title>Logo</title><a href="https://x"><rect width="1" height="1"/></a>'
                            '<use xlink:href="#r"/><image href="data:image/png;base64,AA=="/></svg>',
        "docs/img/handler.svg": SVG_OPEN + '<rect onload="alert(1)"/></svg>',
        "docs/img/script.svg": SVG_OPEN + "<script>alert(1)</script></svg>",
        "docs/img/foreign.svg": SVG_OPEN + '<foreignObject><div xmlns="http://www.w3.org/1999/xhtml"/></foreignObject>'
                                '</svg>',
        "docs/img/link.svg": SVG_OPEN + '<a xlink:href="&#106;avascript:alert(1)"><text>x</text></a></svg>',
        "docs/img/set.svg": SVG_OPEN + '<a><set attributeName="href" to="javascript:alert(1)"/></a></svg>',
        "docs/img/entity.svg": '<!DOCTYPE svg [<!ENTITY x "y">]>' + SVG_OPEN + "</svg>",
    }
    assert problems_of(build, files) == []  # raw_html: true, the default: the author's files, as they are
    result = build(files, config(raw_html="false"))
    found = [str(p) for p in result.problems]
    assert [f.split(":")[0] for f in found] == [
        "docs/app.js", "docs/data.xml", "docs/img/entity.svg", "docs/img/foreign.svg", "docs/img/handler.svg",
        "docs/img/link.svg", "docs/img/script.svg", "docs/img/set.svg", "docs/report.html"]
    assert "a '.html' file is published as it is" in found[-1] and "<foreignObject>" in found[3]
    assert set(result.site.files) == {"CNAME", "photo.png", "deck.pdf", "img/good.svg"}
    assert "report.html" in result.site.blocked


def test_a_strict_site_linking_to_a_file_left_out_still_serves_without_it(make_site) -> None:
    """A page linking to a file that is not published: MkDocs says so at INFO (a warning would stop a strict
    site's mkdocs serve before it starts), and the file is not served."""
    import urllib.error

    from sites import FORMAT_CONFIG, FORMAT_SITE
    from test_mkdocs_serve import fetch, serving
    root = make_site({**FORMAT_SITE, "docs/notes.md": "# Notes\n\n[Rapport](report.html)\n",
                      "docs/report.html": "<script>alert(1)</script>"},
                     "strict: true\n" + FORMAT_CONFIG.replace("  - journeysite:\n",
                                                              "  - journeysite:\n      raw_html: false\n"))
    with serving(root, "--no-livereload") as base:
        assert 'href="../report.html"' in fetch(base + "notes/")
        with pytest.raises(urllib.error.HTTPError) as refused:
            fetch(base + "report.html")
        assert refused.value.code == 404


# -- bounds: what cannot be built is a problem at its line ----------------------------------------------------

BIG = "9" * 400


def test_numbers_beyond_what_can_be_computed_are_errors_at_their_line(make_site, capsys) -> None:
    root = make_site({
        "docs/p.md": f"---\ntype: persona\nname: Paul\nmetrics: {{share: {BIG}, nps: 30}}\n---\n",
        "docs/j.md": JOURNEY.replace("emotion: irritant}", "emotion: irritant, metrics: {volume: 1.0e+300}}"),
        "docs/c.md": "---\ntype: chantier\ntitle: C\nbudget: 1.0e+28\n---\n",
        "docs/d.md": "---\ntype: chantier\ntitle: D\nbudget: 999999999999999\n---\n",
        "docs/r.md": "---\ntype: persona\nname: Rita\nmetrics: {clv: " + "9" * 5000 + "}\n---\n",  # Python reads 4,300
    }, config(emotions="[{id: a, label: A, score: " + BIG + "}, {id: b, label: B, score: 0}]"))
    code, out, err = check(root, capsys, "--format", "github")
    assert code == 1 and "Traceback" not in out + err
    lines = [line.split("::")[1].split(",title")[0] for line in out.splitlines() if line.startswith("::error")]
    assert sorted(set(lines)) == ["error file=docs/c.md,line=4", "error file=docs/j.md,line=6",
                                   "error file=docs/p.md,line=4", "error file=docs/r.md,line=4",
                                   "error file=mkdocs.yml,line=8"]
    assert "'budget' must be a finite number between -1,000,000,000,000,000 and 1,000,000,000,000,000, not 1e+28" in out
    assert "the number 99999999999999999999999999999… has 5,000 digits" in out
    assert main(["export", "csv", str(root)]) == 1  # refused, with the problems
    good = make_site({"docs/p.md": PERSONA, "docs/j.md": JOURNEY}, config())
    main(["diff", str(good), str(root)])
    out, err = capsys.readouterr()
    assert "docs/c.md:4" in err and "docs/p.md:4 (error)" in out and "Traceback" not in out + err
    built = mkdocs(root)
    assert built.returncode == 1 and "Traceback" not in built.stderr and "docs/c.md:4:" in built.stderr


def test_texts_and_ids_beyond_what_can_be_written_are_errors_at_their_line(make_site, capsys) -> None:
    root = make_site({
        "docs/index.md": "# Home\n\n::: journeysite journey-map\n",
        "docs/p.md": "---\ntype: persona\nname: " + "N" * 6000 + "\ngoals:\n  - ok\n  - " + "g" * 5001 + "\n---\n",
        "docs/q.md": "---\ntype: persona\nid: " + "q" * 101 + "\nname: Q\n---\n",
        "docs/j.md": JOURNEY.replace("id: t1", "id: " + "t" * 120),
        "docs/k.md": JOURNEY.replace("title: Acheter", "title: " + "T" * 5001).replace("persona: p", "persona: p\nid: k")},
        config())
    code, out, err = check(root, capsys)
    assert code == 1 and "Traceback" not in out + err
    found = [line for line in (out + err).splitlines() if line.startswith("docs/")]
    assert sorted(f.split(": ")[0] for f in found) == ["docs/j.md:6", "docs/k.md:3", "docs/p.md:3", "docs/p.md:6",
                                                 "docs/q.md:3"], found
    assert "docs/p.md:3: 'name' is 6,000 characters long; a value holds at most 5,000" in out + err
    assert sum("an id holds at most 100" in f for f in found) == 2
    built = mkdocs(root)  # and no other problem, no diagram drawn with a text left empty
    assert built.returncode == 1 and len(re.findall(r"^  \S+:\d+: ", built.stderr, re.M)) == len(found), built.stderr


def test_ids_made_from_long_department_names_are_short_unique_and_stable(make_site, capsys) -> None:
    long_name = "Direction de la transformation digitale et de l'expérience client omnicanale " * 4
    files = {
        "docs/p.md": PERSONA, "docs/j.md": JOURNEY.replace("emotion: irritant}", f"emotion: irritant, owner: {long_name}T}}"),
        "docs/a.md": f"---\ntype: chantier\ntitle: A\ndepartment: {long_name}A\n---\n",
        "docs/b.md": f"---\ntype: chantier\ntitle: B\ndepartment: {long_name}B\n---\n",
        "docs/web.md": f"---\ntype: channel\nid: web\nowner: {long_name}W\n---\n"}
    root = make_site(files)
    assert check(root, capsys, "--strict")[0] == 0
    built = mkdocs(root, "--strict")
    assert built.returncode == 0, built.stderr
    folders = {p.name: p for p in (root / "site/departments").iterdir() if p.is_dir()}
    assert len(folders) == 4 and all(len(name) <= 100 for name in folders)
    titles = sorted(html.unescape(re.search(r"<h1[^>]*>(.*?)</h1>", (folder / "index.html").read_text(
        encoding="utf-8")).group(1)) for folder in folders.values())
    assert titles == [long_name + suffix for suffix in "ABTW"]  # each name in full on its page
    # another long name sharing the same start leaves every page where it was
    files["docs/c.md"] = f"---\ntype: chantier\ntitle: C\ndepartment: {long_name}0\n---\n"
    root = make_site(files)
    assert mkdocs(root, "--strict").returncode == 0
    assert set(folders) < {p.name for p in (root / "site/departments").iterdir() if p.is_dir()}
