package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/ecoscope/ecoscope/analysis"
	"github.com/ecoscope/ecoscope/graph"
)

// GapsMeta says what a gaps document is about and against which settings.
type GapsMeta struct {
	Name      string `json:"name,omitempty"`
	Source    string `json:"source"`
	At        string `json:"at"`
	Unit      string `json:"unit,omitempty"`
	TieSource string `json:"tie_source"`
	// Targets are the coverage targets per level and form, as configured.
	Targets  map[string]string `json:"targets"`
	MinShare float64           `json:"min_share"`
	// Top is the length of the candidate lists; 0 for all.
	Top int `json:"top"`
	// OnlyGaps says that units lists only the units with a gap
	// (--only-gaps); the summary counts them all.
	OnlyGaps bool `json:"only_gaps"`
	// Note says why there is nothing to report, e.g. a --unit that is
	// not active at --at or a date past the data, and which date to try.
	Note string `json:"note,omitempty"`
	// Notes say what the reader should know of how the network was made.
	Notes analysis.Notes `json:"notes"`
}

// GapsJSON is the document of `ecoscope gaps`. Its keys are stable (see
// docs/gaps.md): later versions add keys, never rename them.
type GapsJSON struct {
	GapsMeta
	analysis.GapReport
}

// textListMax is the number of partners, articulation points and bridges
// the text lists before saying how many more there are.
const textListMax = 10

// WriteGapsText writes d as advice for a coordinator or facilitator: the
// whole ecosystem first, then every unit.
func WriteGapsText(w io.Writer, d GapsJSON) error {
	ew := &errWriter{w: w}
	ew.heading("Gaps", d.Name)
	ew.sourceAndSnapshot(d.Source, d.At, "")
	if d.Unit != "" {
		ew.printf("Units:    %s and the units below it (the ecosystem and the candidates: all partners)\n", d.Unit)
	}
	ew.printf("Network:  %s\n", describeTies(d.TieSource))
	ew.printf("Targets:  %s; a type the target asks for is under-represented below %s of a unit's partners\n",
		describeTargets(d.Targets), pct(d.MinShare))

	eco := d.Ecosystem
	if eco.Partners == 0 {
		ew.printf("\n%s\n", emptyNote(d.Note, d.At))
		return ew.err
	}

	if d.Summary.Units > 0 {
		ew.printf("\nSummary\n-------\n")
		writeGapSummary(ew, d.Summary)
	}

	ew.printf("\nWhole ecosystem\n---------------\n")
	writeScope(ew, "", eco)
	if len(eco.Missing) > 0 || len(eco.Underrepresented) > 0 {
		ew.printf("  ecoscope knows only the partners in the data set: look outside it for %s partners.\n",
			joinHelices(append(append([]graph.Helix{}, eco.Missing...), underTypes(eco)...)))
	}

	switch {
	case d.Note != "":
		ew.printf("\n%s\n", d.Note)
		return ew.err
	case d.OnlyGaps && len(d.Units) == 0:
		ew.printf("\nNo unit has a gap (--only-gaps leaves out the others).\n")
		return ew.err
	case len(d.Units) == 0:
		ew.printf("\nThe data set has no units.\n")
		return ew.err
	}
	if d.OnlyGaps {
		ew.printf("\nUnits with a gap (%d of %d; --only-gaps leaves out the others)\n-----\n", len(d.Units), d.Summary.Units)
	} else {
		ew.printf("\nUnits (a unit's partners are those of the unit and of the units below it)\n-----\n")
	}
	// With --unit the first unit is not at depth 0; with --only-gaps a
	// deeper unit may come first.
	top := d.Units[0].Depth
	for _, u := range d.Units {
		top = min(top, u.Depth)
	}
	for _, u := range d.Units {
		u.Depth -= top
		ew.printf("\n%s%s — %s (%s", strings.Repeat("  ", u.Depth), u.ID, nameOr(u.Name, u.ID), u.Level)
		if u.Form != "" && string(u.Form) != string(u.Level) {
			ew.printf(": %s", u.Form)
		}
		if u.Parent != "" {
			ew.printf("; in %s", u.Parent)
		}
		ew.printf(")\n")
		indent := strings.Repeat("  ", u.Depth)
		if !u.Form.LearningCommunityOnItsOwn() && u.Target == graph.None {
			ew.printf("%s  %s, not a Learning Community on its own, so it has no helix target.\n", indent, notLC(u.Form))
		}
		if u.Partners > 0 && u.Partners == eco.Partners && u.Target == eco.Target {
			// Every partner takes part: the items are the whole
			// ecosystem's, and no candidate is outside it.
			ew.printf("%s  Same partners and target as the whole ecosystem: see above.\n", indent)
			continue
		}
		writeScope(ew, indent, u.ScopeGaps)
	}
	return ew.err
}

