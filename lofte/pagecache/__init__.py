"""Public pages served from the shared cache, invalidated exactly.

An anonymous GET or HEAD of a public page or file (`CACHED_PAGES`) is answered from the shared
cache (`settings.CACHES["default"]`: a database table, or Redis with `REDIS_URL`) when a copy
made under the current content version is there; otherwise the page is rendered and kept.

The content version (`versions.py`) is one random token in the shared cache. Any committed write
to a table that pages show is seen where every write passes, at the SQL level (an execute
wrapper on every database connection: `save()`, `QuerySet.update()`, `bulk_create`,
`bulk_update`, deletes, raw SQL, imports, background workers alike), and replaces the token
once its transaction has committed. So a page kept before a change is never found again after
it, on any app server. Days change the key too (what is "upcoming" or "the latest quarter"),
and a kept page lives at most `PAGE_CACHE_SECONDS` (events that start or end within a day).

Per visitor: the CSRF token of a resident's form and the Content-Security-Policy nonce are kept
as placeholders and filled in afresh for each answer (`middleware.py`). Anyone with a session
or a flash message (a cookie) gets a fresh page, and only pages made for an anonymous visitor
without cookies of that kind are kept.
"""
