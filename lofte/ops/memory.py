"""Keeping a long-running server's garbage collector off the objects that live as long as it.

A worker holds some 300,000 objects that never die (modules, URL patterns, compiled
templates, translations). Python's full ("generation 2") collections walk every one of them:
on the project's machine each took 130–210 ms, and one came every few requests of the
largest promise page, so one reader in five waited twice as long. `gc.freeze()` moves the
objects alive at that moment out of the collector's sight (the way CPython's documentation
suggests for servers); collections then cost what the request itself allocated.

`FreezeLongLived` wraps the WSGI application and freezes after the worker's 1st, 10th, 100th
and 1,000th request: by then it has imported, compiled and cached what it will keep, and
garbage made later is collected as before. The benchmarks call `freeze()` after warming up,
so they measure what a worker that has served for a while does.
"""

import gc

FREEZE_AFTER = frozenset({1, 10, 100, 1000})


def freeze():
    """Collect what is garbage now, then hide every object still alive from the collector."""
    gc.collect()
    gc.freeze()


class FreezeLongLived:
    """WSGI middleware: `freeze()` after the requests numbered in FREEZE_AFTER."""

    def __init__(self, application):
        self.application = application
        self.served = 0

    def __call__(self, environ, start_response):
        try:
            return self.application(environ, start_response)
        finally:
            # Threads may race on the count: at worst a freeze comes a request early or late.
            self.served += 1
            if self.served in FREEZE_AFTER:
                freeze()
