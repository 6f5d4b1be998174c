"""What Material's search indexer is handed: views rewritten to the little it reads (search_hiding),
the same index as from the whole page, the whole page for everyone else."""
from __future__ import annotations

import html
import importlib.util
import json
import re
from pathlib import Path

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st
from material.plugins.search.plugin import SearchIndex, SearchPlugin
from mkdocs.commands.build import build
from mkdocs.config import load_config

from journeysite import material_search, search_hiding
from journeysite.pages import restore_views
from journeysite.render.html import element_ids
from journeysite.search_hiding import place, rendition, search_copy
from sites import FORMAT_CONFIG, FORMAT_SITE

ROOT = Path(__file__).resolve().parents[1]


class FakePage:
    """What Material's SearchIndex reads of a page."""

    def __init__(self, content: str) -> None:
        self.content, self.toc, self.url, self.meta, self.title = content, [], "page/", {}, "Page"


def index_of(content: str) -> list[dict]:
    index = SearchIndex(lang=["fr"], separator=r"[\s\-]+", pipeline=[], fields={})
    index.add_entry_from_context(FakePage(content))
    return index.entries


PAGE_START = '<nav class="js-up"><a href="../">Parcours</a></nav>\n<h1 id="titre">Titre</h1>\n<p>Texte.</p>\n' \
             '<h2 id="vue">Vue</h2>\n'

# -- the rendition gives the same index ------------------------------------------------

TEXTS = st.sampled_from(["Je paie", " ", "\n", "  ", "\n\t", "a b", "Déçu&nbsp;!", "x&amp;y", " fin ", "«\u00a0oui\u00a0»"])
INLINE = ["span", "a", "strong", "em", "abbr"]
BLOCK = ["div", "section", "article", "header", "table", "tr", "td", "dl", "dt", "dd", "details", "summary",
         "p", "li", "ul", "ol", "code", "pre", "sub", "sup", "h3", "h4", "svg", "text", "g"]
ATTRIBUTES = st.sampled_from(['', ' class="js-x"', ' data-search-exclude=""', ' title="T &amp; &quot;q&quot;"',
                              ' id="tp-t1"', ' data-search-exclude="" class="js-matrix"'])


def elements(depth: int = 0) -> st.SearchStrategy[str]:
    leaf = st.one_of(TEXTS, st.sampled_from(["<br>", "<img src=\"a.png\" alt=\"\">", '<path d="M0 0"/>']))
    if depth >= 4:
        return leaf
    children = st.lists(st.one_of(leaf, elements(depth + 1)), max_size=4).map("".join)
    return st.one_of(leaf, st.tuples(st.sampled_from(INLINE + BLOCK), ATTRIBUTES, children).map(
        lambda t: f"<{t[0]}{t[1]}>{t[2]}</{t[0]}>"))


@settings(max_examples=400, deadline=None)
@example("<div><p>  <span></span>Je paie</p></div>")  # a boundary after whitespace only stays
@given(st.lists(elements(), min_size=1, max_size=4).map(lambda parts: "<div>" + "".join(parts) + "</div>"))
def test_a_views_rendition_gives_the_same_search_index(view: str) -> None:
    shown = rendition(view)
    assume(shown is not None)  # refused: a heading with an id, an excluded element holding its own tag
    assert index_of(PAGE_START + shown + "\n<p>Après.</p>") == index_of(PAGE_START + view + "\n<p>Après.</p>")


@pytest.mark.parametrize("view", [
    '<div><h3 id="section">A heading the index makes a section of</h3></div>',
    "<div><p>Not closed</div>",
    "<div><span>Not closed</span><br><img src='x.png'><p></div>",
    "<div>1 < 2</div>",
    '<div title="a > b">x</div>',
    "<div><!-- a comment --></div>",
    "<div><script>var x;</script></div>",
    '<div><table data-search-exclude="">never closed</div>',
    '<h2 id="x">T<a class="headerlink" href="#x">¶</a></h2>',
    '<div><table data-search-exclude=""><tr><td><table><tr><td>x</td></tr></table></td></tr></table></div>',
])
def test_a_view_the_indexer_might_read_otherwise_is_left_whole(view: str) -> None:
    assert rendition(view) is None


