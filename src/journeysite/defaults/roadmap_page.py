"""The roadmap page (feuille de route, ``roadmap/``): chantiers by quarter and by department.

One board per year (a table: a lane per department, a column per quarter, in order), then a board of
the unscheduled chantiers; each chantier a card linked to its page, with its status, priority, budget,
the journeys it improves, and its dependencies both ways (a link to the other card, marked when the
plan contradicts them: ``journeysite_dependency_issues``). Placement is the ``journeysite_roadmap``
hook's. Dropped chantiers are hidden until the filter bar asks for them. Budgets are summed per lane,
per quarter and per year over the live chantiers shown. Printed, each year takes a landscape page.

Embeddable: ``::: journeysite roadmap`` (``department=ID`` for one department's lane).
"""
from __future__ import annotations

from typing import Iterable, Mapping, Sequence

from journeysite import hookimpl
from journeysite.compute import DONE_BEFORE, SCHEDULED_BEFORE, Computed, DependencyIssue
from journeysite.defaults.embed import department_param
from journeysite.defaults.index_pages import WIDE
from journeysite.formatting import money, percent, quarter
from journeysite.i18n import _
from journeysite.model import DROPPED, Site
from journeysite.pages import GeneratedPage, PageContext, RenderContext, View
from journeysite.render.filters import NO_DEPARTMENT as NO_LANE
from journeysite.render.filters import UNSCHEDULED, chantier_attrs, chantier_filters, filter_bar, token
from journeysite.render.html import NOT_SEARCHED, esc, link, tag
from journeysite.render.widgets import (Column, Row, data_table, empty, html_list, num_cell, priority_text,
                                        sort_number, status_badge)

EMBEDDABLE = ("roadmap",)
DOC_PATH = "roadmap/index.md"
KIND = "roadmap"
NAV_ORDER = 35
BOARD_ID = "js-roadmap"


@hookimpl(trylast=True)
def journeysite_site_pages(context: RenderContext) -> list[GeneratedPage]:
    return [GeneratedPage(DOC_PATH, _("Roadmap"), KIND, meta=WIDE, nav_order=NAV_ORDER)]


@hookimpl(trylast=True)
def journeysite_page_views(page: PageContext) -> list[View]:
    if page.kind != KIND:
        return []
    intro = tag("p", esc(_("The workstreams by planned delivery quarter (columns) and by department (lanes), most "
                           "important first in each cell. Dropped workstreams are hidden unless you ask for them; "
                           "budgets are those of the live workstreams shown.")), class_="js-intro")
    board = roadmap(page)
    views = [View("roadmap", tag("div", intro + board, class_="js-roadmap-page"), order=10)]
    if page.context.site.chantiers:
        views.append(View("roadmap_shares", shares_table(page), _("Share of the roadmap by department"),
                          order=20))
    return views


@hookimpl(trylast=True)
def journeysite_embed(name: str, params: dict[str, str], page: PageContext) -> str | None:
    if name != "roadmap":
        return None
    department = department_param(name, params, page)
    return roadmap(page, department, f"{BOARD_ID}-{department}" if department else BOARD_ID)


# -- figures ----------------------------------------------------------------------------------------

def live(site: Site, chantier_ids: Iterable[str]) -> list[str]:
    """The chantiers of ``chantier_ids`` that are not dropped."""
    return [c for c in chantier_ids if site.chantiers[c].status != DROPPED]


def budget_of(site: Site, chantier_ids: Iterable[str]) -> float | None:
    """The budget of the live chantiers of ``chantier_ids`` (None when none of them has one)."""
    budgets = [site.chantiers[c].budget for c in live(site, chantier_ids)]
    given = [b for b in budgets if b is not None]
    return sum(given) if given else None


def lane_of(computed: Computed, chantier_id: str) -> str:
    return computed.roadmap.at(chantier_id).lane or NO_LANE


