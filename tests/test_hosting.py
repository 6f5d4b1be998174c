"""A built site hosted by a plain static web server under a subpath: every link and asset resolves there."""
from __future__ import annotations

import functools
import http.server
import threading
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from conftest import write_site
from htmltools import parse
from sites import FORMAT_CONFIG, FORMAT_SITE
from test_mkdocs_build import mkdocs

SUBPATH = "/cx/parcours/"
LINKS = {"a": "href", "link": "href", "script": "src", "img": "src"}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def test_a_build_served_under_a_subpath_has_no_broken_link(tmp_path: Path) -> None:
    root = write_site(tmp_path / "src", FORMAT_SITE, "site_url: https://intranet.example/cx/parcours/\n" + FORMAT_CONFIG)
    served = tmp_path / "www"
    build = mkdocs(root, "--strict", "--site-dir", str(served / SUBPATH.strip("/")))
    assert build.returncode == 0, build.stderr
    handler = functools.partial(_Quiet, directory=str(served))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        pages, assets, todo = set(), set(), [SUBPATH]
        while todo:
            path = todo.pop()
            if path in pages:
                continue
            with urllib.request.urlopen(base + path, timeout=10) as response:
                assert response.status == 200, path
                html = response.read().decode("utf-8")
            pages.add(path)
            for tag, attrs in parse(html).tags:
                value = attrs.get(LINKS.get(tag, ""))
                if not value or value.startswith(("#", "mailto:", "data:")) or urlsplit(value).scheme:
                    continue
                assert not value.startswith("/"), (path, value)  # relative, so any subpath works
                target = urlsplit(urljoin(base + path, value)).path
                assert target.startswith(SUBPATH), (path, value)
                if tag == "a" and (target.endswith("/") or target.endswith(".html")):
                    todo.append(target)
                else:
                    assets.add(target)
        for path in sorted(assets):
            with urllib.request.urlopen(base + path, timeout=10) as response:
                assert response.status == 200, path
    finally:
        server.shutdown()
        server.server_close()
    assert {SUBPATH + "journeys/achat/", SUBPATH + "chantiers/fiche-client/", SUBPATH + "channels/magasin/"} <= pages
    assert any(a.endswith("journeysite.css") for a in assets) and any(a.endswith(".js") for a in assets)
    sitemap = (served / SUBPATH.strip("/") / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://intranet.example/cx/parcours/journeys/achat/</loc>" in sitemap
