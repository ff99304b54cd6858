"""The promise as a resident reads it on a 360 px phone: tables never break a word or a
number, and the answer to "how is it going?" comes before the commitments."""

import pytest

pytestmark = pytest.mark.browser

# Every word of every table cell (split where a line may break anyway: spaces, dashes,
# slashes) must lie on one line. Text for screen readers only is left out.
BROKEN_WORDS = """() => {
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  const broken = [];
  for (const cell of document.querySelectorAll('th, td')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      if (node.parentElement.closest('.visually-hidden')) continue;
      const words = /[^\\s\\-\\u2013\\u2014\\/]+/g;
      let m;
      while ((m = words.exec(node.data))) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = new Set(
          Array.from(range.getClientRects()).filter(r => r.width > 0).map(r => Math.round(r.top))
        );
        if (lines.size > 1) broken.push(m[0]);
      }
    }
  }
  return broken;
}"""


def test_no_table_breaks_a_word_or_a_number_on_a_360_px_phone(browser, live_server, demo):
    commitment = next(c for c in demo.commitments() if c.measures.exists())
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    found = {}
    for path in (
        "/medborgarloften/hisings-backa/",
        f"/medborgarloften/hisings-backa/ataganden/{commitment.pk}/",
        "/medborgarloften/hisings-backa/rapport/",
        "/en/medborgarloften/hisings-backa/",
    ):
        page.goto(live_server.url + path)
        assert page.locator("td").count() > 0, path
        broken = page.evaluate(BROKEN_WORDS)
        if broken:
            found[path] = broken[:10]
        # With every <details> open, still nothing sticks out sideways.
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
    context.close()
    assert found == {}


def test_the_overview_is_on_the_first_screens_and_details_open_without_javascript(
    browser, live_server, demo
):
    context = browser.new_context(viewport={"width": 360, "height": 740}, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/medborgarloften/hisings-backa/")
    top = page.locator("#how-it-is-going").bounding_box()["y"]
    assert top < 3 * 740
    summary = page.locator(".card.compact details > summary").first
    details = page.locator(".card.compact details").first
    assert details.get_attribute("open") is None
    summary.click()
    assert details.get_attribute("open") is not None
    context.close()
