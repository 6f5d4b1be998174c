"""``raw_html: false``: the files of docs_dir that MkDocs would publish as they are, and that could run script.

MkDocs copies every file of docs_dir that is not a page into the site: an ``.html`` page holding a
script, an ``.svg`` image with an event handler (run when the image is opened by a link), a ``.js``
or ``.xml`` file run from such a page. On a site built from untrusted contributions, only files that
cannot run script in the site's pages may be published: an allow-list of kinds (images, documents,
media, fonts, archives, plain data), and SVG images whose every element and attribute draws.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path, PurePosixPath

from .i18n import _
from .rawhtml import safe_url

# The kinds of files published as they are: none runs script where a browser opens it.
SAFE_SUFFIXES = frozenset((
    # images
    "png", "jpg", "jpeg", "gif", "webp", "avif", "bmp", "ico", "tif", "tiff",
    # documents and data
    "pdf", "txt", "csv", "tsv", "json", "yml", "yaml", "css", "rtf",
    "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp",
    # media and fonts
    "mp3", "mp4", "m4a", "wav", "ogg", "oga", "ogv", "webm", "mov", "woff", "woff2", "ttf", "otf", "eot",
    # archives
    "zip", "gz", "tgz", "7z",
))
SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
# SVG elements that draw (or describe): an allow-list; anything else of SVG's namespace (script,
# foreignObject, handler...) or of HTML's is refused. Elements of other namespaces (an editor's own
# metadata) are not rendered.
SVG_ELEMENTS = frozenset((
    "svg", "g", "defs", "symbol", "use", "title", "desc", "metadata", "switch", "a", "view",
    "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan", "textPath",
    "image", "marker", "pattern", "clipPath", "mask", "linearGradient", "radialGradient", "stop", "style",
    "filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feConvolveMatrix",
    "feDiffuseLighting", "feDisplacementMap", "feDistantLight", "feDropShadow", "feFlood", "feFuncA",
    "feFuncB", "feFuncG", "feFuncR", "feGaussianBlur", "feImage", "feMerge", "feMergeNode", "feMorphology",
    "feOffset", "fePointLight", "feSpecularLighting", "feSpotLight", "feTile", "feTurbulence",
    "animate", "animateMotion", "animateTransform", "set", "mpath",
))
_IMAGE_DATA = re.compile(r"^data:image/(?:png|jpe?g|gif|webp);", re.I)
_DECLARATIONS = re.compile(rb"<!(?:ENTITY|DOCTYPE[^>]*\[)", re.I)


def unsafe_static_files(docs: Path, static: list[str]) -> list[tuple[str, str]]:
    """(path, why it may not be published) for each of ``static`` (paths relative to ``docs``) that could run
    script in the site, under raw_html: false."""
    found = []
    for path in static:
        suffix = PurePosixPath(path).suffix.lower().lstrip(".")
        if suffix == "svg":
            try:
                message = svg_problem((docs / path).read_bytes())
            except OSError:
                continue
        elif suffix and suffix not in SAFE_SUFFIXES:
            message = _("a '.{suffix}' file is published as it is, and could run script in the site: not allowed "
                        "in this site (raw_html: false in mkdocs.yml); write the page in Markdown, or move the file "
                        "out of the docs folder (images, documents, media, fonts and archives are published)",
                        suffix=suffix)
        else:
            message = ""
        if message:
            found.append((path, message))
    return found


def svg_problem(data: bytes) -> str:
    """Why an SVG image could run script when opened, or ''."""
    if _DECLARATIONS.search(data):
        return _("this SVG image declares entities of its own (<!ENTITY or <!DOCTYPE [...]), which could hide "
                 "script: not allowed in this site (raw_html: false in mkdocs.yml); remove the declarations")
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return _("this SVG image is not well-formed XML, so what it holds cannot be checked: not allowed in this "
                 "site (raw_html: false in mkdocs.yml); save it again from a drawing program")
    for element in root.iter():
        name = element.tag if isinstance(element.tag, str) else ""
        local = name.rsplit("}", 1)[-1]
        if (name.startswith(SVG) or "}" not in name) and local not in SVG_ELEMENTS or "xhtml" in name:
            return _("this SVG image holds the element <{name}>, which could run script when the image is opened: "
                     "not allowed in this site (raw_html: false in mkdocs.yml); remove it from the image", name=local)
        for attribute, value in element.attrib.items():
            message = _attribute_problem(local, attribute, value, element.get("attributeName", ""))
            if message:
                return message
    return ""


def _attribute_problem(element: str, attribute: str, value: str, animated: str) -> str:
    local = attribute.rsplit("}", 1)[-1].lower()
    if local.startswith("on"):
        return _("this SVG image holds the event handler '{name}', which runs script when the image is opened: "
                 "not allowed in this site (raw_html: false in mkdocs.yml); remove it from the image", name=local)
    if local == "href" or attribute == XLINK_HREF:
        plain = value.strip()
        if plain.startswith("#") or (element == "image" and _IMAGE_DATA.match(plain)):
            return ""
        if plain.lower().startswith("data:") or not safe_url(plain):
            return _("this SVG image links to '{value}', which could run script when the image is opened: not "
                     "allowed in this site (raw_html: false in mkdocs.yml); link to a page or a web address",
                     value=plain[:40])
    if local == "attributename" and (value.lower().rsplit(":", 1)[-1] == "href" or value.lower().startswith("on")):
        return _("this SVG image animates '{name}', which could run script when the image is opened: not allowed "
                 "in this site (raw_html: false in mkdocs.yml); remove the animation", name=value)
    return ""
