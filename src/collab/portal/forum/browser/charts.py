"""Bar charts drawn on the server as SVG: no JavaScript library to load,
and they print and export like the rest of the page."""

from html import escape


ROW = 24
LABEL = 200
BARS = 360
VALUE = 60


def bar_chart(rows, title, number=str):
    """Horizontal bars for ``[(label, number)]``, longest first as given;
    ``number`` writes a value as the page's language does."""
    rows = [(str(label), int(value)) for label, value in rows]
    if not rows:
        return ""
    top = max(value for _, value in rows) or 1
    height = ROW * len(rows)
    width = LABEL + BARS + VALUE
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="collab-chart" '
        f'role="img" aria-label="{escape(title)}" width="100%" '
        f'viewBox="0 0 {width} {height}" preserveAspectRatio="xMinYMin meet">',
        f"<title>{escape(title)}</title>",
    ]
    for index, (label, value) in enumerate(rows):
        y = index * ROW
        length = round(BARS * value / top)
        parts.append(
            f'<g class="bar"><text x="{LABEL - 8}" y="{y + 16}" '
            f'text-anchor="end" font-size="13">{escape(label[:32])}</text>'
            f'<rect x="{LABEL}" y="{y + 4}" width="{length}" height="{ROW - 8}" '
            f'fill="#007bb1"><title>{escape(label)}: {number(value)}</title></rect>'
            f'<text x="{LABEL + length + 6}" y="{y + 16}" font-size="13">'
            f"{number(value)}</text></g>"
        )
    parts.append("</svg>")
    return "".join(parts)
