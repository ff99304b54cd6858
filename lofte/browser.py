"""Debian's Chromium driven by Playwright, for the browser tests. Never a browser download."""

import os
import shutil

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Without these, Chromium reaches out to Google's services, which this closed network refuses.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
# The WCAG 2.1 A and AA rules of axe-core.
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def launch(playwright):
    if not shutil.which(CHROMIUM):
        raise RuntimeError(
            f"{CHROMIUM} is missing: install Debian's chromium (scripts/test does that)."
        )
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def axe_violations(page):
    """Run axe-core's WCAG 2.1 AA rules on the page; return a readable list of violations."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options=WCAG_21_AA)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + "; ".join(" ".join(n["target"]) for n in v["nodes"][:5])
        for v in results.response["violations"]
    ]


def phone_problems(page, width=360):
    """Return what is wrong with the page on a phone: axe's violations, and sticking out
    sideways past `width` px."""
    found = axe_violations(page)
    wide = page.evaluate("document.documentElement.scrollWidth")
    if wide > width:
        found.append(f"page is {wide} px wide")
    return found


# Runs first in every page: hands each Content-Security-Policy violation to the test.
_REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__lofteViolation(
    `${event.effectiveDirective} refused ${event.blockedURI || "inline"} `
    + `(${event.sourceFile || document.location.href}:${event.lineNumber})`
  );
});
"""
# What Chromium writes in the console about our security headers.
_POLICY_WORDS = ("Content Security Policy", "Content-Security-Policy", "Permissions-Policy")


class WatchedBrowser:
    """A browser whose every page collects CSP violations and policy errors in `problems`.

    Both the `securitypolicyviolation` events a page fires and what Chromium logs about the
    policies in the console (which it does even with JavaScript off) are collected.
    """

    def __init__(self, browser):
        self._browser = browser
        self._contexts = []
        self.problems = []

    def __getattr__(self, name):
        return getattr(self._browser, name)

    def new_context(self, **options):
        # A Swedish resident's browser unless a test says otherwise: Löfte sends a browser that
        # asks for another language (Accept-Language) to that language's pages.
        options.setdefault("locale", "sv-SE")
        context = self._browser.new_context(**options)
        context.expose_binding("__lofteViolation", self._on_violation)
        context.add_init_script(_REPORT_VIOLATIONS)
        context.on("console", self._on_console)
        context.on("close", self._forget)
        self._contexts.append(context)
        return context

    def new_page(self, **options):
        context = self.new_context(**options)
        page = context.new_page()
        page.on("close", lambda _page: context.close())
        return page

    def take_problems(self):
        """Return the problems seen since the last call, once every open page has told them."""
        for context in list(self._contexts):
            for page in context.pages:
                try:
                    page.evaluate("0")  # a round trip: events already fired have arrived
                except Exception:  # a page with JavaScript off, or one closing
                    pass
        problems, self.problems = self.problems, []
        return problems

    def _forget(self, context):
        self._contexts.remove(context)

    def _on_violation(self, source, text):
        self.problems.append(f"{source['page'].url}: {text}")

    def _on_console(self, message):
        if message.type in ("error", "warning") and any(w in message.text for w in _POLICY_WORDS):
            self.problems.append(f"{message.page.url if message.page else '?'}: {message.text}")
