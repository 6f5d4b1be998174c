"""At the foot of every persona, journey, chantier and channel page written in a file: a link to edit that
file (with ``repo_url`` and ``edit_uri`` set, by MkDocs' rules) and the day it last changed (from git)."""
from __future__ import annotations

from journeysite import hookimpl
from journeysite.formatting import date
from journeysite.i18n import _
from journeysite.pages import ITEM_KINDS, PageContext, View
from journeysite.render.html import esc, tag

SOURCE = 1000  # after every other view


@hookimpl(trylast=True)
def journeysite_page_views(page: PageContext) -> list[View]:
    source = page.page.source
    if page.kind not in ITEM_KINDS or source is None:
        return []
    context = page.context
    parts = []
    edit = context.edit_links.url(source)
    if edit:
        parts.append(tag("a", esc(_("Edit this page's source")), href=edit, rel="edit", title=source,
                         class_="js-edit"))
    changed = context.history.changed(source) if context.history is not None else None
    if changed is not None:
        when = tag("time", esc(date(changed)), datetime=changed.isoformat())
        parts.append(esc(_("Last changed on {date}", date="\x00")).replace("\x00", when))
    if not parts:
        return []
    return [View("source", tag("p", " · ".join(parts), class_="js-source"), order=SOURCE)]
