#!/usr/bin/env bash
# Times `bcp build` (whole process) against stock `mdbook build` of the same
# book with its blocks already expanded, in the same run. Target: ≤ 1.2×.
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

# One timed run in ms.
time_ms() {
  local t0 t1
  t0=$(date +%s%N)
  "$@" >/dev/null 2>&1
  t1=$(date +%s%N)
  echo $(( (t1 - t0) / 1000000 ))
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

ours_cmd=("$bcp" build --root "$root" --dest-dir "$work/ours")
stock_cmd=(mdbook build "$work/expanded" --dest-dir "$work/stock")
"${ours_cmd[@]}" >/dev/null 2>&1; "${stock_cmd[@]}" >/dev/null 2>&1   # warm-up
# Interleaved, so background load hits both alike.
ours_t=(); stock_t=()
for _ in $(seq "$runs"); do
  ours_t+=("$(time_ms "${ours_cmd[@]}")")
  stock_t+=("$(time_ms "${stock_cmd[@]}")")
done
ours=$(printf '%s\n' "${ours_t[@]}" | median)
stock=$(printf '%s\n' "${stock_t[@]}" | median)
echo "book: $root, runs: $runs"
echo "bcp build (preprocess + render + Japanese search index): ${ours} ms (median)"
echo "stock mdbook build of the expanded book:                 ${stock} ms (median)"
awk -v a="$ours" -v b="$stock" 'BEGIN { r = a / b; printf "ratio: %.2fx (target <= 1.20x) %s\n", r, (r <= 1.2 ? "OK" : "OVER") }'

# Wall times of ~40 ms are noisy on a shared machine; instruction counts are not.
if command -v valgrind >/dev/null 2>&1; then
  ir() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | awk '/Collected/ {print $NF}'; }
  ours_ir=$(ir "${ours_cmd[@]}")
  stock_ir=$(ir "${stock_cmd[@]}")
  awk -v a="$ours_ir" -v b="$stock_ir" 'BEGIN { printf "instructions (callgrind): bcp %d, stock %d, ratio %.2fx\n", a, b, a / b }'
fi
