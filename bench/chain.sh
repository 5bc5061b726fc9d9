#!/usr/bin/env bash
# A chain of N stores generated from examples/chain (each store with its own
# name, address and manager in stores.csv, and its own staff, devices and 2.4
# statuses in stores/<id>/data/), then timed and measured:
#
#   - the site-only build of all N stores (one process, every core):
#     target >= 50 plans/s, peak memory (max RSS) <= 2 GB;
#   - each store's size without the shared assets (book/stores/_assets/):
#     target <= 1.0 MB, as bytes of its files and as disk blocks;
#   - a rebuild after one store's data changed: target <= 2 s, and only that
#     store and the overview written;
#   - --pdf for PDF_N stores through one browser session, extrapolated to N
#     (target: N = 1000 in <= 30 minutes). Skipped without Chromium or with
#     PDF_N=0.
#
#   bench/chain.sh [N] [PDF_N]        (defaults: 1000, 20)
#
# BCP=path/to/bcp measures that binary (an older build, to compare) instead
# of building this tree's.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
pdf_n=${2:-20}
repo=$PWD

if [[ -n ${BCP:-} ]]; then
  bcp=$(realpath "$BCP")
else
  cargo build --release -q -p bcp-cli
  bcp=$repo/target/release/bcp
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A chain of $1 stores under $2 (the example's shared data and theme, the
# book's chapters at ../../src as in the repository).
generate() {
  local count=$1 top=$2 root
  root=$top/examples/chain
  mkdir -p "$root/stores"
  cp -r "$repo/src" "$top/src"
  cp -rL "$repo/examples/chain/book.toml" "$repo/examples/chain/data" "$repo/examples/chain/theme" "$root/"
  local statuses=(完了 対応中 未着手 完了)
  local oses=("Windows 11 Pro 24H2" "Windows 11 Pro 23H2" "Windows 10 Pro 22H2" "Windows 11 Pro 24H2")
  {
    echo "店舗ID,店舗名,所在地,電話番号,管理者,管理者の電話番号"
    for i in $(seq 1 "$count"); do
      printf 's%04d,さくら調剤薬局 第%d店,〒164-%04d 東京都中野区本町%d-%d,03-5555-%04d,管理 %d郎,090-0000-%04d\n' \
        "$i" "$i" "$i" $((i % 9 + 1)) $((i % 50 + 1)) "$i" "$i" "$i"
    done
  } >"$root/stores.csv"
  for i in $(seq 1 "$count"); do
    local id dir
    id=$(printf 's%04d' "$i")
    dir=$root/stores/$id/data
    mkdir -p "$dir"
    cat >"$dir/store.toml" <<EOF
# 第${i}店: 職員・機器・2.4 の状況がこの店舗のもの（名称と連絡先は stores.csv）。
[people.staff${i}]
name = "薬剤師 ${i}子"
title = "薬剤師"
department = "調剤部門"
phone = "03-5556-$(printf '%04d' "$i")"

[[measures]]
id = "1-3"
status = "${statuses[$((i % 4))]}"

[[measures]]
id = "2-1"
owner = "staff${i}"
status = "${statuses[$(((i + 1) % 4))]}"

[[devices]]
id = "${id}-01"
maker = "富士通"
os = "${oses[$((i % 4))]}"
software = "ReceWorks Ph"
version = "12.$((i % 10))"
ip = "192.168.$((i % 250)).11"
hostname = "SKR-${id}-RC01"
location = "受付"
users = "医療事務・薬剤師"
registered = 2024-04-01
status = "稼働"
system = "receipt"

[[devices]]
id = "${id}-02"
maker = "NEC"
os = "Windows 11 Pro 24H2"
software = "MediSys薬歴 Pro（クライアント）"
version = "8.$((i % 7)).1"
ip = "192.168.$((i % 250)).12"
hostname = "SKR-${id}-YK01"
location = "調剤室"
users = "薬剤師"
registered = 2023-10-01
status = "稼働"
system = "yakureki"
EOF
  done
}

generate "$n" "$work/big"
root=$work/big/examples/chain
book=$work/big/book
cores=$(nproc)
echo "chain: $n stores, $cores cores"

# The full build: wall time, CPU time (user + sys, children included) and
# peak memory. On a machine shared with other work the wall time shows the
# share it got; the CPU time per plan gives the rate on dedicated cores.
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -f '%e %U %S %M' -o "$work/time" "$bcp" build --root "$root" --dest-dir "$book" 2>/dev/null
read -r wall user sys rss_kb <"$work/time"
awk -v n="$n" -v w="$wall" -v u="$user" -v s="$sys" -v c="$cores" 'BEGIN {
  r = n / w; cpu = (u + s) * 1000 / n; ded = c * 1000 / cpu
  printf "full build (site only): %.1f s wall, %.1f plans/s (target >= 50) %s\n", w, r, (r >= 50 ? "OK" : "UNDER")
  printf "  CPU %.1f ms per plan (user %.1f s + sys %.1f s): %.1f plans/s on %d dedicated cores %s\n", cpu, u, s, ded, c, (ded >= 50 ? "OK" : "UNDER")
}'
awk -v kb="$rss_kb" 'BEGIN { printf "peak memory (max RSS): %.0f MB (target <= 2048) %s\n", kb / 1024, (kb / 1024 <= 2048 ? "OK" : "OVER") }'

