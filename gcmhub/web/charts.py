"""Geometry for the server-drawn SVG charts in components/bar_chart.html and column_chart.html."""

import hashlib
import math

BAR_ROW = 44  # px per bar: a label line, then the bar with its value after it
COLUMN_TOP = 20  # px above the top gridline, so its label fits
COLUMN_PLOT = 160  # px from the baseline to the top gridline
COLUMN_AXIS = 28  # px under the baseline for the time labels
LABEL_LENGTH = 40  # characters of a bar label drawn in the SVG; the table has all of it


def _chart_id(kind: str, rows: list) -> str:
    """Stable for the same data, so pages cache well; ids must differ between charts on a page."""
    digest = hashlib.sha256(repr(rows).encode()).hexdigest()[:8]
    return f"{kind}-{digest}"


def _short(label: str, length: int) -> str:
    return label if len(label) <= length else label[: length - 1].rstrip() + "…"


def _row(row) -> dict:
    if isinstance(row, dict):
        return {"label": str(row["label"]), "value": row["value"], "url": row.get("url", "")}
    label, value = row
    return {"label": str(label), "value": value, "url": ""}


def bars(
    rows: list[tuple[str, int]] | list[dict], *, id: str = "", label_length: int = LABEL_LENGTH
) -> dict:
    """A horizontal bar chart: rows are (label, value) pairs or dicts with label, value, url."""
    rows = [_row(row) for row in rows]
    largest = max((row["value"] for row in rows), default=0)
    top = max(rows, key=lambda row: row["value"], default=None)
    for index, row in enumerate(rows):
        width = round(100 * row["value"] / largest, 1) if largest else 0
        row.update(
            short=_short(row["label"], label_length),
            width=width,
            x_rtl=round(100 - width, 1),
            y=index * BAR_ROW,
        )
    return {
        "id": id or _chart_id("bars", [(row["label"], row["value"]) for row in rows]),
        "rows": rows,
        "max": largest,
        "top": top,
        "height": len(rows) * BAR_ROW,
    }


def _ticks(largest: int) -> list[int]:
    """Gridline values: 0 and up to five round steps (1, 2 or 5 × 10ⁿ) covering `largest`."""
    if largest <= 0:
        return [0, 1]
    magnitude = 10 ** math.floor(math.log10(largest / 4)) if largest >= 4 else 1
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude * 5 >= largest)
    return list(range(0, step * math.ceil(largest / step) + 1, step))


def columns(points: list[tuple[str, int]], *, id: str = "", max_labels: int = 12) -> dict:
    """A column chart of counts over time, oldest first, with every label that fits."""
    count = len(points)
    largest = max((value for _label, value in points), default=0)
    ticks = _ticks(largest)
    baseline = COLUMN_TOP + COLUMN_PLOT
    # Wide charts show every `step`-th label, narrow ones (under 45rem, site.css) every third
    # of those; counting from the newest point, so the latest period is always named.
    step = max(1, math.ceil(count / max(1, max_labels)))
    slot = 100 / count if count else 0
    items = []
    for index, (label, value) in enumerate(points):
        height = round(COLUMN_PLOT * value / ticks[-1], 1)
        x = round(index * slot + slot * 0.15, 2)
        width = round(slot * 0.7, 2)
        center = round(index * slot + slot / 2, 2)
        from_newest = count - 1 - index
        # The oldest and newest labels hang inwards from the edges, so they are not cut off.
        if count > 1 and index in (0, count - 1):
            anchor = "start" if index == 0 else "end"
            label_x = 0 if index == 0 else 100
        else:
            anchor, label_x = "middle", center
        items.append(
            {
                "label": str(label),
                "value": value,
                "x": x,
                "x_rtl": round(100 - x - width, 2),
                "width": width,
                "label_x": label_x,
                "label_x_rtl": round(100 - label_x, 2),
                "anchor": anchor,
                "y": round(baseline - height, 1),
                "height": height,
                "show_label": from_newest % step == 0,
                "narrow_label": from_newest % (3 * step) == 0,
            }
        )
    return {
        "id": id or _chart_id("columns", points),
        "columns": items,
        "ticks": [
            {"value": tick, "y": round(baseline - COLUMN_PLOT * tick / ticks[-1], 1)}
            for tick in ticks
        ],
        "max": largest,
        "top": max(items, key=lambda item: item["value"], default=None),
        "latest": items[-1] if items else None,
        "baseline": baseline,
        "label_y": baseline + 18,
        "height": baseline + COLUMN_AXIS,
    }
