package report

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/ecoscope/ecoscope/analysis"
	"github.com/ecoscope/ecoscope/graph"
)

// The findings of the summary are chosen by rules, most important first;
// the report keeps the first MaxFindings that apply (at most two of a
// kind). A structural weakness comes before a count:
//
//  1. missing_type: the ecosystem lacks a helix type its target asks for
//     (gaps of the ecosystem);
//  2. cut_off: a helix type reaches the rest of the network through one
//     partner: an articulation point cuts it off (gaps);
//  3. unit_gap: the units furthest below their target (most types
//     lacking, then the higher level, then the larger), with the number
//     of candidates of the lacking types one introduction away: at two
//     ties from a partner of the unit (gaps);
//  4. never_tied: two helix types that both take part never tie (gaps);
//  5. single_broker: every tie between two types touches one partner;
//  6. inward: the E-I index is below −InwardEI: ties stay within helix
//     types (network metrics);
//  7. not_lc: units that are not a Learning Community, or lack the data
//     to say (check);
//  8. growth: partners at the first year with partners and the last
//     (growth);
//  9. no_values or transformative: value creation (values).
//
// At least MinFindings are kept when the rules give that many; the last
// rules (growth, values) nearly always apply.
const (
	MaxFindings = 5
	MinFindings = 3
	// InwardEI is the E-I index below which ties are said to stay within
	// helix types.
	InwardEI = 0.2
)

// findings applies the rules to d.
func findings(d *Document) []Finding {
	var out []Finding
	kinds := map[string]int{}
	add := func(f Finding) {
		if len(out) >= MaxFindings || kinds[f.Kind] >= 2 {
			return
		}
		kinds[f.Kind]++
		f.Text = FindingText(CheckEnglish, f)
		out = append(out, f)
	}
	eco := d.scopeGaps()
	if len(eco.Missing) > 0 && d.Unit == "" { // a unit's own gap is a unit_gap finding
		add(Finding{Kind: FindingMissingType, Section: SectionComposition, Helices: eco.Missing, Value: 0,
			From: string(eco.Target)})
	}
	seen := map[graph.Helix]bool{}
	for _, c := range eco.ArticulationPoints {
		for _, h := range c.CutOffTypes {
			if seen[h] {
				continue
			}
			seen[h] = true
			p := c.Partner
			add(Finding{Kind: FindingCutOff, Section: SectionGaps, Helix: h, Partner: &p,
				Count: d.HelixCounts[h], Share: analysis.Float(share(d.HelixCounts[h], d.Partners))})
		}
	}
	for _, u := range unitsByGap(d.Gaps.Units) {
		if len(u.Missing) == 0 {
			break
		}
		if u.Level == graph.LevelEcosystem && len(eco.Missing) > 0 {
			continue // the ecosystem's own gap is the first finding
		}
		near := map[string]bool{}
		for _, tc := range u.Candidates {
			if tc.Reason != analysis.ReasonMissing {
				continue
			}
			for _, c := range tc.Partners {
				if c.Distance != nil && *c.Distance <= 2 {
					near[c.ID] = true
				}
			}
		}
		add(Finding{Kind: FindingUnitGap, Section: SectionGaps, Helices: u.Missing,
			Unit: &UnitRef{ID: u.ID, Name: u.Name, Level: u.Level, Form: u.Form}, Count: len(near)})
	}
	if len(eco.MissingPairs) > 0 {
		// One finding for all pairs: Helices holds them flat, two by two.
		var flat []graph.Helix
		for _, p := range eco.MissingPairs {
			flat = append(flat, p[0], p[1])
		}
		add(Finding{Kind: FindingNeverTied, Section: SectionMixing, Helices: flat, Count: len(eco.MissingPairs)})
	}
	named := map[string]bool{} // partners a cut_off finding names already
	for _, f := range out {
		if f.Partner != nil {
			named[f.Partner.ID] = true
		}
	}
	for _, b := range eco.SingleBrokers {
		if len(b.Brokers) == 1 && !named[b.Brokers[0].ID] {
			p := b.Brokers[0]
			add(Finding{Kind: FindingSingleBroker, Section: SectionGaps, Helices: []graph.Helix{b.Types[0], b.Types[1]},
				Partner: &p, Count: b.CrossTies})
		}
	}
	if ei := float64(d.Network.EIIndex); !math.IsNaN(ei) && ei < -InwardEI {
		add(Finding{Kind: FindingInward, Section: SectionMixing, Value: analysis.Float(ei)})
	}
	if s := d.Check.Summary; s.Units > 0 && s.LearningCommunity < s.Units {
		add(Finding{Kind: FindingNotLC, Section: SectionCheck, Count: s.LearningCommunity, Of: s.Units,
			FromN: s.NotOnItsOwn, ToN: s.InsufficientData})
	}
	if g := d.Growth; g != nil && len(g.Rows) > 1 && g.Rows[len(g.Rows)-1].Partners > 0 {
		rows := g.Rows
		for len(rows) > 1 && rows[0].Partners == 0 { // from the first year with partners
			rows = rows[1:]
		}
		a, b := rows[0], rows[len(rows)-1]
		// No change (undated partners, as in CORDIS) is no finding.
		if len(rows) > 1 && a.Partners != b.Partners {
			add(Finding{Kind: FindingGrowth, Section: SectionGrowth, From: a.Date, To: b.Date, FromN: a.Partners, ToN: b.Partners,
				Count: b.Ties})
		}
	}
	if v := d.ValueCreation; v.Records == 0 {
		add(Finding{Kind: FindingNoValues, Section: SectionValues})
	} else {
		n := 0
		for _, r := range v.Cycles {
			if r.Cycle == graph.CycleRealized || r.Cycle == graph.CycleTransformative {
				n += r.Records
			}
		}
		add(Finding{Kind: FindingTransformative, Section: SectionValues, Count: n, Of: v.Records, Share: analysis.Float(share(n, v.Records))})
	}
	if out == nil {
		out = []Finding{}
	}
	return out
}

