"""Pains to treat first (irritants à traiter en priorité): touchpoints of the whole site ranked by criticality.

A page ``pains/index.md``: first the pains left unaddressed (the ``journeysite_unaddressed_pains`` hook:
critical touchpoints of current journeys that no live chantier improves), then every touchpoint whose
criticality (the ``journeysite_touchpoint_criticality`` hook, docs/format.md) is above 0, highest first, ties
by journey id then file order. One filter bar (persona, stage, channel, department, state) filters both
tables; their columns sort.

Embeddable: ``::: journeysite pains [limit=N]`` (the ranking) and ``::: journeysite unaddressed [limit=N]``
(how many pains are unaddressed, with a link to them, and the first N).
"""
from __future__ import annotations

from journeysite import hookimpl
from journeysite.compute import Computed
from journeysite.defaults.criticality import MISSING_IMPORTANCE
from journeysite.defaults.embed import expect_params, positive_int
from journeysite.defaults.index_pages import WIDE
from journeysite.defaults.journey_page import chantiers_of_touchpoint
from journeysite.defaults.matrix import touchpoint_href
from journeysite.formatting import number
from journeysite.i18n import N_, _, ngettext, translate
from journeysite.incremental import fragment
from journeysite.model import TARGET, Listed, Site
from journeysite.pages import GeneratedPage, PageContext, RenderContext, View
from journeysite.render.emotion import badge
from journeysite.render.filters import (Filter, channel_filter, department_filter, filter_bar, item_attrs,
                                         stage_filter, state_filter)
from journeysite.render.html import esc, link, tag
from journeysite.render.widgets import Cell, Column, data_table, num_cell, sort_number, table_cell

EMBEDDABLE = ("pains", "unaddressed")
DOC_PATH = "pains/index.md"
KIND = "pains"
NAV_ORDER = 60
RANKING_ID, UNADDRESSED_ID = "js-pains-ranking", "js-unaddressed"  # what the page's filter bar filters
# The ranking's columns: (title, numeric, main)
COLUMNS = ((N_("Rank"), True, False), (N_("Criticality"), True, False), (N_("Journey"), False, True),
           (N_("Touchpoint"), False, True), (N_("Stage"), False, False), (N_("Channel"), False, False),
           (N_("Emotion"), False, False), (N_("Importance (customer / business)"), False, False),
           (N_("Workstreams"), False, False), (N_("Department"), False, False))


def ranking(site: Site, computed: Computed, only: set[str] | None = None,
            limit: int | None = None) -> list[tuple[int, float, Listed]]:
    """(rank, criticality, touchpoint) of the pains (``computed.pains``): highest first, then by journey id,
    then in file order; only the refs ``only`` when given, the first ``limit`` of them."""
    found = []
    for rank, ref in enumerate(computed.pains, start=1):
        if only is not None and ref not in only:
            continue
        if limit is not None and len(found) >= limit:
            break
        listed = site.listed(ref)
        if listed is not None:
            found.append((rank, computed.criticality.get(ref, 0), listed))
    return found


def criticality_text(value: float) -> str:
    return number(value)


def importance_html(value: int | None) -> str:
    """An importance as the criticality counts it: a missing one shows the value it counts for, muted."""
    if value is not None:
        return str(value)
    return tag("span", str(MISSING_IMPORTANCE), class_="js-muted",
               title=_("Not given: counts as {value}", value=MISSING_IMPORTANCE))


def pain_columns() -> list[Column]:
    return [Column(translate(title), numeric=numeric, main=main) for title, numeric, main in COLUMNS]


WORKSTREAMS = 8  # the column of the chantiers improving the pain, the only one that differs between tables


