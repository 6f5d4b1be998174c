"""The arbitration chart (matrice d'arbitrage): every scored chantier placed by value against effort.

An inline SVG on the chantiers index (and ``::: journeysite arbitration``, ``department=ID`` for one
department's chantiers): effort (the mean of the inverse criteria, docs/format.md) across, value (the mean of
the others) up, both 1 to 5, cut at 3 into the four quadrants, named: quick wins (high value, low effort,
top left), major projects, fill-ins, thankless tasks. A chantier is drawn only when it has a quadrant
(the ``journeysite_chantier_quadrant`` hook) and both means; one sitting on a dividing line is drawn a
hair inside its own quadrant. Chantiers at the same spot share one marker (with their number), and each
point's label is its chantiers' numbers and titles, each a link to its page with a tooltip; labels are
placed near their marker, inside its quadrant, where they overlap nothing (with a leader line when they
move away); where none fits, the marker's number says it (a shared marker gets its numbers as a label).
Numbers follow priority; the legend under the chart names every number (screenshots and paper keep
it). A table of the same data follows, the chart's text alternative.

Geometry is in SVG units, written with one decimal: the same site gives the same bytes.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from journeysite import hookimpl
from journeysite.defaults.embed import department_param
from journeysite.defaults.quadrant import value_and_effort
from journeysite.enumerations import QUADRANT, STATUS
from journeysite.formatting import number
from journeysite.i18n import _, ngettext
from journeysite.model import DROPPED, QUADRANTS, Site
from journeysite.pages import PageContext, View
from journeysite.render.html import NOT_SEARCHED, esc, tag
from journeysite.render.svg import XLINK_NS, fit, num, svg_link
from journeysite.render.widgets import (Cell, Column, Row, data_table, num_cell, priority_text, priority_value,
                                        sort_number, status_badge, status_rank)

EMBEDDABLE = ("arbitration",)
CHART_ID = "js-arbitration"
ORDER = 60

WIDTH, HEIGHT = 760, 540
LEFT, TOP, RIGHT, BOTTOM = 62, 14, 14, 58        # margins around the plot
PLOT_W, PLOT_H = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
LOW, HIGH, CUT = 1, 5, 3                         # the scale of scores, and where the quadrants meet
NUDGE = 7                                        # a point on a dividing line moves this far into its quadrant
FONT, LINE, CHAR = 11, 13, 6.2                   # labels: size, line height, mean character width
TITLE_CHARS = 30                                 # a title in a label is cut beyond this
SHORT_CHARS = 16                                 # or, where that does not fit, beyond this
POINT_R, GROUP_R = 8, 10                         # marker radius: one chantier (its number), several (their count)
GAP = 4                                          # between a marker and its label
# Where a label may go around its point, nearest first: (dx, dy) steps of the label's own size.
# (Never below-left or above-left: such a label begins far from its marker, under or over another one.)
DIRECTIONS = ((1, 0), (-1, 0), (0, -1), (0, 1), (1, -1), (1, 1))
RINGS = (0, 1, 2)                                # distances tried, in label heights (0: beside the marker):
                                                 # a label further away is read as another marker's
MAX_TITLED = 60  # beyond this many points, titles cannot fit: labels are numbers (the table gives the titles)
# quadrant -> (corner: left?, top?), title
CORNERS = {"quick_win": (True, True), "major_project": (False, True), "fill_in": (True, False),
           "thankless": (False, False)}


def quadrant_titles() -> dict[str, str]:
    """The names of the quadrants on the chart, in the site's language (plural: they hold chantiers)."""
    return {"quick_win": _("Quick wins"), "major_project": _("Major projects"), "fill_in": _("Fill-ins"),
            "thankless": _("Thankless tasks")}


def quadrant_count(quadrant: str, count: int) -> str:
    """``3 quick wins``, ``1 major project``…"""
    words = {"quick_win": ngettext("{count} quick win", "{count} quick wins", count),
             "major_project": ngettext("{count} major project", "{count} major projects", count),
             "fill_in": ngettext("{count} fill-in", "{count} fill-ins", count),
             "thankless": ngettext("{count} thankless task", "{count} thankless tasks", count)}
    return words[quadrant]


