"""Who owns what (docs/format.md, "Department of a touchpoint"): the departments of a site, and the department
of each chantier (its ``department``), touchpoint (its ``owner``, else the owner of its channel's page)
and channel (its page's ``owner``).

With ``departments`` in mkdocs.yml, the loader has already turned every name it matches into the
department's id; any other name, and every name on a site without the list, is a department of its own,
titled as written, with an id made from it (``Direction des magasins`` -> ``direction-des-magasins``); names
that differ only by accents, case, spaces or dashes (``Relation client``, ``relation-client``) are one
department, titled by the one written as a label.
"""
from __future__ import annotations

from journeysite import hookimpl
from journeysite.compute import DepartmentIndex
from journeysite.load import slug
from journeysite.model import Department, Site
from journeysite.vocabulary import fold


@hookimpl(trylast=True)
def journeysite_departments(site: Site) -> DepartmentIndex:
    chantiers = {c.id: c.department for c in site.chantiers.values() if c.department}
    channels = {c.id: c.owner for c in site.channel_pages.values() if c.owner}
    touchpoints = {f"{j.id}#{t.id}": t.owner or channels.get(t.channel, "")
                   for j in site.journeys.values() for t in j.touchpoints}
    touchpoints = {ref: name for ref, name in touchpoints.items() if name}
    listed = site.referential.departments
    ids = {d.id: d.id for d in listed}
    departments = list(listed)
    written = {*chantiers.values(), *channels.values(), *touchpoints.values()} - set(ids)
    alike: dict[str, list[str]] = {}  # names that differ only by accents, case, spaces or dashes: one department
    for name in written:
        alike.setdefault(fold(name), []).append(name)
    for names in sorted((sorted(group, key=label_first) for group in alike.values()),
                        key=lambda group: (group[0].casefold(), group[0])):
        department_id = unique(slug(names[0]), set(ids.values()))
        ids.update((name, department_id) for name in names)
        departments.append(Department(department_id, names[0]))
    return DepartmentIndex(
        departments=tuple(departments),
        of_chantier={k: ids[v] for k, v in sorted(chantiers.items())},
        of_touchpoint={k: ids[v] for k, v in sorted(touchpoints.items())},
        of_channel={k: ids[v] for k, v in sorted(channels.items())},
    )


def label_first(name: str) -> tuple:
    """How a department's names are ordered to title it: a name written as a label (``Relation client``,
    ``DSI``) before one written as an id (``relation-client``, ``dsi``)."""
    return (name == slug(name), " " not in name, name.casefold(), name)


def unique(wanted: str, taken: set[str]) -> str:
    """``wanted``, or ``wanted-2``, ``wanted-3``… the first not in ``taken``."""
    candidate, number = wanted, 1
    while candidate in taken:
        number += 1
        candidate = f"{wanted}-{number}"
    return candidate
