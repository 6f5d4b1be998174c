"""The emotion curve (courbe émotionnelle): the journey as a chronological frieze.

An inline SVG: x = the touchpoints in order, within labelled stage bands (a
stage that comes back is a band of its own); y = the levels of the scale, best
on top, labelled with the scale's labels. A touchpoint without an emotion is a
gap in the line (a dotted guide), never a zero. Moments of truth (stars) and
ruptures (triangles) sit in a lane above the plot, expectations (bubbles) in a
lane below, each with a tooltip and listed under the chart. A current journey
and its target are drawn together (solid against dashed), their stage bands
aligned, so the improvement shows. Below: a legend, and the data as a table.

Geometry is in SVG units; numbers are written with one decimal, so the same
journey always gives the same bytes.
"""
from __future__ import annotations

from dataclasses import dataclass

from journeysite import hookimpl
from journeysite.defaults.embed import expect_params, find
from journeysite.defaults.matrix import MARKS, Placed, mark_badges, marks_of, placed, runs, touchpoint_href
from journeysite.enumerations import STATE
from journeysite.formatting import signed
from journeysite.i18n import N_, _, ngettext, translate
from journeysite.model import TARGET, Journey, Site
from journeysite.pages import PageContext, View
from journeysite.render.emotion import face_symbols, face_use, slot
from journeysite.render.html import NOT_SEARCHED, esc, tag
from journeysite.render.svg import EXPECTATION, XLINK_NS, fit, icon, line_sample, mark, num

EMBEDDABLE = ("curve",)
ORDER = 30

STEP, MAX_STEP = 64, 160   # width of one touchpoint slot: at least, and at most (short journeys)
FULL_WIDTH = 720           # a short journey's slots widen to fill about this width
LEFT, RIGHT = 128, 16      # room for the level labels and faces; right margin
LABEL_Y = 17               # stage labels
MARK_Y = 38                # lane of moment-of-truth and rupture marks
PLOT_TOP, ROW = 62, 34     # first level line, distance between levels
FACE = 18                  # size of a point's face
AXIS_FACE = "0.889"        # the scale's faces, beside its labels: 16 units
TARGET_DASH = "7 5"
LABEL_CHAR = 7.2           # about the width of a bold 12-unit character, for stage names
SQUEEZE = 1.5              # a stage name is condensed up to this factor before it is cut
# Columns of the data table under the chart.
HEADERS = {"position": N_("No."), "stage": N_("Stage"), "step": N_("Step"), "channel": N_("Channel"),
           "action": N_("Action"), "emotion": N_("Emotion"), "score": N_("Score"), "marks": N_("Marks"),
           "expectations": N_("Expectations")}


@dataclass(frozen=True)
class Band:
    """A run of consecutive touchpoints in one stage; ``cards`` per curve (current first)."""

    stage: str
    start: int
    slots: int
    cards: tuple[tuple[Placed, ...], ...]