@dataclass(frozen=True)
class Point:
    """A chantier on the chart: its number (by priority), value, effort and quadrant."""

    number: int
    chantier: str
    title: str
    value: float
    effort: float
    quadrant: str
    dropped: bool


@dataclass
class Box:
    x: float
    y: float
    w: float
    h: float

    def overlap(self, other: Box) -> float:
        dx = min(self.x + self.w, other.x + other.w) - max(self.x, other.x)
        dy = min(self.y + self.h, other.y + other.h) - max(self.y, other.y)
        return dx * dy if dx > 0 and dy > 0 else 0.0

    def cut_by(self, a: tuple[float, float], b: tuple[float, float]) -> bool:
        """Whether the segment from ``a`` to ``b`` enters this box (Liang-Barsky clipping), ends excluded."""
        low, high = 1e-6, 1 - 1e-6
        for p, q in ((a[0] - b[0], a[0] - self.x), (b[0] - a[0], self.x + self.w - a[0]),
                     (a[1] - b[1], a[1] - self.y), (b[1] - a[1], self.y + self.h - a[1])):
            if p == 0:
                if q <= 0:
                    return False
                continue
            t = q / p
            if p < 0:
                low = max(low, t)
            else:
                high = min(high, t)
            if low >= high:
                return False
        return True

    def nearest(self, x: float, y: float) -> tuple[float, float]:
        """The point of this box nearest to (x, y): where a leader line from there meets it."""
        return min(max(x, self.x), self.x + self.w), min(max(y, self.y), self.y + self.h)

    def inside(self, outer: Box) -> bool:
        return (self.x >= outer.x and self.y >= outer.y and self.x + self.w <= outer.x + outer.w
                and self.y + self.h <= outer.y + outer.h)


@hookimpl(trylast=True)
def journeysite_page_views(page: PageContext) -> list[View]:
    if page.kind != "chantiers_index" or not page.context.site.chantiers:
        return []
    return [View("arbitration", chart(page), _("Arbitration chart"), ORDER)]


@hookimpl(trylast=True)
def journeysite_embed(name: str, params: dict[str, str], page: PageContext) -> str | None:
    if name != "arbitration":
        return None
    department = department_param(name, params, page)
    return chart(page, department, f"{CHART_ID}-{department}" if department else CHART_ID)


def points(page: PageContext, department: str | None = None) -> tuple[list[Point], list[str]]:
    """(the chantiers drawn, numbered by priority; the ids of those that cannot be: no quadrant or no means)."""
    context = page.context
    site, computed = context.site, context.computed
    drawn, left_out = [], []
    for chantier_id in computed.chantiers_by_priority(site):
        if department is not None and computed.departments.of_chantier.get(chantier_id) != department:
            continue
        chantier = site.chantiers[chantier_id]
        value, effort = value_and_effort(chantier, site.referential)
        quadrant = computed.quadrant.get(chantier_id)
        if value is None or effort is None or quadrant not in QUADRANTS:
            left_out.append(chantier_id)
            continue
        drawn.append(Point(len(drawn) + 1, chantier_id, chantier.title, value, effort, quadrant,
                           chantier.status == DROPPED))
    return drawn, left_out


def position(point: Point) -> tuple[float, float]:
    """The point's place in SVG units: its scores on the axes, moved into its quadrant when on a line."""
    x = LEFT + (point.effort - LOW) / (HIGH - LOW) * PLOT_W
    y = TOP + (HIGH - point.value) / (HIGH - LOW) * PLOT_H
    left, top = CORNERS[point.quadrant]
    if point.effort == CUT:
        x += -NUDGE if left else NUDGE
    if point.value == CUT:
        y += -NUDGE if top else NUDGE
    return x, y


def chart(page: PageContext, department: str | None = None, html_id: str = CHART_ID) -> str:
    drawn, left_out = points(page, department)
    parts = []
    if drawn:
        parts.append(tag("div", svg(page, drawn, html_id), class_="js-arbitration-scroll", tabindex="0",
                         role="region", aria_label=_("Arbitration chart")))
    else:
        parts.append(tag("p", esc(_("No workstream has the scores the chart needs yet.")), class_="js-empty"))
    if left_out:
        links = ", ".join(page.item_link("chantier", c) for c in left_out)
        parts.append(tag("p", esc(_("Not on the chart, for want of both value and effort scores:")) + " " + links,
                         class_="js-arbitration-missing"))
    if drawn:
        parts.append(legend(page, drawn))
        parts.append(data(page, drawn))
    return tag("div", "".join(parts), class_="js-arbitration", id=html_id)


