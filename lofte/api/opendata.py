"""A promise's open data as a Frictionless Data Package (v2): CSV files and datapackage.json.

Only what residents see: the published promise, its commitments, actors, measures, reporting
periods, published updates with their values, and events. No contact persons, no one who
wrote or approved anything, no e-mail address. CC0 1.0, as the JSON and the API.

`build(promise)` reads everything in a fixed number of queries; `descriptor`, `csv_bytes` and
`zip_bytes` turn it into the files.
"""

import csv
import datetime
import io
import json
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone, translation

from lofte.actors.models import Organisation
from lofte.events.models import Event
from lofte.followup.models import MeasureValue, Update
from lofte.promises.models import Commitment, Measure
from lofte.text import csv_text
from lofte.web import absolute_url

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
LICENCE = {
    "name": "CC0-1.0",
    "path": "https://creativecommons.org/publicdomain/zero/1.0/",
    "title": "Creative Commons Zero v1.0 Universal",
}


def _text(name, description=""):
    return {"name": name, "type": "string", "description": description}


def _field(name, kind, description="", **extra):
    return {"name": name, "type": kind, "description": description, **extra}


def _fk(column, resource, target):
    return {"fields": [column], "reference": {"resource": resource, "fields": [target]}}


@dataclass
class Table:
    """One resource of the package: its name, title, fields, keys and rows."""

    name: str
    title: str
    fields: list
    rows: list = field(default_factory=list)
    primary_key: list = field(default_factory=list)
    foreign_keys: list = field(default_factory=list)

    def schema(self):
        schema = {"fields": self.fields}
        if self.primary_key:
            schema["primaryKey"] = self.primary_key
        if self.foreign_keys:
            schema["foreignKeys"] = self.foreign_keys
        return schema


