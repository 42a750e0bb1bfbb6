#!/usr/bin/env python3
"""Write the golden files of package network: testdata/golden/<graph>.json.

Each file holds a published network as NetworkX ships it (edge list with
weights, node attributes, a stand-in helix type per node) and the metrics
NetworkX computes on it, for the tests of package network (and of package
analysis, which reads them from ../network/testdata) to compare against.

Run from analysis/network/testdata with NetworkX 3.6.1 and, for PageRank, SciPy:

    python3 make_golden.py

On Debian, python3-numpy and python3-scipy from apt may live outside the
interpreter's path; the script appends /usr/lib/python3/dist-packages after
importing networkx so that NetworkX finds them.
"""

import json
import math
import os
import platform
import sys

import networkx as nx
from networkx.algorithms import bipartite

sys.path.append("/usr/lib/python3/dist-packages")  # numpy/scipy from apt
import numpy  # noqa: E402,F401  (pagerank needs scipy, scipy needs numpy)
import scipy  # noqa: E402,F401

HELICES = ["academia", "industry", "government", "civil_society", "environment"]

# The exact calls, recorded in every file. Tolerances: NetworkX's default
# tol=1e-6 leaves PageRank and eigenvector centrality about 1e-5 from their
# fixed points, so the values the tests compare against are computed with a
# tight tolerance; the default-tolerance values are kept beside them.
CALLS = {
    "betweenness": "nx.betweenness_centrality(G, normalized=True)",
    "closeness": "{v: h / (n - 1) for v, h in nx.harmonic_centrality(G).items()}",
    "eigenvector": "nx.eigenvector_centrality(G, weight='weight', max_iter=100000, tol=1e-13)",
    "eigenvector_default": "nx.eigenvector_centrality(G, weight='weight')",
    "pagerank": "nx.pagerank(G, alpha=0.85, weight='weight', max_iter=100000, tol=1e-14)",
    "pagerank_default": "nx.pagerank(G, alpha=0.85, weight='weight')",
    "degree": "dict(G.degree())",
    "strength": "dict(G.degree(weight='weight'))",
    "triangles": "nx.triangles(G)",
    "clustering": "nx.clustering(G)",
    "core_number": "nx.core_number(G)",
    # nodes=list(G) takes NetworkX's reference (pure Python) code path; the
    # SciPy path taken for nodes=None fails with the SciPy 1.10 of Debian 12.
    "constraint": "nx.constraint(G, nodes=list(G))  # weight=None: unweighted; NaN -> null",
    "effective_size": "nx.effective_size(G, nodes=list(G))  # weight=None: unweighted; NaN -> null",
    "transitivity": "nx.transitivity(G)",
    "average_clustering": "nx.average_clustering(G)",
    "density": "nx.density(G)",
    "components": "nx.number_connected_components(G)",
    "largest_component_share": "len(max(nx.connected_components(G), key=len)) / n",
}


def karate():
    G = nx.karate_club_graph()
    # 'club' (Mr. Hi / Officer, Zachary 1977) becomes the stand-in helix.
    helix = {v: ("academia" if d["club"] == "Mr. Hi" else "industry") for v, d in G.nodes(data=True)}
    return G, helix, "Zachary's karate club, nx.karate_club_graph() (weights: number of contexts); helix: club 'Mr. Hi' -> academia, 'Officer' -> industry"


def round_robin(G):
    return {v: HELICES[k % len(HELICES)] for k, v in enumerate(G)}


def florentine():
    G = nx.florentine_families_graph()
    for u, v in G.edges:
        G[u][v]["weight"] = 1
    return G, round_robin(G), "Padgett's Florentine families (marriage ties), nx.florentine_families_graph(), unweighted (weight 1); no node attribute in NetworkX, helix assigned round-robin in node order"


def davis_women():
    B = nx.davis_southern_women_graph()
    women = [v for v, d in B.nodes(data=True) if d["bipartite"] == 0]
    G = bipartite.weighted_projected_graph(B, women)
    return G, round_robin(G), "Davis southern women projected onto the 18 women, bipartite.weighted_projected_graph(nx.davis_southern_women_graph(), women) (weight: events shared); helix assigned round-robin in node order"


