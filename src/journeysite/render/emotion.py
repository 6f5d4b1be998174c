"""How an emotion level looks: a colour AND a face, so it reads in greyscale too.

Levels are placed on five visual slots by their rank on the scale (best first),
so a custom scale of 3 or 7 levels still gets sensible colours and faces.
"""
from __future__ import annotations

from ..model import EmotionLevel, Referential
from .html import esc

# slot 0 = best … slot 4 = worst. Colours: a colour-blind-safe diverging palette.
COLOURS = ("#1a9850", "#66bd63", "#9e9e9e", "#f46d43", "#c51b1b")
# Mouth path of a 20x20 face per slot: a big smile … a deep frown.
MOUTHS = ("M5 11.5 Q10 18 15 11.5 Z", "M6 12 Q10 15.5 14 12", "M6.5 13 L13.5 13",
          "M6 14.5 Q10 11 14 14.5", "M5.5 15.5 Q10 10 14.5 15.5")
BROWS = ("", "", "", "", "M5 6.5 L8.5 8 M15 6.5 L11.5 8")


def slot(level: EmotionLevel, referential: Referential) -> int:
    """The visual slot (0 best .. 4 worst) of ``level`` on its scale."""
    ranked = sorted(referential.emotions, key=lambda e: -e.score)
    if len(ranked) <= 1:
        return 2
    position = ranked.index(level)
    return round(position * 4 / (len(ranked) - 1))


def colour(level: EmotionLevel, referential: Referential) -> str:
    return COLOURS[slot(level, referential)]


def face(level: EmotionLevel | None, referential: Referential, size: str = "1.25em") -> str:
    """An inline SVG face for ``level`` (a dashed empty circle when there is none); decorative."""
    if level is None:
        return (f'<svg class="js-face js-face-none" viewBox="0 0 20 20" width="{size}" height="{size}" aria-hidden="true">'
                '<circle cx="10" cy="10" r="8.5" fill="none" stroke="currentColor" stroke-dasharray="2 2"/></svg>')
    n = slot(level, referential)
    mouth_fill = "currentColor" if n == 0 else "none"
    brows = f'<path d="{BROWS[n]}" stroke="#222" stroke-width="1.4"/>' if BROWS[n] else ""
    return (f'<svg class="js-face js-emo-{n}" viewBox="0 0 20 20" width="{size}" height="{size}" aria-hidden="true">'
            f'<circle cx="10" cy="10" r="9" fill="{COLOURS[n]}"/>'
            f'<circle cx="7" cy="8.5" r="1.3" fill="#222"/><circle cx="13" cy="8.5" r="1.3" fill="#222"/>{brows}'
            f'<path d="{MOUTHS[n]}" stroke="#222" stroke-width="1.5" fill="{mouth_fill}" stroke-linecap="round" '
            f'style="color:#222"/></svg>')


def badge(level: EmotionLevel | None, referential: Referential, missing_label: str) -> str:
    """Face and label of a level, e.g. in a list or a card (``missing_label`` when there is none)."""
    if level is None:
        return f'<span class="js-emotion js-emotion-none">{face(None, referential)} {esc(missing_label)}</span>'
    n = slot(level, referential)
    return (f'<span class="js-emotion js-emo-{n}" data-score="{esc(level.score)}">'
            f'{face(level, referential)} {esc(level.label)}</span>')
