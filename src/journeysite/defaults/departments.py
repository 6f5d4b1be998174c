"""Who owns what (FORMAT.md, "Department of a touchpoint"): the departments of a site, and the department
of each chantier (its ``department``), touchpoint (its ``owner``, else the owner of its channel's page)
and channel (its page's ``owner``).

With ``departments`` in mkdocs.yml, the loader has already turned every name it matches into the
department's id; any other name, and every name on a site without the list, is a department of its own,
as written, with an id made from it (``Direction des magasins`` -> ``direction-des-magasins``).
"""
from __future__ import annotations

from journeysite import hookimpl
from journeysite.compute import DepartmentIndex
from journeysite.load import slug
from journeysite.model import Department, Site


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
    for name in sorted(written, key=lambda n: (n.casefold(), n)):
        department_id = unique(slug(name), set(ids.values()))
        ids[name] = department_id
        departments.append(Department(department_id, name))
    return DepartmentIndex(
        departments=tuple(departments),
        of_chantier={k: ids[v] for k, v in sorted(chantiers.items())},
        of_touchpoint={k: ids[v] for k, v in sorted(touchpoints.items())},
        of_channel={k: ids[v] for k, v in sorted(channels.items())},
    )


def unique(wanted: str, taken: set[str]) -> str:
    """``wanted``, or ``wanted-2``, ``wanted-3``… the first not in ``taken``."""
    candidate, number = wanted, 1
    while candidate in taken:
        number += 1
        candidate = f"{wanted}-{number}"
    return candidate
