"""JSON-stat 2.0 datasets (https://json-stat.org/format/), as SCB's PxWebApi and others serve.

A dataset lists its dimensions in `id` with their sizes in `size`; each dimension's
`category.index` orders its categories (a list of ids, or an object of id → position; left
out when there is one category, which `category.label` then names). `value` holds the cells
in row-major order (the last dimension changes fastest): an array, or an object of position
→ value for a sparse cube. `status` marks cells: one string for all, an array, or an object.

`role` says which dimension is time, which is geography and which holds the measures
(metric); without it the usual SCB ids (Tid, Region, ContentsCode) are recognised. Each
metric category is one indicator. Any other dimension must have one category.
"""

from math import prod

from django.utils.translation import gettext as _

from lofte.areas.models import Area
from lofte.indicators.importing.base import (
    MAX_VALUES,
    SUPPRESSED_MARKS,
    VALUE,
    FileProblem,
    IndicatorSpec,
    Parsed,
    ParsedValue,
    make_slug,
    no_progress,
    quoted,
    read_cell,
    read_json,
    to_decimal,
)
from lofte.indicators.importing.pxweb import pxweb_place
from lofte.indicators.models import IndicatorValue
from lofte.indicators.periods import parse_period
from lofte.indicators.places import NATION, Place, code_kind

TIME_IDS = {"tid", "time", "year", "år", "ar", "period"}
GEO_IDS = {"region", "geo", "area", "område", "omrade", "kommun", "regso", "deso"}
METRIC_IDS = {"contentscode", "contents", "metric", "tabellinnehall", "tabellinnehåll"}


class Dimension:
    def __init__(self, dim_id, size, spec):
        if not isinstance(spec, dict) or not isinstance(spec.get("category"), dict):
            raise FileProblem(_("Dimension “%(id)s” has no category object.") % {"id": dim_id})
        category = spec["category"]
        labels = category.get("label") or {}
        index = category.get("index")
        if index is None and isinstance(labels, dict) and len(labels) == 1:
            index = list(labels)
        if isinstance(index, list):
            ids = [str(i) for i in index]
        elif isinstance(index, dict):
            try:
                ids = [str(i) for i, _pos in sorted(index.items(), key=lambda kv: int(kv[1]))]
            except (TypeError, ValueError) as e:
                raise FileProblem(
                    _("Dimension “%(id)s” has an index that is not numbered.") % {"id": dim_id}
                ) from e
        else:
            raise FileProblem(_("Dimension “%(id)s” has no category index.") % {"id": dim_id})
        if len(ids) != size:
            raise FileProblem(
                _("Dimension “%(id)s” has %(n)s categories, but its size says %(size)s.")
                % {"id": dim_id, "n": len(ids), "size": size}
            )
        self.id = dim_id
        self.label = str(spec.get("label") or dim_id)
        self.ids = ids
        self.labels = {i: str(labels.get(i, i)) if isinstance(labels, dict) else i for i in ids}
        self.units = category.get("unit") if isinstance(category.get("unit"), dict) else {}


def parse_jsonstat(data, *, indicator=None, area_kind=Area.Kind.REGSO, progress=no_progress):
    """Read a JSON-stat 2.0 dataset. `indicator` (an IndicatorSpec) takes every value when
    the dataset has one measure; otherwise each measure is the indicator it names."""
    dataset = read_json(data)
    if not isinstance(dataset, dict) or dataset.get("class") != "dataset":
        raise FileProblem(_("This is not a JSON-stat 2.0 dataset (“class”: “dataset”)."))
    ids, sizes, dims = _dimensions(dataset)
    time, geo, metric = _roles(dataset, dims)
    others = [d for d in dims.values() if d not in (time, geo, metric) and len(d.ids) != 1]
    if others:
        raise FileProblem(
            _(
                "The dataset has other dimensions with more than one category: %(dims)s. "
                "Choose one category of each and fetch it again."
            )
            % {"dims": quoted(d.label for d in others)}
        )
    specs = _indicators(dataset, metric, indicator)
    values, statuses = _cells(dataset, prod(sizes))
    strides = [prod(sizes[i + 1 :]) for i in range(len(sizes))]
    position = {d.id: ids.index(d.id) for d in dims.values()}

    parsed = Parsed(source=str(dataset.get("source") or "")[:200], unit=VALUE)
    places = {i: _place(i, geo.labels[i], area_kind) for i in geo.ids}
    periods = {i: parse_period(i) or parse_period(time.labels[i]) for i in time.ids}
    for i, period in periods.items():
        if period is None:
            raise FileProblem(
                _("“%(period)s” in dimension “%(dim)s” is not a year, quarter, month or week.")
                % {"period": time.labels[i], "dim": time.label}
            )
    cells = [
        (g, t, m)
        for g in range(len(geo.ids))
        for t in range(len(time.ids))
        for m in range(len(metric.ids) if metric else 1)
    ]
    if len(cells) > MAX_VALUES:
        raise FileProblem(
            _("The file has more than %(max)s values; import it in parts.") % {"max": MAX_VALUES}
        )
    for done, (g, t, m) in enumerate(cells, start=1):
        if done % 500 == 0:
            progress(done, len(cells))
        flat = g * strides[position[geo.id]] + t * strides[position[time.id]]
        if metric:
            flat += m * strides[position[metric.id]]
        if isinstance(values, dict) and str(flat) not in values:
            continue  # a sparse cube leaves out cells with nothing in them
        parsed.rows += 1
        raw = values.get(str(flat)) if isinstance(values, dict) else values[flat]
        status_mark = statuses(flat)
        try:
            value, status = _read(raw, status_mark)
        except ValueError as e:
            parsed.error(flat + 1, str(e))
            continue
        note = status_mark if status_mark and status == IndicatorValue.Status.REPORTED else ""
        geo_id, time_id = geo.ids[g], time.ids[t]
        parsed.values.append(
            ParsedValue(
                flat + 1, specs[m], places[geo_id], periods[time_id], value, status, note[:300]
            )
        )
    progress(len(cells), len(cells))
    return parsed


