package analysis

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// Note says something about how a result was computed that its reader
// should know: data left out, or treated otherwise than it was given.
// Commands print the Message on standard error and put the Note in the
// "notes" array of their JSON.
type Note struct {
	// Code names the kind of note; it is stable (see docs/metrics.md).
	Code string `json:"code"`
	// Message says it in a sentence.
	Message string `json:"message"`
	// Units are the ids of the units the note is about, if any.
	Units []string `json:"units,omitempty"`
}

// Notes is a list of notes, written as [] in JSON when there are none.
type Notes []Note

// MarshalJSON writes n, [] when it is nil.
func (n Notes) MarshalJSON() ([]byte, error) {
	if n == nil {
		return []byte("[]"), nil
	}
	return json.Marshal([]Note(n))
}

// The codes of Note.
const (
	// NoteEcosystemUnits: units at the ecosystem level made no unit ties.
	NoteEcosystemUnits = "ecosystem_units_no_unit_ties"
	// NoteLargeUnits: units with more direct partners than the limit made
	// no unit ties.
	NoteLargeUnits = "large_units_no_unit_ties"
	// NoteNoSynergy: the triple and quadruple helix synergy are undefined
	// (null) because no unit has partners.
	NoteNoSynergy = "synergy_undefined"
	// NoteDirectedTies: some ties that make the network are directed;
	// every metric takes them as undirected except in_degree, out_degree
	// and reciprocity.
	NoteDirectedTies = "directed_ties_undirected"
)

// NoSynergyNote is the note of network metrics whose synergy is undefined.
var NoSynergyNote = Note{
	Code: NoteNoSynergy,
	Message: "triple and quadruple helix synergy are undefined (null): they are computed over the helix types " +
		"taking part in each unit, and no unit has partners",
}

// directedNote returns the note on directed ties; count says how many ties
// were directed ("3 of 40 explicit ties are directed").
func directedNote(count string) Note {
	return Note{
		Code: NoteDirectedTies,
		Message: count + ": every metric takes a directed tie as joining its two partners both ways, " +
			"except in_degree and out_degree (metrics --level nodes) and reciprocity (metrics --level network)",
	}
}

type unitSize struct {
	id   string
	size int
}

// skippedUnits are the units that made no unit ties, by reason.
type skippedUnits struct {
	ecosystem, large []unitSize
}

// add adds the units of t that s lacks.
func (s *skippedUnits) add(t skippedUnits) {
	s.ecosystem = mergeUnitSizes(s.ecosystem, t.ecosystem)
	s.large = mergeUnitSizes(s.large, t.large)
}

// mergeUnitSizes returns the units of a and b, each once with its largest
// size.
func mergeUnitSizes(a, b []unitSize) []unitSize {
	for _, u := range b {
		i := slices.IndexFunc(a, func(x unitSize) bool { return x.id == u.id })
		if i < 0 {
			a = append(a, u)
		} else {
			a[i].size = max(a[i].size, u.size)
		}
	}
	return a
}

// notes turns s into notes; limit is the largest unit size that made ties.
func (s skippedUnits) notes(limit int) Notes {
	var notes Notes
	describe := func(us []unitSize) (ids []string, text string) {
		us = slices.Clone(us)
		slices.SortFunc(us, func(a, b unitSize) int { return cmp.Or(b.size-a.size, strings.Compare(a.id, b.id)) })
		var parts []string
		for i, u := range us {
			ids = append(ids, u.id)
			if i < 5 {
				parts = append(parts, fmt.Sprintf("%s (%d)", u.id, u.size))
			}
		}
		text = strings.Join(parts, ", ")
		if len(us) > 5 {
			text += fmt.Sprintf(" and %d more", len(us)-5)
		}
		slices.Sort(ids)
		return ids, text
	}
	if len(s.ecosystem) > 0 {
		ids, text := describe(s.ecosystem)
		notes = append(notes, Note{
			Code: NoteEcosystemUnits,
			Message: fmt.Sprintf("%s at the ecosystem level (direct partners: %s) made no co-membership ties: "+
				"taking part in the whole ecosystem is not working together", countUnits(len(ids)), text),
			Units: ids,
		})
	}
	if len(s.large) > 0 {
		ids, text := describe(s.large)
		notes = append(notes, Note{
			Code: NoteLargeUnits,
			Message: fmt.Sprintf("%s with more than %d direct partners (%s) made no co-membership ties; "+
				"raise ties.max_unit_size (or --max-unit-size) to include them", countUnits(len(ids)), limit, text),
			Units: ids,
		})
	}
	return notes
}

// areDirected says "d of n explicit ties<where> are directed", with "is"
// for one.
func areDirected(d, n int, where string) string {
	verb := "are"
	if d == 1 {
		verb = "is"
	}
	return fmt.Sprintf("%d of %d explicit ties%s %s directed", d, n, where, verb)
}

func countUnits(n int) string {
	if n == 1 {
		return "1 unit"
	}
	return fmt.Sprintf("%d units", n)
}
