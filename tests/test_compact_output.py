"""Pages in fewer bytes, drawn the same: Graphviz's SVG compacted, views kept one byte a character."""
from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Callable

from journeysite.build import build_site
from journeysite.config import read_site_config
from journeysite.render.graph_svg import _coordinates, normalise
from journeysite.render.html import narrow
from sites import FORMAT_CONFIG, FORMAT_SITE

ASSETS = Path(__file__).resolve().parent.parent / "src" / "journeysite" / "assets"

SVG = "{http://www.w3.org/2000/svg}"
# What Graphviz writes for a rounded box, an edge, an arrow head and a label (dot 2.43, trimmed).
GRAPHVIZ = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<svg width="200pt" height="100pt" viewBox="0.00 0.00 200.26 100.76" xmlns="http://www.w3.org/2000/svg">
<g id="graph0" class="graph" transform="scale(1 1) rotate(0) translate(4 96.76)">
<g id="node1" class="node">
<path fill="#9e9e9e" fill-opacity="0.200000" stroke="#9e9e9e" stroke-width="1.2" d="M919,-1472C919,-1472 817,-1472 817,-1472 811,-1472 805,-1466 805,-1460 805,-1460 805,-1448 805,-1448 805,-1442 811,-1436 817,-1436 817,-1436 919,-1436 919,-1436 925,-1436 931,-1442 931,-1448 931,-1448 931,-1460 931,-1460 931,-1466 925,-1472 919,-1472"/>
<text text-anchor="start" x="833" y="-1456.8" font-family="Helvetica,Arial,sans-serif" font-weight="bold" font-size="9.00" fill="#010203">1.</text>
<text text-anchor="start" x="841" y="-1456.8" font-family="Helvetica,Arial,sans-serif" font-size="9.00" fill="#010203"> Je paie</text>
</g>
<g id="edge1" class="edge">
<path fill="none" stroke="#010203" stroke-width="2.4" d="M800.75,-998.62C753.19,-991.28 689.53,-981.45 641.12,-973.98"/>
<polygon fill="#010203" fill-opacity="0.549020" stroke="#010203" points="641.52,-971.21 633.18,-972.75 640.66,-976.74 641.52,-971.21"/>
<text text-anchor="middle" x="700" y="-980" font-family="Times,serif" font-size="14.00" fill="#010203">label</text>
</g>
</g>
</svg>
"""


def test_a_compacted_drawing_keeps_every_shape_and_text_and_their_looks() -> None:
    root = ET.fromstring(normalise(GRAPHVIZ).replace("<svg ", f'<svg xmlns="{SVG[1:-1]}" ', 1))
    group = root.find(f"{SVG}g")
    # what every text repeated is said once, on the group; a text that differs keeps its own
    assert (group.get("font-family"), group.get("font-size"), group.get("fill")) == \
        ("Helvetica,Arial,sans-serif", "9", "currentColor")
    texts = root.iter(f"{SVG}text")
    assert [(t.text, t.get("font-family"), t.get("font-size"), t.get("text-anchor")) for t in texts] == [
        ("1.", None, None, None), (" Je paie", None, None, None), ("label", "Times,serif", "14", "middle")]
    box, edge = root.iter(f"{SVG}path")
    assert box.get("d") == ("M919-1472H817C811-1472 805-1466 805-1460V-1448C805-1442 811-1436 817-1436H919"
                            "C925-1436 931-1442 931-1448V-1460C931-1466 925-1472 919-1472")
    assert edge.get("d") == "M800.8-998.6C753.2-991.3 689.5-981.5 641.1-974"
    assert box.get("fill-opacity") == "0.2" and root.find(f".//{SVG}polygon").get("fill-opacity") == "0.549"
    assert "\n" not in normalise(GRAPHVIZ) and "scale(1 1)" not in normalise(GRAPHVIZ)


EDGES = """<svg width="200pt" height="100pt" viewBox="0.00 0.00 200.26 100.76" xmlns="http://www.w3.org/2000/svg">
<g id="graph0" class="graph" transform="translate(4 96.76)">
<g id="edge1" class="edge">
<path fill="none" stroke="#010203" stroke-width="1.1" stroke-opacity="0.549020" d="M1,-2C3,-4 5,-6 7,-8"/>
<polygon fill="#010203" fill-opacity="0.549020" stroke="#010203" stroke-width="1.1" stroke-opacity="0.549020" points="1,-2 3,-4 5,-6 1,-2"/>
</g>
<g id="edge2" class="edge js-flow-switch">
<path fill="none" stroke="#1f78b4" stroke-width="2.4" d="M1,-2C3,-4 5,-6 7,-8"/>
<polygon fill="#1f78b4" stroke="#1f78b4" stroke-width="2.4" points="1,-2 3,-4 5,-6 1,-2"/>
</g>
<g id="edge3" class="edge">
<path fill="none" stroke="#1f78b4" stroke-width="2" d="M1,-2C3,-4 5,-6 7,-8"/>
<polygon fill="#1f78b4" stroke="#1f78b4" stroke-width="1" points="1,-2 3,-4 5,-6 1,-2"/>
</g>
</g>
</svg>
"""


def test_an_edge_says_its_shared_stroke_once_and_leaves_a_styled_edge_colours_to_the_stylesheet() -> None:
    root = ET.fromstring(normalise(EDGES).replace("<svg ", f'<svg xmlns="{SVG[1:-1]}" ', 1))
    plain, switch, mixed = (g for g in root.iter(f"{SVG}g") if (g.get("class") or "").startswith("edge"))

    def looks(edge: ET.Element) -> list[dict[str, str]]:
        """Each shape's stroke and fill as drawn: its own attributes over its group's."""
        names = ("fill", "fill-opacity", "stroke", "stroke-width", "stroke-opacity")
        return [{name: shape.get(name, edge.get(name)) for name in names if shape.get(name, edge.get(name))}
                for shape in edge if shape.tag in (f"{SVG}path", f"{SVG}polygon")]

    assert (plain.get("stroke"), plain.get("stroke-width"), plain.get("stroke-opacity")) == (
        "currentColor", "1.1", "0.549")
    assert looks(plain) == [
        {"fill": "none", "stroke": "currentColor", "stroke-width": "1.1", "stroke-opacity": "0.549"},
        {"fill": "currentColor", "fill-opacity": "0.549", "stroke": "currentColor", "stroke-width": "1.1",
         "stroke-opacity": "0.549"}]
    assert all(shape.get("stroke") is None for shape in plain)  # said once
    # diagrams.css colours a switch's line and arrow head (.js-flow-switch path, polygon): only the width is left
    assert looks(switch) == [{"fill": "none", "stroke-width": "2.4"}, {"stroke-width": "2.4"}]
    assert "js-flow-switch path" in (ASSETS / "diagrams.css").read_text(encoding="utf-8")
    # widths that differ stay on each shape, the colour they share goes up
    assert looks(mixed) == [{"fill": "none", "stroke": "#1f78b4", "stroke-width": "2"},
                            {"fill": "#1f78b4", "stroke": "#1f78b4", "stroke-width": "1"}]
    assert mixed.get("stroke-width") is None


def test_a_path_it_cannot_read_is_left_as_it_is() -> None:
    for path in ("M1,2 L3,4 Z", "M1,2C3,4 5,6", "M1,2C3,4 5,6 7,8 M9,9C1,1 2,2 3,3"):
        assert _coordinates("d", path) == path


def test_narrow_writes_characters_beyond_latin1_as_references_only() -> None:
    text = "<p title=\"a → b\">Déjà 12\u202f000 — ok 😀</p>"
    narrowed = narrow(text)
    assert max(narrowed) <= "\xff" and "Déjà" in narrowed and html.unescape(narrowed) == text
    assert narrow("plain") == "plain"


def test_stashed_views_take_one_byte_a_character_and_show_the_same(make_site: Callable[..., Path]) -> None:
    root = make_site(FORMAT_SITE, FORMAT_CONFIG)
    stashed = build_site(read_site_config(root / "mkdocs.yml"), stash_views=True)
    inline = build_site(read_site_config(root / "mkdocs.yml"))
    views = [view for page in stashed.pages for view in page.views.values()]
    assert views and all(max(view) <= "\xff" for view in views)
    assert any(re.search("&#(8212|8594|8239|8722);", view) for view in views)  # there were some to write so
    for page, whole in zip(stashed.pages, inline.pages):
        restored = page.markdown
        for token, view in page.views.items():
            restored = restored.replace(token, view)
        assert html.unescape(restored) == html.unescape(whole.markdown)
