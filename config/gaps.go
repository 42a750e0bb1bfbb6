package config

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/spf13/viper"

	"github.com/ecoscope/ecoscope/analysis"
	"github.com/ecoscope/ecoscope/graph"
)

// Gaps are the targets `ecoscope gaps` measures units against.
type Gaps struct {
	// Targets maps a level (ecosystem, fieldlab, team) or a form
	// (living_lab, plc, ...) to the helix coverage class a unit of that
	// level or form should reach: quintuple, quadruple, triple, or none
	// for no target. A form overrides its level. A key that is both a
	// level and a form (ecosystem, fieldlab) means the level. The whole
	// ecosystem is measured against the ecosystem target.
	Targets map[string]string `mapstructure:"targets"`
	// MinShare is the share of a unit's partners below which a present
	// helix type of its target counts as under-represented; 0 turns it off.
	MinShare float64 `mapstructure:"min_share"`
}

// DefaultGaps returns the gaps settings when ecoscope.yaml gives none: those
// of analysis.DefaultGapOptions, the one place they are defined (the
// quintuple helix for an ecosystem, the quadruple helix for a fieldlab, the
// triple helix for a team, no target for a PLC or a CoP).
func DefaultGaps() Gaps {
	o := analysis.DefaultGapOptions()
	g := Gaps{Targets: map[string]string{}, MinShare: o.MinShare}
	for l, c := range o.Targets {
		g.Targets[string(l)] = string(c)
	}
	for f, c := range o.FormTargets {
		g.Targets[string(f)] = string(c)
	}
	return g
}

// gapsDefaults sets one default per target key, so that a file that gives
// some targets keeps the defaults of the others (viper does not merge a
// default map with a map from the file).
func gapsDefaults(v *viper.Viper) {
	d := DefaultGaps()
	for k, t := range d.Targets {
		v.SetDefault("gaps.targets."+k, t)
	}
	v.SetDefault("gaps.min_share", d.MinShare)
}

// gapTargetValues are the values a target may take.
var gapTargetValues = []string{"quintuple", "quadruple", "triple", "none"}

// Validate checks the gaps settings: every key of targets names a level or
// a form, every value is quintuple, quadruple, triple or none, every level
// has a target, and min_share lies in [0, 1). The error names the setting
// (e.g. gaps.targets.team) and, for a misspelling, the nearest valid value.
func (g Gaps) Validate() error {
	keys := make([]string, 0, len(g.Targets))
	for k := range g.Targets {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var known []string
	for _, l := range graph.Levels {
		known = append(known, string(l))
	}
	isKnown := func(k string) bool {
		for _, x := range known {
			if x == k {
				return true
			}
		}
		return false
	}
	for _, f := range graph.Forms {
		if !isKnown(string(f)) {
			known = append(known, string(f))
		}
	}
	for _, k := range keys {
		key := strings.ToLower(strings.TrimSpace(k))
		if !isKnown(key) {
			return fmt.Errorf("gaps.targets.%s: not a level or form; use one of %s%s", k, strings.Join(known, ", "), didYouMean(key, known))
		}
		v := strings.ToLower(strings.TrimSpace(g.Targets[k]))
		ok := false
		for _, x := range gapTargetValues {
			ok = ok || v == x
		}
		if !ok {
			return fmt.Errorf("gaps.targets.%s: %q is not a target; use quintuple, quadruple, triple or none%s", k, g.Targets[k], didYouMean(v, gapTargetValues))
		}
	}
	for _, l := range graph.Levels {
		if _, ok := g.Targets[string(l)]; !ok {
			return fmt.Errorf("gaps.targets.%s: missing; give quintuple, quadruple, triple or none", l)
		}
	}
	if math.IsNaN(g.MinShare) || g.MinShare < 0 || g.MinShare >= 1 {
		return fmt.Errorf("gaps.min_share: %v is not a share; give a number from 0 (off) up to but not including 1, e.g. 0.10 for 10%%", g.MinShare)
	}
	return nil
}

// TargetClasses returns the targets per level and per form of g, which must
// be valid (Validate). Values are lower case.
func (g Gaps) TargetClasses() (levels map[graph.Level]graph.CoverageClass, forms map[graph.Form]graph.CoverageClass) {
	levels = map[graph.Level]graph.CoverageClass{}
	forms = map[graph.Form]graph.CoverageClass{}
	for k, v := range g.Targets {
		key := strings.ToLower(strings.TrimSpace(k))
		c := graph.CoverageClass(strings.ToLower(strings.TrimSpace(v)))
		isLevel := false
		for _, l := range graph.Levels {
			if key == string(l) {
				levels[l] = c
				isLevel = true
			}
		}
		if !isLevel {
			forms[graph.Form(key)] = c
		}
	}
	return levels, forms
}

func didYouMean(s string, valid []string) string {
	if c := graph.Closest(s, valid, 1); len(c) == 1 && s != "" && graph.IsNear(s, c[0]) {
		return fmt.Sprintf(" (did you mean %q?)", c[0])
	}
	return ""
}