// scopeGaps returns the gaps of what the report is about: the whole
// ecosystem, or with --unit the unit (whose structure Gaps computes on
// the partners of its subtree).
func (d *Document) scopeGaps() *analysis.ScopeGaps {
	if d.Unit != "" {
		for i := range d.Gaps.Units {
			if d.Gaps.Units[i].ID == d.Unit {
				return &d.Gaps.Units[i].ScopeGaps
			}
		}
	}
	return &d.Gaps.Ecosystem
}

func share(n, total int) float64 {
	if total == 0 {
		return 0
	}
	return float64(n) / float64(total)
}

// unitsByGap orders the units of a gap report as the unit list of the
// report does: most types missing, then the higher level, then the larger.
func unitsByGap(units []analysis.UnitGaps) []analysis.UnitGaps {
	rank := func(l graph.Level) int {
		if i := slices.Index(graph.Levels, l); i >= 0 {
			return i
		}
		return len(graph.Levels)
	}
	out := slices.Clone(units)
	slices.SortStableFunc(out, func(a, b analysis.UnitGaps) int {
		return cmp.Or(cmp.Compare(len(b.Missing), len(a.Missing)), cmp.Compare(rank(a.Level), rank(b.Level)),
			cmp.Compare(b.Partners, a.Partners))
	})
	return out
}

// findingWords are the sentences of the findings in one language.
type findingWords struct {
	missingType, cutOff, unitGap, unitGapNone, neverTied, singleBroker string
	inward, notLC, growth, noValues, transformative, see               string
	and                                                                string
}

