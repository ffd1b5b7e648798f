"""Charts drawn on the server as SVG shapes, so they need no script and no inline style: the templates
draw what these functions measure, coloured by the classes in static/css/admin-insights.css. Each chart
keeps its figures as a table (headers and rows) for screen readers and for its CSV export."""

from dataclasses import dataclass, field

from django.utils.html import format_html, format_html_join

WIDTH = 640
HEIGHT = 220
LEFT, RIGHT, TOP, BOTTOM = 48, 8, 12, 28
# The bar lists: one row per item, its label above its bar.
ROW = 42


@dataclass
class Chart:
    key: str
    title: str
    kind: str  # "columns", "bars" or "shares"
    headers: list
    rows: list
    legend: list = field(default_factory=list)  # (series number, label)
    shapes: dict = field(default_factory=dict)
    summary: str = ""

    @property
    def empty(self):
        return not self.rows

    @property
    def body(self):
        """The table's rows, the first cell of each a row header. Built here rather than by a template loop
        over every cell, which took 15 ms for the 90 rows of a per-day chart."""
        return format_html_join("", "<tr>{}</tr>", ((_table_row(row),) for row in self.rows))


def _table_row(row):
    header = format_html('<th scope="row">{}</th>', row[0])
    return header + format_html_join("", "<td>{}</td>", ((cell,) for cell in row[1:]))


def _nice_top(value):
    """The axis's top: the smallest of 1, 2, 5 × 10ⁿ at or above `value`."""
    top = 1
    while True:
        for step in (1, 2, 5):
            if top * step >= value:
                return top * step
        top *= 10


def columns(categories, series):
    """Grouped columns: one group a category (a day), one column a series in it.

    `categories`: [(key, short label)]; `series`: [[value for each category]] (one list a series).
    Returns the shapes the template draws: columns with their class and title, the axis labels.
    """
    top = _nice_top(max((max(values, default=0) for values in series), default=0) or 1)
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_width / max(len(categories), 1)
    width = max(slot * 0.8 / max(len(series), 1), 1)
    bars = []
    for index, (_key, label) in enumerate(categories):
        for number, values in enumerate(series):
            value = values[index]
            height = plot_height * value / top
            bars.append((
                number, round(LEFT + index * slot + slot * 0.1 + number * width, 2),
                round(TOP + plot_height - height, 2), round(width, 2), round(height, 2), f"{label}: {value}",
            ))
    # Whole steps: counts have no fractions.
    parts = next(parts for parts in (5, 4, 2, 1) if top % parts == 0)
    ticks = [
        {"y": round(TOP + plot_height - plot_height * part / parts, 2), "label": _short(top * part // parts)}
        for part in range(parts + 1)
    ]
    every = max(1, len(categories) // 6)
    labels = [
        {"x": round(LEFT + index * slot + slot / 2, 2), "label": label}
        for index, (_key, label) in enumerate(categories) if index % every == 0
    ]
    return {
        "width": WIDTH, "height": HEIGHT, "ticks": ticks, "labels": labels,
        # Up to 180 columns a chart: drawn here, as the table's rows are (Chart.body).
        "bars": format_html_join(
            "", '<rect class="bar series-{}" x="{}" y="{}" width="{}" height="{}"><title>{}</title></rect>', bars
        ),
        "axis_left": LEFT, "axis_right": WIDTH - RIGHT, "axis_bottom": TOP + plot_height,
        "label_y": HEIGHT - 8,
    }


def bars(items):
    """Horizontal bars for a ranked list: `items` is [(label, value)], largest first."""
    top = max((value for _label, value in items), default=0) or 1
    plot_width = WIDTH - 70
    rows = []
    for index, (label, value) in enumerate(items):
        y = index * ROW
        width = round(max(plot_width * value / top, 1 if value else 0), 2)
        rows.append({
            "label": label, "value": value, "label_y": y + 14, "bar_y": y + 20, "width": width,
            "value_x": round(width + 6, 2),
        })
    return {"width": WIDTH, "height": max(len(items), 1) * ROW, "rows": rows, "bar_height": 16}


def shares(groups):
    """A bar of 100% for each group, split into its parts: `groups` is [(label, [(part label, value)])]."""
    rows = []
    for index, (label, parts) in enumerate(groups):
        total = sum(value for _part, value in parts) or 1
        x, pieces = 0.0, []
        for number, (part, value) in enumerate(parts):
            width = WIDTH * value / total
            pieces.append({
                "x": round(x, 2), "width": round(width, 2), "series": number % 8,
                "label": f"{part}: {value} ({round(100 * value / total)}%)",
            })
            x += width
        rows.append({"label": label, "label_y": index * ROW + 14, "bar_y": index * ROW + 20, "pieces": pieces})
    return {"width": WIDTH, "height": max(len(groups), 1) * ROW, "rows": rows, "bar_height": 16}


def _short(value):
    if value >= 1_000_000:
        return f"{value / 1_000_000:g}M"
    if value >= 1000:
        return f"{value / 1000:g}k"
    return str(value)