class PainRows:
    """The rows of the pains' tables of one page, each pain's cells rendered once (the pains page shows a
    pain left unaddressed in both its tables, marked so in the ranking only) as a fragment of the page: under
    serve, a row whose reads are the same is taken from the build before (``incremental.fragment``)."""

    def __init__(self, page: PageContext, ranked: list[tuple[int, float, Listed]] | None = None) -> None:
        self.page = page
        # the ranking the page's tables take their rows from (made once)
        self.ranked = ranking(page.context.site, page.context.computed) if ranked is None else ranked
        self.columns = pain_columns()
        self.mark = tag("span", esc(_("none: unaddressed")), class_="js-badge js-unaddressed-badge")
        self.stage_order = {s.id: n for n, s in enumerate(page.context.site.referential.stages)}
        self.where = ("pains row", repr(page.page))  # a row's links are relative to its page
        self._cells: dict[tuple[int, str], tuple[str, str, str, str, dict[str, object]]] = {}

    def row(self, rank: int, value: float, p: Listed, marked: bool) -> str:
        """The ``<tr>`` of the pain ``p`` at ``rank``; ``marked``: as unaddressed."""
        key = (rank, p.ref)
        known = self._cells.get(key)
        if known is None:  # under serve, a row whose reads are the same is taken from the build before
            known = self._cells[key] = fragment(self.page.context, self.where, (rank, value, p),
                                                lambda: self._render(rank, value, p))
        before, chantiers, count, after, attrs = known
        if marked:
            chantiers = self.mark + (" " + chantiers if chantiers else "")
        return tag("tr", before + table_cell(self.columns[WORKSTREAMS], Cell(chantiers, count)) + after, **attrs)

    def _render(self, rank: int, value: float, p: Listed) -> tuple[str, str, str, str, dict[str, object]]:
        """The cells before and after the chantiers' (as ``<td>``), the chantiers and their count, the row's
        attributes (the filters')."""
        page = self.page
        context = page.context
        computed, referential = context.computed, context.site.referential
        t, journey_id = p.touchpoint, p.journey_id
        title = _("{title} (target)", title=p.journey_title) if p.journey_state == TARGET else p.journey_title
        level = referential.emotion(t.emotion)
        department = computed.departments.of_touchpoint.get(p.ref)
        importance = [t.importance_customer or MISSING_IMPORTANCE, t.importance_business or MISSING_IMPORTANCE]
        stage_order = self.stage_order
        cells = [
            num_cell(rank),
            Cell(tag("strong", criticality_text(value), class_="js-criticality"), sort_number(value)),
            Cell(page.item_link("journey", journey_id, title), title),
            Cell(link(touchpoint_href(page, journey_id, t.id), f"{p.position}. {esc(t.action)}"), t.action),
            Cell(esc(referential.stage_label(t.stage)), str(stage_order.get(t.stage, len(stage_order)))),
            esc(referential.channel_label(t.channel)),
            Cell(badge(level, referential, _("Emotion not given")), str(level.score) if level else ""),
            Cell(f"{importance_html(t.importance_customer)} / {importance_html(t.importance_business)}",
                 str(sum(importance))),
            "",  # the chantiers', added by ``row``
            Cell(page.item_link("department", department), context.title("department", department))
            if department else "",
        ]
        tds = [table_cell(column, cell) for column, cell in zip(self.columns, cells)]
        chantiers = chantiers_of_touchpoint(page, journey_id, t)  # each with its status: a dropped one shows it
        count = str(len(computed.index.chantiers_of(journey_id, t.id)))
        attrs = item_attrs(persona=p.journey_personas, stage=t.stage, channel=t.channel, department=department,
                           state=p.journey_state)
        return "".join(tds[:WORKSTREAMS]), chantiers, count, "".join(tds[WORKSTREAMS + 1:]), attrs


def pains_table(page: PageContext, limit: int | None = None, only: set[str] | None = None,
                left_out: bool = False, none: str | None = None, rows: PainRows | None = None) -> str:
    """The ranking as a table (the first ``limit`` rows; only the ``JOURNEY#TOUCHPOINT`` refs ``only``
    when given), or a note when nothing hurts (``none``, else the site-wide one). Rows carry the filters'
    attributes; an unaddressed pain is marked, unless the table is that of the pains ``left_out``. ``rows``:
    the page's other pains tables' (a pain's cells rendered once)."""
    context = page.context
    ranked = ranking(context.site, context.computed, only, limit) if rows is None else \
        [pain for pain in rows.ranked if only is None or pain[2].ref in only][:limit]
    if not ranked:
        return tag("p", esc(_("Every critical touchpoint is improved by a live workstream.") if left_out
                            else none or _("No critical touchpoint: no negative emotion is recorded.")),
                   class_="js-empty")
    rows = rows or PainRows(page, ranked)
    unaddressed = set(context.computed.unaddressed) if not left_out else set()
    body = [rows.row(rank, value, p, p.ref in unaddressed) for rank, value, p in ranked]
    # Out of the search index: each row repeats a touchpoint of a journey page.
    return tag("div", data_table(rows.columns, body, searched=False), class_="js-left-out" if left_out else "js-pains")


