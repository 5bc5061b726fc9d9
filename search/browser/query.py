#!/usr/bin/env python3
"""Runs queries through a built book's real search UI in headless Chromium, from file://.

    query.py search SITE_DIR QUERY...   results of each query (works for mdBook's stock search too)
    query.py follow SITE_DIR QUERY      opens the first result, lists the highlighted marks
    query.py ui SITE_DIR QUERY          keyboard walk-through: '/', type, ArrowDown, Enter

Prints one JSON object on stdout. Result hrefs are relative to SITE_DIR, e.g.
`ch2/2-2.html#s2-2-1` (the ?highlight= parameter is reported apart, as `highlight`).
Exit status 0 on success, 1 on error, 3 when no Chromium is installed (callers report the
test as skipped, or fail under CI=true).
"""

import json
import os
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cdp import Browser, find_chromium  # noqa: E402

NO_CHROMIUM = 3

# Opens the search bar and types a first query, then waits until results (or a message) show:
# that covers the index being loaded by mdBook's searcher and by ours alike.
OPEN_JS = """
(async () => {
  const t0 = performance.now();
  document.getElementById('mdbook-search-toggle').click();
  const bar = document.getElementById('mdbook-searchbar');
  const header = document.getElementById('mdbook-searchresults-header');
  bar.value = %s;
  for (let i = 0; i < 400; i++) {
    bar.dispatchEvent(new Event('input', {bubbles: true}));
    bar.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true, key: 'Unidentified'}));
    const text = header.innerText.trim();
    const ours = window.bcpSearchCore ? (window.search.ready || 'loading') : null;
    if ((ours && ours !== 'loading') || (!ours && text !== '')) {
      return {ms: performance.now() - t0, state: ours || 'stock', header: text};
    }
    await new Promise(r => setTimeout(r, 25));
  }
  return {ms: performance.now() - t0, state: 'timeout', header: header.innerText};
})()
"""

# Types one query the way the UI receives it and times the synchronous search and render.
QUERY_JS = """
(() => {
  const bar = document.getElementById('mdbook-searchbar');
  const list = document.getElementById('mdbook-searchresults');
  const t0 = performance.now();
  bar.value = %s;
  bar.dispatchEvent(new Event('input', {bubbles: true}));
  bar.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true, key: 'Unidentified'}));
  void list.offsetHeight;
  const ms = performance.now() - t0;
  const results = [...list.querySelectorAll(':scope > li')].map(li => {
    const a = li.querySelector('a');
    const t = li.querySelector('.teaser');
    return {href: a.href, title: a.textContent, teaser: t ? t.innerHTML : ''};
  });
  const header = document.getElementById('mdbook-searchresults-header').innerText;
  return {ms, header, results};
})()
"""

MARKS_JS = """
(() => [...document.querySelectorAll('#mdbook-content mark')].map(m => m.textContent))()
"""

SCRIPTS_JS = """
(() => [...document.scripts].map(s => s.src).filter(Boolean))()
"""


def site_url(site_dir):
    return "file://" + urllib.parse.quote(os.path.abspath(site_dir).rstrip("/") + "/")


def relative(href, site_dir):
    """Splits a result href into (site-relative path#anchor, highlight words)."""
    base = site_url(site_dir)
    parts = urllib.parse.urlsplit(href)
    path = urllib.parse.unquote(parts.path)
    root = urllib.parse.unquote(urllib.parse.urlsplit(base).path)
    rel = path[len(root):] if path.startswith(root) else path
    highlight = urllib.parse.parse_qs(parts.query).get("highlight", [""])[0]
    anchor = urllib.parse.unquote(parts.fragment)
    return (rel + ("#" + anchor if anchor else "")), highlight


def open_search(browser, site_dir, page="index.html", first_query="BCP"):
    browser.goto(site_url(site_dir) + page)
    return browser.eval(OPEN_JS % json.dumps(first_query))


