#!/usr/bin/env python3
"""Time NetworkX and python-igraph on an edge list written by bench/edgelist,
on the node metrics ecoscope computes, and print them beside ecoscope's times.

    python3 bench/peers.py --edgelist net.txt --ecoscope eco.jsonl [--networkx-max-nodes 6000]

The metric set (and the calls) are:

    metric        NetworkX                                        igraph
    betweenness   betweenness_centrality(G)                       g.betweenness(directed=False)
    closeness     harmonic_centrality(G)                          g.harmonic_centrality()
    eigenvector   eigenvector_centrality(G, weight="weight")      g.eigenvector_centrality(weights="weight")
    pagerank      pagerank(G, alpha=0.85, weight="weight")        g.pagerank(damping=0.85, weights="weight")
    louvain       community.louvain_communities(G, weight=..., seed=1)  g.community_multilevel(weights="weight")
    clustering    clustering(G)                                   g.transitivity_local_undirected(mode="zero")

With --values (the -values file of bench/nodemetrics), the values of
ecoscope and igraph are compared too, on ecoscope's conventions (NetworkX's):
betweenness normalised by 2/((n-1)(n-2)), harmonic closeness over n-1,
eigenvector centrality at unit Euclidean norm; the table then gives the
largest absolute difference over the nodes per metric, and for Louvain the
modularity Q of both partitions (igraph's computed with the same weights).

A tool that is not installed is skipped. NetworkX runs only on networks of at
most --networkx-max-nodes nodes (default 1000: its exact betweenness on 6,000
nodes takes minutes). --ecoscope is the JSON-lines output of bench/nodemetrics;
ratios are a peer's time over ecoscope's. Debian's python3-numpy, -scipy and
-igraph install into /usr/lib/python3/dist-packages, which is appended to the
path after NetworkX is imported.
"""

import argparse
import json
import platform
import sys
import time

METRICS = ["betweenness", "closeness", "eigenvector", "pagerank", "louvain", "clustering"]


def read_edgelist(path):
    n = None
    edges = []
    with open(path) as f:
        for line in f:
            if line.startswith("#"):
                for kv in line.split():
                    if kv.startswith("nodes="):
                        n = int(kv[len("nodes="):])
                continue
            u, v, w = line.split()
            edges.append((int(u), int(v), float(w)))
    return n, edges


def timed(f):
    t = time.perf_counter()
    f()
    return time.perf_counter() - t


def networkx_runs(n, edges):
    try:
        import networkx as nx
    except ImportError:
        return None, {}
    sys.path.append("/usr/lib/python3/dist-packages")  # numpy/scipy for pagerank
    G = nx.Graph()
    G.add_nodes_from(range(n))
    G.add_weighted_edges_from(edges)
    runs = {
        "betweenness": lambda: nx.betweenness_centrality(G),
        "closeness": lambda: nx.harmonic_centrality(G),
        "eigenvector": lambda: nx.eigenvector_centrality(G, weight="weight"),
        "pagerank": lambda: nx.pagerank(G, alpha=0.85, weight="weight"),
        "louvain": lambda: nx.community.louvain_communities(G, weight="weight", seed=1),
        "clustering": lambda: nx.clustering(G),
    }
    return "networkx " + nx.__version__, runs


def igraph_runs(n, edges, results=None):
    sys.path.append("/usr/lib/python3/dist-packages")
    try:
        import igraph as ig
    except ImportError:
        return None, {}
    g = ig.Graph(n=n, edges=[(u, v) for u, v, _ in edges])
    g.es["weight"] = [w for _, _, w in edges]

    def keep(name, f):
        # Run f, keep its result for the agreement check.
        def run():
            r = f()
            if results is not None:
                results[name] = r
        return run

    runs = {
        "betweenness": keep("betweenness", lambda: g.betweenness(directed=False)),
        "closeness": keep("closeness", lambda: g.harmonic_centrality()),
        "eigenvector": keep("eigenvector", lambda: g.eigenvector_centrality(weights="weight")),
        "pagerank": keep("pagerank", lambda: g.pagerank(damping=0.85, weights="weight")),
        "louvain": keep("louvain", lambda: g.community_multilevel(weights="weight")),
        "clustering": keep("clustering", lambda: g.transitivity_local_undirected(mode="zero")),
    }
    return "igraph " + ig.__version__, runs


