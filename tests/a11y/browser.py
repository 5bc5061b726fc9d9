#!/usr/bin/env python3
"""Accessibility checks of built pages in one headless Chromium (tests/suite/a11y.rs runs it).

    browser.py JOB.json

JOB.json: {"axe": "path/to/axe.min.js", "pages": [{"url": "file:///…", "width": 1280,
           "check": "axe" | "overflow" | "keys", "query": "…" (optional),
           "media": "print" (optional: the page as printed)}]}

- axe: runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page, after opening the search and
  showing the results of `query` when given; reports the violations.
- overflow: reports the elements that stick out of the page on the right (at `width`), those
  inside a box that scrolls or clips left out.
- keys: the search with the keyboard: '/', type `query`, ArrowDown twice, ArrowUp, Escape;
  reports what has the focus after each step and what the live region says.

Prints one JSON object, {"pages": [...], "errors": [...]}, on stdout. Exit status 3 when no
Chromium is installed. Uses the DevTools driver of search/browser/cdp.py; the Rust side calls
this script from one function, so the driver can be swapped.
"""

import json
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "search", "browser"))
from cdp import Browser, find_chromium  # noqa: E402
from query import OPEN_JS  # noqa: E402

NO_CHROMIUM = 3

AXE_JS = """
(async () => {
  const r = await axe.run(document, {
    runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
    resultTypes: ['violations'],
  });
  return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.length, targets: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
})()
"""

OVERFLOW_JS = """
(() => {
  const width = document.documentElement.clientWidth;
  const clips = el => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const s = getComputedStyle(p);
      if (['auto', 'scroll', 'hidden', 'clip'].includes(s.overflowX)) { return true; }
    }
    return false;
  };
  const out = [];
  for (const el of document.querySelectorAll('#mdbook-content *, #mdbook-menu-bar *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.right <= width + 1) { continue; }
    if (clips(el)) { continue; }
    out.push({tag: el.tagName.toLowerCase(), cls: el.className && String(el.className),
      text: (el.textContent || '').trim().slice(0, 40), right: Math.round(r.right)});
    if (out.length >= 10) { break; }
  }
  return {width, scrollWidth: document.documentElement.scrollWidth, out};
})()
"""

FOCUS_JS = """
(() => {
  const a = document.activeElement;
  return {id: a && a.id, tag: a && a.tagName.toLowerCase(),
    inResults: !!(a && a.closest && a.closest('#mdbook-searchresults')),
    text: a ? (a.textContent || '').trim().slice(0, 60) : null,
    status: (document.getElementById('bcp-search-status') || {}).textContent || null,
    header: (document.getElementById('mdbook-searchresults-header') || {}).textContent || null};
})()
"""


def viewport(browser, width):
    browser.send("Emulation.setDeviceMetricsOverride",
                 {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600},
                 session=True)


def check_axe(browser, page, axe_source):
    if page.get("query"):
        browser.eval(OPEN_JS % json.dumps(page["query"]))
    browser.eval(axe_source + "\n;0")
    return {"violations": browser.eval(AXE_JS)}


def check_keys(browser, page):
    steps = {}
    browser.key("/", code="Slash")
    for _ in range(200):
        if browser.eval("window.search && window.search.ready") not in (None, "loading"):
            break
        time.sleep(0.025)
    steps["open"] = browser.eval(FOCUS_JS)
    browser.insert_text(page["query"])
    time.sleep(0.8)  # the live region speaks after a pause in typing
    steps["typed"] = browser.eval(FOCUS_JS)
    browser.key("ArrowDown")
    steps["down1"] = browser.eval(FOCUS_JS)
    browser.key("ArrowDown")
    steps["down2"] = browser.eval(FOCUS_JS)
    browser.key("ArrowUp")
    steps["up"] = browser.eval(FOCUS_JS)
    browser.key("Escape")
    steps["escape"] = browser.eval(FOCUS_JS)
    return steps


def main(argv):
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 1
    if not find_chromium():
        print("SKIPPED: Chromium not found", file=sys.stderr)
        return NO_CHROMIUM
    with open(argv[0], encoding="utf-8") as f:
        job = json.load(f)
    axe_source = None
    if job.get("axe"):
        with open(job["axe"], encoding="utf-8") as f:
            axe_source = f.read()
    out = []
    with Browser(timeout=60.0) as browser:
        width = None
        for page in job["pages"]:
            if page.get("width", 1280) != width:
                width = page.get("width", 1280)
                viewport(browser, width)
            browser.send("Emulation.setEmulatedMedia", {"media": page.get("media", "")}, session=True)
            browser.goto(page["url"])
            check = page.get("check", "axe")
            if check == "axe":
                result = check_axe(browser, page, axe_source)
            elif check == "overflow":
                result = browser.eval(OVERFLOW_JS)
            else:
                result = check_keys(browser, page)
            out.append(dict(page, **result))
        errors = browser.errors
    json.dump({"pages": out, "errors": errors}, sys.stdout, ensure_ascii=False)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