def run_query(browser, site_dir, query):
    out = browser.eval(QUERY_JS % json.dumps(query))
    for r in out["results"]:
        r["href"], r["highlight"] = relative(r["href"], site_dir)
    out["query"] = query
    return out


def search_script_files(browser, site_dir):
    """Site files of the scripts the page loaded for search, with their sizes."""
    files = {}
    for src in browser.eval(SCRIPTS_JS):
        rel, _ = relative(src, site_dir)
        name = os.path.basename(rel)
        if any(k in name for k in ("search", "elasticlunr", "mark")):
            path = os.path.join(site_dir, rel)
            if os.path.exists(path):
                files[rel] = os.path.getsize(path)
    return files


def cmd_search(site_dir, queries):
    with Browser() as browser:
        opened = open_search(browser, site_dir)
        results = [run_query(browser, site_dir, q) for q in queries]
        return {"open": opened, "queries": results, "files": search_script_files(browser, site_dir),
                "errors": browser.errors}


def cmd_follow(site_dir, query):
    with Browser() as browser:
        open_search(browser, site_dir)
        first = run_query(browser, site_dir, query)
        if not first["results"]:
            return {"query": query, "href": None, "marks": [], "errors": browser.errors}
        href = browser.eval("document.querySelector('#mdbook-searchresults a').href")
        browser.goto(href)
        time.sleep(0.1)
        return {"query": query, "href": first["results"][0]["href"], "marks": browser.eval(MARKS_JS),
                "url": browser.eval("location.href"), "errors": browser.errors}


def cmd_ui(site_dir, query):
    """The keyboard path a user takes: '/' opens search, type, ArrowDown, Enter, Escape.

    When the query shows no result (no index, nothing found) it stops after typing and reports
    the header instead of waiting for a page load that never comes.
    """
    with Browser() as browser:
        browser.goto(site_url(site_dir) + "index.html")
        browser.key("/", code="Slash")
        state = browser.eval("""({
            visible: !document.getElementById('mdbook-search-wrapper').classList.contains('hidden'),
            focused: document.activeElement && document.activeElement.id === 'mdbook-searchbar'})""")
        ready = None
        for _ in range(200):
            ready = browser.eval("window.search && window.search.ready")
            if ready not in (None, "loading"):
                break
            time.sleep(0.025)
        browser.insert_text(query)
        time.sleep(0.05)
        count = browser.eval("document.querySelectorAll('#mdbook-searchresults > li').length")
        header = browser.eval("document.getElementById('mdbook-searchresults-header').innerText")
        out = {"opened": state, "index": ready, "header": header, "results": count,
               "first_focused": False, "navigated": False, "url": None, "marks": [],
               "escape_unmarks": None, "errors": browser.errors}
        if not count:
            return out
        browser.key("ArrowDown")
        out["first_focused"] = browser.eval("!!document.querySelector('#mdbook-searchresults li.focus')")
        before = browser.eval("location.href")
        browser.events = [e for e in browser.events if e.get("method") != "Page.loadEventFired"]
        browser.key("Enter")
        browser.wait_event("Page.loadEventFired", timeout=10)
        time.sleep(0.1)
        after = browser.eval("location.href")
        out["marks"] = browser.eval(MARKS_JS)
        browser.key("Escape")
        out["escape_unmarks"] = browser.eval("document.querySelectorAll('#mdbook-content mark').length") == 0
        out.update({"navigated": before != after, "url": relative(after, site_dir)[0],
                    "errors": browser.errors})
        return out


def main(argv):
    if len(argv) < 3 or argv[0] not in ("search", "follow", "ui"):
        print(__doc__, file=sys.stderr)
        return 1
    if not find_chromium():
        print("SKIPPED: Chromium not found (apt-get install chromium, or set $CHROMIUM)", file=sys.stderr)
        return NO_CHROMIUM
    command, site_dir, rest = argv[0], argv[1], argv[2:]
    if command == "search":
        out = cmd_search(site_dir, rest)
    elif command == "follow":
        out = cmd_follow(site_dir, rest[0])
    else:
        out = cmd_ui(site_dir, rest[0])
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