def test_the_search_copy_replaces_the_views_where_they_were_put() -> None:
    matrix = '<table class="js-matrix" data-search-exclude=""><tr><td>Je paie</td></tr></table>'
    cards = '<div class="js-touchpoints"><h3>Achat</h3><ol><li><article><h4>Je paie</h4></article></li></ol></div>'
    stash = {"JOURNEYSITEVIEW0000X": matrix, "JOURNEYSITEVIEW0001X": cards}
    converted = PAGE_START + "<p>JOURNEYSITEVIEW0000X</p>\n<h2 id=\"points\">Points</h2>\n<p>JOURNEYSITEVIEW0001X</p>\n"
    found: list[tuple[int, str]] = []
    page = restore_views(converted, stash, found)
    placed = place(found)
    assert [view for _, view in found] == [matrix, cards] and all(page[s:].startswith(v) for s, v in found)
    copy = search_copy(page, placed)
    assert "js-matrix" not in copy and "Je paie" in copy and "<article>" not in copy
    assert index_of(copy) == index_of(page)
    moved = "<p>Inserted by another plugin</p>" + page  # a view that is no longer where it was put is read whole
    assert search_copy(moved, placed) == moved


# -- real builds: the same pages, the same index ---------------------------------------

def bench_corpus(out: Path) -> Path:
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "bench" / "corpus.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.write_corpus(out, 8, 12)
    return out


def built(root: Path, site_dir: Path) -> dict[str, bytes]:
    build(load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site_dir)))
    return {p.relative_to(site_dir).as_posix(): p.read_bytes() for p in sorted(site_dir.rglob("*")) if p.is_file()}


def site_root(site: str, make_site, tmp_path: Path) -> Path:
    """The folder of the format site, the demo or a small bench corpus."""
    if site == "format":
        return make_site(FORMAT_SITE, FORMAT_CONFIG)
    return ROOT if site == "demo" else bench_corpus(tmp_path / "bench")


