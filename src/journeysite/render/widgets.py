"""Small HTML building blocks shared by the built-in page views.

Every function takes already-escaped HTML where it says ``html`` and plain
user text everywhere else (escaped here). Classes are all prefixed ``js-`` and
styled by ``assets/journeysite.css``.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Iterable, Mapping, Sequence

from ..compute import Indicator
from ..enumerations import STATE, STATUS
from ..formatting import DASH, is_number, number, percent, signed  # noqa: F401 (plugins import them from here)
from ..i18n import N_, translate
from ..model import STATUSES
from ..vocabulary import plain
from .html import NOT_SEARCHED, esc, tag

# Labels of the metrics people usually note (others are shown as their key made readable).
METRIC_LABELS = {"nps": N_("NPS"), "ces": N_("CES"), "csat": N_("CSAT"), "volume": N_("Volume"),
                 "abandon_rate": N_("Abandonment rate"), "clv": N_("Customer lifetime value")}


# -- values ---------------------------------------------------------------------------------

def css_token(value: object) -> str:
    """``value`` reduced to the characters a class name suffix or a filter token may safely hold, accents
    transliterated as in an id made from a name (``Vélo`` -> ``velo``, as ``load.slug`` does)."""
    return re.sub(r"[^a-z0-9_-]+", "-", plain(str(value))).strip("-") or "x"


def sort_number(value: Any) -> str:
    """The ``data-sort`` text of a numeric value ('' when there is none: sorted last)."""
    if not is_number(value):
        return ""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def priority_value(priority: float | None) -> int | None:
    """A priority rounded half up to an integer (None stays None)."""
    return None if priority is None else math.floor(priority + 0.5)


def priority_text(priority: float | None) -> str:
    rounded = priority_value(priority)
    return DASH if rounded is None else f"{rounded}\u202f/\u202f100"


def status_rank(status: str) -> int:
    return STATUSES.index(status) if status in STATUSES else len(STATUSES)


# -- inline pieces ----------------------------------------------------------------------------

def badge(text: str, *classes: str) -> str:
    """A small labelled pill (``text`` is plain text)."""
    return tag("span", esc(text), class_=" ".join(("js-badge", *classes)))


def status_badge(status: str) -> str:
    return badge(STATUS.label(status), "js-status", f"js-status-{css_token(status)}")


def state_badge(state: str) -> str:
    return badge(STATE.label(state), "js-state", f"js-state-{css_token(state)}")


def chips(values: Iterable[str]) -> str:
    """Plain texts as a row of chips ('' when there are none)."""
    values = [v for v in values if str(v).strip()]
    if not values:
        return ""
    return tag("ul", "".join(tag("li", esc(v), class_="js-chip") for v in values), class_="js-chips")


def text_list(values: Iterable[str], class_: str = "js-list") -> str:
    """Plain texts as a bulleted list ('' when there are none)."""
    values = [v for v in values if str(v).strip()]
    if not values:
        return ""
    return tag("ul", "".join(tag("li", esc(v)) for v in values), class_=class_)


def html_list(items: Iterable[str], class_: str = "js-list") -> str:
    """Already-escaped HTML items as a list ('' when there are none)."""
    items = [i for i in items if i]
    return tag("ul", "".join(tag("li", i) for i in items), class_=class_) if items else ""


def quotes(values: Iterable[str]) -> str:
    """Verbatims: each a quotation (``<q>``), so they read as the customer's words."""
    values = [v for v in values if str(v).strip()]
    if not values:
        return ""
    return tag("ul", "".join(tag("li", tag("q", esc(v))) for v in values), class_="js-verbatims")


STAR = ('<svg class="js-icon" viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true" focusable="false">'
        '<path fill="currentColor" d="M12 2.5l2.9 6.1 6.6.8-4.9 4.6 1.3 6.6L12 17.3l-5.9 3.3 1.3-6.6L2.5 9.4l6.6-.8z"/>'
        '</svg>')
BREAK = ('<svg class="js-icon" viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true" focusable="false">'
         '<path fill="none" stroke="currentColor" stroke-width="2.4" stroke-linecap="round" stroke-linejoin="round" '
         'd="M3 12h5l2-5 4 10 2-5h5"/></svg>')
INVERSE = ('<svg class="js-icon" viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true" focusable="false">'
           '<path fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round" '
           'd="M7 4v15m0 0l-3.5-3.5M7 19l3.5-3.5M17 20V5m0 0l-3.5 3.5M17 5l3.5 3.5"/></svg>')
ICONS = {"mot": STAR, "rupture": BREAK, "inverse": INVERSE}


def mark(kind: str, text: str, title: str = "") -> str:
    """An icon and its text (never colour alone): ``kind`` is mot, rupture or inverse."""
    return tag("span", f"{ICONS.get(kind, '')} {esc(text)}", class_=f"js-mark js-mark-{css_token(kind)}",
               title=title or None)


# -- blocks ---------------------------------------------------------------------------------

def facts(rows: Iterable[tuple[str, str]], class_: str = "js-facts") -> str:
    """A description list of (plain label, HTML value); empty values are left out."""
    items = "".join(tag("div", tag("dt", esc(label)) + tag("dd", value), class_="js-fact")
                    for label, value in rows if value)
    return tag("dl", items, class_=class_) if items else ""


