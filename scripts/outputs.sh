#!/usr/bin/env bash
# Writes the output of every ecoscope command on the shipped example (and a
# small generated ecosystem) into a folder, one file per command line, so
# that two builds can be compared: a refactoring must leave them identical.
#
#   scripts/outputs.sh BINARY OUTDIR
#   scripts/outputs.sh /tmp/ecoscope-before /tmp/out-before
#   scripts/outputs.sh /tmp/ecoscope-after /tmp/out-after
#   diff -r /tmp/out-before /tmp/out-after && echo identical
#
# stdout goes to NAME.out, stderr to NAME.err, the exit code to NAME.code.
# Paths in the outputs are the same for both runs (the data is copied to
# OUTDIR/../outputs-data first), and the store is made fresh per run.
set -euo pipefail
bin=$(realpath "$1")
out=$(realpath -m "$2")
cd "$(dirname "$0")/.."
data=$(dirname "$(realpath -m "$out")")/outputs-data
rm -rf "$out" "$data"
mkdir -p "$out" "$data"
cp -r examples/energieke-regio "$data/example"
"$bin" generate --partners 300 --seed 7 --out "$data/gen" >/dev/null 2>&1
store="$data/store.db"
n=0
run() {
	n=$((n + 1))
	local name
	name=$(printf '%03d' "$n")
	(cd "$data" && "$bin" "$@" >"$out/$name.out" 2>"$out/$name.err"; echo $? >"$out/$name.code") || true
	echo "$*" >"$out/$name.cmd"
}
for d in example gen; do
	for f in "" "--at 2020" "--at 2022-06" "--unit fl-aardgasvrije-wijken"; do
		for fmt in text json; do
			run report --from "$d" $f --format "$fmt"
			run gaps --from "$d" $f --format "$fmt"
			run check --from "$d" $f --format "$fmt"
			run values --from "$d" $f --format "$fmt"
		done
		run check --from "$d" $f --lang nl
		for lvl in network units nodes; do
			for fmt in json csv; do
				run metrics --from "$d" $f --level "$lvl" --format "$fmt"
			done
		done
		for t in explicit units; do
			run metrics --from "$d" $f --ties "$t"
			run gaps --from "$d" $f --ties "$t" --format json
		done
	done
	for fmt in text json csv; do
		run growth --from "$d" --format "$fmt"
		run growth --from "$d" --every quarter --format "$fmt"
	done
	run diff --from "$d" --at 2019 --at 2024
	run diff --from "$d" --at 2019 --at 2024 --format json
	run import --dry-run "$d"
done
run --store store.db import example
run --store store.db import example
run --store store.db report
run --store store.db metrics --level nodes
run --store store.db gaps --format json
run --store store.db history
run --store store.db metrics --level units --save
run --store store.db history --unit nope
run export --from example --format cypher
run export --from gen --format cypher --at 2022
for fmt in graphml gexf cytoscape; do
	run export --from example --format "$fmt"
	run export --from gen --format "$fmt" --at 2022 --ties explicit
done
# (history's own output holds the run's time, so it differs between runs.)
# Errors and help.
run report --from nowhere
run report --from example --at 2019-13
run metrics --from example --level nope
run report example
run gaps --from example --unit no-such-unit
for c in import report metrics gaps growth diff check values history export init generate version; do
	run help "$c"
done
run --help
echo "$n command lines written to $out"
