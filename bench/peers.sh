#!/usr/bin/env bash
# Times ecoscope's node metrics against NetworkX and python-igraph on the same
# generated networks, in one run, and prints times, ratios (peer / ecoscope)
# and how far ecoscope's values are from igraph's (and both Louvain Q).
#
#   bench/peers.sh                       # sizes 1000 and 6000 partners, 5 ties each
#   bench/peers.sh 1000 6000 50000       # choose sizes (partners; ties = 5 per partner)
#   NETWORKX_MAX=6000 bench/peers.sh     # let NetworkX run up to 6000 nodes (minutes)
#
# Metrics: betweenness, harmonic closeness, eigenvector, PageRank, Louvain,
# clustering (see bench/peers.py for the exact calls). Edge lists and raw
# timings go to bench/out/ (not committed). NetworkX and igraph are skipped
# when not installed; on Debian: apt-get install python3-numpy python3-scipy
# python3-igraph.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(1000 6000)
out=bench/out
mkdir -p "$out"
go build -o "$out/edgelist" ./bench/edgelist
go build -o "$out/nodemetrics" ./bench/nodemetrics
for p in "${sizes[@]}"; do
	t=$((5 * p))
	el="$out/net-$p.txt"
	"$out/edgelist" -partners "$p" -ties "$t" -seed 1 >"$el"
	echo "== partners=$p ties=$t seed=1 ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
	"$out/nodemetrics" -in "$el" -metrics betweenness,closeness,eigenvector,pagerank,louvain,clustering \
		-values "$out/ecoscope-$p.values.json" >"$out/ecoscope-$p.jsonl"
	python3 bench/peers.py --edgelist "$el" --ecoscope "$out/ecoscope-$p.jsonl" --values "$out/ecoscope-$p.values.json" \
		--networkx-max-nodes "${NETWORKX_MAX:-1000}"
done
