package config

import "github.com/spf13/viper"

// Check are the thresholds of `ecoscope check` ("is this a Learning
// Community?"), under `check:` in ecoscope.yaml. docs/check.md says how
// each is used; `ecoscope check` refuses values that make no sense (for
// example a share above 1).
type Check struct {
	// MinOrganisations is the number of organisations a unit needs to be
	// interorganisational.
	MinOrganisations int `mapstructure:"min_organisations"`
	// MinDisciplines is the number of professional backgrounds a unit
	// needs to be interprofessional: per partner the disciplines of its
	// people, else its kind, else its helix type.
	MinDisciplines int `mapstructure:"min_disciplines"`
	// MinKnownShare is the share of a unit's partners that must be known
	// by the disciplines of their people or by their kind before too few
	// backgrounds make it not interprofessional; below it, unknown.
	MinKnownShare float64 `mapstructure:"min_known_share"`
	// EcosystemMinHelixTypes is the number of helix types an ecosystem
	// needs for broad representation.
	EcosystemMinHelixTypes int `mapstructure:"ecosystem_min_helix_types"`
	// EcosystemMinChildUnits is the number of units directly beneath an
	// ecosystem (fieldlabs, teams) it needs to fit the ecosystem level.
	EcosystemMinChildUnits int `mapstructure:"ecosystem_min_child_units"`
	// FieldlabMinChildUnits is the number of units directly beneath a unit
	// that make it fit the fieldlab level even with a stable composition.
	FieldlabMinChildUnits int `mapstructure:"fieldlab_min_child_units"`
	// TeamMinStableShare is the share of a unit's own memberships that must
	// be stable (cover the unit's term) for a stable, team-like composition.
	TeamMinStableShare float64 `mapstructure:"team_min_stable_share"`
	// TeamToleranceDays is how many days after the unit's start a stable
	// membership may begin, and before the unit's end it may stop.
	TeamToleranceDays int `mapstructure:"team_tolerance_days"`
}

func checkDefaults(v *viper.Viper) {
	v.SetDefault("check.min_organisations", 2)
	v.SetDefault("check.min_disciplines", 2)
	v.SetDefault("check.min_known_share", 0.8)
	v.SetDefault("check.ecosystem_min_helix_types", 3)
	v.SetDefault("check.ecosystem_min_child_units", 1)
	v.SetDefault("check.fieldlab_min_child_units", 2)
	v.SetDefault("check.team_min_stable_share", 0.8)
	v.SetDefault("check.team_tolerance_days", 31)
}
