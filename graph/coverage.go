package graph

// CoverageClass classifies which helix types take part: quintuple (all
// five), quadruple (academia, industry, government and civil society),
// triple (academia, industry and government), partial (some types, but not
// the triple) or none.
type CoverageClass string

// The coverage classes from the richest to the poorest.
const (
	Quintuple CoverageClass = "quintuple"
	Quadruple CoverageClass = "quadruple"
	Triple    CoverageClass = "triple"
	Partial   CoverageClass = "partial"
	None      CoverageClass = "none"
)

// ClassTypes returns the helix types a class requires (nil for partial and none).
func ClassTypes(c CoverageClass) []Helix {
	switch c {
	case Quintuple:
		return Helices
	case Quadruple:
		return Helices[:4]
	case Triple:
		return Helices[:3]
	}
	return nil
}

// MissingFor returns the helix types that target requires (ClassTypes) and
// present lacks, in canonical order: what a unit whose known types are
// present must gain to reach target. It is empty, never nil, when target is
// reached or asks for nothing (partial, none).
func MissingFor(target CoverageClass, present []Helix) []Helix {
	out := []Helix{}
	for _, h := range ClassTypes(target) {
		found := false
		for _, p := range present {
			found = found || p == h
		}
		if !found {
			out = append(out, h)
		}
	}
	return out
}

// Coverage is the helix coverage of a set of partners.
type Coverage struct {
	Class   CoverageClass `json:"class"`
	Present []Helix       `json:"present"`
	Missing []Helix       `json:"missing"`
}

// Classify returns the class of the set of helix types present. Unknown
// types do not count towards any class.
func Classify(present map[Helix]bool) CoverageClass {
	has := func(hs []Helix) bool {
		for _, h := range hs {
			if !present[h] {
				return false
			}
		}
		return true
	}
	switch {
	case has(Helices):
		return Quintuple
	case has(Helices[:4]):
		return Quadruple
	case has(Helices[:3]):
		return Triple
	}
	for _, h := range Helices {
		if present[h] {
			return Partial
		}
	}
	return None
}

// CoverageOf returns the coverage of the given helix types: the class, the
// known types present and the known types missing, in canonical order.
func CoverageOf(types []Helix) Coverage {
	present := map[Helix]bool{}
	for _, h := range types {
		present[h] = true
	}
	c := Coverage{Class: Classify(present), Present: []Helix{}, Missing: []Helix{}}
	for _, h := range Helices {
		if present[h] {
			c.Present = append(c.Present, h)
		} else {
			c.Missing = append(c.Missing, h)
		}
	}
	return c
}
