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
from journeysite.model import Journey, Persona
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
            takes = ", ".join(known) if known else "no parameter"
            raise ValueError(f"view '{view}' has no parameter '{key}'{did_you_mean(key, known)} (it takes: {takes})")
    for key in required:
        if not params.get(key):
            raise ValueError(f"view '{view}' needs {key}=ID, e.g. '::: journeysite {view} {key}=...'")


def find_journey(params: Mapping[str, str], page: PageContext, key: str = "journey") -> Journey:
    """The journey named by ``params[key]``; ValueError naming the closest id when there is none."""
    journeys = page.context.site.journeys
    journey_id = params[key]
    if journey_id not in journeys:
        raise ValueError(f"journey '{journey_id}' not found{did_you_mean(journey_id, sorted(journeys))}")
    return journeys[journey_id]


def find_persona(params: Mapping[str, str], page: PageContext, key: str = "persona") -> Persona:
    """The persona named by ``params[key]``; ValueError naming the closest id when there is none."""
    personas = page.context.site.personas
    persona_id = params[key]
    if persona_id not in personas:
        raise ValueError(f"persona '{persona_id}' not found{did_you_mean(persona_id, sorted(personas))}")
    return personas[persona_id]


def positive_int(view: str, params: Mapping[str, str], key: str) -> int | None:
    """``params[key]`` as a whole number above 0 (None when absent); ValueError otherwise."""
    raw = params.get(key)
    if raw is None:
        return None
    if not raw.isdigit() or int(raw) < 1:
        raise ValueError(f"view '{view}': {key}={raw!r} must be a whole number above 0, e.g. {key}=10")
    return int(raw)


def one_of(view: str, params: Mapping[str, str], choices: tuple[str, ...]) -> str:
    """The single key of ``choices`` that ``params`` gives (ValueError when none or several)."""
    expect_params(view, params, optional=choices)
    given = [key for key in choices if params.get(key)]
    if len(given) != 1:
        raise ValueError(f"view '{view}' needs exactly one of " + ", ".join(f"{k}=ID" for k in choices))
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
    if key == "journey":
        journey = find_journey(params, page)
        return indicator_table(computed.journey_indicators.get(journey.id, ()),
                               page.item_link("journey", journey.id))
    persona = find_persona(params, page)
    return indicator_table(computed.persona_indicators.get(persona.id, ()), page.item_link("persona", persona.id))
