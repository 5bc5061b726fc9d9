#!/usr/bin/env bash
# Times `bcp build` (whole process) against stock `mdbook build` of the same
# book with its blocks already expanded (one language), in the same run.
# Targets, per language built (N = the source plus its translations):
# N languages ≤ 1.2 × N stock builds; one language ≤ 1.1×.
#
#   bench/build.sh [BOOK_ROOT] [RUNS]
#
# Needs stock mdbook 0.5.4 on PATH (installed with cargo when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
root=${1:-.}
runs=${2:-15}

cargo build --release -q -p bcp-cli
command -v mdbook >/dev/null 2>&1 || cargo install mdbook --version 0.5.4 --locked -q
bcp=$PWD/target/release/bcp
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$bcp" expand --root "$root" --out "$work/expanded" 2>/dev/null

# time_ms, median
source bench/lib.sh

ours_cmd=("$bcp" build --root "$root" --dest-dir "$work/ours")
stock_cmd=(mdbook build "$work/expanded" --dest-dir "$work/stock")
"${ours_cmd[@]}" >/dev/null 2>&1; "${stock_cmd[@]}" >/dev/null 2>&1   # warm-up
# Interleaved, so background load hits both alike.
ours_t=(); stock_t=()
for _ in $(seq "$runs"); do
  ours_t+=("$(time_ms "${ours_cmd[@]}")")
  stock_t+=("$(time_ms "${stock_cmd[@]}")")
done
# Languages built: the root plus each LANG/ folder with its own print.html.
langs=1
for d in "$work/ours"/*/; do if [[ -f $d/print.html ]]; then langs=$((langs + 1)); fi; done
ours=$(printf '%s\n' "${ours_t[@]}" | median)
stock=$(printf '%s\n' "${stock_t[@]}" | median)
echo "book: $root, runs: $runs, languages: $langs"
echo "bcp build (preprocess + render + Japanese search index): ${ours} ms (median)"
echo "stock mdbook build of the expanded book:                 ${stock} ms (median)"
target=$([[ $langs -gt 1 ]] && echo 1.2 || echo 1.1)
awk -v a="$ours" -v b="$stock" -v n="$langs" -v t="$target" 'BEGIN { r = a / b / n; printf "ratio per language: %.2fx (target <= %.2fx) %s\n", r, t, (r <= t ? "OK" : "OVER") }'

# Wall times of ~40 ms are noisy on a shared machine; instruction counts are not.
if command -v valgrind >/dev/null 2>&1; then
  ir() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | awk '/Collected/ {print $NF}'; }
  ours_ir=$(ir "${ours_cmd[@]}")
  stock_ir=$(ir "${stock_cmd[@]}")
  awk -v a="$ours_ir" -v b="$stock_ir" -v n="$langs" -v t="$target" 'BEGIN { r = a / b / n; printf "instructions (callgrind): bcp %d, stock %d (one language), per language %.2fx (target <= %.2fx) %s\n", a, b, r, t, (r <= t ? "OK" : "OVER") }'
fi
