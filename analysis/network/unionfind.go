package network

// UnionFind is a disjoint-set forest over the elements 0 to n-1, with union
// by size and path halving: a sequence of m operations costs O(m α(n))
// (R. E. Tarjan and J. van Leeuwen, Worst-case analysis of set union
// algorithms, J. ACM 31(2), 1984, doi:10.1145/62.2160).
type UnionFind struct {
	parent []int32
	size   []int32
}

// NewUnionFind returns n elements, each a set of its own.
func NewUnionFind(n int) *UnionFind {
	u := &UnionFind{parent: make([]int32, n), size: make([]int32, n)}
	u.Reset()
	return u
}

// Reset makes every element a set of its own again.
func (u *UnionFind) Reset() {
	for i := range u.parent {
		u.parent[i] = int32(i)
		u.size[i] = 1
	}
}

// Find returns the root of the set of x.
func (u *UnionFind) Find(x int32) int32 {
	for u.parent[x] != x {
		u.parent[x] = u.parent[u.parent[x]]
		x = u.parent[x]
	}
	return x
}

// Union merges the sets of x and y and reports whether they were apart.
func (u *UnionFind) Union(x, y int32) bool {
	a, b := u.Find(x), u.Find(y)
	if a == b {
		return false
	}
	u.Link(a, b)
	return true
}

// Link merges the sets whose roots are a and b, which must differ: the
// smaller set goes under the root of the larger one. A loop that finds
// both roots itself (Find) and links them when they differ is Union
// without a call per pair.
func (u *UnionFind) Link(a, b int32) {
	if u.size[a] < u.size[b] {
		a, b = b, a
	}
	u.parent[b] = a
	u.size[a] += u.size[b]
}

// IsRoot reports whether x is the root of its set.
func (u *UnionFind) IsRoot(x int32) bool { return u.parent[x] == x }

// Size returns the number of elements in the set of x.
func (u *UnionFind) Size(x int32) int32 { return u.size[u.Find(x)] }
