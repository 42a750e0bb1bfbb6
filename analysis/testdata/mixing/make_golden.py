#!/usr/bin/env python3
"""Write the golden files of the mixing, brokerage and community tests of
package analysis: testdata/mixing/<graph>.json.

Each file holds a graph (nodes with a helix type, weighted edges) and

  * what NetworkX 3.6.1 computes on it (key "networkx"):
      mixing         nx.attribute_mixing_dict(G, "helix")
      assortativity  nx.attribute_assortativity_coefficient(G, "helix")
      partition      nx.community.louvain_communities(G, weight="weight", seed=1)
      modularity     nx.community.modularity(G, partition, weight="weight")
      density        nx.density(G)
  * cross-checks in plain Python (key "python"), written here as directly as
    the definitions read, independent of the Go code: E-I index, rescaled E-I
    index and per-node E-I index (ties touching an unknown type left out),
    public-private tie share, Blau/Shannon/evenness of all nodes, ego
    diversity, and Gould-Fernandez brokerage counts by brute force over
    ordered neighbour pairs.

Run from analysis/testdata/mixing with NetworkX 3.6.1 (numpy is needed by
the assortativity):

    python3 make_golden.py

On Debian, python3-numpy from apt may live outside the interpreter's path; the
script appends /usr/lib/python3/dist-packages after importing networkx.
NaN is written as null.
"""

import json
import math
import os
import platform
import sys
from itertools import combinations

import networkx as nx

sys.path.append("/usr/lib/python3/dist-packages")  # numpy from apt
import numpy  # noqa: E402

HELICES = ["academia", "industry", "government", "civil_society", "environment"]
SECTOR = {
    "academia": "public",
    "government": "public",
    "industry": "private",
    "civil_society": "nonprofit",
    "environment": "nonprofit",
    "unknown": "unknown",
}


def karate():
    G = nx.karate_club_graph()
    helix = {v: ("academia" if d["club"] == "Mr. Hi" else "industry") for v, d in G.nodes(data=True)}
    return G, helix, (
        "Zachary's karate club, nx.karate_club_graph() (weights: number of contexts); "
        "helix from the attribute 'club': 'Mr. Hi' -> academia, 'Officer' -> industry"
    )


def florentine():
    G = nx.florentine_families_graph()
    for u, v in G.edges:
        G[u][v]["weight"] = 1
    names = sorted(G)
    helix = {v: HELICES[names.index(v) % 3] for v in G}
    return G, helix, (
        "Padgett's Florentine families, nx.florentine_families_graph(), unweighted (weight 1); "
        "NetworkX gives no node attribute: helix = [academia, industry, government][i % 3] "
        "with i the position of the family name in sorted order"
    )


def les_miserables():
    G = nx.les_miserables_graph()
    helix = {}
    for k, v in enumerate(G):
        helix[v] = "unknown" if k % 11 == 10 else HELICES[k % 5]
    return G, helix, (
        "Les Miserables co-appearances (Knuth 1993), nx.les_miserables_graph() (weight: "
        "co-appearances); NetworkX gives no node attribute: helix = HELICES[k % 5] with k "
        "the position in NetworkX's node order, except unknown where k % 11 == 10"
    )


def helix_example():
    # Hand-made: all five types and unknown, an isolated node, an isolated
    # unknown, a triangle, parallel-free. Weights 1..3.
    helix = {
        "a1": "academia", "a2": "academia", "a3": "academia",
        "i1": "industry", "i2": "industry",
        "g1": "government", "g2": "government",
        "c1": "civil_society", "c2": "civil_society",
        "e1": "environment",
        "x1": "unknown", "x2": "unknown",
        "iso": "environment",
    }
    edges = [
        ("a1", "a2", 2), ("a1", "a3", 1), ("a1", "i1", 3), ("a1", "g1", 1),
        ("a2", "i1", 1), ("i1", "i2", 2), ("i1", "g2", 1), ("g1", "g2", 1),
        ("g1", "c1", 2), ("c1", "c2", 1), ("c1", "e1", 3), ("e1", "a3", 1),
        ("x1", "a2", 1), ("x1", "c2", 2), ("g2", "c2", 1),
    ]
    G = nx.Graph()
    G.add_nodes_from(helix)
    for u, v, w in edges:
        G.add_edge(u, v, weight=w)
    return G, helix, "hand-made: five helix types, unknown (x1 tied, x2 isolated), an isolated environment node"


def one_type():
    G = nx.path_graph(4)
    for u, v in G.edges:
        G[u][v]["weight"] = 1
    G.add_node(4)
    helix = {0: "academia", 1: "academia", 2: "academia", 3: "academia", 4: "industry"}
    return G, helix, "path 0-1-2-3 of academia nodes and an isolated industry node: all tie ends of one type (assortativity NaN)"


def edgeless():
    G = nx.empty_graph(3)
    helix = {0: "academia", 1: "industry", 2: "unknown"}
    return G, helix, "three nodes, no edges (assortativity 0 in NetworkX, modularity undefined)"