// writeGapSummary writes the counts of the units: first, so that a report
// of thousands of units starts with what they have in common.
func writeGapSummary(ew *errWriter, s analysis.GapSummary) {
	var classes []string
	for _, c := range []graph.CoverageClass{graph.Quintuple, graph.Quadruple, graph.Triple, graph.Partial, graph.None} {
		if n := s.Coverage[c]; n > 0 {
			classes = append(classes, fmt.Sprintf("%d %s", n, c))
		}
	}
	ew.printf("  %s; coverage reached: %s.\n", plural(s.Units, "unit"), strings.Join(classes, ", "))
	switch s.WithGaps {
	case 0:
		ew.printf("  No unit has a gap: every unit reaches its target, with enough partners of each type.\n")
	case 1:
		ew.printf("  1 unit has a gap: a type of its target missing or under-represented.\n")
	default:
		ew.printf("  %d units have a gap: a type of their target missing or under-represented.\n", s.WithGaps)
	}
	if l := rankedTypes(s.Missing); l != "" {
		ew.printf("  Most often missing: %s.\n", l)
	}
	if l := rankedTypes(s.Underrepresented); l != "" {
		ew.printf("  Most often under-represented: %s.\n", l)
	}
	switch s.WithoutTies {
	case 0:
	case 1:
		ew.printf("  1 unit has no ties: none of its partners works with anyone in the network.\n")
	default:
		ew.printf("  %d units have no ties: none of their partners works with anyone in the network.\n", s.WithoutTies)
	}
}

// rankedTypes lists the types with a count above 0, most first (canonical
// order among equals, so the first is GapSummary.MostMissing): "government
// (12 units), industry (3)".
func rankedTypes(counts map[graph.Helix]int) string {
	var hs []graph.Helix
	for _, h := range graph.Helices {
		if counts[h] > 0 {
			hs = append(hs, h)
		}
	}
	sort.SliceStable(hs, func(i, j int) bool { return counts[hs[i]] > counts[hs[j]] })
	var parts []string
	for i, h := range hs {
		if i == 0 {
			parts = append(parts, fmt.Sprintf("%s (%s)", h, plural(counts[h], "unit")))
			continue
		}
		parts = append(parts, fmt.Sprintf("%s (%d)", h, counts[h]))
	}
	return strings.Join(parts, ", ")
}

