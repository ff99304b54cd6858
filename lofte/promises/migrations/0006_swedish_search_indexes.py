"""GIN indexes for PostgreSQL's Swedish full-text search (lofte.search) on promises and
commitments: the index holds the same expression `search.matching` filters on, so a search
reads the index instead of computing every row's tsvector. SQLite has no such search, and the
indexes are not in the models' state: an index SQLite cannot build must never reach it."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

# The fields of PromiseQuerySet.search and CommitmentQuerySet.search, in their order: the
# expressions must be the same for PostgreSQL to use the index.
INDEXES = {
    "promise": ("promise_swedish_search", ["title", "summary", "background"]),
    "commitment": ("commitment_swedish_search", ["title", "description"]),
}


def indexes(apps):
    for model_name, (name, fields) in INDEXES.items():
        index = GinIndex(SearchVector(*fields, config="swedish"), name=name)
        yield apps.get_model("promises", model_name), index


def add(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for model, index in indexes(apps):
            schema_editor.add_index(model, index)


def remove(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for model, index in indexes(apps):
            schema_editor.remove_index(model, index)


class Migration(migrations.Migration):
    dependencies = [("promises", "0005_promises_belong_to_their_kommun")]

    operations = [migrations.RunPython(add, remove, elidable=False)]
