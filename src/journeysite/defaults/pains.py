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
from journeysite.i18n import Labels
from journeysite.model import TARGET, Site
from journeysite.pages import GeneratedPage, PageContext, RenderContext, View
from journeysite.render.emotion import badge
from journeysite.render.html import NOT_SEARCHED, esc, table, tag

EMBEDDABLE = ("pains",)
DOC_PATH = "pains/index.md"
KIND = "pains"
NAV_ORDER = 60


def ranking(site: Site, computed: Computed) -> list[tuple[float, Placed]]:
    """(criticality, touchpoint) above 0, highest first, then by journey id, then in file order."""
    found = [(computed.criticality.get(f"{journey_id}#{p.touchpoint.id}", 0), p)
             for journey_id in sorted(site.journeys) for p in placed(site.journeys[journey_id])]
    return sorted(((c, p) for c, p in found if c and c > 0), key=lambda item: -item[0])


def criticality_text(value: float) -> str:
    return f"{value:g}"


def importance_html(value: int | None, labels: Labels) -> str:
    """An importance as the criticality counts it: a missing one shows the value it counts for, muted."""
    if value is not None:
        return str(value)
    return tag("span", str(MISSING_IMPORTANCE), class_="js-muted",
               title=labels["importance_missing"].format(value=MISSING_IMPORTANCE))


def pains_table(page: PageContext, limit: int | None = None) -> str:
    """The ranking as a table (the first ``limit`` rows), or a note when nothing hurts."""
    site, labels = page.context.site, page.context.labels
    referential = site.referential
    ranked = ranking(site, page.context.computed)[:limit]
    if not ranked:
        return tag("p", esc(labels["no_pains"]), class_="js-empty")
    headers = [esc(labels[k]) for k in ("rank", "criticality", "journey", "touchpoint", "stage", "channel", "emotion",
                                        "importance_cb", "chantiers")]
    rows = []
    for rank, (value, p) in enumerate(ranked, start=1):
        t, journey = p.touchpoint, p.journey
        title = journey.title + (f" ({labels['state_target']})" if journey.state == TARGET else "")
        rows.append([
            str(rank),
            tag("strong", criticality_text(value), class_="js-criticality"),
            page.item_link("journey", journey.id, title),
            tag("a", f"{p.position}. {esc(t.action)}", href=touchpoint_href(page, journey.id, t.id)),
            esc(referential.stage_label(t.stage)),
            esc(referential.channel_label(t.channel)),
            badge(referential.emotion(t.emotion), referential, labels["no_emotion"]),
            f"{importance_html(t.importance_customer, labels)} / {importance_html(t.importance_business, labels)}",
            ", ".join(chantier_links(page, journey.id, t.id)),
        ])
    # Out of the search index: each row repeats a touchpoint of a journey page.
    return tag("div", table(headers, rows, class_="js-pains js-sortable", **NOT_SEARCHED), class_="js-matrix-scroll",
               tabindex="0", role="region", aria_label=labels["pains"])


@hookimpl(trylast=True)
def journeysite_site_pages(context: RenderContext) -> list[GeneratedPage]:
    return [GeneratedPage(DOC_PATH, context.labels["pains"], KIND, meta=WIDE, nav_order=NAV_ORDER)]


@hookimpl(trylast=True)
def journeysite_page_views(page: PageContext) -> list[View]:
    if page.kind != KIND:
        return []
    labels = page.context.labels
    return [View("pains", tag("p", esc(labels["pains_intro"]), class_="js-intro") + pains_table(page), order=10)]


@hookimpl(trylast=True)
def journeysite_embed(name: str, params: dict[str, str], page: PageContext) -> str | None:
    if name != "pains":
        return None
    expect_params(name, params, optional=("limit",))
    return pains_table(page, positive_int(name, params, "limit"))
