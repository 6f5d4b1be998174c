"""Embedding: the directive's parameter checks, shared by every embeddable view, and the
``indicators`` view, which exists only to be embedded.

A line ``::: journeysite VIEW key=value`` in any page is expanded by
``journeysite.directives``, which asks ``journeysite_embed`` for VIEW. Each
built-in module that answers sets a module-level ``EMBEDDABLE`` tuple (the
names listed when a directive names an unknown view) and uses the helpers
below, so every view reports bad parameters the same way.
"""
from __future__ import annotations

from typing import Iterable, Mapping

from journeysite import hookimpl
from journeysite.compute import Indicator
from journeysite.directives import WaitsForFile
from journeysite.enumerations import STATE
from journeysite.i18n import _
from journeysite.model import CURRENT, Journey, Persona
from journeysite.pages import PageContext
from journeysite.problems import did_you_mean
from journeysite.render.html import esc, tag

EMBEDDABLE = ("indicators",)


def expect_params(view: str, params: Mapping[str, str], required: Iterable[str] = (),
                  optional: Iterable[str] = ()) -> None:
    """Raise ValueError when ``params`` lacks a required key or holds one ``view`` does not take."""
    required, optional = tuple(required), tuple(optional)
    known = required + optional
    for key in sorted(params):
        if key not in known:
            if known:
                raise ValueError(_("view '{view}' has no parameter '{key}'{hint} (it takes: {keys})", view=view,
                                   key=key, hint=did_you_mean(key, known), keys=", ".join(known)))
            raise ValueError(_("view '{view}' takes no parameter, not '{key}'", view=view, key=key))
    for key in required:
        if not params.get(key):
            raise ValueError(_("view '{view}' needs {key}=ID, e.g. '{example}'", view=view, key=key,
                               example="::: journeysite " + view + " " + key + "=..."))


def find(kind: str, params: Mapping[str, str], page: PageContext) -> Journey | Persona:
    """The journey or persona (``kind``) that ``params[kind]`` names; ValueError naming the closest id."""
    site = page.context.site
    items: Mapping[str, Journey | Persona] = {"journey": site.journeys, "persona": site.personas}[kind]
    item_id = params[kind]
    if item_id not in items:
        broken = site.broken_file(kind, item_id)
        if broken is not None:
            raise WaitsForFile(kind, item_id, broken)
        if kind == "journey":
            raise ValueError(_("journey '{id}' not found{hint}", id=item_id, hint=did_you_mean(item_id, items)))
        raise ValueError(_("persona '{id}' not found{hint}", id=item_id, hint=did_you_mean(item_id, items)))
    return items[item_id]


def department_param(view: str, params: Mapping[str, str], page: PageContext) -> str | None:
    """The department id of an optional ``department=ID`` (the only parameter ``view`` takes), or None;
    ValueError naming the closest department when there is none of that id."""
    expect_params(view, params, optional=("department",))
    if "department" not in params:
        return None
    wanted = params["department"]
    ids = [d.id for d in page.context.computed.departments.departments]
    if wanted not in ids:
        raise ValueError(_("view '{view}': department '{id}' not found{hint} (departments: {ids})", view=view,
                           id=wanted, hint=did_you_mean(wanted, ids), ids=", ".join(ids) or "-"))
    return wanted


def positive_int(view: str, params: Mapping[str, str], key: str) -> int | None:
    """``params[key]`` as a whole number above 0 (None when absent); ValueError otherwise."""
    raw = params.get(key)
    if raw is None:
        return None
    if not raw.isdigit() or int(raw) < 1:
        raise ValueError(_("view '{view}': {key}={value} must be a whole number above 0, e.g. {key}=10", view=view,
                           key=key, value=raw))
    return int(raw)


def one_state(view: str, params: Mapping[str, str]) -> str:
    """The journey state ``params`` asks for (``state=current|target``; current when absent)."""
    written = params.get("state")
    if not written:
        return CURRENT
    state = STATE.vocabulary.resolve(written)
    if state is None:
        raise ValueError(_("view '{view}': state '{value}' must be current or target{hint}", view=view, value=written,
                           hint=did_you_mean(written, STATE.ids)))
    return state


def one_of(view: str, params: Mapping[str, str], choices: tuple[str, ...]) -> str:
    """The single key of ``choices`` that ``params`` gives (ValueError when none or several)."""
    expect_params(view, params, optional=choices)
    given = [key for key in choices if params.get(key)]
    if len(given) != 1:
        raise ValueError(_("view '{view}' needs exactly one of {keys}", view=view,
                           keys=", ".join(f"{k}=ID" for k in choices)))
    return given[0]


def indicator_table(indicators: Iterable[Indicator], caption: str = "") -> str:
    """A compact two-column table: each indicator's label (its help as a tooltip) and display."""
    rows = "".join(
        tag("tr", tag("th", esc(i.label), scope="row", title=i.help or None)
            + tag("td", esc(i.display if i.display else i.value), class_="js-indicator-value"),
            class_=f"js-indicator js-indicator-{i.id}")
        for i in indicators)
    return tag("table", (tag("caption", caption) if caption else "") + tag("tbody", rows), class_="js-indicators-table")


@hookimpl(trylast=True)
def journeysite_embed(name: str, params: dict[str, str], page: PageContext) -> str | None:
    if name != "indicators":
        return None
    key = one_of(name, params, ("journey", "persona"))
    computed = page.context.computed
    item = find(key, params, page)
    indicators = computed.journey_indicators if key == "journey" else computed.persona_indicators
    return indicator_table(indicators.get(item.id, ()), page.item_link(key, item.id))
