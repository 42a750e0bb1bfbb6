#!/usr/bin/env bash
# kill -9 during imports: every trial must leave a store that passes
# SQLite's integrity check and holds wholly the old or wholly the new data
# set (issue 9).
#
#   bench/killtrials.sh [TRIALS]     # default 30
#
# Two generated data sets of 20,000 partners / 300,000 ties (seeds 1 and 2)
# are imported alternately with --replace, each import killed with SIGKILL
# after a random 0.1-1.8 s (a whole import takes about 1.3 s here), and the
# store checked. Needs python3 (for sqlite3's integrity_check).
set -euo pipefail
cd "$(dirname "$0")/.."
trials=${1:-30}
out=bench/out/kill
rm -rf "$out"
mkdir -p "$out"
go build -o "$out/ecoscope" ./cmd/ecoscope
eco="$out/ecoscope"
"$eco" generate --partners 20000 --ties 300000 --seed 1 --out "$out/a" >/dev/null 2>&1
"$eco" generate --partners 20000 --ties 300000 --seed 2 --out "$out/b" >/dev/null 2>&1
counts() {
	"$eco" --store "$1" report --format json 2>/dev/null |
		python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["partners"], d["ties"], d["memberships"])'
}
"$eco" --store "$out/b.db" import "$out/b" >/dev/null 2>&1
B=$(counts "$out/b.db")
"$eco" --store "$out/s.db" import "$out/a" >/dev/null 2>&1
A=$(counts "$out/s.db")
ok=0 bad=0 na=0 nb=0
for ((i = 1; i <= trials; i++)); do
	src=b
	[ "$(counts "$out/s.db")" = "$B" ] && src=a
	"$eco" --store "$out/s.db" import --replace "$out/$src" >/dev/null 2>&1 &
	pid=$!
	sleep "$(python3 -c 'import random; print(round(random.uniform(0.1, 1.8), 2))')"
	kill -9 "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	check=$(python3 -c "import sqlite3; print(sqlite3.connect('file:$out/s.db?mode=ro', uri=True).execute('pragma integrity_check').fetchone()[0])" 2>&1)
	got=$(counts "$out/s.db")
	if [ "$check" = ok ] && [ "$got" = "$A" ]; then
		ok=$((ok + 1)) na=$((na + 1))
	elif [ "$check" = ok ] && [ "$got" = "$B" ]; then
		ok=$((ok + 1)) nb=$((nb + 1))
	else
		bad=$((bad + 1))
		echo "trial $i: integrity $check, counts $got"
	fi
done
echo "kill -9 trials: $ok of $trials consistent ($na wholly data set a, $nb wholly b), $bad not"
