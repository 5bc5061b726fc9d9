#!/usr/bin/env bash
# Search benchmark: recall@10, MRR, precision@5, p95 latency and the size of the files search
# loads, for our Japanese search and (given a second site) mdBook's stock search on the same
# book, each run through the real search UI in headless Chromium from file://.
#
#   bench/search.sh SITE_DIR [STOCK_SITE_DIR] [--queries FILE] [--verbose] [--json OUT] [--check]
#
# Without a built book at hand, build the seed fixture first:
#   cargo run -p bcp-search --example seed_site -- target/seed-site
#   bench/search.sh target/seed-site/bcp/book target/seed-site/stock/book
# Needs Chromium (Debian: apt-get install -y chromium; or set $BCP_CHROMIUM).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [[ $# -lt 1 ]]; then
    sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
fi
cargo build --release -q --manifest-path "$here/../Cargo.toml" -p bcp-search --example search_bench
exec "${CARGO_TARGET_DIR:-$here/../target}/release/examples/search_bench" "$@"
