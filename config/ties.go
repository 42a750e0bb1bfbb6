package config

import (
	"fmt"

	"github.com/ecoscope/ecoscope/analysis"

	"github.com/spf13/viper"
)

// Ties are the settings of the partner network every analysis builds,
// under `ties:` in ecoscope.yaml.
type Ties struct {
	// MaxUnitSize is the largest number of direct partners a unit may have
	// and still join them by co-membership (the units tie source); a
	// larger unit makes no unit ties. 0 turns the limit off. The flag
	// --max-unit-size and ECOSCOPE_TIES_MAX_UNIT_SIZE override it.
	MaxUnitSize int `mapstructure:"max_unit_size"`
}

// DefaultMaxUnitSize is the default of ties.max_unit_size: that of the
// analyses; docs/metrics.md says why.
const DefaultMaxUnitSize = analysis.DefaultMaxUnitSize

func tiesDefaults(v *viper.Viper) {
	v.SetDefault("ties.max_unit_size", DefaultMaxUnitSize)
}

// Validate checks the ties settings.
func (t Ties) Validate() error {
	if t.MaxUnitSize < 0 || t.MaxUnitSize == 1 {
		return fmt.Errorf("ties.max_unit_size: %d is not a unit size; give 2 or more, or 0 for no limit", t.MaxUnitSize)
	}
	return nil
}