// writeScope writes the items of one scope, each line indented.
func writeScope(ew *errWriter, indent string, g analysis.ScopeGaps) {
	in := indent + "  "
	// Coverage against the target.
	cov := string(g.Class)
	if len(g.Present) > 0 {
		cov += " (" + joinHelices(g.Present) + ")"
	}
	switch {
	case g.Partners == 0:
		ew.printf("%sNo partners take part.", in)
	default:
		ew.printf("%s%s; coverage %s.", in, plural(g.Partners, "partner"), cov)
	}
	switch {
	case g.Target == graph.None || g.Target == "":
		ew.printf("\n")
	case len(g.Missing) == 0:
		ew.printf(" Target %s: met.\n", g.Target)
	default:
		ew.printf(" Target %s: misses %s.\n", g.Target, andList(helixStrings(g.Missing)))
	}
	if len(g.Underrepresented) > 0 {
		var parts []string
		for _, u := range g.Underrepresented {
			parts = append(parts, fmt.Sprintf("%s (%d of %d partners, %s)", u.Helix, u.Partners, g.Partners, pct(u.Share)))
		}
		ew.printf("%sUnder-represented: %s.\n", in, strings.Join(parts, ", "))
	}
	if len(g.Unknown) > 0 {
		ew.printf("%sOf unknown helix type, so counted in no type (%d): %s. Give them a helix type.\n", in, len(g.Unknown), partnerList(g.Unknown))
	}
	if len(g.MissingPairs) > 0 {
		var parts []string
		for _, p := range g.MissingPairs {
			parts = append(parts, string(p[0])+"–"+string(p[1]))
		}
		ew.printf("%sNo tie at all between %s.\n", in, strings.Join(parts, ", "))
	}
	if len(g.Isolated) > 0 {
		ew.printf("%sIsolated, with no tie (%d): %s.\n", in, len(g.Isolated), partnerList(g.Isolated))
	}
	if len(g.WithinTypeOnly) > 0 {
		ew.printf("%sTied only to partners of their own type (%d): %s.\n", in, len(g.WithinTypeOnly), partnerList(g.WithinTypeOnly))
	}
	if g.NoTies {
		ew.printf("%sNone of its partners has a tie with anyone in the network, so nobody in it can introduce a candidate.\n", in)
	}
	if n := len(g.ArticulationPoints); n > 0 {
		ew.printf("%sPartners whose departure would split the network (articulation points, %d):\n", in, n)
		shown := 0
		for _, c := range g.ArticulationPoints {
			if shown == textListMax || minorCut(c.CutOffTypes, c.Separated) {
				break
			}
			ew.printf("%s  - %s: %s\n", in, partnerLabel(c.Partner), describeCut(c.CutOffTypes, c.Separated))
			shown++
		}
		writeRest(ew, in, shown, g.ArticulationPoints[shown:], func(c analysis.Cut) bool { return minorCut(c.CutOffTypes, c.Separated) })
	}
	if n := len(g.Bridges); n > 0 {
		ew.printf("%sTies whose end would split the network (bridges, %d):\n", in, n)
		shown := 0
		for _, b := range g.Bridges {
			if shown == textListMax || minorCut(b.CutOffTypes, b.Separated) {
				break
			}
			ew.printf("%s  - %s – %s: %s\n", in, nameOr(b.Partners[0].Name, b.Partners[0].ID), nameOr(b.Partners[1].Name, b.Partners[1].ID), describeCut(b.CutOffTypes, b.Separated))
			shown++
		}
		writeRest(ew, in, shown, g.Bridges[shown:], func(b analysis.BridgeCut) bool { return minorCut(b.CutOffTypes, b.Separated) })
	}
	if len(g.SingleBrokers) > 0 {
		ew.printf("%sSingle brokers, the only link between two helix types:\n", in)
		for _, s := range g.SingleBrokers {
			if len(s.Brokers) == 1 {
				b := s.Brokers[0]
				ties := fmt.Sprintf("all %d ties", s.CrossTies)
				if s.CrossTies == 2 {
					ties = "both ties"
				}
				ew.printf("%s  - %s holds %s between %s and %s.\n", in, partnerLabel(b), ties, s.Types[0], s.Types[1])
			} else {
				ew.printf("%s  - The only tie between %s and %s is %s – %s.\n", in, s.Types[0], s.Types[1],
					partnerLabel(s.Brokers[0]), partnerLabel(s.Brokers[1]))
			}
		}
	}
	for _, tc := range g.Candidates {
		why := "missing"
		if tc.Reason == analysis.ReasonUnderrepresented {
			why = "under-represented"
		}
		if len(tc.Partners) == 0 {
			ew.printf("%sNo %s partner elsewhere in the ecosystem could fill the gap (%s): look outside it.\n", in, tc.Helix, why)
			continue
		}
		if g.Partners == 0 || g.NoTies {
			// Nobody to be close to, or no tie to get close through:
			// a plain list, by id.
			var names []string
			for _, c := range tc.Partners {
				names = append(names, nameOr(c.Name, c.ID))
			}
			if len(tc.Partners) < tc.Total {
				names = append(names, fmt.Sprintf("… and %d more", tc.Total-len(tc.Partners)))
			}
			how := "none linked to the unit yet"
			if g.NoTies {
				how = "by type only"
			}
			ew.printf("%sCandidates for %s (%s; %s): %s.\n", in, tc.Helix, why, how, strings.Join(names, ", "))
			continue
		}
		shown := fmt.Sprintf("%d", len(tc.Partners))
		if len(tc.Partners) < tc.Total {
			shown = fmt.Sprintf("best %d of %d", len(tc.Partners), tc.Total)
		}
		ew.printf("%sCandidates for %s (%s; %s):\n", in, tc.Helix, why, shown)
		for i, c := range tc.Partners {
			ew.printf("%s  %d. %s — %s\n", in, i+1, partnerLabel(c.PartnerRef), describePath(c))
		}
	}
}

// minorCut reports whether a cut only separates one partner (a partner
// with a single tie) and cuts off no helix type; the text counts those
// instead of listing them.
func minorCut(types []graph.Helix, separated int) bool { return len(types) == 0 && separated <= 1 }

