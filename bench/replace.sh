#!/usr/bin/env bash
# Times `ecoscope import` into a new store against `ecoscope import --replace`
# into a store that holds another data set of the same size (issue 9), for
# one or more ecoscope binaries, alternating them round by round:
#
#   bench/replace.sh                          # the ecoscope of this tree
#   bench/replace.sh /tmp/eco-old /tmp/eco-new
#
# Data: generated, 100,000 partners / 1,000,000 ties, seed 1 (stored) and
# seed 2 (imported; the same partner ids, other ties). Prints wall seconds,
# user and system CPU seconds and peak RSS per run, with the load average.
# ROUNDS (3), PARTNERS and TIES change the runs and the size. Data and
# stores go to bench/out/ (not committed).
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out
mkdir -p "$out"
if [ $# -eq 0 ]; then
	go build -o "$out/ecoscope" ./cmd/ecoscope
	set -- "$out/ecoscope"
fi
partners=${PARTNERS:-100000}
ties=${TIES:-1000000}
for seed in 1 2; do
	d="$out/replace-$partners-$ties-$seed"
	[ -d "$d" ] || "$1" generate --partners "$partners" --ties "$ties" --seed "$seed" --out "$d" >/dev/null
done
base="$out/replace-base.db"
rm -f "$base" "$base"-wal "$base"-shm
"$1" --store "$base" import "$out/replace-$partners-$ties-1" >/dev/null 2>&1
new="$out/replace-$partners-$ties-2"
echo "== $(date -u +%FT%TZ), $(nproc) cores, $partners partners / $ties ties"
for round in $(seq "${ROUNDS:-3}"); do
	for eco in "$@"; do
		echo "-- round $round, $eco, load $(cut -d' ' -f1-3 /proc/loadavg)"
		rm -f "$out"/replace-run.db*
		/usr/bin/time -o "$out/time" -f "fresh    %e s wall, %U s user, %S s sys, %M KB peak" "$eco" --store "$out/replace-run.db" import "$new" >/dev/null 2>&1
		cat "$out/time"
		rm -f "$out"/replace-run.db*
		cp "$base" "$out/replace-run.db"
		/usr/bin/time -o "$out/time" -f "replace  %e s wall, %U s user, %S s sys, %M KB peak" "$eco" --store "$out/replace-run.db" import --replace "$new" >/dev/null 2>&1
		cat "$out/time"
	done
done
rm -f "$out"/replace-run.db* "$base"