var findingText = map[CheckLang]*findingWords{
	CheckEnglish: {
		missingType:    "The ecosystem has no partners of type %s, which its target (%s) asks for.",
		cutOff:         "%s is %s of the partners and reaches the rest of the network through one partner, %s.",
		unitGap:        "%s %s misses %s; %d candidate(s) are one introduction away.",
		unitGapNone:    "%s %s misses %s; no candidate is one introduction away.",
		neverTied:      "Helix types that both take part but never tie: %s.",
		singleBroker:   "All %d ties between %s and %s go through one partner, %s.",
		inward:         "Ties stay mostly within helix types (E-I index %.2f).",
		notLC:          "%d of %d units are a Learning Community; %d are not on their own, %d lack the data to say.",
		growth:         "Partners: from %d in %s to %d in %s.",
		noValues:       "No value creation is recorded: there is no evidence yet of what the partners gain.",
		transformative: "%s of the %d value records are realized or transformative value.",
		see:            "see %s",
		and:            " and ",
	},
	CheckDutch: {
		missingType:    "Het ecosysteem heeft geen partners van het type %s, dat het doel (%s) vraagt.",
		cutOff:         "%s is %s van de partners en bereikt de rest van het netwerk via één partner, %s.",
		unitGap:        "%s %s mist %s; %d kandidaat/kandidaten zijn één introductie verwijderd.",
		unitGapNone:    "%s %s mist %s; geen kandidaat is één introductie verwijderd.",
		neverTied:      "Helixtypen die allebei meedoen maar geen enkele relatie hebben: %s.",
		singleBroker:   "Alle %d relaties tussen %s en %s lopen via één partner, %s.",
		inward:         "Relaties blijven vooral binnen de helixtypen (E-I-index %.2f).",
		notLC:          "%d van %d eenheden zijn een Learning Community; %d zijn het op zichzelf niet, bij %d ontbreken de gegevens.",
		growth:         "Partners: van %d in %s naar %d in %s.",
		noValues:       "Er is geen waardecreatie vastgelegd: nog niets laat zien wat de partners eraan hebben.",
		transformative: "%s van de %d waarderecords is gerealiseerde of transformatieve waarde.",
		see:            "zie %s",
		and:            " en ",
	},
}

// FindingText writes f in lang (English for an unknown language).
func FindingText(lang Lang, f Finding) string {
	t, ok := findingText[lang]
	if !ok {
		t, lang = findingText[CheckEnglish], CheckEnglish
	}
	w := docText(lang)
	hs := func(list []graph.Helix) string {
		s := make([]string, len(list))
		for i, h := range list {
			s[i] = w.helix(h)
		}
		if len(s) < 2 {
			return strings.Join(s, "")
		}
		return strings.Join(s[:len(s)-1], ", ") + t.and + s[len(s)-1]
	}
	partner := func(p *analysis.PartnerRef) string {
		if p == nil {
			return ""
		}
		if p.Name != "" {
			return p.Name
		}
		return p.ID
	}
	unit := func(u *UnitRef) (string, string) {
		if u == nil {
			return "", ""
		}
		name := u.ID
		if u.Name != "" {
			name = u.Name
		}
		return w.level(u.Level), name
	}
	switch f.Kind {
	case FindingMissingType:
		return fmt.Sprintf(t.missingType, hs(f.Helices), f.From)
	case FindingCutOff:
		return fmt.Sprintf(t.cutOff, upperFirst(w.helix(f.Helix)), wholePct(float64(f.Share)), partner(f.Partner))
	case FindingUnitGap:
		l, n := unit(f.Unit)
		if f.Count == 0 {
			return fmt.Sprintf(t.unitGapNone, upperFirst(l), n, hs(f.Helices))
		}
		return fmt.Sprintf(t.unitGap, upperFirst(l), n, hs(f.Helices), f.Count)
	case FindingNeverTied:
		pairs := make([]string, 0, len(f.Helices)/2)
		for i := 0; i+1 < len(f.Helices); i += 2 {
			pairs = append(pairs, w.helix(f.Helices[i])+" – "+w.helix(f.Helices[i+1]))
		}
		return fmt.Sprintf(t.neverTied, strings.Join(pairs, "; "))
	case FindingSingleBroker:
		if len(f.Helices) == 2 {
			return fmt.Sprintf(t.singleBroker, f.Count, w.helix(f.Helices[0]), w.helix(f.Helices[1]), partner(f.Partner))
		}
	case FindingInward:
		return fmt.Sprintf(t.inward, float64(f.Value))
	case FindingNotLC:
		return fmt.Sprintf(t.notLC, f.Count, f.Of, f.FromN, f.ToN)
	case FindingGrowth:
		return fmt.Sprintf(t.growth, f.FromN, f.From, f.ToN, f.To)
	case FindingNoValues:
		return t.noValues
	case FindingTransformative:
		return upperFirst(fmt.Sprintf(t.transformative, wholePct(float64(f.Share)), f.Of))
	}
	return f.Kind
}

// wholePct writes a share as a whole percentage ("6 %").
func wholePct(s float64) string {
	return fmt.Sprintf("%.0f %%", 100*s)
}

func upperFirst(s string) string {
	for i, r := range s {
		if i == 0 {
			return strings.ToUpper(string(r)) + s[len(string(r)):]
		}
	}
	return s
}
