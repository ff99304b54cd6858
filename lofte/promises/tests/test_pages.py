"""Apps above promises add to its pages through lofte.promises.pages, never the other way."""

import ast
from pathlib import Path

from lofte.promises import pages

ABOVE = ("lofte.events", "lofte.followup", "lofte.accounts", "lofte.front", "lofte.demo")


def test_promises_imports_nothing_from_the_apps_above_it():
    folder = Path(pages.__file__).parent
    imported = set()
    for path in folder.rglob("*.py"):
        if "tests" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                imported.add((path.name, node.module))
            elif isinstance(node, ast.Import):
                imported.update((path.name, alias.name) for alias in node.names)
    assert [(f, m) for f, m in imported if m.startswith(ABOVE)] == []


def test_what_the_apps_add_is_merged_and_their_parts_joined(monkeypatch):
    monkeypatch.setattr(pages, "_added", {})

    @pages.adds_to("detail")
    def one(request, promise, **objects):
        return {"a": objects["n"], "parts": {"summary": ["one.html"]}}

    @pages.adds_to("detail")
    def two(request, promise, **objects):
        return {"b": 2, "parts": {"summary": ["two.html"], "commitment_card": ["card.html"]}}

    pages.adds_to("detail")(one)  # registering twice adds it once
    assert pages.context("detail", None, None, n=1) == {
        "a": 1,
        "b": 2,
        "parts": {"summary": ["one.html", "two.html"], "commitment_card": ["card.html"]},
    }
    assert pages.context("commitment", None, None) == {"parts": {}}


def test_follow_up_adds_its_parts_to_the_promise_and_commitment_pages():
    from lofte.followup import promise_pages

    assert promise_pages.progress_on_the_promise_page in pages._added["detail"]
    assert promise_pages.results_on_the_commitment_page in pages._added["commitment"]