# Sizes: each store without the shared assets.
stores_bytes=$(find "$book/stores" -mindepth 2 -path "$book/stores/_assets" -prune -o -type f -printf '%s\n' | awk '{s += $1} END {print s}')
stores_blocks=$(du -s --block-size=1 --exclude=_assets "$book/stores" | cut -f1)
assets_bytes=$(du -sb "$book/stores/_assets" | cut -f1)
awk -v b="$stores_bytes" -v d="$stores_blocks" -v n="$n" -v a="$assets_bytes" 'BEGIN {
  per = b / n / 1e6; perd = d / n / 1e6
  printf "per store without shared assets: %.3f MB of files, %.3f MB on disk (target <= 1.0) %s\n", per, perd, (perd <= 1.0 ? "OK" : "OVER")
  printf "shared assets, once: %.2f MB\n", a / 1e6
}'

# Nothing changed: nothing but the overview written.
/usr/bin/time -f '%e %U %S' -o "$work/time" "$bcp" build --root "$root" --dest-dir "$book" 2>/dev/null
read -r wall user sys <"$work/time"
echo "rebuild, nothing changed: $wall s wall, $(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }') s CPU"

# One store's data changed: only that store and the overview written.
one=$root/stores/$(printf 's%04d' $(((n + 1) / 2)))/data/store.toml
touch "$work/mark"
sleep 1
sed -i 's/status = "未着手"/status = "完了"/; t; s/status = "対応中"/status = "完了"/' "$one"
echo '# changed' >>"$one"
/usr/bin/time -f '%e %U %S' -o "$work/time" "$bcp" build --root "$root" --dest-dir "$book" 2>/dev/null
read -r wall user sys <"$work/time"
ms=$(awk -v w="$wall" 'BEGIN { printf "%d", w * 1000 }')
written=$(find "$book" -newer "$work/mark" -type f | sed "s|$book/||" | awk -F/ '{ print ($1 == "stores" && NF > 2) ? $1 "/" $2 "/" : $0 }' | sort -u | tr '\n' ' ')
awk -v ms="$ms" -v u="$user" -v s="$sys" 'BEGIN { printf "rebuild after one store changed: %d ms wall, %.2f s CPU (target <= 2000 ms) %s\n", ms, u + s, (ms <= 2000 ? "OK" : "OVER") }'
echo "written: $written"

# PDFs through one browser session, on a smaller chain, extrapolated.
if [[ $pdf_n -gt 0 ]] && { [[ -n ${BCP_CHROMIUM:-} ]] || command -v chromium >/dev/null 2>&1; }; then
  generate "$pdf_n" "$work/pdf"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  /usr/bin/time -f '%e %U %S' -o "$work/time" "$bcp" build --pdf --root "$work/pdf/examples/chain" --dest-dir "$work/pdf/book" 2>/dev/null
  read -r wall user sys <"$work/time"
  pdfs=$(find "$work/pdf/book" -name '*.pdf' | wc -l)
  awk -v w="$wall" -v u="$user" -v s="$sys" -v k="$pdf_n" -v p="$pdfs" 'BEGIN {
    per = w * 1000 / k; total = per * 1000 / 60000
    printf "--pdf, %d stores (%d PDFs) through one browser: %.1f s wall, %.0f ms per store; CPU %.1f s (Chromium included)\n", k, p, w, per, u + s
    printf "extrapolated to 1000 stores: %.1f min (target <= 30) %s\n", total, (total <= 30 ? "OK" : "OVER")
  }'
else
  echo "--pdf: skipped (PDF_N=0 or no Chromium)"
fi
