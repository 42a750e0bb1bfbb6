package network

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestUnionFind checks the sets against labels kept by brute force: after
// every union, two elements share a root exactly when they share a label,
// and Size counts the elements of the label.
func TestUnionFind(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 8))
	const n = 60
	u := NewUnionFind(n)
	for round := 0; round < 2; round++ {
		label := make([]int, n)
		for i := range label {
			label[i] = i
		}
		for k := 0; k < 80; k++ {
			x, y := int32(r.IntN(n)), int32(r.IntN(n))
			apart := label[x] != label[y]
			if got := u.Union(x, y); got != apart {
				t.Fatalf("round %d: Union(%d, %d) = %v, want %v", round, x, y, got, apart)
			}
			if apart {
				old := label[y]
				for i := range label {
					if label[i] == old {
						label[i] = label[x]
					}
				}
			}
		}
		roots := 0
		for i := range int32(n) {
			for j := range int32(n) {
				if (u.Find(i) == u.Find(j)) != (label[i] == label[j]) {
					t.Fatalf("round %d: %d and %d: same root %v, same label %v", round, i, j, u.Find(i) == u.Find(j), label[i] == label[j])
				}
			}
			size := 0
			for _, l := range label {
				if l == label[i] {
					size++
				}
			}
			if int(u.Size(i)) != size {
				t.Errorf("round %d: Size(%d) = %d, want %d", round, i, u.Size(i), size)
			}
			if u.IsRoot(i) {
				roots++
			}
		}
		distinct := slices.Compact(slices.Sorted(slices.Values(label)))
		if roots != len(distinct) {
			t.Errorf("round %d: %d roots, %d sets", round, roots, len(distinct))
		}
		u.Reset()
	}
}

func TestGroupBy(t *testing.T) {
	from := []int32{2, 0, -1, 2}
	to := []int32{0, 1, 1, -1}
	c := GroupBy(3, from, to)
	for _, tt := range []struct {
		owner int32
		want  []int32
	}{{0, []int32{1, 0}}, {1, []int32{1, 2}}, {2, []int32{0, 3}}} {
		if got := c.Of(tt.owner); !slices.Equal(got, tt.want) {
			t.Errorf("Of(%d) = %v, want %v", tt.owner, got, tt.want)
		}
	}
}

// TestOriented checks that every edge is listed once, at its end of lower
// degree (then index), in the order of the neighbours.
func TestOriented(t *testing.T) {
	for c, rc := range randomCases(100) {
		g := rc.graph()
		o := Oriented(g)
		seen := 0
		for a := 0; a < g.N(); a++ {
			var want []int32
			for _, v := range g.Neighbors(a) {
				da, dv := g.Degree(a), g.Degree(int(v))
				if da < dv || da == dv && int32(a) < v {
					want = append(want, v)
				}
			}
			if got := o.Of(int32(a)); !slices.Equal(got, want) && len(got)+len(want) > 0 {
				t.Fatalf("case %d: node %d: %v, want %v", c, a, got, want)
			}
			seen += len(want)
		}
		if seen != g.M() {
			t.Fatalf("case %d: %d edges oriented, %d edges", c, seen, g.M())
		}
	}
}
