package network

import (
	"cmp"
	"slices"
)

// CutForest is the depth-first forest of a graph that its articulation
// points and bridges are read from (see Cuts).
type CutForest struct {
	// Parent is the parent of every node in the forest, -1 for the root
	// of a tree: the first node of each connected component.
	Parent []int32
	// Post lists the nodes in the order the search finished them, every
	// node after all of its descendants.
	Post []int32
	// Size is the number of nodes of the subtree of every node, itself
	// included; the size of a root is that of its component.
	Size []int32
	// Splits lists, component after component in the order of their
	// roots and by parent within a component (in the order found among
	// equal parents), the subtrees that removing their parent node
	// separates from the rest of the component.
	Splits []Split
}

// Split says that removing node Parent separates the subtree of its child
// Child from the rest of the component whose tree is rooted at Root; when
// Bridge is true, removing the edge Parent–Child alone separates it too.
type Split struct {
	Root, Parent, Child int32
	Bridge              bool
}

// Cuts returns the depth-first forest of g with its splits, by Hopcroft and
// Tarjan's search for articulation points and bridges, iterative, in O(n+m)
// time and without recursion (J. Hopcroft and R. Tarjan, Algorithm 447:
// efficient algorithms for graph manipulation, Commun. ACM 16(6), 1973,
// doi:10.1145/362248.362272). A node is an articulation point when its
// splits and what is left of its component besides them make at least two
// pieces (see ArticulationPoints); a split with Bridge set is a bridge.
func Cuts(g *Graph) CutForest {
	n := g.N()
	f := CutForest{Parent: make([]int32, n), Post: make([]int32, 0, n), Size: make([]int32, n)}
	disc := make([]int32, n) // discovery time + 1; 0 = unvisited
	low := make([]int32, n)
	next := make([]int32, n) // position of the next neighbour to visit
	parent := f.Parent
	var stack []int32
	t := int32(0)
	for s := 0; s < n; s++ {
		if disc[s] != 0 {
			continue
		}
		t++
		disc[s], low[s], parent[s] = t, t, -1
		stack = append(stack[:0], int32(s))
		start := len(f.Splits)
		for len(stack) > 0 {
			v := stack[len(stack)-1]
			nb := g.Neighbors(int(v))
			if int(next[v]) < len(nb) {
				w := nb[next[v]]
				next[v]++
				if disc[w] == 0 {
					t++
					disc[w], low[w], parent[w] = t, t, v
					stack = append(stack, w)
				} else if w != parent[v] {
					low[v] = min(low[v], disc[w])
				}
				continue
			}
			stack = stack[:len(stack)-1]
			f.Post = append(f.Post, v)
			f.Size[v]++
			p := parent[v]
			if p < 0 {
				continue
			}
			low[p] = min(low[p], low[v])
			f.Size[p] += f.Size[v]
			if low[v] >= disc[p] {
				f.Splits = append(f.Splits, Split{Root: int32(s), Parent: p, Child: v, Bridge: low[v] > disc[p]})
			}
		}
		slices.SortStableFunc(f.Splits[start:], func(a, b Split) int { return cmp.Compare(a.Parent, b.Parent) })
	}
	return f
}

// ArticulationPoints returns the nodes of g whose removal increases the
// number of connected components, in increasing order, as
// networkx.articulation_points finds them (Hopcroft and Tarjan 1973, see
// Cuts).
func ArticulationPoints(g *Graph) []int {
	f := Cuts(g)
	out := []int{}
	for i := 0; i < len(f.Splits); {
		j := i
		rest := f.Size[f.Splits[i].Root] - 1
		for j < len(f.Splits) && f.Splits[j].Parent == f.Splits[i].Parent {
			rest -= f.Size[f.Splits[j].Child]
			j++
		}
		pieces := j - i
		if rest > 0 {
			pieces++
		}
		if pieces >= 2 {
			out = append(out, int(f.Splits[i].Parent))
		}
		i = j
	}
	slices.Sort(out)
	return out
}

// Bridges returns the edges of g whose removal increases the number of
// connected components, each as its two nodes in increasing order, sorted,
// as networkx.bridges finds them (Hopcroft and Tarjan 1973, see Cuts).
func Bridges(g *Graph) [][2]int {
	f := Cuts(g)
	out := [][2]int{}
	for _, s := range f.Splits {
		if s.Bridge {
			u, v := int(s.Parent), int(s.Child)
			out = append(out, [2]int{min(u, v), max(u, v)})
		}
	}
	slices.SortFunc(out, func(a, b [2]int) int { return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1])) })
	return out
}