def legend(page: PageContext, drawn: Sequence[Point]) -> str:
    """Every number of the chart with its chantier's title, a link to its page."""
    items = "".join(tag("li", page.item_link("chantier", p.chantier), value=str(p.number),
                        class_="js-arb-dropped" if p.dropped else None) for p in drawn)
    return tag("ol", items, class_="js-arb-legend", aria_label=_("Chart legend"))


# -- the drawing ------------------------------------------------------------------------------------

def svg(page: PageContext, drawn: Sequence[Point], html_id: str) -> str:
    site = page.context.site
    titles = quadrant_titles()
    counts = {q: sum(1 for p in drawn if p.quadrant == q) for q in QUADRANTS}
    summary = ", ".join(quadrant_count(q, counts[q]) for q in QUADRANTS)
    desc = ngettext("{count} workstream placed by value and effort: {summary}. The table below gives the same data.",
                    "{count} workstreams placed by value and effort: {summary}. The table below gives the same data.",
                    len(drawn), summary=summary)
    groups: dict[tuple[float, float], list[Point]] = {}
    for point in drawn:
        groups.setdefault(position(point), []).append(point)
    body = [tag("title", esc(_("Arbitration chart: value and effort of the workstreams")), id=f"{html_id}-title"),
            tag("desc", esc(desc), id=f"{html_id}-desc"), backdrop(counts, titles), axes(site)]
    body.append(Labeller(page, groups, counts, titles).draw())
    min_width, max_width = round(WIDTH * 0.92), round(WIDTH * 1.3)  # labels never below 10px
    return (f'<svg class="js-arbitration-svg" {XLINK_NS} data-search-exclude="" '
            f'aria-labelledby="{html_id}-title" '
            f'aria-describedby="{html_id}-desc" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" '
            f'preserveAspectRatio="xMinYMin meet" font-size="{FONT}" fill="currentColor" '
            f'style="min-width:{min_width}px;max-width:{max_width}px">{"".join(body)}</svg>')


def wrap(text: str, width: int) -> list[str]:
    """``text`` on at most two lines of about ``width`` characters (the second cut with an ellipsis)."""
    words, lines = text.split(), [""]
    for word in words:
        if lines[-1] and len(lines[-1]) + 1 + len(word) > width:
            if len(lines) == 2:
                break
            lines.append("")
        lines[-1] = f"{lines[-1]} {word}".strip()
    consumed = " ".join(lines)
    if len(consumed) < len(" ".join(words)):
        lines[-1] = fit(lines[-1] + " …", width * CHAR, CHAR)
    return [fit(line, width * CHAR, CHAR) for line in lines]


def inset(box: Box, margin: float) -> Box:
    return Box(box.x + margin, box.y + margin, box.w - 2 * margin, box.h - 2 * margin)


def quadrant_box(quadrant: str) -> Box:
    left, top = CORNERS[quadrant]
    mid_x, mid_y = LEFT + PLOT_W / 2, TOP + PLOT_H / 2
    return Box(LEFT if left else mid_x, TOP if top else mid_y, PLOT_W / 2, PLOT_H / 2)


def title_box(quadrant: str, titles: dict[str, str], counts: dict[str, int]) -> Box:
    """Where a quadrant's name is written: in its outer corner."""
    text = f"{titles[quadrant]} ({counts[quadrant]})"
    width, height = len(text) * 7.4, 16
    area = quadrant_box(quadrant)
    left, top = CORNERS[quadrant]
    x = area.x + 8 if left else area.x + area.w - 8 - width
    y = area.y + 6 if top else area.y + area.h - 6 - height
    return Box(x, y, width, height)