def lane_label(context: RenderContext, lane: str) -> str:
    return _("No department") if lane == NO_LANE else context.computed.departments.label(lane)


def lane_link(page: PageContext, lane: str) -> str:
    if lane == NO_LANE:
        return esc(_("No department"))
    return page.item_link("department", lane)


# -- the boards -------------------------------------------------------------------------------------

def roadmap(page: PageContext, department: str | None = None, html_id: str = BOARD_ID) -> str:
    """Every chantier (or those of ``department``) on boards by year, then the unscheduled ones."""
    context = page.context
    site, computed = context.site, context.computed
    plan = computed.roadmap
    ids = [c for c in computed.chantiers_by_priority(site) if department is None or plan.at(c).lane == department]
    if not ids:
        return tag("div", empty(_("No workstream yet.")), class_="js-roadmap", id=html_id)
    columns = {q: q for q in plan.quarters}
    years: dict[str, list[str]] = {}
    for q in plan.quarters:
        years.setdefault(q[:4], []).append(q)
    cells: dict[tuple[str, str], list[str]] = {}
    for chantier_id in ids:  # a quarter the columns lack (a plugin's roadmap) counts as unscheduled
        column = columns.get(plan.at(chantier_id).quarter or "", UNSCHEDULED)
        cells.setdefault((column, lane_of(computed, chantier_id)), []).append(chantier_id)
    used = [lane for _quarter, lane in cells]  # a lane the roadmap's lanes lack (a plugin's) comes after them
    lanes = [*plan.lanes, *(lane for lane in dict.fromkeys(used) if lane not in plan.lanes and lane != NO_LANE),
             NO_LANE]
    cards = Cards(page, ids, html_id)
    boards = [board(page, year, quarters, lanes, cells, cards) for year, quarters in years.items()]
    boards.append(board(page, _("Unscheduled"), [UNSCHEDULED], lanes, cells, cards))
    bar = filter_bar(chantier_filters(context, ids, department=department is None), [html_id],
                     dropped_toggle=any(site.chantiers[c].status == DROPPED for c in ids))
    return tag("div", bar + "".join(b for b in boards if b), class_="js-roadmap", id=html_id)


def board(page: PageContext, title: str, quarters: Sequence[str], lanes: Sequence[str],
          cells: Mapping[tuple[str, str], list[str]], cards: Cards) -> str:
    """A year's board (or the unscheduled one): a row per lane holding a chantier of these quarters,
    a column per quarter; '' when none. Rows and the board start hidden when all they hold is dropped."""
    context = page.context
    site, currency = context.site, context.site.referential.currency
    mine = {lane: [c for q in quarters for c in cells.get((q, lane), [])] for lane in lanes}
    here = [c for found in mine.values() for c in found]
    if not here:
        return ""
    unscheduled = list(quarters) == [UNSCHEDULED]
    heads = [_("Unscheduled") if q == UNSCHEDULED else quarter(q) for q in quarters]
    head = tag("th", esc(_("Department")), scope="col") + "".join(tag("th", esc(h), scope="col") for h in heads)
    rows = []
    for lane, found in mine.items():
        if not found:
            continue
        total = sum_html(budget_of(site, found), currency, f"department={token(lane)}")
        label = tag("th", lane_link(page, lane) + total, scope="row", class_="js-roadmap-lane")
        row = "".join(tag("td", tag("ul", "".join(cards.card(c) for c in cells.get((q, lane), [])),
                                    class_="js-roadmap-cards")) for q in quarters)
        rows.append(tag("tr", label + row, data_js_hide_empty=True, hidden=not live(site, found)))
    foot = tag("th", esc(_("Budget")) + sum_html(budget_of(site, here), currency, ""), scope="row")
    foot += "".join(tag("td", sum_html(budget_of(site, [c for lane in lanes for c in cells.get((q, lane), [])]),
                                       currency, f"quarter={token(q)}"), class_="js-num") for q in quarters)
    caption = tag("caption", esc(_("Roadmap {period}: workstreams by quarter and by department", period=title)),
                  class_="js-sr-only")
    # out of the search index: the cards repeat the chantiers' titles (no <table> inside it)
    table = tag("table", caption + tag("thead", tag("tr", head)) + tag("tbody", "".join(rows))
                + tag("tfoot", tag("tr", foot)),
                class_="js-roadmap-board" + (" js-roadmap-unscheduled" if unscheduled else ""), **NOT_SEARCHED)
    region = tag("div", table, class_="js-roadmap-scroll", tabindex="0", role="region",
                 aria_label=_("Roadmap {period}", period=title))
    return tag("section", tag("h3", esc(title), class_="js-roadmap-title") + region, class_="js-roadmap-year",
               data_js_hide_empty=True, data_js_sum_scope=True, hidden=not live(site, here))


