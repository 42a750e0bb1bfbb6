package analysis

import (
	"encoding/json"
	"math"
	"reflect"
	"testing"
)

// TestBetweennessReused: NodeMetricsOf and Values take the betweenness
// given in MetricsOptions instead of computing it, and give the same
// answers as when they compute it; SkipCloseness leaves closeness NaN and
// every other node metric as it was.
func TestBetweennessReused(t *testing.T) {
	e := tiny(t)
	net := New(e, Options{})
	opts := MetricsOptions{Seed: 1}
	nodes, approx, err := NodeMetricsOf(t.Context(), net, opts)
	if err != nil {
		t.Fatal(err)
	}
	bc := make([]float64, len(nodes))
	for i, n := range nodes {
		bc[i] = float64(n.Betweenness)
	}
	reuse := opts
	reuse.Betweenness, reuse.BetweennessApprox = bc, approx
	again, _, err := NodeMetricsOf(t.Context(), net, reuse)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(jsonOf(t, nodes), jsonOf(t, again)) {
		t.Error("node metrics differ when betweenness is given")
	}
	// A given betweenness is taken as it is: a marked value shows it.
	marked := append([]float64(nil), bc...)
	marked[0] = 0.5
	reuse.Betweenness = marked
	got, _, err := NodeMetricsOf(t.Context(), net, reuse)
	if err != nil {
		t.Fatal(err)
	}
	if got[0].Betweenness != 0.5 {
		t.Errorf("betweenness %v, want the given 0.5", got[0].Betweenness)
	}
	v1, err := Values(t.Context(), e, net, opts)
	if err != nil {
		t.Fatal(err)
	}
	reuse.Betweenness = bc
	v2, err := Values(t.Context(), e, net, reuse)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(jsonOf(t, v1), jsonOf(t, v2)) {
		t.Error("values differ when betweenness is given")
	}

	skip := opts
	skip.SkipCloseness = true
	noCl, _, err := NodeMetricsOf(t.Context(), net, skip)
	if err != nil {
		t.Fatal(err)
	}
	for i := range noCl {
		if !math.IsNaN(float64(noCl[i].Closeness)) {
			t.Errorf("%s: closeness %v with SkipCloseness", noCl[i].ID, noCl[i].Closeness)
		}
		noCl[i].Closeness = nodes[i].Closeness
	}
	if !reflect.DeepEqual(jsonOf(t, nodes), jsonOf(t, noCl)) {
		t.Error("SkipCloseness changed another node metric")
	}
}

// jsonOf is v as JSON, which writes NaN as null, so that results with
// undefined values compare equal.
func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