def backdrop(counts: dict[str, int], titles: dict[str, str]) -> str:
    out = []
    for quadrant in QUADRANTS:
        area = quadrant_box(quadrant)
        out.append(f'<rect class="js-arb-quadrant js-arb-{quadrant}" x="{num(area.x)}" y="{num(area.y)}" '
                   f'width="{num(area.w)}" height="{num(area.h)}"/>')
        box = title_box(quadrant, titles, counts)
        out.append(f'<text class="js-arb-quadrant-title" x="{num(box.x)}" y="{num(box.y + 12)}" font-size="13" '
                   f'font-weight="bold">{esc(titles[quadrant])} ({counts[quadrant]})</text>')
    return tag("g", "".join(out), class_="js-arb-backdrop")


def axes(site: Site) -> str:
    criteria = site.referential.criteria
    value_names = ", ".join(c.label for c in criteria if not c.inverse)
    effort_names = ", ".join(c.label for c in criteria if c.inverse)
    out = []
    for score in range(LOW, HIGH + 1):
        x = LEFT + (score - LOW) / (HIGH - LOW) * PLOT_W
        y = TOP + (HIGH - score) / (HIGH - LOW) * PLOT_H
        out.append(f'<text x="{num(x)}" y="{num(TOP + PLOT_H + 15)}" text-anchor="middle">{score}</text>')
        out.append(f'<text x="{num(LEFT - 8)}" y="{num(y + 4)}" text-anchor="end">{score}</text>')
    mid_x, mid_y = LEFT + PLOT_W / 2, TOP + PLOT_H / 2
    out.append(f'<path class="js-arb-cut" d="M{num(mid_x)} {TOP} V{TOP + PLOT_H} M{LEFT} {num(mid_y)} H{LEFT + PLOT_W}" '
               f'fill="none" stroke="currentColor" stroke-opacity="0.45" stroke-dasharray="5 4"/>')
    out.append(f'<rect x="{LEFT}" y="{TOP}" width="{PLOT_W}" height="{PLOT_H}" fill="none" stroke="currentColor" '
               f'stroke-opacity="0.35"/>')
    effort = fit(_("Effort ({criteria}) \u2192", criteria=effort_names), PLOT_W, CHAR)
    value = fit(_("Value ({criteria}) \u2192", criteria=value_names), PLOT_H, CHAR)
    out.append(f'<text class="js-arb-axis" x="{num(LEFT + PLOT_W / 2)}" y="{HEIGHT - 14}" text-anchor="middle" '
               f'font-weight="bold">{esc(effort)}</text>')
    out.append(f'<text class="js-arb-axis" x="0" y="0" transform="translate(16 {num(TOP + PLOT_H / 2)}) rotate(-90)" '
               f'text-anchor="middle" font-weight="bold">{esc(value)}</text>')
    return tag("g", "".join(out), class_="js-arb-axes")