def sum_html(amount: float | None, currency: str, wanted: str) -> str:
    """A budget sum, recomputed by filters.js for the items shown (``wanted``: NAME=VALUE pairs)."""
    return tag("span", esc(money(amount, currency)), class_="js-roadmap-sum", data_js_sum=wanted,
               data_js_currency=currency)


class Cards:
    """The cards of the chantiers ``ids`` on one roadmap (whose element id is ``html_id``)."""

    def __init__(self, page: PageContext, ids: Sequence[str], html_id: str) -> None:
        self.page, self.ids, self.html_id = page, set(ids), html_id
        site = page.context.site
        self.required_by = {c: sorted((d for d in site.chantiers.values() if c in d.depends_on and d.id != c),
                                      key=lambda d: d.id) for c in ids}
        self.issues: dict[tuple[str, str], list[DependencyIssue]] = {}
        for issue in page.context.computed.dependency_issues:
            self.issues.setdefault((issue.chantier, issue.dependency), []).append(issue)

    def anchor(self, chantier_id: str) -> str:
        return f"{self.html_id}-{chantier_id}"

    def other(self, chantier_id: str) -> str:
        """A link to another chantier: its card when it is on this roadmap, else its page."""
        if chantier_id in self.ids:
            return link("#" + self.anchor(chantier_id), esc(self.page.context.title("chantier", chantier_id)))
        return self.page.item_link("chantier", chantier_id)

    def card(self, chantier_id: str) -> str:
        context = self.page.context
        site, computed = context.site, context.computed
        chantier = site.chantiers[chantier_id]
        meta = [status_badge(chantier.status)]
        priority = computed.priority.get(chantier_id)
        if priority is not None:
            meta.append(tag("span", esc(priority_text(priority)), class_="js-roadmap-priority", title=_("Priority")))
        if chantier.budget is not None:
            meta.append(tag("span", esc(money(chantier.budget, site.referential.currency)), class_="js-roadmap-budget",
                            title=_("Budget")))
        parts = [self.page.item_link("chantier", chantier_id, class_="js-roadmap-name"),
                 tag("p", " ".join(meta), class_="js-roadmap-meta"), self.journeys(chantier_id)]
        needs = [self.other(d) + self.marks(chantier_id, d, True) for d in dict.fromkeys(chantier.depends_on)
                 if d in site.chantiers and d != chantier_id]
        if needs:
            parts.append(tag("p", tag("span", esc(_("Depends on")), class_="js-roadmap-dep-label") + " "
                             + ", ".join(needs), class_="js-roadmap-deps js-roadmap-depends"))
        feeds = [self.other(d.id) + self.marks(d.id, chantier_id, False) for d in self.required_by[chantier_id]]
        if feeds:
            parts.append(tag("p", tag("span", esc(_("Required by")), class_="js-roadmap-dep-label") + " "
                             + ", ".join(feeds), class_="js-roadmap-deps js-roadmap-required"))
        dropped = chantier.status == DROPPED
        warned = any(chantier_id in pair for pair in self.issues)
        classes = "js-roadmap-card js-card" + (" js-roadmap-warned" if warned else "")
        return tag("li", "".join(parts), id=self.anchor(chantier_id), class_=classes, hidden=dropped,
                   data_js_default_hidden=dropped, data_budget=sort_number(chantier.budget) or None,
                   **chantier_attrs(context, chantier_id))

    def journeys(self, chantier_id: str) -> str:
        """The journeys the chantier improves (through the touchpoints it is linked to), by title."""
        site = self.page.context.site
        refs = self.page.context.computed.index.touchpoints_of(chantier_id)
        found = sorted({journey for journey in (r.partition("#")[0] for r in refs) if journey in site.journeys},
                       key=lambda j: ((site.title("journey", j) or "").casefold(), j))
        items = html_list((self.page.item_link("journey", j) for j in found), class_="js-inline-list")
        return tag("div", items, class_="js-roadmap-journeys", aria_label=_("Journeys improved")) if items else ""

    def marks(self, dependent: str, dependency: str, on_dependent: bool) -> str:
        """The warnings about ``dependent`` needing ``dependency``, worded from the card they sit on."""
        site, plan = self.page.context.site, self.page.context.computed.roadmap
        out = []
        for issue in self.issues.get((dependent, dependency), []):
            if issue.reason == SCHEDULED_BEFORE:
                text = _("planned later") if on_dependent else _("planned earlier")
                help_text = _("{chantier} ({quarter}) is planned before {dependency} ({dependency_quarter}), "
                              "which it depends on", chantier=site.chantiers[dependent].title,
                              quarter=quarter(plan.at(dependent).quarter or ""),
                              dependency=site.chantiers[dependency].title,
                              dependency_quarter=quarter(plan.at(dependency).quarter or ""))
            elif issue.reason == DONE_BEFORE:
                text = _("not done yet") if on_dependent else _("already done")
                help_text = _("{chantier} is done, but {dependency}, which it depends on, is not",
                              chantier=site.chantiers[dependent].title, dependency=site.chantiers[dependency].title)
            else:
                continue
            out.append(" " + tag("span", "⚠\u00a0" + esc(text), class_="js-roadmap-warning", title=help_text))
        return "".join(out)