def les_miserables():
    G = nx.les_miserables_graph()
    return G, round_robin(G), "Les Miserables co-appearances (Knuth 1993), nx.les_miserables_graph() (weight: co-appearances); no node attribute in NetworkX, helix assigned round-robin in node order"


def disconnected():
    # Florentine families, a disjoint copy of the karate club, two isolated
    # nodes and one of them with unknown helix: tests components, isolated
    # nodes (NaN constraint) and eigenvector centrality off the dominant
    # component.
    F, hf, _ = florentine()
    K, hk, _ = karate()
    G = nx.Graph()
    helix = {}
    for v in F:
        G.add_node(f"f:{v}")
        helix[f"f:{v}"] = hf[v]
    for v in K:
        G.add_node(f"k:{v}")
        helix[f"k:{v}"] = hk[v]
    for u, v, d in F.edges(data=True):
        G.add_edge(f"f:{u}", f"f:{v}", weight=d["weight"])
    for u, v, d in K.edges(data=True):
        G.add_edge(f"k:{u}", f"k:{v}", weight=d["weight"])
    G.add_node("iso1")
    G.add_node("iso2")
    helix["iso1"] = "environment"
    helix["iso2"] = "unknown"
    return G, helix, "disjoint union of the Florentine families (prefix f:) and the karate club (prefix k:) plus two isolated nodes iso1, iso2 (helix unknown)"


GRAPHS = {
    "karate": karate,
    "florentine": florentine,
    "davis_women": davis_women,
    "les_miserables": les_miserables,
    "disconnected": disconnected,
}


def num(x):
    x = float(x)
    return None if math.isnan(x) else x


def metrics(G):
    n = len(G)
    harm = nx.harmonic_centrality(G)
    node = {
        "betweenness": nx.betweenness_centrality(G, normalized=True),
        "closeness": {v: h / (n - 1) for v, h in harm.items()},
        "eigenvector": nx.eigenvector_centrality(G, weight="weight", max_iter=100000, tol=1e-13),
        "eigenvector_default": nx.eigenvector_centrality(G, weight="weight"),
        "pagerank": nx.pagerank(G, alpha=0.85, weight="weight", max_iter=100000, tol=1e-14),
        "pagerank_default": nx.pagerank(G, alpha=0.85, weight="weight"),
        "degree": dict(G.degree()),
        "strength": dict(G.degree(weight="weight")),
        "triangles": nx.triangles(G),
        "clustering": nx.clustering(G),
        "core_number": nx.core_number(G),
        "constraint": nx.constraint(G, nodes=list(G)),
        "effective_size": nx.effective_size(G, nodes=list(G)),
    }
    out = {k: {str(v): num(x) for v, x in d.items()} for k, d in node.items()}
    net = {
        "transitivity": nx.transitivity(G),
        "average_clustering": nx.average_clustering(G),
        "density": nx.density(G),
        "components": nx.number_connected_components(G),
        "largest_component_share": len(max(nx.connected_components(G), key=len)) / n,
    }
    return out, net


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    outdir = os.path.join(here, "golden")
    os.makedirs(outdir, exist_ok=True)
    for name, make in GRAPHS.items():
        G, helix, source = make()
        node_metrics, net_metrics = metrics(G)
        doc = {
            "note": "Generated by analysis/network/testdata/make_golden.py; do not edit. "
            "Node metrics are keyed by node id; null stands for NaN.",
            "networkx": nx.__version__,
            "python": platform.python_version(),
            "scipy": scipy.__version__,
            "graph": name,
            "source": source,
            "calls": CALLS,
            "nodes": [
                {"id": str(v), "helix": helix[v], "attrs": {k: str(x) for k, x in d.items()}}
                for v, d in G.nodes(data=True)
            ],
            "edges": [
                {"source": str(u), "target": str(v), "weight": float(d.get("weight", 1))}
                for u, v, d in G.edges(data=True)
            ],
            "node_metrics": node_metrics,
            "network_metrics": net_metrics,
        }
        path = os.path.join(outdir, name + ".json")
        with open(path, "w") as f:
            json.dump(doc, f, indent=1, sort_keys=False)
            f.write("\n")
        print(f"{path}: {len(G)} nodes, {G.number_of_edges()} edges")


if __name__ == "__main__":
    main()