@pytest.mark.parametrize("site", ["format", "demo", "bench"])
def test_a_build_is_the_same_as_with_whole_pages_for_the_indexer(site: str, make_site, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    root = site_root(site, make_site, tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    hidden = built(root, tmp_path / "hidden")
    handed = []
    monkeypatch.setattr(search_hiding, "search_copy", lambda content, placed: handed.append(1) or content)
    whole = built(root, tmp_path / "whole")
    assert handed, "the plugin's handler was not replaced"
    assert hidden.keys() == whole.keys()
    assert [path for path in hidden if hidden[path] != whole[path]] == []


def test_the_index_has_touchpoint_text_irritants_and_chantier_text(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    root = bench_corpus(tmp_path / "bench")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    site = built(root, tmp_path / "site")
    docs = json.loads(site["search/search_index.json"])["docs"]
    text = {}
    for doc in docs:
        text[doc["location"].split("#")[0]] = text.get(doc["location"].split("#")[0], "") + " " + doc["text"]
    journey = (root / "journeys/parcours/parcours-1.md").read_text(encoding="utf-8")
    actions = re.findall(r'action: "(.*)"', journey)
    irritants = re.findall(r'irritants: \["(.*)"\]', journey)
    assert actions and irritants
    for words in actions + irritants:
        assert html.escape(words, quote=False) in text["journeys/parcours-1/"], words
    assert "Description du chantier 3" in text["chantiers/chantier-3/"]


HOOK = """\
SEEN = []


def on_page_content(html, page, config, files):
    if page.url == "journeys/achat/":
        SEEN.append(("content", "js-matrix" in html, "js-curve-svg" in html))
    return html


def on_page_context(context, page, config, nav):
    if page.url == "journeys/achat/":
        SEEN.append(("context", "js-matrix" in page.content, "js-curve-svg" in page.content))
    return context


def on_post_page(output, page, config):
    if page.url == "journeys/achat/":
        SEEN.append(("output", "js-matrix" in output, "js-curve-svg" in output))
        open(config.config_file_path + ".seen", "w").write(repr(SEEN))
    return output
"""


def test_other_plugins_see_the_whole_page(make_site) -> None:
    root = make_site({**FORMAT_SITE, "hooks.py": HOOK}, FORMAT_CONFIG + "hooks:\n  - hooks.py\n")
    build(load_config(config_file=str(root / "mkdocs.yml")))
    seen = [("content", True, True), ("context", True, True), ("output", True, True)]
    assert (root / "mkdocs.yml.seen").read_text() == repr(seen)


AT_REST = """\
SEEN = []
FILES = []


def on_env(env, config, files):
    FILES.append(files)
    SEEN.append(("env", "js-matrix" in files.get_file_from_path("parcours/achat.md").page.content))
    return env


def on_post_build(config):
    SEEN.append(("written", "js-matrix" in FILES[0].get_file_from_path("parcours/achat.md").page.content))
    open(config.config_file_path + ".seen", "w").write(repr(SEEN))
"""


def test_views_wait_packed_while_mkdocs_holds_the_pages(make_site) -> None:
    # Between a page's on_page_content and its on_page_context, and once it is written, MkDocs holds its
    # content with the views' placeholders (their HTML packed aside): a fraction of the memory.
    root = make_site({**FORMAT_SITE, "hooks.py": AT_REST}, FORMAT_CONFIG + "hooks:\n  - hooks.py\n")
    build(load_config(config_file=str(root / "mkdocs.yml")))
    assert (root / "mkdocs.yml.seen").read_text() == repr([("env", False), ("written", False)])
    assert 'class="js-matrix"' in (root / "site/journeys/achat/index.html").read_text(encoding="utf-8")


# -- expressions with a leading \s (tried at every character), done from their literal part ---------

PIECES = st.sampled_from(["data-search-", "exclude", "boost", "=\"", "\"", "x", " ", "\n", "\t", "\u00a0", "\u2003",
                          "\u200b", "\x1c", "é", "<p", ">", "data-search-exclude=\"\"", "data-search-boost=\"2\"",
                          " data-search-exclude=\"a\" "])


@given(st.lists(PIECES, max_size=30).map("".join))
@example(" data-search-a=\"1\" data-search-b=\"2\"data-search-c=\"3\"")
@example("\u00a0data-search-a=\"1\"\n\ndata-search-b=\"\"")
@settings(max_examples=400)
def test_attributes_are_taken_out_as_materials_expression_does(html_text: str) -> None:
    assert material_search.without_search_attributes(html_text) == re.sub(material_search.MATERIAL_PATTERN, "",
                                                                          html_text)


def test_what_counts_as_the_space_before_is_what_the_expression_counts() -> None:
    spaces = [chr(code) for code in range(0x3000 + 1) if re.fullmatch(r"\s", chr(code))]
    for space in spaces + ["\u200b", "a"]:
        text = f"<p{space}data-search-exclude=\"x\">"
        assert material_search.without_search_attributes(text) == re.sub(material_search.MATERIAL_PATTERN, "", text)


def test_the_installed_materials_handler_is_the_one_journeysite_does_the_work_of() -> None:
    """A Material whose handler changed keeps its own (and this test says the saving is lost: look again)."""
    assert material_search.knows(SearchPlugin().on_page_context)
    assert not material_search.knows(lambda context, page, config, nav: context)


@pytest.mark.parametrize("site", ["format", "demo", "bench"])
def test_a_build_is_the_same_as_with_materials_own_handler(site: str, make_site, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    root = site_root(site, make_site, tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    cleaned = []
    faster = material_search.without_search_attributes
    monkeypatch.setattr(material_search, "without_search_attributes", lambda text: cleaned.append(1) or faster(text))
    ours = built(root, tmp_path / "ours")
    assert cleaned, "Material's handler was not replaced"
    monkeypatch.setattr(material_search, "knows", lambda handler: False)
    materials = built(root, tmp_path / "materials")
    assert ours.keys() == materials.keys()
    assert [path for path in ours if ours[path] != materials[path]] == []


ID_PIECES = st.sampled_from(["id=\"", "\"", "a", "tp-1", " ", "\n", "\u00a0", "<g", ">", "data-id=\"x\"", " id=\"\"",
                             " id=\"js-x\"", "\tid=\"y\" id=\"z\""])


@given(st.lists(ID_PIECES, max_size=30).map("".join))
@example("<g id=\"a\"><g\nid=\"b\"><g data-id=\"c\"><p id=\"\">")
@settings(max_examples=400)
def test_the_ids_of_a_view_are_what_the_expression_with_a_leading_space_finds(fragment: str) -> None:
    assert element_ids(fragment) == re.findall(r'\sid="([^"]+)"', fragment)