GRAPHS = {
    "karate": karate,
    "florentine": florentine,
    "les_miserables": les_miserables,
    "helix_example": helix_example,
    "one_type": one_type,
    "edgeless": edgeless,
}


def num(x):
    x = float(x)
    return None if math.isnan(x) else x


def networkx_metrics(G):
    out = {
        "mixing": {a: dict(row) for a, row in nx.attribute_mixing_dict(G, "helix").items()},
        "assortativity": num(nx.attribute_assortativity_coefficient(G, "helix")),
        "density": nx.density(G),
    }
    if G.number_of_edges() > 0:
        part = nx.community.louvain_communities(G, weight="weight", seed=1)
        out["partition"] = [sorted(str(v) for v in c) for c in part]
        out["modularity"] = nx.community.modularity(G, part, weight="weight")
    return out


def ei(e, i):
    return (e - i) / (e + i) if e + i else float("nan")


def python_metrics(G, helix):
    known = lambda v: helix[v] != "unknown"  # noqa: E731
    E = I = U = PP = 0
    for u, v in G.edges:
        if not known(u) or not known(v):
            U += 1
        elif helix[u] == helix[v]:
            I += 1
        else:
            E += 1
        if {SECTOR[helix[u]], SECTOR[helix[v]]} == {"public", "private"}:
            PP += 1
    # Rescaled E-I: E ranges over [E_min, E_max] for T = E + I ties among
    # K known nodes with the observed type sizes.
    sizes = [sum(1 for v in G if helix[v] == h) for h in HELICES]
    K = sum(sizes)
    Pi = sum(s * (s - 1) // 2 for s in sizes)
    Pe = K * (K - 1) // 2 - Pi
    T = E + I
    emax, emin = min(T, Pe), T - min(T, Pi)
    rescaled = 2 * (E - emin) / (emax - emin) - 1 if T and emax != emin else float("nan")

    node_ei, ego = {}, {}
    for v in G:
        e = i = 0
        counts = {}
        for w in G[v]:
            if known(w):
                counts[helix[w]] = counts.get(helix[w], 0) + 1
                if known(v):
                    if helix[w] == helix[v]:
                        i += 1
                    else:
                        e += 1
        node_ei[str(v)] = num(ei(e, i)) if known(v) else None
        tot = sum(counts.values())
        ego[str(v)] = 1 - sum((c / tot) ** 2 for c in counts.values()) if tot else 0.0

    p = [s / K for s in sizes if s] if K else []
    shannon = -sum(x * math.log(x) for x in p)
    div = {
        "blau": 1 - sum(x * x for x in p) if p else 0.0,
        "shannon": shannon,
        "evenness": shannon / math.log(len(p)) if len(p) > 1 else 0.0,
        "unknown": sum(1 for v in G if not known(v)),
    }

    brokerage = {}
    for b in G:
        r = dict(coordinator=0, itinerant=0, representative=0, gatekeeper=0, liaison=0, unknown=0)
        nb = list(G[b])
        for a in nb:
            for c in nb:
                if a == c or G.has_edge(a, c):
                    continue
                ga, gb, gc = helix[a], helix[b], helix[c]
                if "unknown" in (ga, gb, gc):
                    r["unknown"] += 1
                elif ga == gb == gc:
                    r["coordinator"] += 1
                elif ga == gc:
                    r["itinerant"] += 1
                elif ga == gb:
                    r["representative"] += 1
                elif gb == gc:
                    r["gatekeeper"] += 1
                else:
                    r["liaison"] += 1
        brokerage[str(b)] = r

    return {
        "external": E, "internal": I, "unknown_ties": U, "public_private": PP,
        "ei_index": num(ei(E, I)),
        "ei_index_rescaled": num(rescaled),
        "public_private_share": PP / G.number_of_edges() if G.number_of_edges() else 0.0,
        "node_ei_index": node_ei,
        "ego_diversity": ego,
        "diversity": div,
        "brokerage": brokerage,
    }


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    for name, make in GRAPHS.items():
        G, helix, source = make()
        nx.set_node_attributes(G, helix, "helix")
        doc = {
            "note": "Generated by analysis/testdata/mixing/make_golden.py; do not edit. "
            "'networkx' holds NetworkX results, 'python' plain-Python cross-checks "
            "(see the script). Node keys are node ids as strings; null stands for NaN.",
            "networkx_version": nx.__version__,
            "numpy_version": numpy.__version__,
            "python_version": platform.python_version(),
            "graph": name,
            "source": source,
            "nodes": [{"id": str(v), "helix": helix[v]} for v in G],
            "edges": [
                {"source": str(u), "target": str(v), "weight": float(d.get("weight", 1))}
                for u, v, d in G.edges(data=True)
            ],
            "networkx": networkx_metrics(G),
            "python": python_metrics(G, helix),
        }
        path = os.path.join(here, name + ".json")
        with open(path, "w") as f:
            json.dump(doc, f, indent=1)
            f.write("\n")
        print(f"{path}: {len(G)} nodes, {G.number_of_edges()} edges")


if __name__ == "__main__":
    main()