def agreement(n, eco, ig):
    """Largest absolute difference per metric between ecoscope's values and
    igraph's, on ecoscope's conventions; for Louvain both modularities."""
    import math
    out = {}

    def maxdiff(a, b):
        return max((abs((x if x is not None else 0) - y) for x, y in zip(a, b)), default=0.0)

    if "betweenness" in eco and "betweenness" in ig and n > 2:
        s = 2 / ((n - 1) * (n - 2))
        out["betweenness"] = "max |diff| %.1e" % maxdiff(eco["betweenness"], [x * s for x in ig["betweenness"]])
    if "closeness" in eco and "closeness" in ig and n > 1:
        # igraph's harmonic_centrality is already over n-1.
        out["closeness"] = "max |diff| %.1e" % maxdiff(eco["closeness"], ig["closeness"])
    if "eigenvector" in eco and "eigenvector" in ig:
        norm = math.sqrt(sum(x * x for x in ig["eigenvector"])) or 1
        out["eigenvector"] = "max |diff| %.1e" % maxdiff(eco["eigenvector"], [x / norm for x in ig["eigenvector"]])
    if "pagerank" in eco and "pagerank" in ig:
        out["pagerank"] = "max |diff| %.1e" % maxdiff(eco["pagerank"], ig["pagerank"])
    if "clustering" in eco and "clustering" in ig:
        out["clustering"] = "max |diff| %.1e" % maxdiff(eco["clustering"], ig["clustering"])
    if "louvain_q" in eco and "louvain" in ig:
        out["louvain"] = "Q %.4f vs %.4f" % (eco["louvain_q"], ig["louvain"].modularity)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--edgelist", required=True)
    ap.add_argument("--ecoscope", help="JSON lines from bench/nodemetrics")
    ap.add_argument("--values", help="the -values file of bench/nodemetrics: compare the values with igraph's")
    ap.add_argument("--networkx-max-nodes", type=int, default=1000)
    ap.add_argument("--metrics", default=",".join(METRICS))
    ap.add_argument("--json", action="store_true", help="print JSON lines instead of a table")
    args = ap.parse_args()
    metrics = args.metrics.split(",")

    n, edges = read_edgelist(args.edgelist)
    times = {}  # tool -> metric -> seconds
    if args.ecoscope:
        with open(args.ecoscope) as f:
            for line in f:
                r = json.loads(line)
                times.setdefault("ecoscope", {})[r["metric"]] = r["seconds"]

    tools = []
    ig_results = {}
    for make, limit in ((networkx_runs, args.networkx_max_nodes), (igraph_runs, None)):
        name, runs = make(n, edges) if make is networkx_runs else make(n, edges, ig_results)
        if name is None:
            print(f"# {make.__name__.split('_')[0]} not installed: skipped", file=sys.stderr)
            continue
        if limit is not None and n > limit:
            print(f"# {name}: skipped, {n} nodes > --networkx-max-nodes {limit}", file=sys.stderr)
            continue
        tools.append(name)
        for m in metrics:
            times.setdefault(name, {})[m] = timed(runs[m])
            print(f"# {name} {m}: {times[name][m]:.3f} s", file=sys.stderr)

    eco = times.get("ecoscope", {})
    if args.json:
        for tool, ms in times.items():
            for m, s in ms.items():
                print(json.dumps({"tool": tool, "metric": m, "seconds": s, "nodes": n, "edges": len(edges)}))
        return
    print(f"nodes={n} edges={len(edges)} python={platform.python_version()}")
    head = f"{'metric':<14}{'ecoscope s':>12}"
    for t in tools:
        head += f"{t + ' s':>22}{'ratio':>8}"
    agree = {}
    if args.values and ig_results:
        with open(args.values) as f:
            agree = agreement(n, json.load(f), ig_results)
        head += f"  {'agreement with igraph':<24}"
    print(head)
    for m in metrics:
        e = eco.get(m)
        row = f"{m:<14}{(f'{e:.4f}' if e is not None else '-'):>12}"
        for t in tools:
            s = times[t].get(m)
            row += f"{(f'{s:.4f}' if s is not None else '-'):>22}"
            row += f"{(f'{s / e:.1f}' if s is not None and e else '-'):>8}"
        if agree:
            row += f"  {agree.get(m, '-'):<24}"
        print(row)
    tot_e = sum(eco.get(m, 0) for m in metrics)
    row = f"{'total':<14}{tot_e:>12.4f}"
    for t in tools:
        s = sum(times[t].get(m, 0) for m in metrics)
        row += f"{s:>22.4f}{(f'{s / tot_e:.1f}' if tot_e else '-'):>8}"
    print(row)


if __name__ == "__main__":
    main()
