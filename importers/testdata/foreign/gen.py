"""Writes the foreign GraphML and GEXF files of importers/testdata/foreign
with NetworkX (and igraph when it is installed): the interop test reads
them (TestForeignGraphs) and, where Python is present, writes them again
to a temporary folder and reads those (TestForeignGraphsLive).

Usage: python3 gen.py [DIR]; each part runs when its library imports
(igraph may be installed for /usr/bin/python3 only).
"""
import sys, os
try:
    import networkx as nx
except ImportError:
    nx = None

out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))

def build(g):
    g.add_node("uva", type="university", label="Universiteit van Amsterdam", size=3)
    g.add_node("acme", type="Bedrijf", label="Acme BV", size=1)
    g.add_node("ams", type="municipality", label="Gemeente Amsterdam", size=2)
    g.add_node("buurt", type="ngo", label="Buurtvereniging", size=1)
    g.add_edge("uva", "acme", weight=2.5)
    g.add_edge("acme", "ams", weight=1.0)
    g.add_edge("ams", "buurt", weight=3.0)
    g.add_edge("buurt", "uva", weight=0.5)
    return g

if nx is not None:
    u = build(nx.Graph())
    d = build(nx.DiGraph())
    nx.write_graphml(u, os.path.join(out, "networkx.graphml"))
    nx.write_graphml(d, os.path.join(out, "networkx-directed.graphml"))
    nx.write_gexf(u, os.path.join(out, "networkx.gexf"))
    nx.write_gexf(d, os.path.join(out, "networkx-directed.gexf"))

try:
    import igraph
except ImportError:
    igraph = None
if igraph is not None:
    ig = igraph.Graph(directed=False)
    ig.add_vertices(4)
    ig.vs["name"] = ["uva", "acme", "ams", "buurt"]
    ig.vs["type"] = ["university", "Bedrijf", "municipality", "ngo"]
    ig.add_edges([(0, 1), (1, 2), (2, 3), (3, 0)])
    ig.es["weight"] = [2.5, 1.0, 3.0, 0.5]
    ig.write_graphml(os.path.join(out, "igraph.graphml"))
    ig.to_directed(mode="acyclic")
    ig.write_graphml(os.path.join(out, "igraph-directed.graphml"))
