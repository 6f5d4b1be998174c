"""Filters in the browser, without a server: a filter bar, and the attributes of the items it filters.

The bar is a ``<form class="js-filters" hidden>`` that ``assets/filters.js`` shows and wires: each of
its selects names a filter (``status``, ``department``…) that is also a URL parameter (``?status=planned``,
so a link shares a filtered view) and the suffix of a ``data-f-NAME`` attribute on each item. An item
(``data-js-item``: a table row, a roadmap card) stays shown when, for every filter set, its attribute
holds the value among its space-separated tokens. Without JavaScript the bar stays hidden and every
table is complete, in its default order.

The bar filters the items inside the elements whose ids its ``data-js-for`` lists. Inside them:
``data-js-hide-empty`` hides an element (a roadmap lane, a year) with no item shown;
``data-js-sum="NAME=VALUE …"`` shows the sum of the ``data-budget`` of the live items shown that match
(within the nearest ``data-js-sum-scope``), formatted in the currency of its ``data-js-currency``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Sequence

from ..enumerations import QUADRANT, STATE, STATUS
from ..formatting import quarter
from ..i18n import _, ngettext
from ..model import QUADRANTS, STATES, STATUSES
from .html import esc, tag
from .widgets import css_token
from ..vocabulary import Vocabulary

if TYPE_CHECKING:
    from ..pages import RenderContext


DROPPED_TOGGLE = "dropped"  # the checkbox (and URL parameter) that shows items hidden by default


@dataclass(frozen=True)
class Filter:
    """One select of the bar: ``name`` (URL parameter, ``data-f-NAME``), its ``label``, the label of
    its empty choice (``everything``) and its ``options`` as (value, label) pairs, in order. A URL may
    name an option by its value, its label or, with a ``vocabulary``, any word that names the value
    (``?status=planifié``, ``?department=DSI``), accents and case ignored."""

    name: str
    label: str
    everything: str
    options: Sequence[tuple[str, str]]
    vocabulary: Vocabulary | None = None


def token(value: object) -> str:
    """A value as a filter token (ids are tokens already; free text is reduced like an id)."""
    return css_token(value)


def item_attrs(**values: str | Iterable[str] | None) -> dict[str, object]:
    """The attributes of an item the bar filters: ``data-js-item`` and a ``data-f-NAME`` per filter,
    holding its values as space-separated tokens (none: an empty attribute, matching no choice)."""
    attrs: dict[str, object] = {"data_js_item": True}
    for name, value in values.items():
        listed = [value] if isinstance(value, str) else list(value or ())
        attrs[f"data_f_{name}"] = " ".join(dict.fromkeys(token(v) for v in listed if v))
    return attrs


def filter_bar(filters: Sequence[Filter], targets: Sequence[str], dropped_toggle: bool = False,
               counted: str | None = None) -> str:
    """The bar over the elements whose ids are ``targets``; a filter with fewer than two options is left out.
    ``dropped_toggle`` adds a checkbox that shows the items hidden by default (dropped chantiers); the
    count says how many items are shown in ``counted`` (one of the targets; all of them by default)."""
    fields = []
    for item in filters:
        if len(item.options) < 2:
            continue
        words = item.vocabulary.folded_words if item.vocabulary is not None else lambda value: ()
        options = tag("option", esc(item.everything), value="") + "".join(
            tag("option", esc(label), value=token(value), data_js_words=" ".join(words(value)) or None)
            for value, label in item.options)
        fields.append(tag("label", tag("span", esc(item.label), class_="js-filter-label")
                          + tag("select", options, name_=item.name), class_="js-filter"))
    if dropped_toggle:
        box = f'<input type="checkbox" name="{DROPPED_TOGGLE}" value="1"/>'
        fields.append(tag("label", box + " " + esc(_("Show dropped workstreams")), class_="js-filter js-filter-toggle"))
    if not fields:
        return ""
    fields.append(tag("button", esc(_("Show all")), type="reset", class_="js-filter-reset"))
    status = tag("p", "", class_="js-filter-count", role="status", aria_live="polite")
    unknown = tag("p", "", class_="js-filter-unknown", hidden=True)
    return tag("form", "".join(fields) + status + unknown, class_="js-filters", hidden=True, role="search",
               aria_label=_("Filters"), data_js_for=" ".join(targets), data_js_count_in=counted,
               data_js_count_one=count_template(1), data_js_count=count_template(2),
               data_js_none=_("Nothing matches these filters."),
               data_js_unknown=_("This link sets the filter '{{filter}}' to '{{value}}', which is none of its "
                                 "choices: that filter is left out."))


def count_template(count: int) -> str:
    """The words of the count filters.js writes, in the singular (``count`` 1) or the plural form: the
    script picks one with the language's plural rules and fills ``{shown}`` and ``{total}``."""
    return ngettext("{{shown}} of {{total}} shown", "{{shown}} of {{total}} shown", count)