def pain_filters(context: RenderContext, ranked: list[tuple[int, float, Listed]] | None = None) -> list[Filter]:
    """Persona, stage, channel, department and state of the ranked touchpoints (``ranked``: the ranking
    already made), in their order."""
    site, computed = context.site, context.computed
    found = [p for _rank, _value, p in (ranked if ranked is not None else ranking(site, computed))]
    personas = sorted({q for p in found for q in p.journey_personas}, key=lambda q: context.title("persona", q))
    stages, channels = {p.touchpoint.stage for p in found}, {p.touchpoint.channel for p in found}
    departments = {computed.departments.of_touchpoint.get(p.ref) for p in found}
    states = {p.journey_state for p in found}
    return [
        Filter("persona", _("Persona"), _("All personas"), [(q, context.title("persona", q)) for q in personas]),
        stage_filter(context, stages),
        channel_filter(context, channels),
        department_filter(context, departments),
        state_filter(states),
    ]


def unaddressed_summary(page: PageContext, limit: int | None = None) -> str:
    """How many pains no live chantier improves, linking to them on the pains page (and the first ``limit``)."""
    count = len(page.context.computed.unaddressed)
    if count:
        text = esc(ngettext("{count} critical touchpoint is improved by no live workstream.",
                            "{count} critical touchpoints are improved by no live workstream.", count))
        more = link(page.href(DOC_PATH, UNADDRESSED_ID), esc(_("See the pains left unaddressed")))
        body = tag("p", tag("strong", text) + " " + more)
    else:
        body = tag("p", esc(_("Every critical touchpoint is improved by a live workstream.")))
    listed = pains_table(page, limit, set(page.context.computed.unaddressed), left_out=True) if count and limit else ""
    return tag("div", body + listed, class_="js-unaddressed-summary" + (" js-unaddressed-none" if not count else ""))


@hookimpl(trylast=True)
def journeysite_site_pages(context: RenderContext) -> list[GeneratedPage]:
    return [GeneratedPage(DOC_PATH, _("Pains to treat first"), KIND, meta=WIDE, nav_order=NAV_ORDER)]


@hookimpl(trylast=True)
def journeysite_page_views(page: PageContext) -> list[View]:
    if page.kind != KIND:
        return []
    context = page.context
    unaddressed = context.computed.unaddressed
    intro = tag("p", esc(_("Touchpoints of every journey ranked by criticality: the more negative the emotion and the "
                           "more the moment matters to the customer and the company, the more critical it is. "
                           "Criticality = max(0, −emotion score) × (customer importance + business importance), a "
                           "missing importance counting {value}.", value=MISSING_IMPORTANCE)), class_="js-intro")
    rows = PainRows(page)
    bar = filter_bar(pain_filters(context, rows.ranked), [UNADDRESSED_ID, RANKING_ID], counted=RANKING_ID)
    left = tag("p", esc(_("Touchpoints of current journeys that hurt (criticality above 0) and that no workstream "
                          "improves, other than dropped ones: nobody is working on them.")), class_="js-intro")
    title = ngettext("{count} pain left unaddressed", "{count} pains left unaddressed", len(unaddressed))
    return [View("pains_intro", intro + bar, order=5),
            View("unaddressed", tag("div", left + pains_table(page, only=set(unaddressed), left_out=True, rows=rows),
                                    id=UNADDRESSED_ID),
                 title, order=8),
            View("pains", tag("div", pains_table(page, rows=rows), id=RANKING_ID), _("Every pain, by criticality"),
                 order=10)]


@hookimpl(trylast=True)
def journeysite_embed(name: str, params: dict[str, str], page: PageContext) -> str | None:
    if name not in EMBEDDABLE:
        return None
    expect_params(name, params, optional=("limit",))
    limit = positive_int(name, params, "limit")
    return pains_table(page, limit) if name == "pains" else unaddressed_summary(page, limit)