// writeRest says how many articulation points or bridges were not listed.
func writeRest[T any](ew *errWriter, in string, shown int, rest []T, minor func(T) bool) {
	if len(rest) == 0 {
		return
	}
	all := true
	for _, r := range rest {
		all = all && minor(r)
	}
	switch {
	case all && shown == 0:
		ew.printf("%s  each separates a single partner (one with a single tie), no helix type cut off (--format json lists them)\n", in)
		return
	case all && len(rest) == 1:
		ew.printf("%s  … and 1 more that separates a single partner, no helix type cut off (--format json lists it)\n", in)
		return
	case all:
		ew.printf("%s  … and %d more that each separate a single partner, no helix type cut off (--format json lists all)\n", in, len(rest))
		return
	}
	ew.printf("%s  … and %d more (--format json lists all)\n", in, len(rest))
}

// describeCut says what an articulation point or bridge would do.
func describeCut(types []graph.Helix, separated int) string {
	who := plural(separated, "partner")
	if len(types) > 0 {
		return fmt.Sprintf("cuts off %s (%s apart from the rest)", joinHelices(types), who)
	}
	if separated == 0 {
		return "splits it into equal parts, no helix type cut off"
	}
	return fmt.Sprintf("%s apart from the rest, no helix type cut off", who)
}

// describePath says how a candidate is linked to the unit: who could
// introduce them.
func describePath(c analysis.Candidate) string {
	score := ""
	if c.Score > 0 {
		score = fmt.Sprintf(" (Adamic–Adar %.2f)", c.Score)
	}
	if c.Distance == nil {
		return "no path from the unit's partners: an introduction has to come from outside the network"
	}
	p := c.Path
	name := func(r analysis.PartnerRef) string { return nameOr(r.Name, r.ID) }
	switch *c.Distance {
	case 1:
		return fmt.Sprintf("1 step: already works with %s in the unit%s", name(p[0]), score)
	case 2:
		return fmt.Sprintf("2 steps: via %s, who works with %s in the unit%s", name(p[1]), name(p[0]), score)
	}
	var names []string
	for i, r := range p {
		if i == 0 {
			names = append(names, name(r)+" (in the unit)")
			continue
		}
		names = append(names, name(r))
	}
	return fmt.Sprintf("%d steps: %s%s", *c.Distance, strings.Join(names, " → "), score)
}

func describeTies(s string) string {
	switch s {
	case "explicit":
		return "explicit ties only (--ties explicit)"
	case "units":
		return "partners joined by the units they share (--ties units)"
	}
	return "explicit ties and shared units (--ties all)"
}

// describeTargets lists the targets: levels first, in framework order, then
// forms by name.
func describeTargets(t map[string]string) string {
	var parts []string
	done := map[string]bool{}
	for _, l := range graph.Levels {
		if v, ok := t[string(l)]; ok {
			parts = append(parts, string(l)+" "+v)
			done[string(l)] = true
		}
	}
	var forms []string
	for k := range t {
		if !done[k] {
			forms = append(forms, k)
		}
	}
	sort.Strings(forms)
	for _, f := range forms {
		parts = append(parts, f+" "+t[f])
	}
	return strings.Join(parts, ", ")
}

func notLC(f graph.Form) string {
	if f == graph.FormPLC {
		return "A PLC (professional learning community) is one organisation"
	}
	return "A CoP (community of practice) is one profession"
}

// plural is "1 partner", "2 partners".
func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

func underTypes(g analysis.ScopeGaps) []graph.Helix {
	var out []graph.Helix
	for _, u := range g.Underrepresented {
		out = append(out, u.Helix)
	}
	return out
}

func helixStrings(hs []graph.Helix) []string {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = string(h)
	}
	return out
}

// andList joins "a", "a and b", "a, b and c".
func andList(s []string) string {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

func nameOr(name, id string) string {
	if name == "" {
		return id
	}
	return name
}

// partnerLabel is "Name (helix)", with the id when the name is missing.
func partnerLabel(r analysis.PartnerRef) string {
	return fmt.Sprintf("%s (%s)", nameOr(r.Name, r.ID), r.Helix)
}

// partnerList lists up to textListMax partners.
func partnerList(rs []analysis.PartnerRef) string {
	var parts []string
	for i, r := range rs {
		if i == textListMax {
			parts = append(parts, fmt.Sprintf("… and %d more", len(rs)-i))
			break
		}
		parts = append(parts, partnerLabel(r))
	}
	return strings.Join(parts, ", ")
}

func pct(f float64) string {
	s := fmt.Sprintf("%.1f", 100*f)
	s = strings.TrimSuffix(s, ".0")
	return s + "%"
}
