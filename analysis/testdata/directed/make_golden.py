#!/usr/bin/env python3
"""Write the golden file of the directed-tie tests of package analysis:
testdata/directed/cases.json.

Each case is a small ecosystem (partners, people, units, memberships and
ties, some of them directed) in the JSON form of graph.Ecosystem, the tie
source ecoscope builds its network from ("explicit" or "all"), and what
NetworkX 3.6.1 computes on the two graphs of docs/metrics.md:

  * D, the directed partner graph (nx.DiGraph): a directed tie s -> t adds
    the arc s -> t, an undirected tie and a shared working unit add both
    arcs; ties between people count for their partners, ties between two
    colleagues of one partner and ties naming no known partner are left out.
      in_degree    dict(D.in_degree())
      out_degree   dict(D.out_degree())
      reciprocity  nx.reciprocity(D)  (null where NetworkX raises "Not
                   defined for empty graphs": D has no arc)
  * G, the undirected partner network (nx.Graph, every tie joining its two
    partners):
      degree       dict(G.degree())

  and two plain counts for the note on directed ties: explicit_ties, the
  ties that joined two different known partners, and directed_ties, how many
  of them are directed.

Units make ties as in analysis.New: every pair of direct partners of a unit
below the ecosystem level with at most 50 direct partners.

Run from analysis/testdata/directed with NetworkX 3.6.1:

    python3 make_golden.py
"""

import json
import math
import os
import platform
import random
from itertools import combinations

import networkx as nx

MAX_UNIT_SIZE = 50


def partner_of(e):
    partners = {p["id"] for p in e["partners"]}
    people = {p["id"]: p.get("partner", "") for p in e.get("people", [])}

    def of(x):
        if x in partners:
            return x
        if people.get(x) in partners:
            return people[x]
        return None

    return of


def graphs(e, ties):
    """D and G of the ecosystem e for the tie source ties, and the counts."""
    of = partner_of(e)
    D = nx.DiGraph()
    G = nx.Graph()
    for p in e["partners"]:
        D.add_node(p["id"])
        G.add_node(p["id"])
    explicit = directed = 0
    if ties in ("explicit", "all"):
        for t in e.get("ties", []):
            s, d = of(t["source"]), of(t["target"])
            if s is None or d is None or s == d:
                continue
            explicit += 1
            G.add_edge(s, d)
            D.add_edge(s, d)
            if t.get("directed"):
                directed += 1
            else:
                D.add_edge(d, s)
    if ties in ("units", "all"):
        level = {u["id"]: u["level"] for u in e.get("units", [])}
        members = {}
        for m in e.get("memberships", []):
            p = of(m["member"])
            if p is not None and p not in members.setdefault(m["unit"], []):
                members[m["unit"]].append(p)
        for u, ps in members.items():
            if level.get(u) == "ecosystem" or len(ps) > MAX_UNIT_SIZE:
                continue
            for a, b in combinations(ps, 2):
                G.add_edge(a, b)
                D.add_edge(a, b)
                D.add_edge(b, a)
    return D, G, explicit, directed


def expected(e, ties):
    D, G, explicit, directed = graphs(e, ties)
    try:
        r = nx.reciprocity(D)
    except nx.NetworkXError:  # "Not defined for empty graphs"
        r = math.nan
    return {
        "in_degree": dict(D.in_degree()),
        "out_degree": dict(D.out_degree()),
        "degree": dict(G.degree()),
        "reciprocity": None if math.isnan(r) else r,
        "explicit_ties": explicit,
        "directed_ties": directed,
    }


def tie(s, t, directed=False, **kw):
    x = {"source": s, "target": t, "weight": kw.pop("weight", 1)}
    if directed:
        x["directed"] = True
    x.update(kw)
    return x


def advice():
    """The example of issue 8: partner 'hub' is asked for advice by 13
    partners and asks 6, 3 of them both ways: in-degree 13, out-degree 6,
    16 partners in all (its undirected degree). Arc i -> j: i asks j for
    advice (Krackhardt 1987)."""
    ps = [{"id": "hub", "name": "Gemeente", "helix": "government"}]
    ps += [{"id": f"p{k:02d}", "name": f"Partner {k}", "helix": "industry"} for k in range(1, 18)]
    people = [
        {"id": "anna", "partner": "p10"},
        {"id": "bert", "partner": "hub"},
        {"id": "carl", "partner": "hub"},
    ]
    ts = []
    # p01..p09 ask hub; p10 asks it through a person of each (anna -> bert)
    ts += [tie(f"p{k:02d}", "hub", True, type="advice") for k in range(1, 10)]
    ts.append(tie("anna", "bert", True, type="advice"))
    # hub asks p11..p13 only
    ts += [tie("hub", f"p{k:02d}", True, type="advice") for k in range(11, 14)]
    # p14, p15 and hub ask each other (two directed ties each), and hub and
    # p16 advise each other (one undirected tie)
    for k in (14, 15):
        ts.append(tie(f"p{k:02d}", "hub", True, type="advice"))
        ts.append(tie("hub", f"p{k:02d}", True, type="advice"))
    ts.append(tie("hub", "p16", type="advice"))
    # a second tie p01 -> hub (another topic) is the same arc
    ts.append(tie("p01", "hub", True, type="advice", id="topic-2"))
    # colleagues advising each other: not a tie between partners
    ts.append(tie("bert", "carl", True, type="advice"))
    # advice among the others
    ts += [tie("p01", "p02", True), tie("p02", "p01", True), tie("p03", "p04", True), tie("p05", "p06")]
    return {"partners": ps, "people": people, "ties": ts}


