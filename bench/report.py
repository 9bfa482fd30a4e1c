"""The printed tables and the JSON file.

Ratios are taken against a baseline measured in the same run: absolute
milliseconds vary a lot between runs on small machines, ratios much less.
"""

from pathlib import Path
import json


def fmt(value, digits=1):
    return "-" if value is None else f"{value:.{digits}f}"


def ratio(result, by_name, attribute):
    """``attribute`` of the result over the same of its baseline, or None."""
    base = by_name.get(result.scenario.compared_with)
    mine = getattr(result, attribute)
    theirs = getattr(base, attribute) if base else None
    return mine / theirs if mine is not None and theirs else None


def table(headers, rows):
    """A Markdown table with aligned columns (readable and pasteable)."""
    cells = [headers, *[[str(c) for c in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]

    def line(row):
        padded = (
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        )
        return "| " + " | ".join(padded) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(headers), rule, *map(line, cells[1:])])


def latency_table(results):
    by_name = {r.scenario.name: r for r in results}
    rows = [
        [
            r.scenario.name,
            fmt(r.median_ms),
            fmt(r.p95_ms),
            fmt(ratio(r, by_name, "median_ms"), 2),
            len(r.samples),
            len(r.errors),
        ]
        for r in results
    ]
    return table(["scenario", "median ms", "p95 ms", "ratio", "n", "errors"], rows)


def load_table(results):
    by_name = {r.scenario.name: r for r in results}
    rows = [
        [
            r.scenario.name,
            r.clients,
            fmt(r.elapsed),
            len(r.samples),
            len(r.errors),
            f"{r.conflicts} ({r.failed_conflicts})",
            fmt(r.throughput),
            fmt(r.median_ms),
            fmt(r.p95_ms),
            fmt(ratio(r, by_name, "throughput"), 2),
        ]
        for r in results
    ]
    headers = [
        "scenario",
        "clients",
        "s",
        "ok",
        "errors",
        "conflicts (failed)",
        "req/s",
        "median ms",
        "p95 ms",
        "req/s ratio",
    ]
    return table(headers, rows)


def rounded(value, digits=2):
    return None if value is None else round(value, digits)


def error_lines(results):
    """The first error message of every scenario that had errors."""
    return [
        f"{r.scenario.name}: {len(r.errors)} error(s), first: {r.errors[0]}"
        for r in results
        if r.errors
    ]


def as_dict(result, by_name):
    scenario = result.scenario
    data = {
        "name": scenario.name,
        "kind": scenario.kind,
        "description": scenario.description,
        "baseline": scenario.compared_with,
        "n": len(result.samples),
        "errors": len(result.errors),
        "first_errors": result.errors[:5],
        "median_ms": rounded(result.median_ms),
        "p95_ms": rounded(result.p95_ms),
    }
    if scenario.is_load:
        data.update(
            clients=result.clients,
            seconds=rounded(result.elapsed),
            conflicts=result.conflicts,
            conflicts_not_retried=result.failed_conflicts,
            requests_per_s=rounded(result.throughput),
            ratio=rounded(ratio(result, by_name, "throughput"), 3),
        )
    else:
        data.update(
            round_medians_ms=[rounded(m) for m in result.round_medians],
            ratio=rounded(ratio(result, by_name, "median_ms"), 3),
        )
    return data


def write_json(path, meta, latency, load):
    by_name = {r.scenario.name: r for r in [*latency, *load]}
    data = {
        **meta,
        "latency": [as_dict(r, by_name) for r in latency],
        "load": [as_dict(r, by_name) for r in load],
    }
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as out:
        json.dump(data, out, indent=2)
        out.write("\n")
