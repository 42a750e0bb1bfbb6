#!/usr/bin/env bash
# Times every ecoscope command on the full EU CORDIS Horizon 2020 network
# (../shared/data/cordis-h2020/: 35,871 organisations, 31,451 projects,
# 144,726 participations), converted by bench/cordis into a data set folder:
#
#   bench/cordis.sh                 # every command, one run each
#   bench/cordis.sh exact           # also exact betweenness (metrics --level nodes, values): minutes
#
# Two data sets: "units" (projects as team units, participations as
# memberships: the co-participation network is what --ties units derives,
# 796,670 organisation pairs) and "ties" (the same plus every pair of a
# project as an explicit tie with the project as its id: 1.09 M tie records,
# the form in which issue 8 was found). Prints one line per command: wall
# seconds, peak RSS, exit code and the size of the output. Data and outputs
# go to bench/out/ (not committed).
set -euo pipefail
cd "$(dirname "$0")/.."
in=${CORDIS:-../shared/data/cordis-h2020/h2020_participations_full.csv.gz}
[ -e "$in" ] || { echo "cordis.sh: $in not found (set CORDIS=path)" >&2; exit 1; }
out=bench/out
mkdir -p "$out"
go build -o "$out/ecoscope" ./cmd/ecoscope
go build -o "$out/cordis" ./bench/cordis
[ -d "$out/cordis-units" ] || "$out/cordis" -in "$in" -out "$out/cordis-units"
[ -d "$out/cordis-ties" ] || "$out/cordis" -in "$in" -ties -out "$out/cordis-ties"
eco="$out/ecoscope"
echo "== $(date -u +%FT%TZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(git rev-parse --short HEAD)"
printf '%-62s %9s %9s %4s %10s\n' command wall-s peak-MB exit output
run() { # run NAME ARGS...: time one command, stdout to a file
	local name=$1
	shift
	local o="$out/cordis-$name.out"
	local code=0
	/usr/bin/time -f '%e %M' -o "$out/time" "$eco" "$@" >"$o" 2>"$out/cordis-$name.err" || code=$?
	# (time prints "Command exited with non-zero status N" first on failure.)
	read -r wall rss < <(tail -n 1 "$out/time") || true
	printf '%-62s %9s %9d %4s %10s\n' "$*" "$wall" "$((${rss:-0} / 1024))" "$code" "$(du -h "$o" | cut -f1)"
}
for set in units ties; do
	d="$out/cordis-$set"
	db="$out/cordis-$set.db"
	rm -f "$db" "$db-wal" "$db-shm"
	run "$set-import" --store "$db" import "$d"
	run "$set-reimport" --store "$db" import "$d"
	run "$set-report" report --from "$d"
	run "$set-report-store" --store "$db" report
	run "$set-metrics-network" metrics --level network --from "$d"
	run "$set-metrics-units" metrics --level units --from "$d"
	run "$set-metrics-nodes-approx" metrics --level nodes --approx 0.01 --from "$d"
	run "$set-gaps" gaps --from "$d"
	run "$set-growth" growth --from "$d"
	run "$set-diff" diff --at 2016 --at 2020 --from "$d"
	run "$set-check" check --from "$d"
	run "$set-values" values --from "$d"
	run "$set-metrics-save-units" --store "$db" metrics --level units --save
	run "$set-metrics-save" --store "$db" metrics --level network --save
	run "$set-history" --store "$db" history --metric density
	for f in md json html; do
		run "$set-report-$f" report --format "$f" --from "$d"
	done
	for f in cypher graphml gexf cytoscape; do
		run "$set-export-$f" export --format "$f" --from "$d"
	done
	rm -rf "$out/cordis-$set-csv"
	run "$set-export-csv" export --format csv --out "$out/cordis-$set-csv" --from "$d"
	run "$set-export-kumu" export --format kumu --out "$out/cordis-$set.xlsx" --from "$d"
	run "$set-export-pajek" export --format pajek --out "$out/cordis-$set.net" --from "$d"
	if [ "${1:-}" = exact ]; then
		run "$set-metrics-nodes" metrics --level nodes --from "$d"
	fi
done