def align(curves: list[Journey]) -> list[Band]:
    """Stage bands shared by one or two journeys: their runs matched by stage (longest common
    subsequence), each band as wide as its longer run; unmatched runs get a band of their own."""
    a = runs(curves[0])
    b = runs(curves[1]) if len(curves) > 1 else []
    n, m = len(a), len(b)
    common = [[0] * (m + 1) for _row in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            common[i][j] = common[i + 1][j + 1] + 1 if a[i][0] == b[j][0] else max(common[i + 1][j], common[i][j + 1])
    merged: list[tuple[str, list[Placed], list[Placed]]] = []
    i = j = 0
    while i < n or j < m:
        if i < n and j < m and a[i][0] == b[j][0]:
            merged.append((a[i][0], a[i][1], b[j][1]))
            i, j = i + 1, j + 1
        elif j >= m or (i < n and common[i + 1][j] >= common[i][j + 1]):
            merged.append((a[i][0], a[i][1], []))
            i += 1
        else:
            merged.append((b[j][0], [], b[j][1]))
            j += 1
    bands, start = [], 0
    for stage, first, second in merged:
        slots = max(len(first), len(second))
        bands.append(Band(stage, start, slots, (tuple(first), tuple(second))[: len(curves)]))
        start += slots
    return bands


def counterpart(journey: Journey, site: Site) -> Journey | None:
    """The journey to overlay: the target a current journey names, or the current journey
    (first by id) that names this target."""
    if journey.state != TARGET:
        target = site.journeys.get(journey.target or "")
        return target if target is not None and target.state == TARGET and target.id != journey.id else None
    return next((j for j in site.journeys_targeting(journey.id) if j.state != TARGET), None)


def band_label(label: str, cx: float, room: float) -> str:
    """A stage's name centred on ``cx`` within ``room`` units: condensed when it is a little too long
    (up to a third narrower), cut with an ellipsis beyond; the whole name as a tooltip then."""
    shown = fit(label, room * SQUEEZE, LABEL_CHAR)
    squeeze = (f' textLength="{num(room)}" lengthAdjust="spacingAndGlyphs"'
               if len(shown) * LABEL_CHAR > room else "")
    tooltip = tag("title", esc(label)) if shown != label or squeeze else ""
    return (f'<text class="js-curve-stage" x="{num(cx)}" y="{LABEL_Y}" text-anchor="middle" font-weight="bold"'
            f'{squeeze}>{esc(shown)}{tooltip}</text>')


class Curve:
    """Layout and drawing of the curve of ``journey`` (overlaid with its counterpart, if any)."""

    def __init__(self, journey: Journey, page: PageContext, html_id: str = "") -> None:
        self.page = page
        self.site: Site = page.context.site
        self.journey = journey
        other = counterpart(journey, self.site)
        self.curves = [journey] if other is None else sorted([journey, other], key=lambda j: j.state == TARGET)
        self.bands = align(self.curves)
        self.slots = sum(b.slots for b in self.bands)
        self.ranks = self.site.referential.emotion_ranks  # each level's row, best on top
        self.levels = sorted(self.site.referential.emotions, key=lambda e: self.ranks[e.id])
        self.plot_bottom = PLOT_TOP + max(len(self.levels) - 1, 1) * ROW
        self.step = min(MAX_STEP, max(STEP, (FULL_WIDTH - LEFT - RIGHT) // max(self.slots, 1)))
        self.width = LEFT + max(self.slots, 1) * self.step + RIGHT
        self.height = self.plot_bottom + 58
        self.id = html_id or f"js-curve-{journey.id}"
        self.x: dict[tuple[str, str], float] = {}
        self.band_of: dict[tuple[str, str], int] = {}
        for number, band in enumerate(self.bands):
            for cards in band.cards:
                for k, p in enumerate(cards):  # spread evenly over the band
                    slot = band.start + (k + 0.5) * band.slots / len(cards)
                    self.x[(p.journey.id, p.touchpoint.id)] = LEFT + slot * self.step
                    self.band_of[(p.journey.id, p.touchpoint.id)] = number

    # -- helpers ---------------------------------------------------------------------------
    def y(self, p: Placed) -> float | None:
        rank = self.ranks.get(p.touchpoint.emotion or "")
        return None if rank is None else self.level_y(rank)

    def level_y(self, rank: int) -> float:
        return PLOT_TOP + (rank * ROW if len(self.levels) > 1 else ROW / 2)

    def bridges(self, journey: Journey, before: Placed, after: Placed) -> bool:
        """Whether the line of ``journey`` from ``before`` to ``after`` crosses a band where that journey
        has no touchpoint (a stage only the other curve lives)."""
        curve = self.curves.index(journey)
        first = self.band_of[(journey.id, before.touchpoint.id)]
        last = self.band_of[(journey.id, after.touchpoint.id)]
        return any(not self.bands[b].cards[curve] for b in range(first + 1, last))

    def role(self, journey: Journey) -> str:
        return "target" if journey.state == TARGET and len(self.curves) > 1 else "current"

    def name(self, journey: Journey) -> str:
        """How a curve is called in tooltips and tables: its state and title when two are drawn."""
        if len(self.curves) == 1:
            return journey.title
        return _("{state}: {title}", state=STATE.label(journey.state), title=journey.title)

    def point_text(self, p: Placed) -> str:
        level = self.site.referential.emotion(p.touchpoint.emotion)
        feeling = level.label if level else _("Emotion not given")
        text = _("{position}. {action} — {emotion}", position=p.position, action=p.touchpoint.action, emotion=feeling)
        if len(self.curves) > 1:
            return _("{state}: {title}", state=STATE.label(p.journey.state), title=text)
        return text

    # -- drawing -----------------------------------------------------------------------------
    def svg(self) -> str:
        others = [j for j in self.curves if j is not self.journey]
        if others:
            title = _("Emotion curve: {title} (compared with {other})", title=self.journey.title, other=others[0].title)
        else:
            title = _("Emotion curve: {title}", title=self.journey.title)
        felt = sum(1 for p in placed(self.journey) if self.y(p) is not None)
        desc = ngettext("{count} touchpoint, {felt} of them with an emotion; the others are gaps in the curve.",
                        "{count} touchpoints, {felt} of them with an emotion; the others are gaps in the curve.",
                        len(self.journey.touchpoints), felt=felt)
        faces = {slot(level, self.site.referential) for level in self.levels}
        parts = [tag("title", esc(title), id=f"{self.id}-title"), tag("desc", esc(desc), id=f"{self.id}-desc"),
                 face_symbols(self.id, faces, FACE), self.draw_bands(), self.draw_levels()]
        for journey in sorted(self.curves, key=lambda j: j is self.journey):  # the page's journey on top
            parts.append(self.draw_curve(journey))
        parts += [self.draw_marks(), self.draw_positions(), self.draw_expectations()]
        min_width, max_width = round(self.width * 0.9), round(self.width * 1.25)  # text never below 11px
        # Out of the search index: its text is the page's touchpoints again (no <svg> inside it).
        return (f'<svg class="js-curve-svg" {XLINK_NS} data-search-exclude="" role="img" aria-labelledby="{self.id}-title" '
                f'aria-describedby="{self.id}-desc" viewBox="0 0 {self.width} {self.height}" width="100%" '
                f'preserveAspectRatio="xMinYMin meet" font-size="12" fill="currentColor" '
                f'style="min-width:{min_width}px;max-width:{max_width}px">{"".join(parts)}</svg>')

    def draw_bands(self) -> str:
        out = []
        bottom = self.plot_bottom + 30
        for n, band in enumerate(self.bands):
            x, width = LEFT + band.start * self.step, band.slots * self.step
            out.append(f'<rect class="js-curve-band js-curve-band-{n % 2}" x="{num(x)}" y="0" width="{num(width)}" '
                       f'height="{num(bottom)}" fill="currentColor" fill-opacity="{"0.07" if n % 2 == 0 else "0.03"}"/>')
            out.append(band_label(self.site.referential.stage_label(band.stage), x + width / 2, width - 6))
            if n:
                out.append(f'<line x1="{num(x)}" y1="0" x2="{num(x)}" y2="{num(bottom)}" stroke="currentColor" '
                           f'stroke-opacity="0.35" stroke-dasharray="2 3"/>')
        return tag("g", "".join(out), class_="js-curve-bands")

    def draw_levels(self) -> str:
        out = []
        right = LEFT + max(self.slots, 1) * self.step
        for rank, level in enumerate(self.levels):
            y = self.level_y(rank)
            label = fit(level.label, LEFT - 34)
            out.append(f'<line x1="{LEFT}" y1="{num(y)}" x2="{right}" y2="{num(y)}" stroke="currentColor" '
                       f'stroke-opacity="0.18"/>')
            full = tag("title", esc(level.label)) if label != level.label else ""
            out.append(f'<text class="js-curve-level" x="{LEFT - 28}" y="{num(y)}" dy="0.35em" '
                       f'text-anchor="end">{esc(label)}{full}</text>')
            out.append(face_use(self.id, slot(level, self.site.referential), str(LEFT - 16), num(y), AXIS_FACE))
        return tag("g", "".join(out), class_="js-curve-levels")

    def draw_curve(self, journey: Journey) -> str:
        role = self.role(journey)
        dash = f' stroke-dasharray="{TARGET_DASH}"' if role == "target" else ""
        stroke = "#1f78b4" if role == "target" else "currentColor"
        lines, bridges, segment = [], [], []
        points = []
        last: Placed | None = None  # the previous point of the segment being drawn
        referential = self.site.referential
        for p in placed(journey):
            x, y = self.x[(journey.id, p.touchpoint.id)], self.y(p)
            if y is None:  # a gap: the line stops here, and starts again after
                if len(segment) > 1:
                    lines.append(segment)
                segment, last = [], None
                continue
            if last is not None and self.bridges(journey, last, p):  # faint over the other curve's stages
                if len(segment) > 1:
                    lines.append(segment)
                bridges.append([segment[-1], (x, y)])
                segment = []
            segment.append((x, y))
            last = p
            # a ring's paint is journeymap.css's (.js-curve-ring, and the target's stroke)
            ring = (f'<circle cx="{num(x)}" cy="{num(y)}" r="{num(FACE / 2 + 3)}" class="js-curve-ring js-curve-{role}"/>'
                    if role == "target" else "")
            level = referential.emotion(p.touchpoint.emotion)
            points.append(f'<g class="js-pt js-pt-{role}" data-tp="{esc(p.touchpoint.id)}">'
                          f'{tag("title", esc(self.point_text(p)))}{ring}'
                          f'{face_use(self.id, slot(level, referential), num(x), num(y))}'
                          f'</g>')
        if len(segment) > 1:
            lines.append(segment)
        polylines = "".join(
            f'<polyline class="js-curve-line js-curve-{role}" points="{" ".join(f"{num(x)},{num(y)}" for x, y in seg)}" '
            f'fill="none" stroke="{stroke}" stroke-width="2.5" stroke-linejoin="round"{dash}/>' for seg in lines)
        polylines += "".join(
            f'<polyline class="js-curve-bridge js-curve-{role}" points="{" ".join(f"{num(x)},{num(y)}" for x, y in seg)}" '
            f'fill="none" stroke="{stroke}" stroke-width="1.5" stroke-opacity="0.35" stroke-dasharray="2 4"/>'
            for seg in bridges)
        return tag("g", polylines + "".join(points), class_=f"js-curve-series js-curve-series-{role}",
                   data_journey=journey.id)

    def draw_marks(self) -> str:
        out = []
        for p in placed(self.journey):
            kinds = marks_of(p.touchpoint)
            x = self.x[(self.journey.id, p.touchpoint.id)]
            for n, kind in enumerate(kinds):
                cx = x + (n - (len(kinds) - 1) / 2) * 16
                text = _("{mark}: {position}. {action}", mark=translate(MARKS[kind][0]), position=p.position,
                         action=p.touchpoint.action)
                out.append(tag("g", tag("title", esc(text)) + mark(kind, cx, MARK_Y, 7.5), class_="js-curve-mark"))
        return tag("g", "".join(out), class_="js-curve-marks")

    def draw_positions(self) -> str:
        """Each touchpoint's number under the plot; a dotted guide where its emotion is missing."""
        out = []
        for p in placed(self.journey):
            x = self.x[(self.journey.id, p.touchpoint.id)]
            if self.y(p) is None:
                out.append(tag("g", tag("title", esc(self.point_text(p)))
                               + f'<line x1="{num(x)}" y1="{PLOT_TOP - 8}" x2="{num(x)}" y2="{num(self.plot_bottom + 8)}" '
                                 f'stroke="currentColor" stroke-opacity="0.55" stroke-dasharray="1 4" '
                                 f'stroke-linecap="round" stroke-width="2"/>', class_="js-curve-gap",
                               data_tp=p.touchpoint.id))
            out.append(f'<text class="js-curve-pos" x="{num(x)}" y="{num(self.plot_bottom + 24)}">{p.position}</text>')
        return tag("g", "".join(out), class_="js-curve-positions", text_anchor="middle")

    def draw_expectations(self) -> str:
        out = []
        for p in placed(self.journey):
            if p.touchpoint.expectations:
                x = self.x[(self.journey.id, p.touchpoint.id)]
                text = _("Expectations ({position}): {expectations}", position=p.position,
                         expectations=_("; ").join(p.touchpoint.expectations))
                out.append(tag("g", tag("title", esc(text)) + mark(EXPECTATION, x, self.plot_bottom + 44, 7),
                               class_="js-curve-expectation"))
        return tag("g", "".join(out), class_="js-curve-expectations-lane")

    # -- around the chart --------------------------------------------------------------------
    def legend(self) -> str:
        items = []
        if len(self.curves) > 1:
            for journey in self.curves:
                role = self.role(journey)
                sample = line_sample(f"js-curve-{role}", TARGET_DASH if role == "target" else "",
                                     "#1f78b4" if role == "target" else "currentColor")
                items.append(tag("li", sample + " " + self.page.item_link("journey", journey.id, self.name(journey))))
        touchpoints = self.journey.touchpoints
        carried = {kind for t in touchpoints for kind in marks_of(t)}
        items += [tag("li", icon(kind) + " " + esc(translate(label))) for kind, (label, _abbr) in MARKS.items()
                  if kind in carried]
        if any(t.expectations for t in touchpoints):
            items.append(tag("li", icon(EXPECTATION) + " " + esc(_("Expectations"))))
        if any(self.y(p) is None for p in placed(self.journey)):
            items.append(tag("li", '<svg class="js-icon" viewBox="0 0 10 20" width="0.6em" height="1.2em" '
                                   'aria-hidden="true"><line x1="5" y1="1" x2="5" y2="19" stroke="currentColor" '
                                   'stroke-width="2" stroke-dasharray="1 4" stroke-linecap="round"/></svg> '
                                   + esc(_("Emotion not given"))))
        return tag("ul", "".join(items), class_="js-legend js-curve-legend", aria_label=_("Legend")) if items else ""

    def expectations_list(self) -> str:
        items = [tag("li", tag("a", esc(p.touchpoint.action), href=touchpoint_href(self.page, p.journey.id, p.touchpoint.id))
                     + esc(_(": ") + _("; ").join(p.touchpoint.expectations)), value=str(p.position))
                 for p in placed(self.journey) if p.touchpoint.expectations]
        if not items:
            return ""
        return tag("div", tag("p", esc(_("Expectations")), class_="js-curve-subtitle")
                   + tag("ol", "".join(items)), class_="js-curve-expectations")

    def data_table(self, journey: Journey) -> str:
        referential = self.site.referential
        with_steps = any(t.step for t in journey.touchpoints)
        keys = ("position", "stage") + ("step",) * with_steps + ("channel", "action", "emotion", "score", "marks",
                                                                 "expectations")
        head = "".join(tag("th", esc(translate(HEADERS[k])), scope="col") for k in keys)
        rows = []
        for p in placed(journey):
            t = p.touchpoint
            level = referential.emotion(t.emotion)
            cells = [
                tag("th", str(p.position), scope="row"),
                tag("td", esc(referential.stage_label(t.stage))),
                *([tag("td", esc(t.step))] * with_steps),
                tag("td", esc(referential.channel_label(t.channel))),
                tag("td", tag("a", esc(t.action), href=touchpoint_href(self.page, journey.id, t.id))),
                tag("td", esc(level.label if level else _("Emotion not given")), class_="js-curve-missing" if not level else None),
                tag("td", signed(level.score if level else None)),
                tag("td", mark_badges(t)),
                tag("td", esc(_("; ").join(t.expectations))),
            ]
            rows.append(tag("tr", "".join(cells)))
        return tag("table", tag("caption", esc(self.name(journey))) + tag("thead", tag("tr", head))
                   + tag("tbody", "".join(rows)), class_="js-curve-table")

    def html(self) -> str:
        chart = tag("div", self.svg(), class_="js-curve-scroll", tabindex="0", role="region",
                    aria_label=_("Emotion curve"))
        tables = "".join(self.data_table(j) for j in sorted(self.curves, key=lambda j: j is not self.journey))
        data = tag("details", tag("summary", esc(_("Curve data (table)"))) + tables, class_="js-curve-data",
                   **NOT_SEARCHED)
        return tag("div", chart + self.legend() + self.expectations_list() + data, class_="js-curve")


def curve_html(journey: Journey, page: PageContext, html_id: str = "") -> str:
    """The whole emotion curve view of ``journey``: chart, legend, expectations, data table."""
    return Curve(journey, page, html_id=html_id).html()


@hookimpl(trylast=True)
def journeysite_page_views(page: PageContext) -> list[View]:
    if page.kind == "journey" and page.item is not None and page.item.touchpoints:
        return [View("emotion_curve", curve_html(page.item, page), _("Emotion curve"), ORDER)]
    return []


@hookimpl(trylast=True)
def journeysite_embed(name: str, params: dict[str, str], page: PageContext) -> str | None:
    if name != "curve":
        return None
    expect_params(name, params, required=("journey",))
    journey = find("journey", params, page)
    return curve_html(journey, page, html_id=f"js-curve-{journey.id}-embed")
