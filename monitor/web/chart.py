"""The evidence chart of a claim page: a small SVG drawn on the server, no script.

For each stance a step line counts its evidence over time; the dots on it say from which source
tier the evidence came (filled and large: official; filled: trusted; hollow: other). Points are
grouped into at most ``BUCKETS`` time slots, so a claim with 100,000 pieces of evidence draws no
more elements than one with a hundred.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from markupsafe import Markup, escape

WIDTH, HEIGHT = 720, 240
LEFT, RIGHT, TOP, BOTTOM = 44, 130, 14, 30
BUCKETS = 120
STANCES = ("confirms", "denies", "reports")
TIERS = ("official", "trusted", "other")
COLOURS = {"confirms": "#1a7f37", "denies": "#cf222e", "reports": "#6e7781"}
RADIUS = {"official": 5.0, "trusted": 3.5, "other": 3.0}


def evidence_chart(points: Sequence[tuple[datetime, str, str]], title: str = "") -> Markup:
    """``points``: (when, stance, tier), oldest first. An empty list draws an empty frame."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    start, end = _span(points)
    span = (end - start).total_seconds()
    totals = {s: sum(1 for p in points if p[1] == s) for s in STANCES}
    top = max([*totals.values(), 1])

    def x(t: datetime) -> float:
        return LEFT + plot_w * (t - start).total_seconds() / span

    def y(n: float) -> float:
        return TOP + plot_h * (1 - n / top)

    # Per stance: the count reached at the end of each slot, and the tiers that arrived in it.
    slots: dict[str, dict[int, dict[str, int]]] = {s: {} for s in STANCES}
    for when, stance, tier in points:
        k = min(int((when - start).total_seconds() / span * BUCKETS), BUCKETS - 1)
        by_tier = slots.setdefault(stance, {}).setdefault(k, {})
        by_tier[tier] = by_tier.get(tier, 0) + 1
    parts = [_frame(plot_w, plot_h, top, start, end)]
    for stance in STANCES:
        parts.append(_series(stance, slots[stance], start, span, x, y))
    parts.append(_legend(totals))
    label = title or "evidence over time"
    summary = ", ".join(f"{totals[s]} {s}" for s in STANCES)
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="{escape(label)}: {summary}">'
        f"<title>{escape(label)}: {summary}</title>{''.join(parts)}</svg>"
    )


def _span(points: Sequence[tuple[datetime, str, str]]) -> tuple[datetime, datetime]:
    if not points:
        now = datetime(2000, 1, 1)
        return now, now + timedelta(days=1)
    start, end = points[0][0], points[-1][0]
    # A margin on both sides, and at least a minute in all: one moment still shows as a step.
    span = max(end - start, timedelta(minutes=1))
    return start - span / 20, start + span * 21 / 20


def _frame(plot_w: int, plot_h: int, top: int, start: datetime, end: datetime) -> str:
    bottom = TOP + plot_h
    if end - start < timedelta(hours=1):
        fmt = "%Y-%m-%d %H:%M:%S"
    elif end - start < timedelta(days=2):
        fmt = "%Y-%m-%d %H:%M"
    else:
        fmt = "%Y-%m-%d"
    return (
        f'<rect x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}" fill="none" stroke="#d0d7de"/>'
        f'<text x="{LEFT - 6}" y="{TOP + 4}" text-anchor="end" class="axis">{top}</text>'
        f'<text x="{LEFT - 6}" y="{bottom}" text-anchor="end" class="axis">0</text>'
        f'<text x="{LEFT}" y="{bottom + 18}" class="axis">{start.strftime(fmt)}</text>'
        f'<text x="{LEFT + plot_w}" y="{bottom + 18}" text-anchor="end" class="axis">'
        f"{end.strftime(fmt)}</text>"
    )


def _series(
    stance: str,
    slots: dict[int, dict[str, int]],
    start: datetime,
    span: float,
    fx: Callable[[datetime], float],
    fy: Callable[[float], float],
) -> str:
    if not slots:
        return ""
    colour = COLOURS.get(stance, "#57606a")
    count = 0
    line: list[str] = []
    dots: list[str] = []
    for k in sorted(slots):
        when = start + timedelta(seconds=span * (k + 0.5) / BUCKETS)
        px = fx(when)
        line.append(f"{px:.1f},{fy(count):.1f}")  # the step: flat until the slot, then up
        count += sum(slots[k].values())
        py = fy(count)
        line.append(f"{px:.1f},{py:.1f}")
        for tier in TIERS:
            n = slots[k].get(tier, 0)
            if n:
                fill = "none" if tier == "other" else colour
                dots.append(
                    f'<circle cx="{px:.1f}" cy="{py:.1f}" r="{RADIUS[tier]}" fill="{fill}" '
                    f'stroke="{colour}" class="dot {escape(stance)} {tier}">'
                    f"<title>{n} {escape(stance)}, {tier}</title></circle>"
                )
    end_x = LEFT + WIDTH - LEFT - RIGHT
    line.append(f"{end_x:.1f},{fy(count):.1f}")
    return (
        f'<polyline class="line {escape(stance)}" fill="none" stroke="{colour}" stroke-width="2" '
        f'points="{" ".join(line)}"/>' + "".join(dots)
    )


def _legend(totals: dict[str, int]) -> str:
    x0 = WIDTH - RIGHT + 14
    rows = []
    for i, stance in enumerate(STANCES):
        yy = TOP + 12 + 18 * i
        rows.append(
            f'<line x1="{x0}" y1="{yy - 4}" x2="{x0 + 16}" y2="{yy - 4}" stroke="{COLOURS[stance]}" '
            f'stroke-width="2"/><text x="{x0 + 22}" y="{yy}" class="legend">{stance} '
            f"({totals[stance]})</text>"
        )
    yy = TOP + 12 + 18 * 3 + 8
    for i, tier in enumerate(TIERS):
        cy = yy + 16 * i
        fill = "none" if tier == "other" else "#57606a"
        rows.append(
            f'<circle cx="{x0 + 8}" cy="{cy - 4}" r="{RADIUS[tier]}" fill="{fill}" stroke="#57606a"/>'
            f'<text x="{x0 + 22}" y="{cy}" class="legend">{tier}</text>'
        )
    return "".join(rows)
