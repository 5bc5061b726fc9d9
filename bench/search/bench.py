#!/usr/bin/env python3
"""Search benchmark: runs a query set through a built book's real search UI (headless
Chromium, file://) and prints relevance and speed, next to mdBook's stock search on the same
book when a second site is given.

    bench.py SITE [STOCK_SITE] [--queries FILE] [--rounds N] [--verbose] [--json OUT] [--check]

Relevance follows the query file's description: a result counts when the section of its page
(the number of the page's first heading cut to two levels, 2.2.5 -> 2.2; 資料N) is listed.
  recall@10     share of a query's relevant sections found among its first 10 results
  MRR           mean of 1/rank of the first relevant result (0 when none in the first 10)
  precision@5   share of relevant results among the first min(5, n) results (0 when n = 0)
  p95 latency   95th percentile over all query runs of input event -> results rendered
  search files  bytes of the scripts the page loads for search (searcher, index, libraries)
"""

import argparse
import html
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "search", "browser"))
from cdp import Browser, find_chromium  # noqa: E402
from query import open_search, run_query, search_script_files  # noqa: E402

DEFAULT_QUERIES = os.path.join(HERE, "..", "..", "..", "shared", "search", "queries-public.json")
TARGETS = {"recall@10": 0.90, "MRR": 0.80, "precision@5": 0.8, "p95 ms": 50, "search files bytes": 1_000_000}


class Site:
    """A built site: page sections and anchors, read from its html files."""

    def __init__(self, root):
        self.root = root
        self._pages = {}

    def _page(self, rel):
        if rel not in self._pages:
            path = os.path.join(self.root, rel)
            text = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
            main = text[text.find("<main"):] if "<main" in text else text
            m = re.search(r"<h1[^>]*>(.*?)</h1>", main, re.S)
            heading = unicodedata.normalize("NFKC", html.unescape(re.sub(r"<[^>]+>", "", m.group(1)))) if m else ""
            ids = set(re.findall(r'\sid="([^"]+)"', text))
            self._pages[rel] = (section_of(heading.strip()), {html.unescape(i) for i in ids})
        return self._pages[rel]

    def section(self, href):
        return self._page(href.split("#")[0])[0]

    def anchor_ok(self, href):
        if "#" not in href:
            return True
        page, anchor = href.split("#", 1)
        return anchor in self._page(page)[1]


def section_of(heading):
    m = re.match(r"(\d+)\.(\d+)", heading)
    if m:
        return f"{m.group(1)}.{m.group(2)}"
    m = re.match(r"資料\s*(\d+)", heading)
    if m:
        return f"資料{m.group(1)}"
    return heading


def percentile(values, p):
    if not values:
        return 0.0
    values = sorted(values)
    k = max(0, min(len(values) - 1, int(round(p / 100 * len(values) + 0.5)) - 1))
    return values[k]


def measure(site_dir, queries, rounds):
    site = Site(site_dir)
    per_query = []
    times = []
    with Browser() as browser:
        opened = open_search(browser, site_dir)
        runs = {}
        for _ in range(rounds):
            for q in queries:
                out = run_query(browser, site_dir, q["query"])
                times.append(out["ms"])
                runs.setdefault(q["id"], out)
        files = search_script_files(browser, site_dir)
        errors = browser.errors
    broken = 0
    for q in queries:
        out = runs[q["id"]]
        relevant = set(q["relevant_sections"])
        labels = [site.section(r["href"]) for r in out["results"]]
        broken += sum(not site.anchor_ok(r["href"]) for r in out["results"][:10])
        top10 = labels[:10]
        hits10 = [label in relevant for label in top10]
        rr = next((1 / (i + 1) for i, h in enumerate(hits10) if h), 0.0)
        top5 = labels[:5]
        p5 = sum(label in relevant for label in top5) / len(top5) if top5 else 0.0
        per_query.append({
            "id": q["id"], "kind": q.get("kind", ""), "query": q["query"], "n": len(labels),
            "recall@10": len(relevant & set(top10)) / len(relevant), "rr": rr, "precision@5": p5,
            "top": labels[:10], "relevant": sorted(relevant), "header": out["header"],
        })
    n = len(per_query)
    return {
        "recall@10": sum(r["recall@10"] for r in per_query) / n,
        "MRR": sum(r["rr"] for r in per_query) / n,
        "precision@5": sum(r["precision@5"] for r in per_query) / n,
        "p95 ms": percentile(times, 95),
        "median ms": percentile(times, 50),
        "search files bytes": sum(files.values()),
        "files": files,
        "index load ms": opened["ms"],
        "broken anchors": broken,
        "js errors": errors,
        "queries": per_query,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("site")
    ap.add_argument("stock_site", nargs="?")
    ap.add_argument("--queries", default=DEFAULT_QUERIES)
    ap.add_argument("--rounds", type=int, default=3, help="times each query is run (latency samples)")
    ap.add_argument("--verbose", action="store_true", help="per-query figures")
    ap.add_argument("--json", help="also write all figures to this file")
    ap.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = ap.parse_args()
    if not find_chromium():
        print("SKIPPED: Chromium not found (apt-get install chromium, or set $CHROMIUM)", file=sys.stderr)
        return 3
    queries = json.load(open(args.queries, encoding="utf-8"))["queries"]
    sites = {"bcp-search": args.site}
    if args.stock_site:
        sites["stock mdBook"] = args.stock_site
    figures = {name: measure(path, queries, args.rounds) for name, path in sites.items()}

    print(f"queries: {os.path.relpath(args.queries)} ({len(queries)}), {args.rounds} runs each, file://")
    names = list(figures)
    print(f"{'':22}" + "".join(f"{n:>15}" for n in names) + f"{'target':>12}")
    rows = [("recall@10", "{:.3f}"), ("MRR", "{:.3f}"), ("precision@5", "{:.3f}"), ("p95 ms", "{:.1f}"),
            ("median ms", "{:.1f}"), ("search files bytes", "{:,}"), ("index load ms", "{:.0f}"),
            ("broken anchors", "{}")]
    for key, fmt in rows:
        target = TARGETS.get(key)
        tgt = "" if target is None else ("<" if "ms" in key or "bytes" in key else ">=") + f" {target:,}"
        print(f"{key:22}" + "".join(f"{fmt.format(figures[n][key]):>15}" for n in names) + f"{tgt:>12}")
    for n in names:
        print(f"{n} files: " + ", ".join(f"{k} {v:,}" for k, v in sorted(figures[n]["files"].items())))
        if figures[n]["js errors"]:
            print(f"{n} JS errors: {figures[n]['js errors']}")
    if args.verbose:
        for n in names:
            print(f"\n{n}: id kind R@10 RR P@5 n | query | first results (relevant)")
            for r in figures[n]["queries"]:
                print(f"  {r['id']} {r['kind']:9} {r['recall@10']:.2f} {r['rr']:.2f} {r['precision@5']:.2f} "
                      f"{r['n']:3} | {r['query']} | {' '.join(r['top'][:8])} ({' '.join(r['relevant'])})")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(figures, f, ensure_ascii=False, indent=1)
    ours = figures["bcp-search"]
    missed = [k for k, t in TARGETS.items() if (ours[k] >= t if ("ms" in k or "bytes" in k) else ours[k] < t)]
    if missed:
        print("targets missed: " + ", ".join(missed))
    return 1 if args.check and (missed or ours["broken anchors"] or ours["js errors"]) else 0


if __name__ == "__main__":
    sys.exit(main())
