// Package config reads ecoscope's settings from ecoscope.yaml, ECOSCOPE_*
// environment variables and command-line flags, in rising order of
// precedence, into one Config.
package config

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/pflag"
	"github.com/spf13/viper"
)

// DefaultStore is the store used when none is configured: an SQLite file in
// the working directory.
const DefaultStore = "ecoscope.db"

// FileName is the configuration file looked for in the working directory
// when no --config is given.
const FileName = "ecoscope.yaml"

// Config is every setting of ecoscope.
type Config struct {
	// Store is where data is kept: the path of an SQLite file.
	Store string `mapstructure:"store"`
	// Gaps are the targets of `ecoscope gaps` (see gaps.go).
	Gaps Gaps `mapstructure:"gaps"`
	// Check are the thresholds of `ecoscope check` (see check.go).
	Check Check `mapstructure:"check"`
	// File is the configuration file that was read, "" when none.
	File string `mapstructure:"-"`
}

// Options say where Load looks.
type Options struct {
	// File is an explicit configuration file (--config); it must exist.
	File string
	// Dir is where ecoscope.yaml is looked for when File is empty.
	Dir string
	// Env returns environment variables (os.LookupEnv when nil).
	Env func(string) (string, bool)
	// Flags are the command-line flags; a flag that was set overrides the
	// file and the environment. Flag names match the keys (e.g. "store").
	Flags *pflag.FlagSet
}

// Load reads the configuration: defaults, then the file, then ECOSCOPE_*
// environment variables, then flags that were set on the command line.
func Load(opts Options) (Config, error) {
	v := viper.New()
	v.SetDefault("store", DefaultStore)
	gapsDefaults(v)
	checkDefaults(v)
	v.SetConfigType("yaml")

	file := opts.File
	if file == "" {
		dir := opts.Dir
		if dir == "" {
			dir = "."
		}
		candidate := dir + string(os.PathSeparator) + FileName
		if _, err := os.Stat(candidate); err == nil {
			file = candidate
		}
	}
	var cfg Config
	if file != "" {
		f, err := os.Open(file)
		if err != nil {
			return Config{}, fmt.Errorf("config: %w", err)
		}
		defer f.Close()
		if err := v.ReadConfig(f); err != nil {
			return Config{}, fmt.Errorf("config %s: %w", file, err)
		}
		if err := checkKeys(v, file); err != nil {
			return Config{}, err
		}
		cfg.File = file
	}

	lookup := opts.Env
	if lookup == nil {
		lookup = os.LookupEnv
	}
	for _, key := range keys {
		if s, ok := lookup("ECOSCOPE_" + strings.ToUpper(key)); ok && s != "" {
			v.Set(key, s)
		}
	}
	if opts.Flags != nil {
		for _, key := range keys {
			if f := opts.Flags.Lookup(key); f != nil && f.Changed {
				v.Set(key, f.Value.String())
			}
		}
	}
	if err := v.Unmarshal(&cfg); err != nil {
		return Config{}, fmt.Errorf("config: %w", err)
	}
	if strings.TrimSpace(cfg.Store) == "" {
		return Config{}, errors.New("config: store is empty; give a file path such as ecoscope.db")
	}
	return cfg, nil
}

// keys are the settings a file, the environment and flags can give.
var keys = []string{"store"}

// sections are the top-level keys that hold nested settings; they are read
// from the file only.
var sections = []string{"gaps", "check"}

func checkKeys(v *viper.Viper, file string) error {
	known := map[string]bool{}
	for _, k := range append(append([]string{}, keys...), sections...) {
		known[k] = true
	}
	for _, k := range v.AllKeys() {
		top := strings.SplitN(k, ".", 2)[0]
		if !known[top] {
			return fmt.Errorf("config %s: unknown setting %q (known: %s)", file, k, strings.Join(keys, ", "))
		}
	}
	return nil
}

// Template is a commented ecoscope.yaml, as `ecoscope init` writes it.
const Template = `# ecoscope configuration. Settings here are overridden by ECOSCOPE_*
# environment variables (e.g. ECOSCOPE_STORE), which are overridden by flags.

# Where imported data is kept: the path of an SQLite file, created on first
# import. Relative paths are relative to the working directory.
store: ecoscope.db

# Targets of ` + "`ecoscope gaps`" + ` (see docs/gaps.md): the helix coverage class a unit
# of each level should reach, and the share below which a helix type present
# in a unit counts as under-represented.
# gaps:
#   targets:
#     ecosystem: quintuple
#     fieldlab: quadruple
#     team: triple
#   min_share: 0.10

# Thresholds of ` + "`ecoscope check`" + ` (see docs/check.md).
# check:
#   min_organisations: 2
#   min_disciplines: 2
#   min_known_share: 0.8
#   ecosystem_min_helix_types: 3
#   ecosystem_min_child_units: 1
#   fieldlab_min_child_units: 2
#   team_min_stable_share: 0.8
#   team_tolerance_days: 31
`
