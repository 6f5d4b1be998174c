"""Pains to treat first (irritants à traiter en priorité): touchpoints of the whole site ranked by criticality.

A page ``pains/index.md`` with one table: touchpoints whose criticality (the
``journeysite_touchpoint_criticality`` hook, FORMAT.md) is above 0, highest
first, ties by journey id then file order.
"""
from __future__ import annotations

from journeysite import hookimpl
from journeysite.compute import Computed
from journeysite.defaults.criticality import MISSING_IMPORTANCE
from journeysite.defaults.embed import expect_params, positive_int
from journeysite.defaults.index_pages import WIDE
from journeysite.defaults.matrix import Placed, chantier_links, placed, touchpoint_href
from journeysite.formatting import number
from journeysite.i18n import N_, _, translate
from journeysite.model import TARGET, Site
from journeysite.pages import GeneratedPage, PageContext, RenderContext, View
from journeysite.render.emotion import badge
from journeysite.render.html import NOT_SEARCHED, esc, table, tag

EMBEDDABLE = ("pains",)
DOC_PATH = "pains/index.md"
KIND = "pains"
NAV_ORDER = 60
HEADERS = (N_("Rank"), N_("Criticality"), N_("Journey"), N_("Touchpoint"), N_("Stage"), N_("Channel"), N_("Emotion"),
           N_("Importance (customer / business)"), N_("Workstreams"))


def ranking(site: Site, computed: Computed) -> list[tuple[float, Placed]]:
    """(criticality, touchpoint) above 0, highest first, then by journey id, then in file order."""
    found = [(computed.criticality.get(f"{journey_id}#{p.touchpoint.id}", 0), p)
             for journey_id in sorted(site.journeys) for p in placed(site.journeys[journey_id])]
    return sorted(((c, p) for c, p in found if c and c > 0), key=lambda item: -item[0])


def criticality_text(value: float) -> str:
    return number(value)


def importance_html(value: int | None) -> str:
    """An importance as the criticality counts it: a missing one shows the value it counts for, muted."""
    if value is not None:
        return str(value)
    return tag("span", str(MISSING_IMPORTANCE), class_="js-muted",
               title=_("Not given: counts as {value}", value=MISSING_IMPORTANCE))


def pains_table(page: PageContext, limit: int | None = None) -> str:
    """The ranking as a table (the first ``limit`` rows), or a note when nothing hurts."""
    site = page.context.site
    referential = site.referential
    ranked = ranking(site, page.context.computed)[:limit]
    if not ranked:
        return tag("p", esc(_("No critical touchpoint: no negative emotion is recorded.")), class_="js-empty")
    headers = [esc(translate(header)) for header in HEADERS]
    rows = []
    for rank, (value, p) in enumerate(ranked, start=1):
        t, journey = p.touchpoint, p.journey
        title = _("{title} (target)", title=journey.title) if journey.state == TARGET else journey.title
        rows.append([
            str(rank),
            tag("strong", criticality_text(value), class_="js-criticality"),
            page.item_link("journey", journey.id, title),
            tag("a", f"{p.position}. {esc(t.action)}", href=touchpoint_href(page, journey.id, t.id)),
            esc(referential.stage_label(t.stage)),
            esc(referential.channel_label(t.channel)),
            badge(referential.emotion(t.emotion), referential, _("Emotion not given")),
            f"{importance_html(t.importance_customer)} / {importance_html(t.importance_business)}",
            ", ".join(chantier_links(page, journey.id, t.id)),
        ])
    # Out of the search index: each row repeats a touchpoint of a journey page.
    return tag("div", table(headers, rows, class_="js-pains js-sortable", **NOT_SEARCHED), class_="js-matrix-scroll",
               tabindex="0", role="region", aria_label=_("Pains to treat first"))


@hookimpl(trylast=True)
def journeysite_site_pages(context: RenderContext) -> list[GeneratedPage]:
    return [GeneratedPage(DOC_PATH, _("Pains to treat first"), KIND, meta=WIDE, nav_order=NAV_ORDER)]


@hookimpl(trylast=True)
def journeysite_page_views(page: PageContext) -> list[View]:
    if page.kind != KIND:
        return []
    intro = _("Touchpoints of every journey ranked by criticality: the more negative the emotion and the more the "
              "moment matters to the customer and the company, the more critical it is. Criticality = max(0, −emotion "
              "score) × (customer importance + business importance), a missing importance counting {value}.",
              value=MISSING_IMPORTANCE)
    return [View("pains", tag("p", esc(intro), class_="js-intro") + pains_table(page), order=10)]


@hookimpl(trylast=True)
def journeysite_embed(name: str, params: dict[str, str], page: PageContext) -> str | None:
    if name != "pains":
        return None
    expect_params(name, params, optional=("limit",))
    return pains_table(page, positive_int(name, params, "limit"))
