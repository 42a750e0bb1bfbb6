package analysis

import "github.com/ecoscope/ecoscope/graph"

// numHelix is the number of helix categories the mixing and brokerage
// functions tell apart: the five known types of graph.Helices, in their
// canonical order, then unknown.
const numHelix = 6

// unknownHelix is the category index of graph.HelixUnknown.
const unknownHelix = numHelix - 1

// helixCategory returns the index of h in graph.Helices, or unknownHelix
// for graph.HelixUnknown, the empty string and any other value.
func helixCategory(h graph.Helix) int {
	switch h {
	case graph.Academia:
		return 0
	case graph.Industry:
		return 1
	case graph.Government:
		return 2
	case graph.CivilSociety:
		return 3
	case graph.Environment:
		return 4
	}
	return unknownHelix
}

// helixOfCategory is the inverse of helixCategory.
func helixOfCategory(c int) graph.Helix {
	if c == unknownHelix {
		return graph.HelixUnknown
	}
	return graph.Helices[c]
}

// helixCategories returns the helix category of every node of net.
func helixCategories(net *Network) []int8 {
	cat := make([]int8, net.N())
	for i := range cat {
		cat[i] = int8(helixCategory(net.Helix(i)))
	}
	return cat
}