def advice_with_unit():
    """The advice network plus a fieldlab of hub and p11 (hub asked p11:
    the shared unit makes the arc p11 -> hub too) and an ecosystem unit of
    every partner (which makes no ties)."""
    e = advice()
    e["units"] = [
        {"id": "eco", "name": "Ecosysteem", "level": "ecosystem", "form": "ecosystem"},
        {"id": "lab", "name": "Fieldlab", "level": "fieldlab", "form": "fieldlab", "parent": "eco"},
    ]
    e["memberships"] = [{"unit": "eco", "member": p["id"], "role": "member"} for p in e["partners"]]
    e["memberships"] += [{"unit": "lab", "member": "hub", "role": "member"}, {"unit": "lab", "member": "p11", "role": "member"}]
    return e


def small(ids, ts):
    return {"partners": [{"id": x, "name": x, "helix": "academia"} for x in ids], "ties": ts}


def random_case(seed, n, m):
    """n partners, two people each, m ties between random partners or
    people, about a third directed; parallel and opposite ties happen, and
    some colleague ties; three small units."""
    rng = random.Random(seed)
    ids = [f"n{k:02d}" for k in range(n)]
    people = [{"id": f"{x}-{j}", "partner": x} for x in ids for j in range(2)]
    ends = ids + [p["id"] for p in people]
    ts = []
    for _ in range(m):
        s, t = rng.choice(ends), rng.choice(ends)
        if s == t:
            continue
        ts.append(tie(s, t, rng.random() < 0.35, weight=rng.randint(1, 3)))
    units = [{"id": f"u{k}", "name": f"u{k}", "level": "team", "form": "innovation_team"} for k in range(3)]
    mems = []
    for k in range(3):
        for x in rng.sample(ends, 4):
            mems.append({"unit": f"u{k}", "member": x, "role": "member"})
    return {
        "partners": [{"id": x, "name": x, "helix": "industry"} for x in ids],
        "people": people,
        "units": units,
        "memberships": mems,
        "ties": ts,
    }


CASES = [
    ("advice", "explicit", advice, "advice network of issue 8: hub in-degree 13, out-degree 6, degree 16"),
    ("advice_with_unit", "all", advice_with_unit, "the advice network, a fieldlab {hub, p11} and an ecosystem unit of everyone"),
    ("advice_units_only", "units", advice_with_unit, "the same with unit ties only: no directed tie makes the network"),
    ("no_ties", "all", lambda: small(["a", "b", "c"], []), "no arc: reciprocity undefined"),
    ("undirected_only", "all", lambda: small(["a", "b", "c"], [tie("a", "b"), tie("b", "c")]), "no directed tie: in = out = degree, reciprocity 1"),
    ("one_arc", "all", lambda: small(["a", "b", "c"], [tie("a", "b", True)]), "one directed tie: reciprocity 0"),
    ("opposite_arcs", "all", lambda: small(["a", "b"], [tie("a", "b", True), tie("b", "a", True)]), "a -> b and b -> a: one mutual pair"),
    ("random_1", "all", lambda: random_case(1, 25, 60), "random: 25 partners, 50 people, 60 ties, 3 teams (seed 1)"),
    ("random_2", "explicit", lambda: random_case(2, 25, 80), "random: 25 partners, 50 people, 80 ties (seed 2)"),
    ("random_3", "all", lambda: random_case(3, 40, 120), "random: 40 partners, 80 people, 120 ties, 3 teams (seed 3)"),
]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    cases = []
    for name, ties, make, desc in CASES:
        e = make()
        exp = expected(e, ties)
        if exp["directed_ties"] == 0:
            assert exp["in_degree"] == exp["out_degree"] == exp["degree"], name
        cases.append({"name": name, "description": desc, "ties": ties, "ecosystem": e, "expected": exp})
    hub = cases[0]["expected"]
    assert (hub["in_degree"]["hub"], hub["out_degree"]["hub"], hub["degree"]["hub"]) == (13, 6, 16)
    doc = {
        "note": "Generated by analysis/testdata/directed/make_golden.py; do not edit. null stands for NaN.",
        "networkx": nx.__version__,
        "python": platform.python_version(),
        "calls": {
            "in_degree": "dict(D.in_degree())",
            "out_degree": "dict(D.out_degree())",
            "reciprocity": "nx.reciprocity(D)",
            "degree": "dict(G.degree())",
        },
        "cases": cases,
    }
    path = os.path.join(here, "cases.json")
    with open(path, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    for c in cases:
        x = c["expected"]
        print(f"{c['name']}: {x['directed_ties']} of {x['explicit_ties']} ties directed, reciprocity {x['reciprocity']}")


if __name__ == "__main__":
    main()