# -- the filters of chantiers (index, roadmap, department pages) ---------------------------------------

UNSCHEDULED = "unscheduled"  # the quarter token of a chantier with no quarter
NO_DEPARTMENT = "_none"      # the department token of a chantier with none (never an id: ids start alike)


def chantier_attrs(context: RenderContext, chantier_id: str) -> dict[str, object]:
    """The filter attributes of a chantier's row or card: status, department, quarter, quadrant."""
    chantier = context.site.chantiers[chantier_id]
    computed = context.computed
    placement = computed.roadmap.at(chantier_id)
    return item_attrs(status=chantier.status,
                      department=computed.departments.of_chantier.get(chantier_id) or NO_DEPARTMENT,
                      quarter=placement.quarter or UNSCHEDULED, quadrant=computed.quadrant.get(chantier_id))


def chantier_filters(context: RenderContext, chantier_ids: Iterable[str], department: bool = True) -> list[Filter]:
    """Status, department (unless ``department`` is False), quarter and quadrant, offering the values the
    chantiers ``chantier_ids`` have, in their natural order."""
    site, computed = context.site, context.computed
    chantiers = [site.chantiers[c] for c in chantier_ids]
    statuses = {c.status for c in chantiers}
    departments = {computed.departments.of_chantier.get(c.id) for c in chantiers}
    quarters = sorted({computed.roadmap.at(c.id).quarter or UNSCHEDULED for c in chantiers},
                      key=lambda q: (q == UNSCHEDULED, q))
    quadrants = {computed.quadrant.get(c.id) for c in chantiers}
    found = [Filter("status", _("Status"), _("All statuses"),
                    [(s, STATUS.label(s)) for s in STATUSES if s in statuses], STATUS.vocabulary)]
    if department:
        found.append(department_filter(context, departments))
    found += [Filter("quarter", _("Quarter"), _("All quarters"),
                     [(q, _("Unscheduled") if q == UNSCHEDULED else quarter(q)) for q in quarters]),
              Filter("quadrant", _("Quadrant"), _("All quadrants"),
                     [(q, QUADRANT.label(q)) for q in QUADRANTS if q in quadrants], QUADRANT.vocabulary)]
    return found


def department_filter(context: RenderContext, departments: Iterable[str | None]) -> Filter:
    """The department filter, offering ``departments`` (ids) in the site's order, named also by their aliases."""
    present = set(departments)
    return Filter("department", _("Department"), _("All departments"),
                  [(d.id, d.label) for d in context.computed.departments.departments if d.id in present],
                  context.site.referential.vocabularies["departments"])


def stage_filter(context: RenderContext, stages: Iterable[str]) -> Filter:
    """The stage filter, offering ``stages`` (ids) in the referential's order, named also by their aliases."""
    present, referential = set(stages), context.site.referential
    return Filter("stage", _("Stage"), _("All stages"),
                  [(s.id, s.label) for s in referential.stages if s.id in present], referential.vocabularies["stages"])


def channel_filter(context: RenderContext, channels: Iterable[str]) -> Filter:
    """The channel filter, offering ``channels`` (ids) in the referential's order, named also by their aliases."""
    present, referential = set(channels), context.site.referential
    return Filter("channel", _("Channel"), _("All channels"),
                  [(c.id, c.label) for c in referential.channels if c.id in present],
                  referential.vocabularies["channels"])


def state_filter(states: Iterable[str]) -> Filter:
    """The state filter (current, target), offering ``states``."""
    present = set(states)
    return Filter("state", _("State"), _("All states"), [(s, STATE.label(s)) for s in STATES if s in present],
                  STATE.vocabulary)