def indicator_tiles(indicators: Iterable[Indicator], class_: str = "js-tiles") -> str:
    """Indicators as tiles: the display value over the label; ``help`` as a tooltip."""
    tiles = []
    for indicator in indicators:
        display = indicator.display or (DASH if indicator.value is None else str(indicator.value))
        tiles.append(tag("li", tag("span", esc(display), class_="js-tile-value")
                         + tag("span", esc(indicator.label), class_="js-tile-label"),
                         class_=f"js-tile js-tile-{css_token(indicator.id)}", title=indicator.help or None))
    return tag("ul", "".join(tiles), class_=class_) if tiles else ""


def empty(text: str) -> str:
    return tag("p", esc(text), class_="js-empty")


@dataclass(frozen=True)
class Column:
    """A table column: plain ``label``; ``numeric`` right-aligns it; ``sorted`` marks the initial
    order; ``help`` is a tooltip on the header; ``main`` (the item's name) keeps it wide enough."""

    label: str
    numeric: bool = False
    sorted: str | None = None  # "ascending" | "descending"
    help: str = ""
    main: bool = False

    @cached_property  # asked for by each cell of the column
    def class_(self) -> str | None:
        names = [n for n, on in (("js-num", self.numeric), ("js-col-main", self.main)) if on]
        return " ".join(names) or None


@dataclass(frozen=True)
class Cell:
    """A table cell: trusted ``html`` and an optional sort value (``data-sort``)."""

    html: str
    sort: str | None = None


@dataclass(frozen=True)
class Row:
    """A table row carrying a class (e.g. ``js-row-muted``) and attributes (e.g. a filter's, as ``tag``
    takes them); a plain sequence of cells is a row too."""

    cells: Sequence[Cell | str]
    class_: str | None = None
    attrs: Mapping[str, object] = field(default_factory=dict)


def num_cell(value: Any, display: str | None = None) -> Cell:
    """A numeric cell sorted by ``value`` (missing values sort last), shown in the current language."""
    return Cell(esc(display if display is not None else number(value)), sort_number(value))


def table_cell(column: Column, cell: Cell | str) -> str:
    """A cell of ``column`` as ``data_table`` writes it (``<td>``): for a row put together by hand."""
    if isinstance(cell, Cell):
        return tag("td", cell.html, class_=column.class_, data_sort=cell.sort)
    return tag("td", cell, class_=column.class_)


def data_table(columns: Sequence[Column], rows: Iterable[Row | Sequence[Cell | str] | str], caption: str = "",
               sortable: bool = True, class_: str = "", searched: bool = True) -> str:
    """A table in a horizontally scrolling wrapper; ``<table class="js-table js-sortable">``. A row given as
    a string is its ``<tr>`` already (its cells from ``table_cell``).

    ``searched=False`` keeps it out of the search index (a table repeating text indexed elsewhere)."""
    head = "".join(tag("th", esc(c.label), scope="col", class_=c.class_, aria_sort=c.sorted, title=c.help or None)
                   for c in columns)
    body = []
    for row in rows:
        if isinstance(row, str):  # put together from table_cell already
            body.append(row)
            continue
        row = row if isinstance(row, Row) else Row(row)
        cells = "".join(table_cell(column, cell) for column, cell in zip(columns, row.cells))
        body.append(tag("tr", cells, class_=row.class_, **row.attrs))
    classes = " ".join(c for c in ("js-table", "js-sortable" if sortable else "", class_) if c)
    table = tag("table", (tag("caption", esc(caption)) if caption else "") + tag("thead", tag("tr", head))
                + tag("tbody", "".join(body)), class_=classes, **({} if searched else NOT_SEARCHED))
    return tag("div", table, class_="js-table-wrap")


def metric_label(key: str) -> str:
    """The label of a metric: its own for known keys (``nps``…), else the key made readable
    (``taux_rebond`` -> ``Taux rebond``)."""
    if key in METRIC_LABELS:
        return translate(METRIC_LABELS[key])
    words = key.replace("_", " ").strip()
    return words[:1].upper() + words[1:] if words else key


# A metric so named is a share of 0..1 (docs/format.md): abandon_rate, share, taux_conversion...
RATE_NAME = re.compile(r"(^|_)(rate|share)$|^(rate|share|taux)(_|$)", re.IGNORECASE)


def metric_text(key: str, value: Any) -> str:
    """A metric's value for people: a rate (``abandon_rate: 0.62``, see ``RATE_NAME``) from 0 to 1 as a
    percentage (``62 %``), any other value as a number."""
    if RATE_NAME.search(key) and is_number(value) and 0 <= value <= 1:
        return percent(value)
    return number(value)


def metrics_list(metrics: dict) -> str:
    """Free numeric metrics as ``label value`` pairs."""
    return html_list((tag("span", esc(metric_label(str(key))), class_="js-metric-label") + " "
                      + tag("strong", esc(metric_text(str(key), value)), class_="js-metric-value")
                      for key, value in metrics.items()), class_="js-metrics")
