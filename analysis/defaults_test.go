package analysis_test

import (
	"reflect"
	"testing"

	"github.com/ecoscope/ecoscope/analysis"
	"github.com/ecoscope/ecoscope/config"
)

// TestDefaultOptions checks that the defaults of the analyses are those of
// ecoscope.yaml (package config) and that the zero options mean the same.
func TestDefaultOptions(t *testing.T) {
	if got := analysis.DefaultOptions().MaxUnitSize; got != config.DefaultMaxUnitSize {
		t.Errorf("DefaultOptions().MaxUnitSize = %d, config says %d", got, config.DefaultMaxUnitSize)
	}
	if got := analysis.DefaultGrowthOptions(); got.MaxUnitSize != analysis.DefaultOptions().MaxUnitSize || got.Ties != analysis.DefaultOptions().Ties {
		t.Errorf("DefaultGrowthOptions() = %+v, not the network of DefaultOptions()", got)
	}
	g := analysis.DefaultGapOptions()
	cg := config.DefaultGaps()
	levels, forms := cg.TargetClasses()
	if !reflect.DeepEqual(g.Targets, levels) || !reflect.DeepEqual(g.FormTargets, forms) || g.MinShare != cg.MinShare {
		t.Errorf("DefaultGapOptions() = %+v; config's defaults are %v, %v, %v", g, levels, forms, cg.MinShare)
	}
	if g.Units != nil || g.Top != 0 || g.OnlyGaps || g.MaxCandidates != 0 {
		t.Errorf("DefaultGapOptions() = %+v, want every unit and every candidate", g)
	}
	m := analysis.DefaultMetricsOptions()
	if m.Permutations != analysis.DefaultPermutations || m.ApproxDelta != analysis.DefaultApproxDelta || m.Approx != 0 || m.Seed != 0 {
		t.Errorf("DefaultMetricsOptions() = %+v", m)
	}
}
