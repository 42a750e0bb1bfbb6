package analysis

import (
	"fmt"
	"slices"
	"sort"

	"github.com/ecoscope/ecoscope/graph"
)

// DiffPartner is a partner that joined or left between two snapshots.
type DiffPartner struct {
	ID     string       `json:"id"`
	Name   string       `json:"name"`
	Helix  graph.Helix  `json:"helix"`
	Sector graph.Sector `json:"sector"`
}

// DiffTie is a pair of partners joined in one snapshot and not in the
// other, Source the one with the smaller id.
type DiffTie struct {
	Source      string      `json:"source"`
	SourceName  string      `json:"source_name"`
	SourceHelix graph.Helix `json:"source_helix"`
	Target      string      `json:"target"`
	TargetName  string      `json:"target_name"`
	TargetHelix graph.Helix `json:"target_helix"`
}

// DiffUnit is a unit in one snapshot and not in the other.
type DiffUnit struct {
	ID     string      `json:"id"`
	Name   string      `json:"name"`
	Level  graph.Level `json:"level"`
	Form   graph.Form  `json:"form"`
	Parent string      `json:"parent"`
	Since  graph.Date  `json:"since"`
	Until  graph.Date  `json:"until"`
}

// GrowthDelta is B − A of the numeric GrowthMetrics; NaN (JSON null) where
// either side is NaN.
type GrowthDelta struct {
	Partners              int   `json:"partners"`
	Ties                  int   `json:"ties"`
	Density               Float `json:"density"`
	Components            int   `json:"components"`
	LargestComponentShare Float `json:"largest_component_share"`
	AverageDegree         Float `json:"average_degree"`
	BlauIndex             Float `json:"blau_index"`
	EIIndex               Float `json:"ei_index"`
	PublicPrivateTieShare Float `json:"public_private_tie_share"`
}

// DiffMetrics are the metrics of both snapshots and their difference.
type DiffMetrics struct {
	A     GrowthMetrics `json:"a"`
	B     GrowthMetrics `json:"b"`
	Delta GrowthDelta   `json:"delta"`
}

// CoverageChange is how the helix coverage changed: the coverage at A and
// at B, and the known types present at B and not at A (Gained) and the
// other way round (Lost), in canonical order.
type CoverageChange struct {
	A      graph.Coverage `json:"a"`
	B      graph.Coverage `json:"b"`
	Gained []graph.Helix  `json:"gained"`
	Lost   []graph.Helix  `json:"lost"`
}

// IntegrationChange is how the helix integration changed: the class at A
// and at B, and the pairs of known types joined by a tie at B and not at A
// (Linked) and the other way round (Unlinked), in canonical order.
type IntegrationChange struct {
	A        graph.CoverageClass `json:"a"`
	B        graph.CoverageClass `json:"b"`
	Linked   [][2]graph.Helix    `json:"linked"`
	Unlinked [][2]graph.Helix    `json:"unlinked"`
}

// Diff is what changed between two snapshots A and B. Lists are complete
// (never nil); partners are sorted by helix type (canonical order), name
// and id, ties by source name, target name and ids, units by level, name
// and id. The JSON keys are stable.
type Diff struct {
	Metrics        DiffMetrics       `json:"metrics"`
	Coverage       CoverageChange    `json:"coverage"`
	Integration    IntegrationChange `json:"integration"`
	PartnersJoined []DiffPartner     `json:"partners_joined"`
	PartnersLeft   []DiffPartner     `json:"partners_left"`
	TiesJoined     []DiffTie         `json:"ties_joined"`
	TiesLeft       []DiffTie         `json:"ties_left"`
	UnitsCreated   []DiffUnit        `json:"units_created"`
	UnitsEnded     []DiffUnit        `json:"units_ended"`
	// Notes are the notes of the two networks (see Network.Notes), each
	// once; the note on directed ties counts them in each snapshot.
	Notes Notes `json:"-"`
}

