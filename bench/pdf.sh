#!/usr/bin/env bash
# Times `bcp build --pdf` (HTML, then print.pdf, handout.pdf and poster.pdf in one Chromium
# session) against a bare `chromium --headless --print-to-pdf` of the same print.html, in the
# same run, interleaved. Target: the whole `bcp build --pdf` <= 1.5x the one bare print.
#
#   bench/pdf.sh [BOOK_ROOT] [RUNS]      (default: examples/sakura-pharmacy, 5 runs)
#
# Chromium as bcp finds it: $BCP_CHROMIUM, else chromium (or Chrome) on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
root=${1:-examples/sakura-pharmacy}
runs=${2:-5}

cargo build --release -q -p bcp-cli
bcp=$PWD/target/release/bcp
chromium=${BCP_CHROMIUM:-}
if [[ -z $chromium ]]; then
  for name in chromium chromium-browser google-chrome google-chrome-stable chrome; do
    chromium=$(command -v "$name" || true)
    [[ -n $chromium ]] && break
  done
fi
[[ -n $chromium ]] || { echo "no Chromium (set BCP_CHROMIUM)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$bcp" build --root "$root" --dest-dir "$work/site" >/dev/null 2>&1

# time_ms, median
source bench/lib.sh

# The bare print: a fresh profile each time, as a one-off print would have.
bare() {
  rm -rf "$work/profile"
  "$chromium" --headless --no-sandbox --disable-gpu --no-first-run --no-pdf-header-footer \
    --user-data-dir="$work/profile" --print-to-pdf="$work/bare.pdf" "file://$work/site/print.html"
}
ours() { "$bcp" build --root "$root" --dest-dir "$work/ours" --pdf; }
html() { "$bcp" build --root "$root" --dest-dir "$work/html"; }

bare >/dev/null 2>&1; ours >/dev/null 2>&1   # warm-up (page cache, fonts)
bare_t=(); ours_t=(); html_t=()
for _ in $(seq "$runs"); do
  bare_t+=("$(time_ms bare)")
  ours_t+=("$(time_ms ours)")
  html_t+=("$(time_ms html)")
done
[[ -s $work/bare.pdf && -s $work/ours/print.pdf ]] || { echo "a print failed" >&2; exit 1; }
b=$(printf '%s\n' "${bare_t[@]}" | median)
o=$(printf '%s\n' "${ours_t[@]}" | median)
h=$(printf '%s\n' "${html_t[@]}" | median)
pdfs=$(cd "$work/ours" && find . -name '*.pdf' | sort | tr '\n' ' ')
echo "book: $root, runs: $runs, chromium: $chromium"
echo "bare chromium --print-to-pdf of print.html:       ${b} ms (median)"
echo "bcp build --pdf (HTML + ${pdfs% }): ${o} ms (median)"
echo "bcp build (HTML only):                            ${h} ms (median)"
awk -v a="$o" -v b="$b" 'BEGIN { r = a / b; printf "ratio: %.2fx (target <= 1.50x) %s\n", r, (r <= 1.5 ? "OK" : "OVER") }'