# -- shares ---------------------------------------------------------------------------------------------

def shares_table(page: PageContext, department: str | None = None) -> str:
    """Each department's share of the live chantiers and of their budget (only ``department``'s row, and
    the total, when given)."""
    site, computed = page.context.site, page.context.computed
    everything = live(site, site.chantiers)
    lanes: dict[str, list[str]] = {}
    for chantier_id in sorted(everything):
        lanes.setdefault(lane_of(computed, chantier_id), []).append(chantier_id)
    order = [*computed.roadmap.lanes, *(lane for lane in lanes if lane not in computed.roadmap.lanes), NO_LANE]
    total_budget = budget_of(site, everything)
    currency = site.referential.currency

    def row(label: str, found: list[str], class_: str | None = None) -> Row:
        budget = budget_of(site, found)
        count_share = len(found) / len(everything) if everything else None
        budget_share = (budget or 0) / total_budget if total_budget else None
        return Row([label, num_cell(len(found)), num_cell(count_share, percent(count_share)),
                    num_cell(budget, money(budget, currency)), num_cell(budget_share, percent(budget_share))], class_)

    shown = [lane for lane in order if lane in lanes and (department is None or lane == department)]
    rows = [row(lane_link(page, lane), lanes[lane]) for lane in shown]
    rows.append(row(tag("strong", esc(_("All departments"))), everything, "js-row-total"))
    columns = [Column(_("Department"), main=True), Column(_("Live workstreams"), numeric=True),
               Column(_("Share of workstreams"), numeric=True), Column(_("Budget"), numeric=True),
               Column(_("Share of budget"), numeric=True)]
    return tag("div", data_table(columns, rows, sortable=False), class_="js-roadmap-shares")