class Labeller:
    """Markers and their labels, each label put where it overlaps no other label, marker or quadrant name."""

    def __init__(self, page: PageContext, groups: dict[tuple[float, float], list[Point]],
                 counts: dict[str, int], titles: dict[str, str]) -> None:
        self.page = page
        self.groups = groups
        self.areas = {q: inset(quadrant_box(q), 2) for q in QUADRANTS}
        self.taken = [title_box(q, titles, counts) for q in QUADRANTS]
        self.taken += [self.marker_box(xy, members) for xy, members in groups.items()]

    @staticmethod
    def radius(members: Sequence[Point]) -> float:
        return GROUP_R if len(members) > 1 else POINT_R

    def marker_box(self, xy: tuple[float, float], members: Sequence[Point]) -> Box:
        r = self.radius(members) + 1
        return Box(xy[0] - r, xy[1] - r, 2 * r, 2 * r)

    def draw(self) -> str:
        markers, labels = [], []
        # crowded places first (they have the fewest free spots), then top to bottom, left to right
        order = sorted(self.groups.items(), key=lambda item: (-len(item[1]), item[0][1], item[0][0]))
        for xy, members in order:
            markers.append(self.marker(xy, members))
            labels.append(self.label(xy, members))
        return tag("g", "".join(labels), class_="js-arb-labels") + tag("g", "".join(markers), class_="js-arb-points")

    def tooltip(self, point: Point) -> str:
        context = self.page.context
        priority = context.computed.priority.get(point.chantier)
        return _("{number}. {title}: {quadrant}; value {value}, effort {effort}; priority {priority}; {status}",
                 number=point.number, title=point.title, quadrant=QUADRANT.label(point.quadrant),
                 value=number(point.value, decimals=1), effort=number(point.effort, decimals=1),
                 priority=priority_text(priority),
                 status=STATUS.label(context.site.chantiers[point.chantier].status))

    def href(self, point: Point) -> str:
        return self.page.item_href("chantier", point.chantier) or ""

    def marker(self, xy: tuple[float, float], members: Sequence[Point]) -> str:
        x, y = num(xy[0]), num(xy[1])
        classes = "js-arb-point" + (" js-arb-dropped" if all(p.dropped for p in members) else "")
        inside = (f'<text class="js-arb-count" x="{x}" y="{num(xy[1] + 3.5)}" text-anchor="middle" font-size="10" '
                  f'font-weight="bold">{{}}</text>')
        if len(members) == 1:
            point = members[0]
            tip = esc(self.tooltip(point))
            circle = (f'<circle class="{classes}" cx="{x}" cy="{y}" r="{POINT_R}"/>{inside.format(point.number)}'
                      f'<title>{tip}</title>')
            return svg_link(self.href(point), circle, class_="js-arb-marker", aria_label=self.tooltip(point),
                            data_chantiers=point.chantier)
        tip = "&#10;".join(esc(self.tooltip(p)) for p in members)  # a line each, the source on one line
        return (f'<g class="js-arb-group" data-chantiers="{esc(" ".join(p.chantier for p in members))}"><circle class="{classes}" cx="{x}" cy="{y}" r="{GROUP_R}" '
                f'stroke-width="3"/>{inside.format("×" + str(len(members)))}<title>{tip}</title></g>')

    def label(self, xy: tuple[float, float], members: Sequence[Point]) -> str:
        one_line = [(p, f"{p.number}. {fit(p.title, TITLE_CHARS * CHAR, CHAR)}") for p in members]
        two_lines = [(p, line) for p in members for line in wrap(f"{p.number}. {p.title}", TITLE_CHARS // 2 + 2)]
        short = [(p, f"{p.number}. {fit(p.title, SHORT_CHARS * CHAR, CHAR)}") for p in members]
        tries = (one_line, two_lines, short) if len(self.groups) <= MAX_TITLED else ()
        if len(members) > 1:  # a shared marker shows a count: its numbers are a label of their own
            tries += (None,)
        for lines in tries:  # titles on a line, on two, else the numbers alone
            texts = [text for _point, text in lines] if lines else [", ".join(str(p.number) for p in members)]
            box, leader = self.place(xy, members, texts, give_up=lines is None)
            if box is not None:
                self.taken.append(box)
                return self.write(box, leader, xy, members, lines)
        return ""  # a single marker's number names it (the legend gives its title)

    def size(self, texts: Sequence[str]) -> tuple[float, float]:
        return max(len(t) for t in texts) * CHAR + 4, len(texts) * LINE + 2

    def place(self, xy: tuple[float, float], members: Sequence[Point], texts: Sequence[str],
              give_up: bool) -> tuple[Box | None, bool]:
        """A free box for ``texts`` near ``xy`` (and whether it needs a leader line); with ``give_up``,
        the box that overlaps least when none is free."""
        w, h = self.size(texts)
        r = self.radius(members) + GAP
        best: tuple[float, Box, bool] | None = None
        for ring in RINGS:
            for dx, dy in DIRECTIONS:
                x = xy[0] + (r + ring * h) * dx + (0 if dx > 0 else -w if dx < 0 else -w / 2)
                y = xy[1] + (r + ring * h) * dy + (-h / 2 if dy == 0 else 0 if dy > 0 else -h)
                box = Box(x, y, w, h)
                if not box.inside(self.areas[members[0].quadrant]):
                    continue
                overlap = sum(box.overlap(other) for other in self.taken)
                if ring and self.crosses(xy, box, r):
                    overlap += w * h  # a leader line across another label or marker misleads
                if self.closer_to_another(xy, box):
                    overlap += w * h / 2  # a label is read as the nearest marker's, leader line or not
                if overlap == 0:
                    return box, ring > 0
                if best is None or overlap < best[0]:
                    best = (overlap, box, ring > 0)
        if give_up and best is not None:
            return best[1], best[2]
        if give_up:  # nowhere inside the chart: beside the point anyway
            return Box(xy[0] + r, xy[1] - h / 2, w, h), False
        return None, False

    def closer_to_another(self, xy: tuple[float, float], box: Box) -> bool:
        """Whether another marker is nearer to ``box`` than its own marker at ``xy``, or, for a label that does
        not end at its marker, nearer to where it begins (its number, where a reader starts)."""
        def distance(point: tuple[float, float], to: tuple[float, float]) -> float:
            return ((to[0] - point[0]) ** 2 + (to[1] - point[1]) ** 2) ** 0.5

        others = [other for other in self.groups if other != xy]
        if any(distance(other, box.nearest(*other)) < distance(xy, box.nearest(*xy)) for other in others):
            return True
        if box.x + box.w <= xy[0]:  # a label on the left reads towards its marker
            return False
        head = (box.x, box.y + box.h / 2)
        return any(distance(other, head) < distance(xy, head) for other in others)

    def crosses(self, xy: tuple[float, float], box: Box, r: float) -> bool:
        """Whether the leader line from the marker at ``xy`` (beyond its radius ``r``) to ``box`` passes over
        something taken."""
        tx, ty = box.nearest(*xy)
        dx, dy = tx - xy[0], ty - xy[1]
        length = (dx * dx + dy * dy) ** 0.5
        if length <= r:
            return False
        start = (xy[0] + dx * r / length, xy[1] + dy * r / length)
        return any(other.cut_by(start, (tx, ty)) for other in self.taken)

    def write(self, box: Box, leader: bool, xy: tuple[float, float], members: Sequence[Point],
              lines: Sequence[tuple[Point, str]] | None) -> str:
        out = []
        if leader:
            tx, ty = box.nearest(*xy)
            out.append(f'<line class="js-arb-leader" x1="{num(xy[0])}" y1="{num(xy[1])}" x2="{num(tx)}" '
                       f'y2="{num(ty)}" stroke="currentColor" stroke-opacity="0.5"/>')
        if lines is not None:
            for n, (point, text) in enumerate(lines):
                y = box.y + (n + 1) * LINE - 2
                label = (f'<text x="{num(box.x + 2)}" y="{num(y)}">{esc(text)}'
                         f'<title>{esc(self.tooltip(point))}</title></text>')
                out.append(svg_link(self.href(point), label, class_="js-arb-label"
                                    + (" js-arb-dropped" if point.dropped else "")))
        else:
            x = box.x + 2
            for n, point in enumerate(members):
                text = str(point.number) + (", " if n < len(members) - 1 else "")
                label = (f'<text x="{num(x)}" y="{num(box.y + LINE - 2)}">{esc(text)}'
                         f'<title>{esc(self.tooltip(point))}</title></text>')
                out.append(svg_link(self.href(point), label, class_="js-arb-label"))
                x += len(text) * CHAR
        return "".join(out)


# -- the text alternative ----------------------------------------------------------------------------

def data(page: PageContext, drawn: Iterable[Point]) -> str:
    context = page.context
    site = context.site
    columns = [Column(_("No."), numeric=True, sorted="ascending"), Column(_("Workstream"), main=True),
               Column(_("Value"), numeric=True), Column(_("Effort"), numeric=True), Column(_("Quadrant")),
               Column(_("Priority"), numeric=True), Column(_("Status"))]
    rows = []
    for point in drawn:
        status = site.chantiers[point.chantier].status
        priority = context.computed.priority.get(point.chantier)
        rows.append(Row([num_cell(point.number), page.item_link("chantier", point.chantier),
                         num_cell(point.value, number(point.value, decimals=1)),
                         num_cell(point.effort, number(point.effort, decimals=1)),
                         Cell(esc(QUADRANT.label(point.quadrant)), str(QUADRANTS.index(point.quadrant))),
                         Cell(esc(priority_text(priority)), sort_number(priority_value(priority))),
                         Cell(status_badge(status), str(status_rank(status)))],
                        "js-row-muted" if point.dropped else None))
    table = data_table(columns, rows, searched=False)
    return tag("details", tag("summary", esc(_("Chart data (table)"))) + table, class_="js-arbitration-data",
               **NOT_SEARCHED)