def _cell(value):
    """Return a value as Table Schema's default formats read it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str):
        # A cell a spreadsheet program would run as a formula is kept as text (lofte.text).
        return csv_text(value)
    return format(value, "f") if not isinstance(value, int) else str(value)


def _page(name, *args):
    with translation.override(settings.LANGUAGE_CODE):
        return absolute_url(reverse(name, args=args))


def build(promise):
    """Return the package's tables for a public promise."""
    commitments = list(
        Commitment.objects.filter(focus_area__promise=promise)
        .select_related("focus_area")
        .prefetch_related(Prefetch("actors", queryset=Organisation.objects.order_by("slug")))
        .order_by("focus_area__order", "order", "pk")
    )
    actors = sorted(
        {a.pk: a for c in commitments for a in c.actors.all()}.values(), key=lambda a: a.slug
    )
    measures = list(Measure.objects.filter(commitment__in=commitments).order_by("pk"))
    updates = list(
        Update.objects.published()
        .filter(commitment__focus_area__promise=promise)
        .order_by("period__starts_on", "commitment_id", "pk")
    )
    values = list(MeasureValue.objects.filter(update__in=updates).order_by("update_id", "pk"))
    area, kommun = promise.area, promise.kommun
    previous = promise.previous if promise.previous_id else None

    tables = [
        Table(
            "promise",
            "The promise",
            [
                _text("slug", "The promise's identifier in Löfte"),
                _text("title"),
                _text("status", "published or archived"),
                _text("kommun_code", "SCB's kommun code"),
                _text("kommun_name"),
                _text("area_name", "The area the promise is made to"),
                _text("area_kind"),
                _text("area_code"),
                _field("period_start", "date"),
                _field("period_end", "date"),
                _text("summary"),
                _text("background"),
                _text("follows", "The slug of the earlier promise this one follows"),
                _field("url", "string", format="uri"),
            ],
            [
                [
                    promise.slug,
                    promise.title,
                    promise.status,
                    kommun.code if kommun else "",
                    kommun.name if kommun else "",
                    area.name,
                    area.kind,
                    area.code,
                    promise.period_start,
                    promise.period_end,
                    promise.summary,
                    promise.background,
                    previous.slug if previous and previous.is_public else "",
                    _page("promises:detail", promise.slug),
                ]
            ],
            primary_key=["slug"],
        ),
        Table(
            "goals",
            "Goals",
            [_field("id", "integer"), _text("title"), _text("description")],
            [[g.pk, g.title, g.description] for g in promise.goals.all()],
            primary_key=["id"],
        ),
        Table(
            "focus_areas",
            "Focus areas",
            [_text("slug"), _text("name"), _text("why", "Why it matters")],
            [[fa.slug, fa.name, fa.why] for fa in promise.focus_areas.all()],
            primary_key=["slug"],
        ),
        Table(
            "actors",
            "Actors: the organisations with a commitment",
            [
                _text("slug"),
                _text("name"),
                _text("kind"),
                _text("website"),
                _field("is_example", "boolean", "True for a fictional actor of demo data"),
            ],
            [[a.slug, a.name, a.kind, a.website, a.is_example] for a in actors],
            primary_key=["slug"],
        ),
        Table(
            "commitments",
            "Commitments",
            [
                _field("id", "integer"),
                _text("focus_area", "The focus area's slug"),
                _text("title"),
                _text("description"),
                _text("target_group"),
                _text("status", "planned, ongoing, done, delayed or cancelled"),
                _text("factor_kind", "protective or risk"),
                _text("factor", "The protective or risk factor it addresses"),
                _field("starts_on", "date"),
                _field("ends_on", "date"),
                _field("url", "string", format="uri"),
            ],
            [
                [
                    c.pk,
                    c.focus_area.slug,
                    c.title,
                    c.description,
                    c.target_group,
                    c.status,
                    c.factor_kind,
                    c.factor,
                    c.starts_on,
                    c.ends_on,
                    _page("promises:commitment", promise.slug, c.pk),
                ]
                for c in commitments
            ],
            primary_key=["id"],
            foreign_keys=[_fk("focus_area", "focus_areas", "slug")],
        ),
        Table(
            "commitment_actors",
            "Which actors stand behind which commitment",
            [_field("commitment", "integer"), _text("actor", "The actor's slug")],
            [[c.pk, a.slug] for c in commitments for a in c.actors.all()],
            primary_key=["commitment", "actor"],
            foreign_keys=[
                _fk("commitment", "commitments", "id"),
                _fk("actor", "actors", "slug"),
            ],
        ),
        Table(
            "measures",
            "Measures: what is counted to follow up a commitment",
            [
                _field("id", "integer"),
                _field("commitment", "integer"),
                _text("name"),
                _text("unit"),
                _field("baseline", "number"),
                _field("target", "number"),
                _field("higher_is_better", "boolean"),
            ],
            [
                [m.pk, m.commitment_id, m.name, m.unit, m.baseline, m.target, m.higher_is_better]
                for m in measures
            ],
            primary_key=["id"],
            foreign_keys=[_fk("commitment", "commitments", "id")],
        ),
        Table(
            "periods",
            "Reporting periods",
            [
                _field("id", "integer"),
                _text("name"),
                _field("starts_on", "date"),
                _field("ends_on", "date"),
                _field("due_on", "date", "When the actors' reports are due"),
            ],
            [[p.pk, p.name, p.starts_on, p.ends_on, p.due_on] for p in promise.periods.all()],
            primary_key=["id"],
        ),
        Table(
            "updates",
            "Published updates: approved by a coordinator and marked publishable",
            [
                _field("id", "integer"),
                _field("commitment", "integer"),
                _field("period", "integer"),
                _text("status", "The commitment's status the actor reported"),
                _text("text", "What was done"),
                _text("evidence_url"),
                _field("approved_at", "datetime"),
            ],
            [
                [u.pk, u.commitment_id, u.period_id, u.status, u.text, u.evidence_url]
                + [u.reviewed_at]
                for u in updates
            ],
            primary_key=["id"],
            foreign_keys=[
                _fk("commitment", "commitments", "id"),
                _fk("period", "periods", "id"),
            ],
        ),
        Table(
            "measure_values",
            "The measures' values reported in the published updates",
            [_field("update", "integer"), _field("measure", "integer"), _field("value", "number")],
            [[v.update_id, v.measure_id, v.value] for v in values],
            primary_key=["update", "measure"],
            foreign_keys=[_fk("update", "updates", "id"), _fk("measure", "measures", "id")],
        ),
        Table(
            "events",
            "Events where residents meet the promise",
            [
                _field("id", "integer"),
                _text("title"),
                _text("description"),
                _text("place_name"),
                _text("address"),
                _field("latitude", "number", "WGS84"),
                _field("longitude", "number", "WGS84"),
                _field("starts_at", "datetime"),
                _field("ends_at", "datetime"),
                _text("audience"),
            ],
            [
                [
                    e.pk,
                    e.title,
                    e.description,
                    e.place_name,
                    e.address,
                    e.latitude,
                    e.longitude,
                    e.starts_at,
                    e.ends_at,
                    e.audience,
                ]
                for e in Event.objects.filter(promise=promise).order_by("starts_at", "pk")
            ],
            primary_key=["id"],
        ),
    ]
    return tables


def descriptor(promise, tables):
    """Return datapackage.json's content: the package's metadata and each table's schema."""
    return {
        "$schema": PROFILE,
        "name": f"lofte-{promise.slug}".lower(),
        "id": absolute_url(reverse("opendata:package_json", args=[promise.slug])),
        "title": promise.title,
        "description": promise.summary,
        "homepage": _page("promises:detail", promise.slug),
        "created": timezone.now().astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "keywords": ["medborgarlöfte", "brottsförebyggande", "uppföljning"],
        "licenses": [LICENCE],
        "sources": [{"title": "Löfte", "path": absolute_url("/")}],
        "resources": [
            {
                "name": table.name,
                "title": table.title,
                "type": "table",
                "path": f"{table.name}.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "licenses": [LICENCE],
                "schema": table.schema(),
            }
            for table in tables
        ],
    }


def csv_bytes(table):
    """Return the table as UTF-8 CSV with a header row (RFC 4180, CRLF line ends)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([f["name"] for f in table.fields])
    for row in table.rows:
        writer.writerow([_cell(v) for v in row])
    return out.getvalue().encode("utf-8")


def zip_bytes(promise, tables):
    """Return the whole package as a zip: datapackage.json and the CSV files beside it."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        package = json.dumps(descriptor(promise, tables), ensure_ascii=False, indent=2)
        archive.writestr("datapackage.json", package)
        for table in tables:
            archive.writestr(f"{table.name}.csv", csv_bytes(table))
    return out.getvalue()
