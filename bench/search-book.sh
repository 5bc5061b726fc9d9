#!/usr/bin/env bash
# Search benchmark on the real book: builds it with our search (bcp build) and,
# in the same run, the same expanded book with stock mdBook search (mdbook build),
# then runs the public query set through both UIs in headless Chromium (file://).
#
#   bench/search-book.sh [BOOK_ROOT] [extra bench/search.sh flags, e.g. --verbose --check]
set -euo pipefail
cd "$(dirname "$0")/.."
root=${1:-.}
shift || true
cargo build --release -q -p bcp-cli
command -v mdbook >/dev/null 2>&1 || cargo install mdbook --version 0.5.4 --locked -q
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
target/release/bcp build --root "$root" --dest-dir "$work/ours" 2>/dev/null
target/release/bcp expand --root "$root" --out "$work/expanded" 2>/dev/null
# Stock: mdBook's own search, no additional searcher.
sed -i -e '/^additional-js = /d' -e '/^\[output\.html\.search\]$/d' -e '/^copy-js = false$/d' "$work/expanded/book.toml"
mdbook build "$work/expanded" --dest-dir "$work/stock" >/dev/null 2>&1
bench/search.sh "$work/ours" "$work/stock" "$@"