// DiffOf compares the snapshots a and b (for example e.At(A) and e.At(B),
// or graph.Ecosystem.Load with a unit): partners in b and not in a joined,
// those in a and not in b left; ties (pairs of joined partners in the
// network of opts) in b and not in a joined, the others left; units in b
// and not in a were created, those in a and not in b ended. Records are
// matched by id. Metrics holds GrowthMetricsOf of both networks and B − A.
func DiffOf(a, b *graph.Ecosystem, opts Options) Diff {
	na, nb := New(a, opts), New(b, opts)
	ma, mb := GrowthMetricsOf(na), GrowthMetricsOf(nb)
	d := Diff{Metrics: DiffMetrics{A: ma, B: mb, Delta: GrowthDelta{
		Partners:              mb.Partners - ma.Partners,
		Ties:                  mb.Ties - ma.Ties,
		Density:               mb.Density - ma.Density,
		Components:            mb.Components - ma.Components,
		LargestComponentShare: mb.LargestComponentShare - ma.LargestComponentShare,
		AverageDegree:         mb.AverageDegree - ma.AverageDegree,
		BlauIndex:             mb.BlauIndex - ma.BlauIndex,
		EIIndex:               mb.EIIndex - ma.EIIndex,
		PublicPrivateTieShare: mb.PublicPrivateTieShare - ma.PublicPrivateTieShare,
	}}}

	// Coverage and integration.
	ca, cb := coverageOfNet(na), coverageOfNet(nb)
	d.Coverage = CoverageChange{A: ca, B: cb, Gained: helixMinus(cb.Present, ca.Present), Lost: helixMinus(ca.Present, cb.Present)}
	ia, ib := HelixIntegration(na), HelixIntegration(nb)
	d.Integration = IntegrationChange{A: ia.Class, B: ib.Class, Linked: pairMinus(ib.Linked, ia.Linked), Unlinked: pairMinus(ia.Linked, ib.Linked)}

	d.PartnersJoined = partnersMinus(nb, na)
	d.PartnersLeft = partnersMinus(na, nb)
	d.TiesJoined = tiesMinus(nb, na)
	d.TiesLeft = tiesMinus(na, nb)
	d.UnitsCreated = unitsMinus(b, a)
	d.UnitsEnded = unitsMinus(a, b)
	var skipped skippedUnits
	skipped.add(na.skipped)
	skipped.add(nb.skipped)
	d.Notes = skipped.notes(opts.maxUnitSize())
	if na.directedTies > 0 || nb.directedTies > 0 {
		d.Notes = append(d.Notes, directedNote(fmt.Sprintf("%d of %d explicit ties of snapshot A and %d of %d of snapshot B are directed",
			na.directedTies, na.explicitTies, nb.directedTies, nb.explicitTies)))
	}
	return d
}

func coverageOfNet(net *Network) graph.Coverage {
	types := make([]graph.Helix, net.N())
	for i := range types {
		types[i] = net.Helix(i)
	}
	return graph.CoverageOf(types)
}

func helixMinus(x, y []graph.Helix) []graph.Helix {
	out := []graph.Helix{}
	for _, h := range x {
		if !slices.Contains(y, h) {
			out = append(out, h)
		}
	}
	return out
}

func pairMinus(x, y [][2]graph.Helix) [][2]graph.Helix {
	out := [][2]graph.Helix{}
	for _, p := range x {
		if !slices.Contains(y, p) {
			out = append(out, p)
		}
	}
	return out
}

// partnersMinus returns the partners of x that are not in y.
func partnersMinus(x, y *Network) []DiffPartner {
	out := []DiffPartner{}
	for i := 0; i < x.N(); i++ {
		if j, ok := x.Index(x.ID(i)); !ok || j != i {
			continue // a repeated id
		}
		if _, ok := y.Index(x.ID(i)); ok {
			continue
		}
		out = append(out, DiffPartner{ID: x.ID(i), Name: x.Name(i), Helix: x.Helix(i), Sector: x.Sector(i)})
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if ca, cb := helixCategory(a.Helix), helixCategory(b.Helix); ca != cb {
			return ca < cb
		}
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.ID < b.ID
	})
	return out
}

// tiesMinus returns the joined pairs of x that are not joined in y.
func tiesMinus(x, y *Network) []DiffTie {
	out := []DiffTie{}
	for i := 0; i < x.N(); i++ {
		for _, j32 := range x.Neighbors(i) {
			j := int(j32)
			if j <= i {
				continue
			}
			s, t := i, j
			if x.ID(t) < x.ID(s) {
				s, t = t, s
			}
			ys, ok1 := y.Index(x.ID(s))
			yt, ok2 := y.Index(x.ID(t))
			if ok1 && ok2 && y.HasEdgeBetween(int64(ys), int64(yt)) {
				continue
			}
			out = append(out, DiffTie{
				Source: x.ID(s), SourceName: x.Name(s), SourceHelix: x.Helix(s),
				Target: x.ID(t), TargetName: x.Name(t), TargetHelix: x.Helix(t),
			})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.SourceName != b.SourceName {
			return a.SourceName < b.SourceName
		}
		if a.TargetName != b.TargetName {
			return a.TargetName < b.TargetName
		}
		if a.Source != b.Source {
			return a.Source < b.Source
		}
		return a.Target < b.Target
	})
	return out
}

// unitsMinus returns the units of x that are not in y.
func unitsMinus(x, y *graph.Ecosystem) []DiffUnit {
	in := graph.NewIndex(y).Unit
	out := []DiffUnit{}
	seen := map[string]bool{}
	for _, u := range x.Units {
		if _, ok := in[u.ID]; ok || seen[u.ID] {
			continue
		}
		seen[u.ID] = true
		out = append(out, DiffUnit{ID: u.ID, Name: u.Name, Level: u.Level, Form: u.Form, Parent: u.Parent, Since: u.Since, Until: u.Until})
	}
	level := func(l graph.Level) int {
		if i := slices.Index(graph.Levels, l); i >= 0 {
			return i
		}
		return len(graph.Levels)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if la, lb := level(a.Level), level(b.Level); la != lb {
			return la < lb
		}
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.ID < b.ID
	})
	return out
}
