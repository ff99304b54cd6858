"""Finding text: one rule for every search in Löfte.

On PostgreSQL, full-text search in Swedish (`SearchVector(..., config="swedish")`), so that
"trygghet" also finds "trygga" and "tryggare" by their stem, ranked by how well they match.
On SQLite, which has no Swedish stemmer, every word must occur in one of the fields, as a
case-insensitive substring (SQLite folds only A–Z: "Åtagande" and "åtagande" differ there).
"""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connections
from django.db.models import Q

# One limit for a search, in the form and here.
QUERY_MAX_LENGTH = 200
MAX_WORDS = 10


def words_of(query):
    return query[:QUERY_MAX_LENGTH].split()[:MAX_WORDS]


def matching(queryset, fields, query):
    """Return `queryset` narrowed to the rows whose `fields` match the words of `query`, best
    first on PostgreSQL; the queryset unchanged but empty when there are no words."""
    words = words_of(query)
    if not words:
        return queryset.none()
    if connections[queryset.db].vendor == "postgresql":
        vector = SearchVector(*fields, config="swedish")
        search = SearchQuery(" ".join(words), config="swedish", search_type="plain")
        return (
            queryset.annotate(search=vector, rank=SearchRank(vector, search))
            .filter(search=search)
            .order_by("-rank", "pk")
        )
    for word in words:
        condition = Q()
        for field in fields:
            condition |= Q(**{f"{field}__icontains": word})
        queryset = queryset.filter(condition)
    return queryset
