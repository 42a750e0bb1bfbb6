#!/usr/bin/env bash
# Times python-igraph's metric set on the 6k network right before and right
# after every node metric of ecoscope on the 50k network, several rounds, so
# that the host's drift in speed can be told apart from ecoscope's own time.
# Issue 3 states the machine's speed as "igraph ≈ 6 s" for that set; the last
# column scales ecoscope's time to it.
#
#   bench/peers.sh 6000 50000     # once: builds the tools and the edge lists
#   bench/calibrate.sh [rounds]   # default 3 rounds
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
out=bench/out
for f in "$out/nodemetrics" "$out/net-6000.txt" "$out/net-50000.txt"; do
	[ -e "$f" ] || { echo "calibrate: $f missing; run bench/peers.sh 6000 50000 first" >&2; exit 1; }
done
igraph() {
	python3 bench/peers.py --edgelist "$out/net-6000.txt" --networkx-max-nodes 0 --json 2>/dev/null |
		python3 -c 'import sys, json; print(round(sum(json.loads(l)["seconds"] for l in sys.stdin if json.loads(l)["tool"].startswith("igraph")), 2))'
}
echo "time      igraph-6k-before  igraph-6k-after  ecoscope-50k-every-node-metric  scaled-to-igraph-6s"
for ((i = 1; i <= rounds; i++)); do
	start=$(date +%T)
	a=$(igraph)
	"$out/nodemetrics" -in "$out/net-50000.txt" \
		-metrics betweenness,closeness,eigenvector,pagerank,louvain,clustering,core_number,constraint,effective_size,components \
		>"$out/calibrate-$i.jsonl" 2>/dev/null
	b=$(igraph)
	python3 - "$start" "$a" "$b" "$out/calibrate-$i.jsonl" <<'PY'
import json, sys
start, a, b, path = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
eco = sum(d["seconds"] for d in map(json.loads, open(path)) if d["metric"] != "build")
print(f"{start}  {a:16.2f}  {b:15.2f}  {eco:30.2f}  {eco * 6 / ((a + b) / 2):19.1f}")
PY
done
