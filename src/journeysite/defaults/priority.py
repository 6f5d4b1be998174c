"""Priority of a chantier: its weighted arbitration scores on a 0..100 scale (docs/format.md)."""
from __future__ import annotations

from journeysite import hookimpl
from journeysite.model import Chantier, Referential


@hookimpl(trylast=True)
def journeysite_chantier_priority(chantier: Chantier, referential: Referential) -> float | None:
    scored = [(c, chantier.scores[c.id]) for c in referential.criteria if c.id in chantier.scores]
    if not scored:
        return None
    total = sum(c.weight * ((6 - s if c.inverse else s) - 1) for c, s in scored)
    return 100 * total / sum(c.weight * 4 for c, _ in scored)
