package graph

// Known holds the records that a data set may name without holding them:
// those of a store it is imported into without Replace (a tie to a partner
// imported last week). ValidateWith accepts references to them.
type Known struct {
	// Actors maps the id of every partner and person known to whether it
	// is a person.
	Actors map[string]bool
	// Units maps the id of every unit known to the id of its parent, ""
	// for none.
	Units map[string]string
}

// knownRefs answers Validate's questions about the records of a Known:
// whether an id names one, and the number of a known actor, for Combine.
// Known actors are numbered from base on, in the order they are first
// named, after the partners and people of the data set.
type knownRefs struct {
	k      *Known
	base   int32
	number map[string]int32
}

func newKnownRefs(k *Known, base int) *knownRefs {
	return &knownRefs{k: k, base: int32(base)}
}

// actor returns the number of a known partner or person.
func (r *knownRefs) actor(id string) (int32, bool) {
	if r.k == nil {
		return 0, false
	}
	if _, ok := r.k.Actors[id]; !ok {
		return 0, false
	}
	if r.number == nil {
		r.number = map[string]int32{}
	}
	n, ok := r.number[id]
	if !ok {
		n = r.base + int32(len(r.number))
		r.number[id] = n
	}
	return n, true
}

// partner reports whether id names a known partner (not a person).
func (r *knownRefs) partner(id string) bool {
	if r.k == nil {
		return false
	}
	person, ok := r.k.Actors[id]
	return ok && !person
}

// unit reports whether id names a known unit.
func (r *knownRefs) unit(id string) bool {
	if r.k == nil {
		return false
	}
	_, ok := r.k.Units[id]
	return ok
}