def _dimensions(dataset):
    ids, sizes, dimension = dataset.get("id"), dataset.get("size"), dataset.get("dimension")
    if (
        not isinstance(ids, list)
        or not isinstance(sizes, list)
        or not isinstance(dimension, dict)
        or len(ids) != len(sizes)
        or not all(isinstance(i, str) for i in ids)
        or not all(isinstance(s, int) and s >= 0 for s in sizes)
    ):
        raise FileProblem(
            _("A JSON-stat dataset needs “id”, “size” (as many, whole numbers) and “dimension”.")
        )
    missing = [str(i) for i in ids if i not in dimension]
    if missing:
        raise FileProblem(
            _("Dimensions named in “id” but not described: %(ids)s.") % {"ids": ", ".join(missing)}
        )
    return ids, sizes, {i: Dimension(i, s, dimension[i]) for i, s in zip(ids, sizes, strict=True)}


def _roles(dataset, dims):
    role = dataset.get("role") if isinstance(dataset.get("role"), dict) else {}

    def pick(name, guesses, required):
        named = role.get(name) if isinstance(role.get(name), list) else []
        chosen = [d for d in named if d in dims] or [d for d in dims if d.casefold() in guesses]
        if len(chosen) > 1:
            raise FileProblem(
                _("The dataset has several %(role)s dimensions: %(ids)s.")
                % {"role": name, "ids": ", ".join(chosen)}
            )
        if not chosen and required:
            raise FileProblem(
                _(
                    "The dataset has no %(role)s dimension: give it a “role” or use SCB's "
                    "ids (Tid, Region)."
                )
                % {"role": name}
            )
        return dims[chosen[0]] if chosen else None

    return (
        pick("time", TIME_IDS, True),
        pick("geo", GEO_IDS, True),
        pick("metric", METRIC_IDS, False),
    )


def _indicators(dataset, metric, indicator):
    """Return one IndicatorSpec per metric category (one for the dataset without one)."""
    if indicator is not None:
        if metric and len(metric.ids) > 1:
            raise FileProblem(
                _(
                    "The dataset holds %(n)s measures (%(labels)s); leave the indicator out "
                    "to import each as its own."
                )
                % {"n": len(metric.ids), "labels": ", ".join(metric.labels.values())}
            )
        return [indicator]
    source = str(dataset.get("source") or "")[:200]
    if not metric:
        label = str(dataset.get("label") or "").strip()
        if not label:
            raise FileProblem(_("The dataset has no label and no measure: name the indicator."))
        return [IndicatorSpec(slug=make_slug(label), name=label[:200], source=source)]
    specs = []
    for i in metric.ids:
        label = metric.labels[i].strip() or i
        unit = metric.units.get(i) if isinstance(metric.units.get(i), dict) else {}
        specs.append(
            IndicatorSpec(
                slug=make_slug(label) or make_slug(i),
                name=label[:200],
                unit=str(unit.get("label") or unit.get("symbol") or "")[:60],
                source=source,
            )
        )
    return specs


def _cells(dataset, count):
    """Return (values as a list or {position: value}, a function position → status)."""
    values = dataset.get("value")
    if isinstance(values, list):
        if len(values) != count:
            raise FileProblem(
                _("“value” has %(n)s cells, the dimensions make %(count)s.")
                % {"n": len(values), "count": count}
            )
    elif not isinstance(values, dict):
        raise FileProblem(_("“value” must be an array or an object."))
    status = dataset.get("status")
    if isinstance(status, str):
        return values, lambda _i: status
    if isinstance(status, list):
        if len(status) == 1:
            return values, lambda _i: status[0]
        return values, lambda i: status[i] if i < len(status) else None
    if isinstance(status, dict):
        return values, lambda i: status.get(str(i))
    return values, lambda _i: None


def _read(raw, status_mark):
    """Return (value, status) for a cell and its status mark."""
    if raw is None:
        mark = status_mark.strip().casefold() if isinstance(status_mark, str) else ""
        return read_cell(mark if mark in SUPPRESSED_MARKS else "")
    if isinstance(raw, str):
        return read_cell(raw)
    return to_decimal(raw), IndicatorValue.Status.REPORTED


def _place(category_id, label, area_kind):
    """Return the Place a geography category names: its id is usually a code."""
    kind = code_kind(category_id)
    if category_id in ("00", "SE", "0") or label.casefold() in ("riket", "sverige"):
        return Place(label, NATION)
    if kind:
        return Place(f"{category_id} {label}".strip(), kind, code=category_id, name=label)
    return pxweb_place(label, area_kind)
